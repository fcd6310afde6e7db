//! Line shapes: what a single line of a story is when it is not prose.
//!
//! Scene breaks (`* * *`, `~~~~`, `oOo`, a row of `∞`), part and chapter headings
//! (`~Part: 3~`, `Chapter 2: Home`, `Prologue`, `* 1 *`, `(2/5)`), endings (`The End`,
//! `TBC`) and the start of an author's note. Each test looks at one trimmed line and is
//! cheap enough to run on every line of a 50 MB story.

mod closing;

pub use closing::{Ending, ending};

/// Longest line that can be a scene break or a heading.
const MAX_MARK_CHARS: usize = 80;

/// Characters that decorate scene breaks and headings. `?` and U+FFFD are here because a
/// row of `∞` saved in a legacy encoding comes out as `? ? ? ?`.
const ORNAMENTS: &str = "*~-_=#+.:|/\\<>^•·°∞☆★♥❤♡✿❀§¤–—…%@&[](){}✦✧◊?!\u{FFFD}";

fn is_ornament(c: char) -> bool {
    if c.is_ascii() {
        // The ASCII part of [`ORNAMENTS`], as one match: this runs on every line.
        return c.is_ascii_whitespace()
            || matches!(
                c,
                '*' | '~'
                    | '-'
                    | '_'
                    | '='
                    | '#'
                    | '+'
                    | '.'
                    | ':'
                    | '|'
                    | '/'
                    | '\\'
                    | '<'
                    | '>'
                    | '^'
                    | '%'
                    | '@'
                    | '&'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '{'
                    | '}'
                    | '?'
                    | '!'
            );
    }
    c.is_whitespace() || ORNAMENTS.contains(c)
}

/// True for a short line of symbols (or an `oOo`/`xXx` pattern) that marks a scene break.
pub fn is_scene_break(line: &str) -> bool {
    // Most lines are prose that opens with a letter or digit: settled by one byte.
    if line
        .bytes()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| {
            b.is_ascii_alphanumeric() && !matches!(b, b'o' | b'O' | b'0' | b'x' | b'X')
        })
    {
        return false;
    }
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_MARK_CHARS * 4 {
        return false;
    }
    // Most lines are prose: a letter other than o/x, or a digit, settles it at once.
    let first = t.chars().find(|&c| !is_ornament(c));
    if first.is_some_and(|c| !matches!(c, 'o' | 'O' | '0' | 'x' | 'X')) {
        return false;
    }
    if first.is_none() {
        // Dots, ellipses, dashes and question marks alone are a pause in dialogue, not a
        // break; but `-----`, and `? ? ? ?` (a row of `∞` saved in a legacy encoding), are.
        let meaningful = t.chars().filter(|c| !c.is_whitespace()).any(|c| {
            !matches!(
                c,
                '.' | '…' | '-' | '–' | '—' | '(' | ')' | '[' | ']' | ':' | '?' | '!'
            )
        });
        let count = |ch| t.chars().filter(|&c| c == ch).count();
        return meaningful || count('-') >= 3 || count('?') >= 3;
    }
    let letters = t
        .bytes()
        .filter(|&c| matches!(c, b'o' | b'O' | b'0' | b'x' | b'X'));
    if letters.clone().count() != t.chars().filter(|&c| !is_ornament(c)).count() {
        return false; // other letters: prose
    }
    is_letter_pattern(&letters.collect::<Vec<u8>>())
}

/// `oOo`, `xXx`, `o0o0o`, `OoO`: a run of o/O/0 or x/X that changes case and is
/// symmetric at the ends (so the word `Ooo` is not a break).
fn is_letter_pattern(b: &[u8]) -> bool {
    if b.len() < 3 || b.len() > 24 {
        return false;
    }
    let o_family = b.iter().all(|c| matches!(c, b'o' | b'O' | b'0'));
    let x_family = b.iter().all(|c| matches!(c, b'x' | b'X'));
    let mixed = b.windows(2).all(|w| w[0] != w[1]);
    (o_family || x_family) && mixed && b[0] == b[b.len() - 1]
}

/// Keywords that open a numbered heading (`Chapter 3`).
const NUMBERED: &[&str] = &[
    "part", "chapter", "chap", "ch", "book", "section", "act", "volume", "vol", "episode",
];
/// Keywords that are a heading alone (`Prologue`).
const STANDALONE: &[&str] = &[
    "prologue",
    "prolouge",
    "teaser",
    "epilogue",
    "interlude",
    "intermission",
    "coda",
    "afterword",
    "foreword",
];
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "last",
    "final",
];

/// How many lines a `/* ... */` aside may span.
pub const COMMENT_LINES: usize = 40;

/// A programmer's aside written as a C comment (`/* ...` to `... */`) starting at line
/// `i`: the index after its last line.
pub fn comment_end(lines: &[&str], i: usize) -> Option<usize> {
    if !lines.get(i)?.trim_start().starts_with("/*") {
        return None;
    }
    (i..lines.len().min(i + COMMENT_LINES))
        .find(|&j| lines[j].trim_end().ends_with("*/"))
        .map(|j| j + 1)
}

