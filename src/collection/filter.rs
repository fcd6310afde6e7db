//! Warning and rating filters: which stories a reader has chosen not to see, and why.
//!
//! A pure function of the settings and a story's card. Stories whose warnings are unknown
//! (no header, or the author chose not to warn) are never silently admitted when a warning
//! is excluded: strict mode hides them, lenient mode shows them marked.

pub mod facets;

use std::collections::BTreeSet;

use super::StoryMeta;
use crate::engine::{FieldKey, RatingLevel, WarningCategory, WarningState};

/// What to do with stories that don't say what they contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Unknowns {
    /// Show them, marked as unknown (lenient).
    #[default]
    ShowMarked,
    /// Hide them whenever a warning is excluded (strict).
    Hide,
}

/// How hidden stories appear in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum HiddenRows {
    /// A one-line "hidden: Explicit, character death" row that can be revealed.
    #[default]
    Collapse,
    /// Not listed at all (the library still says how many are hidden).
    Vanish,
}

/// The reader's filters, saved in `settings.ron`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filters {
    /// The highest rating shown.
    pub max_rating: RatingLevel,
    /// Whether stories with no rating are shown.
    pub show_not_rated: bool,
    /// Warning categories that hide a story.
    #[serde(deserialize_with = "crate::storage::known_items")]
    pub excluded: BTreeSet<WarningCategory>,
    /// Words or phrases that hide a story when its warnings, tags or summary contain them.
    pub excluded_phrases: Vec<String>,
    /// Stories that don't say, when a warning is excluded.
    pub unknowns: Unknowns,
    /// How hidden stories appear.
    pub hidden_rows: HiddenRows,
    /// Keep warnings out of sight (no spoilers) until asked for.
    pub hide_warnings: bool,
    /// Facets chosen in the library's sidebar (fandoms, tags, statuses... to include or
    /// exclude, and bounds on length).
    pub facets: facets::Choice,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            max_rating: RatingLevel::Explicit,
            show_not_rated: true,
            excluded: BTreeSet::new(),
            excluded_phrases: Vec::new(),
            unknowns: Unknowns::ShowMarked,
            hidden_rows: HiddenRows::Collapse,
            hide_warnings: false,
            facets: facets::Choice::default(),
        }
    }
}

/// Why a story is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Rated above the maximum.
    Rating(RatingLevel),
    /// Not rated, and unrated stories are hidden.
    NotRated,
    /// Warns of an excluded category.
    Warning(WarningCategory),
    /// Mentions an excluded word or phrase.
    Phrase(String),
    /// Doesn't say what it contains (strict mode).
    Unknown,
}

impl Reason {
    /// How the library names the reason.
    pub fn label(&self) -> String {
        match self {
            Reason::Rating(level) => level.label().to_string(),
            Reason::NotRated => "Not rated".into(),
            Reason::Warning(c) => c.label().to_lowercase(),
            Reason::Phrase(p) => format!("\u{201c}{p}\u{201d}"),
            Reason::Unknown => "warnings not given".into(),
        }
    }
}

/// The filters' verdict on one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Shown; `unknown` marks a story whose warnings are unknown while some are excluded.
    Shown {
        /// The story doesn't say whether it has what the reader excluded.
        unknown: bool,
    },
    /// Hidden, for these reasons.
    Hidden(Vec<Reason>),
}

impl Verdict {
    /// True when the story is hidden.
    pub fn is_hidden(&self) -> bool {
        matches!(self, Verdict::Hidden(_))
    }
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_off(&self) -> bool {
        self.max_rating == RatingLevel::Explicit
            && self.show_not_rated
            && self.excluded.is_empty()
            && self.excluded_phrases.iter().all(|p| p.trim().is_empty())
    }

    /// Judges one story.
    pub fn judge(&self, meta: &StoryMeta) -> Verdict {
        let mut reasons = Vec::new();
        match meta.rating {
            RatingLevel::NotRated if !self.show_not_rated => reasons.push(Reason::NotRated),
            level if level != RatingLevel::NotRated && level > self.max_rating => {
                reasons.push(Reason::Rating(level))
            }
            _ => {}
        }
        let warnings = &meta.warnings;
        reasons.extend(
            warnings
                .categories
                .iter()
                .filter(|c| self.excluded.contains(c))
                .map(|&c| Reason::Warning(c)),
        );
        let phrases: Vec<&str> = self
            .excluded_phrases
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if !phrases.is_empty() {
            // Built only when there are phrases: judging runs over the whole library.
            let haystack = phrase_haystack(meta);
            reasons.extend(
                phrases
                    .iter()
                    .filter(|p| haystack.contains(&p.to_lowercase()))
                    .map(|p| Reason::Phrase(p.to_string())),
            );
        }
        let unknown = !self.excluded.is_empty()
            && matches!(
                warnings.state,
                WarningState::Unknown | WarningState::ChooseNotToWarn
            );
        if unknown && self.unknowns == Unknowns::Hide && reasons.is_empty() {
            reasons.push(Reason::Unknown);
        }
        if reasons.is_empty() {
            Verdict::Shown { unknown }
        } else {
            Verdict::Hidden(reasons)
        }
    }
}

/// Lower-case text that excluded phrases are looked for in: warnings, tags, summary.
fn phrase_haystack(meta: &StoryMeta) -> String {
    let mut text = String::new();
    if let Some(raw) = &meta.warnings.raw {
        text.push_str(raw);
    }
    for tag in &meta.warnings.tags {
        text.push('\n');
        text.push_str(tag);
    }
    for key in [FieldKey::Summary, FieldKey::Tags, FieldKey::Genre] {
        if let Some(value) = meta.field(key) {
            text.push('\n');
            text.push_str(value);
        }
    }
    for tag in &meta.metadata.tags {
        text.push('\n');
        text.push_str(tag);
    }
    text.to_lowercase()
}

#[cfg(test)]
mod tests;
