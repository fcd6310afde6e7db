//! The collection: the folder of story files the library shows, read into cards, with
//! search and sort. A file that can't be read is listed with its reason, never fatal.

pub mod editions;
pub mod filter;
pub mod fulltext;
pub mod import;
pub mod index;
pub mod marks_export;
pub mod meta;
pub mod reading;
pub mod samples;
pub mod search;
pub mod series;
pub mod works;

use std::path::{Path, PathBuf};

pub use meta::StoryMeta;

use crate::engine::{ReadError, Story, read_bytes};
use filter::facets::Facet;
use index::Found;
use search::{Pairs, Query};

/// File extensions read as stories: plain text, EPUB, HTML and a zipped HTML page (FicHub's
/// download; the content decides how a file is read; see [`crate::formats`]).
pub const STORY_EXTENSIONS: &[&str] = &[
    "txt", "text", "asc", "fic", "epub", "html", "htm", "xhtml", "zip",
];
/// How deep the scan follows sub-folders.
const MAX_DEPTH: usize = 16;

/// A content fingerprint: reading positions follow it, so a renamed or moved file keeps its
/// place, and an import of a story already in the collection is recognised.
pub type ContentHash = String;

/// The fingerprint of a file's bytes (128-bit xxh3, hex).
pub fn content_hash(bytes: &[u8]) -> ContentHash {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A story file read once: the story, the file's bytes and their fingerprint.
pub struct Loaded {
    /// The story.
    pub story: Story,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Their fingerprint.
    pub hash: ContentHash,
}

/// Reads a story file once: parses it and fingerprints its bytes.
pub fn load(path: &Path) -> Result<Loaded, ReadError> {
    let bytes = read_bytes(path)?;
    let story = Story::parse_file(path, &bytes)?;
    let hash = content_hash(&bytes);
    Ok(Loaded { story, bytes, hash })
}

/// One story in the collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Where the file is.
    pub path: PathBuf,
    /// Its library card.
    pub meta: StoryMeta,
    /// Its content fingerprint.
    pub hash: ContentHash,
    /// Its size in bytes.
    pub bytes: u64,
    /// When the file was last modified (seconds since 1970): "recently added".
    pub modified_secs: u64,
    /// Lower-case text for search.
    search: String,
    /// The letter pairs in `search`.
    pairs: Pairs,
    /// Its facet values: `(facet, as shown, normalised)`, worked out once when it is read.
    facet_keys: Vec<(Facet, String, String)>,
}

impl Entry {
    /// The file's name as shown (a name that is not UTF-8 shown with replacements).
    pub fn file_name(&self) -> std::borrow::Cow<'_, str> {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    }

    /// Reads one file into an entry.
    pub fn read(path: &Path) -> Result<Entry, String> {
        let loaded = load(path).map_err(|e| reason(&e.to_string(), path))?;
        Ok(Entry::new(path, &loaded))
    }

    /// An entry for a story file already loaded (see [`load`]).
    pub fn new(path: &Path, loaded: &Loaded) -> Entry {
        let modified_ns = std::fs::metadata(path).map_or(0, |m| index::modified_ns(&m));
        let meta = StoryMeta::of(&loaded.story);
        Entry::from_parts(
            path.to_path_buf(),
            meta,
            loaded.hash.clone(),
            loaded.bytes.len() as u64,
            modified_ns,
        )
    }

    /// An entry from what the index knows about a file.
    pub fn from_parts(
        path: PathBuf,
        meta: StoryMeta,
        hash: ContentHash,
        bytes: u64,
        modified_ns: u64,
    ) -> Entry {
        let search = meta.search_text();
        let facet_keys = filter::facets::values_of(&meta)
            .into_iter()
            .map(|(facet, label)| {
                let key = filter::facets::normalise(&label);
                (facet, label, key)
            })
            .collect();
        Entry {
            facet_keys,
            path,
            pairs: Pairs::of(search.as_bytes()),
            search,
            meta,
            hash,
            bytes,
            modified_secs: modified_ns / 1_000_000_000,
        }
    }

    /// Its facet values: `(facet, as shown, normalised)`.
    pub fn facet_keys(&self) -> &[(Facet, String, String)] {
        &self.facet_keys
    }

