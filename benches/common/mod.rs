//! Helpers shared by the benchmarks: timing, medians, baseline commands and the generated
//! collections they run over.
#![allow(dead_code)] // each benchmark uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs `f`; its time in seconds, and what it returned.
pub fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

/// The median (the upper one of an even count).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs a baseline command to completion, output discarded; its time, if it ran and
/// succeeded.
pub fn run(cmd: &mut Command) -> Option<f64> {
    let start = Instant::now();
    let ok = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?
        .success();
    ok.then(|| start.elapsed().as_secs_f64())
}

/// The files in `dir`, sorted.
pub fn story_files(dir: &Path) -> Vec<PathBuf> {
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

/// Makes `dir` with `../shared/tools/gen_library.py ARGS --out dir` unless it already holds
/// `files` files.
pub fn generated(dir: &Path, files: usize, args: &[&str]) -> Result<(), String> {
    if story_files(dir).len() >= files {
        return Ok(());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/gen_library.py");
    if !script.exists() {
        return Err(format!("{} not found", script.display()));
    }
    let ok = Command::new("python3")
        .arg(&script)
        .args(args)
        .arg("--out")
        .arg(dir)
        .status()
        .map_err(|e| format!("python3: {e}"))?
        .success();
    ok.then_some(())
        .ok_or_else(|| format!("{} failed", script.display()))
}
