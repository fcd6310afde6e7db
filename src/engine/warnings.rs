//! Content warnings: reads a header's warning line (AO3's archive warnings or old free
//! text like `Characters' deaths and general nastiness.`) into canonical categories plus
//! free tags for whatever matched none, and records whether the author warned at all.
//! "Chose not to warn" and a missing line are kept apart from "no warnings", because a
//! reader excluding a category must be able to hide stories that simply didn't say.
//! Matching is hand-written keyword search on word boundaries; it runs on every story.

use serde::{Deserialize, Serialize};

/// A canonical warning a reader can filter on: AO3's archive warnings plus common extras.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCategory {
    /// A character dies (AO3: Major Character Death).
    CharacterDeath,
    /// Violence, gore or torture (AO3: Graphic Depictions Of Violence).
    Violence,
    /// Rape, non-consent or dubious consent (AO3: Rape/Non-Con).
    RapeNoncon,
    /// Sexual content involving minors (AO3: Underage Sex).
    Underage,
    /// Self-harm.
    SelfHarm,
    /// Suicide or suicidal thoughts.
    Suicide,
    /// Abuse, including domestic violence.
    Abuse,
    /// Incest.
    Incest,
    /// Drug use or addiction.
    DrugUse,
}

impl WarningCategory {
    /// Every category, in display order.
    pub const ALL: [WarningCategory; 9] = [
        WarningCategory::CharacterDeath,
        WarningCategory::Violence,
        WarningCategory::RapeNoncon,
        WarningCategory::Underage,
        WarningCategory::SelfHarm,
        WarningCategory::Suicide,
        WarningCategory::Abuse,
        WarningCategory::Incest,
        WarningCategory::DrugUse,
    ];

    /// Stable identifier for settings and the index (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCategory::CharacterDeath => "character_death",
            WarningCategory::Violence => "violence",
            WarningCategory::RapeNoncon => "rape_noncon",
            WarningCategory::Underage => "underage",
            WarningCategory::SelfHarm => "self_harm",
            WarningCategory::Suicide => "suicide",
            WarningCategory::Abuse => "abuse",
            WarningCategory::Incest => "incest",
            WarningCategory::DrugUse => "drug_use",
        }
    }

    /// Human-readable name for filters and badges.
    pub fn label(self) -> &'static str {
        match self {
            WarningCategory::CharacterDeath => "Character death",
            WarningCategory::Violence => "Violence",
            WarningCategory::RapeNoncon => "Rape/non-con",
            WarningCategory::Underage => "Underage",
            WarningCategory::SelfHarm => "Self-harm",
            WarningCategory::Suicide => "Suicide",
            WarningCategory::Abuse => "Abuse",
            WarningCategory::Incest => "Incest",
            WarningCategory::DrugUse => "Drug use",
        }
    }
}

/// What the author said about warnings overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningState {
    /// No warning line, or an empty one: the story didn't say.
    #[default]
    Unknown,
    /// The author said there is nothing to warn for.
    None,
    /// The author chose not to warn: as unknown as a missing line, but said on purpose.
    ChooseNotToWarn,
    /// At least one category or free warning was given.
    Some,
}

impl WarningState {
    /// Stable identifier for settings and the index (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningState::Unknown => "unknown",
            WarningState::None => "none",
            WarningState::ChooseNotToWarn => "choose_not_to_warn",
            WarningState::Some => "some",
        }
    }
}

/// A story's warnings: overall state, canonical categories and free tags.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Warnings {
    /// Whether the author warned, said none, chose not to, or said nothing.
    pub state: WarningState,
    /// Canonical categories named, sorted and deduplicated.
    pub categories: Vec<WarningCategory>,
    /// Phrases that matched no category, trimmed, as written, without a trailing `.`.
    pub tags: Vec<String>,
    /// The header value exactly as written; `None` when the story has no warning line.
    pub raw: Option<String>,
}

impl Warnings {
    /// Reads a warning line's value; never fails (a missing or empty line is `Unknown`).
    pub fn parse(raw: Option<&str>) -> Warnings {
        let Some(text) = raw else {
            return Warnings::default();
        };
        let mut warnings = Warnings {
            raw: Some(text.to_string()),
            ..Warnings::default()
        };
        let mut chose_not_to_warn = false;
        let mut said_none = false;
        for phrase in split_phrases(text) {
            match classify_phrase(phrase) {
                Phrase::Empty => {}
                Phrase::ChooseNotToWarn => chose_not_to_warn = true,
                Phrase::NoneStated => said_none = true,
                Phrase::Categories(found) => warnings.categories.extend(found),
                Phrase::Tag(tag) => {
                    if !warnings.tags.iter().any(|known| known == tag) {
                        warnings.tags.push(tag.to_string());
                    }
                }
            }
        }
        warnings.categories.sort();
        warnings.categories.dedup();
        // Categories beat "chose not to warn", which beats "none"; free tags alone
        // (`dark themes`) still mean the author warned for something.
        warnings.state = if !warnings.categories.is_empty() {
            WarningState::Some
        } else if chose_not_to_warn {
            WarningState::ChooseNotToWarn
        } else if said_none {
            WarningState::None
        } else if !warnings.tags.is_empty() {
            WarningState::Some
        } else {
            WarningState::Unknown
        };
        warnings
    }

