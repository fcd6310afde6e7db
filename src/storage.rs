//! Saving files safely: every file Ficshelf writes goes to a temporary file beside its
//! destination, is flushed to disk, and is renamed over the old one, so a crash or a full
//! disk leaves either the old content or the new, never half of either.

mod lenient;
mod merge;

pub use lenient::from_ron;
pub use merge::merge_changes;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a file could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {source}", path.display())]
pub struct SaveError {
    /// The file that was being written.
    pub path: PathBuf,
    /// What the system said.
    pub source: std::io::Error,
}

impl SaveError {
    fn at(path: &Path, source: std::io::Error) -> SaveError {
        SaveError {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Loads a RON state file. A missing file gives the default quietly. A file that can't be
/// read, or can't be understood, gives the default plus a message for the user; a damaged
/// file is first moved aside to `NAME.bad` so that nothing already saved is lost.
pub fn load_ron<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    what: &str,
) -> (T, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (T::default(), None),
        Err(e) => {
            return (
                T::default(),
                Some(format!(
                    "{what} could not be read ({}): {e}.",
                    path.display()
                )),
            );
        }
    };
    let aside = |suffix: &str| with_suffix(path, suffix);
    match from_ron(&text) {
        Ok((value, dropped)) if dropped.is_empty() => (value, None),
        Ok((value, dropped)) => {
            // Another version's values: keep its file, since the next save drops them.
            let kept = aside(".other-version");
            let kept = match write_atomic(&kept, text.as_bytes()) {
                Ok(()) => format!(" The file as it was is kept as {}.", kept.display()),
                Err(_) => String::new(),
            };
            (
                value,
                Some(format!(
                    "{what} in {} has values this version of Ficshelf doesn't know ({}), so \
                     those are back to their defaults.{kept}",
                    path.display(),
                    dropped.join("; ")
                )),
            )
        }
        Err(e) => {
            let bad = aside(".bad");
            let kept = match std::fs::rename(path, &bad) {
                Ok(()) => format!(" The damaged file is kept as {}.", bad.display()),
                Err(_) => String::new(),
            };
            (
                T::default(),
                Some(format!(
                    "{what} in {} could not be understood ({e}), so the defaults are in use.{kept}",
                    path.display()
                )),
            )
        }
    }
}

/// Deserializes a set or list keeping the items this version knows (a warning category
/// added by a newer version is skipped, the rest of the reader's choices kept).
pub fn known_items<'de, D, T, C>(deserializer: D) -> Result<C, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
    C: FromIterator<T>,
{
    let raw: Vec<Box<ron::value::RawValue>> = serde::Deserialize::deserialize(deserializer)?;
    Ok(raw
        .iter()
        .filter_map(|item| item.into_rust().ok())
        .collect())
}

/// `path` with `suffix` added to its name (`state.sqlite` → `state.sqlite.bad`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `bytes` to `path` atomically, creating the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError::at(path, source);
    let (dir, temp) = write_temp(path, bytes).map_err(fail)?;
    let placed = std::fs::rename(&temp, path);
    finish(&dir, &temp, placed).map_err(fail)?;
    sweep(&dir, path);
    Ok(())
}

/// Temporary files older than this are left from a save that was killed half-way.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temporary files of `path` left by saves that were killed (a crash, a power
/// cut); one of a running process may be its save in progress, so it stays.
fn sweep(dir: &Path, path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) && is_leftover(&entry) {
            let _ = std::fs::remove_file(entry.path()); // best effort: only litter
        }
    }
}

/// Removes the temporary files that killed writes (an import cut short, most often) left
/// in `dir`: only names Ficshelf gives them (`.NAME.PID-N.tmp`), and only those of a
/// process that is no longer running (or, where that can't be known, over an hour old).
/// Returns how many went.
pub fn sweep_leftovers(dir: &Path) -> usize {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if is_leftover(&entry) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// A temporary file of [`write_temp`]'s making whose writer is gone.
fn is_leftover(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let Some(pid) = temp_owner(&name.to_string_lossy()) else {
        return false;
    };
    let is_file = entry.file_type().is_ok_and(|t| t.is_file());
    let old = entry
        .metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
    is_file && pid != std::process::id() && (old || !is_running(pid))
}

/// The process id in a temporary name `.NAME.PID-N.tmp`.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once('.')?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether process `pid` runs now; where that can't be told, it is taken to run.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Writes a new file at `path` atomically, never replacing one that exists: if the name
/// is taken (even at the last moment, by another program), the error's kind is
/// [`std::io::ErrorKind::AlreadyExists`] and nothing is changed.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError::at(path, source);
    let (dir, temp) = write_temp(path, bytes).map_err(fail)?;
    // A hard link fails when the name exists, where a rename would replace the file.
    let placed = match std::fs::hard_link(&temp, path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            // Some file systems (FAT on a memory stick) have no hard links.
            if path.symlink_metadata().is_ok() {
                Err(std::io::ErrorKind::AlreadyExists.into())
            } else {
                std::fs::rename(&temp, path)
            }
        }
        linked => linked,
    };
    finish(&dir, &temp, placed).map_err(fail)
}

