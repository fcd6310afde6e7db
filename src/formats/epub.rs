//! EPUB 2 and 3 as a story: the ZIP container (read with the `zip` crate, inflating at most
//! [`MAX_INFLATED_BYTES`] in all and refusing more than [`MAX_ENTRIES`] files, so a ZIP bomb
//! is a clear error and not an exhausted machine), the package (see [`super::opf`]), the
//! spine's documents in order through [`super::markup`], and the nav or NCX titles as
//! chapter headings when the documents have none. AO3 and FanFicFare books are handed to
//! their readers, FicHub's to its introduction's reader; any other EPUB gives what its
//! package says (title, author, subjects as tags) and nothing invented.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::engine::{BlockKind, Encoding, Format, Story};

use super::assemble::{self, Found, Piece, Source};
use super::markup::{self, Chunk, ChunkKind};
use super::{FormatError, ao3, fanficfare, fichub, html, opf, targets};

/// No book holds more files than this; an archive that does is not read.
pub const MAX_ENTRIES: usize = 20_000;
/// The most bytes inflated from one archive, all entries together (a story's text is far
/// smaller; images are never inflated).
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// The most spine documents read; a longer spine is read this far (a best-effort story).
pub const MAX_SPINE_DOCS: usize = 5_000;
/// The most bytes of one package file (container, OPF, NCX, nav).
const MAX_PACKAGE_BYTES: u64 = 16 * 1024 * 1024;

/// True when the bytes are a ZIP whose first entry is `mimetype`, as EPUB requires.
pub fn is_epub(bytes: &[u8]) -> bool {
    let name_len = bytes.get(26..28).map(|b| u16::from_le_bytes([b[0], b[1]]));
    bytes.starts_with(b"PK\x03\x04")
        && name_len == Some(8)
        && bytes.get(30..38) == Some(b"mimetype".as_slice())
}

/// How many more bytes may be inflated from this archive.
struct Budget {
    left: u64,
}

/// Reads an EPUB as a story.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Story, FormatError> {
    let mut zip =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::Zip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(FormatError::TooManyEntries {
            count: zip.len(),
            limit: MAX_ENTRIES,
        });
    }
    let mut budget = Budget {
        left: MAX_INFLATED_BYTES,
    };
    let container = entry(
        &mut zip,
        "META-INF/container.xml",
        MAX_PACKAGE_BYTES,
        &mut budget,
    )?
    .ok_or(FormatError::NoContainer)?;
    let opf_path =
        opf::rootfile(&String::from_utf8_lossy(&container)).ok_or(FormatError::NoContainer)?;
    let package = entry(&mut zip, &opf_path, MAX_PACKAGE_BYTES, &mut budget)?
        .ok_or_else(|| FormatError::NoPackage(opf_path.clone()))?;
    let pkg = opf::package(&html::decode(&package).text, &opf_path);

    let mut chunks = Vec::new();
    let mut docs: Vec<(u32, String)> = Vec::new();
    let mut replacements = 0;
    for (index, id) in pkg.spine.iter().take(MAX_SPINE_DOCS).enumerate() {
        let Some(item) = pkg.items.get(id) else {
            continue; // a spine entry pointing nowhere
        };
        if !is_document(&item.media_type) || item.properties.contains("nav") {
            continue;
        }
        let Some(raw) = entry(&mut zip, &item.path, budget.left, &mut budget)? else {
            continue;
        };
        let decoded = html::decode_owned(raw);
        replacements += decoded.replacements;
        let doc = u32::try_from(index).unwrap_or(u32::MAX);
        let from = chunks.len();
        markup::chunks(&decoded.text, doc, &mut chunks);
        targets::resolve(&mut chunks[from..], &item.path);
        drop_picture_page(&mut chunks, from);
        docs.push((doc, item.path.clone()));
    }
    if docs.is_empty() {
        return Err(FormatError::EmptySpine);
    }
    let (found, body) = if ao3::is_ao3(&chunks) {
        ao3::read(&chunks)
    } else if pkg.by_fanficfare || fanficfare::is_fanficfare(&chunks) {
        fanficfare::read(&chunks, &pkg.subjects)
    } else if let Some((found, intro)) = fichub::read(&chunks) {
        // The introduction is the title page's, not story.
        chunks.retain(|c| c.doc != intro);
        // Only books in no site's layout take their chapter titles from the navigation.
        let titles = toc_titles(&mut zip, &pkg, &mut budget)?;
        let (_, body) = plain(&chunks, &docs, &titles, &[]);
        (found, body)
    } else {
        let titles = toc_titles(&mut zip, &pkg, &mut budget)?;
        plain(&chunks, &docs, &titles, &pkg.subjects)
    };
    drop(chunks);
    let source = Source {
        format: Format::Epub,
        encoding: Encoding::Utf8,
        replacements,
    };
    Ok(assemble::story(
        found.or(pkg.found),
        &body,
        source,
        file_name,
    ))
}

