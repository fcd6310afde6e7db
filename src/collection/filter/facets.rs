//! Facets, as AO3 has them: the values a collection's works carry (fandoms, relationships,
//! characters, tags, authors, categories, language, complete or not, status, lists), each
//! counted within the current result, and the reader's choice of values to include (a work
//! must have all of them) and to exclude (a work with any of them goes). Values match when
//! they are the same after [`normalise`] (case and spacing), so `Buffy Summers/Spike` and
//! `Spike/Buffy Summers` stay two values and `S/W` stays as written.
//!
//! Fast at 10,000 works: each entry's normalised values are worked out when it is read
//! (see [`crate::collection::Entry`]); [`FacetIndex::build`] turns them into small ids once
//! per collection, so filtering is a binary search per chosen value and counting is one
//! pass over the ids of the works in the result.

use std::collections::HashMap;

use crate::collection::reading::{ReadingList, Status};
use crate::collection::{Entry, StoryMeta};
use crate::engine::{RatingLevel, WarningCategory};

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
    facet: Facet,
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
    fixed: Vec<Vec<u32>>,
    /// Per entry: the ids of its status and lists, sorted (read again when they change).
    marks: Vec<Vec<u32>>,
    /// Per value: its place from A to Z among the values the collection's works carry
    /// (lists and statuses, read later, come after them).
    rank: Vec<u32>,
}

