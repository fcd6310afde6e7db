//! The reading-state database: one SQLite file in the data folder (`state.sqlite`) that
//! every Ficshelf process shares. Each change is one small transaction on one story's row,
//! so two windows (or a window and a command-line tool) never overwrite each other's
//! records, and a crash at any moment leaves the last committed state (WAL journal, full
//! sync). The old `reading.ron` is imported once and kept as `reading.ron.imported`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OptionalExtension as _, TransactionBehavior, params};

mod lists;
mod marks;
mod schema;
mod splits;

pub use lists::ReadingList;

use super::{Place, ReadingLog, ReadingRecord, Status};
use crate::collection::ContentHash;
use crate::storage::with_suffix;

/// How long a write waits for another process's transaction before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Why the reading-state database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused: the file can't be opened or written (full disk, read-only, locked).
    #[error("{}: {source}", path.display())]
    Database {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// Not even a database in memory could be made.
    #[error("the reading state could not be kept")]
    Unavailable,
    /// A list name that another list has.
    #[error("there is a list called “{0}” already")]
    NameTaken(String),
    /// The data folder can't be made.
    #[error("{}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// An open reading-state database.
pub struct ReadingStore {
    conn: Connection,
    path: PathBuf,
    /// SQLite's count of commits by other connections, when last looked at.
    seen_version: i64,
}

impl std::fmt::Debug for ReadingStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadingStore")
            .field("path", &self.path)
            .finish()
    }
}

impl ReadingStore {
    /// Opens (or creates) the database in `data_dir` and imports a `reading.ron` left by an
    /// earlier version. A file that is not a database (damaged, or something else under
    /// that name) is moved aside to `.bad` and a new one started; the message says so.
    pub fn open(data_dir: &Path) -> Result<(ReadingStore, Option<String>), StoreError> {
        let path = data_dir.join("state.sqlite");
        let at = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Folder {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let mut notes = Vec::new();
        let mut store = match ReadingStore::open_waiting(&path) {
            Err(e) if is_damage(&e) => {
                let aside = with_suffix(&path, ".bad");
                std::fs::rename(&path, &aside).map_err(|_| at(e))?;
                for sidecar in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(with_suffix(&path, sidecar));
                }
                notes.push(format!(
                    "Your reading positions could not be read ({} is damaged): it was kept \
                     as {} and a new one started.",
                    path.display(),
                    aside.display()
                ));
                ReadingStore::open_waiting(&path).map_err(at)?
            }
            other => other.map_err(at)?,
        };
        let ron = data_dir.join("reading.ron");
        if ron.exists() {
            notes.extend(store.import_ron(&ron).map_err(at)?);
        }
        store.seen_version = store.data_version().map_err(at)?;
        Ok((store, (!notes.is_empty()).then(|| notes.join(" "))))
    }

    /// A database in memory, gone when dropped: for a session whose data folder can't hold
    /// one, and for tests.
    pub fn in_memory() -> Result<ReadingStore, StoreError> {
        let path = PathBuf::from(":memory:");
        let open = || -> Result<Connection, rusqlite::Error> {
            let mut conn = Connection::open_in_memory()?;
            conn.pragma_update(None, "foreign_keys", true)?;
            schema::migrate(&mut conn)?;
            Ok(conn)
        };
        match open() {
            Ok(conn) => Ok(ReadingStore {
                conn,
                path,
                seen_version: 0,
            }),
            Err(source) => Err(StoreError::Database { path, source }),
        }
    }

    /// Opens the file, waiting while another process holds it: two windows starting at
    /// once both switch a new file to WAL and set up its tables, and SQLite answers one of
    /// them "locked" at once for some of those steps, without its busy wait.
    fn open_waiting(path: &Path) -> Result<ReadingStore, rusqlite::Error> {
        let start = std::time::Instant::now();
        loop {
            match ReadingStore::open_at(path) {
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    ) && start.elapsed() < BUSY_WAIT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    fn open_at(path: &Path) -> Result<ReadingStore, rusqlite::Error> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_WAIT)?;
        // WAL: readers never block the writer, and a killed writer leaves the last commit.
        // FULL: a commit is on disk before the call returns (a few writes a minute).
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(ReadingStore {
            conn,
            path: path.to_path_buf(),
            seen_version: 0,
        })
    }

