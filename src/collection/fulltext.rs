//! Search through every word of the collection: an SQLite FTS5 index of each story's text
//! as the reader shows it (a row per block), kept beside the collection folder's index
//! cache in the data folder (one index per collection folder: bringing one up to date
//! removes the stories that are not in its folder). The index holds no copy of the text (a contentless
//! table): a passage found is read again from its story for its snippet and chapter. Accents and case are folded (`café`
//! finds `Cafe`), nothing is stemmed and stop words are kept, so names and exact phrases
//! are found as typed. The index is brought up to date with the collection's stories by
//! their content fingerprints: new and changed texts are added, gone ones removed. A
//! damaged index file is set aside and built again; it is never fatal.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior, params};

use super::{Collection, ContentHash};
use crate::engine::Story;

/// The index file's name: the collection index cache's name with this extension.
pub const EXTENSION: &str = "search.sqlite";

/// What the schema looks like; an index of another version is built again.
const VERSION: i64 = 4;
/// A row's id is its story's id shifted by this many bits, plus its first block.
const BLOCK_BITS: u32 = 24;

/// The open index.
pub struct FullText {
    conn: Connection,
    path: PathBuf,
}

/// One passage found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// The story's file.
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// The part or chapter the passage is in, if the story has parts.
    pub chapter: Option<String>,
    /// The block the passage is, for opening the story there.
    pub block: usize,
    /// The passage around the words, the words between `[` and `]`.
    pub snippet: String,
    /// How well it matches (higher is better).
    pub score: f64,
}

/// Why the index could not be used.
#[derive(Debug, thiserror::Error)]
#[error("the search index {path}: {source}")]
pub struct FullTextError {
    path: PathBuf,
    source: rusqlite::Error,
}

