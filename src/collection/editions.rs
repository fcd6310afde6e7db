//! Works that grow: a work in progress saved again with new chapters is the same work. Two
//! files are editions of one work when they name the same AO3 work (its number in the
//! source address) or the same source address (FanFiction.Net's story number, or the
//! address itself, tidied); the newest edition (the most chapters, then the most words,
//! then the latest saved) stands for the work in the library and the older ones are listed
//! in its details. A file without an address is an edition by its text: same title and
//! author, the older story text a prefix of the newer ([`prefix`], judged at scan time by
//! [`confirm`]). Nothing is deleted: an older file stays where it is.

pub mod confirm;
pub mod prefix;

use std::collections::HashMap;

use super::Entry;
use confirm::Grown;
use prefix::Growth;

/// The editions of the works saved more than once.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    /// Per entry: the newest edition of its work, when it is an older one.
    newer: Vec<Option<usize>>,
    /// Per newest edition: the older ones, newest first.
    older: HashMap<usize, Vec<usize>>,
    /// Per (older, newest) edition found by its text: what the newest has past its end.
    growth: HashMap<(usize, usize), Growth>,
}

impl Editions {
    /// Finds the works saved more than once among the entries: by address, and by text
    /// (`grown`, as the scan confirmed it: see [`crate::collection::Collection::grown`]).
    pub fn build(entries: &[Entry], grown: &[Grown]) -> Editions {
        let mut by_work: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(key) = identity(e) {
                by_work.entry(key).or_default().push(i);
            }
        }
        let mut growth = HashMap::new();
        if !grown.is_empty() {
            let mut by_hash: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, e) in entries.iter().enumerate() {
                by_hash.entry(e.hash.as_str()).or_default().push(i);
            }
            for g in grown {
                let (Some(old), Some(new)) =
                    (by_hash.get(g.old.as_str()), by_hash.get(g.new.as_str()))
                else {
                    continue; // gone since the scan
                };
                // The newest's key groups its older editions (each copy of them).
                let key = format!("text:{}", g.new);
                let files = by_work.entry(key).or_default();
                if !files.contains(&new[0]) {
                    files.push(new[0]);
                }
                for &o in old {
                    files.push(o);
                    growth.insert((o, new[0]), g.growth);
                }
            }
        }
        let mut editions = Editions {
            newer: vec![None; entries.len()],
            older: HashMap::new(),
            growth,
        };
        for mut files in by_work.into_values().filter(|f| f.len() >= 2) {
            // Newest first.
            files.sort_by_key(|&i| std::cmp::Reverse(age_key(&entries[i])));
            let newest = files[0];
            for &old in &files[1..] {
                editions.newer[old] = Some(newest);
            }
            editions.older.insert(newest, files[1..].to_vec());
        }
        editions
    }

    /// True when a newer edition of this entry's work is in the collection.
    pub fn is_older(&self, entry: usize) -> bool {
        self.newest_of(entry).is_some()
    }

    /// The newest edition of this entry's work, when this one is older.
    pub fn newest_of(&self, entry: usize) -> Option<usize> {
        self.newer.get(entry).copied().flatten()
    }

    /// What the newest edition has past an older one's end, when they are editions by their
    /// text.
    pub fn growth(&self, older: usize, newest: usize) -> Option<Growth> {
        self.growth.get(&(older, newest)).copied()
    }

    /// The older editions of a newest one, newest first.
    pub fn older(&self, entry: usize) -> &[usize] {
        self.older.get(&entry).map_or(&[], Vec::as_slice)
    }
}

/// What a newer edition has over the one read, as the row and the notice say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    /// Chapters, counted: by the files' chapter counts, or the part headings past the
    /// older text's end.
    Chapters {
        /// How many.
        new: u32,
        /// The chapter counts then and now, when the files give them.
        counts: Option<(u32, u32)>,
    },
    /// More text with no heading to count: the words added.
    Words(u64),
}

