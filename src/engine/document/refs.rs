//! Where a block's links go, which places in the story other links can go to, and which
//! picture an image block shows: kept beside the text for EPUB and HTML stories (plain
//! text has none, so its document holds three empty lists).
//!
//! A target is kept as the file wrote it after the reader resolved it: an address with a
//! scheme (`https://...`, `mailto:`) is the web's, never fetched and opened only when the
//! reader clicks it; anything else names a place in the book (`chapter2.xhtml#note1`, or
//! `#note1` in a single HTML file), found among the anchors.

use std::ops::Range;

use super::{Block, Document, to_u32};

/// A link in a block's text as a reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the linked words in the block's text.
    pub range: Range<usize>,
    /// Where it goes.
    pub target: String,
}

/// What a block links to, can be linked to as, and shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refs {
    /// Its links, in order, not overlapping.
    pub links: Vec<Link>,
    /// The names other links reach it by (ids of its elements).
    pub anchors: Vec<String>,
    /// For an image: where the picture is (a path inside the book, or beside the file).
    pub picture: Option<String>,
}

impl Refs {
    /// True when the block has nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.anchors.is_empty() && self.picture.is_none()
    }
}

/// The references of a document, with offsets into its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Stored {
    /// Linked runs: start, end, target; in text order.
    links: Vec<(u32, u32, Box<str>)>,
    /// Anchor names and the offset of the block they name; sorted by name once built.
    anchors: Vec<(Box<str>, u32)>,
    /// The picture of the image block starting at each offset, in text order.
    pictures: Vec<(u32, Box<str>)>,
}

impl Stored {
    pub(super) fn is_empty(&self) -> bool {
        self.links.is_empty() && self.anchors.is_empty() && self.pictures.is_empty()
    }

    /// Adds a block's references; `at` is where its text starts in the document, `lead`
    /// how much was trimmed from the front of the text the ranges count in, `len` its
    /// length once trimmed.
    pub(super) fn add(&mut self, refs: &Refs, at: usize, lead: usize, len: usize) {
        for link in &refs.links {
            let start = link.range.start.saturating_sub(lead).min(len);
            let end = link.range.end.saturating_sub(lead).min(len);
            let after_last = self.links.last().is_none_or(|l| l.1 as usize <= at + start);
            if start < end && after_last && !link.target.is_empty() {
                let target = link.target.as_str().into();
                self.links
                    .push((to_u32(at + start), to_u32(at + end), target));
            }
        }
        for name in &refs.anchors {
            self.anchors.push((name.as_str().into(), to_u32(at)));
        }
        if let Some(picture) = &refs.picture {
            self.pictures.push((to_u32(at), picture.as_str().into()));
        }
    }

    /// Moves every offset after the text was rebuilt (see [`super::rich::remap`]): `moves`
    /// holds each kept block's old range and new start, in order. Links of dropped blocks
    /// go with them; an anchor on a dropped block names the next kept one.
    pub(super) fn remap(&mut self, moves: &[(u32, u32, u32)], text_len: u32) {
        let moved = |offset: u32| {
            let k = moves.partition_point(|&(_, end, _)| end < offset);
            match moves.get(k) {
                Some(&(start, _, new)) if offset >= start => Some(new + (offset - start)),
                Some(&(_, _, new)) => Some(new),
                None => None,
            }
        };
        self.links.retain_mut(|(start, end, _)| {
            let k = moves.partition_point(|&(_, old_end, _)| old_end < *end);
            match moves.get(k) {
                Some(&(old_start, _, new)) if *start >= old_start => {
                    (*start, *end) = (new + (*start - old_start), new + (*end - old_start));
                    true
                }
                _ => false,
            }
        });
        for (_, offset) in &mut self.anchors {
            *offset = moved(*offset).unwrap_or(text_len);
        }
        self.pictures
            .retain_mut(|(offset, _)| moved(*offset).map(|o| *offset = o).is_some());
    }

    /// Sorts the anchors by name for lookups.
    pub(super) fn seal(&mut self) {
        self.anchors.sort_by(|a, b| a.0.cmp(&b.0));
        self.anchors.dedup_by(|later, first| later.0 == first.0);
    }
}

