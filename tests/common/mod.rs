//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

pub mod formats;
#[cfg(feature = "gui")]
pub mod window;

use std::path::{Path, PathBuf};

use ficshelf::engine::RatingLevel;

/// A folder of one test's own, removed (with everything in it) when dropped.
pub struct TestDir(tempfile::TempDir);

impl TestDir {
    /// A new, empty folder in the system's temporary folder, its name starting with
    /// `ficshelf-NAME-` (which says what left it there, should a crash keep it).
    pub fn named(name: &str) -> TestDir {
        TestDir(
            tempfile::Builder::new()
                .prefix(&format!("ficshelf-{name}-"))
                .tempdir()
                .expect("a test folder"),
        )
    }
}

impl std::ops::Deref for TestDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

/// A file in a folder of its own, both removed when dropped.
pub struct TestFile {
    path: PathBuf,
    _dir: TestDir,
}

impl std::ops::Deref for TestFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

/// Writes `bytes` to a file called `name` in a temporary folder of its own.
pub fn temp_file(name: &str, bytes: &[u8]) -> TestFile {
    let dir = TestDir::named("file");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    TestFile { path, _dir: dir }
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
