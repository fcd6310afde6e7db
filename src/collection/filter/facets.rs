//! Facets, as AO3 has them: the values a collection's works carry (fandoms, relationships,
//! characters, tags, authors, categories, language, complete or not, status, lists), each
//! counted within the current result, and the reader's choice of values to include (a work
//! must have all of them) and to exclude (a work with any of them goes). Values match when
//! they are the same after [`normalise`] (case and spacing), so `Buffy Summers/Spike` and
//! `Spike/Buffy Summers` stay two values and `S/W` stays as written.
//!
//! Fast at 10,000 works: each entry's normalised values are worked out when it is read
//! (see [`crate::collection::Entry`]); [`FacetIndex::build`] turns them into small ids once
//! per collection, with the entries that have each value (see [`EntrySet`]), so filtering
//! is a few set operations and counting is one pass over the ids of the works in the
//! result (or of those that left or joined it).

use std::collections::HashMap;

use crate::collection::reading::{ReadingList, Status};
use crate::collection::{Entry, StoryMeta};

/// A kind of value works are browsed by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Facet {
    /// Where the reader stands with the work.
    Status,
    /// The reader's lists the work is on.
    List,
    /// Fandoms.
    Fandom,
    /// Relationships (and a text header's pairing).
    Relationship,
    /// Characters.
    Character,
    /// Additional (freeform) tags.
    Tag,
    /// The author.
    Author,
    /// AO3's categories (`F/M`, `Gen`).
    Category,
    /// The language.
    Language,
    /// Complete or a work in progress.
    Completion,
}

impl Facet {
    /// Every facet, in the sidebar's order.
    pub const ALL: [Facet; 10] = [
        Facet::Status,
        Facet::List,
        Facet::Fandom,
        Facet::Relationship,
        Facet::Character,
        Facet::Tag,
        Facet::Author,
        Facet::Category,
        Facet::Language,
        Facet::Completion,
    ];

    /// The sidebar's heading for it.
    pub fn label(self) -> &'static str {
        match self {
            Facet::Status => "Status",
            Facet::List => "Lists",
            Facet::Fandom => "Fandoms",
            Facet::Relationship => "Relationships",
            Facet::Character => "Characters",
            Facet::Tag => "Additional tags",
            Facet::Author => "Authors",
            Facet::Category => "Categories",
            Facet::Language => "Language",
            Facet::Completion => "Complete or WIP",
        }
    }
}

/// One value the reader chose, as it was shown (matched after [`normalise`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FacetValue {
    /// Its facet.
    pub facet: Facet,
    /// The value as shown.
    pub value: String,
}

impl FacetValue {
    /// A value of a facet.
    pub fn new(facet: Facet, value: &str) -> FacetValue {
        FacetValue {
            facet,
            value: value.trim().to_string(),
        }
    }

    fn same(&self, facet: Facet, key: &str) -> bool {
        self.facet == facet && normalise(&self.value) == key
    }
}

/// Whether a value is chosen, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Not chosen.
    Off,
    /// Works must have it.
    Included,
    /// Works with it are left out.
    Excluded,
}

/// The facets the reader chose: part of the saved filters (`settings.ron`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Choice {
    /// Values every work shown has.
    pub include: Vec<FacetValue>,
    /// Values no work shown has.
    pub exclude: Vec<FacetValue>,
    /// Works shorter than this many words are left out.
    pub min_words: Option<usize>,
    /// Works longer than this many words are left out.
    pub max_words: Option<usize>,
}

impl Choice {
    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.chosen() == 0
    }

    /// How many values and bounds are chosen.
    pub fn chosen(&self) -> usize {
        self.include.len()
            + self.exclude.len()
            + usize::from(self.min_words.is_some())
            + usize::from(self.max_words.is_some())
    }

    /// How a value is chosen.
    pub fn mark(&self, facet: Facet, value: &str) -> Mark {
        let key = normalise(value);
        if self.include.iter().any(|v| v.same(facet, &key)) {
            Mark::Included
        } else if self.exclude.iter().any(|v| v.same(facet, &key)) {
            Mark::Excluded
        } else {
            Mark::Off
        }
    }

    /// Chooses a value one way (or not at all).
    pub fn set(&mut self, facet: Facet, value: &str, mark: Mark) {
        let key = normalise(value);
        self.include.retain(|v| !v.same(facet, &key));
        self.exclude.retain(|v| !v.same(facet, &key));
        match mark {
            Mark::Off => {}
            Mark::Included => self.include.push(FacetValue::new(facet, value)),
            Mark::Excluded => self.exclude.push(FacetValue::new(facet, value)),
        }
    }

    /// A click on a value: not chosen, included, excluded, and round again.
    pub fn cycle(&mut self, facet: Facet, value: &str) {
        let next = match self.mark(facet, value) {
            Mark::Off => Mark::Included,
            Mark::Included => Mark::Excluded,
            Mark::Excluded => Mark::Off,
        };
        self.set(facet, value, next);
    }
}

