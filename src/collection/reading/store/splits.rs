//! The reader's corrections to the works in several files: a file taken out of the work
//! the grouping rule puts it in (kept by content), or a work split into separate stories
//! (kept by its folded title and author). Keys that outlive a rescan, a rename and a
//! restart; each change is one transaction, so two windows keep both their changes.

use rusqlite::params;

use super::{ReadingStore, StoreError};
use crate::collection::works::{Join, Splits};

/// How a row names a file taken out.
const FILE: &str = "file";
/// How a row names a work split.
const WORK: &str = "work";

impl ReadingStore {
    /// Every correction kept.
    pub fn splits(&self) -> Result<Splits, StoreError> {
        let read = || -> Result<Splits, rusqlite::Error> {
            let mut splits = Splits::default();
            let mut statement = self.conn.prepare("SELECT kind, key FROM work_splits")?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for row in rows {
                let (kind, key) = row?;
                match kind.as_str() {
                    FILE => splits.files.insert(key),
                    WORK => splits.works.insert(key),
                    _ => false, // a later version's kind: not this one's to apply
                };
            }
            Ok(splits)
        };
        read().map_err(|source| self.error(source))
    }

    /// Takes a file (by content) out of its work.
    pub fn take_out_of_work(&self, hash: &str) -> Result<(), StoreError> {
        self.put_split(FILE, hash)
    }

    /// Splits a work (by its key) into separate stories.
    pub fn split_work(&self, key: &str) -> Result<(), StoreError> {
        self.put_split(WORK, key)
    }

    /// Puts a work back together: its split and its files taken out are forgotten, in one
    /// transaction.
    pub fn join_work(&self, join: &Join) -> Result<(), StoreError> {
        let run = || -> Result<(), rusqlite::Error> {
            let tx = self.conn.unchecked_transaction()?;
            let forget = "DELETE FROM work_splits WHERE kind = ?1 AND key = ?2";
            tx.execute(forget, params![WORK, join.key])?;
            for hash in &join.files {
                tx.execute(forget, params![FILE, hash])?;
            }
            tx.commit()
        };
        run().map_err(|source| self.error(source))
    }

    fn put_split(&self, kind: &str, key: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO work_splits (kind, key) VALUES (?1, ?2)",
                params![kind, key],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }
}
