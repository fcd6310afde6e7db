//! Works: what a reader thinks of as one story, which may be one file or several. An
//! archive story saved as `story-pt1.txt` ... `story-pt7.txt`, or posts titled
//! `Title (3/7)`, is one work. The rule is conservative: the same title once the part
//! marker is taken off, the same author (where both say), and no part number twice; a
//! file that fits no group is a work of its own. The reader can correct a wrong group
//! ([`Splits`]): take a file out of its work, or split the work into separate stories;
//! the choice is kept by content and by the work's folded title and author, so it
//! outlives a rescan. `ficshelf index --json` prints the works so the grouping can be
//! checked without the window.

use std::collections::{BTreeSet, HashMap};

use super::filter::facets::normalise;
use super::{ContentHash, Entry};
use crate::engine::SeriesPart;

/// One work and the files it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// The title without its part marker.
    pub title: String,
    /// The author, when a file names one.
    pub author: Option<String>,
    /// The files (entry indices) in reading order.
    pub files: Vec<usize>,
    /// How many parts are here (the files, for a work in several).
    pub parts_found: usize,
    /// How many parts there are, when a file says (`3/7`).
    pub parts_total: Option<u32>,
    /// The series it is part of.
    pub series: Vec<SeriesPart>,
    /// Finished (all parts here and the last says so, or the file says), in progress, or
    /// not said.
    pub complete: Option<bool>,
    /// What a split of this work is kept under (its folded title and author), when its
    /// files were grouped by a part marker.
    pub key: Option<String>,
}

/// The reader's corrections to the grouping, as kept in the reading-state database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Splits {
    /// Files (by content) taken out of the work the rule puts them in.
    pub files: BTreeSet<ContentHash>,
    /// Works (by [`Work::key`]) split into separate stories.
    pub works: BTreeSet<String>,
}

impl Splits {
    /// True when the reader corrected nothing.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.works.is_empty()
    }
}

/// What puts a work back together: its key and every file the rule groups into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    /// The work's [`Work::key`].
    pub key: String,
    /// Its files (by content), each of which may have been taken out.
    pub files: Vec<ContentHash>,
}

/// A file that the rule puts in a work of several files but the reader's choice keeps
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apart {
    /// The work's title.
    pub title: String,
    /// This file was taken out (rather than the work split, or its other files taken out).
    pub taken_out: bool,
    /// What undoes the choice.
    pub join: Join,
}

/// A part marker read off a title or a file name: the rest, the number, the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMarker {
    /// The title or name without the marker.
    pub base: String,
    /// The part's number.
    pub number: u32,
    /// How many parts there are, when said.
    pub total: Option<u32>,
}

/// `Title (3/7)`, `Title [3/7]`, `Title (3 of 7)`, `Title - Part 3`, `Title, Part 3 of 7`,
/// `Title (Part 3)`.
pub fn title_marker(title: &str) -> Option<PartMarker> {
    let t = title.trim();
    // A bracketed count at the end.
    if let Some(open) = t.rfind(['(', '['])
        && t.ends_with([')', ']'])
    {
        let inside = t[open + 1..t.len() - 1].trim();
        let inside = strip_word(inside, &["part", "pt.", "pt"]).unwrap_or(inside);
        if let Some((number, total)) = count(inside) {
            return marker(&t[..open], number, total);
        }
    }
    // `... Part 3` / `... Part 3 of 7` after a separator.
    // ASCII case only, so that byte offsets in `lower` are offsets in `t`.
    let lower = t.to_ascii_lowercase();
    let at = lower.rfind(" part ").or_else(|| lower.rfind(" pt "))?;
    let rest = t[at..].trim();
    let rest = strip_word(rest, &["part", "pt"])?;
    let (number, total) = count(rest)?;
    marker(&t[..at], number, total)
}

/// `story-pt1`, `story_part02`, `story.part3`, `story-3of7`: a file name's part marker.
pub fn file_marker(stem: &str) -> Option<PartMarker> {
    let lower = stem.to_ascii_lowercase();
    let digits_at = lower.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits_at == lower.len() {
        return None;
    }
    let number: u32 = lower[digits_at..].parse().ok()?;
    let head = &lower[..digits_at];
    // `3of7`: the total is the trailing number.
    if let Some(before) = head.strip_suffix("of") {
        let n_at = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if n_at < before.len() {
            let first: u32 = before[n_at..].parse().ok()?;
            return marker(&stem[..n_at], first, Some(number).filter(|&t| t >= first));
        }
    }
    for word in ["part", "pt", "ch"] {
        if let Some(base) = head.strip_suffix(word) {
            return marker(&stem[..base.len()], number, None);
        }
    }
    None
}

