//! Opening a story the way a text editor does: the first chunk of a big plain-text file is
//! read on its own so that its title page and first screen show at once, while the whole
//! file is read beside the window; and the whole file is decoded in place, so that a story
//! costs one copy of its text rather than its bytes, their decoding and the document at once.
//!
//! The first chunk is cut at a blank line, so that its blocks are the whole reading's blocks
//! up to near the cut (the unit tests hold them to it); what the whole file alone can tell
//! (later posts, the closing line and afterword, the word count, the parts) comes with the
//! whole reading, which replaces the chunk's.

use super::decode::{self, DecodeError, Decoded, Encoding};
use super::{ReadError, Story};
use std::path::Path;

/// How much of a big file is read for its first screen.
pub const FIRST_CHUNK_BYTES: usize = 256 * 1024;

/// The first chunk of a plain-text story's bytes, cut after a blank line (or, failing one,
/// a line end) before [`FIRST_CHUNK_BYTES`]; `None` when the file is small enough to read
/// whole at once or is not text that can be cut there (UTF-16, EPUB, HTML, FanFicFare's
/// TXT, which is known by its last line).
pub fn first_chunk<'a>(bytes: &'a [u8], file_name: &str) -> Option<&'a [u8]> {
    if bytes.len() <= FIRST_CHUNK_BYTES * 2 || crate::formats::fanficfare_txt::looks_like(bytes) {
        return None;
    }
    head_chunk(&bytes[..FIRST_CHUNK_BYTES], file_name)
}

/// The first chunk from a big file's first [`FIRST_CHUNK_BYTES`] alone (the formats are
/// told apart by their first bytes), so that the rest need not be read before it shows.
/// A head that names FanFicFare's table of contents is not cut: whether the file is
/// FanFicFare's TXT shows only at its end.
pub fn head_chunk<'a>(head: &'a [u8], file_name: &str) -> Option<&'a [u8]> {
    if head.len() < FIRST_CHUNK_BYTES
        || head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || crate::formats::detect(head, file_name) != super::Format::Text
        || crate::formats::unread_kind(head).is_some()
        || memchr::memmem::find(head, b"\nTABLE OF CONTENTS\n").is_some()
    {
        return None;
    }
    let head = &head[..FIRST_CHUNK_BYTES];
    // UTF-16 without a byte-order mark has NULs all through; cutting it would split units.
    if memchr::memchr(0, head).is_some() {
        return None;
    }
    let cut = memchr::memmem::rfind(head, b"\n\n")
        .or_else(|| memchr::memmem::rfind(head, b"\r\n\r\n").map(|i| i + 2))
        .or_else(|| memchr::memrchr(b'\n', head))?;
    Some(&head[..cut + 1])
}

/// Decodes a file's bytes, taking them over: UTF-8 that needs no cleaning (the common case)
/// becomes the text without a copy; anything else is decoded as [`decode::decode`] does
/// and the bytes are dropped as soon as it is.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = &bytes[if bom { 3 } else { 0 }..];
    let sniff = &body[..body.len().min(decode::SNIFF_BYTES)];
    let plain = !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && memchr::memchr(0, body).is_none()
        && !decode::is_mostly_control(sniff)
        && !decode::needs_cleaning(body)
        && std::str::from_utf8(body).is_ok();
    if !plain {
        return decode::decode(&bytes);
    }
    if bom {
        bytes.drain(..3);
    }
    blank_out_in_place(&mut bytes);
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Decoded {
        text,
        encoding: if bom {
            Encoding::Utf8Bom
        } else {
            Encoding::Utf8
        },
        replacements: 0,
    })
}

/// Empties, in place, the lines that hold only white space ([`decode::is_blank`]), as
/// [`decode::normalise`] does; whole lines go, so valid UTF-8 stays valid.
fn blank_out_in_place(bytes: &mut Vec<u8>) {
    let (mut read, mut write) = (0, 0);
    let len = bytes.len();
    while read < len {
        let end = memchr::memchr(b'\n', &bytes[read..]).map_or(len, |i| read + i);
        let blank =
            end > read && std::str::from_utf8(&bytes[read..end]).is_ok_and(decode::is_blank);
        if !blank {
            bytes.copy_within(read..end, write);
            write += end - read;
        }
        if end < len {
            bytes[write] = b'\n';
            write += 1;
        }
        read = end + 1;
    }
    bytes.truncate(write);
}

/// Reads a story from a file's bytes, taking them over (see [`decode_owned`]): plain text
/// is read in place; EPUB and HTML as [`crate::formats::read`] reads them.
pub fn read_owned(path: &Path, bytes: Vec<u8>) -> Result<Story, ReadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::formats::detect(&bytes, &name) != super::Format::Text
        || crate::formats::fanficfare_txt::looks_like(&bytes)
        || crate::formats::unread_kind(&bytes).is_some()
    {
        return crate::formats::read(path, &bytes);
    }
    let decoded = decode_owned(bytes).map_err(|source| ReadError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    // As `formats::read` reads a text file: its marked emphasis as italics.
    Ok(crate::formats::with_emphasis(Story::from_decoded(
        decoded, &name,
    )))
}

#[cfg(test)]
#[path = "opening_tests.rs"]
mod tests;
