//! Indexing a 10,000-story collection (`gen_library.py --count 10000`, made into
//! `target/bench-library-10k/` on first use), each figure beside its baseline measured in the
//! same run, with the page cache warm for both:
//!
//! 1. cold index (no cache, all cores) against GNU `wc -w` over the same files (goal: at
//!    least twice `wc -w`'s throughput);
//! 2. warm index (unchanged collection, cache present) against
//!    `find DIR -type f -printf '%s %T@\n'`, a bare stat of every file (goal: at most 3x).
//!
//! `FICSHELF_BENCH_ROUNDS` sets the number of interleaved rounds (default 5).

use std::path::Path;
use std::process::Command;

mod common;

use common::{generated, median, run, story_files, time};
use ficshelf::collection::index::scan;

const STORIES: usize = 10_000;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-library-10k");
    if let Err(e) = generated(&dir, STORIES, &["--count", &STORIES.to_string()]) {
        println!("index bench skipped: {e}");
        return;
    }
    let files = story_files(&dir);
    let cache = root.join("target/bench-index-cache.bin");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rounds = std::env::var("FICSHELF_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let (mut cold, mut wc, mut warm, mut find) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut summary = String::new();
    for round in 0..=rounds {
        let _ = std::fs::remove_file(&cache);
        let (t_cold, s) = time(|| scan(&dir, Some(&cache), threads));
        let (t_warm, w) = time(|| scan(&dir, Some(&cache), threads));
        assert_eq!(
            w.reused,
            s.collection.entries.len(),
            "the warm scan reused every story"
        );
        let t_wc = run(Command::new("wc")
            .arg("-w")
            .args(&files)
            .env("LC_ALL", "C.UTF-8"));
        let t_find =
            run(Command::new("find")
                .arg(&dir)
                .args(["-type", "f", "-printf", "%s %T@\\n"]));
        summary = format!(
            "{} stories, {} unreadable, {:.1} MB",
            s.collection.entries.len(),
            s.collection.unreadable.len(),
            s.bytes as f64 / 1e6
        );
        if round > 0 {
            // Round 0 only warms the page cache.
            cold.push(t_cold);
            warm.push(t_warm);
            wc.extend(t_wc);
            find.extend(t_find);
        }
    }
    let mb: f64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1e6;
    let (cold, warm) = (median(&mut cold), median(&mut warm));
    println!(
        "collection: {summary} in {} ({threads} threads)",
        dir.display()
    );
    println!("cold index:        {:8.1} MB/s  ({cold:.3} s)", mb / cold);
    if !wc.is_empty() {
        let wc = median(&mut wc);
        println!("wc -w:             {:8.1} MB/s  ({wc:.3} s)", mb / wc);
        println!(
            "ratio cold/wc:     {:8.2}x throughput  (goal: >= 2x)",
            wc / cold
        );
    }
    println!("warm index:        {:8.3} s", warm);
    if !find.is_empty() {
        let find = median(&mut find);
        println!("find -printf:      {:8.3} s", find);
        println!(
            "ratio warm/find:   {:8.2}x time  (goal: <= 3x)",
            warm / find
        );
    }
}
