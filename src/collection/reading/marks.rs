//! The reader's own marks in a story: bookmarks, highlights in four colours, and notes on
//! highlights. A mark's place is an [`Anchor`]: the block and the byte offset in it where
//! the marked text starts (which no change of font, size, width or reading mode moves),
//! plus the quoted text and a few words either side of it, so that a re-saved file in which
//! text was added or removed before the passage still finds it: the quote is looked for
//! again, the occurrence whose surroundings match best and that lies nearest the old place
//! winning.

use std::ops::Range;

use crate::collection::ContentHash;
use crate::engine::Document;

/// How much text either side of a quote is kept to tell repeated passages apart.
const CONTEXT_BYTES: usize = 40;
/// How much of the text at a bookmark is kept as its quote.
const BOOKMARK_QUOTE_BYTES: usize = 120;
/// Occurrences of a quote weighed when re-anchoring; more are not looked at.
const MAX_CANDIDATES: usize = 10_000;

/// A highlight's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// The usual marker.
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
}

impl Colour {
    /// Every colour, in the order the menu shows them (keys 1 to 4).
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    /// The word shown for it, and the database's name for it.
    pub fn key(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
        }
    }

    /// The colour the database names `key`; an unknown one (a later version's) reads as
    /// yellow.
    pub fn from_key(key: &str) -> Colour {
        Colour::ALL
            .into_iter()
            .find(|c| c.key() == key)
            .unwrap_or(Colour::Yellow)
    }
}

/// What a mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// A place to come back to.
    Bookmark,
    /// A passage marked in a colour (and perhaps with a note).
    Highlight(Colour),
}

/// Where a mark is in a story, in terms that survive a change of layout and a re-saved file.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// The story block the marked text starts in.
    pub block: usize,
    /// Byte offset in that block's text.
    pub offset: usize,
    /// The marked text (for a bookmark, the text from its place on, shortened).
    pub quote: String,
    /// A few words before the quote.
    pub before: String,
    /// A few words after it.
    pub after: String,
}

impl Anchor {
    /// The anchor of `range` (bytes of [`Document::full_text`]); `None` for a range outside
    /// the text or not on character boundaries.
    pub fn of_range(doc: &Document, range: Range<usize>) -> Option<Anchor> {
        let text = doc.full_text();
        let quote = text.get(range.clone())?;
        let block = block_at(doc, range.start)?;
        Some(Anchor {
            block,
            offset: range.start - doc.text_offset(&doc.blocks()[block]),
            quote: quote.to_string(),
            before: tail(&text[..range.start], CONTEXT_BYTES).to_string(),
            after: head(&text[range.end..], CONTEXT_BYTES).to_string(),
        })
    }

    /// The anchor of a bookmark at the start of story block `block`.
    pub fn of_block(doc: &Document, block: usize) -> Option<Anchor> {
        let b = doc.blocks().get(block)?;
        let start = doc.text_offset(b);
        let end = start + head(doc.text(b), BOOKMARK_QUOTE_BYTES).len();
        Anchor::of_range(doc, start..end)
    }

    /// Where the marked text is in `doc` (bytes of its full text): where it was if it is
    /// still there, else the occurrence of the quote whose surroundings match best, the
    /// nearest to the old place among equals. `None` when the quote is gone.
    pub fn locate(&self, doc: &Document) -> Option<Range<usize>> {
        let text = doc.full_text();
        let old = doc
            .blocks()
            .get(self.block)
            .map_or(text.len(), |b| doc.text_offset(b) + self.offset);
        if text.get(old..old + self.quote.len()) == Some(self.quote.as_str()) {
            return Some(old..old + self.quote.len());
        }
        if self.quote.is_empty() {
            return None;
        }
        let best = |quote: &str| {
            let score = |at: usize| {
                let before = common_suffix(&text[..at], &self.before);
                let after = common_prefix(&text[at + quote.len()..], &self.after);
                (before + after, std::cmp::Reverse(at.abs_diff(old)))
            };
            memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes())
                .take(MAX_CANDIDATES)
                .max_by_key(|&at| score(at))
                .map(|at| at..at + quote.len())
        };
        best(&self.quote).or_else(|| {
            // Marked before reflowed prose kept a typist's two spaces as one.
            let spaced = self.quote.contains("  ") || self.quote.contains('\t');
            let single = self.quote.split([' ', '\t']).filter(|w| !w.is_empty());
            spaced
                .then(|| best(&single.collect::<Vec<_>>().join(" ")))
                .flatten()
        })
    }

    /// This anchor moved to where [`Anchor::locate`] found its text, so that the next look
    /// is a direct hit.
    pub fn moved_to(&self, doc: &Document, range: Range<usize>) -> Anchor {
        Anchor::of_range(doc, range).unwrap_or_else(|| self.clone())
    }
}