/// The form values are matched in: lower case, runs of spaces as one, no spaces around a
/// `/` (so `Buffy / Spike` is `Buffy/Spike`). The order of names is kept: `A/B` and `B/A`
/// are different values on AO3 too.
pub fn normalise(value: &str) -> String {
    let spaced = value.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.replace(" / ", "/").to_lowercase()
}

/// The values a work carries that don't change while it is read: `(facet, as shown)`.
pub fn values_of(meta: &StoryMeta) -> Vec<(Facet, String)> {
    let m = &meta.metadata;
    let mut out = Vec::new();
    let lists = [
        (Facet::Fandom, &m.fandoms),
        (Facet::Relationship, &m.relationships),
        (Facet::Character, &m.characters),
        (Facet::Tag, &m.tags),
        (Facet::Category, &m.categories),
    ];
    for (facet, values) in lists {
        out.extend(values.iter().map(|v| (facet, v.trim().to_string())));
    }
    out.extend(
        meta.author
            .iter()
            .map(|a| (Facet::Author, a.trim().to_string())),
    );
    out.extend(m.language.iter().map(|l| (Facet::Language, language(l))));
    let completion = match meta.complete {
        Some(true) => Some("Complete"),
        Some(false) => Some("Work in progress"),
        None => None,
    };
    out.extend(completion.map(|c| (Facet::Completion, c.to_string())));
    out.retain(|(_, v)| !v.is_empty());
    out
}

/// `en` and `English` are one language.
fn language(value: &str) -> String {
    let names = [
        ("en", "English"),
        ("de", "Deutsch"),
        ("fr", "Français"),
        ("es", "Español"),
        ("it", "Italiano"),
        ("pt", "Português"),
        ("ru", "Русский"),
        ("zh", "中文"),
        ("ja", "日本語"),
    ];
    let code = value.trim().split(['-', '_']).next().unwrap_or("");
    names
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or_else(|| value.trim().to_string(), |(_, name)| name.to_string())
}

/// A value known to the index.
#[derive(Debug, Clone)]
struct Known {
    /// As shown (the first spelling read with capitals, else the first read).
    label: String,
    /// As matched ([`normalise`]).
    key: String,
    /// The label has a capital letter.
    capitalised: bool,
}

/// Every value in a collection, as ids, and the ids each entry carries.
#[derive(Debug, Clone, Default)]
pub struct FacetIndex {
    known: Vec<Known>,
    /// Per facet (by its place in [`Facet::ALL`]): ids by normalised value.
    by_key: Vec<HashMap<String, u32>>,
    /// Per entry: the ids of its values, sorted (read once per collection).
    fixed: Ids,
    /// Per entry: the ids of its status and lists, sorted (read again when they change).
    marks: Ids,
    /// Per entry: its rating (by place in [`RatingLevel::ALL`]) and its warnings (a bit
    /// per place in [`WarningCategory::ALL`]), for counting without reading the cards.
    safety: Vec<(u8, u16)>,
    /// Per value: its place from A to Z among the values the collection's works carry
    /// (lists and statuses, read later, come after them).
    rank: Vec<u32>,
    /// Per value: its facet's place in [`Facet::ALL`] (read in every count, so small).
    slot_of: Vec<u8>,
    /// Per entry: its length in words (read here, not from the cards, when filtering).
    words: Vec<u32>,
    /// Per value, rating and warning: the entries that have it.
    postings: sets::Postings,
}

impl FacetIndex {
    /// The index of a collection's entries (statuses and lists come with [`Self::mark`]).
    pub fn build(entries: &[Entry]) -> FacetIndex {
        let mut index = FacetIndex::default();
        let mut fixed = Ids::default();
        for e in entries {
            let mut ids: Vec<u32> = e
                .facet_keys()
                .iter()
                .map(|(facet, label, key)| index.intern(*facet, label, key))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            fixed.push(&ids);
        }
        index.fixed = fixed;
        index.marks = Ids::empty(entries.len());
        index.safety = entries.iter().map(|e| safety_of(&e.meta)).collect();
        let words = |e: &Entry| u32::try_from(e.meta.words).unwrap_or(u32::MAX);
        index.words = entries.iter().map(words).collect();
        // A to Z once per collection, so listings order ties by a number, not by text.
        let mut by_key: Vec<u32> = (0..index.known.len() as u32).collect();
        by_key.sort_unstable_by(|&a, &b| index.key(a).cmp(index.key(b)));
        index.rank = vec![0; by_key.len()];
        for (rank, id) in by_key.into_iter().enumerate() {
            index.rank[id as usize] = rank as u32;
        }
        index.post();
        index
    }

