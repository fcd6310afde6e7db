//! Series and works in several files as one row: the files of a work (`story-pt1.txt` ...
//! `story-pt7.txt`) and the works of a series, with two or more in the result, are gathered
//! under one row at the place of the first of them, and listed beneath it in reading order
//! when it is opened. A work's files are gathered first; a series gathers the works of one
//! file. Here are the rows' kinds and what gathers each entry, worked out once per
//! collection; `row_list` places the rows after each click.

use super::LibraryState;
use crate::collection::Entry;
use crate::collection::filter::facets::EntrySet;
use crate::collection::series::SeriesIndex;
use crate::collection::works::{Splits, Work, WorkIndex};

/// One row of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A story (entry index); `in_series` when it is listed under its series' row.
    Story {
        /// The entry.
        entry: u32,
        /// Listed under its series' row (drawn indented).
        in_series: bool,
    },
    /// A series (index into [`SeriesIndex::series`]) and how many of its works are listed.
    Series {
        /// The series.
        series: u32,
        /// Its works in the result.
        works: u32,
    },
    /// A work in several files (index into [`WorkIndex::works`]) and how many of its files
    /// are listed.
    Work {
        /// The work.
        work: u32,
        /// Its files in the result.
        files: u32,
    },
}

impl Row {
    /// A story's row (kept small: a click at 10,000 works writes one per work listed).
    pub fn story(entry: usize, in_series: bool) -> Row {
        Row::Story {
            entry: entry as u32,
            in_series,
        }
    }

    /// The story's entry, for a story's row.
    pub fn entry(&self) -> Option<usize> {
        match *self {
            Row::Story { entry, .. } => Some(entry as usize),
            Row::Series { .. } | Row::Work { .. } => None,
        }
    }
}

/// What may gather an entry under one row: its work in several files (first), else its
/// series. Worked out once per collection, so grouping after a click reads one small
/// number per entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gatherer {
    /// Neither.
    Alone,
    /// A work in several files (index into [`WorkIndex::works`]).
    Work(u32),
    /// A series (index into [`SeriesIndex::series`]).
    Series(u32),
}

impl Gatherer {
    /// Every entry's.
    pub fn of_all(entries: usize, (index, works): (&SeriesIndex, &WorkIndex)) -> Vec<Gatherer> {
        let of = |e: usize| match (works.of_entry(e), index.of_entry(e)) {
            (Some(w), _) => Gatherer::Work(w as u32),
            (None, Some(s)) => Gatherer::Series(s as u32),
            (None, None) => Gatherer::Alone,
        };
        (0..entries).map(of).collect()
    }

    /// Each series' members that it gathers (not those a work in several files does), in
    /// reading order.
    pub fn own_members(gatherers: &[Gatherer], index: &SeriesIndex) -> Vec<Vec<usize>> {
        let own = |s: usize, m: usize| gatherers.get(m) == Some(&Gatherer::Series(s as u32));
        (index.series.iter().enumerate())
            .map(|(s, series)| {
                series
                    .members
                    .iter()
                    .copied()
                    .filter(|&m| own(s, m))
                    .collect()
            })
            .collect()
    }

    /// The entries some work or series gathers, as a set.
    pub fn gathered(gatherers: &[Gatherer]) -> EntrySet {
        let gathered = gatherers.iter().enumerate();
        let gathered = gathered.filter(|(_, g)| **g != Gatherer::Alone);
        EntrySet::of(gatherers.len(), gathered.map(|(e, _)| e))
    }
}

/// How an open work is remembered (its title and author, folded).
pub fn work_key(work: &Work) -> String {
    let author = work.author.as_deref().unwrap_or("");
    key(&format!("work\u{1f}{}\u{1f}{author}", work.title))
}

/// How an open series is remembered (its name, folded).
pub fn key(name: &str) -> String {
    crate::collection::filter::facets::normalise(name)
}

impl LibraryState {
    /// The reader split a work or put one back together (here or in another window):
    /// group the files again and list them again.
    pub fn regroup(&mut self, entries: &[Entry], splits: &Splits) {
        if self.splits == *splits {
            return;
        }
        self.splits = splits.clone();
        self.works = WorkIndex::build(entries, splits);
        // Each entry's work or series is worked out again with the new works.
        self.gatherers = Gatherer::of_all(entries.len(), (&self.series, &self.works));
        self.gathered = Gatherer::gathered(&self.gatherers);
        self.own_members = Gatherer::own_members(&self.gatherers, &self.series);
        self.stale = true;
    }
}
