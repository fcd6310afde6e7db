//! Hostile files: through the engine, the import and the scan, each gives a story or a
//! clear error of its own, and none panics or hangs.
//!
//! The files are made at test time in a temporary folder: empty, binary, broken or odd
//! encodings, absurd lines, a folder named like a story, a symbolic link loop, a file
//! that can't be read, names with a newline or bytes that are not UTF-8, and a 200 MB file.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ficshelf::collection::import::import;
use ficshelf::collection::{Collection, index};
use ficshelf::engine::{MAX_STORY_BYTES, Story};

#[path = "hostile/cases.rs"]
mod cases;
use cases::{Case, Expect, matrix};

/// How long one file may take through one path. Debug builds of the engine are about ten
/// times slower than release ones, and the tests share two cores.
const LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 5 });
/// The same for the 200 MB file. Measured with the three paths at once on two busy cores:
/// 70-80 s each in a debug build, 5-7 s in a release build.
const HUGE_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 30 });

/// A fresh, empty folder for one test, removed when the test ends, even when it fails.
struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Give back read permission first, so a non-root run can clean up too.
        for entry in walk(self.0.path()) {
            let _ = std::fs::set_permissions(entry, std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// Every path under `dir` (links not followed).
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

fn fresh_dir(name: &str) -> Scratch {
    let dir = tempfile::Builder::new()
        .prefix(&format!("ficshelf-hostile-{name}-"))
        .tempdir()
        .expect("create the test folder");
    Scratch(dir)
}

/// Runs `f` on its own thread and returns its result, failing the test if it panics or
/// takes longer than `limit`.
fn finishes<T: Send + 'static>(
    what: String,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{what}: still running after {limit:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// Checks an error message against what the case expects.
fn check_error(case: &Case, message: &str) {
    assert!(
        !message.trim().is_empty(),
        "{}: an empty message",
        case.label
    );
    match case.expect {
        Expect::Story => panic!("{}: expected a story, got {message:?}", case.label),
        Expect::Error(words) => assert!(
            message.to_lowercase().contains(words),
            "{}: the message {message:?} doesn't say {words:?}",
            case.label
        ),
        Expect::Either => {}
    }
}

/// The engine: each file reads as a story or gives an error naming the file and the problem.
fn engine_reads(cases: &[Case], limit: Duration) {
    for case in cases {
        let path = case.path.clone();
        let what = format!("reading {}", case.label);
        let result = finishes(what, limit, move || {
            Story::read(&path)
                .map(|s| s.title)
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(title) => {
                assert!(
                    !matches!(case.expect, Expect::Error(_)),
                    "{}: read",
                    case.label
                );
                assert!(!title.is_empty(), "{}: a story without a title", case.label);
            }
            Err(message) => {
                check_error(case, &message);
                let name = case.path.file_name().map(|n| n.to_string_lossy());
                assert!(
                    name.is_some_and(|n| message.contains(n.as_ref())),
                    "{}: the message {message:?} doesn't name the file",
                    case.label
                );
            }
        }
    }
}

#[test]
fn the_engine_reads_each_hostile_file_or_says_why_not() {
    let dir = fresh_dir("engine");
    engine_reads(&matrix(&dir), LIMIT);
}

/// What a source looks like, to tell that an import left it alone: the content hash of a
/// file, the target of a link, or the metadata of what can't be read.
fn fingerprint(path: &Path) -> String {
    let Ok(meta) = path.symlink_metadata() else {
        return "missing".into();
    };
    if meta.file_type().is_symlink() {
        return format!("link to {:?}", std::fs::read_link(path).ok());
    }
    if meta.is_dir() {
        return "folder".into();
    }
    let mode = meta.permissions().mode();
    let modified = meta.modified().ok();
    match hash_file(path) {
        Ok(hash) => format!("{hash:016x} {} {mode:o} {modified:?}", meta.len()),
        Err(_) => format!("unreadable {} {mode:o} {modified:?}", meta.len()),
    }
}

/// A hash of a file's bytes, read a piece at a time (one case is over 512 MB).
fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::hash::Hasher as _;
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = std::hash::DefaultHasher::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.finish());
        }
        hasher.write(&buf[..n]);
    }
}

