//! Real 1990s archive files in `../shared/corpus/real`, scored against their hand-checked
//! `truth.json` exactly as `../shared/tools/score_real.py` scores `ficshelf inspect`, but
//! through the library so it runs in a second. The thresholds are the ones issue 12 set:
//! at least 95% on every field and fewer than 1% of blocks broken mid-sentence. Beyond the
//! score, titles keep the truth's casing (capitals made title case) and the table of
//! contents lists a part heading that repeats the title by its part alone.

use std::collections::BTreeMap;
use std::path::Path;

use ficshelf::engine::{Story, TitleSource};
use ficshelf::inspect::{Report, body_text};
use serde_json::Value;

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real");

/// score_real.py's `norm`: curly quotes straightened, spaces collapsed, `*` trimmed,
/// lower case.
fn norm(s: &str) -> String {
    let s = s
        .replace('\u{2019}', "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_matches('*').trim().to_lowercase()
}

fn norm_opt(s: Option<&str>) -> Option<String> {
    s.map(norm)
}

/// score_real.py's `lines_of`: UTF-8 with replacement, CRLF and CR made LF.
fn lines_of(bytes: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(bytes);
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    raw.split('\n').map(str::to_string).collect()
}

/// score_real.py's `blocks_of`: split at lines holding only white space.
fn blocks_of(body: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current.join("\n"));
    }
    blocks
}

/// score_real.py's `broken_paragraphs`: one-line blocks ending in a letter or comma
/// followed by a block that starts in lower case.
fn broken_paragraphs(blocks: &[String]) -> usize {
    blocks
        .windows(2)
        .filter(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            if a.split('\n').count() > 1 || a.starts_with("> ") || a.starts_with("## ") {
                return false;
            }
            let last = a.trim_end().rsplit('\n').next().unwrap_or("");
            last.ends_with(|c: char| c.is_ascii_lowercase() || c == ',')
                && b.trim().starts_with(|c: char| c.is_ascii_lowercase())
        })
        .count()
}

fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn story_start_ok(blocks: &[String], truth: &Value, lines: &[String]) -> bool {
    let Some(first) = blocks.iter().find(|b| !b.starts_with("> ")) else {
        return false;
    };
    let want = match truth["body_start_line"].as_u64() {
        Some(n) if n > 0 => norm(lines.get(n as usize - 1).map_or("", String::as_str)),
        _ => String::new(),
    };
    if want.is_empty() {
        return true;
    }
    let got = norm(first.strip_prefix("## ").unwrap_or(first));
    got.starts_with(&prefix(&want, 25)) || want.starts_with(&prefix(&got, 25))
}

fn header_leak(blocks: &[String], truth: &Value, lines: &[String]) -> bool {
    let Some(end) = truth["news_header_end_line"].as_u64().filter(|&e| e > 0) else {
        return false;
    };
    let story: Vec<&str> = blocks
        .iter()
        .filter(|b| !b.starts_with("> "))
        .map(String::as_str)
        .collect();
    let story = norm(&story.join("\n"));
    lines.iter().take(end as usize).any(|line| {
        let line = norm(line);
        line.chars().count() > 12 && story.contains(&line)
    })
}

/// What the scoring found: per field (passed, total), the broken blocks, and the misses.
#[derive(Default)]
struct Score {
    fields: BTreeMap<&'static str, (usize, usize)>,
    broken: usize,
    blocks: usize,
    misses: Vec<String>,
}

impl Score {
    fn mark(&mut self, field: &'static str, ok: bool, file: &str, detail: String) {
        let e = self.fields.entry(field).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
        if !ok {
            self.misses.push(format!("{file}: {field}: {detail}"));
        }
    }

