//! A story saved again with more text, told apart from another story of the same title:
//! the older file's story text must be a prefix of the newer's. "Prefix" is judged on
//! words, not bytes, so that what a re-save changes without changing the story does not
//! count: the words of the body's blocks (paragraphs, verse, headings, notes, quotes,
//! lists; not scene-break markers or pictures), lower-cased, curly quotes made straight,
//! so line wrapping, spacing and trailing white space vanish. The older text may end with
//! a marker the newer one dropped or changed: its closing line (`TBC`, `The End`, as the
//! engine marks it) and a trailing `to be continued`, `(continued)`, `end of part N`,
//! `end of chapter N`, `continued in part N` or `more soon` are left out before comparing.
//! The same words on both sides are copies (not editions); the newer must have more.
//! Candidates are found without reading a file twice: each card keeps [`opening`], a
//! fingerprint of the title, the author and the body's first [`OPENING_WORDS`] words, and
//! only files with the same fingerprint are read again to compare.

use crate::engine::{BlockKind, Document};

/// How many of the body's first words the card's fingerprint covers (about 700 bytes of
/// text): enough that two different stories with a shared disclaimer rarely meet, short
/// enough that a first posting of a few hundred words takes part. A body shorter than this
/// gets no fingerprint and is never an edition by its text.
pub const OPENING_WORDS: usize = 128;

/// What a newer edition has that the older has not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Growth {
    /// The newer document's first block past the older text's end (the block holding the
    /// first new word).
    pub first_new_block: u32,
    /// Part and chapter headings from there on.
    pub new_parts: u32,
    /// Words added.
    pub added_words: u64,
}

/// How two files with the same fingerprint compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Verdict {
    /// The first is an older edition of the second.
    Grown(Growth),
    /// The same story text: copies.
    Same,
    /// Different stories.
    Apart,
}

/// The fingerprint a card keeps: title, author (both as works fold them) and the body's
/// first [`OPENING_WORDS`] words. `None` for a shorter body.
pub fn opening(title: &str, author: Option<&str>, doc: &Document) -> Option<u64> {
    use crate::collection::filter::facets::normalise;
    let mut text = normalise(title);
    text.push('\u{1f}');
    text.push_str(&author.map(normalise).unwrap_or_default());
    let mut n = 0;
    'blocks: for block in doc.blocks().iter().filter(|b| counted(b.kind)) {
        for word in doc.text(block).split_whitespace() {
            if n == OPENING_WORDS {
                break 'blocks;
            }
            text.push('\u{1f}');
            push_folded(&mut text, word);
            n += 1;
        }
    }
    (n == OPENING_WORDS).then(|| xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// Blocks whose words are the story text.
fn counted(kind: BlockKind) -> bool {
    !matches!(kind, BlockKind::SceneBreak | BlockKind::Image)
}

fn push_folded(out: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A document's words as compared, and per counted block its first word's index and block.
struct Words {
    words: Vec<String>,
    starts: Vec<(usize, usize)>,
}

fn words_of(doc: &Document, drop_ending: bool) -> Words {
    let blocks = doc.blocks();
    let mut last = blocks.len();
    if drop_ending {
        while last > 0 && matches!(blocks[last - 1].kind, BlockKind::Ending) {
            last -= 1;
        }
    }
    let mut out = Words {
        words: Vec::new(),
        starts: Vec::new(),
    };
    for (i, block) in blocks[..last].iter().enumerate() {
        if !counted(block.kind) {
            continue;
        }
        out.starts.push((out.words.len(), i));
        for word in doc.text(block).split_whitespace() {
            let mut w = String::with_capacity(word.len());
            push_folded(&mut w, word);
            out.words.push(w);
        }
    }
    out
}

/// Trailing markers a re-save drops or changes; `#` is any one word (a number).
const MARKERS: &[&[&str]] = &[
    &["to", "be", "continued"],
    &["tbc"],
    &["continued"],
    &["cont"],
    &["contd"],
    &["more", "soon"],
    &["end", "of", "part", "#"],
    &["end", "of", "chapter", "#"],
    &["end", "part", "#"],
    &["end", "chapter", "#"],
    &["continued", "in", "part", "#"],
    &["continued", "in", "chapter", "#"],
    &["continued", "in", "the", "next", "part"],
    &["continued", "in", "the", "next", "chapter"],
];

/// Takes trailing markers (and punctuation-only words) off the end of `words`.
fn strip_markers(words: &mut Vec<String>) {
    let key = |w: &String| -> String { w.chars().filter(|c| c.is_alphanumeric()).collect() };
    for _ in 0..4 {
        while words.last().is_some_and(|w| key(w).is_empty()) {
            words.pop();
        }
        let found = MARKERS.iter().find(|m| {
            m.len() <= words.len()
                && (m.iter().zip(&words[words.len() - m.len()..]))
                    .all(|(p, w)| *p == "#" || key(w) == *p)
        });
        match found {
            Some(m) => words.truncate(words.len() - m.len()),
            None => return,
        }
    }
}

/// Compares an older (shorter) file's document with a newer one's.
pub fn compare(old: &Document, new: &Document) -> Verdict {
    let mut o = words_of(old, true).words;
    strip_markers(&mut o);
    let n = words_of(new, false);
    let mut n_stripped = words_of(new, true).words;
    strip_markers(&mut n_stripped);
    if o.is_empty() {
        return Verdict::Apart;
    }
    if o == n_stripped {
        return Verdict::Same;
    }
    if n.words.len() <= o.len() || n.words[..o.len()] != o[..] {
        return Verdict::Apart;
    }
    let cut = o.len();
    // The block holding the old text's last word; the first new block is that one when
    // the newer file carried its paragraph on (the reader sees it whole), else the next
    // (a scene break or a heading between the two is new).
    let at = n.starts.partition_point(|&(first, _)| first < cut) - 1;
    let last_old = n.starts[at].1;
    let carried_on = n.starts.get(at + 1).is_none_or(|&(next, _)| next > cut);
    let first_new_block = if carried_on { last_old } else { last_old + 1 };
    let new_parts = (new.parts().iter())
        .filter(|p| p.block >= first_new_block)
        .count();
    Verdict::Grown(Growth {
        first_new_block: u32::try_from(first_new_block).unwrap_or(u32::MAX),
        new_parts: u32::try_from(new_parts).unwrap_or(u32::MAX),
        added_words: (n.words.len() - cut) as u64,
    })
}

#[cfg(test)]
mod tests;
