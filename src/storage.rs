//! Saving files safely: every file Ficshelf writes goes to a temporary file beside its
//! destination, is flushed to disk, and is renamed over the old one, so a crash or a full
//! disk leaves either the old content or the new, never half of either.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {source}", path.display())]
pub struct SaveError {
    /// The file that was being written.
    pub path: PathBuf,
    /// What the system said.
    pub source: std::io::Error,
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
    match ron::from_str(&text) {
        Ok(value) => (value, None),
        Err(e) => {
            let mut aside = path.as_os_str().to_owned();
            aside.push(".bad");
            let aside = PathBuf::from(aside);
            let kept = match std::fs::rename(path, &aside) {
                Ok(()) => format!(" The damaged file is kept as {}.", aside.display()),
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

/// Writes `bytes` to `path` atomically, creating the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp); // best effort: the error below is what matters
    }
    written.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ficshelf-storage-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_creates_folders_and_replaces() {
        let dir = temp_dir("replace");
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
        let dir = temp_dir("fail");
        let path = dir.join("state.ron");
        write_atomic(&path, b"old").unwrap_or_else(|e| panic!("{e}"));
        // A folder where the temporary file should go makes the write fail.
        let blocker = dir.join(format!(".state.ron.{}.tmp", std::process::id()));
        std::fs::create_dir_all(blocker.join("x")).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&path, b"new").err();
        assert!(err.is_some_and(|e| e.to_string().contains("state.ron")));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"old"[..]));
    }
}
