//! The reader's own lists of works ("To read", "Comfort reads"): named, each holding works
//! (by content fingerprint) in the order the reader gives them. Every change is one
//! transaction, so lists edited in two windows keep both windows' changes.

use rusqlite::{OptionalExtension as _, TransactionBehavior, params};

use super::{ReadingStore, StoreError};
use crate::collection::ContentHash;

/// One list, with its works in the reader's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingList {
    /// Its number in the database (stable while it exists).
    pub id: i64,
    /// Its name, unique among the lists.
    pub name: String,
    /// The works, in order.
    pub items: Vec<ContentHash>,
}

impl ReadingStore {
    /// Every list, oldest first, with its works in order.
    pub fn lists(&self) -> Result<Vec<ReadingList>, StoreError> {
        let read = || -> Result<Vec<ReadingList>, rusqlite::Error> {
            let mut lists: Vec<ReadingList> = self
                .conn
                .prepare("SELECT id, name FROM lists ORDER BY id")?
                .query_map([], |r| {
                    Ok(ReadingList {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        items: Vec::new(),
                    })
                })?
                .collect::<Result<_, _>>()?;
            let mut items = self
                .conn
                .prepare("SELECT list_id, hash FROM list_items ORDER BY list_id, position")?;
            let rows = items.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))?;
            for row in rows {
                let (id, hash) = row?;
                if let Some(list) = lists.iter_mut().find(|l| l.id == id) {
                    list.items.push(hash);
                }
            }
            Ok(lists)
        };
        read().map_err(|source| self.error(source))
    }

    /// Makes a new, empty list; a name already taken is refused with [`StoreError::NameTaken`].
    pub fn create_list(&self, name: &str) -> Result<i64, StoreError> {
        let name = name.trim();
        if self.list_named(name)?.is_some() {
            return Err(StoreError::NameTaken(name.to_string()));
        }
        self.conn
            .execute("INSERT INTO lists (name) VALUES (?1)", params![name])
            .map_err(|source| self.error(source))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Gives a list another name.
    pub fn rename_list(&self, id: i64, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if self.list_named(name)?.is_some_and(|other| other != id) {
            return Err(StoreError::NameTaken(name.to_string()));
        }
        self.conn
            .execute(
                "UPDATE lists SET name = ?2 WHERE id = ?1",
                params![id, name],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Removes a list (the works themselves stay where they are).
    pub fn delete_list(&self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM lists WHERE id = ?1", params![id])
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Puts a work at the end of a list (where it is already, it stays where it is).
    pub fn add_to_list(&self, id: i64, hash: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO list_items (list_id, hash, position)
                 SELECT ?1, ?2, coalesce(max(position) + 1, 0)
                 FROM list_items WHERE list_id = ?1",
                params![id, hash],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Takes a work off a list.
    pub fn remove_from_list(&self, id: i64, hash: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM list_items WHERE list_id = ?1 AND hash = ?2",
                params![id, hash],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Moves a work to place `to` (0 is the top) of a list, the others closing up around
    /// it, in one transaction.
    pub fn move_in_list(&mut self, id: i64, hash: &str, to: usize) -> Result<(), StoreError> {
        let reorder = |store: &mut ReadingStore| -> Result<(), rusqlite::Error> {
            let tx = store
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut order: Vec<String> = tx
                .prepare("SELECT hash FROM list_items WHERE list_id = ?1 ORDER BY position")?
                .query_map(params![id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let Some(from) = order.iter().position(|h| h == hash) else {
                return Ok(()); // taken off meanwhile, in another window
            };
            let moved = order.remove(from);
            order.insert(to.min(order.len()), moved);
            for (position, hash) in order.iter().enumerate() {
                tx.execute(
                    "UPDATE list_items SET position = ?3 WHERE list_id = ?1 AND hash = ?2",
                    params![id, hash, i64::try_from(position).unwrap_or(i64::MAX)],
                )?;
            }
            tx.commit()
        };
        reorder(self).map_err(|source| self.error(source))
    }

    fn list_named(&self, name: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row("SELECT id FROM lists WHERE name = ?1", params![name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|source| self.error(source))
    }
}
