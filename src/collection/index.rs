//! The collection index: every story's card with the size, modification time and content
//! fingerprint of its file, cached in the data folder (compact binary, written atomically),
//! so that a start with an unchanged collection stats the files and parses nothing. Files
//! that are new or changed are read on every core. Paths are kept as the system's bytes
//! (`path_bytes`), so a name that is not UTF-8 is cached like any other.

mod path_bytes;

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Instant, UNIX_EPOCH};

use super::editions::confirm::{Checked, confirm, read_document};
use super::{Collection, ContentHash, Entry, StoryMeta, Unreadable};
use crate::storage::write_atomic;

/// Bumped whenever the shape of the cached data changes, so that old caches are read again
/// rather than trusted.
const FORMAT: u32 = 5;

/// A fingerprint of the code that reads stories (made by `build.rs` from `src/engine` and
/// `src/formats`): a cache made by another reading of the files is read again, so a better
/// reading reaches every story already in the collection.
const READER: &str = env!("FICSHELF_READER");

/// A story file found by the walk.
#[derive(Debug, Clone)]
pub struct Found {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified_ns: u64,
}

/// One cached story.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Cached {
    #[serde(with = "path_bytes")]
    path: PathBuf,
    size: u64,
    modified_ns: u64,
    hash: ContentHash,
    meta: StoryMeta,
}

/// One cached unreadable file, so it is not read again until it changes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct CachedBad {
    #[serde(with = "path_bytes")]
    path: PathBuf,
    size: u64,
    modified_ns: u64,
    reason: String,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct IndexFile {
    format: u32,
    reader: String,
    #[serde(with = "path_bytes")]
    root: PathBuf,
    stories: Vec<Cached>,
    unreadable: Vec<CachedBad>,
    /// Verdicts on files that may be editions of one work by their text.
    checked: Vec<Checked>,
}

/// What a scan found and what it cost.
#[derive(Debug)]
pub struct Scan {
    /// The collection.
    pub collection: Collection,
    /// Stories taken from the cache without reading their files.
    pub reused: usize,
    /// Bytes of story files in the collection.
    pub bytes: u64,
    /// How long the scan took.
    pub seconds: f64,
    /// Why the cache could not be written, if it couldn't (the scan itself is complete).
    pub cache_error: Option<String>,
    /// Why the folder itself could not be read (gone, unplugged, no permission). The
    /// collection is then empty and the cache is left as it was, for when it is back.
    pub missing: Option<String>,
}

/// Scans `root`, reusing the cache at `cache` (when given) for files whose size and
/// modification time are unchanged, reading the rest on `threads` threads, and saving the
/// cache again when anything changed.
pub fn scan(root: &Path, cache: Option<&Path>, threads: usize) -> Scan {
    scan_with(root, cache, threads, None)
}

/// Progress of a scan, shared with the window while it runs.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files to read (known once the folder has been walked).
    pub total: AtomicUsize,
    /// Files read so far.
    pub done: AtomicUsize,
    /// Stories read since the window last took them, so it can list them as they come.
    pub fresh: Mutex<Vec<Entry>>,
}

