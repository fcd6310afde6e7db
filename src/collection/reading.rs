//! Reading state: where each story was left, when it was last opened, whether it was
//! finished. Keyed by content fingerprint, so renaming or moving a file keeps its place.
//! Saved as RON in the data folder, atomically.

use std::collections::BTreeMap;
use std::path::Path;

use super::ContentHash;
use crate::storage::{SaveError, load_ron, write_atomic};

/// Where a reader is in one story.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Place {
    /// The block at the top of the screen.
    pub block: usize,
    /// How far into that block, from 0 (its top) to 1 (its bottom).
    pub within: f32,
    /// How far through the whole story, 0 to 1 (by text, for the library's progress).
    pub progress: f32,
}

/// What Ficshelf remembers about reading one story.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReadingRecord {
    /// Where the reader stopped.
    pub place: Place,
    /// When the story was last opened (seconds since 1970).
    pub last_opened_secs: u64,
    /// Whether the reader reached the end.
    pub finished: bool,
}

/// How far a reader has got with a story, for the library's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Never opened.
    Unread,
    /// Opened, not finished; percent read.
    Reading(u8),
    /// Read to the end.
    Finished,
}

/// Reading state for the whole collection.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReadingLog {
    /// Records by content fingerprint.
    pub stories: BTreeMap<ContentHash, ReadingRecord>,
}

impl ReadingLog {
    /// Loads the log; a missing file is an empty log, and a file that can't be read gives an
    /// empty log plus a message (the bad file is kept aside as `.bad`, never overwritten).
    pub fn load(path: &Path) -> (ReadingLog, Option<String>) {
        load_ron(path, "Your reading positions")
    }

    /// Saves the log atomically.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        write_atomic(path, text.as_bytes())
    }

    /// The record for a story, if it was ever opened.
    pub fn get(&self, hash: &str) -> Option<&ReadingRecord> {
        self.stories.get(hash)
    }

    /// The library's progress marker for a story.
    pub fn progress(&self, hash: &str) -> Progress {
        match self.get(hash) {
            None => Progress::Unread,
            Some(r) if r.finished => Progress::Finished,
            Some(r) => Progress::Reading((r.place.progress.clamp(0.0, 1.0) * 100.0).round() as u8),
        }
    }

    /// When a story was last opened (0 for never).
    pub fn last_opened(&self, hash: &str) -> u64 {
        self.get(hash).map_or(0, |r| r.last_opened_secs)
    }

    /// Records that a story was opened now.
    pub fn opened(&mut self, hash: &str, now_secs: u64) {
        self.stories
            .entry(hash.to_string())
            .or_default()
            .last_opened_secs = now_secs;
    }

    /// Records the reader's place; reaching the end marks the story finished (and it stays
    /// finished when the reader goes back to reread a passage).
    pub fn set_place(&mut self, hash: &str, place: Place, at_end: bool) {
        let record = self.stories.entry(hash.to_string()).or_default();
        record.place = place;
        record.finished |= at_end;
    }
}

/// Seconds since 1970, now.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ficshelf-reading-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("reading.ron")
    }

    #[test]
    fn saves_and_loads_places() {
        let path = temp("roundtrip");
        let mut log = ReadingLog::default();
        log.opened("abc", 100);
        log.set_place(
            "abc",
            Place {
                block: 12,
                within: 0.5,
                progress: 0.25,
            },
            false,
        );
        log.save(&path).unwrap_or_else(|e| panic!("{e}"));
        let (loaded, note) = ReadingLog::load(&path);
        assert_eq!((loaded, note), (log.clone(), None));
        assert_eq!(log.progress("abc"), Progress::Reading(25));
        assert_eq!(log.progress("zzz"), Progress::Unread);
        assert_eq!(log.last_opened("abc"), 100);
    }

    #[test]
    fn finishing_sticks() {
        let mut log = ReadingLog::default();
        log.set_place(
            "a",
            Place {
                progress: 1.0,
                ..Place::default()
            },
            true,
        );
        log.set_place(
            "a",
            Place {
                progress: 0.5,
                ..Place::default()
            },
            false,
        );
        assert_eq!(log.progress("a"), Progress::Finished);
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_reported() {
        let path = temp("damaged");
        write_atomic(&path, b"(stories: {\"abc\": (place: (block: oops")
            .unwrap_or_else(|e| panic!("{e}"));
        let (log, note) = ReadingLog::load(&path);
        assert!(log.stories.is_empty());
        assert!(note.is_some_and(|n| n.contains("reading.ron.bad")));
        assert!(path.with_extension("ron.bad").exists());
    }

    #[test]
    fn unknown_and_missing_fields_load() {
        let path = temp("fields");
        let text = "(stories: {\"abc\": (place: (block: 3), future_field: true)}, other: 1)";
        write_atomic(&path, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let (log, note) = ReadingLog::load(&path);
        assert_eq!(note, None);
        assert_eq!(log.get("abc").map(|r| r.place.block), Some(3));
    }

    #[test]
    fn a_newer_record_shape_keeps_the_other_stories() {
        let path = temp("newer");
        let text = "(stories: {\"abc\": (place: Chapter(3), finished: true), \
                    \"def\": (place: (block: 7), last_opened_secs: 9)})";
        write_atomic(&path, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let (log, note) = ReadingLog::load(&path);
        assert_eq!(
            log.get("abc").map(|r| (r.place.block, r.finished)),
            Some((0, true))
        );
        assert_eq!(log.get("def").map(|r| r.place.block), Some(7));
        assert!(note.is_some_and(|n| n.contains("Chapter(3)")));
    }
}