/// Marks a line made by the engine as a part heading: the part a post of a concatenated
/// file says it is (`A CHRISTMAS STORY -- Part 2`), shown as written. A private-use
/// character, which no story text holds.
pub const POST_HEADING: char = '\u{E000}';

/// True when a title or subject names a part: `Title -- Part 2`, `Title, Part I`,
/// `Title - pt.1`, `Chapter Three`, `Title (2/5)`.
pub fn names_part(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ':' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let keyword = words.windows(2).any(|w| {
        let key = w[0].trim_end_matches('.');
        let key_number = key
            .strip_prefix("pt.")
            .or_else(|| key.strip_prefix("pt"))
            .or_else(|| key.strip_prefix("part"))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let numbered = matches!(key, "part" | "pt" | "chapter" | "chap" | "ch")
            && split_number(w[1].trim_matches(['.', '\'', '"'])).is_some_and(|(_, r)| r.is_empty());
        numbered || key_number.is_some()
    });
    let last = words.last().map(|w| w.trim_end_matches('.')).unwrap_or("");
    let pt = last.strip_prefix("pt.").or_else(|| last.strip_prefix("pt"));
    keyword
        || pt.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        || words.iter().any(|w| fraction_heading(w).is_some())
}

/// The heading a line names, tidied (`~Part: 1~` gives `Part 1`), or `None`.
pub fn heading(line: &str) -> Option<String> {
    if let Some(named) = line.strip_prefix(POST_HEADING) {
        return Some(named.trim().to_string());
    }
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_MARK_CHARS * 4 {
        return None;
    }
    let inner = t.trim_matches(|c: char| is_ornament(c) && !matches!(c, '(' | ')' | '.'));
    let decorated = inner.len() < t.len();
    if inner.is_empty() {
        return None;
    }
    // Prose is settled here: a first word that is no keyword, and too long for a number
    // or a fraction.
    if inner.trim_end_matches('.').trim_end().len() > 9 && !opens_with_keyword(inner) {
        return None;
    }
    let found = keyword_heading(inner)
        .or_else(|| fraction_heading(inner))
        .or_else(|| number_heading(inner, decorated))?;
    // Measured last: most lines are no heading, and counting characters costs a pass.
    let long = t.len() > MAX_MARK_CHARS && t.chars().count() > MAX_MARK_CHARS;
    (!long).then_some(found)
}

/// True when the line's leading run of ASCII letters is a heading keyword.
fn opens_with_keyword(inner: &str) -> bool {
    let letters = inner
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(inner.len());
    let word = &inner[..letters];
    find_word(STANDALONE, word).is_some() || find_word(NUMBERED, word).is_some()
}

/// `Part 3`, `Chapter: 2 - Home`, `PART ONE`, `Prologue`, `Epilogue: Years Later`.
fn keyword_heading(inner: &str) -> Option<String> {
    let (first, rest) = split_word(inner);
    let word = first.trim_end_matches([':', '.']);
    if let Some(keyword) = find_word(STANDALONE, word) {
        let title = rest.trim_start_matches(is_separator).trim();
        return match title {
            "" => Some(capitalise(keyword)),
            _ if title_is_plausible(title, rest) => {
                Some(format!("{}: {title}", capitalise(keyword)))
            }
            _ => None,
        };
    }
    let keyword = find_word(NUMBERED, word)?;
    let rest = rest.trim_start_matches(|c: char| c == ':' || c == '.' || c.is_whitespace());
    let (number, after) = split_number(rest)?;
    let name = capitalise(keyword);
    let title = after.trim_start_matches(is_separator).trim();
    if title.is_empty() {
        return Some(format!("{name} {number}"));
    }
    if is_of_total(after) || title_is_plausible(title, after) {
        let sep = if is_of_total(after) { " " } else { ": " };
        return Some(format!("{name} {number}{sep}{title}"));
    }
    None
}

/// `(2/5)`, `[3/10]`, `2/5`.
fn fraction_heading(inner: &str) -> Option<String> {
    if inner.len() > 9 {
        return None; // `[123/456]` at most
    }
    let s = inner
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    let (a, b) = s.split_once('/')?;
    let ok = |n: &str| {
        !n.trim().is_empty() && n.trim().len() <= 3 && n.trim().bytes().all(|c| c.is_ascii_digit())
    };
    (ok(a) && ok(b)).then(|| format!("Part {}", a.trim()))
}

/// `1`, `12.`, and `* One *` or `~ IV ~` when decorated.
fn number_heading(inner: &str, decorated: bool) -> Option<String> {
    let s = inner.trim_end_matches('.').trim();
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let digits = s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
    let words = decorated && (is_roman(s) || find_word(NUMBER_WORDS, s).is_some());
    (digits || words).then(|| format!("Part {s}"))
}

