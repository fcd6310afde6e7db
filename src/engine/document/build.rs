//! Building a document from a text file's body: the story's end found, spaced-out lines
//! closed up, the paragraph style read, then each run of lines judged: a heading, a scene
//! break, a table of contents, verse kept line by line, or prose reflowed into paragraphs
//! (a typist's two spaces made one). The text is planned while the lines are borrowed and
//! written once they are let go (see [`super::plan`]), in the story's own buffer.

use super::plan::Plan;
use super::{Block, BlockKind, Document, count_words, finish, to_u32};
use crate::engine::byline::byline;
use crate::engine::front::comment_paragraphs;
use crate::engine::lines::{comment_end, heading, is_scene_break, starts_note};
use crate::engine::reflow::{self, Layout, Line, Link as LineLink, Style};
use crate::engine::{spacing, tail};

/// A document planned from borrowed lines, to be written over the text they came from.
#[derive(Debug, Default)]
pub struct Planned {
    plan: Plan,
    blocks: Vec<Block>,
    /// Paragraphs and verse that are an author's note if their text opens like one:
    /// decided once the text is written.
    maybe_notes: Vec<usize>,
    hard_wrapped: bool,
}

impl Planned {
    fn push(&mut self, kind: BlockKind, text: &str) {
        let start = self.plan.len();
        self.plan.push_str(text);
        self.finish(kind, start);
    }

    /// Records the text planned since `start` as a block.
    fn finish(&mut self, kind: BlockKind, start: usize) {
        let end = self.plan.len();
        self.blocks.push(Block {
            kind,
            start: to_u32(start),
            end: to_u32(end),
        });
    }

    /// The document, its text written over `source` (the text the lines came from, now
    /// free to be written over; any other text is copied from).
    pub fn write(self, source: String) -> Document {
        let mut doc = Document {
            text: self.plan.write(source),
            blocks: self.blocks,
            hard_wrapped: self.hard_wrapped,
            ..Document::default()
        };
        for i in self.maybe_notes {
            if starts_note(doc.text(&doc.blocks[i])) {
                doc.blocks[i].kind = BlockKind::Note;
            }
        }
        doc.words = (doc.blocks.iter())
            .filter(|b| !matches!(b.kind, BlockKind::SceneBreak | BlockKind::Image))
            .map(|b| count_words(doc.text(b)))
            .sum();
        finish(&mut doc);
        doc
    }
}

/// Builds the document from the body's lines (blank lines are empty strings).
pub fn build(all_lines: &[&str]) -> Document {
    plan(all_lines, "").write(String::new())
}