impl FullTextError {
    /// The file was locked by another writer for longer than the wait.
    fn is_busy(&self) -> bool {
        matches!(
            self.source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

impl FullText {
    /// The index file for a collection folder whose index cache is `cache`.
    pub fn path_for(cache: &Path) -> PathBuf {
        cache.with_extension(EXTENSION)
    }

    /// Opens the index at `path`, making it if missing; a file that is not a usable index
    /// is moved aside (`….damaged`) and a new one made.
    pub fn open(path: &Path) -> Result<FullText, FullTextError> {
        let path = path.to_path_buf();
        match Self::open_at(&path) {
            Ok(index) => Ok(index),
            // Another writer held the file longer than the wait: it is not damaged.
            Err(e) if e.is_busy() => Err(e),
            Err(_) => {
                let mut damaged = path.clone().into_os_string();
                damaged.push(".damaged");
                let _ = std::fs::rename(&path, damaged);
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                Self::open_at(&path)
            }
        }
    }

    fn open_at(path: &Path) -> Result<FullText, FullTextError> {
        let err = |source| FullTextError {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(20))
            .map_err(err)?;
        // A cache that is built again when damaged: no need to wait for the disk.
        // Pages freed as FTS5 merges its segments go back to the disk after each update
        // (only takes effect in a new file, or after the VACUUM below).
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "OFF")
            .map_err(err)?;
        conn.pragma_update(None, "cache_size", -32_000)
            .map_err(err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version != VERSION {
            // Made under the write lock, looked at again there: another writer may have
            // made it meanwhile, and its stories must not be dropped.
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(err)?;
            let version: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(err)?;
            if version != VERSION {
                tx.execute_batch(
                    "DROP TABLE IF EXISTS stories;
                     DROP TABLE IF EXISTS passages;
                     CREATE TABLE stories (
                         id INTEGER PRIMARY KEY,
                         hash TEXT UNIQUE NOT NULL,
                         path TEXT NOT NULL,
                         title TEXT NOT NULL
                     );
                     CREATE VIRTUAL TABLE passages USING fts5(
                         text,
                         content = '',
                         contentless_delete = 1,
                         tokenize = 'unicode61 remove_diacritics 2'
                     );
                     -- Words are gathered in memory up to 16 MB before a segment is
                     -- written, and segments merged eight at a time: a build spends
                     -- its time reading words, not merging what it wrote.
                     INSERT INTO passages(passages, rank) VALUES('hashsize', 16777216);
                     INSERT INTO passages(passages, rank) VALUES('automerge', 8);",
                )
                .map_err(err)?;
                tx.pragma_update(None, "user_version", VERSION)
                    .map_err(err)?;
                tx.commit().map_err(err)?;
                if version != 0 {
                    // An older index emptied: its pages go, and auto_vacuum takes hold.
                    conn.execute_batch("VACUUM").map_err(err)?;
                }
            } else {
                tx.commit().map_err(err)?;
            }
        }
        // A quick look that the tables answer: a damaged file fails here.
        conn.query_row("SELECT count(*) FROM stories", [], |r| r.get::<_, i64>(0))
            .map_err(err)?;
        Ok(FullText {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn error(&self, source: rusqlite::Error) -> FullTextError {
        FullTextError {
            path: self.path.clone(),
            source,
        }
    }

    /// The stories in the index: fingerprint and the path it was read from.
    fn indexed(&self) -> Result<HashMap<ContentHash, String>, FullTextError> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash, path FROM stories")
            .map_err(|e| self.error(e))?;
        let stories = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<Result<HashMap<_, _>, _>>())
            .map_err(|e| self.error(e))?;
        Ok(stories)
    }

    /// Brings the index up to date with `collection`: stories not in it are read and
    /// added, stories no longer in the collection removed, moved files' paths updated.
    /// `progress` hears `(done, to_do)` after each story added. Returns how many were added.
    pub fn update(
        &mut self,
        collection: &Collection,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<usize, FullTextError> {
        self.update_until(collection, &mut progress, &|| false)
    }

    /// [`Self::update`], stopping early (keeping what was written) once `stop` says so;
    /// it is asked after each story.
    pub fn update_until(
        &mut self,
        collection: &Collection,
        progress: &mut dyn FnMut(usize, usize),
        stop: &dyn Fn() -> bool,
    ) -> Result<usize, FullTextError> {
        let indexed = self.indexed()?;
        let path = self.path.clone();
        let added = build::write(&mut self.conn, collection, &indexed, progress, stop)
            .map_err(|source| FullTextError { path, source })?;
        // The pages merges freed are given back (each step of the pragma frees one), and
        // the log written goes into the file, so neither stays as large.
        if let Ok(mut vacuum) = self.conn.prepare("PRAGMA incremental_vacuum") {
            let _ = vacuum.query_map([], |_| Ok(())).map(Iterator::count);
        }
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(added)
    }

    /// The passages that match `query`, best first, at most `limit`. Words are all
    /// required; `"quoted words"` are a phrase; other punctuation is ignored.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, FullTextError> {
        let Some(expression) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.rowid, bm25(passages), s.path, s.title
                 FROM passages p JOIN stories s ON s.id = p.rowid >> 24
                 WHERE passages MATCH ?1
                 ORDER BY bm25(passages) LIMIT ?2",
            )
            .map_err(|e| self.error(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![expression, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.error(e))?;
        let terms = snippet::terms(query);
        let mut stories: Vec<(String, Option<Story>)> = Vec::new();
        let mut hits = Vec::with_capacity(rows.len());
        for (rowid, bm25, path, title) in rows {
            let block = usize::try_from(rowid & ((1 << BLOCK_BITS) - 1)).unwrap_or(0);
            // Each story found is read once for its passages' text and chapters.
            let k = match stories.iter().position(|(p, _)| *p == path) {
                Some(k) => k,
                None => {
                    stories.push((path.clone(), Story::read(Path::new(&path)).ok()));
                    stories.len() - 1
                }
            };
            let (block, chapter, snippet) = match &stories[k].1 {
                Some(story) => {
                    let block = best_block(story, block, &terms);
                    let doc = &story.document;
                    let snippet = doc.blocks().get(block).map(|b| doc.text(b));
                    (
                        block,
                        chapter_of(story, block),
                        snippet
                            .map(|t| snippet::make(t, &terms))
                            .unwrap_or_default(),
                    )
                }
                None => (block, None, String::new()),
            };
            hits.push(Hit {
                path: PathBuf::from(path),
                title,
                chapter,
                block,
                snippet,
                // bm25 is lower for better matches.
                score: -bm25,
            });
        }
        Ok(hits)
    }
}

/// The block of the row starting at `first` that holds the most of the query's terms (the
/// first of those): where the reader is taken.
fn best_block(story: &Story, first: usize, terms: &[Vec<String>]) -> usize {
    let doc = &story.document;
    let Some(row) = build::rows(doc)
        .into_iter()
        .find(|r| r.first() == Some(&first))
    else {
        return first; // the story changed since it was indexed
    };
    let mut best = (0, first);
    for block in row {
        let found = snippet::found(doc.text(&doc.blocks()[block]), terms);
        if found > best.0 {
            best = (found, block);
        }
        if found == terms.len() {
            break;
        }
    }
    best.1
}

/// The heading of the part a block is in.
fn chapter_of(story: &Story, block: usize) -> Option<String> {
    let doc = &story.document;
    doc.parts()
        .iter()
        .take_while(|p| p.block <= block)
        .last()
        .map(|p| p.title.clone())
}

/// The FTS5 expression for what a reader typed: each word and each quoted phrase as a
/// quoted string (so no word is read as an operator), all required.
pub fn fts_query(query: &str) -> Option<String> {
    let mut terms = Vec::new();
    for (k, part) in query.split('"').enumerate() {
        let words: Vec<&str> = part
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        if k % 2 == 1 {
            terms.push(format!("\"{}\"", words.join(" ")));
        } else {
            terms.extend(words.iter().map(|w| format!("\"{w}\"")));
        }
    }
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

mod build;
mod snippet;

#[cfg(test)]
mod tests;
