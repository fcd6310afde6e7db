//! The full-text index kept up to date beside the window: one thread of the window's own
//! is its only writer there. It is given the collection after the scan and after every
//! change (the folder watch, an import, a story moved to the Trash, another folder) and
//! brings the index up to date with it, a newer collection cutting short the work for an
//! older one (what was written stays). Searches go to the same thread and run after the
//! update in hand, so that what the library shows is what a search finds; meanwhile the
//! window shows how far the indexing is.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use crate::collection::Collection;
use crate::collection::fulltext::{FullText, Hit};

/// What a search sends back: the passages found, or why there are none.
pub type Found = Result<Vec<Hit>, String>;

/// The indexing thread, as the window holds it.
pub struct TextIndexer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    work: Mutex<Work>,
    wake: Condvar,
    done: AtomicUsize,
    all: AtomicUsize,
}

#[derive(Default)]
struct Work {
    /// The newest collection not yet indexed, with its index file.
    update: Option<(PathBuf, Collection)>,
    searches: VecDeque<(PathBuf, String, usize, Sender<Found>)>,
    /// An update is being written.
    updating: bool,
    /// Why the last update failed, until one succeeds.
    failed: Option<String>,
    /// The collection of a failed update: tried again before the next search.
    retry: Option<(PathBuf, Collection)>,
    closing: bool,
}

impl TextIndexer {
    /// Starts the thread; `repaint` is called as it makes progress and when it finishes.
    pub fn start(repaint: impl Fn() + Send + 'static) -> std::io::Result<TextIndexer> {
        let shared = Arc::new(Shared {
            work: Mutex::new(Work::default()),
            wake: Condvar::new(),
            done: AtomicUsize::new(0),
            all: AtomicUsize::new(0),
        });
        let thread = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("text index".into())
                .spawn(move || run(&shared, &repaint))?
        };
        Ok(TextIndexer {
            shared,
            thread: Some(thread),
        })
    }

    /// Brings the index at `file` up to date with `collection`, after (or instead of) the
    /// update in hand.
    pub fn update(&self, file: PathBuf, collection: Collection) {
        self.shared.lock().update = Some((file, collection));
        self.shared.wake.notify_all();
    }

    /// Searches the index at `file` once the updates asked for are written; the passages
    /// come back on `reply`.
    pub fn search(&self, file: PathBuf, query: String, limit: usize, reply: Sender<Found>) {
        let mut work = self.shared.lock();
        if work.update.is_none() {
            work.update = work.retry.take();
        }
        work.searches.push_back((file, query, limit, reply));
        drop(work);
        self.shared.wake.notify_all();
    }

    /// `(stories indexed, stories to index)` while an update is being written.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let work = self.shared.lock();
        (work.updating || work.update.is_some()).then(|| {
            (
                self.shared.done.load(Ordering::Relaxed),
                self.shared.all.load(Ordering::Relaxed),
            )
        })
    }

    /// Why the last update failed, if it did.
    pub fn failed(&self) -> Option<String> {
        self.shared.lock().failed.clone()
    }
}

impl Drop for TextIndexer {
    /// The update in hand stops at its next story, keeping what it wrote, and the thread
    /// ends before the window's folders may go.
    fn drop(&mut self) {
        self.shared.lock().closing = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Work> {
        // A panic on the thread leaves the queue as it was; it is still usable.
        self.work.lock().unwrap_or_else(|e| e.into_inner())
    }
}

enum Job {
    Update(PathBuf, Collection),
    Search(PathBuf, String, usize, Sender<Found>),
}

/// The thread: updates first, then searches, until the window closes.
fn run(shared: &Shared, repaint: &dyn Fn()) {
    let mut open: Option<(PathBuf, FullText)> = None;
    loop {
        let job = {
            let mut work = shared.lock();
            loop {
                if work.closing {
                    return;
                }
                if let Some((file, collection)) = work.update.take() {
                    work.updating = true;
                    break Job::Update(file, collection);
                }
                if let Some((file, query, limit, reply)) = work.searches.pop_front() {
                    break Job::Search(file, query, limit, reply);
                }
                work = shared.wake.wait(work).unwrap_or_else(|e| e.into_inner());
            }
        };
        match job {
            Job::Update(file, collection) => {
                shared.done.store(0, Ordering::Relaxed);
                shared.all.store(0, Ordering::Relaxed);
                let result = index_at(&mut open, &file).and_then(|index| {
                    let mut progress = |done, all| {
                        shared.done.store(done, Ordering::Relaxed);
                        shared.all.store(all, Ordering::Relaxed);
                        repaint();
                    };
                    // A newer collection, or the window closing, cuts this one short.
                    let stop = || {
                        let work = shared.lock();
                        work.closing || work.update.is_some()
                    };
                    index
                        .update_until(&collection, &mut progress, &stop)
                        .map_err(|e| e.to_string())
                });
                let mut work = shared.lock();
                work.updating = false;
                work.failed = result.err();
                if work.failed.is_some() {
                    open = None; // opened afresh next time (a damaged file is set aside)
                    work.retry = Some((file, collection));
                } else {
                    work.retry = None;
                }
            }
            Job::Search(file, query, limit, reply) => {
                let found = index_at(&mut open, &file)
                    .and_then(|index| index.search(&query, limit).map_err(|e| e.to_string()));
                let _ = reply.send(found); // the window may have stopped waiting
            }
        }
        repaint();
    }
}

/// The index at `file`, opened once and kept while the collection stays in one folder.
fn index_at<'a>(
    open: &'a mut Option<(PathBuf, FullText)>,
    file: &PathBuf,
) -> Result<&'a mut FullText, String> {
    if open.as_ref().is_none_or(|(at, _)| at != file) {
        *open = None;
        let index = FullText::open(file).map_err(|e| e.to_string())?;
        *open = Some((file.clone(), index));
    }
    match open {
        Some((_, index)) => Ok(index),
        None => Err("the search index could not be opened".into()),
    }
}