    /// True when every word of a search appears in the searched fields.
    pub fn matches(&self, query: &Query) -> bool {
        query.matches(&self.search, &self.pairs)
    }
}

/// The error text without the path, which the library shows beside it anyway.
fn reason(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

/// A file in the collection that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
}

/// The stories in a folder.
#[derive(Debug, Clone, Default)]
pub struct Collection {
    /// The folder.
    pub root: PathBuf,
    /// Stories, in the order found.
    pub entries: Vec<Entry>,
    /// Story files that could not be read.
    pub unreadable: Vec<Unreadable>,
    /// Older editions of works found by their text (no address), as the scan confirmed
    /// them: see [`editions::confirm`].
    pub grown: Vec<editions::confirm::Grown>,
    /// The verdicts behind `grown` (and on the pairs that are not editions), so that
    /// judging again after an import reads only the pairs not judged before.
    pub checked: Vec<editions::confirm::Checked>,
}

impl Collection {
    /// Reads every story file under `root` (recursively; other files are ignored).
    pub fn scan(root: &Path) -> Collection {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        index::scan(root, None, threads).collection
    }

    /// Finds the editions by text again after stories were added without a scan (an
    /// import), reading only the pairs of files not judged before.
    pub fn confirm_editions(&mut self) {
        let cards: Vec<&Entry> = self.entries.iter().collect();
        let found =
            editions::confirm::confirm(&cards, &self.checked, editions::confirm::read_document);
        (self.grown, self.checked) = (found.grown, found.checked);
    }

    /// The entry with this content, if the collection has it.
    pub fn find_hash(&self, hash: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.hash == hash)
    }

    /// Moves a story's file to the system Trash (from where the reader can restore it) and
    /// takes it out of the collection. Only files inside the collection folder are moved;
    /// the reading state, kept by content, returns if the story is added again.
    pub fn move_to_trash(&mut self, index: usize) -> Result<Entry, String> {
        let entry = self
            .entries
            .get(index)
            .ok_or("that story is no longer listed")?;
        if !entry.path.starts_with(&self.root) {
            return Err(format!(
                "{} is not in the collection folder, so it is left alone",
                entry.path.display()
            ));
        }
        trash::delete(&entry.path).map_err(|e| {
            format!(
                "{} could not be moved to the Trash ({e}); it is still in the collection",
                entry.path.display()
            )
        })?;
        Ok(self.entries.remove(index))
    }

    /// The entry for this file, if it is in the collection.
    pub fn find_path(&self, path: &Path) -> Option<usize> {
        if let Some(i) = self.entries.iter().position(|e| e.path == path) {
            return Some(i);
        }
        // The same file under another spelling (a relative path, a link): compare
        // canonical forms, which costs a system call per entry, so only as a fallback.
        let canonical = path.canonicalize().ok()?;
        self.entries
            .iter()
            .position(|e| e.path.canonicalize().is_ok_and(|c| c == canonical))
    }
}

/// True for a file name Ficshelf reads as a story.
pub fn is_story_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| STORY_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Finds the story files under `dir` with their sizes and modification times. A sub-folder
/// that can't be read is listed as unreadable; `dir` itself is the error.
fn walk(
    dir: &Path,
    depth: usize,
    files: &mut Vec<Found>,
    unreadable: &mut Vec<Unreadable>,
) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue; // hidden files, and our own temporary files
        }
        // Symbolic links are not followed: they could lead out of the collection or loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < MAX_DEPTH {
            if let Err(e) = walk(&path, depth + 1, files, unreadable) {
                unreadable.push(Unreadable {
                    path,
                    reason: format!("folder could not be read: {e}"),
                });
            }
        } else if kind.is_file() && is_story_file(&path) {
            // DirEntry::metadata does not follow links; for a plain file it is one stat.
            match entry.metadata() {
                Ok(meta) => files.push(Found {
                    size: meta.len(),
                    modified_ns: index::modified_ns(&meta),
                    path,
                }),
                Err(e) => unreadable.push(Unreadable {
                    path,
                    reason: e.to_string(),
                }),
            }
        }
    }
    Ok(())
}

