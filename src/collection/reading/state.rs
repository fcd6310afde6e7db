//! The reading state a window works with: the records and lists in memory (the library
//! reads them every frame) over the shared database, which every change is written to.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Place, ReadingList, ReadingLog, ReadingRecord, ReadingStore, Status, StoreError};
use crate::collection::ContentHash;
use crate::collection::works::{Join, Splits};

/// Opening a story, a status and a list change are written at once; the place, which moves
/// with every scroll, is written by [`ReadingState::save`] (the app calls it every few
/// seconds and on leaving a story). Only what this window changed is written, so other
/// windows' records are never overwritten.
#[derive(Debug, Default)]
pub struct ReadingState {
    log: ReadingLog,
    lists: Vec<ReadingList>,
    /// The reader's corrections to the works in several files.
    splits: Splits,
    store: Option<ReadingStore>,
    /// Stories whose place moved here since the last save.
    unsaved: BTreeSet<ContentHash>,
    /// Counts the times another process changed the database, for views of the marks.
    generation: u64,
}

impl ReadingState {
    /// Opens the database in `data_dir` and reads it. When it can't be opened the state
    /// lives in memory for this session, and the message says so.
    pub fn open(data_dir: &Path) -> (ReadingState, Option<String>) {
        let (store, note) = match ReadingStore::open(data_dir) {
            Ok((store, note)) => (Some(store), note),
            Err(e) => (
                ReadingStore::in_memory().ok(),
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

    /// A state kept in memory only (tests, benchmarks), starting with `log`.
    pub fn in_memory(log: ReadingLog) -> ReadingState {
        let store = ReadingStore::in_memory().ok();
        for (hash, record) in &log.stories {
            if let Some(store) = &store {
                let _ = store.put(hash, record); // in memory: nothing to fail but memory
            }
        }
        ReadingState {
            log,
            store,
            ..ReadingState::default()
        }
    }

    /// The records, for the library.
    pub fn log(&self) -> &ReadingLog {
        &self.log
    }

    /// The reader's lists, oldest first.
    pub fn lists(&self) -> &[ReadingList] {
        &self.lists
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

    /// The reader's corrections to the works in several files.
    pub fn splits(&self) -> &Splits {
        &self.splits
    }

    /// Takes a file (by content) out of the work it was grouped into, and writes it.
    pub fn take_out_of_work(&mut self, hash: &str) -> Result<(), StoreError> {
        self.store()?.take_out_of_work(hash)?;
        self.splits.files.insert(hash.to_string());
        Ok(())
    }

    /// Splits a work (by its key) into separate stories, and writes it.
    pub fn split_work(&mut self, key: &str) -> Result<(), StoreError> {
        self.store()?.split_work(key)?;
        self.splits.works.insert(key.to_string());
        Ok(())
    }

    /// Puts a work back together as the grouping rule finds it, and writes it.
    pub fn join_work(&mut self, join: &Join) -> Result<(), StoreError> {
        self.store()?.join_work(join)?;
        self.splits.works.remove(&join.key);
        for hash in &join.files {
            self.splits.files.remove(hash);
        }
        Ok(())
    }

    /// Records the reader's place (written by the next [`ReadingState::save`]). Reaching
    /// the end for the first time makes the story Finished, whatever status was set.
    pub fn set_place(&mut self, hash: &str, place: Place, at_end: bool) {
        let was_finished = self.log.get(hash).is_some_and(|r| r.finished);
        self.log.set_place(hash, place, at_end);
        self.unsaved.insert(hash.to_string());
        if at_end && !was_finished && self.log.get(hash).is_some_and(|r| r.status.is_some()) {
            let _ = self.set_status(hash, None); // if it fails, the status stays: no loss
        }
    }

    /// Sets the status by hand (`None`: back to what reading says), and writes it.
    pub fn set_status(&mut self, hash: &str, status: Option<Status>) -> Result<(), StoreError> {
        if let Some(store) = &self.store {
            store.put_status(hash, status)?;
        }
        self.log.stories.entry(hash.to_string()).or_default().status = status;
        Ok(())
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

    /// Makes a new, empty list and returns its id.
    pub fn create_list(&mut self, name: &str) -> Result<i64, StoreError> {
        let id = self.store()?.create_list(name)?;
        self.reload_lists();
        Ok(id)
    }

    /// Renames a list.
    pub fn rename_list(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        self.store()?.rename_list(id, name)?;
        self.reload_lists();
        Ok(())
    }

    /// Removes a list; the works stay.
    pub fn delete_list(&mut self, id: i64) -> Result<(), StoreError> {
        self.store()?.delete_list(id)?;
        self.reload_lists();
        Ok(())
    }

    /// Puts a work at the end of a list.
    pub fn add_to_list(&mut self, id: i64, hash: &str) -> Result<(), StoreError> {
        self.store()?.add_to_list(id, hash)?;
        self.reload_lists();
        Ok(())
    }

    /// Takes a work off a list.
    pub fn remove_from_list(&mut self, id: i64, hash: &str) -> Result<(), StoreError> {
        self.store()?.remove_from_list(id, hash)?;
        self.reload_lists();
        Ok(())
    }

    /// Moves a work to place `to` in a list.
    pub fn move_in_list(&mut self, id: i64, hash: &str, to: usize) -> Result<(), StoreError> {
        match &mut self.store {
            Some(store) => store.move_in_list(id, hash, to)?,
            None => return Err(StoreError::Unavailable),
        }
        self.reload_lists();
        Ok(())
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
            self.generation += 1;
            return true;
        }
        false
    }

    /// The database, for the marks: they are read from it and written to it directly,
    /// never held here (only the story open and the Marks view need them).
    pub fn marks(&self) -> Result<&ReadingStore, StoreError> {
        self.store()
    }

    /// Goes up each time another process changes the database: a view of the marks read
    /// at another generation reads them again.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn store(&self) -> Result<&ReadingStore, StoreError> {
        self.store.as_ref().ok_or(StoreError::Unavailable)
    }

    fn reload(&mut self) {
        self.reload_lists();
        if let Some(Ok(splits)) = self.store.as_ref().map(ReadingStore::splits) {
            self.splits = splits;
        }
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

    fn reload_lists(&mut self) {
        if let Some(Ok(lists)) = self.store.as_ref().map(ReadingStore::lists) {
            self.lists = lists;
        }
    }

    fn write(&self, hash: &str) -> Result<(), StoreError> {
        match (&self.store, self.log.get(hash)) {
            (Some(store), Some(record)) => store.put(hash, record),
            _ => Ok(()),
        }
    }
}
