//! The app's side of searching every word: the search runs on a thread (bringing the
//! full-text index up to date first, which at a first search of a big collection takes a
//! while), the window shows how far it is, and a passage found opens its story there.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use super::FicshelfApp;
use crate::collection::fulltext::{FullText, Hit};
use crate::ui::Command;
use crate::ui::thousands;

/// Passages listed for a query.
const RESULTS: usize = 50;

/// A search under way.
pub struct TextSearchJob {
    query: String,
    /// Stories indexed so far, and to index.
    progress: Arc<(AtomicUsize, AtomicUsize)>,
    result: Receiver<Result<Vec<Hit>, String>>,
}

impl FicshelfApp {
    /// Starts a search on a thread; the window never waits for it.
    pub(super) fn search_text(&mut self, query: String) {
        let collection = self.collection.clone();
        let file = FullText::path_for(&self.dirs.index_file(&self.collection.root));
        let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let (send, result) = std::sync::mpsc::channel();
        let counts = progress.clone();
        let words = query.clone();
        let spawned = std::thread::Builder::new()
            .name("text search".into())
            .spawn(move || {
                let found = FullText::open(&file)
                    .and_then(|mut index| {
                        index.update(&collection, |done, all| {
                            counts.0.store(done, Ordering::Relaxed);
                            counts.1.store(all, Ordering::Relaxed);
                        })?;
                        index.search(&words, RESULTS)
                    })
                    .map_err(|e| e.to_string());
                let _ = send.send(found);
            });
        match spawned {
            Ok(_) => {
                self.text_search.status = Some("Searching\u{2026}".into());
                self.text_search_job = Some(TextSearchJob {
                    query,
                    progress,
                    result,
                });
            }
            Err(e) => self.tell(format!("The search could not start: {e}")),
        }
    }

    /// Follows the search under way, and shows the window if it is open.
    pub(super) fn text_search_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(job) = &self.text_search_job {
            match job.result.try_recv() {
                Ok(found) => {
                    let query = job.query.clone();
                    self.text_search_job = None;
                    self.text_search.status = None;
                    match found {
                        Ok(hits) => {
                            self.text_search.hits = hits;
                            self.text_search.searched = Some(query);
                        }
                        Err(e) => self.tell(format!("The search did not work: {e}")),
                    }
                }
                Err(TryRecvError::Empty) => {
                    let (done, all) = (
                        job.progress.0.load(Ordering::Relaxed),
                        job.progress.1.load(Ordering::Relaxed),
                    );
                    self.text_search.status = Some(if all > 0 && done < all {
                        format!(
                            "Indexing {} of {} stories\u{2026}",
                            thousands(done),
                            thousands(all)
                        )
                    } else {
                        "Searching\u{2026}".into()
                    });
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(TryRecvError::Disconnected) => {
                    self.text_search_job = None;
                    self.text_search.status = None;
                }
            }
        }
        if self.show_text_search {
            let open = &mut self.show_text_search;
            crate::ui::text_search::text_search_ui(ctx, open, &mut self.text_search, commands);
        }
    }

    /// Opens a story at a passage found, with the words found in it.
    pub(super) fn open_search_hit(&mut self, path: &Path, block: usize, words: String) {
        let path: PathBuf = path.to_path_buf();
        self.open_file(&path);
        if let Some(view) = &mut self.reader
            && view.path == path
        {
            view.go_to_block(block);
            if !words.is_empty() {
                view.find.query = words;
                view.find.open = true;
            }
        }
    }
}
