//! The real stories in `../shared/corpus`: every field of `expected.json` must match.

use std::path::Path;

mod common;

use common::{Mismatches, rating_from_code};
use ficshelf::engine::{BlockKind, Story, TitleSource};
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn corpus_matches_expected_json() {
    let dir = Path::new(CORPUS);
    let Ok(json) = std::fs::read_to_string(dir.join("expected.json")) else {
        println!(
            "skipped: {CORPUS}/expected.json is not here (the shared corpus sits beside the checkout)"
        );
        return;
    };
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&json).expect("expected.json parses");
    let mut m = Mismatches::default();
    let mut checked = 0;
    for (file, want) in expected.iter().filter(|(k, _)| !k.starts_with('_')) {
        let story = Story::read(&dir.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let mut check = |what: &str, ok: bool, got: &dyn std::fmt::Debug| {
            m.check(file, what, ok, got, &want[what])
        };
        match text(&want["title"]) {
            Some(t) => check("title", story.title == t, &story.title),
            None => check(
                "title",
                story.title_source == TitleSource::FileName,
                &story.title_source,
            ),
        }
        check(
            "author",
            story.author.as_deref() == text(&want["author"]),
            &story.author,
        );
        let rating = rating_from_code(want["rating"].as_str().unwrap_or("unrated"));
        check("rating", story.rating.level == rating, &story.rating.level);
        check(
            "rating_raw",
            story.rating.raw.as_deref() == text(&want["rating_raw"]),
            &story.rating.raw,
        );
        check(
            "warnings_raw",
            story.warnings.raw.as_deref() == text(&want["warnings_raw"]),
            &story.warnings.raw,
        );
        check(
            "pairing",
            story.pairing() == text(&want["pairing"]),
            &story.pairing(),
        );
        check(
            "summary",
            story.summary() == text(&want["summary"]),
            &story.summary(),
        );
        let parts = story.document.parts().len() as u64;
        check("parts", Some(parts) == want["parts"].as_u64(), &parts);
        let breaks = story.document.count(BlockKind::SceneBreak) as u64;
        check(
            "scene_breaks",
            Some(breaks) == want["scene_breaks"].as_u64(),
            &breaks,
        );
        check(
            "complete",
            story.complete == want["complete"].as_bool(),
            &story.complete,
        );
        checked += 1;
    }
    m.assert_none();
    assert_eq!(checked, 5, "expected.json lists five stories");
}

/// The careful reader's notes: lyrics keep their breaks, broken sentences are joined.
#[test]
fn corpus_lyrics_and_broken_sentences() {
    let dir = Path::new(CORPUS);
    let (Ok(a), Ok(b)) = (
        Story::read(&dir.join("000_9c6061205e80d0ce.txt")),
        Story::read(&dir.join("003_4610ac7e91dc18b6.txt")),
    ) else {
        println!("skipped: the shared corpus is not here");
        return;
    };
    for story in [&a, &b] {
        let doc = &story.document;
        assert!(
            doc.count(BlockKind::Verse) >= 1,
            "{}: lyrics kept as verse",
            story.title
        );
    }
    let doc = &b.document;
    let joined = doc
        .blocks()
        .iter()
        .map(|bl| doc.text(bl))
        .any(|t| t.contains("and she couldn't believe they'd won"));
    assert!(
        joined,
        "003: 'and she' / 'couldn't believe' is one paragraph"
    );
}
