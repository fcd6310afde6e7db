//! The first chunk's reading agrees with the whole reading for what the first screens show,
//! and reading in place gives what reading from a borrowed slice gives.

use super::*;
use crate::engine::{BlockKind, Story};

/// A long story in the shape of the generated huge ones: a header, then parts of
/// paragraphs, dialogue, scene breaks and a short line now and then; `wrap` hard-wraps the
/// paragraphs at 72 columns, `crlf` ends the lines the DOS way.
fn long_story(target: usize, wrap: bool, crlf: bool) -> String {
    let mut s = String::from(
        "Title: The Long Road\nAuthor: Jo Writer\nRating: Teen\nWarnings: None\n\
         Summary: A very long story.\n\n\n",
    );
    let words = [
        "an", "orchard", "said", "Isolde", "the", "road", "went", "on", "lantern",
    ];
    let (mut part, mut n) = (0, 0usize);
    while s.len() < target {
        if n % 40 == 0 {
            part += 1;
            s.push_str(&format!("~Part: {part}~\n\n"));
        }
        if n % 13 == 7 {
            s.push_str("* * *\n\n");
        }
        let len = 20 + (n * 7919) % 90;
        let mut para = String::new();
        for k in 0..len {
            para.push_str(words[(n + k * 31) % words.len()]);
            para.push(if k % 11 == 10 { '.' } else { ' ' });
        }
        para = para.trim().to_string() + ".";
        if n % 5 == 2 {
            para = format!("“{para}” Isolde said.");
        }
        if n % 7 == 3 {
            para = format!("She was *very* sure, and _quietly_ so. {para}");
        }
        if wrap {
            let mut line = 0;
            let mut wrapped = String::new();
            for word in para.split(' ') {
                if line + word.len() > 72 {
                    wrapped.push('\n');
                    line = 0;
                } else if line > 0 {
                    wrapped.push(' ');
                }
                wrapped.push_str(word);
                line += word.len() + 1;
            }
            para = wrapped;
        }
        s.push_str(&para);
        s.push_str("\n\n");
        n += 1;
    }
    s.push_str("The End\n\nA/N: Thank you for reading all of it!\n");
    if crlf { s.replace('\n', "\r\n") } else { s }
}

/// Every block of the chunk's reading but those near its cut is the whole reading's.
fn assert_agrees(bytes: &[u8]) {
    let chunk = first_chunk(bytes, "long.txt").expect("a big text file is cut");
    assert!(chunk.len() <= FIRST_CHUNK_BYTES && chunk.len() > FIRST_CHUNK_BYTES / 2);
    // As the app reads them (the emphasis marks too).
    let path = std::path::Path::new("long.txt");
    let first = crate::formats::read(path, chunk).unwrap();
    let whole = read_owned(path, bytes.to_vec()).unwrap();
    assert_eq!(first.title, whole.title);
    assert_eq!(first.author, whole.author);
    assert_eq!(first.rating, whole.rating);
    assert_eq!(first.warnings, whole.warnings);
    assert_eq!(first.fields, whole.fields);
    assert_eq!(first.encoding, whole.encoding);
    let (a, b) = (&first.document, &whole.document);
    let near_cut = a.full_text().len() * 9 / 10;
    let compared = a
        .blocks()
        .iter()
        .take_while(|block| a.text_offset(block) < near_cut)
        .count();
    assert!(compared > 100, "only {compared} blocks compared");
    for (i, (x, y)) in a.blocks().iter().zip(b.blocks()).take(compared).enumerate() {
        assert_eq!(
            (x.kind, a.text(x), a.text_offset(x)),
            (y.kind, b.text(y), b.text_offset(y)),
            "block {i}"
        );
    }
    assert!(whole.document.blocks().len() > first.document.blocks().len());
}

#[test]
fn the_first_chunk_reads_as_the_start_of_the_whole() {
    for (wrap, crlf) in [(false, false), (true, false), (false, true), (true, true)] {
        assert_agrees(long_story(3 * FIRST_CHUNK_BYTES, wrap, crlf).as_bytes());
    }
}

#[test]
fn the_whole_reading_alone_knows_the_end() {
    let text = long_story(3 * FIRST_CHUNK_BYTES, false, false);
    let bytes = text.as_bytes();
    let whole = Story::parse(bytes, "long.txt").unwrap();
    let first = Story::parse(first_chunk(bytes, "long.txt").unwrap(), "long.txt").unwrap();
    assert_eq!(whole.complete, Some(true));
    assert!(whole.document.count(BlockKind::Ending) == 1);
    assert!(first.document.parts().len() < whole.document.parts().len());
}

#[test]
fn small_files_and_other_formats_are_read_whole() {
    assert!(first_chunk(long_story(1000, false, false).as_bytes(), "a.txt").is_none());
    let mut html = b"<!DOCTYPE html><html><body>".to_vec();
    html.extend(long_story(3 * FIRST_CHUNK_BYTES, false, false).bytes());
    assert!(first_chunk(&html, "a.html").is_none());
    let utf16: Vec<u8> = long_story(3 * FIRST_CHUNK_BYTES, false, false)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(first_chunk(&utf16, "a.txt").is_none());
}

#[test]
fn reading_in_place_is_reading_a_copy() {
    let cases: Vec<Vec<u8>> = vec![
        long_story(20_000, true, false).into_bytes(),
        long_story(20_000, false, true).into_bytes(),
        b"\xEF\xBB\xBFTitle: Bom\n\nText.\n \t\nMore text.\n\xC2\xA0\nEnd.".to_vec(),
        b"Title: Latin\n\nCaf\xE9 au lait.\n".to_vec(),
        b"Title: Marks\n\nShe was *very* sure, _really_, and /quietly/ so.\n".to_vec(),
        b"Title: Nul\n\nA stray\0 NUL.\n".to_vec(),
        b"Title: Blank lines\n   \n\t\nText.\n  ".to_vec(),
        Vec::new(),
    ];
    for bytes in cases {
        let borrowed = decode::decode(&bytes);
        let owned = decode_owned(bytes.clone());
        match (borrowed, owned) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.text, b.text);
                assert_eq!((a.encoding, a.replacements), (b.encoding, b.replacements));
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{a:?} vs {b:?}"),
        }
        let path = std::path::Path::new("story.txt");
        let story = read_owned(path, bytes.clone()).map_err(|e| e.to_string());
        let copied = Story::parse_file(path, &bytes).map_err(|e| e.to_string());
        assert_eq!(story, copied);
    }
}
