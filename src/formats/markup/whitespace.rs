//! White space as HTML collapses it, found fast: where a word ends (eight bytes looked at
//! a time), how much white space starts a text, whether a text is already collapsed (one
//! space between words, the common case, taken whole), and each line of a block trimmed with
//! its styled runs and links moved along.

use crate::engine::{Link, Span};

/// White space as HTML collapses it: any Unicode white space but the no-break space.
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// True when `b` is already as HTML collapses it: not empty, no white space at either
/// end, none but single spaces between words (no tab, line break or Unicode space).
/// Eight bytes are looked at a time: a run of plain ASCII letters and single spaces is
/// passed over whole, and only eight bytes holding a control or non-ASCII byte are looked
/// at one by one.
pub(super) fn is_collapsed(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    if b.first().is_none_or(|&c| c == b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    // Whether the byte before `i` was a space.
    let mut after_space = false;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Any byte below a space or above ASCII ("has less than": exact for any, not per
        // byte): these eight are looked at one by one.
        if (x.wrapping_sub(ONES * 0x20) & !x & HIGHS) | (x & HIGHS) != 0 {
            if !bytes_collapsed(b, i, i + 8, after_space) {
                return false;
            }
        } else {
            // A high bit on each byte that is a space (exact per byte), then two in a row,
            // counting the space that may end the eight before.
            let t = x ^ (ONES * 0x20);
            let spaces = !(((t & LOWS) + LOWS) | t) & HIGHS;
            if spaces & ((spaces << 8) | u64::from(after_space) << 7) != 0 {
                return false;
            }
        }
        after_space = chunk[7] == b' ';
        i += 8;
    }
    bytes_collapsed(b, i, b.len(), after_space)
}

/// [`is_collapsed`] for the bytes `from..to` of `b`, one by one; `after_space` says whether
/// the byte before `from` was a space.
fn bytes_collapsed(b: &[u8], from: usize, to: usize, mut after_space: bool) -> bool {
    for i in from..to {
        let plain = match b[i] {
            b' ' => !after_space,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => false,
            // The lead bytes of Unicode's spaces (U+0085, U+1680, U+2000-U+200A, U+2028,
            // U+2029, U+202F, U+205F, U+3000): looked at closely; every other is text.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => !starts_unicode_space(&b[i..]),
            _ => true,
        };
        if !plain {
            return false;
        }
        after_space = b[i] == b' ';
    }
    true
}

/// True when `b` starts with a Unicode space other than the no-break space.
fn starts_unicode_space(b: &[u8]) -> bool {
    match b {
        [0xc2, 0x85, ..]
        | [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => true,
        [0xe2, 0x80, x, ..] => matches!(x, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
        _ => false,
    }
}

/// How many bytes of white space `s` starts with (ASCII byte by byte, the rest decoded).
pub(super) fn space_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&byte) = b.get(i) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i += 1,
            0..=0x7f => break,
            _ => match s[i..].chars().next() {
                Some(c) if is_space(c) => i += c.len_utf8(),
                _ => break,
            },
        }
    }
    i
}

/// How many bytes `s` has before its first white space. Eight bytes are looked at a time:
/// only a byte at or below a space, or above ASCII, can end a word.
pub(super) fn word_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        i = next_candidate(b, i);
        let Some(&byte) = b.get(i) else {
            return b.len();
        };
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return i,
            0..=0x7f => i += 1, // another control character: part of the word
            _ => match s[i..].chars().next() {
                Some(c) if is_space(c) => return i,
                Some(c) => i += c.len_utf8(),
                None => return b.len(),
            },
        }
    }
}

/// The first byte from `from` on that is at or below a space, or above ASCII (or the
/// length).
fn next_candidate(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A high bit where a byte is below 0x21 (the classic "has less than" test) or
        // has its own high bit set.
        let low = x.wrapping_sub(ONES * 0x21) & !x & HIGHS;
        let flagged = low | (x & HIGHS);
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&byte) = b.get(i) {
        if byte <= b' ' || byte >= 0x80 {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// Trims each line and drops blank ones at either end (`<br>` before `</p>`), moving the
/// styled runs with their text.
pub(super) fn tidy_lines(
    text: String,
    spans: Vec<Span>,
    links: Vec<Link>,
) -> (String, Vec<Span>, Vec<Link>) {
    if !text.contains('\n') && text.trim() == text {
        return (text, spans, links);
    }
    // The kept piece of each line, as a byte range of `text`.
    let mut pieces = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        pieces.push(at + lead..at + lead + line.trim().len());
        at += line.len() + 1;
    }
    let first = pieces
        .iter()
        .position(|p| !p.is_empty())
        .unwrap_or(pieces.len());
    let last = pieces
        .iter()
        .rposition(|p| !p.is_empty())
        .map_or(0, |i| i + 1);
    let pieces = pieces.get(first..last).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    // Where each piece starts in the new text.
    let mut starts = Vec::with_capacity(pieces.len());
    for (k, p) in pieces.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        starts.push(out.len());
        out.push_str(&text[p.clone()]);
    }
    let moved = |old: usize| {
        let k = pieces.partition_point(|p| p.end < old);
        match pieces.get(k) {
            Some(p) => starts[k] + old.clamp(p.start, p.end) - p.start,
            None => out.len(),
        }
    };
    let spans = spans
        .into_iter()
        .map(|s| Span {
            range: moved(s.range.start)..moved(s.range.end),
            style: s.style,
        })
        .filter(|s| !s.range.is_empty())
        .collect();
    let links = links
        .into_iter()
        .map(|l| Link {
            range: moved(l.range.start)..moved(l.range.end),
            target: l.target,
        })
        .filter(|l| !l.range.is_empty())
        .collect();
    (out, spans, links)
}
