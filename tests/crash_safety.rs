//! Kills a process in the middle of saving, hundreds of times: after every kill, each file
//! it was writing (settings, the reading-state database, index, imported stories) loads
//! whole. And two processes writing reading places at once lose none of them.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ficshelf::collection::import::import;
use ficshelf::collection::index::scan;
use ficshelf::collection::reading::{Place, ReadingState};
use ficshelf::settings::Settings;
use ficshelf::storage::sweep_leftovers;

/// Tells the child (this same test binary) where to write.
const CHILD_DIR: &str = "FICSHELF_CRASH_TEST_DIR";
/// How many times the writer is killed.
const KILLS: usize = 300;
/// Stories kept in the collection: the writer removes the oldest beyond this.
const KEPT: usize = 12;
/// Records in the reading state, each written in its own transaction.
const RECORDS: usize = 100;

struct Files {
    settings: PathBuf,
    data: PathBuf,
    index: PathBuf,
    sources: PathBuf,
    collection: PathBuf,
}

impl Files {
    fn in_dir(dir: &Path) -> Files {
        Files {
            settings: dir.join("settings.ron"),
            data: dir.join("data"),
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

/// The place that generation `n` writes: its parts agree, so a torn row would show.
fn place(n: u64) -> Place {
    Place {
        block: n as usize,
        within: (n % 89) as f32 / 89.0,
        progress: (n % 97) as f32 / 97.0,
    }
}

/// Story `i`'s content hash in these tests.
fn hash(prefix: &str, i: usize) -> String {
    format!("{prefix}{i:030x}")
}

/// Writes generation `n` into every record, one transaction each, in order: a kill leaves
/// the first records at `n` and the rest at the generation before.
fn write_generation(state: &mut ReadingState, prefix: &str, n: u64) {
    for i in 0..RECORDS {
        state.set_place(&hash(prefix, i), place(n), false);
        state.save().expect("place saved");
    }
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
        let (mut state, note) = ReadingState::open(&files.data);
        assert_eq!(note, None);
        write_generation(&mut state, "aa", n);
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
/// Returns whether the kill landed in the middle of writing the reading places.
fn check(files: &Files, kill: usize) -> bool {
    let (settings, problem) = Settings::load(&files.settings);
    assert!(problem.is_none(), "kill {kill}: settings: {problem:?}");
    assert!(
        (100..500).contains(&settings.words_per_minute),
        "kill {kill}: settings hold what was written"
    );

    // Every committed place is there, whole, and nothing after the last commit.
    let (state, problem) = ReadingState::open(&files.data);
    assert!(problem.is_none(), "kill {kill}: reading state: {problem:?}");
    let stories = &state.log().stories;
    let mut cut_short = false;
    if !stories.is_empty() {
        // Written in order: the first kill may leave only the first few.
        let expected: Vec<String> = (0..stories.len()).map(|i| hash("aa", i)).collect();
        assert!(
            stories.keys().eq(expected.iter()),
            "kill {kill}: the records written, and only those"
        );
        let generations: Vec<u64> = stories.values().map(|r| r.place.block as u64).collect();
        for record in stories.values() {
            assert_eq!(
                record.place,
                place(record.place.block as u64),
                "kill {kill}: a record is whole"
            );
        }
        assert!(
            generations.windows(2).all(|w| w[0] >= w[1]),
            "kill {kill}: records were committed in order"
        );
        cut_short = generations.first() != generations.last() || stories.len() < RECORDS;
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
    cut_short
}

/// Removes the temporary files killed saves and imports left, as a new start does, and
/// counts them: proof that kills landed mid-write.
fn leftovers(dir: &Path) -> usize {
    let mut count = 0;
    for sub in [dir.to_path_buf(), dir.join("Stories")] {
        count += sweep_leftovers(&sub);
        let left: Vec<_> = std::fs::read_dir(&sub)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(
            left.is_empty(),
            "a killed writer's files are swept: {left:?}"
        );
    }
    count
}

#[test]
fn kills_mid_save_leave_every_file_whole() {
    let temp = tempfile::tempdir().expect("a test folder");
    let dir = temp.path().to_path_buf();
    let files = Files::in_dir(&dir);
    for folder in [&files.sources, &files.collection] {
        std::fs::create_dir_all(folder).expect("test folders");
    }
    let exe = std::env::current_exe().expect("this test binary");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut torn, mut mid_places) = (0, 0);
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
        mid_places += usize::from(check(&files, kill));
    }
    println!(
        "{KILLS} kills in {:.1} s; {torn} left a half-written temporary file, {mid_places} \
         stopped the reading places half way",
        started.elapsed().as_secs_f64()
    );
    assert!(
        mid_places > 0,
        "no kill landed while places were written, so the database was not tested"
    );
    assert!(
        torn > 0,
        "no kill landed in the middle of a write, so nothing was tested"
    );
}

/// The child of `two_writers_lose_nothing`: writes its own stories' places, generation
/// after generation, then stops.
#[test]
#[ignore = "one of the writers that `two_writers_lose_nothing` starts"]
fn pair_writer() {
    let (Some(dir), Some(prefix)) = (
        std::env::var_os(CHILD_DIR),
        std::env::var("FICSHELF_CRASH_TEST_PREFIX").ok(),
    ) else {
        return;
    };
    let (mut state, note) = ReadingState::open(Path::new(&dir));
    assert_eq!(note, None);
    for n in 1..=GENERATIONS {
        write_generation(&mut state, &prefix, n);
    }
}

/// Generations each of the two writers writes, in each round.
const GENERATIONS: u64 = 5;
/// Rounds, each on a new database: the two writers also race to create it (one of them was
/// once told "locked" at the start).
const ROUNDS: usize = 8;

#[test]
fn two_writers_lose_nothing() {
    let exe = std::env::current_exe().expect("this test binary");
    let started = Instant::now();
    for round in 0..ROUNDS {
        let temp = tempfile::tempdir().expect("a test folder");
        let writers: Vec<_> = ["aa", "bb"]
            .into_iter()
            .map(|prefix| {
                Command::new(&exe)
                    .args(["pair_writer", "--exact", "--ignored", "--test-threads=1"])
                    .env(CHILD_DIR, temp.path())
                    .env("FICSHELF_CRASH_TEST_PREFIX", prefix)
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("writer started")
            })
            .collect();
        for writer in writers {
            let out = writer.wait_with_output().expect("writer ended");
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "round {round}: a writer failed: {said}"
            );
        }
        let (state, note) = ReadingState::open(temp.path());
        assert_eq!(note, None);
        for prefix in ["aa", "bb"] {
            for i in 0..RECORDS {
                let record = state.log().get(&hash(prefix, i)).copied();
                assert_eq!(
                    record.map(|r| r.place),
                    Some(place(GENERATIONS)),
                    "round {round}, story {prefix}{i}: the last place written"
                );
            }
        }
    }
    println!(
        "{ROUNDS} rounds of 2 writers, {} transactions each, in {:.1} s",
        RECORDS as u64 * GENERATIONS,
        started.elapsed().as_secs_f64()
    );
}
