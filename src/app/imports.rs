//! Imports on a background thread: the window keeps drawing and shows a count while files
//! are read and copied.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::collection::Collection;
use crate::collection::import::{ImportReport, import};

/// An import in progress.
pub struct ImportJob {
    /// How many files were offered.
    pub total: usize,
    done: Arc<AtomicUsize>,
    result: Receiver<ImportReport>,
}

impl ImportJob {
    /// Starts importing `paths` into a copy of the collection's index; `wake` is called as
    /// files finish so the window can redraw the count.
    pub fn start(
        paths: Vec<PathBuf>,
        collection: &Collection,
        wake: impl Fn() + Send + 'static,
    ) -> ImportJob {
        let (tx, result) = channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = paths.len();
        let (collection, counter) = (collection.clone(), done.clone());
        std::thread::spawn(move || {
            let report = import(&paths, &collection, |n| {
                counter.store(n, Ordering::Relaxed);
                wake();
            });
            let _ = tx.send(report); // the window may have closed meanwhile
            wake();
        });
        ImportJob {
            total,
            done,
            result,
        }
    }

    /// How many files are done.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// The report, once finished; `Some(Err)` if the import thread died.
    pub fn poll(&self) -> Option<Result<ImportReport, String>> {
        match self.result.try_recv() {
            Ok(report) => Some(Ok(report)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the import stopped unexpectedly".into())),
        }
    }

    /// Waits for the report (tests, and the step after the dialog in headless use).
    pub fn wait(self) -> Result<ImportReport, String> {
        self.result
            .recv()
            .map_err(|_| "the import stopped unexpectedly".to_string())
    }
}

impl super::FicshelfApp {
    /// Takes in what an import added: listed, the first of them chosen, its summary told.
    pub(super) fn finish_import(&mut self, report: Result<ImportReport, String>) {
        match report {
            Ok(report) => {
                let summary = report.summary();
                let first = report.added.first().map(|e| e.path.clone());
                self.collection.entries.extend(report.added);
                self.collection.confirm_editions();
                self.collection_changed();
                if let Some(index) = first.and_then(|p| self.collection.find_path(&p)) {
                    self.library.selected = Some(index);
                    self.library.reveal_selected = true;
                }
                self.tell(summary);
            }
            Err(e) => self.tell(format!("Import failed: {e}")),
        }
    }
}
