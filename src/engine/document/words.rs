//! Word counts: runs of non-space characters that hold at least one letter or digit, so a
//! dash, an ellipsis or a `*` of a scene break is not a word. Counted 64 bytes at a time
//! from two bit masks (space, letter) and one addition, because it runs on every block of
//! every story the library reads.

/// Counts words: runs of non-space characters holding at least one letter or digit.
///
/// For each 64-byte chunk, `space` marks the space bytes and `letter` the bytes that make a
/// token a word (an ASCII letter or digit, or the lead byte of a non-ASCII character other
/// than 0xE2, which begins the dashes, quotes and ellipses of U+2000-U+2BFF). A token starts
/// after each space; adding the other (punctuation) bytes to those start bits carries each
/// start along the punctuation that opens its token until it lands on the token's first
/// letter or on the space that ends it. The landings on letters are the words.
pub fn count_words(text: &str) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline, so every x86_64 CPU has it.
        unsafe { sse2::count_words(text.as_bytes()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        count_with(text.as_bytes(), masks_bytewise)
    }
}

/// The count, given how to make a chunk's space and letter masks.
#[inline(always)]
fn count_with(bytes: &[u8], masks: impl Fn(&[u8; 64]) -> (u64, u64)) -> usize {
    let mut words = 0;
    // A start bit owed to the next chunk: the text's beginning, a space in the last byte, or
    // a carry that ran off the end of the chunk.
    let mut pending = 1u64;
    let mut step = |chunk: &[u8; 64]| {
        let (space, letter) = masks(chunk);
        let punctuation = !(space | letter);
        let (landed, overflow) = ((space << 1) | pending).overflowing_add(punctuation);
        words += (landed & letter).count_ones() as usize;
        pending = (space >> 63) | u64::from(overflow);
    };
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        step(chunk.try_into().expect("chunks_exact gives 64 bytes"));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [b' '; 64];
        last[..rest.len()].copy_from_slice(rest);
        step(&last);
    }
    words
}

/// After decoding, the only bytes up to 0x20 are space, tab and newline.
fn is_space_byte(c: u8) -> bool {
    c <= b' '
}

/// A byte that makes its token a word.
fn is_letter_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || (c >= 0xC0 && c != 0xE2)
}

/// The masks a byte at a time: the definition, and the path on other architectures.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn masks_bytewise(chunk: &[u8; 64]) -> (u64, u64) {
    let (mut space, mut letter) = (0u64, 0u64);
    for (i, &c) in chunk.iter().enumerate() {
        space |= u64::from(is_space_byte(c)) << i;
        letter |= u64::from(is_letter_byte(c)) << i;
    }
    (space, letter)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_max_epu8, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
    };

    /// [`super::count_words`] with the masks made in SSE2 registers.
    #[target_feature(enable = "sse2")]
    pub(super) fn count_words(bytes: &[u8]) -> usize {
        super::count_with(bytes, |chunk| masks(chunk))
    }

    /// The masks sixteen bytes at a time: one compare per class, one `movemask` each.
    #[target_feature(enable = "sse2")]
    pub(super) fn masks(chunk: &[u8; 64]) -> (u64, u64) {
        let (mut space, mut letter) = (0u64, 0u64);
        for (k, part) in chunk.chunks_exact(16).enumerate() {
            let bytes: [u8; 16] = part.try_into().expect("chunks_exact gives 16 bytes");
            let c: __m128i = bytemuck::cast(bytes);
            let alpha = at_most(_mm_sub_epi8(_mm_or_si128(c, splat(0x20)), splat(b'a')), 25);
            let digit = at_most(_mm_sub_epi8(c, splat(b'0')), 9);
            let lead = _mm_cmpeq_epi8(_mm_max_epu8(c, splat(0xC0)), c);
            let punctuation_lead = _mm_cmpeq_epi8(c, splat(0xE2));
            let letters = _mm_or_si128(
                _mm_or_si128(alpha, digit),
                _mm_andnot_si128(punctuation_lead, lead),
            );
            let shift = 16 * k;
            space |= u64::from(_mm_movemask_epi8(at_most(c, b' ')) as u16) << shift;
            letter |= u64::from(_mm_movemask_epi8(letters) as u16) << shift;
        }
        (space, letter)
    }

    /// Lanes whose unsigned byte is at most `n`.
    #[target_feature(enable = "sse2")]
    fn at_most(v: __m128i, n: u8) -> __m128i {
        _mm_cmpeq_epi8(_mm_min_epu8(v, splat(n)), v)
    }

    #[target_feature(enable = "sse2")]
    fn splat(n: u8) -> __m128i {
        _mm_set1_epi8(n as i8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, a token at a time.
    fn words_by_tokens(text: &str) -> usize {
        text.as_bytes()
            .split(|&c| is_space_byte(c))
            .filter(|token| token.iter().any(|&c| is_letter_byte(c)))
            .count()
    }

    #[test]
    fn tokens_without_letters_are_not_words() {
        assert_eq!(count_words("One two – three... “four” café"), 5);
        assert_eq!(count_words("* * *"), 0);
        assert_eq!(count_words("-- ... (1) 2nd"), 2);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("   \n\t "), 0);
    }

    #[test]
    fn chunk_edges_change_nothing() {
        // Words, punctuation and spaces placed across every 64-byte boundary.
        let pieces = [
            "word",
            "“quoted”",
            "...",
            "-",
            "é",
            "  ",
            "\n",
            "x",
            "—dash",
            "(9)",
        ];
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(pieces[i * 7 % pieces.len()]);
            if i % 3 != 0 {
                text.push(' ');
            }
            for start in [0, 1, 63, 64, 65] {
                let Some(slice) = text.get(start.min(text.len())..) else {
                    continue;
                };
                assert_eq!(count_words(slice), words_by_tokens(slice), "{slice:?}");
            }
        }
    }

    #[test]
    fn the_fast_masks_agree_with_the_definition() {
        let mut chunk = [0u8; 64];
        for round in 0..4u8 {
            for (i, c) in chunk.iter_mut().enumerate() {
                *c = (i as u8).wrapping_mul(4).wrapping_add(round);
            }
            #[cfg(target_arch = "x86_64")]
            // SAFETY: SSE2 is part of the x86_64 baseline.
            assert_eq!(unsafe { sse2::masks(&chunk) }, masks_bytewise(&chunk));
        }
    }
}
