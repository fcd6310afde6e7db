//! Works that grow: a work in progress saved again with new chapters is the same work. Two
//! files are editions of one work when they name the same AO3 work (its number in the
//! source address) or the same source address (FanFiction.Net's story number, or the
//! address itself, tidied); files with no address, when they have the same title and
//! author and the older one's whole story text is the newer one's up to one of its part
//! headings (see [`super::meta::TextPrint`]: two stories that only share a title, like
//! "Untitled", stay apart, and two copies of the same text are copies, not editions). The
//! newest edition (the most chapters, then the most words, then the latest saved) stands
//! for the work in the library and the older ones are listed in its details. Nothing is
//! deleted: an older file stays where it is.

use std::collections::HashMap;

use super::Entry;
use super::filter::facets::normalise;

/// The editions of the works saved more than once.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    /// Per entry: the newest edition of its work, when it is an older one.
    newer: Vec<Option<usize>>,
    /// Per newest edition: the older ones, newest first.
    older: HashMap<usize, Vec<usize>>,
}

impl Editions {
    /// Finds the works saved more than once among the entries.
    pub fn build(entries: &[Entry]) -> Editions {
        let mut by_work: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(key) = identity(e) {
                by_work.entry(key).or_default().push(i);
            }
        }
        let mut editions = Editions {
            newer: vec![None; entries.len()],
            older: HashMap::new(),
        };
        for mut files in by_work.into_values().filter(|f| f.len() >= 2) {
            // Newest first.
            files.sort_by_key(|&i| std::cmp::Reverse(age_key(&entries[i])));
            editions.add(files);
        }
        for files in by_text(entries) {
            editions.add(files);
        }
        editions
    }

    /// Records a work's editions, the newest first.
    fn add(&mut self, files: Vec<usize>) {
        let newest = files[0];
        for &old in &files[1..] {
            self.newer[old] = Some(newest);
        }
        self.older.insert(newest, files[1..].to_vec());
    }

    /// True when a newer edition of this entry's work is in the collection.
    pub fn is_older(&self, entry: usize) -> bool {
        self.newest_of(entry).is_some()
    }

    /// The newest edition of this entry's work, when this one is older.
    pub fn newest_of(&self, entry: usize) -> Option<usize> {
        self.newer.get(entry).copied().flatten()
    }

    /// The older editions of a newest one, newest first.
    pub fn older(&self, entry: usize) -> &[usize] {
        self.older.get(&entry).map_or(&[], Vec::as_slice)
    }
}

/// What makes an edition newer: chapters, then words, then when it was saved.
fn age_key(e: &Entry) -> (u32, usize, u64) {
    (chapters(e).unwrap_or(0), e.meta.words, e.modified_secs)
}

/// The chapters an edition has: as its download says, or its part headings.
pub fn chapters(e: &Entry) -> Option<u32> {
    let parts = u32::try_from(e.meta.parts).ok().filter(|&p| p > 0);
    e.meta.metadata.chapters_posted.or(parts)
}

/// The works saved more than once among the files with no address, by their text: each
/// as its files, the newest first (the one whose text the others begin).
fn by_text(entries: &[Entry]) -> Vec<Vec<usize>> {
    let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if identity(e).is_none() && e.meta.print.len > 0 {
            let author = e.meta.author.as_deref().map(normalise).unwrap_or_default();
            by_name
                .entry((normalise(&e.meta.title), author))
                .or_default()
                .push(i);
        }
    }
    let mut works = Vec::new();
    for mut files in by_name.into_values().filter(|f| f.len() >= 2) {
        // Longest first: each file not yet placed is the newest of the ones it continues.
        files.sort_by_key(|&i| std::cmp::Reverse(entries[i].meta.print.len));
        let mut placed = vec![false; files.len()];
        for a in 0..files.len() {
            if placed[a] {
                continue;
            }
            let newest = &entries[files[a]].meta.print;
            let mut work = vec![files[a]];
            for b in a + 1..files.len() {
                if !placed[b] && newest.continues(&entries[files[b]].meta.print) {
                    placed[b] = true;
                    work.push(files[b]);
                }
            }
            if work.len() >= 2 {
                work[1..].sort_by_key(|&i| std::cmp::Reverse(age_key(&entries[i])));
                works.push(work);
            }
        }
    }
    works
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
        let e = Editions::build(&entries);
        assert_eq!(e.older(2), [3, 0], "by chapters, newest first");
        assert_eq!(e.newest_of(0), Some(2));
        assert!(e.is_older(3) && !e.is_older(2) && !e.is_older(1));
        assert_eq!(e.older(1), [] as [usize; 0]);
        assert_eq!(e.older(5), [4], "FanFiction.Net's story number");
    }

    /// A plain-text story with no address, its parts as given.
    fn text_entry(name: &str, title: &str, parts: &[&str], end: &str) -> Entry {
        let mut text = format!("Title: {title}\nAuthor: Jo Writer\n\n");
        for (k, part) in parts.iter().enumerate() {
            text.push_str(&format!("Part {}\n\n{part}\n\n", k + 1));
        }
        text.push_str(end);
        let story = Story::parse_file(std::path::Path::new(name), text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        let meta = StoryMeta::of(&story);
        Entry::from_parts(name.into(), meta, name.into(), 1, 1)
    }

    #[test]
    fn a_text_saved_again_with_more_parts_is_a_newer_edition() {
        let one = "The lamp was lit at six, and the tide came in over the flats.";
        let two = "Nobody came to the door that night, though the bell rang twice.";
        let three = "By morning the harbour was\nfull of boats again.";
        let entries = vec![
            // Saved after two parts, with a different footer and wrapping.
            text_entry(
                "watch.txt",
                "A Long Watch",
                &[one, two],
                "To be continued...\n",
            ),
            text_entry(
                "watch (1).txt",
                "A Long Watch",
                &[one, two, three],
                "The End\n",
            ),
            // Same title and writer, other words: another story.
            text_entry("untitled-a.txt", "Untitled", &[one], ""),
            text_entry("untitled-b.txt", "Untitled", &[two, three], ""),
            // The same text twice: copies, not editions.
            text_entry("copy-1.txt", "Copied", &[one, two], ""),
            text_entry("copy-2.txt", "Copied", &[one, two], ""),
            // The first part alone of the watch, saved even earlier.
            text_entry("watch-old.txt", "A Long Watch", &[one], "TBC\n"),
        ];
        let e = Editions::build(&entries);
        assert_eq!(e.older(1), [0, 6], "newest first");
        assert_eq!(e.newest_of(6), Some(1));
        for i in 2..6 {
            assert!(e.older(i).is_empty() && !e.is_older(i), "{i}");
        }
        assert_eq!(chapters(&entries[1]), Some(3));
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