/// How the library is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    /// A to Z by title.
    #[default]
    Title,
    /// A to Z by author, then title.
    Author,
    /// Gentlest first, then title.
    Rating,
    /// Longest first.
    Length,
    /// Most recently opened first.
    RecentlyRead,
    /// Newest file first.
    RecentlyAdded,
    /// By status: reading, unread, on hold, finished, dropped.
    Status,
    /// The works on the reader's lists first, list by list in each list's order.
    Lists,
}

impl SortKey {
    /// Every key, in menu order.
    pub const ALL: [SortKey; 8] = [
        SortKey::Title,
        SortKey::Author,
        SortKey::Rating,
        SortKey::Length,
        SortKey::RecentlyRead,
        SortKey::RecentlyAdded,
        SortKey::Status,
        SortKey::Lists,
    ];

    /// The name in the sort menu.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Title => "Title",
            SortKey::Author => "Author",
            SortKey::Rating => "Rating",
            SortKey::Length => "Length",
            SortKey::RecentlyRead => "Recently read",
            SortKey::RecentlyAdded => "Recently added",
            SortKey::Status => "Status",
            SortKey::Lists => "Lists",
        }
    }

    /// True for an order that follows the reading state (statuses, lists), which must be
    /// sorted again when that changes.
    pub fn follows_marks(self) -> bool {
        matches!(self, SortKey::Status | SortKey::Lists)
    }
}

/// What sorting knows about a work besides its card: the reader's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortFacts {
    /// When it was last opened (0 for never).
    pub last_read_secs: u64,
    /// Where the reader stands with it.
    pub status: reading::Status,
    /// Its first list (in the lists' order) and its place there, if it is on any.
    pub list_place: Option<(usize, usize)>,
}

impl Default for SortFacts {
    fn default() -> Self {
        SortFacts {
            last_read_secs: 0,
            status: reading::Status::Unread,
            list_place: None,
        }
    }
}

/// The order statuses sort in: what is being read first, then what is still to read.
fn status_rank(status: reading::Status) -> u8 {
    use reading::Status::*;
    match status {
        Reading => 0,
        Unread => 1,
        OnHold => 2,
        Finished => 3,
        Dropped => 4,
    }
}

/// The indices of `entries` that match `query`, ordered by `key`. `facts` gives what the
/// reading state knows of each entry (when it was last opened, its status, its lists).
pub fn filter_and_sort(
    entries: &[Entry],
    query: &str,
    key: SortKey,
    facts: impl Fn(&Entry) -> SortFacts,
) -> Vec<usize> {
    // Lower-cased once, not once per story: this runs on every keystroke.
    let query = Query::new(query);
    let mut shown: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].matches(&query))
        .collect();
    let title = |i: usize| sort_title(&entries[i].meta.title);
    match key {
        SortKey::Title => shown.sort_by_cached_key(|&i| title(i)),
        SortKey::Author => shown.sort_by_cached_key(|&i| {
            (
                entries[i]
                    .meta
                    .author
                    .as_deref()
                    .map(str::to_lowercase)
                    .unwrap_or_else(|| "\u{10FFFF}".into()),
                title(i),
            )
        }),
        SortKey::Rating => shown.sort_by_cached_key(|&i| (entries[i].meta.rating, title(i))),
        SortKey::Length => {
            shown.sort_by_cached_key(|&i| (std::cmp::Reverse(entries[i].meta.words), title(i)))
        }
        SortKey::RecentlyRead => shown.sort_by_cached_key(|&i| {
            let read = facts(&entries[i]).last_read_secs;
            (std::cmp::Reverse(read), title(i))
        }),
        SortKey::Status => {
            shown.sort_by_cached_key(|&i| (status_rank(facts(&entries[i]).status), title(i)))
        }
        SortKey::Lists => shown.sort_by_cached_key(|&i| {
            let place = facts(&entries[i]).list_place.unwrap_or((usize::MAX, 0));
            (place, title(i))
        }),
        SortKey::RecentlyAdded => {
            shown.sort_by_cached_key(|&i| (std::cmp::Reverse(entries[i].modified_secs), title(i)))
        }
    }
    shown
}

/// Titles sort without case and without a leading article ("The", "A", "An").
fn sort_title(title: &str) -> String {
    let lower = title.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = lower.strip_prefix(article) {
            return rest.to_string();
        }
    }
    lower.to_string()
}

#[cfg(test)]
mod tests;
