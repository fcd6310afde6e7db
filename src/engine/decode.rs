//! Decoding: the bytes of a story file to clean text, with the encoding that was used.
//!
//! Fan fiction arrives as UTF-8 (with or without a BOM), UTF-16 with a BOM, and very often
//! Windows-1252 from old mailing lists. The text that comes out has `\n` line endings only,
//! no control characters but tab, and lines that hold only spaces, tabs or no-break spaces
//! are empty, so later stages can look at lines without caring where the file came from.

use std::fmt;

/// How many leading bytes are examined to tell text from binary data.
pub(super) const SNIFF_BYTES: usize = 64 * 1024;

/// The character encoding a story file was decoded from. Saved as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (plain ASCII included).
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// A legacy single- or multi-byte encoding, by its WHATWG name (`windows-1252`, ...).
    Legacy(&'static str),
}

impl Encoding {
    /// The lower-case name shown to users and printed by `ficshelf inspect`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Legacy(name) => name,
        }
    }

    /// The encoding a name from [`Encoding::name`] (or any WHATWG label) stands for.
    pub fn from_name(name: &str) -> Option<Encoding> {
        Some(match name {
            "utf-8" => Encoding::Utf8,
            "utf-8-bom" => Encoding::Utf8Bom,
            "utf-16le" => Encoding::Utf16Le,
            "utf-16be" => Encoding::Utf16Be,
            label => Encoding::Legacy(encoding_rs::Encoding::for_label(label.as_bytes())?.name()),
        })
    }
}

impl serde::Serialize for Encoding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Encoding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Encoding, D::Error> {
        let name = String::deserialize(deserializer)?;
        Encoding::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding {name:?}")))
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why some bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes hold NULs or other binary data: an image, an archive, a program.
    #[error("not a text file (it looks like binary data: {reason})")]
    NotText {
        /// What gave the data away, in words.
        reason: &'static str,
    },
}

/// Text decoded from a story file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The normalised text: `\n` line endings, no control characters but tab.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: Encoding,
    /// How many byte sequences could not be decoded and became U+FFFD, plus the stray
    /// NUL bytes dropped from an otherwise text file.
    pub replacements: usize,
}

/// Decodes the bytes of a story file into normalised text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (raw, encoding, replacements) = decode_raw(bytes)?;
    Ok(Decoded {
        text: normalise(raw),
        encoding,
        replacements,
    })
}

/// Picks the encoding and decodes, without normalising line endings yet.
fn decode_raw(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, Encoding, usize), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, bad) = utf8_lossy(rest);
        return Ok((text, Encoding::Utf8Bom, bad));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(rest, Encoding::Utf16Be));
    }
    let sniff = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sniff.contains(&0)
        && let Some(encoding) = utf16_without_bom(sniff)
    {
        return Ok(utf16(bytes, encoding));
    }
    if memchr::memchr(0, bytes).is_some() {
        return strip_stray_nuls(bytes);
    }
    if is_mostly_control(sniff) {
        return Err(DecodeError::NotText {
            reason: "most of its bytes are control codes",
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.into(), Encoding::Utf8, 0));
    }
    if looks_like_damaged_utf8(bytes) {
        let (text, bad) = utf8_lossy(bytes);
        return Ok((text, Encoding::Utf8, bad));
    }
    let legacy = guess_legacy(bytes);
    let (text, _, had_errors) = legacy.decode(bytes);
    let bad = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    Ok((text, Encoding::Legacy(legacy.name()), bad))
}

/// A text file left with a few NULs by an old transfer is read without them, each one
/// counted as a replacement; a file where NULs are more than a rare accident is binary.
fn strip_stray_nuls(
    bytes: &[u8],
) -> Result<(std::borrow::Cow<'_, str>, Encoding, usize), DecodeError> {
    let nuls = memchr::memchr_iter(0, bytes).count();
    // One NUL in a thousand bytes (at least a few) is damage; more is data.
    if nuls > (bytes.len() / 1000).max(usize::from(bytes.len() >= 256)) {
        return Err(DecodeError::NotText {
            reason: "it contains NUL bytes",
        });
    }
    let clean: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    let (text, encoding, bad) = decode_raw(&clean)?;
    Ok((text.into_owned().into(), encoding, bad + nuls))
}

/// How many bytes of non-ASCII words the detector sees: plenty to tell encodings apart,
/// and it keeps a 50 MB file from costing seconds.
const DETECTOR_SAMPLE_BYTES: usize = 64 * 1024;