    /// Adds categories named in other text (e.g. a rating's reasons "for language,
    /// torture") without changing `state`: a reason is not the author's warning.
    pub fn add_categories_from(&mut self, text: &str) {
        self.categories.extend(categories_in(text));
        self.categories.sort();
        self.categories.dedup();
    }

    /// True when `c` is among the categories.
    pub fn has(&self, c: WarningCategory) -> bool {
        self.categories.contains(&c)
    }
}

/// Canonical categories named anywhere in `text` (keyword match on word boundaries).
pub fn categories_in(text: &str) -> Vec<WarningCategory> {
    scan_normalized(&normalize(text))
}

const DEATH: &[WarningCategory] = &[WarningCategory::CharacterDeath];
const VIOLENCE: &[WarningCategory] = &[WarningCategory::Violence];
const NONCON: &[WarningCategory] = &[WarningCategory::RapeNoncon];
const UNDERAGE: &[WarningCategory] = &[WarningCategory::Underage];
const SELF_HARM: &[WarningCategory] = &[WarningCategory::SelfHarm];
const SUICIDE: &[WarningCategory] = &[WarningCategory::Suicide];
const ABUSE: &[WarningCategory] = &[WarningCategory::Abuse];
const ABUSE_VIOLENCE: &[WarningCategory] = &[WarningCategory::Violence, WarningCategory::Abuse];
const INCEST: &[WarningCategory] = &[WarningCategory::Incest];
const DRUGS: &[WarningCategory] = &[WarningCategory::DrugUse];

/// Keywords in normalized form (lower case, hyphens as spaces), each with what it names.
/// At any position the longest keyword wins, so "substance abuse" is drug use, not abuse,
/// and "minor character death" is only a death ("minor" is deliberately not underage).
const KEYWORDS: &[(&str, &[WarningCategory])] = &[
    ("death", DEATH),
    ("deaths", DEATH),
    ("die", DEATH),
    ("dies", DEATH),
    ("died", DEATH),
    ("dying", DEATH),
    ("kill", DEATH),
    ("kills", DEATH),
    ("killed", DEATH),
    ("killing", DEATH),
    ("murder", DEATH),
    ("murders", DEATH),
    ("murdered", DEATH),
    ("mcd", DEATH),
    ("violence", VIOLENCE),
    ("violent", VIOLENCE),
    ("gore", VIOLENCE),
    ("gory", VIOLENCE),
    ("blood and gore", VIOLENCE),
    ("torture", VIOLENCE),
    ("tortured", VIOLENCE),
    ("torturing", VIOLENCE),
    ("brutal", VIOLENCE),
    ("brutality", VIOLENCE),
    ("graphic depictions", VIOLENCE),
    ("mutilation", VIOLENCE),
    ("mutilated", VIOLENCE),
    ("rape", NONCON),
    ("raped", NONCON),
    ("rapes", NONCON),
    ("raping", NONCON),
    ("non con", NONCON),
    ("noncon", NONCON),
    ("non consensual", NONCON),
    ("nonconsensual", NONCON),
    ("dub con", NONCON),
    ("dubcon", NONCON),
    ("dubious consent", NONCON),
    ("sexual assault", NONCON),
    ("sexually assaulted", NONCON),
    ("underage", UNDERAGE),
    ("under age", UNDERAGE),
    ("self harm", SELF_HARM),
    ("selfharm", SELF_HARM),
    ("self harming", SELF_HARM),
    ("self injury", SELF_HARM),
    ("cutting", SELF_HARM),
    ("suicide", SUICIDE),
    ("suicidal", SUICIDE),
    ("abuse", ABUSE),
    ("abused", ABUSE),
    ("abusive", ABUSE),
    ("abuser", ABUSE),
    ("domestic violence", ABUSE_VIOLENCE),
    ("incest", INCEST),
    ("incestuous", INCEST),
    ("twincest", INCEST),
    ("drug use", DRUGS),
    ("drug", DRUGS),
    ("drugs", DRUGS),
    ("substance abuse", DRUGS),
    ("addiction", DRUGS),
    ("addict", DRUGS),
    ("addicted", DRUGS),
    ("overdose", DRUGS),
    ("overdosed", DRUGS),
];

/// Whole phrases meaning "nothing to warn for".
const NONE_PHRASES: &[&str] = &[
    "none",
    "n/a",
    "na",
    "nil",
    "no",
    "nope",
    "nothing",
    "not applicable",
];

/// Openings of a phrase that deny rather than warn ("No Archive Warnings Apply", "no MCD").
const NEGATIONS: &[&str] = &["no ", "none ", "nothing "];

/// Words that turn a denial into an exception ("no warnings except violence").
const EXCEPTIONS: &[&str] = &[
    " except ",
    " but ",
    " other than ",
    " besides ",
    " apart from ",
];

