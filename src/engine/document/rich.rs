//! Inline styles inside a block: italics, bold, underline, strikethrough, small caps and
//! links, as runs of a block's text. EPUB and HTML mark them; plain text has none, so a
//! text story's document holds no spans and costs nothing more.
//!
//! Spans are kept in one list for the whole document, in text order, never overlapping
//! (each run carries all the styles that apply to it), with offsets into the document's
//! text; [`Document::spans`] gives them back for one block, relative to the block's text.

use std::ops::Range;

use super::refs::Refs;
use super::{Block, BlockKind, Document, finish, to_u32};

/// A set of inline styles, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Inline(u8);

impl Inline {
    /// No style: plain text.
    pub const PLAIN: Inline = Inline(0);
    /// Italic (`<i>`, `<em>`, `<cite>`, `font-style: italic`).
    pub const ITALIC: Inline = Inline(1);
    /// Bold (`<b>`, `<strong>`, `font-weight: bold`).
    pub const BOLD: Inline = Inline(1 << 1);
    /// Underlined (`<u>`, `<ins>`, `text-decoration: underline`).
    pub const UNDERLINE: Inline = Inline(1 << 2);
    /// Struck through (`<s>`, `<strike>`, `<del>`, `text-decoration: line-through`).
    pub const STRIKE: Inline = Inline(1 << 3);
    /// Small capitals (`font-variant: small-caps`).
    pub const SMALL_CAPS: Inline = Inline(1 << 4);
    /// A link (`<a href>`): shown as one, never fetched.
    pub const LINK: Inline = Inline(1 << 5);
    /// Monospaced (`<code>`, `<tt>`, `<kbd>`): texts, chat logs, letters typed out.
    pub const MONO: Inline = Inline(1 << 6);

    /// True when every style of `other` is set.
    pub fn has(self, other: Inline) -> bool {
        self.0 & other.0 == other.0
    }

    /// These styles and those of `other`.
    pub fn with(self, other: Inline) -> Inline {
        Inline(self.0 | other.0)
    }

    /// True for plain text.
    pub fn is_plain(self) -> bool {
        self.0 == 0
    }
}

/// A styled run of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range into the block's text.
    pub range: Range<usize>,
    /// The styles of the run.
    pub style: Inline,
}

/// A span as stored: offsets into the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stored {
    start: u32,
    end: u32,
    style: Inline,
}

