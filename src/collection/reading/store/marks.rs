//! The reader's marks in the database: one row per bookmark or highlight, each change one
//! statement, so marks made in two windows at once are all kept.

use rusqlite::{Row, params};

use super::{ReadingStore, StoreError};
use crate::collection::reading::marks::{Anchor, Colour, Mark, MarkKind};

const COLUMNS: &str = "id, hash, kind, colour, block, offset, quote, before, after, note, \
                       created_secs, title, author, path";

impl ReadingStore {
    /// A story's marks, in reading order.
    pub fn marks_of(&self, hash: &str) -> Result<Vec<Mark>, StoreError> {
        self.query_marks(
            &format!("SELECT {COLUMNS} FROM marks WHERE hash = ?1 ORDER BY block, offset, id"),
            params![hash],
        )
    }

    /// Every mark of every story, newest first.
    pub fn all_marks(&self) -> Result<Vec<Mark>, StoreError> {
        self.query_marks(
            &format!("SELECT {COLUMNS} FROM marks ORDER BY created_secs DESC, id DESC"),
            params![],
        )
    }

    /// Keeps a mark; its `id` is ignored unless it is one that was deleted (an undo puts it
    /// back under its old number). Returns its number.
    pub fn add_mark(&self, mark: &Mark) -> Result<i64, StoreError> {
        let (kind, colour) = match mark.kind {
            MarkKind::Bookmark => ("bookmark", None),
            MarkKind::Highlight(c) => ("highlight", Some(c.key())),
        };
        let a = &mark.anchor;
        self.conn
            .execute(
                "INSERT INTO marks (id, hash, kind, colour, block, offset, quote, before, after,
                                    note, created_secs, title, author, path)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    (mark.id > 0).then_some(mark.id),
                    mark.hash,
                    kind,
                    colour,
                    i64::try_from(a.block).unwrap_or(i64::MAX),
                    i64::try_from(a.offset).unwrap_or(i64::MAX),
                    a.quote,
                    a.before,
                    a.after,
                    mark.note,
                    i64::try_from(mark.created_secs).unwrap_or(i64::MAX),
                    mark.title,
                    mark.author,
                    mark.path,
                ],
            )
            .map_err(|source| self.error(source))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Changes a mark's note (a mark deleted meanwhile in another window stays deleted).
    pub fn set_mark_note(&self, id: i64, note: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE marks SET note = ?2 WHERE id = ?1",
                params![id, note],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Changes a highlight's colour.
    pub fn set_mark_colour(&self, id: i64, colour: Colour) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE marks SET colour = ?2 WHERE id = ?1 AND kind = 'highlight'",
                params![id, colour.key()],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Moves a mark to where its text was found again, under the story's new fingerprint
    /// (a re-saved file).
    pub fn move_mark(&self, id: i64, hash: &str, anchor: &Anchor) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE marks SET hash = ?2, block = ?3, offset = ?4, before = ?5, after = ?6
                 WHERE id = ?1",
                params![
                    id,
                    hash,
                    i64::try_from(anchor.block).unwrap_or(i64::MAX),
                    i64::try_from(anchor.offset).unwrap_or(i64::MAX),
                    anchor.before,
                    anchor.after,
                ],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// Marks made on an earlier version of the file at `path` (another fingerprint): a
    /// re-saved story, whose marks the reader looks for again in the new text.
    pub fn marks_left_at(&self, path: &str, hash: &str) -> Result<Vec<Mark>, StoreError> {
        self.query_marks(
            &format!(
                "SELECT {COLUMNS} FROM marks WHERE path = ?1 AND hash <> ?2 \
                 ORDER BY block, offset, id"
            ),
            params![path, hash],
        )
    }

    /// Removes a mark.
    pub fn delete_mark(&self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM marks WHERE id = ?1", params![id])
            .map(drop)
            .map_err(|source| self.error(source))
    }

    fn query_marks(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Mark>, StoreError> {
        let read = || -> Result<Vec<Mark>, rusqlite::Error> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement.query_map(params, mark)?;
            rows.collect()
        };
        read().map_err(|source| self.error(source))
    }
}

/// A row read back; a kind this version doesn't know reads as a bookmark.
fn mark(r: &Row<'_>) -> Result<Mark, rusqlite::Error> {
    let kind: String = r.get(2)?;
    let colour: Option<String> = r.get(3)?;
    let number = |i: usize| -> Result<usize, rusqlite::Error> {
        Ok(usize::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
    };
    Ok(Mark {
        id: r.get(0)?,
        hash: r.get(1)?,
        kind: match kind.as_str() {
            "highlight" => MarkKind::Highlight(Colour::from_key(colour.as_deref().unwrap_or(""))),
            _ => MarkKind::Bookmark,
        },
        anchor: Anchor {
            block: number(4)?,
            offset: number(5)?,
            quote: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
        },
        note: r.get(9)?,
        created_secs: u64::try_from(r.get::<_, i64>(10)?).unwrap_or(0),
        title: r.get(11)?,
        author: r.get(12)?,
        path: r.get(13)?,
    })
}