fn strip_word<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase();
    words
        .iter()
        .find(|w| lower.starts_with(*w))
        .map(|w| text[w.len()..].trim_start())
}

/// `3/7`, `3 of 7`, `3`.
fn count(text: &str) -> Option<(u32, Option<u32>)> {
    let text = text.trim();
    let (a, b) = match text.split_once('/') {
        Some(pair) => (pair.0, Some(pair.1)),
        None => match text.split_once(" of ") {
            Some(pair) => (pair.0, Some(pair.1)),
            None => (text, None),
        },
    };
    let number = a.trim().parse().ok().filter(|&n| n > 0)?;
    let total = match b {
        Some(b) => Some(b.trim().parse().ok().filter(|&t: &u32| t >= number)?),
        None => None,
    };
    Some((number, total))
}

fn marker(base: &str, number: u32, total: Option<u32>) -> Option<PartMarker> {
    let base = base
        .trim()
        .trim_end_matches([',', '-', ':', '_', '.', '~'])
        .trim();
    (!base.is_empty()).then(|| PartMarker {
        base: base.to_string(),
        number,
        total,
    })
}

/// Files that may be one work: the base title and the author, both folded.
type GroupKey = (String, String);
/// One of them: its part number, the total it states, its entry.
type Part = (u32, Option<u32>, usize);

/// The works of a collection: files grouped by the rule above, in the order their first
/// file is listed.
pub fn works(entries: &[Entry]) -> Vec<Work> {
    works_with(entries, &Splits::default())
}

/// A group's key as a split keeps it.
fn key_text((base, author): &GroupKey) -> String {
    format!("{base}\u{1f}{author}")
}

/// [`works`], with the reader's corrections: a file taken out and the files of a work
/// split are works of their own.
pub fn works_with(entries: &[Entry], splits: &Splits) -> Vec<Work> {
    // Candidates for a group: the base title (or file name) and the author.
    let mut groups: HashMap<GroupKey, Vec<Part>> = HashMap::new();
    let mut keys: Vec<Option<GroupKey>> = vec![None; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if splits.files.contains(&e.hash) {
            continue;
        }
        let stem = e.path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let found = title_marker(&e.meta.title)
            .map(|m| (normalise(&m.base), m))
            .or_else(|| {
                let m = file_marker(stem.as_deref()?)?;
                Some((normalise(&e.meta.title), m))
            });
        if let Some((base, m)) = found {
            let author = e.meta.author.as_deref().map(normalise).unwrap_or_default();
            let key = (base, author);
            if !splits.works.is_empty() && splits.works.contains(&key_text(&key)) {
                continue;
            }
            groups
                .entry(key.clone())
                .or_default()
                .push((m.number, m.total, i));
            keys[i] = Some(key);
        }
    }
    let mut out = Vec::new();
    let mut done: std::collections::HashSet<GroupKey> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        let grouped = keys[i].as_ref().and_then(|k| {
            let parts = groups.get(k)?;
            let mut numbers: Vec<u32> = parts.iter().map(|p| p.0).collect();
            numbers.sort_unstable();
            numbers.dedup();
            (parts.len() >= 2 && numbers.len() == parts.len()).then_some((k, parts))
        });
        let Some((key, parts)) = grouped else {
            out.push(single(entries, i));
            continue;
        };
        if !done.insert(key.clone()) {
            continue;
        }
        let mut parts = parts.clone();
        parts.sort_unstable();
        let files: Vec<usize> = parts.iter().map(|p| p.2).collect();
        let total = parts.iter().filter_map(|p| p.1).max();
        let last = &entries[files[files.len() - 1]].meta;
        let all_here = total.is_some_and(|t| t as usize == files.len());
        let first = &entries[files[0]];
        out.push(Work {
            title: title_marker(&first.meta.title)
                .map_or_else(|| first.meta.title.clone(), |m| m.base),
            author: e.meta.author.clone(),
            parts_found: files.len(),
            parts_total: total,
            series: first.meta.metadata.series.clone(),
            complete: if all_here && last.complete != Some(false) {
                Some(true)
            } else if total.is_some() && !all_here {
                Some(false)
            } else {
                last.complete
            },
            files,
            key: Some(key_text(key)),
        });
    }
    out
}

