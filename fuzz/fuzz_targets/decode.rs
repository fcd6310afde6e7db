//! Decoding: any bytes give clean text or a clear "not text" error, never a panic.
#![no_main]

use ficshelf::engine::decode::{self, Encoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode::decode(data) else {
        return;
    };
    let text = &decoded.text;
    // What the module promises later stages: `\n` endings, no control characters but tab,
    // no stray byte-order marks or zero-width spaces, no lines of only white space.
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\t' && c != '\n')
                || c == '\u{FEFF}'
                || c == '\u{200B}'),
        "control characters left in {text:?}"
    );
    assert!(
        text.split('\n')
            .all(|line| line.is_empty() || !decode::is_blank(line)),
        "a blank-looking line was kept in {text:?}"
    );
    assert_eq!(
        decode::normalise(text.as_str().into()),
        *text,
        "normalising twice changes the text"
    );
    // Each replacement is a U+FFFD in the text, or a stray NUL dropped from the bytes.
    let nuls = data.iter().filter(|&&b| b == 0).count();
    assert!(decoded.replacements <= text.chars().filter(|&c| c == '\u{FFFD}').count() + nuls);
    assert_eq!(
        Encoding::from_name(decoded.encoding.name()),
        Some(decoded.encoding)
    );
});
