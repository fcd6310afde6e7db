//! The library's rows after a click, kept as sets: which places of the result (in list
//! order) lead a row, a work alone or the first listed work of a series or of a work in
//! several files with two or more listed, are bits. Each entry's place in the sorted
//! collection is kept, so a click that takes a few works out, or puts a few back, changes
//! a few bits: it costs a few hundred word operations at 10,000 works, not a pass writing
//! 10,000 rows. The rows on screen are read from the bits one at a time
//! (the n-th bit, found from counts kept per word of 64).

use std::collections::HashSet;
use std::sync::Arc;

use super::grouping::{Gatherer, Row, key, work_key};
use crate::collection::filter::facets::EntrySet;
use crate::collection::series::SeriesIndex;
use crate::collection::works::WorkIndex;

/// What gathers works under one row, worked out once per collection.
#[derive(Debug, Clone, Copy)]
pub struct Groups<'a> {
    /// Each entry's work or series ([`Gatherer::of_all`]).
    pub gatherers: &'a [Gatherer],
    /// The entries some work or series gathers.
    pub gathered: &'a EntrySet,
    /// The series.
    pub series: &'a SeriesIndex,
    /// Each series' own members: those no work in several files gathers
    /// ([`Gatherer::own_members`]).
    pub own_members: &'a [Vec<usize>],
    /// The works in several files.
    pub works: &'a WorkIndex,
}

/// The rows of the list.
#[derive(Debug, Default)]
pub struct RowList {
    /// The result's entries in list order (shared with the sort or search it came from).
    order: Arc<Vec<usize>>,
    /// The entries listed.
    listed: EntrySet,
    /// The places in `order` that lead a row.
    lead: EntrySet,
    /// How many places lead a row before each word of `lead`.
    before: Vec<u32>,
    /// Series and works are gathered under one row.
    grouped: bool,
    /// Per series and per work in several files: its works (files) listed.
    series_listed: Vec<u32>,
    works_listed: Vec<u32>,
    /// Open series and works: the rank of their row among the leading places, and their
    /// works listed beneath it, in reading order.
    opened: Vec<(usize, Vec<usize>)>,
    /// How many rows.
    len: usize,
}