/// A chapter title after the number: short, and not the rest of a sentence.
fn title_is_plausible(title: &str, after_number: &str) -> bool {
    let separated = after_number.trim_start().starts_with(is_separator);
    let words = title.split_whitespace().count();
    let sentence_end = title.ends_with(['.', ',', ';']) && !title.ends_with("...");
    if separated {
        words <= 12 && !title.ends_with([',', ';'])
    } else {
        words <= 6 && !sentence_end && title.starts_with(|c: char| !c.is_lowercase())
    }
}

fn is_of_total(after: &str) -> bool {
    let t = after.trim().to_lowercase();
    t.strip_prefix("of ")
        .is_some_and(|n| split_number(n).is_some_and(|(_, rest)| rest.trim().is_empty()))
}

fn is_separator(c: char) -> bool {
    matches!(c, ':' | '.' | '-' | '–' | '—' | '~' | '|' | ',') || c.is_whitespace()
}

/// A leading number: digits, a Roman numeral or a number word, and the text after it.
fn split_number(s: &str) -> Option<(&str, &str)> {
    // A quoted number: `Part '1' - Surprises`.
    if let Some(q) = s.chars().next().filter(|c| matches!(c, '\'' | '"')) {
        let (number, rest) = split_number(&s[1..])?;
        return rest.strip_prefix(q).map(|rest| (number, rest));
    }
    if let Some(sub) = sub_number(s) {
        return Some((&s[..sub], &s[sub..]));
    }
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    let token = &s[..end];
    if token.is_empty() {
        return None;
    }
    let digits = token.len() <= 4 && token.bytes().all(|c| c.is_ascii_digit());
    (digits || is_roman(token) || find_word(NUMBER_WORDS, token).is_some())
        .then(|| (token, &s[end..]))
}

/// The length of a numbered sub-part like `2.5b` or `3.1` at the start of `s` (digits, a
/// dot, digits, an optional letter), so it stays one number.
fn sub_number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let whole = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if whole == 0 || b.get(whole) != Some(&b'.') {
        return None;
    }
    let frac = b[whole + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if frac == 0 {
        return None;
    }
    let mut end = whole + 1 + frac;
    if b.get(end).is_some_and(u8::is_ascii_lowercase) {
        end += 1;
    }
    let ends_token = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
    ends_token.then_some(end)
}

/// The entry of `list` that `word` spells, ignoring case; no allocation, as this runs on
/// every short line.
fn find_word(list: &[&'static str], word: &str) -> Option<&'static str> {
    list.iter().copied().find(|w| w.eq_ignore_ascii_case(word))
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 7
        && (s.bytes().all(|c| b"IVXLC".contains(&c)) || s.bytes().all(|c| b"ivxlc".contains(&c)))
}

fn split_word(s: &str) -> (&str, &str) {
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => match s.find(':') {
            Some(i) => (&s[..=i], &s[i + 1..]),
            None => (s, ""),
        },
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The value of a number as a heading writes it: `3`, `III`, `three`.
fn number_value(token: &str) -> Option<u32> {
    if let Ok(n) = token.parse::<u32>() {
        return Some(n);
    }
    if let Some(i) = NUMBER_WORDS[..20]
        .iter()
        .position(|w| w.eq_ignore_ascii_case(token))
    {
        return u32::try_from(i + 1).ok();
    }
    if !is_roman(token) {
        return None;
    }
    let value = |c: char| match c.to_ascii_uppercase() {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let digits: Vec<i64> = token.chars().map(value).collect();
    let total: i64 = (0..digits.len())
        .map(|k| match digits.get(k + 1) {
            Some(&next) if next > digits[k] => -digits[k],
            _ => digits[k],
        })
        .sum();
    u32::try_from(total).ok()
}

/// True when a heading names a part before the last: `Part One of Two`, `Part 2 of 5`.
pub fn part_of_more(heading: &str) -> bool {
    let words: Vec<&str> = heading
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).any(|w| {
        w[1].eq_ignore_ascii_case("of")
            && matches!(
                (number_value(w[0]), number_value(w[2])),
                (Some(n), Some(m)) if n < m
            )
    })
}

/// True when a paragraph opens with an author's note marker (`A/N:`, `Author's note`).
pub fn starts_note(line: &str) -> bool {
    if line.trim_start().starts_with("/*") {
        return true; // a programmer's aside, written as a C comment
    }
    let start = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | '[' | '*' | '~' | '-')
    });
    if !start.starts_with(['a', 'A', 'n', 'N']) {
        return false; // every marker starts with one of these
    }
    // The first characters in ASCII lower case, a curly apostrophe as a straight one.
    let mut t = [0u8; 16];
    let mut len = 0;
    for c in start.chars().take(t.len()) {
        t[len] = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => break,
        };
        len += 1;
    }
    let t = &t[..len];
    [
        "a/n",
        "an:",
        "author's note",
        "authors note",
        "author note",
        "author's notes",
        "note:",
        "notes:",
    ]
    .iter()
    .any(|m| t.starts_with(m.as_bytes()))
}

#[cfg(test)]
mod tests;
