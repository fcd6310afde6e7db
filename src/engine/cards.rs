//! Title cards and running headers: the story's title repeated inside its text.
//!
//! Archive files repeat the title where the writer's layout put it: a card before each
//! part (`STAR TREK: THE NEXT GENERATION - MINOR MISDIRECTIONS`, underlined), or a page
//! header left by a word processor (`THE X-FILES: "And If I Die..." By Tony Anderson`), at
//! times in the middle of a sentence. Neither is story text. A line is taken for one when
//! it holds the title and, beside it, only words in capitals (a fandom, a byline, a date);
//! a sentence of the story that names the title has words in lower case.

use super::lines::{heading, is_scene_break};

/// Shortest title (letters and digits) worth looking for: shorter ones are common words.
const MIN_TITLE_CHARS: usize = 6;
/// Longest line taken for a title card.
const MAX_CARD_CHARS: usize = 100;

/// Letters and digits in lower case, words separated by one space.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Small words a byline or card may hold in lower case.
fn is_small_word(word: &str) -> bool {
    ["by", "of", "and", "the", "a", "part", "an", "in", "aka"].contains(&word)
}

/// True when `line` is a card or running header for the title (normalised as `title`).
fn is_card(line: &str, title: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > MAX_CARD_CHARS || heading(t).is_some() {
        return false;
    }
    let norm = normalise(t);
    let Some(at) = norm.find(title) else {
        return false;
    };
    let whole_words = (at == 0 || norm.as_bytes()[at - 1] == b' ')
        && norm
            .as_bytes()
            .get(at + title.len())
            .is_none_or(|&b| b == b' ');
    // Beside the title: capitalised words, numbers and small words only.
    let title_words: Vec<&str> = title.split(' ').collect();
    let mut prose = t.split_whitespace().filter(|w| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        bare.starts_with(char::is_lowercase)
            && !is_small_word(bare)
            && !title_words.contains(&bare.to_lowercase().as_str())
    });
    whole_words && prose.next().is_none()
}

/// The lines of `lines` that are title cards for `title`, with the underline under each;
/// where a card (a page header) splits a sentence, the blank lines around it too, so the
/// sentence comes back together when they are taken out.
pub fn title_cards(lines: &[&str], title: &str) -> Vec<usize> {
    let title = normalise(title);
    if title.chars().filter(|c| *c != ' ').count() < MIN_TITLE_CHARS {
        return Vec::new();
    }
    let blank = |i: usize| lines[i].trim().is_empty();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_card(line, &title) {
            continue;
        }
        let mut end = i + 1;
        if lines.get(end).is_some_and(|l| is_scene_break(l)) {
            end += 1;
        }
        let mut start = i;
        let before = (0..i).rev().find(|&k| !blank(k));
        let after = (end..lines.len()).find(|&k| !blank(k));
        if let (Some(b), Some(a)) = (before, after) {
            let open = lines[b]
                .trim_end()
                .ends_with(|c: char| c.is_alphabetic() || c == ',');
            let goes_on = lines[a].trim_start().starts_with(char::is_lowercase);
            if open && goes_on {
                (start, end) = (b + 1, a);
            }
        }
        found.extend(start..end);
    }
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_and_running_headers() {
        let lines = [
            "  STAR TREK: THE NEXT GENERATION - LONG WINTER",
            "  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "The snow fell.",
            "FANDOM: \"Long Winter\" By Jo Writer (August 1994)",
            "She said the long winter was coming.",
            "\"Long winter,\" he said.",
            "Part 2: Long Winter",
        ];
        assert_eq!(title_cards(&lines, "Long Winter"), vec![0, 1, 3]);
    }

    #[test]
    fn a_page_header_inside_a_sentence_is_taken_out_with_its_blank_lines() {
        let lines = [
            "She looked out with an",
            "",
            "LONG WINTER By Jo Writer",
            "",
            " emotionless stare.",
        ];
        assert_eq!(title_cards(&lines, "Long Winter"), vec![1, 2, 3]);
    }

    #[test]
    fn short_titles_are_not_looked_for() {
        assert!(title_cards(&["HOME"], "Home").is_empty());
    }
}
