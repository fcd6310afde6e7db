//! The story body as blocks: paragraphs, verse, scene breaks, part headings, notes.
//!
//! All block text lives in one string and blocks are ranges into it, so a 50 MB story
//! costs one copy of its text plus a few bytes per block. Paragraphs are already reflowed
//! (see [`super::reflow`]); verse keeps its line breaks as `\n`.

mod breaks;
mod build;
mod plan;
mod words;

pub use build::{Planned, build, plan};

pub use words::count_words;

use super::byline::byline;
use super::lines::{Ending, ending};

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
    /// True when the blocks' ranges follow one another through the text, each within it
    /// and on char boundaries: then text can be moved down block by block in place.
    fn blocks_in_order(&self) -> bool {
        let t = &self.text;
        let fits = |b: &Block| {
            b.start <= b.end
                && t.is_char_boundary(b.start as usize)
                && t.is_char_boundary(b.end as usize)
        };
        self.blocks.iter().all(fits) && self.blocks.windows(2).all(|w| w[0].end <= w[1].start)
    }

    fn compact_text(&mut self) {
        let mut moves = Vec::new();
        let rich = !self.spans.is_empty() || !self.refs.is_empty();
        if !self.blocks_in_order() {
            let mut text = String::with_capacity(self.text.len());
            for block in &mut self.blocks {
                let start = text.len();
                if rich {
                    moves.push((block.start, block.end, to_u32(start)));
                }
                let old = self.text.get(block.start as usize..block.end as usize);
                text.push_str(old.unwrap_or(""));
                (block.start, block.end) = (to_u32(start), to_u32(text.len()));
            }
            self.text = text;
        } else {
            // Blocks in text order each move down within the same buffer: one copy.
            let mut bytes = std::mem::take(&mut self.text).into_bytes();
            let mut written = 0;
            for block in &mut self.blocks {
                let (start, end) = (block.start as usize, block.end as usize);
                if rich {
                    moves.push((block.start, block.end, to_u32(written)));
                }
                bytes.copy_within(start..end, written);
                (block.start, block.end) = (to_u32(written), to_u32(written + end - start));
                written += end - start;
            }
            bytes.truncate(written);
            self.text = laid_text(bytes);
        }
        if !self.spans.is_empty() {
            self.spans = rich::remap(&self.spans, &moves);
        }
        if !self.refs.is_empty() {
            self.refs.remap(&moves, to_u32(self.text.len()));
        }
    }
}

/// Text laid down in place (see [`plan`], [`Document::compact_text`] and
/// [`Document::restyled`]): whole `str`s end to end, so valid without a check of every
/// byte (which would be another pass over a story that may be 500 MB).
fn laid_text(bytes: Vec<u8>) -> String {
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: every caller only copies whole `str`s (ranges that begin and end at char
    // boundaries of valid text, or `String`s) to the front of `bytes` and truncates it
    // after the last of them, so `bytes` holds valid UTF-8.
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// The text of a range of `bytes` that still holds, untouched, a whole `str` of valid
/// text (a block not yet moved; see [`Document::restyled`]).
fn laid_str(bytes: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: callers pass a block's range of text not yet written over: a `str` of the
    // valid text it was cut from, at char boundaries.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
