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

/// Each block's links, as (linked words, target).
fn links(doc: &ficshelf::engine::Document) -> Vec<(String, String)> {
    doc.blocks()
        .iter()
        .flat_map(|b| {
            doc.links(b)
                .map(|(r, t)| (doc.text(b)[r].to_string(), t.to_string()))
        })
        .collect()
}

#[test]
fn an_epubs_picture_footnote_links_and_table_are_kept() {
    let s = read("plain_night_ferry.epub");
    let doc = &s.document;
    // The cover page is pictures only: left to the title page, not a placeholder.
    let images: Vec<_> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Image)
        .collect();
    assert_eq!(images.len(), 1);
    assert_eq!(doc.text(images[0]), "The night ferry at its mooring");
    let src = doc.picture(images[0]).expect("the chapter's picture");
    assert_eq!(
        src, "EPUB/images/ferry.png",
        "resolved against the chapter's folder"
    );
    let bytes = ficshelf::formats::pictures::picture_bytes(
        &common::formats::fixture("plain_night_ferry.epub"),
        src,
    )
    .unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "the picture comes out of the book"
    );

    assert_eq!(
        links(doc),
        [
            ("1".to_string(), "EPUB/text/ch1.xhtml#fn1".to_string()),
            ("the harbour".into(), "EPUB/text/ch2.xhtml#harbour".into()),
            ("online".into(), "https://example.org/timetable".into()),
        ]
    );
    let at = |target: &str| doc.anchor(target).map(|k| doc.text(&doc.blocks()[k]));
    assert_eq!(
        at("EPUB/text/ch1.xhtml#fn1"),
        Some("1. It had not, in fact, always left at ten."),
        "the footnote link finds the note"
    );
    assert_eq!(at("EPUB/text/ch2.xhtml#harbour"), Some("Two"));
    assert_eq!(
        at("EPUB/text/ch2.xhtml#"),
        Some("Two"),
        "a chapter's file is its start"
    );
    assert_eq!(at("https://example.org/timetable"), None);

    let table = doc
        .blocks()
        .iter()
        .find(|b| doc.text(b).starts_with("From"))
        .expect("the table");
    assert_eq!(table.kind, BlockKind::Verse, "rows kept as lines");
    assert_eq!(
        doc.text(table),
        "From | Message\nPell | missed the last one\nInes | wait at the harbour"
    );
}

#[test]
fn ao3s_end_notes_are_a_place_links_can_go_to() {
    let s = read("ao3_lamplighters_ledger.html");
    let doc = &s.document;
    let k = doc
        .anchor("#endnotes")
        .expect("div#endnotes names the work's end notes");
    let b = &doc.blocks()[k];
    assert_eq!(b.kind, BlockKind::Note);
    assert_eq!(doc.text(b), "End Notes:\nThank you for reading.");
}
