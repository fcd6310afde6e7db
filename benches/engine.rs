//! Engine throughput (decode + header + document, one core) against GNU `wc -w` over the
//! same files, measured in the same run and reported as a ratio.
//!
//! The collection is made by `../shared/tools/gen_library.py --count 2000` into
//! `target/bench-library/` on first use. Both sides read the files from the page cache.
//! Set `FICSHELF_BENCH_ROUNDS` to change the number of interleaved rounds (default 7).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ficshelf::engine::Story;

const STORIES: usize = 2000;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; there are no libtest benches here
    }
    let dir = match collection() {
        Ok(dir) => dir,
        Err(e) => {
            println!("engine bench skipped: {e}");
            return;
        }
    };
    let files = story_files(&dir);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "collection: {} files, {mb:.1} MB in {}",
        files.len(),
        dir.display()
    );

    let rounds = std::env::var("FICSHELF_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let (mut engine, mut wc) = (Vec::new(), Vec::new());
    let mut words = 0;
    for _ in 0..rounds {
        let (t, w) = time(|| engine_pass(&files));
        engine.push(t);
        words = w;
        match wc_pass(&files) {
            Some(t) => wc.push(t),
            None => println!("wc -w not available: no baseline"),
        }
    }
    let engine_s = median(&mut engine);
    println!(
        "engine (1 core): {:8.1} MB/s  ({words} words, median of {rounds})",
        mb / engine_s
    );
    if !wc.is_empty() {
        let wc_s = median(&mut wc);
        println!("wc -w (C.UTF-8): {:8.1} MB/s", mb / wc_s);
        println!(
            "ratio engine/wc: {:8.2}x  (goal: >= 1.00x)",
            wc_s / engine_s
        );
    }
}

/// Reads and parses every file once; returns the total word count so nothing is optimised away.
fn engine_pass(files: &[PathBuf]) -> usize {
    files
        .iter()
        .filter_map(|f| Story::read(f).ok())
        .map(|s| s.document.words())
        .sum()
}

fn wc_pass(files: &[PathBuf]) -> Option<f64> {
    let start = Instant::now();
    let status = Command::new("wc")
        .arg("-w")
        .args(files)
        .env("LC_ALL", "C.UTF-8")
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| start.elapsed().as_secs_f64())
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The generated collection, made on first use.
fn collection() -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-library");
    if story_files(&dir).len() >= STORIES {
        return Ok(dir);
    }
    let script = root.join("../shared/tools/gen_library.py");
    if !script.exists() {
        return Err(format!("{} not found", script.display()));
    }
    let status = Command::new("python3")
        .arg(&script)
        .args(["--count", &STORIES.to_string(), "--out"])
        .arg(&dir)
        .status()
        .map_err(|e| format!("python3: {e}"))?;
    std::thread::sleep(Duration::from_millis(10));
    status
        .success()
        .then_some(dir)
        .ok_or_else(|| "gen_library.py failed".to_string())
}

fn story_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
