//! Test folders for the unit tests: each test gets a folder of its own in the system's
//! temporary folder, removed with everything in it when the test ends (even when it fails).

use std::path::Path;

/// A temporary folder that reads as a `Path` and is removed when dropped.
pub struct TestDir(tempfile::TempDir);

impl TestDir {
    /// A new, empty folder named `ficshelf-NAME-…` (so a crash that keeps it says whose).
    pub fn named(name: &str) -> TestDir {
        match tempfile::Builder::new()
            .prefix(&format!("ficshelf-{name}-"))
            .tempdir()
        {
            Ok(dir) => TestDir(dir),
            Err(e) => panic!("no test folder: {e}"),
        }
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
