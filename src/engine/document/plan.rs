//! The document's text planned before it is written, so that a story is held once, not
//! twice. While the file's lines are still borrowed, building records each piece of text
//! it would write: a run of the story's own text (by where it is), or a literal it made
//! (a separator, a tidied heading). Once the lines are let go, the pieces are laid down
//! inside the story's own buffer, each moved down to where it belongs. Reflowing only
//! joins lines and trims them, so what is written never overtakes what is still to be
//! read; a plan that would (a literal longer than the text it stands for) is written to a
//! new buffer instead, as before.

/// One piece of the text: `len` bytes from `at` in the source, or in the literals when
/// `len` has [`LITERAL`] set; after a space or a line break when it has [`SPACE`] or
/// [`NEWLINE`] set (the separators between joined lines, which would otherwise be a piece
/// each).
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: u32,
    len: u32,
}

/// The bits of [`Piece::len`] that mark a literal and a separator before the piece
/// (stories are capped at 512 MiB, so lengths need 29 bits).
const LITERAL: u32 = 1 << 31;
const SPACE: u32 = 1 << 30;
const NEWLINE: u32 = 1 << 29;
const FLAGS: u32 = LITERAL | SPACE | NEWLINE;

impl Piece {
    fn literal(self) -> bool {
        self.len & LITERAL != 0
    }

    /// The separator written before the piece.
    fn separator(self) -> Option<u8> {
        match self.len & (SPACE | NEWLINE) {
            SPACE => Some(b' '),
            NEWLINE => Some(b'\n'),
            _ => None,
        }
    }

    fn range(self) -> std::ops::Range<usize> {
        let len = (self.len & !FLAGS) as usize;
        self.at as usize..self.at as usize + len
    }

    /// Bytes it writes, its separator included.
    fn written(self) -> usize {
        self.range().len() + usize::from(self.separator().is_some())
    }
}

/// The text to write, as pieces of a source text and literals.
#[derive(Debug, Default)]
pub struct Plan {
    /// Where the source text is in memory, and its length: a piece of text found there is
    /// recorded by its place.
    base: usize,
    base_len: usize,
    pieces: Vec<Piece>,
    literals: String,
    /// A space or line break planned and not yet written into a piece.
    pending: Option<u8>,
    /// Length of the text planned so far.
    len: usize,
    /// The last byte planned.
    last: u8,
}

impl Plan {
    /// A plan whose pieces may come from `source` (and are then recorded by place).
    pub fn over(source: &str) -> Plan {
        Plan {
            base: source.as_ptr() as usize,
            base_len: source.len(),
            ..Plan::default()
        }
    }

    /// Length of the text planned so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the text planned so far ends with `byte`.
    pub fn ends_with(&self, byte: u8) -> bool {
        self.len > 0 && self.last == byte
    }

    /// Plans `text`: by its place when it lies in the source, else as a literal.
    pub fn push_str(&mut self, text: &str) {
        let Some(&last) = text.as_bytes().last() else {
            return;
        };
        let at = (text.as_ptr() as usize).wrapping_sub(self.base);
        let len = text.len();
        let separator = match self.pending.take() {
            Some(b' ') => SPACE,
            Some(_) => NEWLINE,
            None => 0,
        };
        if self.base_len > 0 && at < self.base_len && len <= self.base_len - at {
            // Two runs of the source that touch are one piece.
            match self.pieces.last_mut() {
                Some(p) if separator == 0 && !p.literal() && p.range().end == at => {
                    p.len += len as u32;
                }
                _ => self.pieces.push(Piece {
                    at: at as u32,
                    len: len as u32 | separator,
                }),
            }
        } else {
            let at = self.literals.len();
            self.literals.push_str(text);
            match self.pieces.last_mut() {
                Some(p) if separator == 0 && p.literal() && p.range().end == at => {
                    p.len += len as u32;
                }
                _ => self.pieces.push(Piece {
                    at: at as u32,
                    len: len as u32 | LITERAL | separator,
                }),
            }
        }
        self.len += len;
        self.last = last;
    }

