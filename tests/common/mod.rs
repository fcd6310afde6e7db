//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

#[cfg(feature = "gui")]
pub mod window;

use std::path::PathBuf;

use ficshelf::engine::RatingLevel;

/// Writes `bytes` to a file called `name` in this test run's own temporary folder.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ficshelf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

/// Writes `bytes` at `path`, creating its folder.
pub fn write_at(path: &std::path::Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, bytes).expect("write file");
}

/// The level a one-letter code of `expected.json` or a generator manifest stands for.
pub fn rating_from_code(code: &str) -> RatingLevel {
    match code {
        "G" => RatingLevel::General,
        "T" => RatingLevel::Teen,
        "M" => RatingLevel::Mature,
        "E" => RatingLevel::Explicit,
        _ => RatingLevel::NotRated,
    }
}

/// Collects field mismatches over many files so one run reports all of them.
#[derive(Default)]
pub struct Mismatches(Vec<String>);

impl Mismatches {
    /// Records `what` for `file` unless `ok`.
    pub fn check(
        &mut self,
        file: &str,
        what: &str,
        ok: bool,
        got: impl std::fmt::Debug,
        want: impl std::fmt::Display,
    ) {
        if !ok {
            self.0
                .push(format!("{file}: {what}: got {got:?}, want {want}"));
        }
    }

    /// Fails the test with every mismatch listed.
    pub fn assert_none(&self) {
        assert!(
            self.0.is_empty(),
            "{} mismatches:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}
