//! Where a story ends: its closing line (`THE END`, `Fin`, `TO BE CONTINUED`, `cont.`) or,
//! failing that, the `-- ` that opens a signature.
//!
//! What follows the end (an afterword, a signature framed by rules, a teaser for the next
//! story) is not story text: it is kept apart so its rules are never scene breaks.

use super::front::is_front_word_line;
use super::lines::{COMMENT_LINES, ending, is_scene_break};

/// How many non-blank lines from the end the closing line may be found in.
const TAIL_LINES: usize = 40;
/// How many non-blank lines from the end a signature delimiter may be found in.
const SIGNATURE_LINES: usize = 25;
/// Longest afterword (in non-blank lines) that a rule can set apart from the story.
const AFTERWORD_LINES: usize = 15;
/// Longest afterword, in bytes.
const AFTERWORD_BYTES: usize = 2000;
/// Longest block between rules taken as more afterword once one was found.
const FRAMED_LINES: usize = 4;
/// Longest signature block (in lines) recognised by its address alone.
const SIGNATURE_BLOCK_LINES: usize = 12;

/// What a writer says when handing the story on to others, as an open round robin does
/// (`add as you see fit`, `someone else decide`, `the choice is yours`): more follows,
/// written by someone else.
const HANDED_ON: &[&str] = &[
    "add as you see fit",
    "someone else decide",
    "someone else continue",
    "someone else take",
    "the choice is yours",
    "who wants to continue",
    "anyone want to continue",
    "feel free to continue",
    "take it from here",
    "pick it up from here",
    "over to you",
];