impl Progress {
    /// Takes the stories read since the last call.
    pub fn take_fresh(&self) -> Vec<Entry> {
        self.fresh
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

/// [`scan`], reporting progress as files are read.
pub fn scan_with(
    root: &Path,
    cache: Option<&Path>,
    threads: usize,
    progress: Option<&Progress>,
) -> Scan {
    let start = Instant::now();
    let mut unreadable = Vec::new();
    let mut found = Vec::new();
    if let Err(e) = super::walk(root, 0, &mut found, &mut unreadable) {
        // Not an empty collection: saving that would forget every story in the cache.
        return Scan {
            collection: Collection {
                root: root.to_path_buf(),
                ..Collection::default()
            },
            reused: 0,
            bytes: 0,
            seconds: start.elapsed().as_secs_f64(),
            cache_error: None,
            missing: Some(format!("{} can't be read: {e}", root.display())),
        };
    }
    // Byte order of the paths: comparing `Path`s component by component is far slower.
    found.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    let old = cache.map(|c| load(c, root)).unwrap_or_default();
    let cached_count = old.stories.len() + old.unreadable.len();
    let mut known: HashMap<OsString, Cached> = old
        .stories
        .into_iter()
        .map(|c| (c.path.clone().into_os_string(), c))
        .collect();
    let known_bad: HashMap<OsString, CachedBad> = old
        .unreadable
        .into_iter()
        .map(|c| (c.path.clone().into_os_string(), c))
        .collect();
    let same =
        |f: &Found, size: u64, modified_ns: u64| f.size == size && f.modified_ns == modified_ns;

    let mut slots: Vec<Option<Result<Entry, String>>> = Vec::with_capacity(found.len());
    let mut to_read = Vec::new();
    let mut reused = 0;
    for (i, f) in found.iter().enumerate() {
        let key = f.path.as_os_str();
        if let Some(c) = known.remove(key).filter(|c| same(f, c.size, c.modified_ns)) {
            reused += 1;
            slots.push(Some(Ok(Entry::from_parts(
                f.path.clone(),
                c.meta,
                c.hash,
                c.size,
                f.modified_ns,
            ))));
        } else if let Some(bad) = known_bad
            .get(key)
            .filter(|b| same(f, b.size, b.modified_ns))
        {
            slots.push(Some(Err(bad.reason.clone())));
        } else {
            slots.push(None);
            to_read.push(i);
        }
    }
    if let Some(p) = progress {
        p.total.store(to_read.len(), Ordering::Relaxed);
    }
    for (i, result) in read_all(&found, &to_read, threads, progress) {
        slots[i] = Some(result);
    }
    let mut entries = Vec::with_capacity(found.len());
    let mut bad_files = Vec::new();
    for (f, slot) in found.iter().zip(slots) {
        match slot {
            Some(Ok(entry)) => entries.push((f, entry)),
            Some(Err(reason)) => bad_files.push((f, reason)),
            None => {}
        }
    }
    let confirmed = {
        let cards: Vec<&Entry> = entries.iter().map(|(_, e)| e).collect();
        confirm(&cards, &old.checked, read_document)
    };
    let changed = !to_read.is_empty()
        || cached_count != found.len()
        || confirmed.fresh
        || confirmed.checked.len() != old.checked.len();
    let cache_error = match cache {
        Some(path) if changed => save(path, root, &entries, &bad_files, &confirmed.checked).err(),
        _ => None,
    };
    unreadable.extend(bad_files.into_iter().map(|(f, reason)| Unreadable {
        path: f.path.clone(),
        reason,
    }));
    let entries: Vec<Entry> = entries.into_iter().map(|(_, e)| e).collect();
    let bytes = entries.iter().map(|e| e.bytes).sum();
    Scan {
        collection: Collection {
            root: root.to_path_buf(),
            entries,
            unreadable,
            grown: confirmed.grown,
            checked: confirmed.checked,
        },
        reused,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
        cache_error,
        missing: None,
    }
}

/// Reads the files at `which` on `threads` threads; returns (index, result) pairs.
fn read_all(
    found: &[Found],
    which: &[usize],
    threads: usize,
    progress: Option<&Progress>,
) -> Vec<(usize, Result<Entry, String>)> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = which.get(k) else { break done };
            let result = Entry::read(&found[i].path);
            if let Some(p) = progress {
                if let (Ok(entry), Ok(mut fresh)) = (&result, p.fresh.lock()) {
                    fresh.push(entry.clone());
                }
                p.done.fetch_add(1, Ordering::Relaxed);
            }
            done.push((i, result));
        }
    };
    let threads = threads.clamp(1, which.len().max(1));
    if threads == 1 {
        return work();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
        // A reader thread that panicked loses only its own files; they are read again next time.
        handles
            .into_iter()
            .filter_map(|h| h.join().ok())
            .flatten()
            .collect()
    })
}

/// The cache for `root`, or an empty one when it is missing, for another folder, from
/// another version, or damaged (it is only a cache: the files are read again).
fn load(path: &Path, root: &Path) -> IndexFile {
    let Ok(bytes) = std::fs::read(path) else {
        return IndexFile::default();
    };
    match postcard::from_bytes::<IndexFile>(&bytes) {
        Ok(index) if index.format == FORMAT && index.reader == READER && index.root == root => {
            index
        }
        _ => IndexFile::default(),
    }
}

/// Writes the cache from borrowed views of the scan (the same format `load` reads), so that
/// saving copies nothing.
fn save(
    path: &Path,
    root: &Path,
    entries: &[(&Found, Entry)],
    bad: &[(&Found, String)],
    checked: &[Checked],
) -> Result<(), String> {
    #[derive(serde::Serialize)]
    struct StoryView<'a> {
        #[serde(serialize_with = "path_bytes::serialize")]
        path: &'a Path,
        size: u64,
        modified_ns: u64,
        hash: &'a str,
        meta: &'a StoryMeta,
    }
    #[derive(serde::Serialize)]
    struct BadView<'a> {
        #[serde(serialize_with = "path_bytes::serialize")]
        path: &'a Path,
        size: u64,
        modified_ns: u64,
        reason: &'a str,
    }
    #[derive(serde::Serialize)]
    struct FileView<'a> {
        format: u32,
        reader: &'a str,
        #[serde(serialize_with = "path_bytes::serialize")]
        root: &'a Path,
        stories: Vec<StoryView<'a>>,
        unreadable: Vec<BadView<'a>>,
        checked: &'a [Checked],
    }
    let view = FileView {
        format: FORMAT,
        reader: READER,
        root,
        stories: entries
            .iter()
            .map(|(f, e)| StoryView {
                path: &f.path,
                size: f.size,
                modified_ns: f.modified_ns,
                hash: &e.hash,
                meta: &e.meta,
            })
            .collect(),
        unreadable: bad
            .iter()
            .map(|(f, r)| BadView {
                path: &f.path,
                size: f.size,
                modified_ns: f.modified_ns,
                reason: r,
            })
            .collect(),
        checked,
    };
    let bytes = postcard::to_allocvec(&view).map_err(|e| e.to_string())?;
    write_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// A file's modification time in nanoseconds since 1970 (0 when the system won't say).
pub fn modified_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests;
