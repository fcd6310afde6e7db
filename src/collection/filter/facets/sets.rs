//! Sets of entries, a bit each, and the entries that carry each value (its posting list),
//! so that after a click the chosen facets are applied as set operations (the entries of
//! an included value, less those of the excluded ones) instead of looking each entry's
//! values up, the works that left or joined the result are a difference of two sets, and
//! the rating and warning counts are the sizes of intersections.

use super::{FacetIndex, Resolved};
use crate::engine::{RatingLevel, WarningCategory};

use super::counts::SafetyCounts;

/// A set of entries (by index), a bit each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntrySet {
    words: Vec<u64>,
    /// How many entries it can hold.
    len: usize,
}

impl EntrySet {
    /// No entry of `len`.
    pub fn empty(len: usize) -> EntrySet {
        EntrySet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Every entry of `len`.
    pub fn full(len: usize) -> EntrySet {
        let mut set = EntrySet {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        if let (Some(last), tail @ 1..) = (set.words.last_mut(), len % 64) {
            *last = (1u64 << tail) - 1;
        }
        set
    }

    /// These entries of `len` (those past it are left out).
    pub fn of(len: usize, entries: impl IntoIterator<Item = usize>) -> EntrySet {
        let mut set = EntrySet::empty(len);
        for e in entries {
            set.insert(e);
        }
        set
    }

    /// How many entries it can hold.
    pub fn capacity(&self) -> usize {
        self.len
    }

    /// Puts an entry in.
    pub fn insert(&mut self, entry: usize) {
        if entry < self.len {
            self.words[entry / 64] |= 1 << (entry % 64);
        }
    }

    /// Takes an entry out.
    pub fn remove(&mut self, entry: usize) {
        if entry < self.len {
            self.words[entry / 64] &= !(1 << (entry % 64));
        }
    }

    /// True when the entry is in.
    pub fn contains(&self, entry: usize) -> bool {
        self.words
            .get(entry / 64)
            .is_some_and(|w| w >> (entry % 64) & 1 == 1)
    }

    /// How many entries are in.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Keeps only the entries also in `other`.
    pub fn keep(&mut self, other: &EntrySet) {
        for (w, o) in self
            .words
            .iter_mut()
            .zip(other.words.iter().chain(std::iter::repeat(&0)))
        {
            *w &= o;
        }
    }

    /// Takes out the entries in `other`.
    pub fn keep_not(&mut self, other: &EntrySet) {
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w &= !o;
        }
    }

    /// How many entries are in both.
    pub fn count_both(&self, other: &EntrySet) -> usize {
        let both = self.words.iter().zip(&other.words);
        both.map(|(a, b)| (a & b).count_ones() as usize).sum()
    }

    /// How many entries are in one of the two and not the other.
    pub fn count_differing(&self, other: &EntrySet) -> usize {
        let (long, short) = match self.words.len() >= other.words.len() {
            true => (&self.words, &other.words),
            false => (&other.words, &self.words),
        };
        let padded = short.iter().chain(std::iter::repeat(&0));
        long.iter()
            .zip(padded)
            .map(|(a, b)| (a ^ b).count_ones() as usize)
            .sum()
    }

    /// How many entries are in before each word of 64: what [`EntrySet::nth`] and
    /// [`EntrySet::rank`] read.
    pub fn counts_before(&self) -> Vec<u32> {
        let mut sum = 0u32;
        (self.words.iter())
            .map(|w| {
                let before = sum;
                sum += w.count_ones();
                before
            })
            .collect()
    }

    /// The `n`th entry in (from 0), with `before` from [`EntrySet::counts_before`].
    pub fn nth(&self, before: &[u32], n: usize) -> Option<usize> {
        let word = before
            .partition_point(|&b| b as usize <= n)
            .checked_sub(1)?;
        let mut bits = *self.words.get(word)?;
        for _ in 0..n - before[word] as usize {
            bits &= bits.wrapping_sub(1);
        }
        (bits != 0).then(|| word * 64 + bits.trailing_zeros() as usize)
    }

    /// How many entries in come before `entry`, with `before` from
    /// [`EntrySet::counts_before`].
    pub fn rank(&self, before: &[u32], entry: usize) -> usize {
        let (word, bit) = (entry / 64, entry % 64);
        let below = self.words.get(word).map_or(0, |w| w & ((1u64 << bit) - 1));
        before.get(word).map_or(0, |&b| b as usize) + below.count_ones() as usize
    }

    /// The entries in, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.but_not_in(&EMPTY)
    }

    /// The entries in this set and not in `other`, in order.
    pub fn but_not_in<'a>(&'a self, other: &'a EntrySet) -> impl Iterator<Item = usize> + 'a {
        let others = other.words.iter().chain(std::iter::repeat(&0));
        self.words
            .iter()
            .zip(others)
            .enumerate()
            .flat_map(|(i, (a, b))| Ones(a & !b).map(move |bit| i * 64 + bit))
    }
}

static EMPTY: EntrySet = EntrySet {
    words: Vec::new(),
    len: 0,
};

/// The places of a word's set bits, lowest first.
struct Ones(u64);

