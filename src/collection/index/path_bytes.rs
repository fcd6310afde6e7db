//! Paths in the index cache as the bytes the system gave, not as text: a file name that
//! is not UTF-8 (an old archive's Latin-1 names) is a path like any other, and serde's own
//! `Path` encoding refuses it. On Unix the bytes are the name exactly; elsewhere (Windows
//! names are UTF-16) the name is stored as text, lossily, so a name that is not valid
//! Unicode there only misses the cache and is read again.
//!
//! postcard writes bytes and strings alike (a length, then the bytes), so caches written
//! when paths were strings still read.

use std::path::{Path, PathBuf};

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// Writes a path as its bytes.
pub fn serialize<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        serializer.serialize_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        serializer.serialize_str(&path.to_string_lossy())
    }
}

/// Reads a path written by [`serialize`] (or, from an older cache, as a string).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
    deserializer.deserialize_bytes(PathVisitor)
}

struct PathVisitor;

impl Visitor<'_> for PathVisitor {
    type Value = PathBuf;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a path as bytes")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<PathBuf, E> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
        }
        #[cfg(not(unix))]
        {
            Ok(PathBuf::from(String::from_utf8_lossy(bytes).into_owned()))
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PathBuf, E> {
        Ok(PathBuf::from(text))
    }
}
