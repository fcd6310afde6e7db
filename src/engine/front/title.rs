//! Title blocks: the short lines that name a story above its byline or before its first
//! paragraph, passing over a line that only says what kind of story it is.

use super::{TITLE_CHARS, blank, heading, is_rule, is_scene_break};

/// A title group: one to three short lines that don't read as a sentence, followed by a
/// blank line. Returns the index after the group.
pub(super) fn title_group(lines: &[&str], i: usize, end: usize) -> Option<usize> {
    let mut j = i;
    while j < end && !blank(lines[j]) {
        let t = lines[j].trim();
        let bare = t.trim_end_matches(['"', '\'', '”', '’']);
        let sentence =
            (bare.ends_with(['.', ',', ';', '?']) || bare.contains(". ")) && !bare.ends_with("...");
        let mark = is_rule(t) || is_scene_break(t);
        if j - i >= 3 || t.chars().count() > TITLE_CHARS || sentence || mark {
            return None;
        }
        j += 1;
    }
    // A title is a few words: more is the start of a paragraph.
    let words: usize = lines[i..j]
        .iter()
        .map(|l| l.split_whitespace().count())
        .sum();
    (j > i && j < end && words <= MAX_TITLE_WORDS && heading(lines[i]).is_none()).then_some(j)
}

/// Most words a title block holds.
const MAX_TITLE_WORDS: usize = 12;

/// The title lines just above a byline at `b`: the group of short lines before it, across
/// at most a few blank lines.
pub(super) fn title_above(lines: &[&str], start: usize, b: usize) -> Option<String> {
    let mut k = b;
    let mut blanks = 0;
    // An underline between the title and its byline.
    if k > start && is_rule(lines[k - 1]) {
        k -= 1;
    }
    while k > start && blank(lines[k - 1]) {
        k -= 1;
        blanks += 1;
    }
    if blanks > 4 {
        return None;
    }
    let end = k;
    while k > start && !blank(lines[k - 1]) && !is_rule(lines[k - 1]) && end - k < 3 {
        k -= 1;
    }
    let group = &lines[k..end];
    if group.is_empty() || group.iter().any(|l| l.trim().chars().count() > TITLE_CHARS) {
        return None;
    }
    if let [only] = group
        && is_kind_line(only)
    {
        // `An X Files story...` under the title says what the story is: look above it.
        return title_above(lines, start, k);
    }
    // A line wholly in brackets is a subtitle (`(An X-Files story)`), not the title.
    let text = group
        .iter()
        .map(|l| l.trim())
        .filter(|l| !(l.starts_with(['(', '[']) && l.ends_with([')', ']'])))
        .collect::<Vec<_>>()
        .join(" ");
    Some(text)
}

/// A line saying what kind of story follows: `An X Files story....`, `A Star Trek parody`,
/// `(An X-Files erotica)`.
pub fn is_kind_line(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let last = t.rsplit(' ').next().unwrap_or("");
    (t.starts_with("a ") || t.starts_with("an "))
        && [
            "story",
            "fic",
            "fanfic",
            "tale",
            "vignette",
            "erotica",
            "parody",
            "crossover",
            "poem",
            "filk",
            "piece",
            "sequel",
            "prequel",
        ]
        .contains(&last)
}
