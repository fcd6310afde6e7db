//! Counting facet values within a result, fast enough to do after every click at 10,000
//! works: a count is one pass over the result's value ids; after a click that takes a few
//! works out of the result (or puts a few back) only those are subtracted (or added); a
//! listing is made only for the facets the sidebar shows, and only its first values are
//! put in order.

use super::{FacetIndex, Listed, SORTED_VALUES, facet_slot};
use crate::collection::StoryMeta;
use crate::collection::reading::Status;
use crate::engine::{RatingLevel, WarningCategory};

use super::Facet;

/// Up to this many first values are picked by keeping them in order in one pass; more
/// (a section shown whole) by selecting them.
const FEW_FIRST: usize = 32;

/// How many works in a result have each value.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// By value id.
    per_value: Vec<u32>,
    /// Per facet: the ids that have had a count (some may be back to zero).
    present: Vec<Vec<u32>>,
    /// By value id: in `present`.
    listed: Vec<bool>,
}

impl Counts {
    fn add(&mut self, slot_of: &[u8], id: u32) {
        let i = id as usize;
        self.per_value[i] += 1;
        if !self.listed[i] {
            self.listed[i] = true;
            self.present[usize::from(slot_of[i])].push(id);
        }
    }

    /// True when some work in the result has a value of this facet.
    pub fn any(&self, facet: Facet) -> bool {
        let ids = self.present.get(facet_slot(facet));
        ids.is_some_and(|ids| ids.iter().any(|&id| self.per_value[id as usize] > 0))
    }
}

impl FacetIndex {
    fn empty_counts(&self) -> Counts {
        Counts {
            per_value: vec![0; self.known.len()],
            present: vec![Vec::new(); Facet::ALL.len()],
            listed: vec![false; self.known.len()],
        }
    }

    /// Counts the values of these entries: one pass over their ids.
    pub fn count(&self, entries: impl Iterator<Item = usize>) -> Counts {
        let mut counts = self.empty_counts();
        for e in entries {
            for &id in self.fixed.of(e).iter().chain(self.marks.of(e)) {
                counts.add(&self.slot_of, id);
            }
        }
        counts
    }

    /// Brings counts up to date after entries left the result and others joined it.
    pub fn recount(
        &self,
        counts: &mut Counts,
        left: impl Iterator<Item = usize>,
        joined: impl Iterator<Item = usize>,
    ) {
        if counts.per_value.len() != self.known.len() {
            *counts = self.empty_counts(); // counted before the values changed
        }
        for e in left {
            for &id in self.fixed.of(e).iter().chain(self.marks.of(e)) {
                let n = &mut counts.per_value[id as usize];
                *n = n.saturating_sub(1);
            }
        }
        for e in joined {
            for &id in self.fixed.of(e).iter().chain(self.marks.of(e)) {
                counts.add(&self.slot_of, id);
            }
        }
    }

    /// How many of these entries have each rating and each warning.
    pub fn safety(&self, entries: impl Iterator<Item = usize>) -> SafetyCounts {
        let mut ratings = [0usize; RatingLevel::ALL.len()];
        let mut warnings = [0usize; WarningCategory::ALL.len()];
        for e in entries {
            let Some(&(rating, bits)) = self.safety.get(e) else {
                continue;
            };
            ratings[usize::from(rating)] += 1;
            for (i, n) in warnings.iter_mut().enumerate() {
                *n += usize::from(bits >> i & 1);
            }
        }
        SafetyCounts {
            ratings: RatingLevel::ALL.into_iter().zip(ratings).collect(),
            warnings: WarningCategory::ALL.into_iter().zip(warnings).collect(),
        }
    }

    /// One facet's values with their counts, most first, then A to Z (the first
    /// [`SORTED_VALUES`]; the rest follow in no order); values no work in the result has
    /// are left out.
    pub fn listing(&self, facet: Facet, counts: &Counts) -> Vec<Listed> {
        self.listing_first(facet, counts, SORTED_VALUES)
    }

    /// The same, with only the first `first` values in order (a folded section draws a
    /// few; sorting fewer of 3,000 tags is most of a listing's cost).
    pub fn listing_first(&self, facet: Facet, counts: &Counts, first: usize) -> Vec<Listed> {
        let ids = counts
            .present
            .get(facet_slot(facet))
            .map_or(&[][..], Vec::as_slice);
        let mut listed: Vec<Listed> = ids
            .iter()
            .filter_map(|&id| {
                let count = *counts.per_value.get(id as usize)?;
                (count > 0).then_some(Listed {
                    id,
                    count: count as usize,
                })
            })
            .collect();
        if facet == Facet::Status {
            // Statuses keep their own order, as the menus list them.
            let place = |l: &Listed| {
                let label = self.label(l.id);
                Status::ALL.iter().position(|s| s.label() == label)
            };
            listed.sort_by_key(place);
        } else if listed.len() > first && first <= FEW_FIRST {
            // A folded section's few: kept in order while passing over the rest once.
            let mut best: Vec<(Listed, usize)> = Vec::with_capacity(first + 1);
            for (place, l) in listed.iter().enumerate() {
                let better = |worst: &(Listed, usize)| self.order(l, &worst.0).is_lt();
                if best.len() < first || best.last().is_some_and(better) {
                    let at = best.partition_point(|b| self.order(&b.0, l).is_lt());
                    best.insert(at, (*l, place));
                    best.truncate(first);
                }
            }
            let mut places: Vec<usize> = best.iter().map(|b| b.1).collect();
            places.sort_unstable();
            let mut out: Vec<Listed> = Vec::with_capacity(listed.len());
            out.extend(best.iter().map(|b| b.0));
            let mut next = places.iter().peekable();
            for (place, l) in listed.iter().enumerate() {
                if next.next_if(|&&p| p == place).is_none() {
                    out.push(*l);
                }
            }
            listed = out;
        } else if listed.len() > first {
            // Only the first ones are read in order (a search sorts what it finds): pick
            // them in one pass, sort just them.
            listed.select_nth_unstable_by(first, |a, b| self.order(a, b));
            listed[..first].sort_unstable_by(|a, b| self.order(a, b));
        } else {
            listed.sort_unstable_by(|a, b| self.order(a, b));
        }
        listed
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

/// A card's rating and warnings in two numbers (see [`FacetIndex::safety`]).
pub(super) fn safety_of(meta: &StoryMeta) -> (u8, u16) {
    let rating = RatingLevel::ALL.iter().position(|&l| l == meta.rating);
    let mut bits = 0u16;
    for c in &meta.warnings.categories {
        if let Some(i) = WarningCategory::ALL.iter().position(|x| x == c) {
            bits |= 1 << i;
        }
    }
    (rating.unwrap_or(0) as u8, bits)
}