impl Document {
    /// The styled runs of a block, in order, relative to [`Document::text`] of the block;
    /// text outside every run is plain.
    pub fn spans(&self, block: &Block) -> impl Iterator<Item = Span> + '_ {
        let first = self.spans.partition_point(|s| s.end <= block.start);
        let (start, end) = (block.start, block.end);
        self.spans[first..]
            .iter()
            .take_while(move |s| s.start < end)
            .map(move |s| Span {
                range: (s.start.max(start) - start) as usize..(s.end.min(end) - start) as usize,
                style: s.style,
            })
    }

    /// True when any block has styled text.
    pub fn has_spans(&self) -> bool {
        !self.spans.is_empty()
    }

    /// Builds a document from blocks already told apart by their markup (an EPUB's or an
    /// HTML file's paragraphs, headings, rules and notes), in reading order. Text is taken
    /// as given (whitespace already collapsed, `\n` only inside verse); empty blocks other
    /// than scene breaks are dropped, scene breaks that separate nothing are tidied away as
    /// for text, headings make the parts, and a closing `The End` marks the ending.
    pub fn from_blocks<'a>(blocks: impl IntoIterator<Item = (BlockKind, &'a str)>) -> Document {
        Document::from_rich_blocks(blocks.into_iter().map(|(k, t)| (k, t, &[][..])))
    }

    /// As [`Document::from_blocks`], with each block's styled runs (ranges into its text as
    /// given, before trimming). Runs that overlap an earlier one, are empty, or don't fall
    /// on character boundaries are left out: the text is always shown, at worst plainer.
    pub fn from_rich_blocks<'a>(
        blocks: impl IntoIterator<Item = (BlockKind, &'a str, &'a [Span])>,
    ) -> Document {
        let none = Refs::default();
        Document::from_pieces(
            blocks
                .into_iter()
                .map(|(kind, text, spans)| RichBlock::new(kind, text, spans, &none)),
        )
    }

    /// As [`Document::from_rich_blocks`], with each block's links, anchors and picture
    /// (see [`super::refs`]). The anchors of a block left out (empty) name the next one.
    pub fn from_pieces<'a>(blocks: impl IntoIterator<Item = RichBlock<'a>>) -> Document {
        let mut doc = Document::default();
        let mut orphans = Refs::default();
        for RichBlock {
            kind,
            text,
            spans,
            refs,
        } in blocks
        {
            let trimmed = text.trim();
            if trimmed.is_empty() && kind != BlockKind::SceneBreak {
                orphans.anchors.extend(refs.anchors.iter().cloned());
                continue;
            }
            let lead = text.len() - text.trim_start().len();
            let at = doc.text.len();
            doc.push(kind, trimmed);
            for span in spans {
                let start = span.range.start.saturating_sub(lead).min(trimmed.len());
                let end = span.range.end.saturating_sub(lead).min(trimmed.len());
                let ok = start < end
                    && trimmed.is_char_boundary(start)
                    && trimmed.is_char_boundary(end)
                    && !span.style.is_plain()
                    && doc
                        .spans
                        .last()
                        .is_none_or(|s| s.end as usize <= at + start);
                if ok {
                    doc.spans.push(Stored {
                        start: to_u32(at + start),
                        end: to_u32(at + end),
                        style: span.style,
                    });
                }
            }
            if !orphans.is_empty() {
                doc.refs
                    .add(&std::mem::take(&mut orphans), at, 0, trimmed.len());
            }
            if !refs.is_empty() {
                doc.refs.add(refs, at, lead, trimmed.len());
            }
        }
        finish(&mut doc);
        doc.refs.seal();
        doc
    }
}

/// One block handed to [`Document::from_pieces`].
pub struct RichBlock<'a> {
    kind: BlockKind,
    text: &'a str,
    spans: &'a [Span],
    refs: &'a Refs,
}

impl<'a> RichBlock<'a> {
    /// A block: its kind, its text, its styled runs and its references.
    pub fn new(kind: BlockKind, text: &'a str, spans: &'a [Span], refs: &'a Refs) -> Self {
        RichBlock {
            kind,
            text,
            spans,
            refs,
        }
    }
}

