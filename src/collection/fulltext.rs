//! Search through every word of the collection: an SQLite FTS5 index of each story's text
//! as the reader shows it (a row per block, with its chapter), kept in `search.sqlite` in
//! the data folder beside the collection's index. Accents and case are folded (`café`
//! finds `Cafe`), nothing is stemmed and stop words are kept, so names and exact phrases
//! are found as typed. The index is brought up to date with the collection's stories by
//! their content fingerprints: new and changed texts are added, gone ones removed. A
//! damaged index file is set aside and built again; it is never fatal.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::{Collection, ContentHash};
use crate::engine::{BlockKind, Story};

/// The file name of the index in the data folder.
pub const FILE: &str = "search.sqlite";

/// What the schema looks like; an index of another version is built again.
const VERSION: i64 = 1;

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

impl FullText {
    /// Opens the index in `data_dir`, making it if missing; a file that is not a usable
    /// index is moved aside (`search.sqlite.damaged`) and a new one made.
    pub fn open(data_dir: &Path) -> Result<FullText, FullTextError> {
        let path = data_dir.join(FILE);
        match Self::open_at(&path) {
            Ok(index) => Ok(index),
            Err(_) => {
                let _ = std::fs::rename(&path, path.with_extension("sqlite.damaged"));
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
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version != VERSION {
            conn.execute_batch(
                "DROP TABLE IF EXISTS stories;
                 DROP TABLE IF EXISTS passages;
                 CREATE TABLE stories (
                     hash TEXT PRIMARY KEY NOT NULL,
                     path TEXT NOT NULL,
                     title TEXT NOT NULL
                 );
                 CREATE VIRTUAL TABLE passages USING fts5(
                     text,
                     hash UNINDEXED,
                     block UNINDEXED,
                     chapter UNINDEXED,
                     tokenize = 'unicode61 remove_diacritics 2'
                 );",
            )
            .map_err(err)?;
            conn.pragma_update(None, "user_version", VERSION)
                .map_err(err)?;
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

    /// The fingerprints of the stories in the index.
    pub fn indexed(&self) -> Result<HashSet<ContentHash>, FullTextError> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash FROM stories")
            .map_err(|e| self.error(e))?;
        let hashes = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<HashSet<_>, _>>())
            .map_err(|e| self.error(e))?;
        Ok(hashes)
    }

    /// Brings the index up to date with `collection`: stories not in it are read and
    /// added, stories no longer in the collection removed, moved files' paths updated.
    /// `progress` hears `(done, to_do)` after each story added. Returns how many were added.
    pub fn update(
        &mut self,
        collection: &Collection,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<usize, FullTextError> {
        let indexed = self.indexed()?;
        let present: HashSet<&str> = collection.entries.iter().map(|e| e.hash.as_str()).collect();
        let gone: Vec<&String> = indexed
            .iter()
            .filter(|h| !present.contains(h.as_str()))
            .collect();
        let missing: Vec<_> = collection
            .entries
            .iter()
            .filter(|e| !indexed.contains(&e.hash))
            .collect();
        let tx = self.conn.transaction().map_err(|e| FullTextError {
            path: self.path.clone(),
            source: e,
        })?;
        let run = |tx: &rusqlite::Transaction<'_>| -> Result<(), rusqlite::Error> {
            for hash in &gone {
                tx.execute("DELETE FROM passages WHERE hash = ?1", params![hash])?;
                tx.execute("DELETE FROM stories WHERE hash = ?1", params![hash])?;
            }
            for entry in &collection.entries {
                tx.execute(
                    "UPDATE stories SET path = ?2 WHERE hash = ?1 AND path != ?2",
                    params![entry.hash, entry.path.to_string_lossy()],
                )?;
            }
            Ok(())
        };
        run(&tx).map_err(|source| FullTextError {
            path: self.path.clone(),
            source,
        })?;
        let mut added = 0;
        for (done, entry) in missing.iter().enumerate() {
            // A file that can no longer be read is left out until it can.
            if let Ok(story) = Story::read(&entry.path) {
                add_story(&tx, &entry.hash, &entry.path, &story).map_err(|source| {
                    FullTextError {
                        path: self.path.clone(),
                        source,
                    }
                })?;
                added += 1;
            }
            progress(done + 1, missing.len());
        }
        tx.commit().map_err(|source| FullTextError {
            path: self.path.clone(),
            source,
        })?;
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
                "SELECT s.path, s.title, p.chapter, p.block,
                        snippet(passages, 0, '[', ']', '…', 24), bm25(passages)
                 FROM passages p JOIN stories s ON s.hash = p.hash
                 WHERE passages MATCH ?1
                 ORDER BY bm25(passages) LIMIT ?2",
            )
            .map_err(|e| self.error(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hits = stmt
            .query_map(params![expression, limit], |r| {
                Ok(Hit {
                    path: PathBuf::from(r.get::<_, String>(0)?),
                    title: r.get(1)?,
                    chapter: r.get(2)?,
                    block: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                    snippet: r.get(4)?,
                    // bm25 is lower for better matches.
                    score: -r.get::<_, f64>(5)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.error(e))?;
        Ok(hits)
    }
}

/// Adds one story's blocks (text blocks only), each with the chapter it is in.
fn add_story(
    tx: &rusqlite::Transaction<'_>,
    hash: &str,
    path: &Path,
    story: &Story,
) -> Result<(), rusqlite::Error> {
    tx.execute(
        "INSERT OR REPLACE INTO stories (hash, path, title) VALUES (?1, ?2, ?3)",
        params![hash, path.to_string_lossy(), story.title],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO passages (text, hash, block, chapter) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let doc = &story.document;
    let mut chapter: Option<&str> = None;
    for (i, block) in doc.blocks().iter().enumerate() {
        match block.kind {
            BlockKind::Heading => chapter = Some(doc.text(block)),
            BlockKind::SceneBreak | BlockKind::Image => continue,
            _ => {}
        }
        let text = doc.text(block);
        if text.trim().is_empty() {
            continue;
        }
        insert.execute(params![
            text,
            hash,
            i64::try_from(i).unwrap_or(i64::MAX),
            chapter
        ])?;
    }
    Ok(())
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

#[cfg(test)]
mod tests;
