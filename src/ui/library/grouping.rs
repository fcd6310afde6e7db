//! Series and works in several files as one row: the library's stories turned into the
//! rows drawn, where the files of a work (`story-pt1.txt` ... `story-pt7.txt`) and the works
//! of a series, with two or more in the result, are gathered under one row at the place of
//! the first of them, and listed beneath it in reading order when it is opened. A work's
//! files are gathered first; a series gathers the works of one file.

use std::collections::HashSet;

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

    /// The entries some work or series gathers, as a set.
    pub fn gathered(gatherers: &[Gatherer]) -> EntrySet {
        let gathered = gatherers.iter().enumerate();
        let gathered = gathered.filter(|(_, g)| **g != Gatherer::Alone);
        EntrySet::of(gatherers.len(), gathered.map(|(e, _)| e))
    }

    fn work(self) -> Option<usize> {
        match self {
            Gatherer::Work(w) => Some(w as usize),
            _ => None,
        }
    }

    fn series(self) -> Option<usize> {
        match self {
            Gatherer::Series(s) => Some(s as usize),
            _ => None,
        }
    }
}

/// Adds the rows for the entries of `result` (in list order) that are `listed` to `rows`,
/// and those entries again in the order drawn to `order`: a series' works follow its row, in reading order,
/// whether it is open or not. `gatherers` is [`Gatherer::of_all`] for the same series and
/// works, `gathered` the entries they gather. Each series and work counts its members listed (a few each), then one pass over
/// the result places the rows.
pub fn group(
    result: &[usize],
    listed: &EntrySet,
    (gatherers, gathered, index, works): (&[Gatherer], &EntrySet, &SeriesIndex, &WorkIndex),
    open: &HashSet<String>,
    (rows, order): (&mut Vec<Row>, &mut Vec<usize>),
) {
    let gatherer = |e: usize| gatherers.get(e).copied().unwrap_or(Gatherer::Alone);
    let files_in_result: Vec<usize> = (works.works.iter())
        .map(|w| w.files.iter().filter(|&&f| listed.contains(f)).count())
        .collect();
    // A series gathers the works of one file: its members in a work of several are not its.
    let in_result: Vec<usize> = (index.series.iter().enumerate())
        .map(|(s, series)| {
            let gathered = |m: &&usize| gatherer(**m) == Gatherer::Series(s as u32);
            let members = series.members.iter().filter(gathered);
            members.filter(|&&m| listed.contains(m)).count()
        })
        .collect();
    rows.reserve(result.len());
    order.reserve(result.len());
    let mut done = vec![false; index.series.len()];
    let mut works_done = vec![false; works.works.len()];
    // Most works are gathered by nothing: told by a bit, without reading their gatherer.
    for &e in result.iter().filter(|&&e| listed.contains(e)) {
        let g = match gathered.contains(e) {
            true => gatherer(e),
            false => Gatherer::Alone,
        };
        if g == Gatherer::Alone {
            rows.push(Row::story(e, false));
            order.push(e);
            continue;
        }
        if let Some(w) = g.work() {
            if files_in_result[w] < 2 {
                rows.push(Row::story(e, false));
                order.push(e);
            } else if !std::mem::replace(&mut works_done[w], true) {
                let work = &works.works[w];
                rows.push(Row::Work {
                    work: w as u32,
                    files: files_in_result[w] as u32,
                });
                // Folding a name costs more than the rest of a row: only when some are open.
                let is_open = !open.is_empty() && open.contains(&work_key(work));
                for &f in work.files.iter().filter(|&&f| listed.contains(f)) {
                    order.push(f);
                    if is_open {
                        rows.push(Row::story(f, true));
                    }
                }
            }
            continue;
        }
        let Some(s) = g.series().filter(|&s| in_result[s] >= 2) else {
            rows.push(Row::story(e, false));
            order.push(e);
            continue;
        };
        if std::mem::replace(&mut done[s], true) {
            continue;
        }
        let series = &index.series[s];
        rows.push(Row::Series {
            series: s as u32,
            works: in_result[s] as u32,
        });
        let is_open = !open.is_empty() && open.contains(&key(&series.name));
        for &m in series.members.iter().filter(|&&m| listed.contains(m)) {
            order.push(m);
            if is_open {
                rows.push(Row::story(m, true));
            }
        }
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
        self.stale = true;
    }
}
