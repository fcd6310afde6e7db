//! A ZIP archive holding one story page: FicHub's HTML download (the page zipped, for
//! the pictures beside it) and any archive a fan made of one story's HTML or text file.
//! The page inside is read as that page would be; an archive of several stories is a
//! clear error that asks for it to be unpacked, never a guess at which one was meant. The
//! same limits as an EPUB's keep a ZIP bomb an error, not an exhausted machine.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::FormatError;
use super::epub::{MAX_ENTRIES, MAX_INFLATED_BYTES};

/// The kind of page found inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `.html`, `.htm` or `.xhtml`.
    Html,
    /// `.txt` and the other text extensions.
    Text,
}

/// The one story page inside a ZIP: its name, kind and bytes.
pub fn single_page(bytes: &[u8]) -> Result<(String, Page, Vec<u8>), FormatError> {
    let mut zip =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::Zip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(FormatError::TooManyEntries {
            count: zip.len(),
            limit: MAX_ENTRIES,
        });
    }
    let pages: Vec<(String, Page)> = zip
        .file_names()
        .flatten()
        .filter(|name| !name.ends_with('/') && !name.starts_with("__MACOSX/"))
        .filter_map(|name| page_kind(&name).map(|kind| (name.to_string(), kind)))
        .collect();
    let (name, kind) = match pages.as_slice() {
        [] => return Err(FormatError::NoPageInArchive),
        [one] => one.clone(),
        more => return Err(FormatError::SeveralPagesInArchive(more.len())),
    };
    let file = zip
        .by_name(&name)
        .map_err(|e| FormatError::Zip(e.to_string()))?;
    let mut out = Vec::new();
    // Counted as it comes out: the sizes in the headers are only the archive's word.
    file.take(MAX_INFLATED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| FormatError::Zip(e.to_string()))?;
    if out.len() as u64 > MAX_INFLATED_BYTES {
        return Err(FormatError::TooLarge {
            limit: MAX_INFLATED_BYTES,
        });
    }
    let base = name.rsplit('/').next().unwrap_or(&name).to_string();
    Ok((base, kind, out))
}

fn page_kind(name: &str) -> Option<Page> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Page::Html),
        "txt" | "text" | "fic" => Some(Page::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, bytes) in entries {
                zip.start_file(*name, opts).unwrap();
                zip.write_all(bytes).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn the_one_page_inside_is_found_beside_its_pictures() {
        let z = zip_of(&[
            ("the-quiet-harbour/", b""),
            (
                "the-quiet-harbour/the-quiet-harbour.html",
                b"<html>x</html>",
            ),
            ("the-quiet-harbour/cover.jpg", b"\xff\xd8"),
        ]);
        let (name, kind, bytes) = single_page(&z).unwrap();
        assert_eq!(name, "the-quiet-harbour.html");
        assert_eq!(kind, Page::Html);
        assert_eq!(bytes, b"<html>x</html>");
    }

    #[test]
    fn none_or_several_pages_are_clear_errors() {
        let none = zip_of(&[("cover.jpg", b"\xff\xd8")]);
        assert!(matches!(
            single_page(&none),
            Err(FormatError::NoPageInArchive)
        ));
        let two = zip_of(&[("a.txt", b"One."), ("b.html", b"<p>Two.</p>")]);
        let err = single_page(&two).unwrap_err();
        assert!(matches!(err, FormatError::SeveralPagesInArchive(2)));
        assert!(err.to_string().contains("unpack"), "{err}");
    }
}
