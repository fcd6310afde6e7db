//! Building a document from a text file's body: the story's end found, spaced-out lines
//! closed up, the paragraph style read, then each run of lines judged: a heading, a scene
//! break, a table of contents, verse kept line by line, or prose reflowed into paragraphs
//! (a typist's two spaces made one).

use super::{BlockKind, Document, finish};
use crate::engine::byline::byline;
use crate::engine::front::comment_paragraphs;
use crate::engine::lines::{comment_end, heading, is_scene_break, starts_note};
use crate::engine::reflow::{self, Layout, Line, Link as LineLink, Style};
use crate::engine::{spacing, tail};

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

/// Lines kept together as one note (their blank lines and rules left out); an aside in
/// it written as a C comment is read as the prose it is, without its `/*`, ` * ` and `*/`.
fn push_lines_as_note(rest: &[&str], doc: &mut Document) {
    let mut kept: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        if let Some(after) = comment_end(rest, i) {
            kept.extend(comment_paragraphs(&rest[i..after]));
            i = after;
            continue;
        }
        let l = rest[i].trim();
        if !l.is_empty() && !is_scene_break(l) {
            kept.push(l.to_string());
        }
        i += 1;
    }
    if kept.is_empty() {
        return;
    }
    let start = doc.text.len();
    doc.text.push_str(&kept.join("\n"));
    doc.finish(BlockKind::Note, start);
}
