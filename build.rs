//! Embeds the bundled sample stories (`library/*.txt`) so the first run from any folder, and
//! after `cargo install`, can copy them into the user's collection; and gives the build a
//! fingerprint of the code that reads stories (`src/engine`, `src/formats`), so that the
//! collection's cache of what each file says is read again whenever that code changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=library");
    reader_fingerprint();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("library");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The bundled sample stories: (file name, bytes).\npub const SAMPLES: &[(&str, &[u8])] = &[\n",
    );
    // Paths from the crate's folder at compile time, not this run's absolute path: a
    // checkout elsewhere sharing the target folder then still reads its own files.
    for name in &names {
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/library/\", {name:?}))),"
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("samples.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("could not write {}: {e}", out.display());
    }
}

/// Sets `FICSHELF_READER` to a hash (FNV-1a, 64 bits) of every source file under
/// `src/engine` and `src/formats`, names and contents, in a fixed order.
fn reader_fingerprint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src/engine", "src/formats"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in &files {
        eat(file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .as_bytes());
        eat(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=FICSHELF_READER={hash:016x}");
}

/// Every `.rs` file under `dir`.
fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
