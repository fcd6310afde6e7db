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

/// The longest word of a normalised title: the one to look for first.
fn longest_word(title: &str) -> &str {
    title.split(' ').max_by_key(|w| w.len()).unwrap_or(title)
}

/// The indices of the lines holding `word` (lower case) written in lower case, in
/// capitals or capitalised. `text` is searched as a whole (a few fast searches instead of
/// a look at every line) and the hits are found among the lines cut from it by address;
/// a line the engine made (a post's heading) is not looked at.
fn lines_holding(lines: &[&str], word: &str, text: &str) -> Vec<usize> {
    if word.is_empty() || !word.is_ascii() {
        return (0..lines.len()).collect();
    }
    let capitalised = word[..1].to_ascii_uppercase() + &word[1..];
    let mut hits: Vec<usize> = [word.to_string(), word.to_ascii_uppercase(), capitalised]
        .iter()
        .flat_map(|v| memchr::memmem::find_iter(text.as_bytes(), v.as_bytes()).collect::<Vec<_>>())
        .collect();
    hits.sort_unstable();
    let base = text.as_ptr() as usize;
    let mut found = Vec::new();
    let mut h = 0;
    for (i, line) in lines.iter().enumerate() {
        let at = (line.as_ptr() as usize).wrapping_sub(base);
        if at > text.len() {
            continue;
        }
        while h < hits.len() && hits[h] < at {
            h += 1;
        }
        if hits.get(h).is_some_and(|&hit| hit < at + line.len()) {
            found.push(i);
        }
    }
    found
}

/// Most words in lower case a card holds (`by`, `of`, `and`, the title's own words).
const MAX_LOWER_WORDS: usize = 6;

/// Words starting with an ASCII lower-case letter: a cheap first look, one pass of bytes.
fn lower_case_words(t: &str) -> usize {
    let b = t.as_bytes();
    let first = usize::from(b.first().is_some_and(u8::is_ascii_lowercase));
    first
        + b.windows(2)
            .filter(|w| w[0] == b' ' && w[1].is_ascii_lowercase())
            .count()
}

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
    if t.is_empty() || t.len() > MAX_CARD_CHARS * 4 || lower_case_words(t) > MAX_LOWER_WORDS {
        return false;
    }
    // Beside the title: capitalised words, numbers and small words only. Checked first,
    // as it settles a line of prose in a word or two, with no copy of it.
    let mut prose = t.split_whitespace().filter(|w| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        bare.starts_with(char::is_lowercase)
            && !is_small_word(bare)
            && !title.split(' ').any(|tw| tw.eq_ignore_ascii_case(bare))
    });
    if prose.next().is_some() || t.chars().count() > MAX_CARD_CHARS || heading(t).is_some() {
        return false;
    }
    let norm = normalise(t);
    let Some(at) = norm.find(title) else {
        return false;
    };
    (at == 0 || norm.as_bytes()[at - 1] == b' ')
        && norm
            .as_bytes()
            .get(at + title.len())
            .is_none_or(|&b| b == b' ')
}

/// The lines of `lines` (cut from `text`) that are title cards for `title`, with the
/// underline under each; where a card (a page header) splits a sentence, the blank lines
/// around it too, so the sentence comes back together when they are taken out.
pub fn title_cards(lines: &[&str], title: &str, text: &str) -> Vec<usize> {
    let title = normalise(title);
    if title.chars().filter(|c| *c != ' ').count() < MIN_TITLE_CHARS {
        return Vec::new();
    }
    let lines_with_word = lines_holding(lines, longest_word(&title), text);
    let blank = |i: usize| lines[i].trim().is_empty();
    let mut found = Vec::new();
    for i in lines_with_word {
        let line = lines[i];
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
        let text = lines.join("\n");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(title_cards(&lines, "Long Winter", &text), vec![0, 1, 3]);
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
        let text = lines.join("\n");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(title_cards(&lines, "Long Winter", &text), vec![1, 2, 3]);
    }

    #[test]
    fn short_titles_are_not_looked_for() {
        assert!(title_cards(&["HOME"], "Home", "HOME").is_empty());
    }
}