    /// Imports the records of an old `reading.ron` once (the first process to get here
    /// does it; the others see the mark), then renames it `reading.ron.imported`.
    fn import_ron(&mut self, ron: &Path) -> Result<Option<String>, rusqlite::Error> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'reading_ron'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let mut note = None;
        if done.is_none() {
            let (log, problem) = ReadingLog::load(ron);
            note = problem;
            for (hash, record) in &log.stories {
                upsert(&tx, hash, record)?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('reading_ron', ?1)",
                params![format!("{} records", log.stories.len())],
            )?;
        }
        tx.commit()?;
        // Renamed only after the commit: a crash before leaves it to import again (the
        // upsert makes that harmless); once the mark is in, it is never read again.
        let _ = std::fs::rename(ron, with_suffix(ron, ".imported"));
        Ok(note)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every record.
    pub fn load_all(&self) -> Result<BTreeMap<ContentHash, ReadingRecord>, StoreError> {
        let read = || -> Result<_, rusqlite::Error> {
            let mut statement = self.conn.prepare(
                "SELECT hash, block, within, progress, last_opened_secs, finished, status \
                 FROM reading",
            )?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, record(r)?)))?;
            rows.collect()
        };
        read().map_err(|source| self.error(source))
    }

    /// One story's record, as committed now.
    pub fn get(&self, hash: &str) -> Result<Option<ReadingRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT hash, block, within, progress, last_opened_secs, finished, status
                 FROM reading WHERE hash = ?1",
                params![hash],
                record,
            )
            .optional()
            .map_err(|source| self.error(source))
    }

    /// Writes one story's record in one transaction. Finished stays finished and the
    /// last-opened time only moves forward, whichever process wrote last.
    pub fn put(&self, hash: &str, record: &ReadingRecord) -> Result<(), StoreError> {
        upsert(&self.conn, hash, record).map_err(|source| self.error(source))
    }

    /// Sets (or, with `None`, clears) the status set by hand, and nothing else of the row.
    pub fn put_status(&self, hash: &str, status: Option<Status>) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO reading (hash, status) VALUES (?1, ?2)
                 ON CONFLICT (hash) DO UPDATE SET status = excluded.status",
                params![hash, status.map(Status::key)],
            )
            .map(drop)
            .map_err(|source| self.error(source))
    }

    /// True when another process committed a change since the last call.
    pub fn changed_elsewhere(&mut self) -> bool {
        match self.data_version() {
            Ok(version) if version != self.seen_version => {
                self.seen_version = version;
                true
            }
            _ => false,
        }
    }

    fn data_version(&self) -> Result<i64, rusqlite::Error> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
    }

    fn error(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Database {
            path: self.path.clone(),
            source,
        }
    }
}

/// Inserts or merges one record (a single statement: its own transaction). The status is
/// written only with a new row: it changes through [`ReadingStore::put_status`] alone, so a
/// window saving its place never undoes a status another window set.
fn upsert(conn: &Connection, hash: &str, r: &ReadingRecord) -> Result<(), rusqlite::Error> {
    conn.execute(
        "INSERT INTO reading (hash, block, within, progress, last_opened_secs, finished, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (hash) DO UPDATE SET
             block = excluded.block,
             within = excluded.within,
             progress = excluded.progress,
             last_opened_secs = max(last_opened_secs, excluded.last_opened_secs),
             finished = finished OR excluded.finished",
        params![
            hash,
            i64::try_from(r.place.block).unwrap_or(i64::MAX),
            f64::from(finite(r.place.within)),
            f64::from(finite(r.place.progress)),
            i64::try_from(r.last_opened_secs).unwrap_or(i64::MAX),
            r.finished,
            r.status.map(Status::key),
        ],
    )?;
    Ok(())
}

/// A row read back; values another version (or a hand edit) left out of range are clamped.
fn record(row: &rusqlite::Row<'_>) -> Result<ReadingRecord, rusqlite::Error> {
    let block: i64 = row.get(1)?;
    let within: f64 = row.get(2)?;
    let progress: f64 = row.get(3)?;
    let opened: i64 = row.get(4)?;
    Ok(ReadingRecord {
        place: Place {
            block: usize::try_from(block).unwrap_or(0),
            within: finite(within as f32).clamp(0.0, 1.0),
            progress: finite(progress as f32).clamp(0.0, 1.0),
        },
        last_opened_secs: u64::try_from(opened).unwrap_or(0),
        finished: row.get(5)?,
        // A status this version doesn't know (a later one's) reads as none set.
        status: row
            .get::<_, Option<String>>(6)?
            .and_then(|key| Status::from_key(&key)),
    })
}

fn finite(x: f32) -> f32 {
    if x.is_finite() { x } else { 0.0 }
}

/// Damage rather than circumstance: the file is not a database, or a broken one.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}