/// True when the writer's notes (not the story: its narrator may say anything) hand the
/// story on to others to continue.
pub fn hands_on<'a>(notes: impl IntoIterator<Item = &'a str>) -> bool {
    let mut text = String::new();
    for line in notes {
        // A C comment's marks (`/*`, ` * `, `*/`) are not words.
        for word in line
            .split_whitespace()
            .filter(|w| !matches!(*w, "/*" | "*" | "*/"))
        {
            text.push(' ');
            text.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    HANDED_ON.iter().any(|p| text.contains(p))
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The index just past the story's last line: after its closing line, or before what
/// follows the story (a signature, an afterword set apart by a rule, a closing rule);
/// `lines.len()` when nothing follows it.
pub fn story_end(lines: &[&str]) -> usize {
    let filled: Vec<usize> = (0..lines.len())
        .rev()
        .filter(|&i| !blank(lines[i]))
        .take(TAIL_LINES)
        .collect();
    // Skip the last filled line of the file when it alone is the ending: nothing to cut.
    if let Some(&i) = filled.iter().find(|&&i| ending(lines[i]).is_some()) {
        return i + 1;
    }
    let mut end = filled
        .iter()
        .take(SIGNATURE_LINES)
        .find(|&&i| matches!(lines[i].trim_end(), "--" | "-- "))
        .map_or(lines.len(), |&i| i);
    // Peel what follows the story from the end, one layer at a time: a rule framing a
    // signature, the afterword it sets apart, the signature under the afterword.
    // The rule over the last afterword found: a block framed by the same rule above it
    // is more afterword.
    let mut frame: Option<String> = None;
    while let Some(before) = trailing_comment(lines, end)
        .or_else(|| trailing_rule(lines, end))
        .or_else(|| afterword(lines, end, frame.as_deref()))
        .or_else(|| signature_block(lines, end))
    {
        if afterword_peeled(lines, before, end) {
            frame = Some(marker(lines[before]));
        }
        end = before;
    }
    end
}

/// A rule's symbols without its spacing, to compare two rules.
fn marker(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when the lines peeled from `before` to `end` held an afterword's text (not only
/// a rule).
fn afterword_peeled(lines: &[&str], before: usize, end: usize) -> bool {
    lines[before..end]
        .iter()
        .any(|l| !blank(l) && !is_scene_break(l))
}

/// The last non-blank line before `end`.
fn last_filled(lines: &[&str], end: usize) -> Option<usize> {
    (0..end).rev().find(|&i| !blank(lines[i]))
}

/// A writer's aside written as a C comment (`/* ...` to `... */`) as the last lines: the
/// line where it opens. Its closing `*/` is no rule.
fn trailing_comment(lines: &[&str], end: usize) -> Option<usize> {
    let last = last_filled(lines, end)?;
    if !lines[last].trim_end().ends_with("*/") {
        return None;
    }
    (last.saturating_sub(COMMENT_LINES)..=last)
        .rev()
        .find(|&i| lines[i].trim_start().starts_with("/*"))
        .filter(|&i| i > 0)
}

/// A rule as the last line: it closes the story, it does not break a scene.
fn trailing_rule(lines: &[&str], end: usize) -> Option<usize> {
    let last = last_filled(lines, end)?;
    (is_scene_break(lines[last]) && last > 0).then_some(last)
}

/// Text a writer adds after the story: a note to readers, a disclaimer, an address.
fn is_afterword_line(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    let opens = |p: &str| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    line.contains('@')
        || opens("end notes")
        || opens("notes")
        || opens("/*")
        || is_front_word_line(line)
}

/// An afterword: a few lines after a rule, saying what afterwords say (or, once an
/// afterword was found below under a rule, a short block over the same rule). Returns
/// where the rule is.
fn afterword(lines: &[&str], end: usize, frame: Option<&str>) -> Option<usize> {
    let mut filled = 0;
    for i in (0..end).rev() {
        if blank(lines[i]) {
            continue;
        }
        if is_scene_break(lines[i]) {
            // An afterword is short: a long stretch after the rule is the last scene.
            let bytes: usize = lines[i + 1..end].iter().map(|l| l.len()).sum();
            if bytes > AFTERWORD_BYTES {
                return None;
            }
            let said = (i + 1..end).any(|k| is_afterword_line(lines[k]))
                || filled <= FRAMED_LINES && frame == Some(marker(lines[i]).as_str());
            return (filled > 0 && said && i > 0).then_some(i);
        }
        filled += 1;
        if filled > AFTERWORD_LINES {
            return None;
        }
    }
    None
}

/// A signature block as the last paragraph: a few lines with an e-mail address and no
/// sentence of story in them.
fn signature_block(lines: &[&str], end: usize) -> Option<usize> {
    let last = last_filled(lines, end)?;
    let start = (0..=last).rev().find(|&i| blank(lines[i]))? + 1;
    let block = &lines[start..=last];
    let address = block.iter().any(|l| {
        l.split_whitespace()
            .any(|w| w.contains('@') && w.trim_end_matches('.').contains('.'))
    });
    // A story's last paragraph is prose: most of its lines end in a word or a stop.
    let art = block
        .iter()
        .filter(|l| l.chars().filter(|c| c.is_alphanumeric()).count() * 2 < l.trim().len())
        .count();
    let short = block.len() <= SIGNATURE_BLOCK_LINES;
    (short && address && (art > 0 || block.len() <= 4) && start > 0).then_some(start)
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
    fn an_afterword_after_a_rule_is_not_story() {
        let lines = [
            "The story's last line.",
            "",
            "*****",
            "",
            "Comments welcome at jo@example.org",
        ];
        assert_eq!(story_end(&lines), 2);
        // Framed by rules, under another afterword: all of it follows the story.
        let lines = [
            "The story's last line.",
            "_______",
            "A tribute to the friends I made online.",
            "_______",
            "Copyright 1992 by Jo Writer",
            "_______",
        ];
        assert_eq!(story_end(&lines), 1);
    }

    #[test]
    fn a_last_scene_is_not_an_afterword() {
        let lines = [
            "Story.",
            "",
            "* * *",
            "",
            "She read the letter twice and smiled.",
        ];
        assert_eq!(story_end(&lines), 5);
        // Under a disclaimer with a rule of its own, the short last scene stays.
        let lines = [
            "Story.",
            "* * *",
            "She smiled.",
            "-----",
            "Disclaimer: the characters belong to their owners.",
        ];
        assert_eq!(story_end(&lines), 3);
    }

    #[test]
    fn an_address_block_of_art_is_a_signature() {
        let lines = [
            "The story ends here.",
            "",
            "   //-n-\\\\      Jo Writer",
            "  ====___====    jo@example.edu",
        ];
        assert_eq!(story_end(&lines), 2);
    }

    #[test]
    fn footers_of_parts() {
        for footer in [
            "cont.",
            "TO BE CONTINUED...",
            "End of part 1",
            "*END*",
            "The-End",
            "End of Chap 2.5b (a good place to stop, you might think, but chapter 3 is out)",
        ] {
            let lines = ["Story.", footer, "", "sig"];
            assert_eq!(story_end(&lines), 2, "{footer}");
        }
    }
}