impl RowList {
    /// The rows for the `listed` entries of `order`. `place_of`, when given, is each
    /// listed entry's place in `order` (an entry left out may have none: `u32::MAX`): the
    /// rows are then found from the entries listed, or from those left out when fewer,
    /// not from a pass over `order`. `groups` gathers series and works (with those the
    /// reader opened), when given.
    pub fn build(
        order: Arc<Vec<usize>>,
        listed: EntrySet,
        place_of: Option<&[u32]>,
        groups: Option<(Groups<'_>, &HashSet<String>)>,
    ) -> RowList {
        let mut rows = RowList {
            grouped: groups.is_some(),
            ..RowList::default()
        };
        let places = order.len();
        // The places of the entries listed.
        let mut lead = match place_of {
            Some(place_of) if listed.count() * 2 >= places => {
                let mut lead = EntrySet::full(places);
                let all = EntrySet::full(listed.capacity());
                for e in all.but_not_in(&listed) {
                    lead.remove(place_of[e] as usize);
                }
                lead
            }
            Some(place_of) => EntrySet::of(places, listed.iter().map(|e| place_of[e] as usize)),
            None => EntrySet::of(
                places,
                (order.iter().enumerate())
                    .filter(|(_, e)| listed.contains(**e))
                    .map(|(p, _)| p),
            ),
        };
        if let Some((groups, open)) = groups {
            // Without the places of every entry, those of the result are found once.
            let found: Vec<u32>;
            let place_of = match place_of {
                Some(place_of) => place_of,
                None => {
                    let mut places = vec![u32::MAX; listed.capacity()];
                    for (p, &e) in order.iter().enumerate() {
                        places[e] = p as u32;
                    }
                    found = places;
                    &found
                }
            };
            rows.gather(&mut lead, &listed, place_of, groups, open);
        }
        rows.before = lead.counts_before();
        rows.len = lead.count() + rows.opened.iter().map(|(_, m)| m.len()).sum::<usize>();
        (rows.order, rows.listed, rows.lead) = (order, listed, lead);
        rows
    }

    /// Counts each series' and work's members listed; of those with two or more, only
    /// the first listed leads a row (theirs); notes the open ones' works.
    fn gather(
        &mut self,
        lead: &mut EntrySet,
        listed: &EntrySet,
        place_of: &[u32],
        groups: Groups<'_>,
        open: &HashSet<String>,
    ) {
        // One pass over a group's members: how many are listed and the first place; a
        // second, for a group of two or more, takes the others' places out of `lead`.
        let mut gather = |members: &[usize]| -> (u32, Option<usize>) {
            let (mut count, mut first) = (0, u32::MAX);
            for &m in members.iter().filter(|&&m| listed.contains(m)) {
                count += 1;
                first = first.min(place_of[m]);
            }
            if count >= 2 {
                for &m in members.iter().filter(|&&m| listed.contains(m)) {
                    if place_of[m] != first {
                        lead.remove(place_of[m] as usize);
                    }
                }
            }
            (count, (count >= 2).then_some(first as usize))
        };
        let mut opened = Vec::new();
        let listed_in = |members: &[usize]| -> Vec<usize> {
            members
                .iter()
                .copied()
                .filter(|&m| listed.contains(m))
                .collect()
        };
        self.works_listed = (groups.works.works.iter())
            .map(|work| {
                let (count, first) = gather(&work.files);
                if let Some(first) =
                    first.filter(|_| !open.is_empty() && open.contains(&work_key(work)))
                {
                    opened.push((first, listed_in(&work.files)));
                }
                count
            })
            .collect();
        self.series_listed = (groups.series.series.iter().zip(groups.own_members))
            .map(|(series, own)| {
                let (count, first) = gather(own);
                if let Some(first) =
                    first.filter(|_| !open.is_empty() && open.contains(&key(&series.name)))
                {
                    opened.push((first, listed_in(&series.members)));
                }
                count
            })
            .collect();
        // Ranked once every row's leading place is known.
        let before = lead.counts_before();
        let mut opened: Vec<(usize, Vec<usize>)> = (opened.into_iter())
            .map(|(place, members)| (lead.rank(&before, place), members))
            .collect();
        opened.sort_by_key(|(rank, _)| *rank);
        self.opened = opened;
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `i`th row.
    pub fn row(&self, i: usize, groups: Groups<'_>) -> Option<Row> {
        let mut before = 0; // rows of open series and works drawn above
        for (rank, members) in &self.opened {
            let at = rank + before; // the open row itself
            if i <= at {
                break;
            }
            if i <= at + members.len() {
                return Some(Row::story(members[i - at - 1], true));
            }
            before += members.len();
        }
        let place = self.lead.nth(&self.before, i - before)?;
        Some(self.row_at(place, groups))
    }

    /// The row led by this place of the result.
    fn row_at(&self, place: usize, groups: Groups<'_>) -> Row {
        let e = self.order[place];
        if self.grouped && groups.gathered.contains(e) {
            match groups.gatherers.get(e) {
                Some(&Gatherer::Work(w)) if self.works_listed[w as usize] >= 2 => {
                    let files = self.works_listed[w as usize];
                    return Row::Work { work: w, files };
                }
                Some(&Gatherer::Series(s)) if self.series_listed[s as usize] >= 2 => {
                    let works = self.series_listed[s as usize];
                    return Row::Series { series: s, works };
                }
                _ => {}
            }
        }
        Row::story(e, false)
    }

    /// Every row, in order.
    pub fn rows(&self, groups: Groups<'_>) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.len);
        let mut opened = self.opened.iter().peekable();
        for (rank, place) in self.lead.iter().enumerate() {
            rows.push(self.row_at(place, groups));
            while let Some((_, members)) = opened.next_if(|(r, _)| *r == rank) {
                rows.extend(members.iter().map(|&m| Row::story(m, true)));
            }
        }
        rows
    }

    /// The entries listed in the order drawn: a series' or work's follow its row, in
    /// reading order, whether it is open or not.
    pub fn shown(&self, groups: Groups<'_>) -> Vec<usize> {
        let listed = |m: &usize| self.listed.contains(*m);
        let mut shown = Vec::with_capacity(self.listed.count());
        for place in self.lead.iter() {
            match self.row_at(place, groups) {
                Row::Story { entry, .. } => shown.push(entry as usize),
                Row::Work { work, .. } => {
                    let files = &groups.works.works[work as usize].files;
                    shown.extend(files.iter().copied().filter(listed));
                }
                Row::Series { series, .. } => {
                    let members = &groups.series.series[series as usize].members;
                    shown.extend(members.iter().copied().filter(listed));
                }
            }
        }
        shown
    }
}

impl super::LibraryState {
    /// What gathers works under one row.
    pub(super) fn groups(&self) -> Groups<'_> {
        Groups {
            gatherers: &self.gatherers,
            gathered: &self.gathered,
            series: &self.series,
            own_members: &self.own_members,
            works: &self.works,
        }
    }

    /// How many rows are drawn.
    pub fn row_count(&self) -> usize {
        self.row_list.len()
    }

    /// The `i`th row drawn.
    pub fn row(&self, i: usize) -> Option<Row> {
        self.row_list.row(i, self.groups())
    }

    /// Every row drawn, in order (made when asked: a click does not write them).
    pub fn rows(&self) -> Vec<Row> {
        self.row_list.rows(self.groups())
    }

    /// The entries listed, in the order drawn (hidden ones too when they fold to a line;
    /// a series' works follow its row, open or not).
    pub fn shown(&self) -> Vec<usize> {
        self.row_list.shown(self.groups())
    }
}

#[cfg(test)]
mod tests;
