//! Find in story: every match of the query, case-insensitive, found once per query change
//! with a fast substring search over the whole text, and stepped through with Enter/F3.

use std::ops::Range;

use crate::engine::Document;

/// Where `needle` (ASCII letters lower-cased) is in `text`, ASCII letters matching either
/// case, without overlaps: the story text is searched as it is, with no lower-cased copy
/// of it (which a 50 MB story would pay 50 MB for).
fn find_folded<'a>(text: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = needle.first().copied().unwrap_or(0);
    let candidates = memchr::memchr2_iter(first, first.to_ascii_uppercase(), text);
    let mut next = 0;
    candidates.filter(move |&at| {
        let hit = at >= next
            && !needle.is_empty()
            && text
                .get(at..at + needle.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(needle));
        if hit {
            next = at + needle.len();
        }
        hit
    })
}

/// Matches kept for highlighting and stepping; more are counted but not kept.
const MAX_MATCHES: usize = 100_000;

/// One match: a story block and a byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the story block.
    pub block: usize,
    /// Byte range within the block's text.
    pub range: Range<usize>,
}

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Find {
    /// Whether the bar is shown.
    pub open: bool,
    /// What the reader typed.
    pub query: String,
    /// Ask for keyboard focus on the query box next frame.
    pub focus: bool,
    /// The match the reader is on.
    pub current: usize,
    searched: String,
    matches: Vec<Match>,
}

impl Find {
    /// Opens the bar and focuses the query.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Closes the bar and clears the highlights.
    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.searched.clear();
    }

    /// All matches, in reading order.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// Searches again if the query changed. Returns true when the matches changed.
    pub fn update(&mut self, doc: &Document) -> bool {
        let query = self.query.trim();
        if !self.open || query == self.searched {
            return false;
        }
        self.searched = query.to_string();
        self.matches.clear();
        self.current = 0;
        if query.is_empty() {
            return true;
        }
        let needle = query.to_ascii_lowercase();
        let starts: Vec<usize> = doc.blocks().iter().map(|b| doc.text_offset(b)).collect();
        for at in find_folded(doc.full_text().as_bytes(), needle.as_bytes()).take(MAX_MATCHES) {
            let block = starts.partition_point(|&s| s <= at).saturating_sub(1);
            let start = at - starts.get(block).copied().unwrap_or(0);
            let block_len = doc.text(&doc.blocks()[block]).len();
            if start + needle.len() <= block_len {
                self.matches.push(Match {
                    block,
                    range: start..start + needle.len(),
                });
            }
        }
        true
    }

    /// The matches inside one story block, and which of them is current.
    pub fn in_block(&self, block: usize) -> (Vec<Range<usize>>, Option<usize>) {
        let from = self.matches.partition_point(|m| m.block < block);
        let to = self.matches.partition_point(|m| m.block <= block);
        let ranges = self.matches[from..to]
            .iter()
            .map(|m| m.range.clone())
            .collect();
        let current = (from..to)
            .contains(&self.current)
            .then(|| self.current - from);
        (ranges, current)
    }

    /// Steps to the next (or previous) match, wrapping; returns its block.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        Some(self.matches[self.current].block)
    }

    /// The current match's block.
    pub fn current_block(&self) -> Option<usize> {
        self.matches.get(self.current).map(|m| m.block)
    }

    /// "3 of 12", or "No matches".
    pub fn status(&self) -> String {
        match self.matches.len() {
            0 if self.searched.is_empty() => String::new(),
            0 => "No matches".into(),
            n if n >= MAX_MATCHES => format!("{} of {n}+", self.current + 1),
            n => format!("{} of {n}", self.current + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_folded;

    #[test]
    fn the_text_is_searched_in_either_case_without_overlaps() {
        let found = |text: &str, needle: &str| -> Vec<usize> {
            find_folded(text.as_bytes(), needle.as_bytes()).collect()
        };
        assert_eq!(found("Rain, RAIN and rain.", "rain"), vec![0, 6, 15]);
        assert_eq!(found("aaaa", "aa"), vec![0, 2]);
        assert_eq!(
            found("Café CAFÉ café", "café"),
            vec![0, 12],
            "É is not folded"
        );
        assert_eq!(found("1984 or 1984", "1984"), vec![0, 8]);
        assert_eq!(found("short", "longer than it"), Vec::<usize>::new());
        assert_eq!(found("x", ""), Vec::<usize>::new());
    }
}