    /// Plans one character, as a literal (a space or line break goes with the piece after
    /// it).
    pub fn push(&mut self, c: char) {
        if matches!(c, ' ' | '\n') && self.pending.is_none() && self.base_len > 0 {
            self.pending = Some(c as u8);
            self.len += 1;
            self.last = c as u8;
            return;
        }
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Writes a separator still pending at the end as a literal.
    fn settle(&mut self) {
        if let Some(c) = self.pending.take() {
            self.len -= 1;
            self.push_str(if c == b' ' { " " } else { "\n" });
        }
    }

    /// True when every piece of the source can be moved down in its own buffer: none is
    /// needed after something was written over it.
    fn fits_in_place(&self) -> bool {
        let mut written = 0;
        for p in &self.pieces {
            written += p.written() - p.range().len();
            if !p.literal() && p.range().start < written {
                return false;
            }
            written += p.range().len();
        }
        written <= self.base_len
    }

    /// Writes the text, inside `source`'s own buffer when the plan fits in it. `source`
    /// must be the text the plan was made over.
    pub fn write(mut self, source: String) -> String {
        self.settle();
        let same = source.as_ptr() as usize == self.base && source.len() == self.base_len;
        debug_assert!(
            same || self.base_len == 0,
            "a plan is written over its own source"
        );
        if (self.pieces.iter()).all(|p| p.literal() && p.separator().is_none()) {
            // Nothing of the source: the literals are the text.
            return self.literals;
        }
        if !same || !self.fits_in_place() {
            let mut text = String::with_capacity(self.len);
            for p in &self.pieces {
                if let Some(c) = p.separator() {
                    text.push(char::from(c));
                }
                let from = if p.literal() { &self.literals } else { &source };
                text.push_str(from.get(p.range()).unwrap_or(""));
            }
            return text;
        }
        let mut bytes = source.into_bytes();
        let mut written = 0;
        for p in &self.pieces {
            if let Some(c) = p.separator() {
                bytes[written] = c;
                written += 1;
            }
            let range = p.range();
            let len = range.len();
            if p.literal() {
                bytes[written..written + len].copy_from_slice(&self.literals.as_bytes()[range]);
            } else {
                bytes.copy_within(range, written);
            }
            written += len;
        }
        bytes.truncate(written);
        if bytes.capacity() - written > written / 8 {
            bytes.shrink_to_fit();
        }
        // Whole pieces of valid text laid end to end are valid text.
        super::laid_text(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_the_source_are_moved_down_in_its_own_buffer() {
        let source = String::from("  The tide\n  came in.\n\nPart 2\n\nIt went   out.");
        let at = |s: &str| source.find(s).unwrap_or(0);
        let mut plan = Plan::over(&source);
        plan.push_str(&source[at("The tide")..at("The tide") + 8]);
        plan.push(' ');
        plan.push_str(&source[at("came")..at("came") + 8]);
        plan.push_str("Part 2: Home"); // a literal longer than its line, still in place
        plan.push_str(&source[at("It went")..at("It went") + 7]);
        plan.push(' ');
        plan.push_str(&source[at("out.")..]);
        assert!(plan.ends_with(b'.'));
        let want = "The tide came in.Part 2: HomeIt went out.";
        assert_eq!(plan.len(), want.len());
        assert!(plan.fits_in_place());
        let ptr = source.as_ptr();
        let text = plan.write(source);
        assert_eq!(text, want);
        assert_eq!(text.as_ptr(), ptr, "written in the same buffer");
    }

    #[test]
    fn separators_go_before_literals_and_at_the_end() {
        let source = String::from("one\n\ntwo\n\n");
        let mut plan = Plan::over(&source);
        plan.push_str(&source[..3]);
        plan.push('\n');
        plan.push_str("Part 2");
        plan.push(' ');
        plan.push_str(&source[5..8]);
        plan.push('\n');
        assert_eq!((plan.len(), plan.ends_with(b'\n')), (15, true));
        assert_eq!(plan.write(source), "one\nPart 2 two\n");
    }

    #[test]
    fn a_plan_that_would_overtake_its_source_is_written_to_a_new_buffer() {
        let source = String::from("ab");
        let mut plan = Plan::over(&source);
        plan.push_str("a longer literal first, ");
        plan.push_str(&source[..2]);
        assert!(!plan.fits_in_place());
        assert_eq!(plan.write(source), "a longer literal first, ab");
        // Text from elsewhere only: its literals.
        let mut plan = Plan::over("");
        plan.push_str("one");
        plan.push('\n');
        plan.push_str("two");
        assert_eq!(plan.write(String::new()), "one\ntwo");
    }
}