impl Editions {
    /// What the newest edition `newest` has over the older `read`: chapters by the files'
    /// counts when both give one, else by the part headings past the older text's end
    /// (text editions), else the words added; `None` when nothing is new or nothing can
    /// be said.
    pub fn news(&self, entries: &[Entry], read: usize, newest: usize) -> Option<News> {
        let chapters = |i: usize| entries.get(i)?.meta.metadata.chapters_posted;
        if let Some((then, now)) = chapters(read).zip(chapters(newest)) {
            return (now > then).then_some(News::Chapters {
                new: now - then,
                counts: Some((then, now)),
            });
        }
        let growth = self.growth(read, newest)?;
        Some(match growth.new_parts {
            0 => News::Words(growth.added_words),
            n => News::Chapters {
                new: n,
                counts: None,
            },
        })
    }
}

/// What makes an edition newer: chapters, then words, then when it was saved (then its
/// content, so that the order is the same on every scan).
fn age_key(e: &Entry) -> (u32, usize, u64, &str) {
    let chapters = e.meta.metadata.chapters_posted.unwrap_or(0);
    (chapters, e.meta.words, e.modified_secs, &e.hash)
}

/// The work a file is an edition of: `ao3:N`, `ffn:N`, or its source address tidied
/// (no scheme, no `www.`, no trailing slash, the host in lower case).
pub fn identity(e: &Entry) -> Option<String> {
    let m = &e.meta.metadata;
    if let Some(id) = m.ao3_work_id() {
        return Some(format!("ao3:{id}"));
    }
    let url = m.source_url.as_deref()?.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.ends_with("fanfiction.net") || host.ends_with("fictionpress.com") {
        // `/s/123/4/Title`: the story is the number; the chapter and title vary.
        let mut parts = path.split('/');
        if parts.next() == Some("s")
            && let Some(id) = parts
                .next()
                .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(format!("ffn:{id}"));
        }
    }
    let path = path.trim_end_matches('/');
    (!host.is_empty()).then(|| format!("{host}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::meta::StoryMeta;
    use crate::engine::Story;

    fn entry(name: &str, url: &str, chapters: u32, words: usize, modified: u64) -> Entry {
        let text = "Title: A Long Watch\n\nThe lamp burned.\n";
        let story = Story::parse_file(std::path::Path::new(name), text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut meta = StoryMeta::of(&story);
        meta.metadata.source_url = Some(url.to_string());
        meta.metadata.chapters_posted = Some(chapters);
        meta.words = words;
        Entry::from_parts(name.into(), meta, name.into(), 1, modified)
    }

    #[test]
    fn the_newest_edition_stands_for_the_work() {
        let entries = vec![
            entry(
                "a-v1.html",
                "https://archiveofourown.org/works/77",
                2,
                4000,
                10,
            ),
            entry(
                "other.html",
                "https://archiveofourown.org/works/78",
                1,
                900,
                10,
            ),
            entry(
                "a-v3.epub",
                "http://www.archiveofourown.org/works/77/chapters/9",
                4,
                8000,
                5,
            ),
            entry("a-v2.html", "https://ao3.org/works/77", 3, 6000, 20),
            entry("f1.epub", "https://www.fanfiction.net/s/123/1/", 1, 1000, 1),
            entry(
                "f2.epub",
                "https://m.fanfiction.net/s/123/2/Quiet-Harbour",
                2,
                2000,
                2,
            ),
        ];
        let e = Editions::build(&entries, &[]);
        assert_eq!(e.older(2), [3, 0], "by chapters, newest first");
        assert_eq!(e.newest_of(0), Some(2));
        assert!(e.is_older(3) && !e.is_older(2) && !e.is_older(1));
        assert_eq!(e.older(1), [] as [usize; 0]);
        assert_eq!(e.older(5), [4], "FanFiction.Net's story number");
    }

    #[test]
    fn addresses_are_tidied_and_ao3_and_ffn_go_by_number() {
        let id = |url: &str| identity(&entry("x", url, 1, 1, 1));
        assert_eq!(
            id("https://archiveofourown.org/works/5/").as_deref(),
            Some("ao3:5")
        );
        assert_eq!(
            id("https://www.fanfiction.net/s/9/3/T").as_deref(),
            Some("ffn:9")
        );
        assert_eq!(
            id("https://WWW.Example.org/stories/long-watch/").as_deref(),
            Some("example.org/stories/long-watch")
        );
    }
}
