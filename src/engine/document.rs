//! The story body as blocks: paragraphs, verse, scene breaks, part headings, notes.
//!
//! All block text lives in one string and blocks are ranges into it, so a 50 MB story
//! costs one copy of its text plus a few bytes per block. Paragraphs are already reflowed
//! (see [`super::reflow`]); verse keeps its line breaks as `\n`.

mod breaks;
mod words;

pub use words::count_words;

use super::byline::byline;
use super::lines::{Ending, comment_end, ending, heading, is_scene_break, starts_note};
use super::reflow::{self, Layout, Line, Link as LineLink, Style};
use super::{spacing, tail};

mod refs;
mod rich;

pub use refs::{Link, Refs};
pub use rich::{Inline, RichBlock, Span};

/// What a block of the story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A reflowed paragraph (one line of text).
    Paragraph,
    /// Lines whose breaks are kept: lyrics, poems, a letter's sign-off.
    Verse,
    /// A scene break; its text is the marker as written (empty for a gap of blank lines).
    SceneBreak,
    /// A part or chapter heading, tidied (`Part 3`).
    Heading,
    /// An author's note (`A/N: ...`) or a table of contents, apart from the story.
    Note,
    /// The closing line (`The End`, `TBC`).
    Ending,
    /// A paragraph of a block quote (a letter, an epigraph), set in from the margin.
    Quote,
    /// An item of a list; an ordered list's number starts its text (`3. `).
    ListItem,
    /// An image, never fetched: its text is the alt text (or the file's name).
    Image,
}

/// One block: its kind and where its text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    start: u32,
    end: u32,
}

/// A part or chapter: an entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    /// The heading as shown (`Part 3`, `Chapter 2: Home`).
    pub title: String,
    /// Index of the heading block.
    pub block: usize,
}

/// A story body, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    text: String,
    blocks: Vec<Block>,
    parts: Vec<Part>,
    words: usize,
    hard_wrapped: bool,
    ending: Option<Ending>,
    /// Styled runs of text (EPUB and HTML only), in text order: see [`rich`].
    spans: Vec<rich::Stored>,
    /// Links, anchors and pictures (EPUB and HTML only): see [`refs`].
    refs: refs::Stored,
}

impl Document {
    /// The blocks in reading order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The text of a block.
    pub fn text(&self, block: &Block) -> &str {
        self.text
            .get(block.start as usize..block.end as usize)
            .unwrap_or("")
    }

    /// All block text, concatenated in reading order (no separators between blocks).
    pub fn full_text(&self) -> &str {
        &self.text
    }

    /// Where a block's text starts in [`Document::full_text`]: also how far into the story
    /// it is, by text.
    pub fn text_offset(&self, block: &Block) -> usize {
        block.start as usize
    }

    /// The part and chapter headings: the table of contents.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Words in the story text (paragraphs, verse, notes and headings).
    pub fn words(&self) -> usize {
        self.words
    }

    /// True when the file was hard-wrapped and its lines were joined back.
    pub fn hard_wrapped(&self) -> bool {
        self.hard_wrapped
    }

    /// The closing line's verdict, if the story has one.
    pub fn ending(&self) -> Option<Ending> {
        self.ending
    }

    /// How many blocks are of `kind`.
    pub fn count(&self, kind: BlockKind) -> usize {
        self.blocks.iter().filter(|b| b.kind == kind).count()
    }