/// A document that is only pictures (a cover, a scanned title page) shows nothing the
/// title page doesn't: its images are left out rather than shown as placeholders.
fn drop_picture_page(chunks: &mut Vec<Chunk>, from: usize) {
    let new = chunks.get(from..).unwrap_or_default();
    let pictures_only = new.iter().any(|c| c.kind == ChunkKind::Image)
        && new
            .iter()
            .all(|c| matches!(c.kind, ChunkKind::Image | ChunkKind::Title));
    if pictures_only {
        chunks.truncate(from);
    }
}

fn is_document(media_type: &str) -> bool {
    matches!(
        media_type,
        "application/xhtml+xml" | "text/html" | "application/xml" | "text/x-oeb1-document"
    )
}

/// A book in no known layout: its text, with the table of contents' title as a heading
/// for each document that doesn't open with one; the package's subjects are its tags.
fn plain(
    chunks: &[Chunk],
    docs: &[(u32, String)],
    titles: &HashMap<String, String>,
    subjects: &[String],
) -> (Found, Vec<Piece>) {
    let doc_titles: HashMap<u32, &String> = docs
        .iter()
        .filter_map(|(doc, path)| titles.get(path).map(|t| (*doc, t)))
        .collect();
    let mut body = Vec::new();
    let mut last_doc = None;
    for (i, c) in chunks.iter().enumerate() {
        if last_doc != Some(c.doc) {
            last_doc = Some(c.doc);
            let opens_with_heading = chunks[i..]
                .iter()
                .take_while(|x| x.doc == c.doc)
                .find(|x| x.kind != ChunkKind::Title)
                .is_some_and(|x| matches!(x.kind, ChunkKind::Heading(_)));
            if let Some(title) = doc_titles.get(&c.doc).filter(|t| !t.is_empty())
                && !opens_with_heading
            {
                body.push(Piece::plain(BlockKind::Heading, (*title).clone()));
            }
        }
        body.extend(assemble::block(c));
    }
    let mut found = Found::default();
    found.meta.tags = subjects.to_vec();
    (found, body)
}

/// Chapter titles by document path, from the nav document (EPUB 3) or the NCX (EPUB 2).
fn toc_titles(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    pkg: &opf::Package,
    budget: &mut Budget,
) -> Result<HashMap<String, String>, FormatError> {
    let nav = pkg.items.values().find(|i| i.properties.contains("nav"));
    let ncx = pkg
        .ncx
        .as_ref()
        .and_then(|id| pkg.items.get(id))
        .or_else(|| {
            pkg.items
                .values()
                .find(|i| i.media_type == "application/x-dtbncx+xml")
        });
    let Some(item) = nav.or(ncx) else {
        return Ok(HashMap::new());
    };
    Ok(match entry(zip, &item.path, MAX_PACKAGE_BYTES, budget)? {
        Some(bytes) => opf::toc(&html::decode(&bytes).text, &item.path),
        None => HashMap::new(),
    })
}

/// The inflated bytes of entry `name`, or `None` when the archive has no such entry or it
/// is larger than `max` (a package file too large is treated as missing). Inflating past
/// the archive's whole budget is an error: the book is refused, not half read.
fn entry(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: u64,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, FormatError> {
    // A name that climbs out of the archive (`../../x`) or is absolute is never read, even
    // when an entry is called that: nothing outside the book belongs to it.
    if name.starts_with("../") || name.starts_with('/') || name.contains("/../") {
        return Ok(None);
    }
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let limit = max.min(budget.left);
    // Room for what the header says, within the limit (a lie costs only this much).
    let mut out = Vec::with_capacity(file.size().min(limit).min(16 * 1024 * 1024) as usize);
    // The sizes in the headers are the archive's word only: count what really comes out.
    let read = file.take(limit + 1).read_to_end(&mut out);
    if read.is_err() {
        return Ok(None); // a damaged entry: skipped like a missing one
    }
    let got = out.len() as u64;
    if got > limit {
        if limit == budget.left {
            return Err(FormatError::TooLarge {
                limit: MAX_INFLATED_BYTES,
            });
        }
        return Ok(None);
    }
    budget.left -= got;
    Ok(Some(out))
}
