//! The first scan of a collection that has no index yet runs on a thread of its own: the
//! window opens at once, shows a count, and lists stories as they are read.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};

use super::missing_note;
use crate::collection::Entry;
use crate::collection::index::{Progress, Scan, scan_with};

/// A first scan in flight.
pub struct FirstScan {
    progress: Arc<Progress>,
    result: Receiver<Scan>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for FirstScan {
    /// A window closed during its first scan lets the scan finish and save the index
    /// (a cold scan of 10,000 stories takes a second or two) rather than leave a thread
    /// writing into the data folder after the window is gone.
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl FirstScan {
    /// Starts scanning `root`, saving its index at `cache`.
    pub fn start(root: PathBuf, cache: PathBuf) -> FirstScan {
        let progress = Arc::new(Progress::default());
        let (tx, result) = channel();
        let shared = progress.clone();
        let thread = std::thread::spawn(move || {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let _ = tx.send(scan_with(&root, Some(&cache), threads, Some(&shared))); // the window may have closed
        });
        FirstScan {
            progress,
            result,
            thread: Some(thread),
        }
    }

    /// Lets the scan run on without waiting for it (the window moves to another folder;
    /// the scan saves the old folder's index, which is still right for it).
    pub fn detach(mut self) {
        self.thread = None;
    }

    /// Stories read since the last call.
    pub fn fresh(&self) -> Vec<Entry> {
        self.progress.take_fresh()
    }

    /// (files read, files to read).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    /// The finished scan, once it is done.
    pub fn finished(&self) -> Option<Scan> {
        self.result.try_recv().ok()
    }
}

impl super::FicshelfApp {
    /// Lists stories as the first scan reads them, and takes its result when it is done.
    pub(super) fn follow_first_scan(&mut self, ctx: &egui::Context) {
        let Some(scan) = &self.first_scan else { return };
        let fresh = scan.fresh();
        if !fresh.is_empty() {
            self.collection.entries.extend(fresh);
            self.library.collection_changed();
        }
        match scan.finished() {
            Some(done) => {
                self.first_scan = None;
                self.collection = done.collection;
                self.collection_changed();
                if let Some(missing) = done.missing {
                    self.folder_missing = true;
                    self.tell(missing_note(&missing));
                }
                let files = std::mem::take(&mut self.pending_files);
                self.open_from_command_line(&files);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }
}
