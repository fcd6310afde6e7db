//! The engine, the file formats, the collection and the settings never name a GUI crate: only `main.rs`,
//! `app.rs` and `src/ui/` draw (see ../shared/docs/STYLE.md).

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_ui_names_gui_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 5, "found the sources");
    // The file formats' readers are engine code too: checked like the rest.
    assert!(
        files.iter().any(|f| f.ends_with("formats/epub.rs")),
        "the formats are checked"
    );
    let drawing = |rel: &str| {
        rel == "main.rs" || rel == "app.rs" || rel.starts_with("app/") || rel.starts_with("ui/")
    };
    let mut offenders = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        if drawing(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for gui in ["egui", "eframe", "rfd", "egui_kittest"] {
            let used = text.contains(&format!("{gui}::")) || text.contains(&format!("use {gui}"));
            if used {
                offenders.push(format!("{rel} uses {gui}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "GUI types outside the UI: {offenders:?}"
    );
}