/// Picks the legacy encoding of bytes that are not UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    // Curly quotes and dashes as 0x80-0x9F with no other high bytes: only Windows-1252
    // (and its Latin-1 subset, which has nothing there) writes those, and it is the case
    // that old mailing-list files present most often.
    if bytes.iter().fold(0, |high, &b| high.max(b)) < 0xA0 {
        return encoding_rs::WINDOWS_1252;
    }
    let mut detector = chardetng::EncodingDetector::new();
    // The detector learns from the words that hold high bytes, letters around them
    // included; the ASCII words between tell it nothing and used to be most of its work.
    let mut fed = 0;
    let mut rest = bytes;
    while fed <= DETECTOR_SAMPLE_BYTES {
        let Some(high) = rest.iter().position(|&b| b >= 0x80) else {
            break;
        };
        let start = rest[..high]
            .iter()
            .rposition(|&b| b <= b' ')
            .map_or(0, |s| s + 1);
        let end = rest[high..]
            .iter()
            .position(|&b| b <= b' ')
            .map_or(rest.len(), |e| high + e);
        detector.feed(&rest[start..end], false);
        detector.feed(b" ", false);
        fed += end - start;
        rest = &rest[end..];
    }
    detector.feed(b"", true);
    detector.guess(None, false)
}

/// UTF-8 with invalid sequences replaced, and how many were replaced.
fn utf8_lossy(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, usize) {
    let text = String::from_utf8_lossy(bytes);
    let bad = match &text {
        std::borrow::Cow::Borrowed(_) => 0,
        std::borrow::Cow::Owned(s) => count_replacements(s),
    };
    (text, bad)
}

fn utf16(bytes: &[u8], encoding: Encoding) -> (std::borrow::Cow<'_, str>, Encoding, usize) {
    let decoder = match encoding {
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    let bad = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    (text, encoding, bad)
}

fn count_replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// Recognises UTF-16 text that lost its byte-order mark: ASCII-range text leaves every
/// other byte zero, on the odd positions for little-endian and the even ones for big.
fn utf16_without_bom(sniff: &[u8]) -> Option<Encoding> {
    let pairs = sniff.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sniff.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_zero) && rarely(even_zero) {
        Some(Encoding::Utf16Le)
    } else if mostly(even_zero) && rarely(odd_zero) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// True when more than a tenth of the bytes are C0 control codes that text never uses.
pub(super) fn is_mostly_control(sniff: &[u8]) -> bool {
    let is_control = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C);
    // Text has none, and a branch-free "any" compiles to a vectorised loop: only a file
    // that has some pays for counting them.
    if !sniff.iter().fold(false, |any, &b| any | is_control(b)) {
        return false;
    }
    sniff.iter().filter(|&&b| is_control(b)).count() * 10 > sniff.len()
}

/// UTF-8 text with a few broken bytes (a bad copy, a truncated download) is better read as
/// UTF-8 with replacements than as Windows-1252, which would garble every accented letter.
fn looks_like_damaged_utf8(bytes: &[u8]) -> bool {
    // A sample decides it: legacy text shows its invalid bytes early, and a 50 MB file
    // need not be walked twice.
    let sample = &bytes[..bytes.len().min(DETECTOR_SAMPLE_BYTES * 4)];
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        // Each non-ASCII character has one lead byte (0xC0 and up).
        valid_multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid_multibyte > 0 && valid_multibyte >= invalid * 4
}

/// Normalises decoded text: `\n` line endings, no control characters but tab, and lines
/// of only horizontal white space (spaces, tabs, no-break spaces) made empty. Text that is
/// already clean is moved, not copied.
pub fn normalise(raw: std::borrow::Cow<'_, str>) -> String {
    if !needs_cleaning(raw.as_bytes()) {
        return blank_out_empty_looking_lines(raw);
    }
    let mut out = String::with_capacity(raw.len());
    for (i, line) in split_lines(&raw).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if is_blank(line) {
            continue;
        }
        if needs_cleaning(line.as_bytes()) {
            out.extend(line.chars().filter(|&c| !is_dropped(c)));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// True when the text holds a `\r`, a control code, a C1 control, a zero-width space or a
/// stray byte-order mark: anything the slow, careful path must remove.
pub(super) fn needs_cleaning(bytes: &[u8]) -> bool {
    // A fold without early exit compiles to a vectorised loop.
    let control = bytes.iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7F)
    });
    control
        || memchr::memmem::find(bytes, "\u{200B}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{FEFF}".as_bytes()).is_some()
        || memchr::memchr_iter(0xC2, bytes).any(|i| bytes.get(i + 1).is_some_and(|&n| n < 0xA0))
}