    /// Reads every entry's status and lists (after they changed).
    pub fn mark(
        &mut self,
        entries: &[Entry],
        status: impl Fn(&Entry) -> Status,
        lists: &[ReadingList],
    ) {
        let mut on: HashMap<&str, Vec<u32>> = HashMap::new();
        for list in lists {
            let id = self.intern(Facet::List, &list.name, &normalise(&list.name));
            for hash in &list.items {
                on.entry(hash.as_str()).or_default().push(id);
            }
        }
        let statuses: Vec<u32> = Status::ALL
            .iter()
            .map(|s| self.intern(Facet::Status, s.label(), &normalise(s.label())))
            .collect();
        let mut marks = Ids::default();
        for e in entries {
            let s = status(e);
            let mut ids = on.get(e.hash.as_str()).cloned().unwrap_or_default();
            if let Some(pos) = Status::ALL.iter().position(|&x| x == s) {
                ids.push(statuses[pos]);
            }
            ids.sort_unstable();
            ids.dedup();
            marks.push(&ids);
        }
        self.marks = marks;
        self.post();
    }

    /// How many entries the index covers.
    pub fn len(&self) -> usize {
        self.fixed.ends.len()
    }

    /// True when it covers none.
    pub fn is_empty(&self) -> bool {
        self.fixed.ends.is_empty()
    }

    fn intern(&mut self, facet: Facet, label: &str, key: &str) -> u32 {
        let f = facet_slot(facet);
        if self.by_key.len() <= f {
            self.by_key.resize_with(Facet::ALL.len(), HashMap::new);
        }
        if let Some(&id) = self.by_key[f].get(key) {
            // Shown as written with capitals when any work writes it so (`Saltmarsh`, not
            // `saltmarsh`), whichever was read first.
            let known = &mut self.known[id as usize];
            if !known.capitalised && label.chars().any(char::is_uppercase) {
                known.label = label.to_string();
                known.capitalised = true;
            }
            return id;
        }
        let id = self.known.len() as u32;
        self.slot_of.push(f as u8);
        self.known.push(Known {
            label: label.to_string(),
            key: key.to_string(),
            capitalised: label.chars().any(char::is_uppercase),
        });
        self.by_key[f].insert(key.to_string(), id);
        id
    }

    /// The id of a value, if any work has it.
    pub fn id_of(&self, facet: Facet, value: &str) -> Option<u32> {
        let map = self.by_key.get(facet_slot(facet))?;
        map.get(&normalise(value)).copied()
    }

    /// A value as shown.
    pub fn label(&self, id: u32) -> &str {
        self.known.get(id as usize).map_or("", |k| k.label.as_str())
    }

    /// A value as matched ([`normalise`]).
    pub fn key(&self, id: u32) -> &str {
        self.known.get(id as usize).map_or("", |k| k.key.as_str())
    }

    /// The choice in ids: `None` when an included value is in no work at all.
    pub fn resolve<'a>(&self, choice: &'a Choice) -> Resolved<'a> {
        let id = |v: &FacetValue| self.id_of(v.facet, &v.value);
        let include: Option<Vec<u32>> = choice.include.iter().map(id).collect();
        Resolved {
            include,
            exclude: choice.exclude.iter().filter_map(id).collect(),
            choice,
        }
    }

    fn has(&self, entry: usize, id: u32) -> bool {
        self.fixed.of(entry).binary_search(&id).is_ok()
            || self.marks.of(entry).binary_search(&id).is_ok()
    }

    /// The order of a listing: most works first, then A to Z.
    pub fn order(&self, a: &Listed, b: &Listed) -> std::cmp::Ordering {
        let rank = |l: &Listed| self.rank.get(l.id as usize).copied().unwrap_or(u32::MAX);
        b.count
            .cmp(&a.count)
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| a.id.cmp(&b.id))
    }
}

/// How many values of each facet a listing keeps in order; the rest follow unordered.
pub const SORTED_VALUES: usize = 200;

/// A facet's place in [`Facet::ALL`].
pub fn facet_slot(facet: Facet) -> usize {
    Facet::ALL.iter().position(|&f| f == facet).unwrap_or(0)
}

/// A value in a facet's listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    /// The value (see [`FacetIndex::label`]).
    pub id: u32,
    /// Works in the result that have it.
    pub count: usize,
}

/// A choice turned into ids, ready to test entries with.
#[derive(Debug)]
pub struct Resolved<'a> {
    include: Option<Vec<u32>>,
    exclude: Vec<u32>,
    choice: &'a Choice,
}

impl Resolved<'_> {
    /// True when an entry has every included value, no excluded one, and a length within
    /// the bounds.
    pub fn admits(&self, index: &FacetIndex, entry: usize) -> bool {
        let Some(include) = &self.include else {
            return false;
        };
        let c = self.choice;
        let words = || index.words.get(entry).map_or(0, |&w| w as usize);
        c.min_words.is_none_or(|min| words() >= min)
            && c.max_words.is_none_or(|max| words() <= max)
            && include.iter().all(|&id| index.has(entry, id))
            && !self.exclude.iter().any(|&id| index.has(entry, id))
    }
}

mod counts;
mod sets;
use counts::safety_of;
pub use counts::{Counts, SafetyCounts};
pub use sets::EntrySet;
use sets::Ids;

#[cfg(test)]
mod tests;