/// Pieces of phrases meaning the author declined to warn.
const CHOSE_NOT_TO: &[&str] = &[
    "chose not to",
    "choose not to",
    "chosen not to",
    "choosing not to",
    "not to warn",
];

/// Word pairs that read as one warning even though `and` joins them.
const JOINED_BY_AND: &[(&str, &str)] = &[("blood", "gore")];

/// What one phrase of a warning line says.
enum Phrase<'a> {
    /// Only punctuation or whitespace.
    Empty,
    /// "Creator Chose Not To Use Archive Warnings" and kin.
    ChooseNotToWarn,
    /// "None", "No Archive Warnings Apply", "no MCD".
    NoneStated,
    /// One or more canonical categories.
    Categories(Vec<WarningCategory>),
    /// A free warning that names no category, trimmed.
    Tag(&'a str),
}

/// Decides what one phrase says; the checks run from most to least specific.
fn classify_phrase(phrase: &str) -> Phrase<'_> {
    let tag = phrase
        .trim()
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if !tag.chars().any(char::is_alphanumeric) {
        return Phrase::Empty;
    }
    let norm = normalize(tag);
    let words = || norm.split(|c: char| !c.is_alphanumeric());
    if CHOSE_NOT_TO.iter().any(|p| norm.contains(p)) || words().any(|w| w == "cntw") {
        return Phrase::ChooseNotToWarn;
    }
    let bare = norm.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '/');
    if NONE_PHRASES.contains(&bare) {
        return Phrase::NoneStated;
    }
    if NEGATIONS.iter().any(|n| norm.starts_with(n)) {
        // A denial names categories only after an exception word, never before it.
        let tail = EXCEPTIONS
            .iter()
            .filter_map(|e| norm.find(e).map(|i| &norm[i + e.len()..]))
            .next();
        let found = tail.map(scan_normalized).unwrap_or_default();
        return if found.is_empty() {
            Phrase::NoneStated
        } else {
            Phrase::Categories(found)
        };
    }
    let found = scan_normalized(&norm);
    if found.is_empty() {
        Phrase::Tag(tag)
    } else {
        Phrase::Categories(found)
    }
}

/// Lower case, hyphens and underscores as spaces, whitespace collapsed, so keyword
/// spellings like `self-harm`, `self harm` and `Self  Harm` all look the same.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if matches!(c, '-' | '_' | '\u{2010}' | '\u{2011}' | '\u{2013}') {
            ' '
        } else {
            c
        };
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Categories named in already-normalized text, sorted and deduplicated.
fn scan_normalized(norm: &str) -> Vec<WarningCategory> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < norm.len() {
        let word_start = norm[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        match longest_keyword_at(&norm[i..]).filter(|_| word_start) {
            Some((len, categories)) => {
                found.extend_from_slice(categories);
                i += len;
            }
            None => i += norm[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The longest keyword that starts `rest` and ends on a word boundary.
fn longest_keyword_at(rest: &str) -> Option<(usize, &'static [WarningCategory])> {
    KEYWORDS
        .iter()
        .filter(|(keyword, _)| {
            rest.starts_with(keyword)
                && !rest[keyword.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .max_by_key(|(keyword, _)| keyword.len())
        .map(|(keyword, categories)| (keyword.len(), *categories))
}

/// Splits a warning line into phrases on `,` `;` `&` `+` line breaks and the word `and`.
/// `/` is not a separator: it joins `Rape/Non-Con`.
fn split_phrases(text: &str) -> Vec<&str> {
    let mut phrases = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i < start {
            continue;
        }
        if let Some(len) = separator_len(text, i, c) {
            phrases.push(&text[start..i]);
            start = i + len;
        }
    }
    phrases.push(&text[start..]);
    phrases
}

/// Byte length of the separator starting at `i`, if one does.
fn separator_len(text: &str, i: usize, c: char) -> Option<usize> {
    let after = &text[i + c.len_utf8()..];
    match c {
        ',' | ';' | '\n' | '\r' | '&' => Some(c.len_utf8()),
        // A suffix plus ("18+") belongs to its word; "gore+torture" is a list.
        '+' => {
            let glued_before = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let glued_after = after.chars().next().is_some_and(char::is_alphanumeric);
            (!glued_before || glued_after).then_some(1)
        }
        c if c.is_whitespace() => {
            let word = after.get(..3).filter(|w| w.eq_ignore_ascii_case("and"))?;
            let next = after[word.len()..]
                .chars()
                .next()
                .filter(|n| n.is_whitespace())?;
            let joined = JOINED_BY_AND.iter().any(|(left, right)| {
                ends_with_ignore_case(&text[..i], left)
                    && starts_with_ignore_case(after[word.len()..].trim_start(), right)
            });
            (!joined).then_some(c.len_utf8() + word.len() + next.len_utf8())
        }
        _ => None,
    }
}

/// ASCII case-insensitive `ends_with`.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text
            .get(text.len() - suffix.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
}

/// ASCII case-insensitive `starts_with`.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests;
