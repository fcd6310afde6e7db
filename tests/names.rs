//! File names that are not UTF-8 (an old archive's Latin-1 names), run through the real
//! binary: the window, `inspect` and `index` each give a story or a clear message, never a
//! panic (exit 101). Regression tests for issue 11, where all three failed.
// Unix names are bytes; Windows names can't be built this way.
#![cfg(unix)]

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STORY: &str = "Title: Une saison\nAuthor: M. Dubois\nRating: G\n\n\
The lamp was lit at six and the tide came in over the sand.\n";

/// `latin1_é.txt` with the é as Latin-1 wrote it: one byte, 0xE9.
fn latin1_name() -> &'static OsStr {
    OsStr::from_bytes(b"latin1_\xE9.txt")
}

fn run(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .args(args)
        .env_remove("FICSHELF_CONFIG_DIR")
        .env_remove("FICSHELF_DATA_DIR")
        .output()
        .expect("the ficshelf binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, bytes).expect("write file");
}

#[test]
fn inspect_prints_the_story_of_a_name_that_is_not_utf8() {
    let dir = tempfile::tempdir().expect("temp folder");
    let file = dir.path().join(latin1_name());
    write(&file, STORY.as_bytes());
    let out = run(&["inspect".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.contains("Une saison"), "{printed}");
    assert!(
        printed.contains("latin1_\u{FFFD}.txt"),
        "the name, lossily: {printed}"
    );

    let out = run(&["inspect".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v[0]["title"], "Une saison");

    let missing = dir.path().join(OsStr::from_bytes(b"gone_\xFF.txt"));
    let out = run(&["inspect".as_ref(), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(1), "a clear failure, not a panic");
}

#[test]
fn index_saves_and_reuses_its_cache_with_such_names() {
    let dir = tempfile::tempdir().expect("temp folder");
    let (root, data) = (dir.path().join("Stories"), dir.path().join("data"));
    write(&root.join(latin1_name()), STORY.as_bytes());
    let folder = OsStr::from_bytes(b"s\xE9rie");
    write(
        &root.join(folder).join("b.txt"),
        b"Title: B\n\nThe second story.\n",
    );
    write(
        &root.join(OsStr::from_bytes(b"bad_\xFF.txt")),
        b"\x00\x01\x02",
    );
    let args: [&OsStr; 5] = [
        "index".as_ref(),
        "--json".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
        root.as_os_str(),
    ];
    for reused in [0, 2] {
        let out = run(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("could not be saved"), "{stderr}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        assert_eq!(
            (&v["stories"], &v["reused"]),
            (&2.into(), &reused.into()),
            "{v}"
        );
        assert_eq!(v["unreadable"].as_array().map(Vec::len), Some(1));
    }
}

/// The real window under Xvfb, asked for a screenshot with a Latin-1 name on its command
/// line and another in its collection (whose index must be saved).
#[test]
fn the_window_opens_a_name_that_is_not_utf8() {
    if Command::new("xvfb-run").arg("--help").output().is_err() {
        println!("skipped: xvfb-run is not installed (apt-get install xvfb xauth)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp folder");
    let (config, data) = (dir.path().join("config"), dir.path().join("data"));
    let file = dir.path().join(latin1_name());
    write(&file, STORY.as_bytes());
    write(
        &data
            .join("Stories")
            .join(OsStr::from_bytes(b"d\xE9j\xE0.txt")),
        b"Title: Deja\n\nAn old story with an old name.\n",
    );
    let shot = dir.path().join("window.png");
    let out = Command::new("timeout")
        .args(["120", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_ficshelf"))
        .args([OsString::from("--config-dir"), config.into()])
        .args([OsString::from("--data-dir"), data.clone().into()])
        .args([OsString::from("--screenshot"), shot.clone().into()])
        .arg(&file)
        .output()
        .expect("xvfb-run runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("could not be saved"), "{stderr}");
    let size = std::fs::metadata(&shot).map_or(0, |m| m.len());
    assert!(size > 20_000, "a window was drawn ({size} bytes)");
    // The full-text index (`….search.sqlite`) is kept beside it; it is not counted here.
    let indexes: Vec<PathBuf> = std::fs::read_dir(data.join("index"))
        .expect("the index folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.to_string_lossy().contains(".search.sqlite"))
        .collect();
    assert_eq!(indexes.len(), 1, "the collection's index was saved");
}
