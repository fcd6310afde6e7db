//! What a story's file says about it beyond title, author, rating and warnings: the file
//! format it came in and the fan-fiction tags fans filter by (fandoms, relationships,
//! characters, categories, additional tags, series, dates, chapter and word counts).
//!
//! Downloads (AO3, FanFicFare) state all of it; a plain-text header states some of it
//! (`Fandom:`, `Pairing:`, `Series:`), and [`Metadata::from_fields`] reads that part. Every
//! format fills the same struct, so the library filters one way whatever the file was.

use serde::{Deserialize, Serialize};

use super::header::Field;
use super::labels::FieldKey;

/// The kind of file a story was read from, decided by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, read by the text engine.
    #[default]
    Text,
    /// An EPUB (2 or 3): a ZIP whose first entry `mimetype` says `application/epub+zip`.
    Epub,
    /// One HTML or XHTML file.
    Html,
}

impl Format {
    /// Stable identifier (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Epub => "epub",
            Format::Html => "html",
        }
    }
}

/// One series a story belongs to, and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPart {
    /// The series' name.
    pub name: String,
    /// The story's place in it (1 for the first), when the file says.
    pub position: Option<u32>,
}

impl SeriesPart {
    /// As AO3 writes it: `Part 2 of Name`, or the name alone when the place is unknown.
    pub fn label(&self) -> String {
        match self.position {
            Some(n) => format!("Part {n} of {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The fan-fiction metadata of a story; every list is in the order the file gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Fandoms (AO3 `Fandom:`; FanFicFare's `Category:` on AO3 works).
    pub fandoms: Vec<String>,
    /// Relationships (`A/B` romantic, `A & B` platonic) or a text header's pairing.
    pub relationships: Vec<String>,
    /// Characters.
    pub characters: Vec<String>,
    /// AO3's categories (`F/M`, `Gen`, ...) or a text header's `Category:`.
    pub categories: Vec<String>,
    /// Additional (freeform) tags.
    pub tags: Vec<String>,
    /// The collections a work was posted to.
    pub collections: Vec<String>,
    /// The language as written (`English`, `en`).
    pub language: Option<String>,
    /// Series the story is part of.
    pub series: Vec<SeriesPart>,
    /// Where the story was published online (never fetched).
    pub source_url: Option<String>,
    /// The publication date as written (`2024-03-01`).
    pub published: Option<String>,
    /// The date of the last update, or of completion, as written.
    pub updated: Option<String>,
    /// Chapters posted (the `3` of `3/?`).
    pub chapters_posted: Option<u32>,
    /// Chapters planned (the second `3` of `3/3`); `None` for `?` or when not said.
    pub chapters_total: Option<u32>,
    /// The word count the file states (ours is counted from the text).
    pub words_stated: Option<u64>,
}

impl Metadata {
    /// What a plain-text header says: `Fandom:`, `Pairing:`, `Characters:`, `Category:`,
    /// `Genre:`/`Tags:` and `Series:` fields, split into tags at commas.
    pub fn from_fields(fields: &[Field]) -> Metadata {
        let mut meta = Metadata::default();
        for field in fields.iter().filter(|f| !super::says_none(&f.value)) {
            let list = match field.key {
                FieldKey::Fandom => &mut meta.fandoms,
                FieldKey::Pairing => &mut meta.relationships,
                FieldKey::Characters => &mut meta.characters,
                FieldKey::Category => &mut meta.categories,
                FieldKey::Genre | FieldKey::Tags => &mut meta.tags,
                FieldKey::Series => {
                    meta.series.extend(parse_series(&field.value));
                    continue;
                }
                _ => continue,
            };
            push_all(list, split_tags(&field.value));
        }
        meta
    }

    /// True when the file states nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }

    /// The Archive of Our Own's number for the work (`90000001` of
    /// `https://archiveofourown.org/works/90000001/chapters/5`), from the source address.
    pub fn ao3_work_id(&self) -> Option<u64> {
        ao3_work_id(self.source_url.as_deref()?)
    }
}

/// The work number in an AO3 address (`archiveofourown.org/works/N`, also `ao3.org` and
/// the `www.` and mirror forms), if it is one.
pub fn ao3_work_id(url: &str) -> Option<u64> {
    let lower = url.to_ascii_lowercase();
    let host_end = [
        "archiveofourown.org/works/",
        "ao3.org/works/",
        "archiveofourown.gay/works/",
    ]
    .iter()
    .find_map(|host| lower.find(host).map(|i| i + host.len()))?;
    let digits: String = lower[host_end..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|&n| n > 0)
}

/// Adds tags to a list, skipping those already in it.
pub fn push_all(list: &mut Vec<String>, tags: impl IntoIterator<Item = String>) {
    for tag in tags {
        if !list.contains(&tag) {
            list.push(tag);
        }
    }
}

/// `A, B,  C` becomes `["A", "B", "C"]`: tags split at commas, trimmed, empty ones dropped.
pub fn split_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    push_all(
        &mut tags,
        value
            .split(',')
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty()),
    );
    tags
}

/// Reads a series value: AO3's `Part 2 of Name` (several joined by `, `), FanFicFare's
/// `Name [2]`, `Name #2`, or a bare name.
pub fn parse_series(value: &str) -> Vec<SeriesPart> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Vec::new();
    }
    if value.starts_with("Part ") {
        // Names may hold commas, so split only where the next `Part N of` begins.
        let mut parts = Vec::new();
        let mut rest = value.as_str();
        while let Some(body) = rest.strip_prefix("Part ") {
            let next = body.find(", Part ").map_or(body.len(), |i| i);
            let one = &body[..next];
            if let Some((n, name)) = one.split_once(" of ") {
                parts.push(SeriesPart {
                    name: name.trim().to_string(),
                    position: n.trim().parse().ok(),
                });
            }
            rest = body.get(next + 2..).unwrap_or("");
        }
        return parts;
    }
    let (name, position) = match value.rsplit_once(" [") {
        Some((name, n)) if n.ends_with(']') => (name, parse_position(&n[..n.len() - 1])),
        _ => match value.rsplit_once(" #") {
            Some((name, n)) => (name, parse_position(n)),
            None => (value.as_str(), None),
        },
    };
    vec![SeriesPart {
        name: name.trim().to_string(),
        position,
    }]
}

