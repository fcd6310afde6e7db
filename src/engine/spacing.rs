//! Double-spaced text: a blank line after every line, as typewriter-minded writers saved
//! their posts.
//!
//! There a single blank line is only a line break, and a paragraph is marked by two or
//! more blank lines or by an indent. What gives it away is the wrap: lines that end
//! mid-sentence (`...and she`) with the next line, after one blank, going on in lower
//! case. A story of blank-line paragraphs almost never does that, so the test is cheap
//! and safe. The body is judged as a whole (one post per file is the usual case).

use std::borrow::Cow;

/// Share (in percent) of single-gap lines that must run on mid-sentence.
const RUN_ON_PERCENT: usize = 20;
/// A region needs at least this many single-gap lines to be judged.
const MIN_LINES: usize = 6;

/// True when `line` ends mid-sentence and `next` continues it in lower case.
fn runs_on(line: &str, next: &str) -> bool {
    let end = line.trim_end();
    let continues = next.trim_start().starts_with(|c: char| c.is_lowercase());
    continues && end.ends_with(|c: char| c.is_alphabetic() || c == ',')
}

/// True when a stretch of lines is double-spaced.
fn is_double_spaced(lines: &[&str]) -> bool {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let (mut single, mut touching, mut run_on) = (0usize, 0usize, 0usize);
    for pair in filled.windows(2) {
        match pair[1] - pair[0] {
            1 => touching += 1,
            2 => {
                single += 1;
                run_on += usize::from(runs_on(lines[pair[0]], lines[pair[1]]));
            }
            _ => {}
        }
    }
    single >= MIN_LINES && touching * 10 <= single && run_on * 100 >= single * RUN_ON_PERCENT
}

/// The lines with double spacing undone if they are double-spaced: single blank lines
/// dropped, and a run of several blank lines one shorter.
fn undouble_lines<'a, 'b>(lines: &'b [&'a str]) -> Cow<'b, [&'a str]> {
    if !is_double_spaced(lines) {
        return Cow::Borrowed(lines);
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].trim().is_empty() {
            out.push(lines[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        out.extend(std::iter::repeat_n("", i - start - 1));
    }
    Cow::Owned(out)
}

/// Undoes double spacing in `lines` (see the module notes), borrowing when there is none.
pub fn undo<'a, 'b>(lines: &'b [&'a str]) -> Cow<'b, [&'a str]> {
    undouble_lines(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_spaced_lines_are_brought_together() {
        let text = "She walked into the room and\n\nlooked around, but nothing was\n\nthere at all. The light was\n\nlow and the air was\n\ncold, and she shivered as\n\nthe door closed behind her\n\nwith a click.\n\n\n     Then she\n\nsat down.\n";
        let lines: Vec<&str> = text.lines().collect();
        let out = undo(&lines);
        assert_eq!(out[0], "She walked into the room and");
        assert_eq!(out[1], "looked around, but nothing was");
        assert_eq!(out[7], "");
        assert_eq!(out[8], "     Then she");
        assert_eq!(out[9], "sat down.");
    }

    #[test]
    fn blank_line_paragraphs_are_left_alone() {
        let text = "She came in.\n\nHe left.\n\nThey met again.\n\nIt rained.\n\nThe end came.\n\nNobody cared.\n\nStill, it rained.\n";
        let lines: Vec<&str> = text.lines().collect();
        assert!(matches!(undo(&lines), Cow::Borrowed(_)));
    }
}
