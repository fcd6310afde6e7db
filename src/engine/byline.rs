//! Bylines: the line that names who wrote a story (`by Ann Smith`, `By: Ann`, `By. Ann
//! ann@example.org`, `Written by Ann`, a lone `by` over the name, or `Title, by Ann Smith,
//! 1994` standing alone). The name stops at an address, a bracket, a date or a comma.

/// Longest line a byline stands on.
const TITLE_CHARS: usize = 70;

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The author a byline names: `by X`, `By: X`, `By. X`, `Written by X`.
pub fn byline(line: &str) -> Option<String> {
    byline_parts(line, None)
}

/// A byline on one line, or a lone `by` with the name on the line after it.
pub fn byline_at(lines: &[&str], i: usize) -> Option<(String, usize)> {
    let lone = lines[i]
        .trim()
        .trim_end_matches([':', '.'])
        .to_ascii_lowercase();
    if lone == "by" || lone == "written by" {
        let j = (i + 1..lines.len().min(i + 4)).find(|&j| !blank(lines[j]))?;
        return byline_parts(lines[j], Some("")).map(|name| (name, j + 1));
    }
    // A byline inside a line must stand alone: in a paragraph it is prose
    // (`characters copyrighted by Ten Thirteen`).
    let alone = (i == 0 || blank(lines[i - 1])) && lines.get(i + 1).is_none_or(|l| blank(l));
    byline(lines[i])
        .or_else(|| {
            alone
                .then(|| inline_byline(lines[i]).map(|(_, name)| name))
                .flatten()
        })
        .or_else(|| art_byline(lines[i]))
        .or_else(|| copyright_byline(lines[i]).map(|(_, name)| name))
        .map(|name| (name, i + 1))
}

/// The text up to the end of its first sentence: a full stop after a word, not after an
/// initial (`Ann B. Smith`).
fn sentence(text: &str) -> &str {
    let mut word_len = 0;
    for (i, c) in text.char_indices() {
        match c {
            '.' if word_len > 1 => return &text[..i],
            c if c.is_alphanumeric() => word_len += 1,
            _ => word_len = 0,
        }
    }
    text
}

/// Rights holders named in disclaimers, never a story's writer.
const STUDIOS: &[&str] = &[
    "paramount",
    "lucasfilm",
    "fox",
    "ten thirteen",
    "viacom",
    "cbs",
];

/// A copyright notice naming the writer: `Copyright 1993 by Ann Smith`, `(c) 1994 Ann
/// Smith`, `Title  *  Copyright 1992 by Ann Smith`, `copyright on the story, Ann Smith,
/// 1995`. Gives the text before the notice (a title, when the line holds one) and the name.
/// A notice inside a sentence (`Star Trek is copyright Paramount`) names no writer.
pub fn copyright_byline(line: &str) -> Option<(String, String)> {
    if !(contains_ignoring_case(line, "copyright") || line.contains("(c)") || line.contains('©')) {
        return None;
    }
    let lower = line.to_lowercase();
    let at = ["copyright", "(c)", "©"]
        .iter()
        .filter_map(|m| lower.find(m).map(|at| (at, m.len())))
        .min()?;
    let before = line[..at.0].trim();
    let separate =
        before.is_empty() || line[..at.0].ends_with("  ") || before.ends_with(['*', '-', '|']);
    let clause = sentence(line[at.0 + at.1..].split(';').next().unwrap_or(""));
    let clause = clause.trim_start_matches(|c: char| !c.is_alphanumeric());
    // `copyright on original characters and story, Ann Smith, 1995`.
    let on_story = clause
        .to_lowercase()
        .find("story")
        .map(|s| &clause[s + 5..]);
    let rest = match on_story {
        Some(after) => after.trim_start_matches([',', ':', ' ']),
        None if separate => {
            let r =
                clause.trim_start_matches(|c: char| c.is_ascii_digit() || "(c)©, -".contains(c));
            let dated = r.len() < clause.len();
            let r = r.trim_start();
            match r.strip_prefix("by ").or_else(|| r.strip_prefix("By ")) {
                Some(name) => name,
                None if dated => r,
                None => return None,
            }
        }
        None => return None,
    };
    let name: Vec<&str> = rest
        .split([',', '(', '<', '['])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !w.contains('@') && !ends_name(w))
        .collect();
    let capitalised = name.iter().all(|w| w.starts_with(char::is_uppercase));
    let name = name.join(" ");
    let studio = STUDIOS.iter().any(|s| name.to_lowercase().contains(s));
    let title = before
        .trim_end_matches(['*', '-', '|', ' ', ',', ':'])
        .to_string();
    ((2..=4).contains(&name.split(' ').count()) && capitalised && !studio).then_some((title, name))
}

