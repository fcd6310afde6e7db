//! The app's side of searching every word: the full-text index is kept up to date on a
//! thread of its own ([`TextIndexer`]) from the collection's first scan on and after each
//! change to it; a search goes to that thread and runs once the index holds what the
//! library shows. The window shows how far the indexing is, and a passage found opens its
//! story there.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use super::FicshelfApp;
use super::text_index::{Found, TextIndexer};
use crate::collection::fulltext::FullText;
use crate::ui::Command;
use crate::ui::thousands;

/// Passages listed for a query.
const RESULTS: usize = 50;

/// The indexing thread and whether the collection changed since it was last given it.
pub struct TextIndexing {
    indexer: Option<TextIndexer>,
    pub(super) stale: bool,
}

impl Default for TextIndexing {
    /// Nothing given yet: the collection is handed over once its scan is done.
    fn default() -> Self {
        TextIndexing {
            indexer: None,
            stale: true,
        }
    }
}

/// A search under way.
pub struct TextSearchJob {
    query: String,
    result: Receiver<Found>,
}

impl FicshelfApp {
    /// The collection changed: the library sorts and judges again, the index catches up.
    pub(super) fn collection_changed(&mut self) {
        self.library.collection_changed();
        self.text_index.stale = true;
    }

    /// The index file for the collection shown.
    fn text_index_file(&self) -> PathBuf {
        FullText::path_for(&self.dirs.index_file(&self.collection.root))
    }

    /// Hands the collection to the indexing thread once it has changed and its scan is
    /// done, starting the thread the first time. A folder out of reach (a drive unplugged)
    /// leaves the index as it was: its stories are still there when the folder is back.
    fn follow_text_index(&mut self, ctx: &egui::Context) {
        if !self.text_index.stale || self.first_scan.is_some() || self.folder_missing {
            return;
        }
        if self.text_index.indexer.is_none() {
            let ctx = ctx.clone();
            match TextIndexer::start(move || ctx.request_repaint()) {
                Ok(indexer) => self.text_index.indexer = Some(indexer),
                Err(e) => {
                    eprintln!("ficshelf: the search index is not kept up to date: {e}");
                    return; // tried again at the next change
                }
            }
        }
        self.text_index.stale = false;
        if let Some(indexer) = &self.text_index.indexer {
            indexer.update(self.text_index_file(), self.collection.clone());
        }
    }

    /// Starts a search on the indexing thread; the window never waits for it.
    pub(super) fn search_text(&mut self, query: String) {
        let Some(indexer) = &self.text_index.indexer else {
            self.tell("The search can start once your collection has been read.");
            return;
        };
        let (send, result) = std::sync::mpsc::channel();
        indexer.search(self.text_index_file(), query.clone(), RESULTS, send);
        self.text_search.status = Some("Searching\u{2026}".into());
        self.text_search_job = Some(TextSearchJob { query, result });
    }

    /// Follows the indexing and the search under way, and shows the window if it is open.
    pub(super) fn text_search_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.follow_text_index(ctx);
        let progress = self
            .text_index
            .indexer
            .as_ref()
            .and_then(TextIndexer::progress);
        self.text_search.indexing = progress.map(|(done, all)| {
            if all > 0 {
                format!(
                    "Indexing {} of {} stories\u{2026}",
                    thousands(done),
                    thousands(all)
                )
            } else {
                "Bringing the index up to date\u{2026}".into()
            }
        });
        if progress.is_none() {
            self.text_search.failed = self
                .text_index
                .indexer
                .as_ref()
                .and_then(TextIndexer::failed);
        }
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
                    // The search waits for the update in hand: say how far it is.
                    self.text_search.status = Some(
                        self.text_search
                            .indexing
                            .clone()
                            .unwrap_or_else(|| "Searching\u{2026}".into()),
                    );
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