/// Imports each case on its own; checks the outcome, that the source is untouched, and
/// that the copy is in the collection folder under a clean name with the same bytes.
fn import_each(cases: &[Case], sources: &Path, root: &Path, limit: Duration) {
    let listing = |dir: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        names.sort();
        names
    };
    let before: Vec<String> = cases.iter().map(|c| fingerprint(&c.path)).collect();
    let sources_before = listing(sources);
    let mut copies = 0;
    for case in cases {
        let collection = Collection {
            root: root.to_path_buf(),
            ..Collection::default()
        };
        let path = case.path.clone();
        let what = format!("importing {}", case.label);
        let report = finishes(what, limit, move || {
            import(std::slice::from_ref(&path), &collection, |_| {})
        });
        let outcomes = report.added.len() + report.duplicates.len() + report.failed.len();
        assert_eq!(outcomes, 1, "{}: {report:?}", case.label);
        if let Some((_, reason)) = report.failed.first() {
            check_error(case, reason);
        }
        if let Some(entry) = report.added.first() {
            assert!(
                !matches!(case.expect, Expect::Error(_)),
                "{}: imported",
                case.label
            );
            copies += 1;
            let name = entry.path.file_name().map(|n| n.to_string_lossy());
            assert!(
                name.is_some_and(|n| !n.starts_with('.') && !n.contains(char::is_control)),
                "{}: copied as {:?}",
                case.label,
                entry.path
            );
            let parent = entry.path.parent().and_then(|p| p.canonicalize().ok());
            assert_eq!(
                parent,
                root.canonicalize().ok(),
                "{}: copied outside the collection: {:?}",
                case.label,
                entry.path
            );
            assert_eq!(
                hash_file(&entry.path).ok(),
                hash_file(&case.path).ok(),
                "{}: the copy differs from the source",
                case.label
            );
        }
    }
    let after: Vec<String> = cases.iter().map(|c| fingerprint(&c.path)).collect();
    for ((case, b), a) in cases.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "{}: the import changed the source", case.label);
    }
    assert_eq!(
        listing(sources),
        sources_before,
        "the import changed the source folder"
    );
    let landed = listing(root);
    assert_eq!(
        landed.len(),
        copies,
        "the collection holds only the copies: {landed:?}"
    );
}

#[test]
fn importing_each_hostile_file_copies_it_or_says_why_not_and_leaves_it_alone() {
    let dir = fresh_dir("import");
    let (sources, root) = (dir.join("sources"), dir.join("Stories"));
    std::fs::create_dir_all(&sources).expect("mkdir");
    std::fs::create_dir_all(&root).expect("mkdir");
    import_each(&matrix(&sources), &sources, &root, LIMIT);
}

/// Scans a folder of hostile files: every story file is listed as a story or as
/// unreadable with its reason, and links are not followed.
fn scan_lists(cases: &[Case], dir: &Path, limit: Duration) {
    let root = dir.to_path_buf();
    let scan = finishes("scanning the folder".into(), limit, move || {
        index::scan(&root, None, 2)
    });
    let collection = scan.collection;
    for case in cases {
        let is_file = case.path.symlink_metadata().is_ok_and(|m| m.is_file());
        let entries = collection
            .entries
            .iter()
            .filter(|e| e.path == case.path)
            .count();
        let bad: Vec<&str> = collection
            .unreadable
            .iter()
            .filter(|u| u.path == case.path)
            .map(|u| u.reason.as_str())
            .collect();
        if !is_file {
            // Folders are walked into and links are skipped: neither is a story.
            assert_eq!((entries, bad.len()), (0, 0), "{}: listed", case.label);
            continue;
        }
        assert_eq!(entries + bad.len(), 1, "{}: listed once", case.label);
        if let Some(reason) = bad.first() {
            check_error(case, reason);
        } else {
            assert!(
                !matches!(case.expect, Expect::Error(_)),
                "{}: listed as a story",
                case.label
            );
        }
    }
    let outside = collection
        .entries
        .iter()
        .filter(|e| !e.path.starts_with(dir))
        .count();
    assert_eq!(outside, 0, "the scan listed files outside its folder");
}

#[test]
fn scanning_a_folder_of_hostile_files_lists_each_once() {
    let dir = fresh_dir("scan");
    scan_lists(&matrix(&dir), &dir, LIMIT * 4);
}

/// A 200 MB file, well under [`MAX_STORY_BYTES`]: read, imported and scanned, each within
/// the limit. Written as repeated text, so it is a real, absurdly long story.
#[test]
fn a_200_mb_file_is_read_imported_and_scanned() {
    const SIZE: usize = 200 * 1024 * 1024;
    assert!(
        SIZE as u64 <= MAX_STORY_BYTES,
        "the case is meant to be readable"
    );
    let dir = fresh_dir("huge");
    let (sources, root) = (dir.join("sources"), dir.join("Stories"));
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::create_dir_all(&sources).expect("mkdir");
    let paragraph = "The tide came in over the stones, and nobody counted the waves. ".repeat(16);
    let block = format!("{paragraph}\n\n").repeat(1024);
    let mut text = String::with_capacity(SIZE);
    text.push_str("Title: Too Long\nAuthor: Nobody\n\n");
    while text.len() + block.len() <= SIZE {
        text.push_str(&block);
    }
    let path = sources.join("huge.txt");
    std::fs::write(&path, text).expect("write 200 MB");
    drop(block);
    let cases = [Case {
        label: "a 200 MB file",
        path,
        expect: Expect::Story,
    }];
    // The three paths at once: each reads the whole file, and debug builds are slow.
    let timed = |what: &str, f: &dyn Fn()| {
        let start = Instant::now();
        f();
        println!("200 MB: {what} in {:.1} s", start.elapsed().as_secs_f64());
    };
    std::thread::scope(|s| {
        s.spawn(|| timed("read", &|| engine_reads(&cases, HUGE_LIMIT)));
        s.spawn(|| {
            timed("imported", &|| {
                import_each(&cases, &sources, &root, HUGE_LIMIT)
            })
        });
        s.spawn(|| timed("scanned", &|| scan_lists(&cases, &sources, HUGE_LIMIT)));
    });
}