impl Document {
    /// The links in a block, as byte ranges of its text and where each goes.
    pub fn links(&self, block: &Block) -> impl Iterator<Item = (Range<usize>, &str)> + '_ {
        let links = &self.refs.links;
        let first = links.partition_point(|l| l.1 <= block.start);
        let (start, end) = (block.start, block.end);
        links[first..]
            .iter()
            .take_while(move |l| l.0 < end)
            .map(move |l| {
                let range = (l.0.max(start) - start) as usize..(l.1.min(end) - start) as usize;
                (range, &*l.2)
            })
    }

    /// True when any block has a link.
    pub fn has_links(&self) -> bool {
        !self.refs.links.is_empty()
    }

    /// Where the link at byte `at` of a block's text goes, if a link is there.
    pub fn link_at(&self, block: &Block, at: usize) -> Option<&str> {
        self.links(block)
            .find(|(range, _)| range.contains(&at))
            .map(|(_, target)| target)
    }

    /// The picture an image block shows, when the file has it.
    pub fn picture(&self, block: &Block) -> Option<&str> {
        let p = &self.refs.pictures;
        let i = p.partition_point(|(offset, _)| *offset < block.start);
        p.get(i)
            .filter(|(offset, _)| *offset == block.start)
            .map(|(_, src)| &**src)
    }

    /// The index of the block an anchor names (`chapter2.xhtml#note1`, `#note1`).
    pub fn anchor(&self, name: &str) -> Option<usize> {
        let a = &self.refs.anchors;
        let i = a.binary_search_by(|(n, _)| (**n).cmp(name)).ok()?;
        let offset = a[i].1;
        let k = self.blocks.partition_point(|b| b.end <= offset);
        let k = match self.blocks.get(k) {
            Some(b) if b.start <= offset => k,
            _ => self.blocks.partition_point(|b| b.start < offset),
        };
        (k < self.blocks.len()).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, RichBlock};
    use super::*;

    fn link(range: Range<usize>, target: &str) -> Link {
        Link {
            range,
            target: target.into(),
        }
    }

    #[test]
    fn links_anchors_and_pictures_follow_their_blocks() {
        let first = Refs {
            links: vec![link(10..14, "#n1"), link(16..20, "https://example.org/")],
            anchors: vec!["top".into()],
            picture: None,
        };
        let picture = Refs {
            picture: Some("images/map.png".into()),
            ..Refs::default()
        };
        let note = Refs {
            anchors: vec!["n1".into()],
            ..Refs::default()
        };
        let none = Refs::default();
        let d = Document::from_pieces([
            RichBlock::new(BlockKind::SceneBreak, "* * *", &[], &none),
            RichBlock::new(
                BlockKind::Paragraph,
                "  See the note, then here.",
                &[],
                &first,
            ),
            RichBlock::new(BlockKind::Image, "A map", &[], &picture),
            RichBlock::new(BlockKind::Note, "1. The note.", &[], &note),
        ]);
        // The opening break is tidied away: every offset moves with the text.
        let blocks = d.blocks();
        assert_eq!(blocks.len(), 3);
        let links: Vec<_> = d.links(&blocks[0]).collect();
        assert_eq!(&d.text(&blocks[0])[links[0].0.clone()], "note");
        assert_eq!(links[0].1, "#n1");
        assert_eq!(&d.text(&blocks[0])[links[1].0.clone()], "then");
        assert_eq!(d.link_at(&blocks[0], 9), Some("#n1"));
        assert_eq!(d.link_at(&blocks[0], 0), None);
        assert_eq!(d.picture(&blocks[1]), Some("images/map.png"));
        assert_eq!(d.picture(&blocks[0]), None);
        assert_eq!(d.anchor("n1"), Some(2));
        assert_eq!(d.anchor("top"), Some(0));
        assert_eq!(d.anchor("nowhere"), None);
    }

    #[test]
    fn an_anchor_on_a_dropped_block_names_the_next() {
        let named = Refs {
            anchors: vec!["ch2".into()],
            ..Refs::default()
        };
        let none = Refs::default();
        let d = Document::from_pieces([
            RichBlock::new(BlockKind::Paragraph, "One.", &[], &none),
            RichBlock::new(BlockKind::Paragraph, "   ", &[], &named),
            RichBlock::new(BlockKind::Paragraph, "Two.", &[], &none),
        ]);
        assert_eq!(d.anchor("ch2"), Some(1));
    }
}
