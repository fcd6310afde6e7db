//! The header: the labelled lines before a story (`Title:`, `Author:`, `Rating:` ...).
//!
//! Headers come keyed line after line, spread out with blank lines, after a bare title, as
//! `Title by Author`, as a lone ` summary:` line, or not at all. The scan stops at a divider,
//! at the first prose paragraph, or after [`MAX_HEADER_LINES`], so the story itself is never
//! swallowed.

use super::labels::{FieldKey, parse_label_line};
use super::lines::{heading, is_scene_break};

/// No header runs longer than this many lines; past it, everything is story.
pub const MAX_HEADER_LINES: usize = 60;
/// A value continues on at most this many following lines.
const MAX_CONTINUATION_LINES: usize = 12;
/// Continuation lines and free header lines are short; a longer line is prose.
const MAX_HEADER_LINE_CHARS: usize = 110;
/// A header line at least this long may have been wrapped onto the next.
const WRAPPED_LINE_CHARS: usize = 50;

/// One labelled header field, as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The field the label names.
    pub key: FieldKey,
    /// The label as written (`Sumary`).
    pub label: String,
    /// The value, continuation lines joined with spaces.
    pub value: String,
}

/// Where the title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleSource {
    /// A `Title:` field.
    Header,
    /// A bare first line (`In Bits and Pieces`, or `Title by Author`).
    FirstLine,
    /// Nothing in the file names it: the file name stands in.
    #[default]
    FileName,
}

/// What the header scan found, and where the story begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderScan {
    /// Labelled fields in the order written.
    pub fields: Vec<Field>,
    /// A title from a bare first line, when there is no `Title:` field.
    pub first_line_title: Option<String>,
    /// An author from `by X` or `Title by Author`.
    pub by_line_author: Option<String>,
    /// Unlabelled short lines inside the header (`Crossover with Red Shoe Diaries`).
    pub free_lines: Vec<String>,
    /// Index of the first line of the story.
    pub body_start: usize,
    /// The first line, when it was split as `Title by Author`.
    split_first_line: Option<String>,
}

impl HeaderScan {
    /// The first value of a field, if the header has it.
    pub fn get(&self, key: FieldKey) -> Option<&str> {
        first_value(&self.fields, key)
    }
}

/// The first non-empty value of `key` among `fields`.
pub fn first_value(fields: &[Field], key: FieldKey) -> Option<&str> {
    fields
        .iter()
        .find(|f| f.key == key && !f.value.is_empty())
        .map(|f| f.value.as_str())
}

/// Scans the header at the top of `lines`.
pub fn scan(lines: &[&str]) -> HeaderScan {
    let mut scan = HeaderScan::default();
    let Some(first) = next_filled(lines, 0) else {
        scan.body_start = lines.len();
        return scan;
    };
    let mut i = first;
    i = scan_title_lines(lines, i, &mut scan);
    i = scan_fields(lines, i, first, &mut scan);
    // `Stand by Me` with an `Author:` field naming someone else was a title, not a by-line.
    if let Some(line) = scan.split_first_line.take()
        && scan
            .get(FieldKey::Author)
            .is_some_and(|a| Some(a) != scan.by_line_author.as_deref())
    {
        scan.first_line_title = Some(line);
        scan.by_line_author = None;
    }
    if scan.fields.is_empty() && scan.first_line_title.is_none() {
        scan.body_start = first;
        return scan;
    }
    // A divider between header and story belongs to neither.
    if let Some(j) = next_filled(lines, i) {
        i = if is_scene_break(lines[j]) { j + 1 } else { j };
    }
    scan.body_start = i.min(lines.len());
    scan
}

/// Reads a bare title, `Title by Author`, or a title with `by Author` on the next line.
/// Returns the index of the next line to look at.
fn scan_title_lines(lines: &[&str], i: usize, scan: &mut HeaderScan) -> usize {
    let line = lines[i].trim();
    if parse_label_line(line, false).is_some() || is_scene_break(line) || heading(line).is_some() {
        return i;
    }
    if line.chars().count() > MAX_HEADER_LINE_CHARS {
        return i;
    }
    if let Some(author) = lines.get(i + 1).and_then(|l| by_line(l)) {
        scan.first_line_title = Some(line.to_string());
        scan.by_line_author = Some(author.to_string());
        return i + 2;
    }
    let next = next_filled(lines, i + 1);
    if let Some((title, author)) = title_by_author(line) {
        scan.first_line_title = Some(title.to_string());
        scan.by_line_author = Some(author.to_string());
        scan.split_first_line = Some(line.to_string());
        return i + 1;
    }
    let labelled_next =
        next.is_some_and(|j| j - i <= 4 && parse_label_line(lines[j], false).is_some());
    if labelled_next {
        scan.first_line_title = Some(line.to_string());
        return i + 1;
    }
    let blank_after = lines.get(i + 1).is_some_and(|l| l.is_empty());
    if blank_after && next.is_some() && looks_like_title(line) {
        scan.first_line_title = Some(line.to_string());
        return i + 1;
    }
    i
}

