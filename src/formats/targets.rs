//! Links, anchors and pictures named the way the book names its own files, so that a link
//! can find the place it goes to: `chapter2.xhtml#note1` for an EPUB (paths inside the
//! archive, relative hrefs resolved against the document that holds them), `#note1` for a
//! single HTML file. An address with a scheme (`https:`, `mailto:`) is left as written: it
//! is the web's, shown and opened only on a click, never fetched.

use super::markup::{Chunk, ChunkKind};
use super::opf;

/// True for an address with a scheme (`https://...`, `mailto:...`, `data:...`).
pub fn has_scheme(target: &str) -> bool {
    let Some(colon) = target.find(':') else {
        return false;
    };
    let scheme = &target[..colon];
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The name of the place `href` goes to from the document at `doc_path` (empty for a
/// single HTML file): `path#fragment`.
pub fn place(doc_path: &str, href: &str) -> String {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = if path.is_empty() {
        doc_path.to_string()
    } else {
        opf::resolve(&opf::folder_of(doc_path), path)
    };
    format!("{path}#{fragment}")
}

/// Names the links, anchors and pictures of one document's chunks as the book does; the
/// document's first chunk is also the place its own path goes to (a link to a chapter's
/// file without a fragment).
pub fn resolve(chunks: &mut [Chunk], doc_path: &str) {
    for chunk in chunks.iter_mut() {
        for link in &mut chunk.refs.links {
            if !has_scheme(&link.target) {
                link.target = place(doc_path, &link.target);
            }
        }
        for anchor in &mut chunk.refs.anchors {
            *anchor = format!("{doc_path}#{anchor}");
        }
        if let Some(picture) = &mut chunk.refs.picture
            && !has_scheme(picture)
        {
            *picture = opf::resolve(&opf::folder_of(doc_path), picture);
        }
    }
    let shown = chunks.iter_mut().find(|c| c.kind != ChunkKind::Title);
    if let Some(first) = shown {
        first.refs.anchors.push(format!("{doc_path}#"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_with_a_scheme_are_the_webs() {
        assert!(has_scheme("https://archiveofourown.org/works/1"));
        assert!(has_scheme("mailto:someone@example.org"));
        assert!(!has_scheme("chapter2.xhtml#n1"));
        assert!(!has_scheme("#n1"));
        assert!(!has_scheme("c:x")); // one letter: a drive, not a scheme
    }

    #[test]
    fn places_resolve_against_the_document() {
        assert_eq!(
            place("OEBPS/Text/ch1.xhtml", "#n1"),
            "OEBPS/Text/ch1.xhtml#n1"
        );
        assert_eq!(
            place("OEBPS/Text/ch1.xhtml", "ch2.xhtml#n1"),
            "OEBPS/Text/ch2.xhtml#n1"
        );
        assert_eq!(
            place("OEBPS/Text/ch1.xhtml", "../Notes/notes.xhtml"),
            "OEBPS/Notes/notes.xhtml#"
        );
        assert_eq!(place("", "#endnotes"), "#endnotes");
    }
}
