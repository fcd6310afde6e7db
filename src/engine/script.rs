//! Scripts in screenplay layout: character cues in capitals (`RIKER`, `TROI (o.s)`) over
//! their speeches, scene headings (`INT. HOLODECK`), stage directions.
//!
//! A script keeps its speeches apart, but the writer's editor still wrapped each speech and
//! direction at a narrow column: a line that stops mid-sentence with the next line going on
//! in lower case, at the same indent, is one sentence. Knowing the file is a script is what
//! makes that join safe, where in a poem the same shape is a verse line.

use super::reflow::Line;

/// Share (in percent) of non-blank lines that must be cues for a script.
const CUE_PERCENT: usize = 5;
/// Fewest cues that make a script.
const MIN_CUES: usize = 8;
/// Longest cue, in characters.
const CUE_CHARS: usize = 40;

/// A character cue or scene heading: a short line in capitals, maybe with a parenthetical
/// (`TROI (o.s)`, `PICARD (continuing)`), not a shout (`NO!`).
pub fn is_cue(line: &str) -> bool {
    let t = line.trim();
    // Most lines are prose: a lower-case letter or a length settles it at once.
    if t.is_empty() || t.len() > CUE_CHARS * 4 {
        return false;
    }
    for b in t.bytes() {
        match b {
            b'(' => break,
            b if b.is_ascii_lowercase() => return false,
            _ => {}
        }
    }
    if t.chars().count() > CUE_CHARS || t.ends_with(['!', '?', ',']) {
        return false;
    }
    let bare = match t.find('(') {
        Some(open) => &t[..open],
        None => t,
    };
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !bare.chars().any(char::is_lowercase) && bare.split_whitespace().count() <= 5
}

/// True when enough of the lines are cues for the text to be a script.
pub fn is_script(lines: &[Line<'_>]) -> bool {
    let (mut filled, mut cues) = (0usize, 0usize);
    for line in lines.iter().filter(|l| l.chars() > 0) {
        filled += 1;
        cues += usize::from(is_cue(line.text));
    }
    cues >= MIN_CUES && cues * 100 >= filled * CUE_PERCENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_and_not_cues() {
        for cue in [
            "\t\t\t\tRIKER",
            "TROI (o.s)",
            "DR. CRUSHER",
            "INT. HOLODECK",
        ] {
            assert!(is_cue(cue), "{cue}");
        }
        for line in [
            "NO!",
            "Riker",
            "I don't know.",
            "WHAT ARE YOU DOING THERE, RIKER?",
        ] {
            assert!(!is_cue(line), "{line}");
        }
    }
}