impl Document {
    /// The document with some blocks' text restyled: `restyle` gets each block's kind and
    /// text and may give back new text with its styled runs (marks taken out of plain
    /// text), or `None` to keep the block as it is. Blocks, parts and the ending stay.
    /// A document that has runs already is returned as it is.
    pub fn restyled(
        mut self,
        mut restyle: impl FnMut(BlockKind, &str) -> Option<(String, Vec<Span>)>,
    ) -> Document {
        if !self.spans.is_empty() || !self.refs.is_empty() {
            return self;
        }
        // Restyling only takes marks out, so each block is written over the text it was
        // read from, behind it: the story is held once. A block that would grow past its
        // own text sends the rest to a new buffer. Blocks out of order are put in order
        // first (by a copy), as moving them in place needs.
        if !self.blocks_in_order() {
            self.compact_text();
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let mut written = 0;
        let mut spill: Option<String> = None;
        let mut spans = Vec::new();
        for block in &mut self.blocks {
            let (start, end) = (block.start as usize, block.end as usize);
            let old = super::laid_str(bytes.get(start..end).unwrap_or(&[]));
            let at = written + spill.as_ref().map_or(0, String::len);
            let restyled = restyle(block.kind, old);
            let new_len = restyled.as_ref().map_or(old.len(), |(new, _)| new.len());
            if spill.is_none() && (start < written || written + new_len > end) {
                spill = Some(String::with_capacity(bytes.len() - start));
            }
            match (&restyled, spill.as_mut()) {
                (Some((new, _)), Some(out)) => out.push_str(new),
                (None, Some(out)) => out.push_str(old),
                (Some((new, _)), None) => {
                    bytes[written..written + new.len()].copy_from_slice(new.as_bytes());
                    written += new.len();
                }
                (None, None) => {
                    bytes.copy_within(start..end, written);
                    written += end - start;
                }
            }
            if let Some((new, runs)) = restyled {
                for run in runs {
                    let ok = run.range.start < run.range.end
                        && new.is_char_boundary(run.range.start)
                        && new.is_char_boundary(run.range.end)
                        && run.range.end <= new.len()
                        && !run.style.is_plain()
                        && spans
                            .last()
                            .is_none_or(|s: &Stored| s.end as usize <= at + run.range.start);
                    if ok {
                        spans.push(Stored {
                            start: to_u32(at + run.range.start),
                            end: to_u32(at + run.range.end),
                            style: run.style,
                        });
                    }
                }
            }
            (block.start, block.end) = (to_u32(at), to_u32(at + new_len));
        }
        bytes.truncate(written);
        if let Some(rest) = spill {
            bytes.extend_from_slice(rest.as_bytes());
        }
        self.text = super::laid_text(bytes);
        self.spans = spans;
        self
    }
}

/// The spans after the text was rebuilt: `moves` holds each kept block's old range and new
/// start, in order; spans of dropped blocks go with them.
pub(super) fn remap(spans: &[Stored], moves: &[(u32, u32, u32)]) -> Vec<Stored> {
    let mut out = Vec::with_capacity(spans.len());
    let mut s = 0;
    for &(old_start, old_end, new_start) in moves {
        while s < spans.len() && spans[s].start < old_start {
            s += 1;
        }
        while s < spans.len() && spans[s].end <= old_end {
            let span = spans[s];
            out.push(Stored {
                start: span.start - old_start + new_start,
                end: span.end - old_start + new_start,
                style: span.style,
            });
            s += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(range: Range<usize>, style: Inline) -> Span {
        Span { range, style }
    }

    #[test]
    fn spans_come_back_per_block_relative_to_its_text() {
        let a = [span(4..8, Inline::ITALIC)];
        let b = [span(0..3, Inline::BOLD), span(4..9, Inline::STRIKE)];
        let d = Document::from_rich_blocks([
            (BlockKind::Paragraph, "  A very fine day.", &a[..]),
            (BlockKind::Paragraph, "Not quite yet.", &b[..]),
        ]);
        let blocks = d.blocks();
        let first: Vec<Span> = d.spans(&blocks[0]).collect();
        assert_eq!(first, [span(2..6, Inline::ITALIC)]);
        assert_eq!(&d.text(&blocks[0])[2..6], "very");
        let second: Vec<Span> = d.spans(&blocks[1]).collect();
        assert_eq!(second, b);
    }

    #[test]
    fn bad_spans_are_left_out_and_the_text_kept() {
        let s = [
            span(0..1, Inline::ITALIC), // inside the é
            span(3..3, Inline::BOLD),
            span(3..99, Inline::BOLD),
            span(4..6, Inline::ITALIC), // overlaps the one before
        ];
        let d = Document::from_rich_blocks([(BlockKind::Paragraph, "éa bcdef", &s[..])]);
        let b = d.blocks()[0];
        assert_eq!(d.text(&b), "éa bcdef");
        let kept: Vec<Span> = d.spans(&b).collect();
        assert_eq!(kept, [span(3..9, Inline::BOLD)]);
    }

    #[test]
    fn spans_follow_their_blocks_when_breaks_are_tidied_away() {
        let i = [span(0..4, Inline::ITALIC)];
        let d = Document::from_rich_blocks([
            (BlockKind::SceneBreak, "* * *", &[][..]),
            (BlockKind::Paragraph, "Wind in the wires.", &i[..]),
            (BlockKind::SceneBreak, "~~~", &[][..]),
        ]);
        assert_eq!(d.blocks().len(), 1);
        let b = d.blocks()[0];
        let spans: Vec<Span> = d.spans(&b).collect();
        assert_eq!(spans, i);
        assert_eq!(&d.text(&b)[0..4], "Wind");
    }
}