    fn score_file(&mut self, dir: &Path, t: &Value) {
        let file = t["file"].as_str().unwrap_or_default();
        let path = dir.join(file);
        let (bytes, story) = match std::fs::read(&path) {
            Ok(bytes) => {
                let story = Story::parse_file(&path, &bytes);
                (bytes, story)
            }
            Err(e) => return self.mark("read", false, file, e.to_string()),
        };
        let story = match story {
            Ok(s) => s,
            Err(e) => return self.mark("read", false, file, e.to_string()),
        };
        self.mark("read", true, file, String::new());
        let g = Report::of_story(file.to_string(), &story);
        let body = body_text(&story);
        let (lines, blocks) = (lines_of(&bytes), blocks_of(&body));
        let title_ok = match t["title"].as_str() {
            None => g.title_source == Some(TitleSource::FileName),
            Some(want) => norm_opt(g.title.as_deref()).as_deref() == Some(norm(want).as_str()),
        };
        self.mark(
            "title",
            title_ok,
            file,
            format!("{} / {:?}", t["title"], g.title),
        );
        let author_ok = norm_opt(g.author.as_deref()) == norm_opt(t["author"].as_str());
        self.mark(
            "author",
            author_ok,
            file,
            format!("{} / {:?}", t["author"], g.author),
        );
        let scale = match t["rating_scale"].as_str() {
            Some("G") => "general",
            Some("T") => "teen",
            Some("M") => "mature",
            Some("E") => "explicit",
            _ => "not_rated",
        };
        let rating = serde_json::to_value(g.rating).unwrap_or_default();
        self.mark(
            "rating",
            rating == scale,
            file,
            format!("{scale} / {rating}"),
        );
        let parts = g.parts.as_ref().map_or(0, Vec::len);
        let want_parts = t["parts"].as_u64().unwrap_or(0) as usize;
        self.mark(
            "parts",
            parts == want_parts,
            file,
            format!("{want_parts} / {parts}"),
        );
        let scenes = g.scene_breaks.unwrap_or(0);
        let want_scenes = t["scene_breaks"].as_u64().unwrap_or(0) as usize;
        self.mark(
            "scenes",
            scenes == want_scenes,
            file,
            format!("{want_scenes} / {scenes}"),
        );
        let wrapped = g.hard_wrapped.unwrap_or(false);
        let want_wrapped = t["hard_wrapped"].as_bool().unwrap_or(false);
        self.mark(
            "wrapped",
            wrapped == want_wrapped,
            file,
            format!("{want_wrapped}"),
        );
        if let Some(want) = t.get("complete") {
            let ok = want.as_bool() == g.complete;
            self.mark("complete", ok, file, format!("{want} / {:?}", g.complete));
        }
        let start_ok = story_start_ok(&blocks, t, &lines);
        let first = blocks.iter().find(|b| !b.starts_with("> "));
        let got = prefix(first.map_or("", String::as_str), 60);
        self.mark("story_start", start_ok, file, got);
        if t["news_header_end_line"].as_u64().is_some_and(|e| e > 0) {
            let leak = header_leak(&blocks, t, &lines);
            self.mark(
                "no_header_leak",
                !leak,
                file,
                "header lines in the story".into(),
            );
        }
        let bad = broken_paragraphs(&blocks);
        self.broken += bad;
        self.blocks += blocks.len();
        if bad > 0 {
            let n = blocks.len();
            self.misses
                .push(format!("{file}: midsentence: {bad} of {n} blocks"));
        }
    }
}

/// Scores every file of the folder, or `None` (with a printed notice) when it is absent.
fn score_folder() -> Option<Score> {
    let dir = Path::new(REAL);
    let Ok(json) = std::fs::read_to_string(dir.join("truth.json")) else {
        println!(
            "skipped: {REAL}/truth.json is not here (the shared corpus sits beside the checkout)"
        );
        return None;
    };
    let truth: Vec<Value> = serde_json::from_str(&json).expect("truth.json parses");
    let mut score = Score::default();
    for t in &truth {
        score.score_file(dir, t);
    }
    for (field, (passed, total)) in &score.fields {
        println!("{field:16} {passed}/{total}");
    }
    let share = score.broken as f64 / score.blocks.max(1) as f64;
    println!(
        "midsentence      {}/{} blocks ({:.1}%)",
        score.broken,
        score.blocks,
        share * 100.0
    );
    for miss in &score.misses {
        println!("{miss}");
    }
    Some(score)
}

/// What the engine reaches today: no field may fall below it (raise these as it improves).
const FLOORS: &[(&str, usize)] = &[
    ("author", 36),
    ("complete", 36),
    ("no_header_leak", 17),
    ("parts", 36),
    ("rating", 36),
    ("read", 36),
    ("scenes", 36),
    ("story_start", 36),
    ("title", 36),
    ("wrapped", 36),
];
/// Most blocks broken mid-sentence allowed today, per thousand (2.0 measured).
const MAX_BROKEN_PER_MILLE: usize = 3;

#[test]
fn real_archive_files_do_not_regress() {
    let Some(score) = score_folder() else {
        return;
    };
    for (field, floor) in FLOORS {
        let (passed, total) = score.fields.get(field).copied().unwrap_or_default();
        assert!(passed >= *floor, "{field}: {passed}/{total}, was {floor}");
    }
    assert!(score.broken * 1000 <= score.blocks * MAX_BROKEN_PER_MILLE);
}

#[test]
fn real_archive_files_are_read_as_a_fan_would() {
    let Some(score) = score_folder() else {
        return;
    };
    let mut failed = Vec::new();
    for (field, (passed, total)) in &score.fields {
        if passed * 100 < total * 95 {
            failed.push(format!("{field} {passed}/{total}"));
        }
    }
    if score.broken * 100 >= score.blocks.max(1) {
        failed.push(format!("midsentence {}/{}", score.broken, score.blocks));
    }
    assert!(failed.is_empty(), "below the thresholds: {failed:?}");
}

#[test]
fn titles_and_contents_read_as_a_library_shows_them() {
    let dir = Path::new(REAL);
    let Ok(json) = std::fs::read_to_string(dir.join("truth.json")) else {
        return;
    };
    let truth: Vec<Value> = serde_json::from_str(&json).expect("truth.json parses");
    let mut exact = 0;
    for t in &truth {
        let (Some(file), Some(want)) = (t["file"].as_str(), t["title"].as_str()) else {
            continue;
        };
        let story = Story::read(&dir.join(file)).expect("the file reads");
        // A title found right is shown in the truth's own casing (`BETRAYAL` is `Betrayal`).
        if norm(&story.title) == norm(want) {
            assert_eq!(story.title, want, "{file}");
            exact += 1;
        }
        if file.starts_with("06_") {
            let parts: Vec<&str> = story
                .document
                .parts()
                .iter()
                .map(|p| p.title.as_str())
                .collect();
            assert_eq!(parts, ["Part 1", "Part 2"], "{file}");
        }
    }
    assert!(exact >= 36, "{exact} titles right");
}