/// One mark, as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mark {
    /// Its number in the database.
    pub id: i64,
    /// The story's content fingerprint.
    pub hash: ContentHash,
    /// Bookmark or highlight.
    pub kind: MarkKind,
    /// Where it is.
    pub anchor: Anchor,
    /// The reader's note (empty for none).
    pub note: String,
    /// When it was made (seconds since 1970).
    pub created_secs: u64,
    /// The story's title, author and file when the mark was made: for the Marks view and
    /// export, which list marks of stories that are not open.
    pub title: String,
    /// See `title`.
    pub author: String,
    /// See `title`.
    pub path: String,
}

/// The story block holding byte `at` of the full text.
pub fn block_at(doc: &Document, at: usize) -> Option<usize> {
    let blocks = doc.blocks();
    let i = blocks
        .partition_point(|b| doc.text_offset(b) <= at)
        .checked_sub(1)?;
    Some(i)
}

/// At most `max` bytes from the end of `s`, starting on a word (or at least a character).
fn tail(s: &str, max: usize) -> &str {
    let mut from = s.len().saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let cut = &s[from..];
    match cut.find(char::is_whitespace) {
        Some(space) if from > 0 && space + 1 < cut.len() => &cut[space + 1..],
        _ => cut,
    }
}

/// At most `max` bytes from the start of `s`, ending on a word (or at least a character).
fn head(s: &str, max: usize) -> &str {
    let mut to = s.len().min(max);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    let cut = &s[..to];
    match cut.rfind(char::is_whitespace) {
        Some(space) if to < s.len() && space > 0 => &cut[..space],
        _ => cut,
    }
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Story;

    fn doc(text: &str) -> Document {
        Story::parse(text.as_bytes(), "t.txt").unwrap().document
    }

    fn range_of(d: &Document, needle: &str) -> Range<usize> {
        let at = d.full_text().find(needle).unwrap();
        at..at + needle.len()
    }

    const STORY: &str = "The rain came early that year.\n\n\
        She kept the lamp lit by the window.\n\n\
        He said nothing, and the kettle sang.\n\n\
        She kept the lamp lit by the door.\n";

    #[test]
    fn an_anchor_is_found_where_it_was() {
        let d = doc(STORY);
        let r = range_of(&d, "the kettle sang");
        let a = Anchor::of_range(&d, r.clone()).unwrap();
        assert_eq!(a.quote, "the kettle sang");
        assert_eq!(a.locate(&d), Some(r));
    }

    #[test]
    fn text_inserted_before_the_passage_does_not_lose_it() {
        let d = doc(STORY);
        let a = Anchor::of_range(&d, range_of(&d, "kettle sang")).unwrap();
        let resaved = doc(&format!(
            "A foreword, added later.\n\nAnother new paragraph here.\n\n{STORY}"
        ));
        let found = a.locate(&resaved).unwrap();
        assert_eq!(&resaved.full_text()[found.clone()], "kettle sang");
        let moved = a.moved_to(&resaved, found.clone());
        assert_eq!(moved.block, a.block + 2);
        assert_eq!(moved.locate(&resaved), Some(found));
    }

    #[test]
    fn a_repeated_passage_is_told_apart_by_its_surroundings() {
        let d = doc(STORY);
        // The second "She kept the lamp lit", the one before "by the door".
        let second = d.full_text().rfind("She kept the lamp lit").unwrap();
        let a = Anchor::of_range(&d, second..second + "She kept the lamp lit".len()).unwrap();
        let resaved = doc(&format!("Prologue.\n\n{STORY}"));
        let found = a.locate(&resaved).unwrap();
        assert_eq!(
            &resaved.full_text()[found.end..found.end + " by the door".len()],
            " by the door"
        );
    }

    #[test]
    fn a_quote_marked_with_a_typists_two_spaces_is_found_with_one() {
        let d = doc("She came in. Nobody looked up. Not one.");
        let mut a = Anchor::of_range(&d, range_of(&d, "in. Nobody")).expect("an anchor");
        a.quote = "in.  Nobody".to_string();
        assert_eq!(a.locate(&d), Some(range_of(&d, "in. Nobody")));
    }

    #[test]
    fn a_quote_that_is_gone_is_not_found() {
        let d = doc(STORY);
        let a = Anchor::of_range(&d, range_of(&d, "kettle sang")).unwrap();
        assert_eq!(a.locate(&doc("Something else entirely.\n")), None);
    }

    #[test]
    fn a_bookmark_quotes_the_start_of_its_block_on_a_word() {
        let long = format!("{}\n", "word ".repeat(100));
        let d = doc(&long);
        let a = Anchor::of_block(&d, 0).unwrap();
        assert!(a.quote.len() <= BOOKMARK_QUOTE_BYTES);
        assert!(a.quote.ends_with("word"), "{:?}", a.quote);
        assert_eq!(a.locate(&d).unwrap().start, 0);
    }

    #[test]
    fn ranges_off_character_boundaries_are_refused() {
        let d = doc("Café au lait.\n");
        let e = d.full_text().find('é').unwrap();
        assert_eq!(Anchor::of_range(&d, e + 1..e + 3), None);
    }
}
