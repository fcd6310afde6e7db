//! The bundled sample stories (`library/` in the repository), built into the binary and
//! copied into the user's collection on first run, once: deleting them later is respected.

use std::path::Path;

use crate::storage::{SaveError, write_atomic};

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The marker, in the data folder, that says the samples were offered already.
const MARKER: &str = "samples-installed";

/// Copies the samples into `collection` unless they were installed before (as recorded in
/// `data`). Existing files are never overwritten. Returns how many were copied.
pub fn install_once(collection: &Path, data: &Path) -> Result<usize, SaveError> {
    let marker = data.join(MARKER);
    if marker.exists() {
        return Ok(0);
    }
    let mut copied = 0;
    for (name, bytes) in SAMPLES {
        let dest = collection.join(name);
        if !dest.exists() {
            write_atomic(&dest, bytes)?;
            copied += 1;
        }
    }
    write_atomic(&marker, b"The sample stories were copied into the collection once; delete this file to get them again.\n")?;
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_bundled_and_installed_once() {
        assert!(
            SAMPLES.len() >= 6,
            "the repository's library/ folder is built in"
        );
        let root = crate::testing::TestDir::named("samples");
        let (collection, data) = (root.join("Stories"), root.join("data"));
        assert_eq!(install_once(&collection, &data).ok(), Some(SAMPLES.len()));
        let first = collection.join(SAMPLES[0].0);
        std::fs::remove_file(&first).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            install_once(&collection, &data).ok(),
            Some(0),
            "deleting a sample is respected"
        );
        assert!(!first.exists());
    }
}
