//! Notes between the title block and the story: a disclaimer, an address, an aside in
//! brackets, the writer speaking of the story, a remark set apart from the story's layout.

use super::{
    TITLE_CHARS, blank, has_any_word, heading, inline_byline, is_front_word_line, is_rule,
    next_filled,
};

/// Longest paragraph [`past_notes`] takes for a note.
const MAX_NOTE_LINES: usize = 8;
/// How far past the title block notes may run before the story.
const NOTE_LOOKAHEAD: usize = 40;

/// From `j`, skips paragraphs that are notes rather than story (a disclaimer, an address,
/// `Historian's Note:`, a repeated title line) up to a part heading or the first paragraph
/// of prose; returns where the story starts.
pub(super) fn past_notes(lines: &[&str], j: usize, end: usize) -> usize {
    let limit = (j + NOTE_LOOKAHEAD).min(end);
    let mut k = j;
    let mut story = j;
    while let Some(g) = next_filled(lines, k, limit) {
        if heading(lines[g]).is_some() {
            return g;
        }
        let g_end = (g..end).find(|&x| blank(lines[x])).unwrap_or(end);
        let group = &lines[g..g_end];
        let noted = group.len() <= MAX_NOTE_LINES
            && (group.iter().any(|l| {
                is_front_word_line(l) || l.contains('@') || is_rule(l) || is_note_label(l)
            }) || is_aside(group)
                || speaks_of_the_story(group)
                || is_tagline(group, &lines[g_end..end]))
            || (group.len() == 1 && inline_byline(group[0]).is_some());
        if !noted {
            return story;
        }
        k = g_end;
        story = next_filled(lines, k, end).unwrap_or(end);
    }
    story
}

/// A paragraph wholly in brackets: `[BTW, this is a tongue twister.]`, `{disclaimers}`.
fn is_aside(group: &[&str]) -> bool {
    let first = group.first().map_or("", |l| l.trim());
    let last = group.last().map_or("", |l| l.trim());
    matches!(
        (first.chars().next(), last.chars().last()),
        (Some('['), Some(']')) | (Some('{'), Some('}')) | (Some('('), Some(')'))
    )
}

/// A one- or two-line remark, a sentence, set flush left before a story whose paragraphs
/// are indented (`Something to while away the weeks...`): it is not laid out as story. A
/// dateline (`New York City...`) is a few words, and story.
fn is_tagline(group: &[&str], after: &[&str]) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let next = after.iter().find(|l| !blank(l));
    let words: usize = group.iter().map(|l| l.split_whitespace().count()).sum();
    group.len() <= 2
        && words >= 6
        && group
            .iter()
            .all(|l| l.trim().chars().count() <= TITLE_CHARS + 10)
        && group.iter().all(|l| indent(l) == 0)
        && next.is_some_and(|l| indent(l) >= 2 && heading(l).is_none())
}

/// The writer talking about the story in the first person (`I modified the story a
/// little`): an introduction, not the story's opening.
fn speaks_of_the_story(group: &[&str]) -> bool {
    let text = group.join(" ");
    has_any_word(&text, &["story", "fic", "fanfic"])
        && has_any_word(&text, &["i", "i'm", "i've", "my", "me"])
}

/// `Historian's Note:`, `Author's notes:`, `NOTE:` opening a line.
fn is_note_label(line: &str) -> bool {
    let t = line.trim_start().to_ascii_lowercase();
    t.split(':')
        .next()
        .is_some_and(|label| label.len() < t.len() && label.len() <= 20 && label.contains("note"))
}
