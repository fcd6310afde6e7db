//! The front doors: each file format a story comes in, read into the engine's one
//! [`Story`]. The format is chosen by the bytes, not the name: a ZIP whose first entry is
//! `mimetype` saying `application/epub+zip` is an EPUB, a file whose first tag (after a BOM,
//! whitespace, an XML declaration, a doctype or comments) is `<html>`, `<head>` or `<body>`
//! is HTML, and everything else goes to the text engine exactly as before.
//!
//! The engine (`src/engine`) holds what every format shares (the `Story`, the `Document`,
//! ratings, warnings); this module holds what differs: containers and markup
//! ([`epub`], [`html`], with [`markup`] under both) and the sites' layouts on top of them
//! ([`ao3`], [`fanficfare`], [`fichub`]), which find the same metadata in whichever
//! container; FanFicFare's TXT output has a reader of its own ([`fanficfare_txt`]).

pub mod ao3;
mod assemble;
pub(crate) mod emphasis;
pub mod epub;
pub mod fanficfare;
pub mod fanficfare_txt;
pub mod fichub;
pub mod html;
pub mod markup;
mod opf;
pub mod pictures;
mod targets;
pub mod zipped;

use std::path::Path;

use crate::engine::{Format, ReadError, Story};

pub use assemble::Found;

/// Why an EPUB could not be read as a story.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The ZIP container itself is damaged.
    #[error("not a readable EPUB (the ZIP container is damaged: {0})")]
    Zip(String),
    /// The archive holds more files than any book does.
    #[error("not a readable EPUB (it holds {count} files; the limit is {limit})")]
    TooManyEntries {
        /// Files in the archive.
        count: usize,
        /// The most read.
        limit: usize,
    },
    /// The archive unpacks to more than any story is (a ZIP bomb, or not a story).
    #[error("not a readable EPUB (it unpacks to more than {limit} bytes)")]
    TooLarge {
        /// The most unpacked, in bytes.
        limit: u64,
    },
    /// `META-INF/container.xml` is missing or names no package file.
    #[error("not a readable EPUB (META-INF/container.xml is missing or names no package)")]
    NoContainer,
    /// The package file (OPF) named by the container is missing or unreadable.
    #[error("not a readable EPUB (its package file {0} is missing or unreadable)")]
    NoPackage(String),
    /// No document in the spine could be read: there is no story text.
    #[error("not a readable EPUB (no document in its reading order could be read)")]
    EmptySpine,
    /// A ZIP archive (not an EPUB) with no HTML or text page inside.
    #[error("a ZIP archive with no story page (HTML or text) inside")]
    NoPageInArchive,
    /// A Kindle book or a PDF: formats whose text Ficshelf doesn't read.
    #[error(
        "a {0} file: Ficshelf reads EPUB, HTML and text (AO3, FanFicFare and FicHub offer EPUB and HTML downloads of every work)"
    )]
    NotRead(&'static str),
    /// A ZIP archive of several pages: which is the story is not guessed.
    #[error("a ZIP archive of {0} story pages: unpack it and add them one by one")]
    SeveralPagesInArchive(usize),
}

/// The format the bytes of a file called `file_name` are in, judged by their content: an
/// `.html` file that opens with any tag is HTML too (a saved fragment), but a `.txt` file
/// needs a real document start.
pub fn detect(bytes: &[u8], file_name: &str) -> Format {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let html_name = ["html", "htm", "xhtml"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext));
    // A `.epub` that is a ZIP but breaks the `mimetype`-first rule is still read as one,
    // so that it gets the EPUB reader's words when it fails, not "binary data".
    let zip = bytes.starts_with(b"PK\x03\x04");
    let epub_name = ext.eq_ignore_ascii_case("epub") && zip;
    if epub::is_epub(bytes) || epub_name {
        Format::Epub
    } else if zip && ext.eq_ignore_ascii_case("zip") {
        // FicHub's HTML download: a page zipped (see [`zipped`]).
        Format::Html
    } else if html::is_html(bytes, html_name) {
        Format::Html
    } else {
        Format::Text
    }
}

