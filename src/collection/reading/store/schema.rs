//! The database's tables, and the steps that bring a file made by an earlier version up to
//! this one. Each step runs once, inside the transaction that records it in
//! `PRAGMA user_version`, so two processes starting at once never apply one twice.

use rusqlite::{Connection, TransactionBehavior};

/// Step `n` brings a database from version `n` to `n + 1`.
const STEPS: &[&str] = &[
    // 1: reading places.
    "CREATE TABLE IF NOT EXISTS reading (
         hash TEXT PRIMARY KEY NOT NULL,
         block INTEGER NOT NULL DEFAULT 0,
         within REAL NOT NULL DEFAULT 0,
         progress REAL NOT NULL DEFAULT 0,
         last_opened_secs INTEGER NOT NULL DEFAULT 0,
         finished INTEGER NOT NULL DEFAULT 0
     );
     CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);",
    // 2: a status set by hand, and the reader's own lists of works, in their order.
    "ALTER TABLE reading ADD COLUMN status TEXT;
     CREATE TABLE lists (
         id INTEGER PRIMARY KEY,
         name TEXT NOT NULL UNIQUE
     );
     CREATE TABLE list_items (
         list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
         hash TEXT NOT NULL,
         position INTEGER NOT NULL,
         PRIMARY KEY (list_id, hash)
     );",
    // 3: the reader's marks (bookmarks, highlights, notes), with the story's title, author
    // and file when marked, for listing marks of stories that are not open.
    "CREATE TABLE marks (
         id INTEGER PRIMARY KEY,
         hash TEXT NOT NULL,
         kind TEXT NOT NULL,
         colour TEXT,
         block INTEGER NOT NULL,
         offset INTEGER NOT NULL,
         quote TEXT NOT NULL,
         before TEXT NOT NULL DEFAULT '',
         after TEXT NOT NULL DEFAULT '',
         note TEXT NOT NULL DEFAULT '',
         created_secs INTEGER NOT NULL,
         title TEXT NOT NULL DEFAULT '',
         author TEXT NOT NULL DEFAULT '',
         path TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX marks_by_hash ON marks (hash);",
    // 4: the reader's corrections to the works in several files: a file (by content)
    // taken out of its work, or a work (by its folded title and author) split apart.
    "CREATE TABLE work_splits (
         kind TEXT NOT NULL,
         key TEXT NOT NULL,
         PRIMARY KEY (kind, key)
     );",
];

/// The version this build writes.
pub const VERSION: i64 = STEPS.len() as i64;

/// Applies the steps the file lacks. A file from a newer version is left as it is: the
/// columns this one reads are still there.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let version = |c: &Connection| c.pragma_query_value(None, "user_version", |r| r.get(0));
    if version(conn)? >= VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from: i64 = version(&tx)?; // again: another process may have done it meanwhile
    for step in STEPS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        tx.execute_batch(step)?;
    }
    if from < VERSION {
        tx.pragma_update(None, "user_version", VERSION)?;
    }
    tx.commit()
}