/// The common case: `\n` endings and clean characters already, so only lines that hold
/// nothing but white space need emptying. Only a line that begins with a space, a tab or a
/// non-ASCII character can be one, so most lines are passed over at their first byte.
fn blank_out_empty_looking_lines(raw: std::borrow::Cow<'_, str>) -> String {
    let bytes = raw.as_bytes();
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    let mut blanks = line_starts.filter(|&start| {
        bytes
            .get(start)
            .is_some_and(|&b| b == b' ' || b == b'\t' || b >= 0x80)
            && {
                let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
                is_blank(&raw[start..end])
            }
    });
    let Some(first) = blanks.next() else {
        return raw.into_owned();
    };
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    for start in std::iter::once(first).chain(blanks) {
        out.push_str(&raw[copied..start]);
        copied = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
    }
    out.push_str(&raw[copied..]);
    out
}

/// Splits on `\r\n`, lone `\r` and `\n`.
fn split_lines(raw: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(raw);
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr2(b'\n', b'\r', text.as_bytes()) {
            Some(i) => {
                let skip = if text[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[i + skip..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Characters dropped from the text: control codes other than tab, and the stray
/// byte-order marks and zero-width spaces that copy-and-paste leaves behind.
fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{FEFF}' | '\u{200B}')
}

/// True for a line that holds nothing a reader could see.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

/// Horizontal white space, including the no-break spaces that pad "blank" lines.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_dropped(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).unwrap_or_else(|e| panic!("decode failed: {e}"))
    }

    #[test]
    fn utf8_plain_and_ascii() {
        let d = ok("Title: Café\n".as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "Title: Café\n");
        assert_eq!(ok(b"plain").encoding.name(), "utf-8");
    }

    #[test]
    fn utf8_bom_is_stripped_and_recorded() {
        let d = ok(b"\xEF\xBB\xBFHello");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "Hello");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = ok(&le);
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Le, "Hé\n"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = ok(&be);
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Be, "Hé"));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Title: Lost mark\nStory."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = ok(&le);
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "Title: Lost mark\nStory.");
    }

    #[test]
    fn windows_1252_curly_quotes() {
        // “It’s mine,” she said – with 0x93/0x92/0x94 and an en dash 0x96.
        let bytes = b"\x93It\x92s mine,\x94 she said \x96 and left. Caf\xe9 au lait.\r\n";
        let d = ok(bytes);
        assert_eq!(d.encoding.name(), "windows-1252");
        assert_eq!(d.text, "“It’s mine,” she said – and left. Café au lait.\n");
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_replacement() {
        let mut bytes = "Déjà vu, “quoted”, naïve café. ".repeat(4).into_bytes();
        bytes.extend_from_slice(b"broken \xFF byte");
        let d = ok(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replacements, 1);
        assert!(d.text.contains("naïve") && d.text.contains("broken \u{FFFD} byte"));
    }

    #[test]
    fn binary_data_is_an_error() {
        let jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01";
        assert!(matches!(decode(jpeg), Err(DecodeError::NotText { .. })));
        assert!(matches!(
            decode(&[0u8; 64]),
            Err(DecodeError::NotText { .. })
        ));
        let controls: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
        let err = decode(&controls).map(|d| d.text);
        assert!(matches!(err, Err(DecodeError::NotText { .. })), "{err:?}");
    }

    #[test]
    fn a_stray_nul_in_text_is_dropped_and_counted() {
        let mut text = b"A story that ends with a stray byte. ".repeat(40);
        text.push(0);
        let d = ok(&text);
        assert_eq!(d.replacements, 1);
        assert!(!d.text.contains('\0'));
        let mostly_nul: Vec<u8> = b"ab\0\0\0\0\0\0".repeat(100);
        assert!(decode(&mostly_nul).is_err());
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(ok(b"a\r\nb\rc\nd").text, "a\nb\nc\nd");
        assert_eq!(ok(b"a\r\n\r\n").text, "a\n\n");
    }

    #[test]
    fn blank_looking_lines_become_empty() {
        let d = ok(" summary: x\n\u{a0} \t\nStory".as_bytes());
        assert_eq!(d.text, " summary: x\n\nStory");
    }

    #[test]
    fn control_characters_are_dropped_but_tab_kept() {
        let text = ok(b"She said\x07 hello.\tThen she left the room\x1b and the door closed.");
        assert_eq!(
            text.text,
            "She said hello.\tThen she left the room and the door closed."
        );
    }

    #[test]
    fn encodings_are_saved_by_name() {
        for e in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Legacy("windows-1252"),
        ] {
            let json = serde_json::to_string(&e).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", e.name()));
            assert_eq!(serde_json::from_str::<Encoding>(&json).ok(), Some(e));
        }
        assert!(serde_json::from_str::<Encoding>("\"klingon\"").is_err());
    }

    #[test]
    fn empty_input_is_empty_text() {
        let d = ok(b"");
        assert_eq!((d.text.as_str(), d.encoding), ("", Encoding::Utf8));
    }
}
