//! Series: works that name the same series (AO3's `Series: Part 2 of Name`, FanFicFare's
//! `series`, a plain-text `Series:` header) gathered in reading order, so the library can
//! show a series as one row and the reader can offer the next work. Names match after
//! folding case and spacing; a work in several series is grouped under the first it names.

use std::collections::HashMap;

use super::filter::facets::normalise;
use super::{ContentHash, Entry};
use crate::engine::{FieldKey, SeriesPart};

/// One series and the works of it in the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The name, as the first work read writes it.
    pub name: String,
    /// The works (entry indices) in reading order: by position, then title; works that
    /// don't say where they go come last.
    pub members: Vec<usize>,
    /// Each member's position as its file says.
    pub positions: Vec<Option<u32>>,
}

impl Series {
    /// `Part 2` or `Part 2 of 5`-style words for a member, when its file says.
    pub fn part_label(&self, member: usize) -> Option<String> {
        let at = self.members.iter().position(|&m| m == member)?;
        self.positions[at].map(|n| format!("Part {n}"))
    }
}

/// Every series in a collection.
#[derive(Debug, Clone, Default)]
pub struct SeriesIndex {
    /// The series, in the order their first work was found.
    pub series: Vec<Series>,
    /// Per entry: its series.
    of_entry: Vec<Option<usize>>,
    /// Per work: its series and place in it.
    of_hash: HashMap<ContentHash, (usize, usize)>,
}

impl SeriesIndex {
    /// Groups the entries that name a series.
    pub fn build(entries: &[Entry]) -> SeriesIndex {
        SeriesIndex::build_skipping(entries, |_| false)
    }

    /// Groups the entries that name a series, but those `skip` says (older copies of a
    /// work saved again, which are not works of the series of their own).
    pub fn build_skipping(entries: &[Entry], skip: impl Fn(usize) -> bool) -> SeriesIndex {
        let mut index = SeriesIndex {
            of_entry: vec![None; entries.len()],
            ..SeriesIndex::default()
        };
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (i, part) in named_series(entries).into_iter().enumerate() {
            let Some(part) = part.filter(|_| !skip(i)) else {
                continue;
            };
            let key = normalise(&part.name);
            if key.is_empty() {
                continue;
            }
            let s = *by_key.entry(key).or_insert_with(|| {
                index.series.push(Series {
                    name: part.name.clone(),
                    members: Vec::new(),
                    positions: Vec::new(),
                });
                index.series.len() - 1
            });
            index.series[s].members.push(i);
            index.series[s].positions.push(part.position);
            index.of_entry[i] = Some(s);
        }
        for (s, series) in index.series.iter_mut().enumerate() {
            let mut order: Vec<(Option<u32>, usize)> = series
                .positions
                .iter()
                .copied()
                .zip(series.members.iter().copied())
                .collect();
            order.sort_by_cached_key(|&(pos, i)| {
                (
                    pos.unwrap_or(u32::MAX),
                    entries[i].meta.title.to_lowercase(),
                    i,
                )
            });
            (series.positions, series.members) = order.into_iter().unzip();
            for (place, &i) in series.members.iter().enumerate() {
                index
                    .of_hash
                    .entry(entries[i].hash.clone())
                    .or_insert((s, place));
            }
        }
        index
    }

    /// The series an entry is grouped under.
    pub fn of_entry(&self, entry: usize) -> Option<usize> {
        self.of_entry.get(entry).copied().flatten()
    }

    /// The series a work (by content) is in, and its place there.
    pub fn place_of(&self, hash: &str) -> Option<(&Series, usize)> {
        let &(s, place) = self.of_hash.get(hash)?;
        Some((&self.series[s], place))
    }

    /// The work after this one in its series, if the collection has it.
    pub fn next(&self, hash: &str) -> Option<usize> {
        let (series, place) = self.place_of(hash)?;
        series.members.get(place + 1).copied()
    }

    /// The work before this one in its series, if the collection has it.
    pub fn previous(&self, hash: &str) -> Option<usize> {
        let (series, place) = self.place_of(hash)?;
        series.members.get(place.checked_sub(1)?).copied()
    }
}