/// Writes `bytes` to a new temporary file beside `path`, flushed to disk, and returns the
/// folder and the temporary file.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<(PathBuf, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{unique}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok((dir.to_path_buf(), temp)),
        Err(e) => {
            let _ = std::fs::remove_file(&temp); // best effort: the error is what matters
            Err(e)
        }
    }
}

/// Removes the temporary file if it is still there, and flushes the folder so the new
/// name survives a power cut.
fn finish(dir: &Path, temp: &Path, placed: std::io::Result<()>) -> std::io::Result<()> {
    let _ = std::fs::remove_file(temp); // gone after a rename; a hard link leaves it
    placed?;
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn writes_creates_folders_and_replaces() {
        let temp = temp_dir();
        let dir = temp.path();
        let path = dir.join("deep/state.ron");
        write_atomic(&path, b"one").unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&path, b"two").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"two"[..]));
        let leftovers = std::fs::read_dir(dir.join("deep"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_save_names_the_file_and_keeps_the_old_content() {
        let temp = temp_dir();
        let dir = temp.path();
        let path = dir.join("state.ron");
        write_atomic(&path, b"old").unwrap_or_else(|e| panic!("{e}"));
        // A folder in the way of the new name makes the rename fail.
        let blocked = dir.join("blocked.ron");
        std::fs::create_dir_all(blocked.join("x")).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&blocked, b"new").err();
        assert!(err.is_some_and(|e| e.to_string().contains("blocked.ron")));
        assert!(
            blocked.join("x").is_dir(),
            "the folder in the way is untouched"
        );
        // A parent that is a file makes the write fail before anything is written.
        let err = write_atomic(&path.join("inside"), b"new").err();
        assert!(err.is_some_and(|e| e.to_string().contains("inside")));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"old"[..]));
        let names: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(
            names.len(),
            2,
            "no temporary file is left behind: {names:?}"
        );
    }

    #[test]
    fn temporary_files_left_by_killed_saves_are_swept() {
        let temp = temp_dir();
        let dir = temp.path();
        let path = dir.join("reading.ron");
        write_atomic(&path, b"one").unwrap_or_else(|e| panic!("{e}"));
        // Process 1 always runs; 4000000000 never can (ids stop at 2^22).
        let old = dir.join(".reading.ron.1-0.tmp");
        let fresh = dir.join(".reading.ron.1-1.tmp");
        let dead = dir.join(".reading.ron.4000000000-1.tmp");
        let other = dir.join(".settings.ron.1-0.tmp");
        for litter in [&old, &fresh, &dead, &other] {
            std::fs::write(litter, b"half").unwrap_or_else(|e| panic!("{e}"));
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for aged in [&old, &other] {
            let file = std::fs::File::options().write(true).open(aged);
            file.and_then(|f| f.set_modified(two_hours_ago))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        write_atomic(&path, b"two").unwrap_or_else(|e| panic!("{e}"));
        assert!(!old.exists(), "an hour-old leftover of this file is swept");
        assert!(
            fresh.exists(),
            "a fresh one of a running process may be its save in progress"
        );
        assert!(!dead.exists(), "one whose writer is gone is swept");
        assert!(
            other.exists(),
            "another file's leftovers wait for its own save"
        );
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let temp = temp_dir();
        let dir = temp.path();
        let path = dir.join("story.txt");
        write_new(&path, b"first").unwrap_or_else(|e| panic!("{e}"));
        let err = write_new(&path, b"second").err();
        assert!(err.is_some_and(|e| e.source.kind() == std::io::ErrorKind::AlreadyExists));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        let count = std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(count, 1, "no temporary file is left behind");
    }

    #[test]
    fn leftovers_of_killed_imports_go_and_nothing_else() {
        let temp = temp_dir();
        let dir = temp.path();
        let gone = dir.join(".story.txt.4000000000-3.tmp"); // its writer is gone
        let running = dir.join(".story.txt.1-0.tmp"); // process 1 runs
        let users = [
            ".notes.tmp",
            "story.tmp",
            ".a.b.c-d.tmp",
            "x.4000000000-1.tmp",
        ];
        for name in [&gone, &running] {
            std::fs::write(name, b"half").unwrap_or_else(|e| panic!("{e}"));
        }
        for name in users {
            std::fs::write(dir.join(name), b"mine").unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(sweep_leftovers(dir), 1);
        assert!(!gone.exists() && running.exists());
        for name in users {
            assert!(dir.join(name).exists(), "{name} is not Ficshelf's");
        }
    }
}