/// A second writer on the line under a byline: `and Ann Smith (ann@example.org)`.
pub fn and_byline(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    let cut = ["and ", "& "].iter().find(|p| lower.starts_with(*p))?.len();
    name_in(t, cut).filter(|n| n.starts_with(char::is_uppercase))
}

/// The name on a line that gives a writer by address: `Ann Smith <ann@example.org>`,
/// `Ann Smith ann@example.org`, or a screen name glued to its host (`Ann Smith@aol.com`).
pub fn address_name(line: &str) -> Option<String> {
    let t = line.trim();
    let at = t.find('@')?;
    let token_start = t[..at].rfind(char::is_whitespace).map_or(0, |w| w + 1);
    let token = &t[token_start..at];
    // Only a capitalised screen name glued to its host is part of the name.
    let glued = if token.starts_with(char::is_uppercase) {
        token
    } else {
        ""
    };
    let before = t[..token_start].trim().trim_end_matches('<').trim();
    // A glued screen name counts only after other name words (`jo@aol.com` is an address).
    let words: Vec<&str> = match before.is_empty() {
        true => return None,
        false if glued.is_empty() => before.split_whitespace().collect(),
        false => before.split_whitespace().chain([glued]).collect(),
    };
    let named = (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '.')
        });
    named.then(|| words.join(" "))
}

/// A line that is a name alone, as under a title: two to four capitalised words of
/// letters (`Ann Smith`, `Ann B. O'Neill-Lee`), nothing else.
pub fn name_line(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let named = (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let initial = w.len() == 2 && w.ends_with('.');
            w.starts_with(char::is_uppercase)
                && (w.chars().any(char::is_lowercase) || initial)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        });
    named.then(|| words.join(" "))
}

/// True when `text` holds the ASCII `needle` in any case, with no copy of `text`.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    t.len() >= n.len() && t.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// True for a line of ASCII art: a quarter or more of its visible characters are symbols.
pub fn is_art(line: &str) -> bool {
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    let symbols = line
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_alphanumeric())
        .count();
    visible >= 8 && symbols * 4 >= visible
}

/// A byline drawn into ASCII art (`,--'  `--'Title   |  by Ann Smith`): a piece of the line
/// between the art's strokes that reads as a byline.
fn art_byline(line: &str) -> Option<String> {
    if !contains_ignoring_case(line, "by ") || !is_art(line) {
        return None;
    }
    line.split(['|', '`', '\'', '\\', '/'])
        .flat_map(|piece| piece.split("  "))
        .find_map(|piece| byline(piece.trim()))
}

/// Words that end a name in a byline: a month, or anything with a digit.
fn ends_name(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_ascii_lowercase();
    word.bytes().any(|b| b.is_ascii_digit())
        || (w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))
}

/// A short line that ends in a byline: `TITLE - PART I, by Ann Smith September 1994`,
/// `Here follows "Tale", by Ann Smith, 9/9/1994`. Gives the text before `by` and the name.
pub fn inline_byline(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if t.chars().count() > TITLE_CHARS || t.ends_with('.') && !t.ends_with("...") {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let at = lower.find(" by ")?;
    let name: Vec<&str> = t[at + 4..]
        .split([',', '<', '(', '['])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !w.contains('@') && !ends_name(w))
        .collect();
    let capitalised = name
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    ((1..=4).contains(&name.len()) && capitalised)
        .then(|| (t[..at].trim().to_string(), name.join(" ")))
}

