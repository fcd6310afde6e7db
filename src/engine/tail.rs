//! Where a story ends: its closing line (`THE END`, `Fin`, `TO BE CONTINUED`, `cont.`) or,
//! failing that, the `-- ` that opens a signature.
//!
//! What follows the end (an afterword, a signature framed by rules, a teaser for the next
//! story) is not story text: it is kept apart so its rules are never scene breaks.

use super::lines::ending;

/// How many non-blank lines from the end the closing line may be found in.
const TAIL_LINES: usize = 40;
/// How many non-blank lines from the end a signature delimiter may be found in.
const SIGNATURE_LINES: usize = 25;

/// The index just past the story's last line: after its closing line, or before a
/// signature delimiter; `lines.len()` when neither is found.
pub fn story_end(lines: &[&str]) -> usize {
    let filled: Vec<usize> = (0..lines.len())
        .rev()
        .filter(|&i| !lines[i].trim().is_empty())
        .take(TAIL_LINES)
        .collect();
    // Skip the last filled line of the file when it alone is the ending: nothing to cut.
    if let Some(&i) = filled.iter().find(|&&i| ending(lines[i]).is_some()) {
        return i + 1;
    }
    filled
        .iter()
        .take(SIGNATURE_LINES)
        .find(|&&i| matches!(lines[i], "--" | "-- "))
        .map_or(lines.len(), |&i| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_closes_the_story_before_a_signature() {
        let lines = [
            "Story.",
            "",
            "THE END",
            "",
            "*****",
            "Jo, jo@example.org",
            "*****",
        ];
        assert_eq!(story_end(&lines), 3);
    }

    #[test]
    fn a_signature_delimiter_closes_a_story_without_an_ending() {
        let lines = ["Story.", "", "-- ", "Jo"];
        assert_eq!(story_end(&lines), 2);
        assert_eq!(story_end(&["Story.", "More."]), 2);
    }

    #[test]
    fn footers_of_parts() {
        for footer in [
            "cont.",
            "TO BE CONTINUED...",
            "End of part 1",
            "*END*",
            "The-End",
        ] {
            let lines = ["Story.", footer, "", "sig"];
            assert_eq!(story_end(&lines), 2, "{footer}");
        }
    }
}