/// Reads labelled fields, their continuation lines and free lines between them.
fn scan_fields(lines: &[&str], mut i: usize, first: usize, scan: &mut HeaderScan) -> usize {
    let mut open: Option<usize> = None; // field that may take continuation lines
    let mut continued = 0;
    let mut blank_run = 0;
    while i < lines.len() && i - first < MAX_HEADER_LINES {
        let line = lines[i];
        if line.is_empty() {
            blank_run += 1;
            i += 1;
            continue;
        }
        let has_header = !scan.fields.is_empty() || scan.first_line_title.is_some();
        if heading(line).is_some() {
            break; // `~Part: 1~` looks like a label but opens the story
        }
        if let Some(l) = parse_label_line(line, has_header) {
            scan.fields.push(Field {
                key: l.key,
                label: l.label.to_string(),
                value: l.value.to_string(),
            });
            open = l.continues().then(|| scan.fields.len() - 1);
            (continued, blank_run) = (0, 0);
            i += 1;
            continue;
        }
        let short = line.chars().count() <= MAX_HEADER_LINE_CHARS;
        // A value runs on only after an empty value or a long (wrapped) line, so
        // `Disclaimer: mine` followed at once by the story does not swallow it.
        let runs_on = |f: usize| {
            scan.fields[f].value.is_empty() || lines[i - 1].chars().count() >= WRAPPED_LINE_CHARS
        };
        if let Some(f) = open.filter(|&f| {
            blank_run == 0 && short && continued < MAX_CONTINUATION_LINES && runs_on(f)
        }) {
            let value = &mut scan.fields[f].value;
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(line.trim());
            continued += 1;
            i += 1;
            continue;
        }
        if scan.by_line_author.is_none()
            && scan.fields.len() <= 1
            && let Some(author) = by_line(line)
        {
            scan.by_line_author = Some(author.to_string());
            (open, blank_run) = (None, 0);
            i += 1;
            continue;
        }
        if scan.fields.is_empty() || !short || is_scene_break(line) || !is_free_line(lines, i) {
            break;
        }
        scan.free_lines.push(line.trim().to_string());
        (open, blank_run) = (None, 0);
        i += 1;
    }
    i
}

/// A short unlabelled line inside a header: it is followed by another label, a divider, or
/// a wider gap than the story uses, and it doesn't open with dialogue.
fn is_free_line(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    if line.starts_with(['"', '“', '\'', '‘']) || heading(line).is_some() {
        return false;
    }
    let Some(j) = next_filled(lines, i + 1) else {
        return false;
    };
    let gap = j - i - 1;
    gap >= 1 && (parse_label_line(lines[j], true).is_some() || is_scene_break(lines[j]) || gap >= 2)
}

/// `by Author` on a line of its own.
fn by_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let rest = t
        .strip_prefix("by ")
        .or_else(|| t.strip_prefix("By "))?
        .trim();
    let words = rest.split_whitespace().count();
    ((1..=5).contains(&words) && rest.len() <= 60).then_some(rest)
}

/// `Dear Red Shoes by Inell`: a short line whose last words name the author.
fn title_by_author(line: &str) -> Option<(&str, &str)> {
    if line.chars().count() > 100 {
        return None;
    }
    let i = line.rfind(" by ").or_else(|| line.rfind(" By "))?;
    let (title, author) = (line[..i].trim(), line[i + 4..].trim());
    let author_words = author.split_whitespace().count();
    let named = author.starts_with(|c: char| c.is_uppercase()) || author_words == 1;
    let plausible_title = title.starts_with(|c: char| !c.is_lowercase())
        && title.split_whitespace().count() <= 10
        && !title.ends_with(['.', ',', ';']);
    (named && plausible_title && (1..=4).contains(&author_words)).then_some((title, author))
}