    /// Takes the story's own title off the front of its part headings in the table of
    /// contents (`A CHRISTMAS STORY -- Part 1` is `Part 1` there); the heading in the text
    /// stays as written.
    pub fn drop_title_from_parts(&mut self, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            return;
        }
        for part in &mut self.parts {
            let Some(head) = part.title.get(..title.len()) else {
                continue;
            };
            let rest = part.title[title.len()..].trim_start_matches(|c: char| {
                c.is_whitespace() || "-:,.~*\u{2013}\u{2014}".contains(c)
            });
            let separated = part.title[title.len()..].starts_with(|c: char| !c.is_alphanumeric());
            if head.eq_ignore_ascii_case(title)
                && separated
                && rest.chars().any(char::is_alphanumeric)
            {
                part.title = rest.to_string();
            }
        }
    }

    /// The writers named under the part headings (a round robin's `Part Two` / `By Jo`),
    /// each once, in order.
    pub fn part_authors(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for pair in self.blocks.windows(2) {
            if pair[0].kind == BlockKind::Heading
                && pair[1].kind == BlockKind::Note
                && let Some(name) = byline(self.text(&pair[1]))
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        names
    }

    /// Scene breaks marked by a symbol line (`* * *`), as archive readers count them.
    pub fn marked_scene_breaks(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::SceneBreak && b.end > b.start)
            .count()
    }

    /// Scene breaks marked only by a wider gap of blank lines.
    pub fn scene_gaps(&self) -> usize {
        self.count(BlockKind::SceneBreak) - self.marked_scene_breaks()
    }

    fn push(&mut self, kind: BlockKind, text: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        self.finish(kind, start);
    }

    /// Records the text appended since `start` as a block.
    fn finish(&mut self, kind: BlockKind, start: usize) {
        let end = self.text.len();
        if !matches!(kind, BlockKind::SceneBreak | BlockKind::Image) {
            self.words += count_words(&self.text[start..end]);
        }
        // Stories are capped far below 4 GiB (see `MAX_STORY_BYTES`), so offsets fit u32.
        let (start, end) = (to_u32(start), to_u32(end));
        self.blocks.push(Block { kind, start, end });
    }

    /// Rebuilds the text from the blocks' ranges, after blocks were dropped, so that it
    /// holds exactly the block text (a dropped `* * *` left behind would throw off
    /// [`Document::text_offset`] as a measure of how far into the story a block is).
    fn compact_text(&mut self) {
        let mut text = String::with_capacity(self.text.len());
        let mut moves = Vec::new();
        let rich = !self.spans.is_empty() || !self.refs.is_empty();
        for block in &mut self.blocks {
            let start = text.len();
            if rich {
                moves.push((block.start, block.end, to_u32(start)));
            }
            text.push_str(
                self.text
                    .get(block.start as usize..block.end as usize)
                    .unwrap_or(""),
            );
            (block.start, block.end) = (to_u32(start), to_u32(text.len()));
        }
        self.text = text;
        if !self.spans.is_empty() {
            self.spans = rich::remap(&self.spans, &moves);
        }
        if !self.refs.is_empty() {
            self.refs.remap(&moves, to_u32(self.text.len()));
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Builds the document from the body's lines (blank lines are empty strings).
pub fn build(all_lines: &[&str]) -> Document {
    let end = tail::story_end(all_lines);
    let spaced = spacing::undo(&all_lines[..end]);
    let raw_lines: &[&str] = &spaced;
    let lines: Vec<Line<'_>> = raw_lines.iter().map(|l| Line::new(l)).collect();
    let layout = reflow::analyse(&lines);
    let total: usize = raw_lines.iter().map(|l| l.len() + 1).sum();
    let mut doc = Document {
        text: String::with_capacity(total),
        hard_wrapped: layout.style == Style::Wrapped,
        ..Document::default()
    };
    let wide_gaps_break = wide_gaps_are_rare(&lines, layout.usual_gap + 2);
    let mut joins = 0;
    let mut i = 0;
    let mut gap = 0;
    while i < lines.len() {
        if lines[i].chars == 0 {
            gap += 1;
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].chars > 0 {
            i += 1;
        }
        if wide_gaps_break && gap >= layout.usual_gap + 2 && !doc.blocks.is_empty() {
            doc.push(BlockKind::SceneBreak, "");
        }
        gap = 0;
        if is_contents_line(lines[start].text) {
            i = contents_block(&lines, start, &mut doc);
            continue;
        }
        if let Some(after) = comment_end(raw_lines, start) {
            push_lines_as_note(&raw_lines[start..after], &mut doc);
            i = after;
            continue;
        }
        group(&layout, &lines[start..i], &mut doc, &mut joins);
    }
    // Lines joined back into sentences all through the text: it was hard-wrapped, even
    // where its paragraphs are too short for a common width to show.
    let filled = lines.iter().filter(|l| l.chars > 0).count();
    doc.hard_wrapped |= joins * 10 >= filled.max(1) && joins >= 10;
    push_afterword(&all_lines[end..], &mut doc);
    finish(&mut doc);
    doc
}

/// What every document gets once its blocks are in, whatever format they came from: the
/// ending marked, scene breaks that separate nothing tidied away, and headings as parts.
fn finish(doc: &mut Document) {
    finish_ending(doc);
    breaks::tidy_scene_breaks(doc);
    doc.parts = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Heading)
        .map(|(i, b)| Part {
            title: doc.text(b).to_string(),
            block: i,
        })
        .collect();
}

/// A wide gap is a scene break only where wide gaps are rare: in a script that leaves
/// three blank lines after every speech they are its ordinary spacing.
fn wide_gaps_are_rare(lines: &[Line<'_>], wide: usize) -> bool {
    let (mut gaps, mut wide_gaps, mut run) = (0usize, 0usize, 0usize);
    for line in lines {
        if line.chars == 0 {
            run += 1;
            continue;
        }
        if run > 0 {
            gaps += 1;
            wide_gaps += usize::from(run >= wide);
        }
        run = 0;
    }
    wide_gaps * 5 <= gaps.max(10)
}

/// One run of non-blank lines, with the measurements its line breaks are judged by.
struct Group<'a, 'l> {
    layout: &'a Layout,
    lines: &'a [Line<'l>],
    /// The longest line, in characters.
    width: usize,
    /// The smallest indentation.
    min_indent: usize,
}

impl Group<'_, '_> {
    /// True when line `k` directly continues a hard-wrapped line, so that a `Chapter 12.`
    /// there is the end of a sentence, not a heading.
    fn continues_wrap(&self, k: usize) -> bool {
        k > 0
            && self.layout.style == Style::Wrapped
            && self.lines[k - 1].chars * 10 >= self.width * 6
    }

    fn heading_at(&self, k: usize) -> Option<String> {
        if self.continues_wrap(k) {
            None
        } else {
            heading(self.lines[k].text)
        }
    }
}

/// Turns one run of non-blank lines into blocks.
fn group(layout: &Layout, lines: &[Line<'_>], doc: &mut Document, joins: &mut usize) {
    let g = Group {
        layout,
        lines,
        width: lines.iter().map(|l| l.chars).max().unwrap_or(0),
        min_indent: lines.iter().map(|l| l.indent).min().unwrap_or(0),
    };
    let mut k = 0;
    while k < lines.len() {
        if let Some(title) = g.heading_at(k) {
            k += push_heading(title, &lines[k + 1..], doc);
        } else if is_scene_break(lines[k].text) {
            doc.push(BlockKind::SceneBreak, lines[k].text.trim());
            k += 1;
        } else {
            k = text_run(&g, k, doc, joins);
        }
    }
}

/// Pushes a heading, taking a short title from the line after it when that line ends the
/// group (`Chapter 1` / `The Beginning`). Returns how many lines were used.
fn push_heading(title: String, rest: &[Line<'_>], doc: &mut Document) -> usize {
    if let Some(by) = rest.first().filter(|l| byline(l.text).is_some()) {
        // The part's own byline (a round robin's writer): a note under the heading.
        doc.push(BlockKind::Heading, &title);
        doc.push(BlockKind::Note, by.text.trim());
        return 2;
    }
    if let [next] = rest {
        let t = next.text.trim();
        let title_like = next.chars <= 60
            && !next.ends_sentence()
            && !t.ends_with([',', ';', ':'])
            && t.starts_with(|c: char| c.is_uppercase())
            && heading(t).is_none()
            && !is_scene_break(t);
        if title_like && !title.contains(':') {
            doc.push(BlockKind::Heading, &format!("{title}: {t}"));
            return 2;
        }
    }
    doc.push(BlockKind::Heading, &title);
    1
}

/// Emits the paragraph or verse that starts at line `k`; returns the index after it.
fn text_run(g: &Group<'_, '_>, k: usize, doc: &mut Document, joins: &mut usize) -> usize {
    let lines = g.lines;
    let mut links = Vec::new();
    let mut end = k + 1;
    while end < lines.len() {
        if g.heading_at(end).is_some() || is_scene_break(lines[end].text) {
            break;
        }
        match reflow::link(
            g.layout,
            &lines[end - 1],
            &lines[end],
            g.width,
            g.min_indent,
        ) {
            LineLink::Break => break,
            l => links.push(l),
        }
        end += 1;
    }
    let run = &lines[k..end];
    let verse = links.contains(&LineLink::Verse);
    *joins += links.iter().filter(|l| **l == LineLink::Join).count();
    if verse && !reflow::run_is_verse(g.layout, run) {
        // Short lines of dialogue: each its own paragraph, but a sentence broken across
        // lines (a `Join`) stays whole.
        let mut from = 0;
        for (j, link) in links.iter().enumerate() {
            if *link != LineLink::Join {
                push_paragraph(&run[from..=j], &links[from..j], doc);
                from = j + 1;
            }
        }
        push_paragraph(&run[from..], &links[from..], doc);
    } else {
        push_paragraph(run, &links, doc);
    }
    end
}

/// Appends lines as one block, joined by `links` (a `Verse` link keeps the line break).
fn push_paragraph(run: &[Line<'_>], links: &[LineLink], doc: &mut Document) {
    let start = doc.text.len();
    let verse = links.contains(&LineLink::Verse);
    for (j, line) in run.iter().enumerate() {
        let t = line.text.trim();
        if j > 0 {
            match links.get(j - 1) {
                Some(LineLink::Verse) => doc.text.push('\n'),
                _ if doc.text.ends_with('-') => {}
                _ => doc.text.push(' '),
            }
        }
        if verse {
            // A poem's spacing inside its lines may be the poet's.
            doc.text.push_str(t);
        } else {
            push_prose(&mut doc.text, t);
        }
    }
    let text = &doc.text[start..];
    let kind = if starts_note(text) {
        BlockKind::Note
    } else if links.contains(&LineLink::Verse) {
        BlockKind::Verse
    } else {
        BlockKind::Paragraph
    };
    doc.finish(kind, start);
}

/// Appends a line of prose with each run of spaces and tabs inside it as one space: the
/// two spaces a typist put after a full stop, or words spaced out to justify a line, are
/// not kept once the text is reflowed.
fn push_prose(out: &mut String, line: &str) {
    let b = line.as_bytes();
    if memchr::memmem::find(b, b"  ").is_none() && memchr::memchr(b'\t', b).is_none() {
        out.push_str(line);
        return;
    }
    let mut space = false;
    for (i, c) in line.char_indices() {
        if c == ' ' || c == '\t' {
            space = true;
            continue;
        }
        if space && i > 0 {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
}

fn is_contents_line(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':');
    t.eq_ignore_ascii_case("table of contents") || t.eq_ignore_ascii_case("contents")
}

/// A table of contents (FanFicFare writes one): the title line and the indented or
/// heading-like entries after it become one note, so they don't count as parts.
fn contents_block(lines: &[Line<'_>], start: usize, doc: &mut Document) -> usize {
    let begin = doc.text.len();
    doc.text.push_str(lines[start].text.trim());
    let mut i = start + 1;
    let mut last = i;
    let mut after_blank = false;
    while i < lines.len() {
        let l = &lines[i];
        if l.chars == 0 {
            after_blank = true;
            i += 1;
            continue;
        }
        // Entries are indented, or follow the title without a blank line between.
        if l.indent == 0 && after_blank || l.chars > 80 {
            break;
        }
        doc.text.push('\n');
        doc.text.push_str(l.text.trim());
        i += 1;
        last = i;
    }
    doc.finish(BlockKind::Note, begin);
    last
}

/// What follows the story's end (an afterword, a signature) as one note, its rules left
/// out, so nothing there counts as story or as a scene break.
fn push_afterword(rest: &[&str], doc: &mut Document) {
    push_lines_as_note(rest, doc);
}

/// Lines kept together as one note (their blank lines and rules left out).
fn push_lines_as_note(rest: &[&str], doc: &mut Document) {
    let kept: Vec<&str> = rest
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !is_scene_break(l))
        .collect();
    if kept.is_empty() {
        return;
    }
    let start = doc.text.len();
    doc.text.push_str(&kept.join("\n"));
    doc.finish(BlockKind::Note, start);
}

/// Marks the closing line (`The End`, `TBC`) among the last few blocks.
fn finish_ending(doc: &mut Document) {
    let n = doc.blocks.len();
    for i in (n.saturating_sub(3)..n).rev() {
        let b = doc.blocks[i];
        if b.kind != BlockKind::Paragraph {
            continue;
        }
        if let Some(e) = ending(doc.text(&b)) {
            doc.blocks[i].kind = BlockKind::Ending;
            doc.ending = Some(e);
            return;
        }
    }
}

#[cfg(test)]
mod tests;
