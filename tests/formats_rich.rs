//! Rich text from EPUB and HTML downloads: inline styles (italics, bold, underline,
//! strikethrough) kept as runs beside the text, block quotes, lists and image placeholders
//! as their own blocks, and plain text stories left without any.

mod common;

use common::formats::{read, runs};
use std::path::Path;

use ficshelf::engine::{BlockKind, Inline, Story};

#[test]
fn rich_text_from_an_ao3_download_keeps_its_styles_quotes_lists_and_images() {
    let s = read("ao3_lamplighters_ledger.html");
    let doc = &s.document;
    let of_kind = |kind: BlockKind| -> Vec<&str> {
        doc.blocks()
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| doc.text(b))
            .collect()
    };
    assert_eq!(
        of_kind(BlockKind::Quote),
        ["Merrow, out of Kell, twelve crew. Cargo: none declared."]
    );
    assert_eq!(
        of_kind(BlockKind::ListItem),
        [
            "The ship was early.",
            "The ship was light.",
            "1. Ask the harbourmaster.",
            "2. Ask nobody else."
        ]
    );
    assert_eq!(
        of_kind(BlockKind::Image),
        ["A sketch of Gull Point light"],
        "an image is its alt text, never fetched"
    );
    let runs = runs(&s);
    let has = |text: &str, style: Inline| runs.iter().any(|(t, s)| t == text && *s == style);
    assert!(has("Merrow", Inline::ITALIC), "{runs:?}");
    assert!(has("none declared", Inline::BOLD), "{runs:?}");
    assert!(has("light", Inline::BOLD), "{runs:?}");
    assert!(has("nobody else", Inline::UNDERLINE), "{runs:?}");
    assert!(has("hoped for", Inline::STRIKE), "{runs:?}");
    assert!(
        has("Chapter Notes:", Inline::BOLD),
        "a note's label: {runs:?}"
    );
    // The text itself reads as before: styles are beside it, not in it.
    assert!(
        doc.full_text()
            .contains("It was not the ship she had hoped for expected.")
    );
}

#[test]
fn italics_in_an_ao3_epub_chapter() {
    let s = read("ao3_salt_road.epub");
    let runs = runs(&s);
    assert!(
        runs.iter()
            .any(|(t, s)| t == "nothing" && *s == Inline::ITALIC),
        "{runs:?}"
    );
}

#[test]
fn a_plain_text_story_has_no_styled_runs() {
    let s = Story::parse_text_file(
        Path::new("plain.txt"),
        b"Title: Plain\n\nShe said *never* and meant it.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.document.has_spans());
}
