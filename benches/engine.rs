//! Engine throughput (decode + header + document, one core) against GNU `wc -w` over the
//! same files, measured in the same run and reported as a ratio.
//!
//! The collection is made by `../shared/tools/gen_library.py --count 2000` into
//! `target/bench-library/` on first use. Both sides read the files from the page cache.
//! Set `FICSHELF_BENCH_ROUNDS` to change the number of interleaved rounds (default 7).

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{generated, median, run, story_files, time};
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
    run(Command::new("wc")
        .arg("-w")
        .args(files)
        .env("LC_ALL", "C.UTF-8"))
}

/// The generated collection, made on first use.
fn collection() -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-library");
    generated(&dir, STORIES, &["--count", &STORIES.to_string()])?;
    Ok(dir)
}