/// Reads the bytes of the file at `path` (already loaded) as a story, in the format its
/// content shows.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Story, ReadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if let Some(kind) = unread_kind(bytes) {
        return Err(ReadError::Format {
            path: path.to_path_buf(),
            source: FormatError::NotRead(kind),
        });
    }
    match detect(bytes, &name) {
        Format::Text if fanficfare_txt::looks_like(bytes) => fanficfare_txt::parse(path, bytes),
        Format::Text => Story::parse_text_file(path, bytes).map(with_emphasis),
        Format::Html if bytes.starts_with(b"PK\x03\x04") => read_zipped(path, bytes),
        Format::Html => Ok(html::parse(bytes, &name)),
        Format::Epub => epub::parse(bytes, &name).map_err(|source| ReadError::Format {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The e-book formats told by their bytes that are not read: MOBI and AZW3 (a Palm
/// database of type `BOOKMOBI`) and PDF.
pub(crate) fn unread_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.get(60..68) == Some(b"BOOKMOBI".as_slice()) {
        Some("MOBI or AZW3 (Kindle)")
    } else if bytes.starts_with(b"%PDF-") {
        Some("PDF")
    } else {
        None
    }
}

/// The one page inside a ZIP, read as that page.
fn read_zipped(path: &Path, bytes: &[u8]) -> Result<Story, ReadError> {
    let (name, page, inner) = zipped::single_page(bytes).map_err(|source| ReadError::Format {
        path: path.to_path_buf(),
        source,
    })?;
    match page {
        zipped::Page::Html => Ok(html::parse(&inner, &name)),
        zipped::Page::Text => {
            Story::parse_text_file(&path.with_file_name(&name), &inner).map(with_emphasis)
        }
    }
}

/// A text file's `*emphasis*`, `_emphasis_` and `/emphasis/` as italic (and `**this**` as bold), the
/// marks taken out, in the story's prose; headings and scene breaks stay as written.
pub(crate) fn with_emphasis(mut story: Story) -> Story {
    let may_have_marks = |text: &str| memchr::memchr3(b'_', b'*', b'/', text.as_bytes()).is_some();
    if !may_have_marks(story.document.full_text()) {
        return story;
    }
    story.document = std::mem::take(&mut story.document).restyled(|kind, text| {
        use crate::engine::BlockKind::{ListItem, Note, Paragraph, Quote, Verse};
        if !matches!(kind, Paragraph | Verse | Quote | ListItem | Note) || !may_have_marks(text) {
            return None;
        }
        let (plain, spans) = emphasis::extract(text);
        (!spans.is_empty()).then_some((plain, spans))
    });
    story
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_files_marked_emphasis_is_italic_without_its_marks() {
        let text = "Title: Marks\n\nThe tide came in over the flats.\n\nShe was *never* late, and _he_ knew it.\n\n* * *\n\nIt was **hard**, 2*3*4 hard.\n";
        let story = read(Path::new("marks.txt"), text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let doc = &story.document;
        let styled: Vec<(crate::engine::Inline, &str)> = doc
            .blocks()
            .iter()
            .flat_map(|b| doc.spans(b).map(move |s| (s.style, &doc.text(b)[s.range])))
            .collect();
        use crate::engine::Inline;
        assert_eq!(
            styled,
            [
                (Inline::ITALIC, "never"),
                (Inline::ITALIC, "he"),
                (Inline::BOLD, "hard")
            ]
        );
        let texts: Vec<&str> = doc.blocks().iter().map(|b| doc.text(b)).collect();
        assert_eq!(
            texts,
            [
                "The tide came in over the flats.",
                "She was never late, and he knew it.",
                "* * *",
                "It was hard, 2*3*4 hard."
            ]
        );
        assert_eq!(doc.blocks()[2].kind, crate::engine::BlockKind::SceneBreak);
    }

    #[test]
    fn formats_are_told_apart_by_content() {
        assert_eq!(detect(b"Title: X\n\nStory.", "a.html"), Format::Text);
        let page = b"\xEF\xBB\xBF <!DOCTYPE html><html><body>x";
        assert_eq!(detect(page, "a.txt"), Format::Html);
        let fragment = b"<p>a story that opens with a tag</p>";
        assert_eq!(detect(fragment, "a.txt"), Format::Text);
        assert_eq!(detect(fragment, "a.HTM"), Format::Html);
        assert_eq!(detect(b"PK\x03\x04not really a zip", "a.txt"), Format::Text);
        assert_eq!(
            detect(b"PK\x03\x04not really a zip", "a.epub"),
            Format::Epub
        );
    }
}
