//! Importing: copying story files into the collection. The originals are only ever read.
//! A story already in the collection (same content) is reported, not copied twice; a name
//! already taken gets a new one; a file that can't be read is reported with its reason.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Collection, Entry, load};
use crate::engine::ReadError;
use crate::storage::write_new;

/// What became of each file offered for import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// New entries, copied into the collection.
    pub added: Vec<Entry>,
    /// Files whose content the collection already had: (file, title of the story there).
    pub duplicates: Vec<(PathBuf, String)>,
    /// Files that could not be imported: (file, reason).
    pub failed: Vec<(PathBuf, String)>,
}

impl ImportReport {
    /// One sentence for the status line.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let n = self.added.len();
        parts.push(match n {
            1 => format!("Imported “{}”.", self.added[0].meta.title),
            n => format!("Imported {n} stories."),
        });
        match self.duplicates.as_slice() {
            [] => {}
            [(_, title)] => parts.push(format!("“{title}” is already in your collection.")),
            d => parts.push(format!("{} were already in your collection.", d.len())),
        }
        match self.failed.as_slice() {
            [] => {}
            [(path, why)] => parts.push(format!(
                "{} could not be imported: {why}",
                display_name(path)
            )),
            f => parts.push(format!("{} files could not be imported.", f.len())),
        }
        parts.join(" ")
    }
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Copies `paths` into `collection.root`. Never modifies, moves or deletes the sources.
/// `progress` is told how many files are done after each one.
pub fn import(
    paths: &[PathBuf],
    collection: &Collection,
    mut progress: impl FnMut(usize),
) -> ImportReport {
    let mut report = ImportReport::default();
    let mut known: HashSet<String> = collection.entries.iter().map(|e| e.hash.clone()).collect();
    for (done, path) in paths.iter().enumerate() {
        progress(done);
        match import_one(path, collection, &known) {
            Ok(Outcome::Added(entry)) => {
                known.insert(entry.hash.clone());
                report.added.push(*entry);
            }
            Ok(Outcome::Duplicate(title)) => report.duplicates.push((path.clone(), title)),
            Err(reason) => report.failed.push((path.clone(), reason)),
        }
    }
    progress(paths.len());
    report
}

enum Outcome {
    Added(Box<Entry>),
    Duplicate(String),
}

fn import_one(
    path: &Path,
    collection: &Collection,
    known: &HashSet<String>,
) -> Result<Outcome, String> {
    let loaded = load(path).map_err(|e: ReadError| super::reason(&e.to_string(), path))?;
    if known.contains(&loaded.hash) {
        let title = collection
            .find_hash(&loaded.hash)
            .map_or_else(|| loaded.story.title.clone(), |e| e.meta.title.clone());
        return Ok(Outcome::Duplicate(title));
    }
    // Each free name is tried with a write that fails rather than replace a file that
    // appeared since (another program saving into the folder).
    for dest in free_names(&collection.root, &safe_file_name(path)) {
        match write_new(&dest, &loaded.bytes) {
            Ok(()) => return Ok(Outcome::Added(Box::new(Entry::new(&dest, &loaded)))),
            Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.source.to_string()),
        }
    }
    Err("no free file name left in the collection folder".into())
}

/// A file name safe to create in the collection: no folders, no control characters, no
/// leading dots, a story extension.
pub fn safe_file_name(source: &Path) -> String {
    let raw = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    name = name.trim_start_matches(['.', ' ']).trim_end().to_string();
    if name.is_empty() {
        name = "story.txt".into();
    }
    if !super::is_story_file(Path::new(&name)) {
        name.push_str(".txt");
    }
    // Most file systems allow 255 bytes; leave room for " (2)" and the like.
    if name.len() > MAX_NAME_BYTES {
        let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext).to_string();
        let mut cut = MAX_NAME_BYTES - ext.len() - 1;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}.{ext}", name[..cut].trim_end());
    }
    name
}

/// The longest imported file name, in bytes.
const MAX_NAME_BYTES: usize = 200;

/// `name` in `dir`, then `name (2)`, `name (3)` ... for when it is taken. Names already
/// taken are skipped here; the write itself refuses one taken since.
fn free_names(dir: &Path, name: &str) -> impl Iterator<Item = PathBuf> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_string(), format!(".{ext}")),
        None => (name.to_string(), String::new()),
    };
    let first = std::iter::once(dir.join(name));
    let numbered = (2..10_000).map(move |n| dir.join(format!("{stem} ({n}){ext}")));
    first
        .chain(numbered)
        .filter(|p| p.symlink_metadata().is_err())
}