/// `2`, `2.0` or calibre's `2.00` as a position; `0` is calibre's "no position".
pub fn parse_position(text: &str) -> Option<u32> {
    let whole = text.trim().split('.').next()?;
    whole.parse().ok().filter(|&n| n > 0)
}

/// Reads `1,234` or `1.234` or `1 234` as a count.
pub fn parse_count(text: &str) -> Option<u64> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let clean = text
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}'));
    (clean && !digits.is_empty())
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: FieldKey, value: &str) -> Field {
        Field {
            key,
            label: key.as_str().to_string(),
            value: value.to_string(),
        }
    }

    #[test]
    fn ao3_work_ids_from_addresses() {
        assert_eq!(
            ao3_work_id("https://archiveofourown.org/works/90000001"),
            Some(90000001)
        );
        assert_eq!(
            ao3_work_id("http://www.ArchiveOfOurOwn.org/works/12/chapters/34#x"),
            Some(12)
        );
        assert_eq!(ao3_work_id("https://ao3.org/works/7"), Some(7));
        assert_eq!(ao3_work_id("https://archiveofourown.org/series/5"), None);
        assert_eq!(ao3_work_id("https://www.fanfiction.net/s/123/1/"), None);
        assert_eq!(ao3_work_id("https://archiveofourown.org/works/"), None);
    }

    #[test]
    fn text_header_fields_become_tags() {
        let meta = Metadata::from_fields(&[
            field(FieldKey::Fandom, "Due South,  The Sentinel"),
            field(FieldKey::Pairing, "Fraser/Kowalski"),
            field(FieldKey::Characters, "none"),
            field(FieldKey::Series, "Northern Lights #3"),
        ]);
        assert_eq!(meta.fandoms, ["Due South", "The Sentinel"]);
        assert_eq!(meta.relationships, ["Fraser/Kowalski"]);
        assert!(meta.characters.is_empty());
        assert_eq!(
            meta.series,
            [SeriesPart {
                name: "Northern Lights".into(),
                position: Some(3)
            }]
        );
    }

    #[test]
    fn ao3_series_lists_split_at_each_part() {
        let s = parse_series("Part 2 of Salt, Iron, and Rain, Part 1 of\nLighthouse Days");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "Salt, Iron, and Rain");
        assert_eq!(s[0].position, Some(2));
        assert_eq!(s[1].name, "Lighthouse Days");
        assert_eq!(s[1].position, Some(1));
    }

    #[test]
    fn fanficfare_and_calibre_positions() {
        assert_eq!(parse_series("Tidewater [4]")[0].position, Some(4));
        assert_eq!(parse_position("3.00"), Some(3));
        assert_eq!(parse_position("0.0"), None);
        assert_eq!(parse_series("Just A Name")[0].position, None);
    }

    #[test]
    fn counts_with_separators() {
        assert_eq!(parse_count("12,345"), Some(12345));
        assert_eq!(parse_count("1 204"), Some(1204));
        assert_eq!(parse_count("many"), None);
    }
}
