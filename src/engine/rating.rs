//! Story ratings: reads the free text of a header's rating line (`PG-13`, `NC-17 for
//! violence`, `Fiction Rated: T`, `R/NC-17`) and places it on one ordered scale, AO3's,
//! so a collection can be filtered by rating whatever system each author used. The raw
//! text is always kept; the scale is only for filtering and display. Matching is
//! hand-written (whole tokens, longest phrase first) because it runs on every story.

use serde::{Deserialize, Serialize};

/// One step on the ordered rating scale; `Ord` follows the scale, so filters can compare.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RatingLevel {
    /// No rating line, `Not Rated`, or text that names no known rating. Not "safe".
    #[default]
    NotRated,
    /// Suitable for everyone (G, PG, K, K+, FRC, FR7).
    General,
    /// Teen and up (PG-13, T, FR13, FR15).
    Teen,
    /// Mature (R, M, FRM, FR18).
    Mature,
    /// Adult only (NC-17, MA, X, FRAO, FR21).
    Explicit,
}

impl RatingLevel {
    /// Every level, lowest first.
    pub const ALL: [RatingLevel; 5] = [
        RatingLevel::NotRated,
        RatingLevel::General,
        RatingLevel::Teen,
        RatingLevel::Mature,
        RatingLevel::Explicit,
    ];

    /// Stable identifier for settings and the index (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RatingLevel::NotRated => "not_rated",
            RatingLevel::General => "general",
            RatingLevel::Teen => "teen",
            RatingLevel::Mature => "mature",
            RatingLevel::Explicit => "explicit",
        }
    }

    /// Human-readable name, as AO3 shows it.
    pub fn label(self) -> &'static str {
        match self {
            RatingLevel::NotRated => "Not Rated",
            RatingLevel::General => "General",
            RatingLevel::Teen => "Teen",
            RatingLevel::Mature => "Mature",
            RatingLevel::Explicit => "Explicit",
        }
    }

    /// One- or two-letter badge for compact lists.
    pub fn short(self) -> &'static str {
        match self {
            RatingLevel::NotRated => "NR",
            RatingLevel::General => "G",
            RatingLevel::Teen => "T",
            RatingLevel::Mature => "M",
            RatingLevel::Explicit => "E",
        }
    }
}

/// A story's rating: where it sits on the scale, the text it came from, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rating {
    /// Highest level named: the one filters use.
    pub level: RatingLevel,
    /// Lowest level named; equals `level` unless the text gives a range (`R/NC-17`).
    pub lowest: RatingLevel,
    /// The header value exactly as written; `None` when the story has no rating line.
    pub raw: Option<String>,
    /// The text after `for` / `due to` / `because` (`language, torture, violence`), if any.
    pub reasons: Option<String>,
}

impl Rating {
    /// Reads a rating line's value; never fails (unreadable text is `NotRated`, raw kept).
    pub fn parse(raw: Option<&str>) -> Rating {
        let Some(text) = raw else {
            return Rating::default();
        };
        // Not Rated only counts when nothing else is named: "Unrated, R-ish" is Mature.
        let rated: Vec<RatingLevel> = levels_in(rating_part(text))
            .into_iter()
            .filter(|level| *level != RatingLevel::NotRated)
            .collect();
        Rating {
            level: rated.iter().max().copied().unwrap_or_default(),
            lowest: rated.iter().min().copied().unwrap_or_default(),
            raw: Some(text.to_string()),
            reasons: reasons_in(text),
        }
    }

    /// True when the text named more than one level (`PG-13, later R`).
    pub fn is_range(&self) -> bool {
        self.lowest != self.level
    }
}

/// Multi-word ratings, matched before single tokens so `Hard R` and `PG 13` stay whole.
const PHRASES: &[(&[&str], RatingLevel)] = &[
    (&["teen", "and", "up", "audiences"], RatingLevel::Teen),
    (&["teen", "and", "up"], RatingLevel::Teen),
    (&["general", "audiences"], RatingLevel::General),
    (&["all", "ages"], RatingLevel::General),
    (&["not", "rated"], RatingLevel::NotRated),
    (&["pg", "13"], RatingLevel::Teen),
    (&["pg", "15"], RatingLevel::Teen),
    (&["nc", "17"], RatingLevel::Explicit),
    (&["nc", "18"], RatingLevel::Explicit),
    (&["nc", "21"], RatingLevel::Explicit),
    (&["hard", "r"], RatingLevel::Mature),
];

/// Words after which a rating line turns into an explanation; longest first so
/// `because of` wins over `because` at the same place.
const REASON_MARKERS: [&str; 4] = ["because of", "because", "due to", "for"];

/// The part of the value to scan for ratings. Reasons and asides often mention other
/// ratings ("upped from the original Hard R"), so when the text before the first
/// `for` / `(` / `due to` / `because` names a rating, only that part counts.
fn rating_part(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    let word = first_reason_marker(&lower).map(|(start, _)| start);
    let paren = lower.find('(');
    let cut = match (word, paren) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    match cut {
        Some(end) if !levels_in(&text[..end]).is_empty() => &text[..end],
        _ => text,
    }
}

/// Start and end byte offsets of the earliest reason marker in ASCII-lowercased text.
fn first_reason_marker(lower: &str) -> Option<(usize, usize)> {
    REASON_MARKERS
        .iter()
        .filter_map(|marker| find_word(lower, marker).map(|start| (start, start + marker.len())))
        // Earliest start wins; at the same start the longer marker (listed first) wins.
        .min_by_key(|&(start, end)| (start, usize::MAX - end))
}

