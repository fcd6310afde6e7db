//! Bad input read from real files: each gives a clear error or a sensible story, never a
//! panic.

mod common;

use common::temp_file as write;
use ficshelf::engine::{BlockKind, ReadError, Story};

#[test]
fn empty_file_is_an_empty_story_named_after_the_file() {
    let s = Story::read(&write("empty_story.txt", b"")).expect("an empty file is a story");
    assert_eq!(s.title, "Empty story");
    assert!(s.document.blocks().is_empty());
}

#[test]
fn binary_file_is_a_clear_error() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let err = Story::read(&write("image.txt", &png)).expect_err("binary is not a story");
    assert!(matches!(err, ReadError::Decode { .. }));
    assert!(err.to_string().contains("image.txt") && err.to_string().contains("not a text file"));
}

#[test]
fn invalid_utf8_is_decoded_not_refused() {
    let s = Story::read(&write(
        "cp1252.txt",
        b"Title: Caf\xe9 Nights\n\nShe said \x93hello\x94 and left.\n",
    ))
    .expect("legacy text reads");
    assert_eq!(s.title, "Café Nights");
    assert_eq!(s.encoding.name(), "windows-1252");
}

#[test]
fn a_one_megabyte_line_without_newline() {
    let line = "and the sea went on ".repeat(52_429);
    let s = Story::read(&write("one-line.txt", line.as_bytes())).expect("reads");
    assert_eq!(s.document.count(BlockKind::Paragraph), 1);
    assert_eq!(s.document.words(), 52_429 * 5);
}

#[test]
fn a_file_of_only_a_header() {
    let s = Story::read(&write(
        "header.txt",
        b"Title: Nothing Yet\nAuthor: Kay\nRating: G\n",
    ))
    .expect("reads");
    assert_eq!(s.title, "Nothing Yet");
    assert!(s.document.blocks().is_empty());
}

#[test]
fn ten_thousand_blank_lines() {
    let s = Story::read(&write("blank.txt", "\r\n".repeat(10_000).as_bytes())).expect("reads");
    assert!(s.document.blocks().is_empty());
    assert_eq!(s.document.words(), 0);
}

#[test]
fn a_hundred_thousand_one_character_lines() {
    let text = "a\n".repeat(100_000);
    let s = Story::read(&write("short-lines.txt", text.as_bytes())).expect("reads");
    assert_eq!(s.document.words(), 100_000);
}

#[test]
fn utf16_without_a_byte_order_mark() {
    let bytes: Vec<u8> = "Title: Lost Mark\n\nThe story goes on."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let s = Story::read(&write("utf16.txt", &bytes)).expect("reads");
    assert_eq!(s.title, "Lost Mark");
}

#[test]
fn a_folder_is_not_a_file() {
    let file = write("x.txt", b"x");
    let dir = file.with_file_name("story-folder.txt");
    std::fs::create_dir_all(&dir).expect("mkdir");
    assert!(matches!(Story::read(&dir), Err(ReadError::NotAFile { .. })));
}
