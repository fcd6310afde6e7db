//! Library search: a query's words, and a bit set of the letter pairs in each card that
//! rules out most stories without reading their text.

use memchr::memmem::Finder;

/// Bits in a [`Pairs`] set.
const BITS: u32 = 512;

/// The byte pairs that occur in a text, hashed into 512 bits. A word can only occur in a
/// text whose set holds all of the word's pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pairs([u64; (BITS / 64) as usize]);

impl Pairs {
    /// The pairs of every two adjacent bytes of `text`.
    pub fn of(text: &[u8]) -> Pairs {
        let mut pairs = Pairs::default();
        for pair in text.windows(2) {
            let bit = slot(pair[0], pair[1]);
            pairs.0[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        pairs
    }

    /// True when every pair of `other` is in `self`.
    fn holds(&self, other: &Pairs) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & b == *b)
    }
}

/// Where a pair of bytes lands in the set (a multiplicative hash of the two bytes).
fn slot(a: u8, b: u8) -> u32 {
    let pair = (u32::from(a) << 8) | u32::from(b);
    pair.wrapping_mul(0x9E37_79B1) >> (32 - BITS.trailing_zeros())
}

/// A search: its words lower-cased and made into searchers once, since every keystroke
/// runs them over every story in the collection.
pub struct Query {
    words: Vec<String>,
    finders: Vec<Finder<'static>>,
    pairs: Pairs,
}

impl Query {
    /// The whitespace-separated words of `text`; a story matches when it has all of them.
    pub fn new(text: &str) -> Query {
        let lower: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let mut pairs = Pairs::default();
        for word in &lower {
            let of_word = Pairs::of(word.as_bytes());
            for (all, one) in pairs.0.iter_mut().zip(of_word.0) {
                *all |= one;
            }
        }
        Query {
            finders: lower.iter().map(|w| Finder::new(w).into_owned()).collect(),
            words: lower,
            pairs,
        }
    }

    /// The words, lower-cased.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// True when every word occurs in `text` (lower-case), whose pair set is `pairs`.
    pub fn matches(&self, text: &str, pairs: &Pairs) -> bool {
        pairs.holds(&self.pairs)
            && self
                .finders
                .iter()
                .all(|word| word.find(text.as_bytes()).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, text: &str) -> bool {
        Query::new(query).matches(text, &Pairs::of(text.as_bytes()))
    }

    #[test]
    fn every_word_must_occur() {
        assert!(matches("", "anything"));
        assert!(matches("Kal", "the kalends"));
        assert!(matches("kal end", "the kalends"));
        assert!(matches("k", "the kalends"));
        assert!(!matches("kal x", "the kalends"));
        assert!(!matches("dne", "the kalends"));
    }

    #[test]
    fn pairs_rule_out_texts_without_them() {
        let text = "mira and tam, ship ahoy";
        let pairs = Pairs::of(text.as_bytes());
        // A word made of pairs the text lacks is ruled out by the set alone.
        let absent = Query::new("qz");
        assert!(!pairs.holds(&absent.pairs));
        // Every word of the text passes the set.
        for word in text.split_whitespace() {
            assert!(pairs.holds(&Query::new(word).pairs), "{word}");
        }
    }

    #[test]
    fn non_ascii_words_match() {
        assert!(matches("Ærø", "a trip to ærø island"));
        assert!(matches("∞", "a row of ∞∞∞"));
        assert!(!matches("ærø", "aero"));
    }
}
