//! A generated collection (`../shared/tools/gen_library.py`): every story's header and
//! body shape must match the generator's manifest. Catches heuristics that break at scale.
//!
//! Two deliberate differences from the manifest: the generator rates `PG` as Teen where
//! DOMAIN.md (and Ficshelf) says General, and Ficshelf adds warning categories named in a
//! rating's reasons (`R for language and violence`), which the manifest does not.

use std::path::Path;
use std::process::Command;

mod common;

use common::{Mismatches, rating_from_code};
use ficshelf::engine::{BlockKind, RatingLevel, Story, TitleSource, WarningCategory};
use serde_json::Value;

const COUNT: &str = "300";

fn category(name: &str) -> Option<WarningCategory> {
    Some(match name {
        "death" => WarningCategory::CharacterDeath,
        "violence" => WarningCategory::Violence,
        "noncon" => WarningCategory::RapeNoncon,
        "underage" => WarningCategory::Underage,
        "selfharm" => WarningCategory::SelfHarm,
        "suicide" => WarningCategory::Suicide,
        _ => return None,
    })
}

#[test]
fn generated_collection_matches_its_manifest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/tools/gen_library.py");
    let temp = tempfile::Builder::new()
        .prefix("ficshelf-synthetic-")
        .tempdir()
        .expect("a test folder");
    let out = temp.path().join("library");
    let made = script.exists()
        && Command::new("python3")
            .arg(&script)
            .args(["--count", COUNT, "--seed", "7", "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !made {
        println!("skipped: python3 or {} is not available", script.display());
        return;
    }
    let manifest_path = out.with_file_name(format!(
        "{}.manifest.json",
        out.file_name().unwrap_or_default().to_string_lossy()
    ));
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).expect("manifest"))
            .expect("json");
    let mut mismatches = Mismatches::default();
    for m in &manifest {
        let file = m["file"].as_str().unwrap_or_default();
        let s = Story::read(&out.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let mut check = |what: &str, ok: bool, got: &dyn std::fmt::Debug| {
            mismatches.check(file, what, ok, got, &m[what])
        };
        match m["title"].as_str() {
            Some(t) => check("title", s.title == t, &s.title),
            None => check(
                "title",
                s.title_source == TitleSource::FileName,
                &s.title_source,
            ),
        }
        check(
            "author",
            s.author.as_deref() == m["author"].as_str(),
            &s.author,
        );
        let want = match m["rating_raw"].as_str() {
            Some("PG") => RatingLevel::General,
            _ => rating_from_code(m["rating"].as_str().unwrap_or("")),
        };
        check("rating", s.rating.level == want, &s.rating.level);
        check(
            "pairing",
            s.pairing() == m["pairing"].as_str(),
            &s.pairing(),
        );
        check(
            "summary",
            s.summary() == m["summary"].as_str(),
            &s.summary(),
        );
        for c in m["warnings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| category(c.as_str()?))
        {
            check("warnings", s.warnings.has(c), &s.warnings.categories);
        }
        let parts = s.document.parts().len() as u64;
        check("parts", Some(parts) == m["parts"].as_u64(), &parts);
        let breaks = s.document.count(BlockKind::SceneBreak) as u64;
        check(
            "scene_breaks",
            Some(breaks) == m["scene_breaks"].as_u64(),
            &breaks,
        );
        check(
            "layout",
            s.document.hard_wrapped() == (m["layout"] == "wrapped"),
            &s.document.hard_wrapped(),
        );
    }
    let _ = std::fs::remove_file(&manifest_path);
    mismatches.assert_none();
}
