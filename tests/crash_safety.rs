//! Kills a process in the middle of saving, hundreds of times: after every kill, each file
//! it was writing (settings, reading state, index, imported stories) loads whole.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ficshelf::collection::import::import;
use ficshelf::collection::index::scan;
use ficshelf::collection::reading::{Place, ReadingLog};
use ficshelf::settings::Settings;

/// Tells the child (this same test binary) where to write.
const CHILD_DIR: &str = "FICSHELF_CRASH_TEST_DIR";
/// How many times the writer is killed.
const KILLS: usize = 300;
/// Stories kept in the collection: the writer removes the oldest beyond this.
const KEPT: usize = 12;
/// Records in the reading log, so that it is big enough to be caught half written.
const RECORDS: usize = 4000;

struct Files {
    settings: PathBuf,
    reading: PathBuf,
    index: PathBuf,
    sources: PathBuf,
    collection: PathBuf,
}

impl Files {
    fn in_dir(dir: &Path) -> Files {
        Files {
            settings: dir.join("settings.ron"),
            reading: dir.join("reading.ron"),
            index: dir.join("index.bin"),
            sources: dir.join("sources"),
            collection: dir.join("Stories"),
        }
    }
}

/// Story number `n` (its file name is `story-n.txt`): big, so writes take a while.
fn story(n: u64) -> Vec<u8> {
    let line = format!("Story {n} goes on, and on, and on, as stories do.\n");
    let mut text = format!("Title: Story {n}\nAuthor: Crash Test\n\n");
    while text.len() < 300_000 {
        text.push_str(&line);
    }
    text.into_bytes()
}

/// A reading log in which every record says generation `n`.
fn log(n: u64) -> ReadingLog {
    let mut log = ReadingLog::default();
    for i in 0..RECORDS {
        let place = Place {
            block: n as usize,
            within: 0.5,
            progress: 0.25,
        };
        log.set_place(&format!("{i:032x}"), place, false);
    }
    log
}

/// The child: saves everything over and over until it is killed. It is a test only so that
/// it lives in this binary; run alone it does nothing.
#[test]
#[ignore = "the writer that `kills_mid_save_leave_every_file_whole` starts and kills"]
fn writer() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let files = Files::in_dir(Path::new(&dir));
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    for n in start.. {
        let settings = Settings {
            words_per_minute: 100 + (n % 400) as u32,
            ..Settings::default()
        };
        settings.save(&files.settings).expect("settings saved");
        log(n).save(&files.reading).expect("reading log saved");
        // Import one more story, dropping the oldest beyond KEPT.
        let mut stories = story_files(&files.collection);
        stories.sort();
        while stories.len() >= KEPT {
            std::fs::remove_file(stories.remove(0)).expect("old story removed");
        }
        let source = files.sources.join(format!("story-{n}.txt"));
        std::fs::write(&source, story(n)).expect("source written");
        let collection = scan(&files.collection, Some(&files.index), 1).collection;
        let report = import(std::slice::from_ref(&source), &collection, |_| {});
        assert_eq!(report.added.len(), 1, "{}", report.summary());
        std::fs::remove_file(&source).expect("source removed");
        scan(&files.collection, Some(&files.index), 1);
    }
}

fn story_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default()
}

/// Every file the writer was saving loads, whole.
fn check(files: &Files, kill: usize) {
    let (settings, problem) = Settings::load(&files.settings);
    assert!(problem.is_none(), "kill {kill}: settings: {problem:?}");
    assert!(
        (100..500).contains(&settings.words_per_minute),
        "kill {kill}: settings hold what was written"
    );

    let (log, problem) = ReadingLog::load(&files.reading);
    assert!(problem.is_none(), "kill {kill}: reading log: {problem:?}");
    if !log.stories.is_empty() {
        assert_eq!(log.stories.len(), RECORDS, "kill {kill}: the whole log");
        let first = log.stories.values().next().map(|r| r.place);
        assert!(
            log.stories.values().all(|r| Some(r.place) == first),
            "kill {kill}: every record from the same save"
        );
    }

    for path in story_files(&files.collection) {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let n: u64 = name
            .and_then(|s| s.strip_prefix("story-").and_then(|n| n.parse().ok()))
            .unwrap_or_else(|| panic!("kill {kill}: unexpected file {}", path.display()));
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            bytes == story(n),
            "kill {kill}: {} is whole",
            path.display()
        );
    }

    // The index loads: every story but the one imported last is taken from it.
    let present = story_files(&files.collection).len();
    let scanned = scan(&files.collection, Some(&files.index), 1);
    assert_eq!(scanned.collection.entries.len(), present);
    assert!(
        scanned.reused + 1 >= present,
        "kill {kill}: the index was readable ({} of {present} reused)",
        scanned.reused
    );
}

/// Temporary files left by killed saves: proof that kills landed mid-write.
fn leftovers(dir: &Path) -> usize {
    let mut count = 0;
    for sub in [dir.to_path_buf(), dir.join("Stories")] {
        for entry in std::fs::read_dir(sub).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().ends_with(".tmp") {
                count += 1;
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    count
}

#[test]
fn kills_mid_save_leave_every_file_whole() {
    let dir = std::env::temp_dir().join(format!("ficshelf-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = Files::in_dir(&dir);
    for folder in [&files.sources, &files.collection] {
        std::fs::create_dir_all(folder).expect("test folders");
    }
    let exe = std::env::current_exe().expect("this test binary");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut torn = 0;
    let started = Instant::now();
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["writer", "--exact", "--ignored", "--test-threads=1"])
            .env(CHILD_DIR, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("writer started");
        // xorshift: a kill anywhere from just after start to well into the loop.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(2 + seed % 60));
        let _ = child.kill();
        let status = child.wait().expect("writer ended");
        assert_eq!(
            status.signal(),
            Some(9),
            "kill {kill}: the writer stopped by itself ({status}); run it alone to see why"
        );
        torn += leftovers(&dir);
        check(&files, kill);
    }
    println!(
        "{KILLS} kills in {:.1} s; {torn} left a half-written temporary file",
        started.elapsed().as_secs_f64()
    );
    assert!(
        torn > 0,
        "no kill landed in the middle of a write, so nothing was tested"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
