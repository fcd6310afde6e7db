//! Word counts as `wc -w` would give them, less the tokens with no letter or digit (a
//! dash, an ellipsis), in a form the compiler vectorises: the count runs on every block.

/// Counts words: runs of non-space characters holding at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    let b = text.as_bytes();
    count_tokens(b) - count_punctuation_tokens(b)
}

/// After decoding, the only bytes up to 0x20 are space, tab and newline: one compare,
/// which the compiler vectorises.
fn is_space_byte(c: u8) -> bool {
    c <= b' '
}

/// Space-separated tokens, as `wc -w` counts them; written without branches so the
/// compiler vectorises it.
fn count_tokens(b: &[u8]) -> usize {
    let first = usize::from(b.first().is_some_and(|&c| !is_space_byte(c)));
    let next = b.get(1..).unwrap_or_default();
    let starts: u32 = b
        .iter()
        .zip(next)
        .map(|(&a, &c)| u32::from(is_space_byte(a) & !is_space_byte(c)))
        .sum();
    let starts = starts as usize;
    first + starts
}

/// Tokens with no letter or digit (`-`, `–`, `...`): they all begin with `-`, `.`, or a
/// byte 0xE2 (dashes, quotes and ellipses of U+2000-U+2BFF), which `memchr3` finds fast.
fn count_punctuation_tokens(b: &[u8]) -> usize {
    memchr::memchr3_iter(b'-', b'.', 0xE2, b)
        .filter(|&i| i == 0 || is_space_byte(b[i - 1]))
        .filter(|&i| {
            let token = &b[i..];
            let end = token
                .iter()
                .position(|&c| is_space_byte(c))
                .unwrap_or(token.len());
            !token[..end]
                .iter()
                .any(|&c| c.is_ascii_alphanumeric() || (c >= 0xC0 && c != 0xE2))
        })
        .count()
}
