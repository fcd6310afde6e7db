//! Reading state: where each story was left, when it was last opened, whether it was
//! finished. Keyed by content fingerprint, so renaming or moving a file keeps its place.
//! Kept in the shared database of [`store`], with the records in memory for the library,
//! which reads them every frame.

pub mod marks;
mod state;
mod store;

pub use marks::{Anchor, Colour, Mark, MarkKind};
pub use state::ReadingState;
pub use store::{ReadingList, ReadingStore, StoreError};

use std::collections::BTreeMap;
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

/// Where the reader stands with a work. Unread, Reading and Finished follow from reading
/// unless the reader sets one by hand; On hold and Dropped are only ever set by hand.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Status {
    /// Not started.
    Unread,
    /// Started, not finished.
    Reading,
    /// Read to the end.
    Finished,
    /// Put aside for now.
    OnHold,
    /// Given up.
    Dropped,
}

impl Status {
    /// Every status, in the order menus list them.
    pub const ALL: [Status; 5] = [
        Status::Unread,
        Status::Reading,
        Status::Finished,
        Status::OnHold,
        Status::Dropped,
    ];

    /// The word shown for it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unread => "Unread",
            Status::Reading => "Reading",
            Status::Finished => "Finished",
            Status::OnHold => "On hold",
            Status::Dropped => "Dropped",
        }
    }

    /// How the database names it (stable across versions).
    pub fn key(self) -> &'static str {
        match self {
            Status::Unread => "unread",
            Status::Reading => "reading",
            Status::Finished => "finished",
            Status::OnHold => "on_hold",
            Status::Dropped => "dropped",
        }
    }

    /// The status the database names `key`, if this version knows it.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
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
    /// The status the reader set by hand, if any.
    pub status: Option<Status>,
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
    /// Put aside for now (set by hand).
    OnHold,
    /// Given up (set by hand).
    Dropped,
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
    /// A status set by hand shows instead of what reading says.
    pub fn progress(&self, hash: &str) -> Progress {
        let Some(r) = self.get(hash) else {
            return Progress::Unread;
        };
        let percent = (r.place.progress.clamp(0.0, 1.0) * 100.0).round() as u8;
        match (r.status, r.finished) {
            (Some(Status::Unread), _) => Progress::Unread,
            (Some(Status::Reading), _) => Progress::Reading(percent),
            (Some(Status::Finished), _) | (None, true) => Progress::Finished,
            (Some(Status::OnHold), _) => Progress::OnHold,
            (Some(Status::Dropped), _) => Progress::Dropped,
            (None, false) => Progress::Reading(percent),
        }
    }

    /// Where the reader stands with a story: the status set by hand, else what reading says.
    pub fn status(&self, hash: &str) -> Status {
        match self.get(hash) {
            None => Status::Unread,
            Some(ReadingRecord {
                status: Some(status),
                ..
            }) => *status,
            Some(r) if r.finished => Status::Finished,
            Some(r) if r.last_opened_secs > 0 || r.place != Place::default() => Status::Reading,
            Some(_) => Status::Unread,
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
mod tests;
