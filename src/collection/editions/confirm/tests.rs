//! Tests of finding text editions at scan time: found, kept apart, cached.

use std::cell::Cell;

use super::*;
use crate::collection::editions::Editions;
use crate::collection::index::scan;

/// A plain-text story by Ren Aldous: `parts` parts of distinct sentences, `seed` telling
/// one story from another of the same title.
fn text(title: &str, seed: &str, parts: usize) -> String {
    let mut out = format!("Title: {title}\nAuthor: Ren Aldous\n\n");
    for part in 1..=parts {
        out.push_str(&format!("Part {part}\n\n"));
        for para in 0..4 {
            for k in 0..5 {
                out.push_str(&format!(
                    "The {seed} in part {part} counted lamp {k} of row {para} at the tide. "
                ));
            }
            out.push_str("\n\n");
        }
    }
    out
}

fn write(root: &std::path::Path, name: &str, text: &str) {
    crate::storage::write_atomic(&root.join(name), text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_text_story_saved_again_is_found_and_its_verdict_kept() {
    let dir = crate::testing::TestDir::named("text-editions");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    write(
        &root,
        "watch-v1.txt",
        &format!("{}To be continued\n", text("The Long Watch", "keeper", 1)),
    );
    write(&root, "watch-v2.txt", &text("The Long Watch", "keeper", 2));
    write(&root, "watch-v3.txt", &text("The Long Watch", "keeper", 3));
    // Two different stories titled "Untitled" by the same author.
    write(&root, "untitled-a.txt", &text("Untitled", "keeper", 1));
    write(&root, "untitled-b.txt", &text("Untitled", "ferryman", 2));
    // A copy of the second edition, wrapped the same but with a marker: a copy.
    write(
        &root,
        "watch-copy.txt",
        &format!("{}TBC\n", text("The Long Watch", "keeper", 2)),
    );

    let first = scan(&root, Some(&cache), 2);
    let c = &first.collection;
    let name = |hash: &str| {
        c.find_hash(hash)
            .map(|e| e.file_name().into_owned())
            .unwrap_or_default()
    };
    let mut pairs: Vec<(String, String)> = c
        .grown
        .iter()
        .map(|g| (name(&g.old), name(&g.new)))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("watch-copy.txt".to_string(), "watch-v3.txt".to_string()),
            ("watch-v1.txt".into(), "watch-v3.txt".into()),
            ("watch-v2.txt".into(), "watch-v3.txt".into()),
        ],
        "the Untitled stories stay apart"
    );
    let v3 = c
        .entries
        .iter()
        .position(|e| e.path.ends_with("watch-v3.txt"))
        .unwrap_or(99);
    let v1 = c
        .entries
        .iter()
        .position(|e| e.path.ends_with("watch-v1.txt"))
        .unwrap_or(99);
    let editions = Editions::build(&c.entries, &c.grown);
    assert_eq!(editions.older(v3).len(), 3);
    assert_eq!(editions.newest_of(v1), Some(v3));
    let growth = editions
        .growth(v1, v3)
        .unwrap_or_else(|| panic!("no growth"));
    assert_eq!(growth.new_parts, 2, "parts 2 and 3 are new");
    for (i, e) in c.entries.iter().enumerate() {
        if e.meta.title == "Untitled" {
            assert!(!editions.is_older(i) && editions.older(i).is_empty());
        }
    }

    // A warm scan reads no file again and finds the same.
    let second = scan(&root, Some(&cache), 2);
    assert_eq!(second.reused, 6);
    assert_eq!(second.collection.grown, c.grown);
    let cards: Vec<&Entry> = c.entries.iter().collect();
    let judged = confirm(&cards, &[], read_document);
    assert!(judged.fresh);
    let reads = Cell::new(0);
    let again = confirm(&cards, &judged.checked, |e| {
        reads.set(reads.get() + 1);
        read_document(e)
    });
    assert_eq!(
        (reads.get(), again.fresh),
        (0, false),
        "the verdicts are reused"
    );
    assert_eq!(again.grown, judged.grown);

    // A file changed since its card was made is not judged on stale words.
    write(&root, "watch-v1.txt", "Title: The Long Watch\n\nGone.\n");
    let stale = confirm(&cards, &[], read_document);
    assert!(!stale.grown.iter().any(|g| g.old == c.entries[v1].hash));
}