/// A work of one file (`Title (3/7)` alone is one part of seven found).
fn single(entries: &[Entry], i: usize) -> Work {
    let meta = &entries[i].meta;
    let m = &meta.metadata;
    let marked = title_marker(&meta.title);
    Work {
        title: marked
            .as_ref()
            .map_or_else(|| meta.title.clone(), |m| m.base.clone()),
        author: meta.author.clone(),
        files: vec![i],
        parts_found: 1,
        parts_total: marked.and_then(|m| m.total),
        series: m.series.clone(),
        complete: meta.complete,
        key: None,
    }
}

/// The works of a collection that are in several files, for the window: one row in the
/// library, and each part leading to the next in the reader.
#[derive(Debug, Clone, Default)]
pub struct WorkIndex {
    /// The works in two files or more, in the order their first file is listed.
    pub works: Vec<Work>,
    /// Per entry: its work.
    of_entry: Vec<Option<usize>>,
    /// Per file (by content): its work and which part it is (0-based).
    of_hash: HashMap<ContentHash, (usize, usize)>,
    /// Per entry kept apart by the reader's choice: the work it would be in.
    apart: HashMap<usize, Apart>,
}

impl WorkIndex {
    /// Groups the entries' files into works, keeping those in several files, with the
    /// reader's corrections.
    pub fn build(entries: &[Entry], splits: &Splits) -> WorkIndex {
        let mut index = WorkIndex {
            of_entry: vec![None; entries.len()],
            ..WorkIndex::default()
        };
        for work in works_with(entries, splits)
            .into_iter()
            .filter(|w| w.files.len() >= 2)
        {
            let w = index.works.len();
            for (part, &file) in work.files.iter().enumerate() {
                index.of_entry[file] = Some(w);
                index.of_hash.insert(entries[file].hash.clone(), (w, part));
            }
            index.works.push(work);
        }
        if !splits.is_empty() {
            index.find_apart(entries, splits);
        }
        index
    }

    /// The files the rule groups that the reader's choices keep apart.
    fn find_apart(&mut self, entries: &[Entry], splits: &Splits) {
        let whole = works(entries).into_iter().filter(|w| w.files.len() >= 2);
        for work in whole {
            let apart: Vec<usize> = (work.files.iter().copied())
                .filter(|&f| self.of_entry[f].is_none())
                .collect();
            if apart.is_empty() {
                continue;
            }
            let join = Join {
                key: work.key.clone().unwrap_or_default(),
                files: work
                    .files
                    .iter()
                    .map(|&f| entries[f].hash.clone())
                    .collect(),
            };
            for f in apart {
                let apart = Apart {
                    title: work.title.clone(),
                    taken_out: splits.files.contains(&entries[f].hash),
                    join: join.clone(),
                };
                self.apart.insert(f, apart);
            }
        }
    }

    /// Why an entry the rule puts in a work is on its own, when the reader chose it.
    pub fn apart(&self, entry: usize) -> Option<&Apart> {
        self.apart.get(&entry)
    }

    /// The work an entry is a part of, when it is in several files.
    pub fn of_entry(&self, entry: usize) -> Option<usize> {
        self.of_entry.get(entry).copied().flatten()
    }

    /// The work of the file with this content and which part it is (0-based).
    pub fn place_of(&self, hash: &str) -> Option<(&Work, usize)> {
        let &(w, part) = self.of_hash.get(hash)?;
        Some((&self.works[w], part))
    }

    /// The entry of the part after this file's, if the collection has it.
    pub fn next(&self, hash: &str) -> Option<usize> {
        let (work, part) = self.place_of(hash)?;
        work.files.get(part + 1).copied()
    }

    /// The entry of the part before this file's.
    pub fn previous(&self, hash: &str) -> Option<usize> {
        let (work, part) = self.place_of(hash)?;
        work.files.get(part.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests;
