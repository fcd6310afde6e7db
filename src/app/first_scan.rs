//! The first scan of a collection that has no index yet runs on a thread of its own: the
//! window opens at once, shows a count, and lists stories as they are read.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};

use crate::collection::Entry;
use crate::collection::index::{Progress, Scan, scan_with};

/// A first scan in flight.
pub struct FirstScan {
    progress: Arc<Progress>,
    result: Receiver<Scan>,
}

impl FirstScan {
    /// Starts scanning `root`, saving its index at `cache`.
    pub fn start(root: PathBuf, cache: PathBuf) -> FirstScan {
        let progress = Arc::new(Progress::default());
        let (tx, result) = channel();
        let shared = progress.clone();
        std::thread::spawn(move || {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let _ = tx.send(scan_with(&root, Some(&cache), threads, Some(&shared))); // the window may have closed
        });
        FirstScan { progress, result }
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
