//! Embeds the bundled sample stories (`library/*.txt`) so the first run from any folder, and
//! after `cargo install`, can copy them into the user's collection.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=library");
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
