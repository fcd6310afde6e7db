//! Finding the text editions at scan time: files without an address whose cards have the
//! same opening fingerprint (title, author, first words; see [`super::prefix`]) are read
//! again, a pair at a time, to judge whether the shorter's text is a prefix of the
//! longer's. Each verdict is kept in the index by both files' content fingerprints, so a
//! warm scan reads nothing; only a changed or new file of such a group is read again.

use std::collections::HashMap;

use super::prefix::{Growth, Verdict, compare};
use crate::collection::{ContentHash, Entry};
use crate::engine::Document;

/// A verdict on two files, as the index keeps it: the shorter file first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checked {
    /// The shorter (older) file's content.
    pub old: ContentHash,
    /// The longer (newer) file's content.
    pub new: ContentHash,
    /// How they compare.
    pub verdict: Verdict,
}

/// An older edition of a work found by its text, and its newest edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grown {
    /// The older file's content.
    pub old: ContentHash,
    /// The newest file's content.
    pub new: ContentHash,
    /// What the newest has past the older's end.
    pub growth: Growth,
}

/// What [`confirm`] found.
#[derive(Debug, Default)]
pub struct Confirmed {
    /// The older editions and their newest.
    pub grown: Vec<Grown>,
    /// Every verdict used (to be kept in the index).
    pub checked: Vec<Checked>,
    /// True when a verdict was not in the cache (the index should be saved).
    pub fresh: bool,
}

/// Finds the older editions among `entries` by their text, reusing `cached` verdicts and
/// reading (with `read`) only the files of pairs not judged before. The longest file of a
/// group is its newest edition; the files whose text is a prefix of it are older ones; a
/// file that is not starts a group of its own with what is left.
pub fn confirm(
    entries: &[&Entry],
    cached: &[Checked],
    read: impl Fn(&Entry) -> Option<Document>,
) -> Confirmed {
    let mut groups: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(print) = e.meta.opening {
            groups.entry(print).or_default().push(i);
        }
    }
    let cache: HashMap<(&str, &str), Verdict> = cached
        .iter()
        .map(|c| ((c.old.as_str(), c.new.as_str()), c.verdict))
        .collect();
    let mut out = Confirmed::default();
    for mut group in groups.into_values().filter(|g| g.len() >= 2) {
        // Files with an address are editions by it (see `identity`); copies with the same
        // bytes are one file here.
        group.retain(|&i| super::identity(entries[i]).is_none());
        group.sort_by_key(|&i| {
            let e = entries[i];
            std::cmp::Reverse((e.meta.words, e.modified_secs, e.hash.clone()))
        });
        group.dedup_by(|a, b| entries[*a].hash == entries[*b].hash);
        let mut docs: HashMap<usize, Option<Document>> = HashMap::new();
        while group.len() >= 2 {
            let head = group.remove(0);
            let new = entries[head];
            let mut left = Vec::new();
            for &i in &group {
                let old = entries[i];
                let verdict = match cache.get(&(old.hash.as_str(), new.hash.as_str())) {
                    Some(&v) => Some(v),
                    None => {
                        for k in [i, head] {
                            docs.entry(k).or_insert_with(|| read(entries[k]));
                        }
                        match (&docs[&i], &docs[&head]) {
                            (Some(a), Some(b)) => {
                                out.fresh = true;
                                Some(compare(a, b))
                            }
                            _ => None, // unreadable now: judged again next scan
                        }
                    }
                };
                if let Some(verdict) = verdict {
                    out.checked.push(Checked {
                        old: old.hash.clone(),
                        new: new.hash.clone(),
                        verdict,
                    });
                }
                match verdict {
                    Some(Verdict::Grown(growth)) => out.grown.push(Grown {
                        old: old.hash.clone(),
                        new: new.hash.clone(),
                        growth,
                    }),
                    _ => left.push(i),
                }
            }
            docs.remove(&head);
            group = left;
        }
    }
    out
}

/// Reads a file's story for comparing, when it still has the content the card was made
/// from.
pub fn read_document(entry: &Entry) -> Option<Document> {
    let loaded = crate::collection::load(&entry.path).ok()?;
    (loaded.hash == entry.hash).then_some(loaded.story.document)
}

#[cfg(test)]
mod tests;