/// Plans the document from the body's lines, which lie in `source` (lines from elsewhere
/// are copied), to be written over `source` with [`Planned::write`].
pub fn plan(all_lines: &[&str], source: &str) -> Planned {
    let end = tail::story_end(all_lines);
    let spaced = spacing::undo(&all_lines[..end]);
    let raw_lines: &[&str] = &spaced;
    let lines: Vec<Line<'_>> = raw_lines.iter().map(|l| Line::new(l)).collect();
    let layout = reflow::analyse(&lines);
    let mut doc = Planned {
        plan: Plan::over(source),
        hard_wrapped: layout.style == Style::Wrapped,
        ..Planned::default()
    };
    let wide_gaps_break = wide_gaps_are_rare(&lines, layout.usual_gap + 2);
    let mut joins = 0;
    let mut i = 0;
    let mut gap = 0;
    while i < lines.len() {
        if lines[i].chars() == 0 {
            gap += 1;
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].chars() > 0 {
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
    let filled = lines.iter().filter(|l| l.chars() > 0).count();
    doc.hard_wrapped |= joins * 10 >= filled.max(1) && joins >= 10;
    push_afterword(&all_lines[end..], &mut doc);
    doc
}

/// A wide gap is a scene break only where wide gaps are rare: in a script that leaves
/// three blank lines after every speech they are its ordinary spacing.
fn wide_gaps_are_rare(lines: &[Line<'_>], wide: usize) -> bool {
    let (mut gaps, mut wide_gaps, mut run) = (0usize, 0usize, 0usize);
    for line in lines {
        if line.chars() == 0 {
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
            && self.lines[k - 1].chars() * 10 >= self.width * 6
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
fn group(layout: &Layout, lines: &[Line<'_>], doc: &mut Planned, joins: &mut usize) {
    let g = Group {
        layout,
        lines,
        width: lines.iter().map(|l| l.chars()).max().unwrap_or(0),
        min_indent: lines.iter().map(|l| l.indent()).min().unwrap_or(0),
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
fn push_heading(title: String, rest: &[Line<'_>], doc: &mut Planned) -> usize {
    if let Some(by) = rest.first().filter(|l| byline(l.text).is_some()) {
        // The part's own byline (a round robin's writer): a note under the heading.
        doc.push(BlockKind::Heading, &title);
        doc.push(BlockKind::Note, by.text.trim());
        return 2;
    }
    if let [next] = rest {
        let t = next.text.trim();
        let title_like = next.chars() <= 60
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
fn text_run(g: &Group<'_, '_>, k: usize, doc: &mut Planned, joins: &mut usize) -> usize {
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
fn push_paragraph(run: &[Line<'_>], links: &[LineLink], doc: &mut Planned) {
    let start = doc.plan.len();
    let verse = links.contains(&LineLink::Verse);
    for (j, line) in run.iter().enumerate() {
        let t = line.text.trim();
        if j > 0 {
            match links.get(j - 1) {
                Some(LineLink::Verse) => doc.plan.push('\n'),
                _ if doc.plan.ends_with(b'-') => {}
                _ => doc.plan.push(' '),
            }
        }
        if verse {
            // A poem's spacing inside its lines may be the poet's.
            doc.plan.push_str(t);
        } else {
            push_prose(&mut doc.plan, t);
        }
    }
    // An author's note if it opens like one, once its text is written.
    doc.maybe_notes.push(doc.blocks.len());
    let kind = if verse {
        BlockKind::Verse
    } else {
        BlockKind::Paragraph
    };
    doc.finish(kind, start);
}

/// Appends a trimmed line of prose with each run of spaces and tabs inside it as one
/// space: the two spaces a typist put after a full stop, or words spaced out to justify a
/// line, are not kept once the text is reflowed. What is kept is planned by its place.
fn push_prose(out: &mut Plan, line: &str) {
    let b = line.as_bytes();
    if memchr::memmem::find(b, b"  ").is_none() && memchr::memchr(b'\t', b).is_none() {
        out.push_str(line);
        return;
    }
    let blank = |c: u8| c == b' ' || c == b'\t';
    let (mut kept, mut i) = (0, 0);
    while i < b.len() {
        if !blank(b[i]) {
            i += 1;
            continue;
        }
        let run = i;
        while i < b.len() && blank(b[i]) {
            i += 1;
        }
        if i - run == 1 && b[run] == b' ' {
            continue;
        }
        out.push_str(&line[kept..run]);
        if run > 0 && i < b.len() {
            out.push(' ');
        }
        kept = i;
    }
    out.push_str(&line[kept..]);
}

fn is_contents_line(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':');
    t.eq_ignore_ascii_case("table of contents") || t.eq_ignore_ascii_case("contents")
}

/// A table of contents (FanFicFare writes one): the title line and the indented or
/// heading-like entries after it become one note, so they don't count as parts.
fn contents_block(lines: &[Line<'_>], start: usize, doc: &mut Planned) -> usize {
    let begin = doc.plan.len();
    doc.plan.push_str(lines[start].text.trim());
    let mut i = start + 1;
    let mut last = i;
    let mut after_blank = false;
    while i < lines.len() {
        let l = &lines[i];
        if l.chars() == 0 {
            after_blank = true;
            i += 1;
            continue;
        }
        // Entries are indented, or follow the title without a blank line between.
        if l.indent() == 0 && after_blank || l.chars() > 80 {
            break;
        }
        doc.plan.push('\n');
        doc.plan.push_str(l.text.trim());
        i += 1;
        last = i;
    }
    doc.finish(BlockKind::Note, begin);
    last
}

/// What follows the story's end (an afterword, a signature) as one note, its rules left
/// out, so nothing there counts as story or as a scene break.
fn push_afterword(rest: &[&str], doc: &mut Planned) {
    push_lines_as_note(rest, doc);
}

/// Lines kept together as one note (their blank lines and rules left out); an aside in
/// it written as a C comment is read as the prose it is, without its `/*`, ` * ` and `*/`.
fn push_lines_as_note(rest: &[&str], doc: &mut Planned) {
    let start = doc.plan.len();
    let line = |doc: &mut Planned, text: &str| {
        if doc.plan.len() > start {
            doc.plan.push('\n');
        }
        doc.plan.push_str(text);
    };
    let mut i = 0;
    while i < rest.len() {
        if let Some(after) = comment_end(rest, i) {
            for paragraph in comment_paragraphs(&rest[i..after]) {
                line(doc, &paragraph);
            }
            i = after;
            continue;
        }
        let l = rest[i].trim();
        if !l.is_empty() && !is_scene_break(l) {
            line(doc, l);
        }
        i += 1;
    }
    if doc.plan.len() > start {
        doc.finish(BlockKind::Note, start);
    }
}
