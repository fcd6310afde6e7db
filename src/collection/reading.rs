//! Reading state: where each story was left, when it was last opened, whether it was
//! finished. Keyed by content fingerprint, so renaming or moving a file keeps its place.
//! Kept in the shared database of [`store`], with the records in memory for the library,
//! which reads them every frame.

mod store;

pub use store::{ReadingStore, StoreError};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::ContentHash;
use crate::storage::load_ron;

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

/// Reading state for the whole collection, in memory (and the shape of the `reading.ron`
/// that earlier versions saved).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReadingLog {
    /// Records by content fingerprint.
    pub stories: BTreeMap<ContentHash, ReadingRecord>,
}

impl ReadingLog {
    /// Loads a `reading.ron`; a missing file is an empty log, and a file that can't be read
    /// gives an empty log plus a message (the bad file is kept aside as `.bad`).
    pub fn load(path: &Path) -> (ReadingLog, Option<String>) {
        load_ron(path, "Your reading positions")
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

/// The reading state a window works with: the records in memory over the shared database.
/// Opening a story is written at once; the place, which moves with every scroll, is
/// written by [`ReadingState::save`] (the app calls it every few seconds and on leaving a
/// story). Only the stories this window touched are written, so other windows' records
/// are never overwritten.
#[derive(Debug, Default)]
pub struct ReadingState {
    log: ReadingLog,
    store: Option<ReadingStore>,
    /// Stories whose place moved here since the last save.
    unsaved: BTreeSet<ContentHash>,
}

impl ReadingState {
    /// Opens the database in `data_dir` and reads every record. When it can't be opened
    /// the state lives in memory for this session, and the message says so.
    pub fn open(data_dir: &Path) -> (ReadingState, Option<String>) {
        let (store, note) = match ReadingStore::open(data_dir) {
            Ok((store, note)) => (Some(store), note),
            Err(e) => (
                None,
                Some(format!(
                    "Your reading positions can't be kept this time ({e}); they will be \
                     remembered until Ficshelf closes."
                )),
            ),
        };
        let mut state = ReadingState {
            store,
            ..ReadingState::default()
        };
        state.reload();
        (state, note)
    }

    /// A state that is never saved (tests, benchmarks).
    pub fn in_memory(log: ReadingLog) -> ReadingState {
        ReadingState {
            log,
            ..ReadingState::default()
        }
    }

    /// The records, for the library.
    pub fn log(&self) -> &ReadingLog {
        &self.log
    }

    /// The record for a story as saved now (another window may have moved on since this
    /// one last looked), with this window's unsaved place over it.
    pub fn record(&mut self, hash: &str) -> Option<ReadingRecord> {
        if !self.unsaved.contains(hash)
            && let Some(Ok(Some(saved))) = self.store.as_ref().map(|s| s.get(hash))
        {
            self.log.stories.insert(hash.to_string(), saved);
        }
        self.log.get(hash).copied()
    }

    /// Records that a story was opened now, and writes it.
    pub fn opened(&mut self, hash: &str, now_secs: u64) -> Result<(), StoreError> {
        self.record(hash);
        self.log.opened(hash, now_secs);
        self.write(hash)
    }

    /// Records the reader's place (written by the next [`ReadingState::save`]).
    pub fn set_place(&mut self, hash: &str, place: Place, at_end: bool) {
        self.log.set_place(hash, place, at_end);
        self.unsaved.insert(hash.to_string());
    }

    /// Writes every place that moved here, one transaction each. What could not be written
    /// stays to be tried again.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let mut first_error = None;
        for hash in std::mem::take(&mut self.unsaved) {
            if let Err(e) = self.write(&hash) {
                self.unsaved.insert(hash);
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Reads the records again when another process changed them; true if it did.
    /// This window's unsaved places are kept.
    pub fn refresh(&mut self) -> bool {
        if self
            .store
            .as_mut()
            .is_some_and(ReadingStore::changed_elsewhere)
        {
            self.reload();
            return true;
        }
        false
    }

    fn reload(&mut self) {
        let Some(Ok(mut saved)) = self.store.as_ref().map(ReadingStore::load_all) else {
            return;
        };
        for hash in &self.unsaved {
            if let Some(mine) = self.log.stories.get(hash) {
                saved.insert(hash.clone(), *mine);
            }
        }
        self.log.stories = saved;
    }

    fn write(&self, hash: &str) -> Result<(), StoreError> {
        match (&self.store, self.log.get(hash)) {
            (Some(store), Some(record)) => store.put(hash, record),
            _ => Ok(()),
        }
    }
}

/// Seconds since 1970, now.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests;
