//! The rows worked out from sets match those listed one work at a time, as the library
//! listed them before (the function below, kept here as the oracle): for whole sorted
//! collections and for searches, with series and works in several files, open or not,
//! and with many works left out or few.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Groups, RowList};
use crate::collection::filter::facets::EntrySet;
use crate::collection::series::SeriesIndex;
use crate::collection::works::{Splits, WorkIndex};
use crate::collection::{Entry, StoryMeta};
use crate::engine::{SeriesPart, Story};
use crate::ui::library::grouping::{Gatherer, Row, key, work_key};

fn work_of(g: Gatherer) -> Option<usize> {
    match g {
        Gatherer::Work(w) => Some(w as usize),
        _ => None,
    }
}

fn series_of(g: Gatherer) -> Option<usize> {
    match g {
        Gatherer::Series(s) => Some(s as usize),
        _ => None,
    }
}

/// Adds the rows for the entries of `result` (in list order) that are `listed` to `rows`,
/// and those entries again in the order drawn to `order`: a series' works follow its row, in reading order,
/// whether it is open or not. `gatherers` is [`Gatherer::of_all`] for the same series and
/// works, `gathered` the entries they gather. Each series and work counts its members listed (a few each), then one pass over
/// the result places the rows.
fn group(
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
        if let Some(w) = work_of(g) {
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
        let Some(s) = series_of(g).filter(|&s| in_result[s] >= 2) else {
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

/// A small deterministic generator (xorshift).
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `count` works: some in series, some the parts of works in several files
/// (`Saga 3 (2/4)`), some both.
fn entries(count: usize, draw: &mut Draw) -> Vec<Entry> {
    let header = "Title: X\nAuthor: Y\n\nA story.\n";
    let template = Story::parse_file(std::path::Path::new("x.txt"), header.as_bytes())
        .map(|s| StoryMeta::of(&s))
        .unwrap_or_else(|e| panic!("{e}"));
    (0..count)
        .map(|i| {
            let mut meta = template.clone();
            meta.author = Some(format!("author{}", i % 7));
            meta.title = match draw.below(5) {
                0 => format!("Saga {} ({}/4)", i % 9, 1 + draw.below(4)),
                _ => format!("Story {i}"),
            };
            if draw.below(4) == 0 {
                meta.metadata.series = vec![SeriesPart {
                    name: format!("Series {}", draw.below(12)),
                    position: Some(draw.below(6) as u32 + 1),
                }];
            }
            let hash = format!("{i:032x}");
            Entry::from_parts(PathBuf::from(format!("s/{i}.txt")), meta, hash, 100, 0)
        })
        .collect()
}

#[test]
fn rows_from_sets_match_rows_listed_one_by_one() {
    let mut draw = Draw(0x2545_f491_4f6c_dd1d);
    for round in 0..60 {
        let n = 40 + draw.below(200);
        let entries = entries(n, &mut draw);
        let series = SeriesIndex::build(&entries);
        let works = WorkIndex::build(&entries, &Splits::default());
        let gatherers = Gatherer::of_all(n, (&series, &works));
        let gathered = Gatherer::gathered(&gatherers);
        let own_members = Gatherer::own_members(&gatherers, &series);
        let groups = Groups {
            gatherers: &gatherers,
            gathered: &gathered,
            series: &series,
            own_members: &own_members,
            works: &works,
        };
        assert!(
            round > 0 || (!series.series.is_empty() && !works.works.is_empty()),
            "the collections have series and works in several files"
        );
        // A sort order, and a search's matches within it.
        let mut sorted: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            sorted.swap(i, draw.below(i + 1));
        }
        let mut place_of = vec![0u32; n];
        for (p, &e) in sorted.iter().enumerate() {
            place_of[e] = p as u32;
        }
        let searched: Vec<usize> = sorted
            .iter()
            .copied()
            .filter(|_| draw.below(3) > 0)
            .collect();
        // Few left out, or many.
        let keep = [2, 10, 40][round % 3];
        let listed = EntrySet::of(n, (0..n).filter(|_| draw.below(keep) != 0));
        let mut open = HashSet::new();
        if round % 2 == 1 {
            for s in series.series.iter().filter(|_| draw.below(2) == 0) {
                open.insert(key(&s.name));
            }
            for w in works.works.iter().filter(|_| draw.below(2) == 0) {
                open.insert(work_key(w));
            }
        }
        let gathering = (&gatherers[..], &gathered, &series, &works);
        // The whole sort, a search's matches on their own, and the same read through the
        // places in the whole sort (as the library does).
        let lists = [
            (&sorted, &sorted, Some(&place_of[..])),
            (&searched, &searched, None),
            (&searched, &sorted, Some(&place_of[..])),
        ];
        for (order, through, place_of) in lists {
            let listed_here =
                EntrySet::of(n, order.iter().copied().filter(|&e| listed.contains(e)));
            let (mut rows, mut shown) = (Vec::new(), Vec::new());
            group(
                order,
                &listed_here,
                gathering,
                &open,
                (&mut rows, &mut shown),
            );
            let list = RowList::build(
                Arc::new(through.clone()),
                listed_here.clone(),
                place_of,
                Some((groups, &open)),
            );
            assert_eq!(list.len(), rows.len(), "round {round}: as many rows");
            assert_eq!(
                list.rows(groups),
                rows,
                "round {round}: the same rows in order"
            );
            let one_by_one: Vec<Row> = (0..list.len())
                .filter_map(|i| list.row(i, groups))
                .collect();
            assert_eq!(one_by_one, rows, "round {round}: each row read alone");
            assert_eq!(
                list.shown(groups),
                shown,
                "round {round}: the same works in order"
            );
            // Not gathered: one row per work listed, in list order.
            let flat = RowList::build(
                Arc::new(through.clone()),
                listed_here.clone(),
                place_of,
                None,
            );
            let expected: Vec<Row> = (order.iter())
                .filter(|&&e| listed_here.contains(e))
                .map(|&e| Row::story(e, false))
                .collect();
            assert_eq!(flat.rows(groups), expected, "round {round}: ungrouped rows");
        }
    }
}
