//! The real stories in `../shared/corpus`: every field of `expected.json` must match.

use std::path::Path;

use ficshelf::engine::{BlockKind, RatingLevel, Story, TitleSource};
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn expected_rating(code: &str) -> RatingLevel {
    match code {
        "G" => RatingLevel::General,
        "T" => RatingLevel::Teen,
        "M" => RatingLevel::Mature,
        "E" => RatingLevel::Explicit,
        _ => RatingLevel::NotRated,
    }
}

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
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, want) in expected.iter().filter(|(k, _)| !k.starts_with('_')) {
        let story = Story::read(&dir.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let mut check = |what: &str, ok: bool, got: String| {
            if !ok {
                failures.push(format!("{file}: {what}: got {got}, want {}", want[what]));
            }
        };
        match text(&want["title"]) {
            Some(t) => check("title", story.title == t, story.title.clone()),
            None => check(
                "title",
                story.title_source == TitleSource::FileName,
                format!("{:?}", story.title_source),
            ),
        }
        check(
            "author",
            story.author.as_deref() == text(&want["author"]),
            format!("{:?}", story.author),
        );
        let rating = want["rating"].as_str().unwrap_or("unrated");
        check(
            "rating",
            story.rating.level == expected_rating(rating),
            format!("{:?}", story.rating.level),
        );
        check(
            "rating_raw",
            story.rating.raw.as_deref() == text(&want["rating_raw"]),
            format!("{:?}", story.rating.raw),
        );
        check(
            "warnings_raw",
            story.warnings.raw.as_deref() == text(&want["warnings_raw"]),
            format!("{:?}", story.warnings.raw),
        );
        check(
            "pairing",
            story.pairing() == text(&want["pairing"]),
            format!("{:?}", story.pairing()),
        );
        check(
            "summary",
            story.summary() == text(&want["summary"]),
            format!("{:?}", story.summary()),
        );
        let parts = story.document.parts().len() as u64;
        check(
            "parts",
            Some(parts) == want["parts"].as_u64(),
            parts.to_string(),
        );
        let breaks = story.document.count(BlockKind::SceneBreak) as u64;
        check(
            "scene_breaks",
            Some(breaks) == want["scene_breaks"].as_u64(),
            breaks.to_string(),
        );
        check(
            "complete",
            story.complete == want["complete"].as_bool(),
            format!("{:?}", story.complete),
        );
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