impl FacetIndex {
    /// The index of a collection's entries (statuses and lists come with [`Self::mark`]).
    pub fn build(entries: &[Entry]) -> FacetIndex {
        let mut index = FacetIndex::default();
        index.fixed = entries
            .iter()
            .map(|e| {
                let mut ids: Vec<u32> = e
                    .facet_keys()
                    .iter()
                    .map(|(facet, label, key)| index.intern(*facet, label, key))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        index.marks = vec![Vec::new(); entries.len()];
        // A to Z once per collection, so listings order ties by a number, not by text.
        let mut by_key: Vec<u32> = (0..index.known.len() as u32).collect();
        by_key.sort_unstable_by(|&a, &b| index.key(a).cmp(index.key(b)));
        index.rank = vec![0; by_key.len()];
        for (rank, id) in by_key.into_iter().enumerate() {
            index.rank[id as usize] = rank as u32;
        }
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
        self.marks = entries
            .iter()
            .map(|e| {
                let s = status(e);
                let mut ids = on.get(e.hash.as_str()).cloned().unwrap_or_default();
                if let Some(pos) = Status::ALL.iter().position(|&x| x == s) {
                    ids.push(statuses[pos]);
                }
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
    }

    /// How many entries the index covers.
    pub fn len(&self) -> usize {
        self.fixed.len()
    }

    /// True when it covers none.
    pub fn is_empty(&self) -> bool {
        self.fixed.is_empty()
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
        self.known.push(Known {
            facet,
            label: label.to_string(),
            key: key.to_string(),
            capitalised: label.chars().any(char::is_uppercase),
        });
        self.by_key[f].insert(key.to_string(), id);
        id
    }

    /// The id of a value, if any work has it.
    fn id_of(&self, facet: Facet, value: &str) -> Option<u32> {
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
        let sorted = |v: &Vec<Vec<u32>>| {
            v.get(entry)
                .is_some_and(|ids| ids.binary_search(&id).is_ok())
        };
        sorted(&self.fixed) || sorted(&self.marks)
    }

    /// Counts the values of these entries: one pass over their ids.
    pub fn count(&self, entries: impl Iterator<Item = usize>) -> Vec<u32> {
        let mut counts = vec![0u32; self.known.len()];
        for e in entries {
            let ids = self.fixed.get(e).into_iter().chain(self.marks.get(e));
            for &id in ids.flatten() {
                counts[id as usize] += 1;
            }
        }
        counts
    }

    /// Every facet's values with their counts (by the facet's place in [`Facet::ALL`]),
    /// most first, then A to Z (the first [`SORTED_VALUES`] of each; the rest follow in no
    /// order); values with no works in the result are left out.
    pub fn listings(&self, counts: &[u32]) -> Vec<Vec<Listed>> {
        let mut out: Vec<Vec<Listed>> = vec![Vec::new(); Facet::ALL.len()];
        for (id, (known, &count)) in self.known.iter().zip(counts).enumerate() {
            if count > 0 {
                out[facet_slot(known.facet)].push(Listed {
                    id: id as u32,
                    count: count as usize,
                });
            }
        }
        for (facet, listed) in Facet::ALL.iter().zip(&mut out) {
            if *facet == Facet::Status {
                // Statuses keep their own order, as the menus list them.
                let place = |l: &Listed| {
                    let label = self.label(l.id);
                    Status::ALL.iter().position(|s| s.label() == label)
                };
                listed.sort_by_key(place);
            } else if listed.len() > SORTED_VALUES {
                // Only the first ones are read in order (a search sorts what it finds):
                // pick them in one pass, sort just them.
                listed.select_nth_unstable_by(SORTED_VALUES, |a, b| self.order(a, b));
                listed[..SORTED_VALUES].sort_unstable_by(|a, b| self.order(a, b));
            } else {
                listed.sort_unstable_by(|a, b| self.order(a, b));
            }
        }
        out
    }

    /// The order of a listing: most works first, then A to Z.
    pub fn order(&self, a: &Listed, b: &Listed) -> std::cmp::Ordering {
        let rank = |l: &Listed| self.rank.get(l.id as usize).copied().unwrap_or(u32::MAX);
        b.count
            .cmp(&a.count)
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| a.id.cmp(&b.id))
    }

    /// One facet's values with their counts, as [`Self::listings`] orders them.
    pub fn listing(&self, facet: Facet, counts: &[u32]) -> Vec<Listed> {
        let mut all = self.listings(counts);
        std::mem::take(&mut all[facet_slot(facet)])
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
    pub fn admits(&self, index: &FacetIndex, entry: usize, words: usize) -> bool {
        let Some(include) = &self.include else {
            return false;
        };
        let c = self.choice;
        c.min_words.is_none_or(|min| words >= min)
            && c.max_words.is_none_or(|max| words <= max)
            && include.iter().all(|&id| index.has(entry, id))
            && !self.exclude.iter().any(|&id| index.has(entry, id))
    }
}

/// How many works in a result have each rating and each warning (the sidebar shows them
/// beside the rating and warning filters, counted before those filters hide anything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SafetyCounts {
    /// Works per rating level.
    pub ratings: Vec<(RatingLevel, usize)>,
    /// Works per warning category.
    pub warnings: Vec<(WarningCategory, usize)>,
}

impl SafetyCounts {
    /// Counts the ratings and warnings of these cards.
    pub fn of<'a>(metas: impl Iterator<Item = &'a StoryMeta>) -> SafetyCounts {
        let mut ratings = [0usize; RatingLevel::ALL.len()];
        let mut warnings = [0usize; WarningCategory::ALL.len()];
        for meta in metas {
            if let Some(i) = RatingLevel::ALL.iter().position(|&l| l == meta.rating) {
                ratings[i] += 1;
            }
            for c in &meta.warnings.categories {
                if let Some(i) = WarningCategory::ALL.iter().position(|x| x == c) {
                    warnings[i] += 1;
                }
            }
        }
        SafetyCounts {
            ratings: RatingLevel::ALL.into_iter().zip(ratings).collect(),
            warnings: WarningCategory::ALL.into_iter().zip(warnings).collect(),
        }
    }

    /// Works with this rating.
    pub fn rating(&self, level: RatingLevel) -> usize {
        self.ratings
            .iter()
            .find(|(l, _)| *l == level)
            .map_or(0, |(_, n)| *n)
    }

    /// Works that warn of this.
    pub fn warning(&self, category: WarningCategory) -> usize {
        self.warnings
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0, |(_, n)| *n)
    }
}

#[cfg(test)]
mod tests;
