//! Writing stories into the full-text index: the gone ones removed, the new ones read on
//! the other cores and written in batches, each story as few rows as its length allows
//! (a row is a run of blocks, its id the story's and the run's first block).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::BLOCK_BITS;
use crate::collection::{Collection, ContentHash};
use crate::engine::{BlockKind, Document, Story};

/// Stories written in one transaction, at most: a batch holds the file's write lock for
/// about a second, so another writer (a second window, the command line) gets its turn in
/// between, and a stopped or killed update keeps what it wrote.
pub(super) const BATCH: usize = 250;
/// Text written in one transaction, at most (FTS5 keeps up to 16 MB of words in memory).
const BATCH_BYTES: usize = 32 << 20;
/// A row's text, at most: a story is one row unless it is longer (most fan fiction is).
/// Fewer, longer rows make a smaller index built faster (the words' row ids and sizes are
/// written once per row); the block a match is in is found again when its story is read.
const ROW_BYTES: usize = 256 << 10;

/// [`FullText::update_until`]'s changes: the gone stories and moved paths in one
/// transaction, then the new stories in batches.
pub(super) fn write(
    conn: &mut Connection,
    collection: &Collection,
    indexed: &HashMap<ContentHash, String>,
    progress: &mut dyn FnMut(usize, usize),
    stop: &dyn Fn() -> bool,
) -> Result<usize, rusqlite::Error> {
    let present: HashSet<&str> = collection.entries.iter().map(|e| e.hash.as_str()).collect();
    let mut missing = Vec::new();
    // Immediate: the write lock is taken (or waited for) at the start, so a writer in
    // another process never finds its snapshot stale halfway through.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for hash in indexed.keys().filter(|h| !present.contains(h.as_str())) {
        // Another writer may have removed it since it was listed.
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM stories WHERE hash = ?1",
                params![hash],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else { continue };
        tx.execute(
            "DELETE FROM passages WHERE rowid >= ?1 AND rowid < ?2",
            params![id << BLOCK_BITS, (id + 1) << BLOCK_BITS],
        )?;
        tx.execute("DELETE FROM stories WHERE id = ?1", params![id])?;
    }
    for entry in &collection.entries {
        let path = entry.path.to_string_lossy();
        match indexed.get(&entry.hash) {
            None => missing.push(entry),
            Some(was) if *was != path => {
                tx.execute(
                    "UPDATE stories SET path = ?2 WHERE hash = ?1",
                    params![entry.hash, path],
                )?;
            }
            Some(_) => {}
        }
    }
    tx.commit()?;
    if missing.is_empty() || stop() {
        return Ok(0);
    }
    // Stories are read on the other cores while this one writes them in.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().max(2) - 1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut added = 0;
    let conn: &Connection = conn;
    std::thread::scope(|scope| {
        // Made here, so that a failed write or a stop drops the receiver before the scope
        // waits for the readers: their sends then fail and they stop.
        let (send, receive) = std::sync::mpsc::sync_channel(64);
        for _ in 0..workers {
            let (send, next, missing) = (send.clone(), &next, &missing);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(entry) = missing.get(i) else { break };
                    // A file that can no longer be read is left out until it can.
                    let story = Story::read(&entry.path).ok();
                    if send.send((*entry, story)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut tx = None;
        let (mut in_batch, mut bytes) = (0, 0);
        for (done, (entry, story)) in receive.iter().enumerate() {
            if tx.is_none() {
                tx = Some(rusqlite::Transaction::new_unchecked(
                    conn,
                    TransactionBehavior::Immediate,
                )?);
            }
            if let (Some(story), Some(tx)) = (story, &tx)
                && let Some(written) = add_story(tx, &entry.hash, &entry.path, &story)?
            {
                added += 1;
                bytes += written;
            }
            in_batch += 1;
            progress(done + 1, missing.len());
            let stopping = stop();
            if in_batch >= BATCH || bytes >= BATCH_BYTES || stopping {
                if let Some(tx) = tx.take() {
                    tx.commit()?;
                }
                (in_batch, bytes) = (0, 0);
            }
            if stopping {
                break;
            }
        }
        if let Some(tx) = tx.take() {
            tx.commit()?;
        }
        Ok::<(), rusqlite::Error>(())
    })?;
    Ok(added)
}

/// Adds one story's text as its rows. Returns the text's length, or None when the story
/// is in already (another writer added it meanwhile).
fn add_story(
    tx: &rusqlite::Transaction<'_>,
    hash: &str,
    path: &Path,
    story: &Story,
) -> Result<Option<usize>, rusqlite::Error> {
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO stories (hash, path, title) VALUES (?1, ?2, ?3)",
        params![hash, path.to_string_lossy(), story.title],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached("INSERT INTO passages (rowid, text) VALUES (?1, ?2)")?;
    let doc = &story.document;
    let mut written = 0;
    let mut row = String::new();
    for run in rows(doc) {
        row.clear();
        for &block in &run {
            if !row.is_empty() {
                row.push('\n');
            }
            row.push_str(doc.text(&doc.blocks()[block]));
        }
        let first = i64::try_from(run[0]).unwrap_or(0);
        insert.execute(params![(id << BLOCK_BITS) | first, row])?;
        written += row.len();
    }
    Ok(Some(written))
}

/// A story's rows: runs of its text blocks (not scene breaks, pictures or empty ones),
/// each up to [`ROW_BYTES`] of text, within the blocks a row id can name.
pub(super) fn rows(doc: &Document) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut size = 0;
    for (i, block) in doc.blocks().iter().enumerate().take(1 << BLOCK_BITS) {
        if matches!(block.kind, BlockKind::SceneBreak | BlockKind::Image) {
            continue;
        }
        let text = doc.text(block);
        if text.trim().is_empty() {
            continue;
        }
        match rows.last_mut() {
            Some(run) if size + text.len() <= ROW_BYTES => run.push(i),
            _ => {
                rows.push(vec![i]);
                size = 0;
            }
        }
        size += text.len() + 1;
    }
    rows
}
