//! Watching the collection folder while the app runs: stories added, changed or removed by
//! other programs show up in the library within a second or two, without a restart. Events
//! are gathered until the folder has been quiet for a moment, then the collection is scanned
//! again through its index (which reads only what changed) on a thread of its own.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::{LOOK_AGAIN, missing_note};
use crate::collection::index::{Scan, scan};

/// How long the folder must be quiet before it is scanned again: a copy of many files
/// ends in one scan, not hundreds.
pub const QUIET: Duration = Duration::from_millis(300);

/// A watched collection folder.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    root: PathBuf,
    cache: PathBuf,
    events: Receiver<()>,
    last_event: Option<Instant>,
    rescan: Option<Receiver<Scan>>,
}

impl Watch {
    /// Starts watching `root` (whose index is at `cache`); `wake` is called on every change
    /// so the window can react.
    pub fn start(
        root: &Path,
        cache: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Watch, String> {
        let (tx, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let relevant = event.is_ok_and(|e| {
                    !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| !is_hidden(p))
                });
                if relevant {
                    let _ = tx.send(()); // the app may be closing
                    wake();
                }
            })
            .map_err(|e| e.to_string())?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| e.to_string())?;
        Ok(Watch {
            _watcher: watcher,
            root: root.to_path_buf(),
            cache,
            events,
            last_event: None,
            rescan: None,
        })
    }

    /// Scans the folder again once it has been quiet for a moment, as if it had changed.
    pub fn rescan_soon(&mut self) {
        self.last_event = Some(Instant::now());
    }

    /// Called every frame. Starts a rescan once changes have settled, and returns its result
    /// when one finishes. `next_check` is set when the window should look again.
    pub fn poll(&mut self, next_check: &mut Option<Duration>) -> Option<Scan> {
        while self.events.try_recv().is_ok() {
            self.last_event = Some(Instant::now());
        }
        if let Some(rx) = &self.rescan {
            match rx.try_recv() {
                Ok(done) => {
                    self.rescan = None;
                    return Some(done);
                }
                Err(TryRecvError::Empty) => {
                    *next_check = Some(QUIET);
                    return None;
                }
                Err(TryRecvError::Disconnected) => self.rescan = None,
            }
        }
        let since = self.last_event.map(|t| t.elapsed())?;
        if since < QUIET {
            *next_check = Some(QUIET - since);
            return None;
        }
        self.last_event = None;
        let (tx, rx) = channel();
        let (root, cache) = (self.root.clone(), self.cache.clone());
        std::thread::spawn(move || {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let _ = tx.send(scan(&root, Some(&cache), threads));
        });
        self.rescan = Some(rx);
        *next_check = Some(QUIET);
        None
    }
}

/// Our own temporary files (`.name.tmp`) and other hidden files don't count as changes.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

impl super::FicshelfApp {
    /// Keeps the library in step with the collection folder as other programs change it.
    pub(super) fn follow_folder(&mut self, ctx: &egui::Context) {
        if self.first_scan.is_some() {
            return; // the first scan is reading the folder already
        }
        if let Some(Err(failed)) = &self.watch {
            match LOOK_AGAIN.checked_sub(failed.elapsed()) {
                Some(wait) => ctx.request_repaint_after(wait),
                None => self.watch = None,
            }
        }
        if self.watch.is_none() {
            let root = self.collection.root.clone();
            let wake = {
                let ctx = ctx.clone();
                move || ctx.request_repaint()
            };
            let started = Watch::start(&root, self.dirs.index_file(&root), wake);
            self.watch = Some(match started {
                Ok(mut watcher) => {
                    if self.folder_missing {
                        watcher.rescan_soon(); // it is back: see what it holds
                    }
                    Ok(watcher)
                }
                Err(e) => {
                    // The library still works; the watch is tried again in a moment.
                    if !self.folder_missing {
                        eprintln!("ficshelf: not watching {} for changes: {e}", root.display());
                    }
                    ctx.request_repaint_after(LOOK_AGAIN);
                    Err(Instant::now())
                }
            });
        }
        let Some(Ok(watcher)) = &mut self.watch else {
            return;
        };
        let mut next_check = None;
        let rescanned = watcher.poll(&mut next_check);
        if let Some(delay) = next_check {
            ctx.request_repaint_after(delay);
        }
        if let Some(scan) = rescanned {
            if let Some(missing) = scan.missing {
                // Keep showing what was there; look again in a moment.
                if !self.folder_missing {
                    self.folder_missing = true;
                    self.tell(missing_note(&missing));
                }
                self.watch = Some(Err(Instant::now()));
                ctx.request_repaint_after(LOOK_AGAIN);
                return;
            }
            if std::mem::take(&mut self.folder_missing) {
                self.tell("Your collection folder is back.");
            }
            let selected = self
                .library
                .selected
                .and_then(|i| self.collection.entries.get(i))
                .map(|e| e.path.clone());
            self.collection = scan.collection;
            self.library.selected =
                selected.and_then(|p| self.collection.entries.iter().position(|e| e.path == p));
            self.library.revealed.clear();
            self.collection_changed();
        }
    }
}
