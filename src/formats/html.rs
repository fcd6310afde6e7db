//! One HTML or XHTML file as a story: recognised by its first tags, decoded by its BOM or
//! `<meta charset>` (else UTF-8, else Windows-1252), read into chunks by [`super::markup`],
//! and handed to the AO3 or FanFicFare reader when it is their layout, or read plainly:
//! `<title>` or the first `<h1>` as the title, `<meta name="author">` as the author.

use crate::engine::{Encoding, Format, Story};

use super::assemble::{self, Found, Piece, Source};
use super::markup::{self, Chunk, ChunkKind};
use super::{ao3, fanficfare, fichub};

/// How far into a file its charset declaration is looked for (HTML's own prescan limit).
const PRESCAN_BYTES: usize = 1024;

/// True when the file opens like an HTML document: after a BOM, whitespace, an XML
/// declaration, comments and a doctype, the first tag is `html`, `head` or `body` (or any
/// tag at all when `html_name` says the file is called `.html`).
pub fn is_html(bytes: &[u8], html_name: bool) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let (text, _, _) = bom_or_utf8(head).decode(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let lower = rest.get(..9).unwrap_or(rest).to_ascii_lowercase();
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if lower.starts_with("<!doctype") {
            return rest
                .get(9..16)
                .is_some_and(|d| d.trim_start().to_ascii_lowercase().starts_with("html"))
                || html_name;
        } else {
            None
        };
        match skip {
            Some(i) => rest = rest[i..].trim_start(),
            None => break,
        }
    }
    let tag: String = rest
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase();
    let tag = tag.rsplit(':').next().unwrap_or("");
    matches!(tag, "html" | "head" | "body") || (html_name && !tag.is_empty())
}

fn bom_or_utf8(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    encoding_rs::Encoding::for_bom(bytes).map_or(encoding_rs::UTF_8, |(e, _)| e)
}

/// The text of an HTML file and how it was decoded.
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used.
    pub encoding: Encoding,
    /// Byte sequences that could not be decoded.
    pub replacements: usize,
}

/// Decodes HTML bytes: a BOM wins, then a `<meta charset>` (or `http-equiv` content type,
/// or XML declaration) in the first kilobyte, then UTF-8 if the bytes are valid UTF-8, else
/// Windows-1252, as browsers do.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (enc, bom) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, len)) => (e, len > 0),
        None => match declared_charset(bytes) {
            Some(e) => (e, false),
            None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, false),
            None => (encoding_rs::WINDOWS_1252, false),
        },
    };
    let (text, _, _) = enc.decode(bytes);
    let replacements = text.matches('\u{fffd}').count();
    let encoding = if enc == encoding_rs::UTF_8 {
        if bom {
            Encoding::Utf8Bom
        } else {
            Encoding::Utf8
        }
    } else if enc == encoding_rs::UTF_16LE {
        Encoding::Utf16Le
    } else if enc == encoding_rs::UTF_16BE {
        Encoding::Utf16Be
    } else {
        Encoding::Legacy(enc.name())
    };
    Decoded {
        text: text.into_owned(),
        encoding,
        replacements,
    }
}

/// As [`decode`], for bytes the caller gives up: UTF-8 with no BOM and no other charset
/// declared becomes the text without a copy (an EPUB's documents, nearly always).
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    let declared_other = || declared_charset(&bytes).is_some_and(|e| e != encoding_rs::UTF_8);
    if bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || declared_other()
    {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: Encoding::Utf8,
            replacements: 0,
        },
        Err(e) => decode(e.as_bytes()),
    }
}

/// The encoding named by `charset=` or `encoding=` in the first kilobyte.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let at = find_ascii_caseless(head, b"charset=")
        .map(|i| i + 8)
        .or_else(|| find_ascii_caseless(head, b"encoding=").map(|i| i + 9))?;
    let value = &head[at..];
    let value = &value[value
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .unwrap_or(value.len())..];
    let end = value
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(value.len());
    // Labels are matched without regard to ASCII case.
    let enc = encoding_rs::Encoding::for_label(&value[..end])?;
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML's rule).
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        },
    )
}

