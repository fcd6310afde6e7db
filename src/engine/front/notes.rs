//! Notes between the title block and the story: a disclaimer, an address, an aside in
//! brackets, the writer speaking of the story, a remark set apart from the story's layout;
//! found where the story starts, and set out as the title page shows them (prose as
//! paragraphs, a picture drawn in characters line by line).

use super::comment_end;
use super::{
    FrontMatter, TITLE_CHARS, blank, byline, copyright_byline, has_any_word, heading,
    inline_byline, is_front_word_line, is_rule, next_filled,
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

/// The front matter's notes (intro, disclaimer) as paragraphs, without its rules, title
/// block and byline, to be shown apart from the story.
pub fn notes(lines: &[&str], front: &FrontMatter) -> Vec<String> {
    let mut notes = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut comment_until = 0;
    for (i, line) in lines.iter().chain(std::iter::once(&"")).enumerate() {
        // An aside written as a C comment: its paragraphs, without its marks.
        if i >= comment_until
            && let Some(after) = comment_end(lines, i)
        {
            if !current.is_empty() {
                push_note(&current, &mut notes);
                current.clear();
            }
            notes.extend(comment_paragraphs(&lines[i..after]));
            comment_until = after;
        }
        if i < comment_until {
            continue;
        }
        let t = line.trim();
        // The title block and byline are shown as such: a lone `by` and the author's
        // name under it are not notes.
        let lone_by = t.trim_end_matches([':', '.']).eq_ignore_ascii_case("by")
            || t.eq_ignore_ascii_case("written by");
        // So is the line that gave both (`Title  *  Copyright 1992 by Ann Smith`).
        let title_and_byline = copyright_byline(t)
            .or_else(|| inline_byline(t))
            .is_some_and(|(title, name)| {
                front.title.as_deref() == Some(title.as_str())
                    && front.author.as_deref() == Some(name.as_str())
            });
        let skip = is_rule(t)
            || byline(t).is_some()
            || lone_by
            || title_and_byline
            || front.title.as_deref() == Some(t)
            || front.author.as_deref() == Some(t);
        if t.is_empty() || skip {
            if !current.is_empty() {
                push_note(&current, &mut notes);
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    notes
}

/// A group of note lines as notes: a picture drawn in characters (a title in ASCII art),
/// or lines set out by their spacing (a signature), as one note of its lines as written,
/// their common indentation taken off; prose as paragraphs, its lines joined and its
/// spaces single, a short line over an indented one (`Mr. Young` above a letter) a
/// paragraph of its own.
fn push_note(group: &[&str], notes: &mut Vec<String>) {
    if group.iter().filter(|l| drawn_in_characters(l)).count() >= 2 || set_out_by_spacing(group) {
        push_as_written(group, notes);
        return;
    }
    // Lines set out by spacing under an intro, with no blank line between them.
    let run = group.iter().rev().take_while(|l| indent_of(l) >= 2).count();
    let split = group.len() - run;
    if split > 0 && set_out_by_spacing(&group[split..]) {
        push_note(&group[..split], notes);
        push_as_written(&group[split..], notes);
        return;
    }
    let mut paragraph: Vec<&str> = Vec::new();
    // A lone ornament (`*`, `#`) says nothing.
    let mut push = |paragraph: &mut Vec<&str>| {
        if paragraph
            .iter()
            .any(|w| w.chars().any(char::is_alphanumeric))
        {
            notes.push(paragraph.join(" "));
        }
        paragraph.clear();
    };
    for (k, line) in group.iter().enumerate() {
        let salutation = k > 0
            && group[k - 1].trim().chars().count() <= 30
            && indent_of(line) > indent_of(group[k - 1]);
        if salutation {
            push(&mut paragraph);
        }
        paragraph.extend(line.split_whitespace());
    }
    push(&mut paragraph);
}

/// Lines as one note as written, their common indentation taken off.
fn push_as_written(group: &[&str], notes: &mut Vec<String>) {
    let expanded: Vec<String> = group.iter().map(|l| expand_tabs(l.trim_end())).collect();
    let indent = expanded
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = expanded.iter().map(|l| &l[indent..]).collect();
    notes.push(lines.join("\n"));
}

/// True for lines set out by their spacing, each line placed on its own (a signature
/// centred under an intro, a centred verse): three or more lines, all indented, at three
/// or more different depths. An indented paragraph or quotation keeps one depth.
fn set_out_by_spacing(group: &[&str]) -> bool {
    let mut depths: Vec<usize> = group.iter().map(|l| indent_of(l)).collect();
    let all_indented = depths.iter().all(|&d| d >= 2);
    depths.sort_unstable();
    depths.dedup();
    group.len() >= 3 && all_indented && depths.len() >= 3
}

/// True for a line that is mostly drawing characters (`___---'--..____`, `(____<|_)`),
/// not words: half or more of what is not a space, and at least four of them.
fn drawn_in_characters(line: &str) -> bool {
    let shown = line.chars().filter(|c| !c.is_whitespace());
    let (mut drawn, mut all) = (0, 0);
    for c in shown {
        all += 1;
        if !c.is_alphanumeric() && !matches!(c, '.' | ',' | '\'' | '"' | '!' | '?' | ';' | ':') {
            drawn += 1;
        }
    }
    drawn >= 4 && drawn * 2 >= all
}

/// How far a line is indented, a tab counting as eight columns.
fn indent_of(line: &str) -> usize {
    let line = expand_tabs(line);
    line.len() - line.trim_start().len()
}

/// A line with its tabs set out as spaces to the next multiple of eight columns.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let to = (column / 8 + 1) * 8;
            out.extend(std::iter::repeat_n(' ', to - column));
            column = to;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

/// The paragraphs of a C comment's lines (`/* One`, ` * two`, ` *`, ` * Three */`): its
/// marks taken off, lines joined with single spaces, a line of nothing but the mark
/// ending a paragraph.
pub fn comment_paragraphs(lines: &[&str]) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for line in lines {
        let t = line.trim();
        let t = t.strip_prefix("/*").unwrap_or(t);
        let t = t.strip_suffix("*/").unwrap_or(t).trim();
        let t = t.strip_prefix('*').unwrap_or(t);
        if t.trim().is_empty() && !words.is_empty() {
            paragraphs.push(words.join(" "));
            words.clear();
        }
        words.extend(t.split_whitespace());
    }
    if !words.is_empty() {
        paragraphs.push(words.join(" "));
    }
    paragraphs
}