/// A bare line that reads like a title: a few capitalised words, no sentence punctuation.
fn looks_like_title(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || line.chars().count() > 60 {
        return false;
    }
    if line.ends_with(['.', ',', ';', ':', '?', '!', '"', '”']) || line.contains(',') {
        return false;
    }
    if line.starts_with(['"', '“', '\'', '‘', '(', '[', '<']) {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    capitalised * 2 > words.len()
}

fn next_filled(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> HeaderScan {
        let lines: Vec<&str> = text.lines().collect();
        scan(&lines)
    }

    fn body(text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let s = scan(&lines);
        lines[s.body_start..].join("\n")
    }

    const STORY: &str = "She walked into the kitchen and found the kettle already singing, which meant someone else was awake.";

    #[test]
    fn keyed_lines_without_blank_lines() {
        let text = format!(
            "Title: Hollow Hours\nAuthor: Kay\nRating: PG-13\nSummary: Two friends.\n\n{STORY}"
        );
        let s = scan_text(&text);
        assert_eq!(s.get(FieldKey::Title), Some("Hollow Hours"));
        assert_eq!(s.get(FieldKey::Author), Some("Kay"));
        assert_eq!(s.get(FieldKey::Rating), Some("PG-13"));
        assert_eq!(s.get(FieldKey::Summary), Some("Two friends."));
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn bare_title_then_spread_out_fields() {
        let text = format!(
            "Hollow Hours\n\nAuthor: Kay\n\n\nSumary: Two friends talk through the night about the flood\nand what it took.\n\nFeedback: yes\n\n\n\n{STORY}"
        );
        let s = scan_text(&text);
        assert_eq!(s.first_line_title.as_deref(), Some("Hollow Hours"));
        assert_eq!(
            s.get(FieldKey::Summary),
            Some("Two friends talk through the night about the flood and what it took.")
        );
        assert_eq!(s.fields[1].label, "Sumary");
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn title_by_author_first_line() {
        let text = format!("Hollow Hours by Kay Marsh\n\nRating: G\n\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.first_line_title.as_deref(), Some("Hollow Hours"));
        assert_eq!(s.by_line_author.as_deref(), Some("Kay Marsh"));
        assert_eq!(body(&text), STORY);
        let s = scan_text(&format!("Hollow Hours by inkwitch\n\n{STORY}"));
        assert_eq!(s.by_line_author.as_deref(), Some("inkwitch"));
    }

    #[test]
    fn a_title_containing_by_is_not_split_when_the_author_field_disagrees() {
        let s = scan_text(&format!("Stand by Me\n\nAuthor: Kay\n\n{STORY}"));
        assert_eq!(s.first_line_title.as_deref(), Some("Stand by Me"));
        assert_eq!(s.by_line_author, None);
    }

    #[test]
    fn title_then_by_line() {
        let text = format!("Hollow Hours\nby Kay\n\nStory Summary: Two friends.\n\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.first_line_title.as_deref(), Some("Hollow Hours"));
        assert_eq!(s.by_line_author.as_deref(), Some("Kay"));
        assert_eq!(s.get(FieldKey::Summary), Some("Two friends."));
    }

    #[test]
    fn lone_lower_case_summary_line() {
        let text = format!(" summary: Two friends talk.\n\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.get(FieldKey::Summary), Some("Two friends talk."));
        assert_eq!(s.first_line_title, None);
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn no_header_at_all() {
        let text = format!("{STORY}\n{STORY}");
        let s = scan_text(&text);
        assert!(s.fields.is_empty() && s.first_line_title.is_none());
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn divider_after_header_is_consumed() {
        let text = format!("Title: X\nAuthor: Y\n\n  ∞  ∞  ∞  \n\n{STORY}");
        assert_eq!(body(&text), format!("\n{STORY}"));
    }

    #[test]
    fn free_line_between_header_and_story() {
        let text = format!(
            "Dear Fog\n\nAuthor: Kay\n\nSummary: A letter\n\nCrossover with Other Show\n\n\n{STORY}"
        );
        let s = scan_text(&text);
        assert_eq!(s.free_lines, vec!["Crossover with Other Show".to_string()]);
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn header_never_swallows_prose_after_a_value() {
        let text = format!("Title: X\nDisclaimer: not mine\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.get(FieldKey::Disclaimer), Some("not mine"));
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn a_part_heading_after_the_header_is_not_a_field() {
        let text = format!("title: X\nfeedback: Always welcome!\n\n~Part: 1~\n\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.fields.len(), 2);
        assert_eq!(body(&text), format!("~Part: 1~\n\n{STORY}"));
    }

    #[test]
    fn header_stops_after_max_lines() {
        let text = "Title: X\n".to_string() + &"Note: n\n".repeat(200);
        let s = scan_text(&text);
        assert_eq!(s.body_start, MAX_HEADER_LINES);
    }

    #[test]
    fn a_short_opening_line_of_dialogue_is_not_a_title() {
        let text = format!("\"Spike?\"\n\n{STORY}");
        assert_eq!(scan_text(&text).first_line_title, None);
        let text = format!("Peace.\n\n{STORY}");
        assert_eq!(scan_text(&text).first_line_title, None);
    }

    #[test]
    fn a_bare_title_before_prose() {
        let text = format!("The Long Way Home\n\n{STORY}");
        let s = scan_text(&text);
        assert_eq!(s.first_line_title.as_deref(), Some("The Long Way Home"));
        assert_eq!(body(&text), STORY);
    }

    #[test]
    fn a_chapter_heading_is_not_a_title() {
        let text = format!("Chapter 1\n\n{STORY}");
        assert_eq!(scan_text(&text).first_line_title, None);
    }
}