/// Each entry's series: the first its file names; and a plain-text `Sequel to: "X"` (or
/// `Prequel to:`) naming a work of the collection by its title (by the same author, when
/// both say) makes the two a series of two named after X, when X names no series itself;
/// one naming no work of the collection is in no series.
fn named_series(entries: &[Entry]) -> Vec<Option<SeriesPart>> {
    let mut out: Vec<Option<SeriesPart>> = entries
        .iter()
        .map(|e| e.meta.metadata.series.first().cloned())
        .collect();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_title
            .entry(normalise(&e.meta.title))
            .or_default()
            .push(i);
    }
    for (i, e) in entries.iter().enumerate() {
        let Some(field) = e.meta.fields.iter().find(|f| f.key == FieldKey::Series) else {
            continue;
        };
        let label = field.label.to_ascii_lowercase();
        let sequel = label.starts_with("sequel");
        if !sequel && !label.starts_with("prequel") {
            continue;
        }
        let name = field
            .value
            .trim()
            .trim_matches(['"', '\u{201c}', '\u{201d}', '\'']);
        let same_author = |j: &&usize| match (&e.meta.author, &entries[**j].meta.author) {
            (Some(a), Some(b)) => normalise(a) == normalise(b),
            _ => true,
        };
        let found = by_title
            .get(&normalise(name))
            .and_then(|js| js.iter().find(same_author));
        let Some(&j) = found.filter(|&&j| j != i && entries[j].meta.metadata.series.is_empty())
        else {
            // `Sequel to X` names a work, not a series: without the work, no series.
            out[i] = None;
            continue;
        };
        let (mine, theirs) = if sequel { (2, 1) } else { (1, 2) };
        let part = |position| {
            Some(SeriesPart {
                name: name.to_string(),
                position: Some(position),
            })
        };
        (out[i], out[j]) = (part(mine), part(theirs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::StoryMeta;
    use crate::engine::Story;

    fn entry(name: &str, header: &str) -> Entry {
        let text = format!("{header}\n\nThe story begins, and goes on for a while.\n");
        let story = Story::parse_file(std::path::Path::new(name), text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        Entry::from_parts(name.into(), StoryMeta::of(&story), name.into(), 1, 0)
    }

    #[test]
    fn works_of_a_series_are_gathered_in_reading_order() {
        let entries = vec![
            entry("c.txt", "Title: Third\nSeries: Part 3 of Tides"),
            entry("x.txt", "Title: Alone"),
            entry("a.txt", "Title: First\nSeries: Part 1 of Tides"),
            entry("u.txt", "Title: Some time\nSeries: tides"),
            entry("b.txt", "Title: Second\nSeries: Tides [2]"),
        ];
        let index = SeriesIndex::build(&entries);
        assert_eq!(index.series.len(), 1);
        let tides = &index.series[0];
        assert_eq!(tides.name, "Tides");
        let titles: Vec<&str> = tides
            .members
            .iter()
            .map(|&i| entries[i].meta.title.as_str())
            .collect();
        assert_eq!(titles, ["First", "Second", "Third", "Some time"]);
        assert_eq!(tides.part_label(4), Some("Part 2".into()));
        assert_eq!(index.next("a.txt"), Some(4));
        assert_eq!(index.next("c.txt"), Some(3));
        assert_eq!(index.next("u.txt"), None);
        assert_eq!(index.previous("a.txt"), None);
        assert_eq!(index.previous("b.txt"), Some(2));
        assert_eq!(index.of_entry(1), None);
        assert!(index.place_of("x.txt").is_none());
    }

    #[test]
    fn a_sequel_named_in_a_text_header_follows_its_first_work() {
        let entries = vec![
            entry(
                "after.txt",
                "Title: After the Storm\nAuthor: Wren\nSequel to: \"The Storm\"",
            ),
            entry("storm.txt", "Title: The Storm\nAuthor: Wren"),
            entry(
                "other.txt",
                "Title: Calm\nAuthor: Ansel\nSequel to: Nothing Here",
            ),
            entry(
                "pre.txt",
                "Title: Before\nAuthor: Tam\nPrequel to: The Storm",
            ),
        ];
        let index = SeriesIndex::build(&entries);
        assert_eq!(index.series.len(), 1, "{:?}", index.series);
        let storm = &index.series[0];
        assert_eq!(storm.name, "The Storm");
        assert_eq!(storm.members, [1, 0], "the first work, then its sequel");
        assert_eq!(index.next("storm.txt"), Some(0));
        assert!(
            index.place_of("pre.txt").is_none(),
            "another author's prequel is not joined to it; a sequel to no work is no series"
        );
    }
}