/// Where `needle` (lower-case ASCII) first is in `hay`, ignoring ASCII case.
fn find_ascii_caseless(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).find(|&i| {
        hay[i..]
            .get(..needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Reads one HTML file as a story; never fails (a page with no text is an empty story).
pub fn parse(bytes: &[u8], file_name: &str) -> Story {
    let decoded = decode(bytes);
    let author = meta_author(&decoded.text);
    let title_link = h1_link(&decoded.text);
    let mut chunks = Vec::new();
    markup::chunks(&decoded.text, 0, &mut chunks);
    super::targets::resolve(&mut chunks, "");
    // Each copy of a 200 MB page's text is dropped as soon as the next one is made.
    drop(decoded.text);
    let (found, body) = if ao3::is_ao3(&chunks) {
        ao3::read(&chunks)
    } else if fanficfare::is_fanficfare(&chunks) {
        let (mut found, body) = fanficfare::read(&chunks, &[]);
        // FanFicFare's HTML links the title to the story and states the address nowhere
        // else (its EPUB has `dc:source`).
        let m = &mut found.meta;
        m.source_url = m.source_url.take().or(title_link);
        (found, body)
    } else if let Some(read) = fichub::read_html(&chunks) {
        read
    } else {
        plain(&chunks)
    };
    drop(chunks);
    let found = found.or(Found {
        authors: author.into_iter().collect(),
        ..Found::default()
    });
    let source = Source {
        format: Format::Html,
        encoding: decoded.encoding,
        replacements: decoded.replacements,
    };
    assemble::story(found, &body, source, file_name)
}

/// A page in no known layout: the `<title>` (else the first `h1`) is the title, every
/// other chunk story text.
pub fn plain(chunks: &[Chunk]) -> (Found, Vec<Piece>) {
    let title = chunks
        .iter()
        .find(|c| c.kind == ChunkKind::Title)
        .or_else(|| chunks.iter().find(|c| c.kind == ChunkKind::Heading(1)))
        .map(|c| c.text.clone());
    let body = chunks.iter().filter_map(assemble::block).collect();
    let found = Found {
        title,
        ..Found::default()
    };
    (found, body)
}

/// The web address the first `<h1>` links to, if it is one.
fn h1_link(text: &str) -> Option<String> {
    let head = &text[..text.floor_char_boundary(65_536)];
    let start = head.find("<h1")?;
    let end = start + head[start..].find("</h1")?;
    let h1 = &head[start..end];
    let at = h1.find("href=")? + 5;
    let quote = h1[at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let value = &h1[at + 1..];
    let url = &value[..value.find(quote)?];
    url.starts_with("http").then(|| url.to_string())
}

/// `<meta name="author" content="...">` in the first part of the page.
fn meta_author(text: &str) -> Option<String> {
    let head = &text[..text.floor_char_boundary(8192)];
    let head = head.get(..head.find("</head").unwrap_or(head.len()))?;
    let i = head.find("name=\"author\"")?;
    let tag_start = head[..i].rfind('<')?;
    let tag_end = i + head[i..].find('>')?;
    let tag = &head[tag_start..tag_end];
    let c = tag.find("content=\"")? + 9;
    let value = &tag[c..c + tag[c..].find('"')?];
    (!value.trim().is_empty()).then(|| value.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::BlockKind;

    #[test]
    fn html_is_found_after_comments_and_declarations() {
        assert!(is_html(b"<?xml version='1.0'?>\n<!-- x --><html>", false));
        assert!(is_html(b"\n\n<!DOCTYPE HTML PUBLIC \"-//W3C\"><p>", false));
        assert!(is_html(b"<BODY>text", false));
        assert!(!is_html(b"<b>Title</b>: a story", false));
        assert!(is_html(b"<b>Title</b>: a story", true));
        assert!(!is_html(b"Plain story.", true));
    }

    #[test]
    fn meta_charset_and_bom_are_honoured() {
        let latin = b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p>";
        let d = decode(latin);
        assert!(d.text.contains("caf\u{e9}"));
        assert_eq!(d.encoding, Encoding::Legacy("windows-1252"));
        let d = decode(b"\xEF\xBB\xBF<html><p>x</p>");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        let d = decode(b"<html><p>caf\xe9</p>");
        assert!(d.text.contains("caf\u{e9}"));
        // Any ASCII case, quoted or not, in a meta's content type or an XML declaration.
        for page in [
            &b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; CHARSET=ISO-8859-1\"><p>caf\xe9"[..],
            b"<?xml version='1.0' Encoding='Windows-1252'?><p>caf\xe9",
        ] {
            let d = decode(page);
            assert!(d.text.contains("caf\u{e9}"), "{page:?}");
            assert_eq!(d.encoding, Encoding::Legacy("windows-1252"), "{page:?}");
        }
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let pages: [&[u8]; 5] = [
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p>",
            b"\xEF\xBB\xBF<html><p>x</p>",
            b"<html><p>caf\xe9</p>",
            "<html><p>caf\u{e9} \u{2014} d\u{e9}j\u{e0}</p>".as_bytes(),
            b"\xFF\xFE<\0p\0>\0",
        ];
        for page in pages {
            let (a, b) = (decode(page), decode_owned(page.to_vec()));
            assert_eq!((a.text, a.encoding), (b.text, b.encoding), "{page:?}");
        }
    }

    #[test]
    fn a_plain_page_gives_title_author_and_text_only() {
        let page =
            br#"<html><head><title>Paper Boats</title><meta name="author" content="Wren"/></head>
            <body><h1>Paper Boats</h1><p>One.</p><hr/><p>Two.</p></body></html>"#;
        let s = parse(page, "boats.html");
        assert_eq!(s.title, "Paper Boats");
        assert_eq!(s.author.as_deref(), Some("Wren"));
        assert!(s.metadata.fandoms.is_empty());
        assert_eq!(s.document.count(BlockKind::SceneBreak), 1);
        assert_eq!(s.document.parts().len(), 1);
    }
}