impl Iterator for Ones {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

/// Ids per entry (or entries per value), all in one buffer (a pass over many reads memory
/// in order).
#[derive(Debug, Clone, Default)]
pub(super) struct Ids {
    pub(super) all: Vec<u32>,
    /// Where each entry's ids end in `all`.
    pub(super) ends: Vec<usize>,
}

impl Ids {
    pub(super) fn empty(entries: usize) -> Ids {
        Ids {
            all: Vec::new(),
            ends: vec![0; entries],
        }
    }

    pub(super) fn push(&mut self, ids: &[u32]) {
        self.all.extend_from_slice(ids);
        self.ends.push(self.all.len());
    }

    pub(super) fn of(&self, entry: usize) -> &[u32] {
        let start = match entry {
            0 => 0,
            e => self.ends.get(e - 1).copied().unwrap_or(self.all.len()),
        };
        let end = self.ends.get(entry).copied().unwrap_or(start);
        self.all.get(start..end).unwrap_or(&[])
    }
}

/// What the index keeps to answer with sets: the entries of each value, and of each
/// rating and warning.
#[derive(Debug, Clone, Default)]
pub(super) struct Postings {
    /// Per value id: the entries that have it, in order.
    of_value: Ids,
    /// Per rating (by place in [`RatingLevel::ALL`]): its entries.
    rated: Vec<EntrySet>,
    /// Per warning (by place in [`WarningCategory::ALL`]): the entries that warn of it.
    warned: Vec<EntrySet>,
}

impl FacetIndex {
    /// Works out every value's entries from the entries' values (after they changed).
    pub(super) fn post(&mut self) {
        let entries = self.len();
        let mut sizes = vec![0usize; self.known.len()];
        for &id in self.fixed.all.iter().chain(&self.marks.all) {
            sizes[id as usize] += 1;
        }
        let mut ends = Vec::with_capacity(sizes.len());
        let mut end = 0;
        for size in &sizes {
            end += size;
            ends.push(end);
        }
        // Filled entry by entry, so each value's entries come in order.
        let mut next: Vec<usize> = ends.iter().zip(&sizes).map(|(e, s)| e - s).collect();
        let mut all = vec![0u32; end];
        for e in 0..entries {
            for &id in self.fixed.of(e).iter().chain(self.marks.of(e)) {
                let at = &mut next[id as usize];
                all[*at] = e as u32;
                *at += 1;
            }
        }
        let postings = &mut self.postings;
        postings.of_value = Ids { all, ends };
        postings.rated = vec![EntrySet::empty(entries); RatingLevel::ALL.len()];
        postings.warned = vec![EntrySet::empty(entries); WarningCategory::ALL.len()];
        for (e, &(rating, bits)) in self.safety.iter().enumerate() {
            if let Some(set) = postings.rated.get_mut(usize::from(rating)) {
                set.insert(e);
            }
            for (i, set) in postings.warned.iter_mut().enumerate() {
                if bits >> i & 1 == 1 {
                    set.insert(e);
                }
            }
        }
    }

    /// The entries that have a value.
    fn entries_with(&self, id: u32) -> impl Iterator<Item = usize> + '_ {
        let entries = self.postings.of_value.of(id as usize);
        entries.iter().map(|&e| e as usize)
    }

    /// How many of these entries have each rating and each warning (as
    /// [`FacetIndex::safety`], from sets).
    pub fn safety_in(&self, entries: &EntrySet) -> SafetyCounts {
        let postings = &self.postings;
        let ratings = RatingLevel::ALL.iter().enumerate();
        let warnings = WarningCategory::ALL.iter().enumerate();
        let within = |sets: &[EntrySet], i: usize| sets.get(i).map_or(0, |s| s.count_both(entries));
        SafetyCounts {
            ratings: ratings
                .map(|(i, &l)| (l, within(&postings.rated, i)))
                .collect(),
            warnings: warnings
                .map(|(i, &c)| (c, within(&postings.warned, i)))
                .collect(),
        }
    }
}

impl Resolved<'_> {
    /// Every entry [`Resolved::admits`], as a set: the entries of the included values,
    /// less those of the excluded ones, less those out of the length bounds.
    pub fn admitted(&self, index: &FacetIndex) -> EntrySet {
        let len = index.len();
        let Some(include) = &self.include else {
            return EntrySet::empty(len);
        };
        let mut set = match include.split_first() {
            None => EntrySet::full(len),
            Some((&first, rest)) => {
                let mut set = EntrySet::of(len, index.entries_with(first));
                for &id in rest {
                    set.keep(&EntrySet::of(len, index.entries_with(id)));
                }
                set
            }
        };
        for &id in &self.exclude {
            for e in index.entries_with(id) {
                set.remove(e);
            }
        }
        let c = self.choice;
        if c.min_words.is_some() || c.max_words.is_some() {
            let words = |e: usize| index.words.get(e).map_or(0, |&w| w as usize);
            let out: Vec<usize> = set
                .iter()
                .filter(|&e| {
                    c.min_words.is_some_and(|min| words(e) < min)
                        || c.max_words.is_some_and(|max| words(e) > max)
                })
                .collect();
            for e in out {
                set.remove(e);
            }
        }
        set
    }
}
