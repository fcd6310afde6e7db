//! `ficshelf inspect`: the JSON contract, the `--body` text, and exit statuses.

mod common;

use std::path::Path;
use std::process::Command;

use common::temp_file;

use serde_json::Value;

fn ficshelf(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .args(args)
        .output()
        .expect("the ficshelf binary runs");
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const STORY: &str = "Title: Salt and Lanterns\nAuthor: Mossy L.\nRating: PG-13\nWarnings: none\n\
Pairing: Mara/Tobin\nSummary: A keeper and a storm.\n\n* * *\n\nThe lamp had to be lit by six.\n\n\
~Part: 2~\n\nMara climbed the stairs two at a time, counting them under her breath.\n\n\
oOo\n\nThe storm broke over the headland at midnight and did not stop until dawn came.\n\nThe End\n";

const KEYS: &[&str] = &[
    "path",
    "encoding",
    "title",
    "title_source",
    "author",
    "rating",
    "rating_raw",
    "warnings",
    "warning_tags",
    "warnings_raw",
    "warnings_state",
    "pairing",
    "summary",
    "fields",
    "parts",
    "scene_breaks",
    "paragraphs",
    "words",
    "hard_wrapped",
    "complete",
    "error",
];

#[test]
fn json_has_every_promised_key_with_the_right_values() {
    let path = temp_file("salt.txt", STORY.as_bytes());
    let (code, out, _) = ficshelf(&["inspect", "--json", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    let obj = &v[0];
    for key in KEYS {
        assert!(obj.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(obj["title"], "Salt and Lanterns");
    assert_eq!(obj["title_source"], "header");
    assert_eq!(obj["rating"], "teen");
    assert_eq!(obj["rating_raw"], "PG-13");
    assert_eq!(obj["warnings_state"], "none");
    assert_eq!(obj["encoding"], "utf-8");
    assert_eq!(obj["parts"][0]["title"], "Part 2");
    assert_eq!(
        obj["scene_breaks"], 1,
        "the divider after the header is not a scene break"
    );
    assert_eq!(obj["complete"], true);
    assert_eq!(obj["fields"]["pairing"], "Mara/Tobin");
    assert_eq!(obj["error"], Value::Null);
}

#[test]
fn body_prints_the_rebuilt_story() {
    let path = temp_file("salt-body.txt", STORY.as_bytes());
    let (code, out, _) = ficshelf(&["inspect", "--body", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 0);
    let want = "The lamp had to be lit by six.\n\n## Part 2\n\n\
Mara climbed the stairs two at a time, counting them under her breath.\n\n* * *\n\n\
The storm broke over the headland at midnight and did not stop until dawn came.\n\nThe End\n";
    assert_eq!(out, want);
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_printed() {
    let good = temp_file("good.txt", STORY.as_bytes());
    let bad = temp_file("picture.txt", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01");
    let missing = good.with_file_name("missing.txt");
    let args = [
        "inspect",
        "--json",
        good.to_str().unwrap_or_default(),
        bad.to_str().unwrap_or_default(),
        missing.to_str().unwrap_or_default(),
    ];
    let (code, out, _) = ficshelf(&args);
    assert_eq!(code, 1, "exit status 1 when a file could not be read");
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(3));
    assert_eq!(v[0]["error"], Value::Null);
    assert!(
        v[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("not a text file")),
        "{}",
        v[1]["error"]
    );
    assert!(
        v[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("missing.txt")),
        "{}",
        v[2]["error"]
    );
    assert_eq!(v[1]["title"], Value::Null);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(ficshelf(&["inspect"]).0, 2);
    assert_eq!(ficshelf(&["inspect", "--frobnicate", "x"]).0, 2);
    assert_eq!(
        ficshelf(&["--frobnicate"]).0,
        2,
        "an unknown option of the window"
    );
    let (code, out, _) = ficshelf(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("inspect"));
}

#[test]
fn index_reports_stories_unreadable_files_and_reuse_of_its_cache() {
    let dir = common::TestDir::named("index-cli");
    let (root, data) = (dir.join("Stories"), dir.join("data"));
    common::write_at(&root.join("a.txt"), STORY.as_bytes());
    common::write_at(
        &root.join("deeper/b.txt"),
        b"Title: B\n\nThe second story, short and sweet.\n",
    );
    common::write_at(&root.join("c.txt"), b"\x00\x01\x02binary");
    let v = index_json(&root, &data);
    assert_eq!(v["stories"], 2);
    assert_eq!(v["reused"], 0);
    assert!(v["bytes"].as_u64().is_some_and(|b| b > 100));
    assert!(v["seconds"].as_f64().is_some());
    assert_eq!(v["unreadable"].as_array().map(Vec::len), Some(1));
    assert!(
        v["unreadable"][0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("c.txt"))
    );
    assert!(
        v["unreadable"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not a text file"))
    );
    let v = index_json(&root, &data);
    assert_eq!(v["reused"], 2, "the second run reads nothing");
    assert_eq!(
        v["works"].as_array().map(Vec::len),
        Some(2),
        "a work per story"
    );
}

#[test]
fn index_json_lists_works_with_their_files_in_order_and_their_series() {
    let dir = common::TestDir::named("index-works");
    let (root, data) = (dir.join("Stories"), dir.join("data"));
    let body = "\n\nThe harbour was quiet that night, and the lamps burned low.\n";
    for (file, header) in [
        ("watch-pt2.txt", "Title: The Long Watch\nAuthor: Marram"),
        ("watch-pt1.txt", "Title: The Long Watch\nAuthor: Marram"),
        (
            "sequel.txt",
            "Title: After\nAuthor: Marram\nSeries: Part 2 of Watches",
        ),
    ] {
        common::write_at(&root.join(file), format!("{header}{body}").as_bytes());
    }
    let v = index_json(&root, &data);
    let works = v["works"].as_array().cloned().unwrap_or_default();
    assert_eq!(works.len(), 2, "{works:?}");
    let watch = works.iter().find(|w| w["title"] == "The Long Watch");
    let watch = watch.cloned().unwrap_or_default();
    let files: Vec<&str> = watch["files"]
        .as_array()
        .map(|f| f.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        files.len() == 2
            && files[0].ends_with("watch-pt1.txt")
            && files[1].ends_with("watch-pt2.txt"),
        "{files:?}"
    );
    assert_eq!(watch["parts_found"], 2);
    assert_eq!(watch["parts_total"], Value::Null);
    let after = works
        .iter()
        .find(|w| w["title"] == "After")
        .cloned()
        .unwrap_or_default();
    assert_eq!(after["series"][0]["name"], "Watches");
    assert_eq!(after["series"][0]["position"], 2);
    assert_eq!(after["author"], "Marram");
}

#[test]
fn search_finds_a_phrase_in_the_text_with_its_story_and_chapter() {
    let dir = common::TestDir::named("search-cli");
    let (root, data) = (dir.join("Stories"), dir.join("data"));
    common::write_at(
        &root.join("lamp.txt"),
        "Title: The Lamp\nAuthor: Wren\n\nChapter 1\n\nShe lit the lamp.\n\nChapter 2\n\nThey met at the Café Marlowe by the sea wall.\n".as_bytes(),
    );
    common::write_at(
        &root.join("tide.txt"),
        b"Title: Tide\n\nThe wall by the sea held all night.\n",
    );
    let search = |words: &[&str]| {
        let mut args = vec![
            "search",
            "--json",
            "--data-dir",
            data.to_str().unwrap_or_default(),
            "--in",
            root.to_str().unwrap_or_default(),
        ];
        args.extend(words);
        let (code, out, err) = ficshelf(&args);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).expect("valid JSON");
        v.as_array().cloned().unwrap_or_default()
    };
    let hits = search(&["\"cafe marlowe\""]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["title"], "The Lamp");
    assert_eq!(hits[0]["chapter"], "Chapter 2");
    assert!(
        hits[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("lamp.txt"))
    );
    assert!(
        hits[0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("[Café Marlowe]"))
    );
    assert!(hits[0]["score"].as_f64().is_some());
    // The words in any order find both; the phrase only where they stand together.
    assert_eq!(search(&["sea", "wall"]).len(), 2);
    assert_eq!(search(&["\"sea wall\""]).len(), 1);
    let kept = std::fs::read_dir(data.join("index"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".search.sqlite"));
    assert!(kept, "the index is kept beside the folder's index cache");
}

#[test]
fn index_json_lists_the_older_copies_of_a_work_saved_again() {
    let dir = common::TestDir::named("index-editions");
    let (root, data) = (dir.join("Stories"), dir.join("data"));
    let ledger = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/ao3_lamplighters_ledger.html"),
    )
    .expect("the AO3 fixture");
    common::write_at(&root.join("ledger-a.html"), &ledger);
    common::write_at(&root.join("ledger-b.html"), &ledger);
    let v = index_json(&root, &data);
    let works = v["works"].as_array().cloned().unwrap_or_default();
    let copies: Vec<usize> = works
        .iter()
        .map(|w| w["editions"].as_array().map_or(99, Vec::len))
        .collect();
    assert_eq!(copies.len(), 2, "{works:?}");
    assert!(copies.contains(&1) && copies.contains(&0), "{copies:?}");
}

#[test]
fn index_json_lists_a_plain_text_story_saved_again_by_its_text() {
    let dir = common::TestDir::named("index-text-editions");
    let (root, data) = (dir.join("Stories"), dir.join("data"));
    let story = |title: &str, seed: &str, parts: usize| {
        let mut out = format!("Title: {title}\nAuthor: Ren Aldous\n\n");
        for part in 1..=parts {
            out.push_str(&format!("Part {part}\n\n"));
            for row in 0..6 {
                for k in 0..5 {
                    out.push_str(&format!(
                        "The {seed} of part {part} lit lamp {k} in row {row}. "
                    ));
                }
                out.push_str("\n\n");
            }
        }
        out
    };
    let v1 = format!("{}TBC\n", story("The Long Watch", "keeper", 1));
    common::write_at(&root.join("watch-1.txt"), v1.as_bytes());
    common::write_at(
        &root.join("watch-2.txt"),
        story("The Long Watch", "keeper", 2).as_bytes(),
    );
    common::write_at(
        &root.join("untitled-a.txt"),
        story("Untitled", "keeper", 1).as_bytes(),
    );
    common::write_at(
        &root.join("untitled-b.txt"),
        story("Untitled", "ferry", 2).as_bytes(),
    );
    for _ in 0..2 {
        // Cold, then warm from the verdicts kept in the index.
        let v = index_json(&root, &data);
        let works = v["works"].as_array().cloned().unwrap_or_default();
        let editions = |file: &str| -> Vec<String> {
            let work = works
                .iter()
                .find(|w| w["files"][0].as_str().is_some_and(|f| f.ends_with(file)));
            let list = work
                .and_then(|w| w["editions"].as_array().cloned())
                .unwrap_or_default();
            list.iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        };
        let older = editions("watch-2.txt");
        assert!(
            older.len() == 1 && older[0].ends_with("watch-1.txt"),
            "{works:?}"
        );
        for other in ["watch-1.txt", "untitled-a.txt", "untitled-b.txt"] {
            assert_eq!(editions(other), [] as [String; 0], "{other}");
        }
    }
}

/// `ficshelf index --json --data-dir DATA ROOT`, which must succeed, as JSON.
fn index_json(root: &Path, data: &Path) -> Value {
    let args = [
        "index",
        "--json",
        "--data-dir",
        data.to_str().unwrap_or_default(),
        root.to_str().unwrap_or_default(),
    ];
    let (code, out, _) = ficshelf(&args);
    assert_eq!(code, 0);
    serde_json::from_str(&out).expect("valid JSON")
}
