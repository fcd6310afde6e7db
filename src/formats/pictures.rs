//! The bytes of a picture a story shows: an entry of its EPUB, or a file beside its HTML
//! page. Never fetched from the web, never outside the book (an entry that climbs out of
//! the archive, an absolute path, a path that climbs out of the page's folder), and never
//! more than [`MAX_PICTURE_BYTES`] however the archive describes itself.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path};

use zip::ZipArchive;

use super::{epub, targets};

/// The most bytes of one picture read (inflated): larger is not a story's picture.
pub const MAX_PICTURE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a picture can't be shown.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// An address on the web, or a path that leaves the book.
    #[error("the picture is not inside the story's file or folder")]
    Outside,
    /// The book or its folder has no such picture.
    #[error("the picture is missing")]
    Missing,
    /// Larger than any picture of a story.
    #[error("the picture is larger than {} MB", MAX_PICTURE_BYTES / (1024 * 1024))]
    TooLarge,
    /// The file could not be read.
    #[error("the picture could not be read: {0}")]
    Io(#[from] io::Error),
}

/// The bytes of picture `src` (as the story's document names it: a path inside the EPUB,
/// or relative to the HTML page) of the story file at `story`.
pub fn picture_bytes(story: &Path, src: &str) -> Result<Vec<u8>, PictureError> {
    if src.is_empty() || targets::has_scheme(src) || src.starts_with('/') {
        return Err(PictureError::Outside);
    }
    let climbs = Path::new(src)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if climbs {
        return Err(PictureError::Outside);
    }
    let mut file = File::open(story)?;
    let mut head = [0u8; 64];
    let n = read_up_to(&mut file, &mut head)?;
    if epub::is_epub(&head[..n]) || head.starts_with(b"PK\x03\x04") {
        let mut zip = ZipArchive::new(File::open(story)?).map_err(|_| PictureError::Missing)?;
        let entry = zip.by_name(src).map_err(|_| PictureError::Missing)?;
        return bounded(entry);
    }
    let folder = story.parent().ok_or(PictureError::Missing)?;
    let file = File::open(folder.join(src)).map_err(|_| PictureError::Missing)?;
    bounded(file)
}

/// True for an address a browser can open: `http`, `https` or `mailto` (the only links
/// the reader hands to the browser, and only on a click).
pub fn is_web_address(target: &str) -> bool {
    let lower = target.get(..8).unwrap_or(target).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Everything `r` gives, or an error past [`MAX_PICTURE_BYTES`] (counted as it comes, not
/// taken from a header).
fn bounded(r: impl Read) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    r.take(MAX_PICTURE_BYTES + 1).read_to_end(&mut out)?;
    if out.len() as u64 > MAX_PICTURE_BYTES {
        return Err(PictureError::TooLarge);
    }
    Ok(out)
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn book(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new().suffix(".epub").tempfile().unwrap();
        {
            let mut zip = zip::ZipWriter::new(f.as_file_mut());
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("mimetype", stored).unwrap();
            zip.write_all(b"application/epub+zip").unwrap();
            for (name, bytes) in entries {
                zip.start_file(*name, stored).unwrap();
                zip.write_all(bytes).unwrap();
            }
            zip.finish().unwrap();
        }
        f
    }

    #[test]
    fn a_picture_comes_from_inside_the_book_only() {
        let f = book(&[("OEBPS/images/map.png", b"not really a png")]);
        let bytes = picture_bytes(f.path(), "OEBPS/images/map.png").unwrap();
        assert_eq!(bytes, b"not really a png");
        assert!(matches!(
            picture_bytes(f.path(), "OEBPS/images/none.png"),
            Err(PictureError::Missing)
        ));
        for outside in ["../map.png", "/etc/passwd", "https://example.org/a.png", ""] {
            assert!(
                matches!(picture_bytes(f.path(), outside), Err(PictureError::Outside)),
                "{outside}"
            );
        }
    }

    #[test]
    fn beside_an_html_page_but_not_above_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        std::fs::write(dir.path().join("img/a.gif"), b"GIF89a").unwrap();
        let page = dir.path().join("story.html");
        std::fs::write(&page, "<html><body><img src=\"img/a.gif\"></body></html>").unwrap();
        assert_eq!(picture_bytes(&page, "img/a.gif").unwrap(), b"GIF89a");
        assert!(matches!(
            picture_bytes(&page, "img/../../a.gif"),
            Err(PictureError::Outside)
        ));
    }
}
