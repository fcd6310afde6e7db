//! Hostile EPUB and HTML files, made at test time: a ZIP bomb, a path-traversal entry, a
//! missing package, a spine pointing nowhere, a 100,000-chapter spine, an archive of too
//! many files, broken XHTML and a 200 MB HTML file. Each gives a clear error of its own
//! or a best-effort story, within the time limits the text engine keeps.

mod common;

use std::io::{Cursor, Write as _};
use std::time::{Duration, Instant};

use ficshelf::engine::{ReadError, Story};
use ficshelf::formats::epub::{MAX_ENTRIES, MAX_SPINE_DOCS};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// How long one file may take (debug builds are about ten times slower than release, and
/// the tests share two cores with other builds).
const LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 5 });
/// The same for the 200 MB HTML file.
const HUGE_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 30 });

const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

const CHAPTER: &str = r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body><h2>Chapter</h2><p>The lamp had to be lit by six.</p></body></html>"#;

/// An OPF whose manifest and spine are the given `(id, href)` items, in order.
fn opf(items: &[(String, String)], spine: &[String]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Hostile</dc:title></metadata><manifest>"#,
    );
    for (id, href) in items {
        s.push_str(&format!(
            r#"<item id="{id}" href="{href}" media-type="application/xhtml+xml"/>"#
        ));
    }
    s.push_str("</manifest><spine>");
    for id in spine {
        s.push_str(&format!(r#"<itemref idref="{id}"/>"#));
    }
    s.push_str("</spine></package>");
    s
}

/// An EPUB: `mimetype` first and stored, then `files` deflated.
fn epub(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/epub+zip").expect("zip");
    for (name, bytes) in files {
        zip.start_file(*name, deflated).expect("zip");
        zip.write_all(bytes).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// Reads `bytes` as a file called `name`, within `limit`; returns the result.
fn read_within(name: &str, bytes: &[u8], limit: Duration) -> Result<Story, ReadError> {
    let file = common::temp_file(name, bytes);
    let start = Instant::now();
    let result = Story::read(&file);
    let took = start.elapsed();
    println!("{name}: {:.2} s", took.as_secs_f64());
    assert!(took < limit, "{name} took {took:?}");
    result
}

fn error_of(result: Result<Story, ReadError>) -> String {
    match result {
        Ok(s) => panic!("expected an error, got a story titled {:?}", s.title),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_zip_bomb_is_refused() {
    // 300 MB of zeros deflate to about 300 KB: past the inflate budget of one book.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/epub+zip").expect("zip");
    zip.start_file("META-INF/container.xml", deflated)
        .expect("zip");
    zip.write_all(CONTAINER.as_bytes()).expect("zip");
    let items = [("c".to_string(), "bomb.xhtml".to_string())];
    zip.start_file("content.opf", deflated).expect("zip");
    zip.write_all(opf(&items, &["c".into()]).as_bytes())
        .expect("zip");
    zip.start_file("bomb.xhtml", deflated).expect("zip");
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..300 {
        zip.write_all(&zeros).expect("zip");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024, "a small file");
    let message = error_of(read_within("bomb.epub", &bytes, LIMIT));
    assert!(message.contains("unpacks to more than"), "{message}");
    assert!(
        message.contains("bomb.epub"),
        "the error names the file: {message}"
    );
}

#[test]
fn a_path_traversal_entry_is_never_read() {
    let evil = b"<html><body><p>Outside the book.</p></body></html>".as_slice();
    let items = [
        ("a".to_string(), "../../evil.xhtml".to_string()),
        ("b".to_string(), "ch1.xhtml".to_string()),
    ];
    let package = opf(&items, &["a".into(), "b".into()]);
    let bytes = epub(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("content.opf", package.as_bytes()),
        ("../../evil.xhtml", evil),
        ("ch1.xhtml", CHAPTER.as_bytes()),
    ]);
    let story = read_within("traversal.epub", &bytes, LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert!(!story.document.full_text().contains("Outside"));
    assert!(story.document.full_text().contains("lamp"));
}

#[test]
fn a_missing_package_or_container_is_a_clear_error() {
    let bytes = epub(&[("META-INF/container.xml", CONTAINER.as_bytes())]);
    let message = error_of(read_within("no-opf.epub", &bytes, LIMIT));
    assert!(message.contains("content.opf is missing"), "{message}");
    let bytes = epub(&[("content.opf", b"<package/>".as_slice())]);
    let message = error_of(read_within("no-container.epub", &bytes, LIMIT));
    assert!(message.contains("container.xml"), "{message}");
    let message = error_of(read_within("not-a-zip.epub", b"PK\x03\x04garbage", LIMIT));
    assert!(message.contains("ZIP container is damaged"), "{message}");
}

#[test]
fn a_spine_pointing_nowhere() {
    let items = [("a".to_string(), "missing.xhtml".to_string())];
    let package = opf(&items, &["a".into(), "no-such-id".into()]);
    let bytes = epub(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("content.opf", package.as_bytes()),
    ]);
    let message = error_of(read_within("nowhere.epub", &bytes, LIMIT));
    assert!(
        message.contains("no document in its reading order"),
        "{message}"
    );
    // With one real chapter among the dangling entries: the chapter, best effort.
    let items = [
        ("a".to_string(), "missing.xhtml".to_string()),
        ("b".to_string(), "ch1.xhtml".to_string()),
    ];
    let package = opf(&items, &["x".into(), "a".into(), "b".into()]);
    let bytes = epub(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("content.opf", package.as_bytes()),
        ("ch1.xhtml", CHAPTER.as_bytes()),
    ]);
    let story = read_within("mostly-nowhere.epub", &bytes, LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(story.title, "Hostile");
    assert_eq!(story.document.parts().len(), 1);
}

#[test]
fn a_100000_chapter_spine_is_read_as_far_as_the_limit() {
    let items = [("c".to_string(), "c.xhtml".to_string())];
    let spine = vec!["c".to_string(); 100_000];
    let package = opf(&items, &spine);
    let bytes = epub(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("content.opf", package.as_bytes()),
        ("c.xhtml", CHAPTER.as_bytes()),
    ]);
    let story = read_within("long-spine.epub", &bytes, LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(story.document.parts().len(), MAX_SPINE_DOCS);
}

#[test]
fn an_archive_of_too_many_files_is_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/epub+zip").expect("zip");
    for n in 0..=MAX_ENTRIES {
        zip.start_file(format!("f{n}"), stored).expect("zip");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    let message = error_of(read_within("many.epub", &bytes, LIMIT));
    assert!(message.contains("files; the limit is"), "{message}");
}

#[test]
fn broken_xhtml_gives_what_can_be_read() {
    let broken: &[u8] =
        b"<?xml version=\"1.0\"?><html><body><p>Good start.<p class=unterminated \"x>Lost?\
        <div><<<>>> &amp &bogus; </i></b><p>After the \xff mess.</p></span></html><p attr=\"";
    let items = [("a".to_string(), "broken.xhtml".to_string())];
    let package = opf(&items, &["a".into()]);
    let bytes = epub(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("content.opf", package.as_bytes()),
        ("broken.xhtml", broken),
    ]);
    let story = read_within("broken.epub", &bytes, LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert!(story.document.full_text().contains("Good start."));
    // The same markup as a lone HTML file.
    let story = read_within("broken.html", broken, LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert!(story.document.full_text().contains("Good start."));
    // Unclosed nesting 200,000 elements deep.
    let deep = format!(
        "<html><body>{}<p>Deep.</p></body></html>",
        "<div><span>".repeat(100_000)
    );
    let story = read_within("deep.html", deep.as_bytes(), LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert!(story.document.full_text().contains("Deep."));
}

#[test]
fn a_200_mb_html_file_is_read_within_the_limit() {
    const SIZE: usize = 200 * 1024 * 1024;
    let para = "<p>The lamp had to be lit by six, and <em>Mara</em> had never once been late &amp; never would be.</p>\n";
    let mut html = String::with_capacity(SIZE + para.len() * 2);
    html.push_str("<!DOCTYPE html><html><head><title>Huge</title></head><body>\n");
    let mut n: usize = 0;
    while html.len() < SIZE {
        if n.is_multiple_of(500) {
            html.push_str(&format!("<h2>Chapter {}</h2>\n", n / 500 + 1));
        }
        html.push_str(para);
        n += 1;
    }
    html.push_str("</body></html>\n");
    let story =
        read_within("huge.html", html.as_bytes(), HUGE_LIMIT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(story.title, "Huge");
    assert_eq!(story.document.parts().len(), n.div_ceil(500));
    assert!(story.document.words() >= n * 18);
}