/// The name after a byline's `by`; with `prefix` given, the whole line is the name.
fn byline_parts(line: &str, prefix: Option<&str>) -> Option<String> {
    let t = line.trim();
    if let Some(p) = prefix {
        return name_in(t, p.len());
    }
    let lower = t.to_ascii_lowercase();
    let cut = ["written by", "by:", "by.", "by "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.len())?;
    name_in(t, cut)
}

/// The author's name in `t` after byte `cut`: up to an address or a bracket, 1-5 words.
fn name_in(t: &str, cut: usize) -> Option<String> {
    let rest = t[cut..].trim_start_matches([':', '.', ' ', '\t']);
    // Drop e-mail addresses and anything in brackets after the name.
    let name: Vec<&str> = rest
        .split(['<', '(', '[', ','])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !w.contains('@'))
        .collect();
    let name = name.join(" ");
    let words = name.split_whitespace().count();
    // A lower-case pen name (`by qIra`) only on a short line that isn't a sentence.
    let short_line = t.chars().count() <= 40
        && !t.ends_with(['.', ',', ';'])
        && name.chars().any(char::is_uppercase);
    let named = name.starts_with(|c: char| c.is_alphabetic() && (!c.is_lowercase() || short_line));
    (named && (1..=5).contains(&words) && t.chars().count() <= TITLE_CHARS).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_in_their_forms() {
        assert_eq!(byline("by Ann Smith").as_deref(), Some("Ann Smith"));
        assert_eq!(byline("   By: Ann Smith").as_deref(), Some("Ann Smith"));
        assert_eq!(
            byline("By. Ann Smith ann@example.org").as_deref(),
            Some("Ann Smith")
        );
        assert_eq!(byline("Written by Bo").as_deref(), Some("Bo"));
        let lone = ["   by", "  Ann Smith", "", "Text."];
        assert_eq!(byline_at(&lone, 0), Some(("Ann Smith".to_string(), 2)));
        assert_eq!(byline("by the time she came home, it was dark."), None);
        assert_eq!(byline("by the way"), None);
        for (line, title, name) in [
            ("Copyright 1993 by Ann Smith", "", "Ann Smith"),
            (
                "Tale (or, A Long Day)  *   Copyright 1992 by Ann Smith",
                "Tale (or, A Long Day)",
                "Ann Smith",
            ),
            ("(c) 1994 Ann B. Smith", "", "Ann B. Smith"),
            (
                "copyright on original characters and story, Ann Smith, 1995",
                "",
                "Ann Smith",
            ),
        ] {
            assert_eq!(
                copyright_byline(line),
                Some((title.to_string(), name.to_string())),
                "{line}"
            );
        }
        for line in [
            "Star Trek is copyright 1993 by Paramount Pictures.",
            "Copyright on all characters and settings, Paramount Pictures;",
            "No copyright infringement is intended.",
        ] {
            assert_eq!(copyright_byline(line), None, "{line}");
        }
        assert_eq!(
            and_byline("and Bo Lee (bo@example.org)").as_deref(),
            Some("Bo Lee")
        );
        assert_eq!(and_byline("and then she left."), None);
        assert_eq!(
            address_name("Jo Writer@aol.com").as_deref(),
            Some("Jo Writer")
        );
        assert_eq!(
            address_name("Jo Writer <jo@example.org>").as_deref(),
            Some("Jo Writer")
        );
        assert_eq!(address_name("jo@example.org"), None);
        assert_eq!(address_name("Write to me at jo@example.org"), None);
        let art = ["  ,--'   `--'Tale     |  by Ann Smith"];
        assert_eq!(byline_at(&art, 0), Some(("Ann Smith".to_string(), 1)));
    }
}