/// First occurrence of `word` not glued to letters or digits on either side.
fn find_word(lower: &str, word: &str) -> Option<usize> {
    lower.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The explanation after `for` / `due to` / `because`, when a rating comes before it.
/// Stops at an aside in brackets or the end of the first sentence, since what follows
/// is chat with the reader rather than reasons.
fn reasons_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let (start, end) = first_reason_marker(&lower)?;
    if levels_in(&text[..start]).is_empty() {
        return None;
    }
    let rest = &text[end..];
    let rest = &rest[..rest.find(['(', '[']).unwrap_or(rest.len())];
    let rest = &rest[..sentence_end(rest).unwrap_or(rest.len())];
    let reasons = rest.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    (!reasons.is_empty()).then(|| reasons.to_string())
}

/// Byte offset of the first `.`, `!` or `?` that ends a sentence (followed by a space).
fn sentence_end(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(char::is_whitespace)
        })
        .map(|(i, _)| i)
}

/// A lower-cased word of the rating line.
struct Token {
    /// The word, lower-cased, with stray edge hyphens and apostrophes removed.
    text: String,
    /// Only whitespace separates it from the previous token, so it may join a phrase.
    spaced: bool,
}

/// Every level named in `text`, in order of appearance.
fn levels_in(text: &str) -> Vec<RatingLevel> {
    let tokens = tokenize(text);
    let mut levels = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((len, level)) = phrase_at(&tokens[i..]) {
            levels.push(level);
            i += len;
        } else {
            token_levels(&tokens[i].text, &mut levels);
            i += 1;
        }
    }
    levels
}

/// Splits on whitespace and punctuation, keeping `-`, `+` and apostrophes inside words:
/// `K+` and `NC-17` are ratings, and `I'm` or `don't` must not yield `M` or `T`.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut spaced = true;
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '+' | '\'' | '’') {
            word.push(c);
            continue;
        }
        push_token(&mut tokens, &word, &mut spaced);
        word.clear();
        if !c.is_whitespace() {
            spaced = false;
        }
    }
    push_token(&mut tokens, &word, &mut spaced);
    tokens
}

/// Adds `word` as a token if anything is left after trimming, and resets `spaced`.
fn push_token(tokens: &mut Vec<Token>, word: &str, spaced: &mut bool) {
    if word.is_empty() {
        return;
    }
    let head = word.trim_start_matches(['-', '+', '\'', '’']);
    let core = head.trim_end_matches(['-', '\'', '’']);
    if core.is_empty() {
        *spaced = false;
        return;
    }
    tokens.push(Token {
        text: core.to_lowercase(),
        spaced: *spaced && head.len() == word.len(),
    });
    *spaced = core.len() == head.len();
}

/// The longest multi-word rating starting at the first token, with its token count.
fn phrase_at(tokens: &[Token]) -> Option<(usize, RatingLevel)> {
    PHRASES
        .iter()
        .filter(|(words, _)| {
            words.len() <= tokens.len()
                && words
                    .iter()
                    .zip(tokens)
                    .enumerate()
                    .all(|(k, (word, token))| token.text == *word && (k == 0 || token.spaced))
        })
        .max_by_key(|(words, _)| words.len())
        .map(|(words, level)| (words.len(), *level))
}

/// Levels named by one token, tolerating `pg-13ish`, `R+` and `PG-R` spellings.
fn token_levels(token: &str, levels: &mut Vec<RatingLevel>) {
    if let Some(level) = exact_level(token) {
        levels.push(level);
        return;
    }
    if let Some(stem) = token.strip_suffix("ish") {
        // A bare single letter before "ish" is more likely a name ("Tish") than "T-ish".
        let hyphened = stem.ends_with('-');
        let stem = stem.trim_end_matches('-');
        if let Some(level) = exact_level(stem).filter(|_| hyphened || stem.len() > 1) {
            levels.push(level);
        }
        return;
    }
    if let Some(level) = token.strip_suffix('+').and_then(exact_level) {
        levels.push(level);
        return;
    }
    // "PG-R" names two ratings; "X-Men" names none, so every part must be a rating.
    if token.contains('-') {
        let parts: Option<Vec<RatingLevel>> = token.split('-').map(exact_level).collect();
        levels.extend(parts.unwrap_or_default());
    }
}

/// The level of a single whole lower-case token, if it is a known rating.
fn exact_level(token: &str) -> Option<RatingLevel> {
    let level = match token {
        "nr" | "unrated" | "not-rated" => RatingLevel::NotRated,
        "g" | "pg" | "k" | "k+" | "frc" | "fr7" | "general" | "all-ages" => RatingLevel::General,
        "pg-13" | "pg13" | "pg-15" | "pg15" | "t" | "teen" | "teens" | "teen-and-up" | "fr13"
        | "fr15" => RatingLevel::Teen,
        "r" | "hard-r" | "m" | "mature" | "frm" | "fr18" => RatingLevel::Mature,
        "nc-17" | "nc17" | "nc-18" | "nc18" | "nc-21" | "nc21" | "ma" | "x" | "xxx"
        | "explicit" | "adult" | "frao" | "fr21" => RatingLevel::Explicit,
        _ => return None,
    };
    Some(level)
}

#[cfg(test)]
mod tests;
