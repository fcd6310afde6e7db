//! `ficshelf inspect`: what the engine sees in a story file, as JSON or as text, for bug
//! reports, tests and curious readers.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::{
    BlockKind, FieldKey, Format, Part, RatingLevel, ReadError, SeriesPart, Story, TitleSource,
    WarningCategory, WarningState,
};

/// One file's report; every story key is `null` when the file could not be read.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    /// The path as given.
    pub path: String,
    /// The encoding the file was read in.
    pub encoding: Option<&'static str>,
    /// The title.
    pub title: Option<String>,
    /// `header`, `first_line` or `file_name`.
    pub title_source: Option<TitleSource>,
    /// The author.
    pub author: Option<String>,
    /// The normalised rating (the highest named).
    pub rating: Option<RatingLevel>,
    /// The lowest rating named, for ranges like `R/NC-17`.
    pub rating_lowest: Option<RatingLevel>,
    /// The rating as written.
    pub rating_raw: Option<String>,
    /// Why the rating was given (`language, violence`).
    pub rating_reasons: Option<String>,
    /// Canonical warning categories.
    pub warnings: Option<Vec<WarningCategory>>,
    /// Warning phrases that matched no category.
    pub warning_tags: Option<Vec<String>>,
    /// The warnings as written.
    pub warnings_raw: Option<String>,
    /// `unknown`, `none`, `choose_not_to_warn` or `some`.
    pub warnings_state: Option<WarningState>,
    /// The pairing.
    pub pairing: Option<String>,
    /// The summary.
    pub summary: Option<String>,
    /// Every header field: name to raw value (repeated fields joined by blank lines).
    pub fields: Option<BTreeMap<String, String>>,
    /// Unlabelled lines inside the header.
    pub header_notes: Option<Vec<String>>,
    /// Part and chapter headings.
    pub parts: Option<Vec<Part>>,
    /// Scene breaks inside the story marked by a symbol line (`* * *`).
    pub scene_breaks: Option<usize>,
    /// Scene breaks marked only by a wider gap of blank lines.
    pub scene_gaps: Option<usize>,
    /// Paragraphs.
    pub paragraphs: Option<usize>,
    /// Verse blocks (lyrics, poems, sign-offs).
    pub verse: Option<usize>,
    /// Author's notes kept apart from the story.
    pub notes: Option<usize>,
    /// Words in the story.
    pub words: Option<usize>,
    /// Whether the file was hard-wrapped (and joined back).
    pub hard_wrapped: Option<bool>,
    /// `true` finished, `false` a work in progress, `null` unknown.
    pub complete: Option<bool>,
    /// Bytes that could not be decoded.
    pub replacements: Option<usize>,
    /// `text`, `epub` or `html`: how the file was read.
    pub format: Option<Format>,
    /// Fandoms.
    pub fandoms: Option<Vec<String>>,
    /// Relationships.
    pub relationships: Option<Vec<String>>,
    /// Characters.
    pub characters: Option<Vec<String>>,
    /// Categories (`F/M`, `Gen`, ...).
    pub categories: Option<Vec<String>>,
    /// Additional tags.
    pub tags: Option<Vec<String>>,
    /// The language as written.
    pub language: Option<String>,
    /// Series, each `{"name", "position"}`.
    pub series: Option<Vec<SeriesPart>>,
    /// Where the story was published online.
    pub source_url: Option<String>,
    /// The AO3 work number, from an AO3 source address.
    pub ao3_work_id: Option<u64>,
    /// Publication date as written.
    pub published: Option<String>,
    /// Last update (or completion) date as written.
    pub updated: Option<String>,
    /// Chapters posted.
    pub chapters_posted: Option<u32>,
    /// Chapters planned (`null` for `?`).
    pub chapters_total: Option<u32>,
    /// The word count the file states.
    pub words_stated: Option<u64>,
    /// The 1-based line (after line-ending normalisation) where the story starts.
    pub story_start_line: Option<usize>,
    /// The fields of the news or mail header opening the file (repeated fields joined by
    /// newlines), or `null`.
    pub news_header: Option<BTreeMap<String, String>>,
    /// The newsgroup it was posted to.
    pub newsgroup: Option<String>,
    /// The post's date as written.
    pub posted: Option<String>,
    /// Why the file could not be read, or `null`.
    pub error: Option<String>,
}

impl Report {
    /// The report for a file that could not be read: only `path` and `error` are set.
    pub fn failed(path: String, error: &ReadError) -> Report {
        Report {
            path,
            error: Some(error.to_string()),
            ..Report::default()
        }
    }

    /// The report for a story already read.
    pub fn of_story(path: String, story: &Story) -> Report {
        let doc = &story.document;
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        for f in &story.fields {
            let name = match f.key {
                FieldKey::Other => f.label.to_lowercase(),
                key => key.as_str().to_string(),
            };
            fields
                .entry(name)
                .and_modify(|v| {
                    v.push_str("\n\n");
                    v.push_str(&f.value);
                })
                .or_insert_with(|| f.value.clone());
        }
        Report {
            path,
            encoding: Some(story.encoding.name()),
            title: Some(story.title.clone()),
            title_source: Some(story.title_source),
            author: story.author.clone(),
            rating: Some(story.rating.level),
            rating_lowest: Some(story.rating.lowest),
            rating_raw: story.rating.raw.clone(),
            rating_reasons: story.rating.reasons.clone(),
            warnings: Some(story.warnings.categories.clone()),
            warning_tags: Some(story.warnings.tags.clone()),
            warnings_raw: story.warnings.raw.clone(),
            warnings_state: Some(story.warnings.state),
            pairing: story.pairing().map(str::to_string),
            summary: story.summary().map(str::to_string),
            fields: Some(fields),
            header_notes: Some(story.header_notes.clone()),
            parts: Some(doc.parts().to_vec()),
            scene_breaks: Some(doc.marked_scene_breaks()),
            scene_gaps: Some(doc.scene_gaps()),
            paragraphs: Some(doc.count(BlockKind::Paragraph)),
            verse: Some(doc.count(BlockKind::Verse)),
            notes: Some(doc.count(BlockKind::Note)),
            words: Some(doc.words()),
            hard_wrapped: Some(doc.hard_wrapped()),
            complete: story.complete,
            replacements: Some(story.replacements),
            story_start_line: (story.format == Format::Text).then_some(story.story_start_line),
            news_header: story.news_header.as_ref().map(|fields| {
                let mut map: BTreeMap<String, String> = BTreeMap::new();
                for (name, value) in fields {
                    map.entry(name.to_lowercase())
                        .and_modify(|v| {
                            v.push('\n');
                            v.push_str(value);
                        })
                        .or_insert_with(|| value.clone());
                }
                map
            }),
            newsgroup: story.newsgroup.clone(),
            posted: story.posted.clone(),
            error: None,
            ..Report::metadata(story)
        }
    }

    /// The format and fan-fiction metadata keys, for a story read.
    fn metadata(story: &Story) -> Report {
        let m = &story.metadata;
        Report {
            format: Some(story.format),
            fandoms: Some(m.fandoms.clone()),
            relationships: Some(m.relationships.clone()),
            characters: Some(m.characters.clone()),
            categories: Some(m.categories.clone()),
            tags: Some(m.tags.clone()),
            language: m.language.clone(),
            series: Some(m.series.clone()),
            source_url: m.source_url.clone(),
            ao3_work_id: m.ao3_work_id(),
            published: m.published.clone(),
            updated: m.updated.clone(),
            chapters_posted: m.chapters_posted,
            chapters_total: m.chapters_total,
            words_stated: m.words_stated,
            ..Report::default()
        }
    }

    /// A few lines for people: the header as read and the body's shape.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.path);
        if let Some(e) = &self.error {
            let _ = writeln!(out, "  error: {e}");
            return out;
        }
        let mut line = |name: &str, value: String| {
            let _ = writeln!(out, "  {name:<13} {value}");
        };
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        line(
            "title",
            format!("{} ({})", opt(&self.title), json_name(&self.title_source)),
        );
        line("author", opt(&self.author));
        line(
            "rating",
            format!(
                "{} (raw: {})",
                json_name(&self.rating),
                opt(&self.rating_raw)
            ),
        );
        let warnings = self
            .warnings
            .iter()
            .flatten()
            .map(|c| c.as_str())
            .collect::<Vec<_>>();
        let tags = self.warning_tags.clone().unwrap_or_default();
        line(
            "warnings",
            format!(
                "{} [{}] tags [{}]",
                json_name(&self.warnings_state),
                warnings.join(", "),
                tags.join(", ")
            ),
        );
        line("pairing", opt(&self.pairing));
        line("summary", opt(&self.summary));
        line("encoding", self.encoding.unwrap_or("-").to_string());
        line("format", json_name(&self.format));
        for (name, list) in [
            ("fandoms", &self.fandoms),
            ("relationships", &self.relationships),
            ("characters", &self.characters),
            ("tags", &self.tags),
        ] {
            if let Some(list) = list.as_ref().filter(|l| !l.is_empty()) {
                line(name, list.join(", "));
            }
        }
        let n = |v: Option<usize>| v.unwrap_or(0);
        line(
            "body",
            format!(
                "{} words, {} paragraphs, {} verse, {} notes, {} scene breaks (and {} blank-line \
                 ones), hard-wrapped: {}",
                n(self.words),
                n(self.paragraphs),
                n(self.verse),
                n(self.notes),
                n(self.scene_breaks),
                n(self.scene_gaps),
                self.hard_wrapped.unwrap_or(false)
            ),
        );
        let complete = match self.complete {
            Some(true) => "yes",
            Some(false) => "no (to be continued)",
            None => "not said",
        };
        line("complete", complete.to_string());
        for part in self.parts.iter().flatten() {
            line("part", format!("{} (block {})", part.title, part.block));
        }
        for (name, value) in self.fields.iter().flatten() {
            line(&format!("[{name}]"), value.clone());
        }
        out
    }
}

/// The JSON spelling of a serialisable enum value, for the text report.
fn json_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "-".to_string())
}

/// The rebuilt story as plain text: one paragraph per line, blocks separated by a blank line,
/// verse lines kept, scene breaks as `* * *`, headings as `## Title`, notes quoted with `> `,
/// block quotes with `| `, bulleted items with `- `, images as `[Image: alt]`.
pub fn body_text(story: &Story) -> String {
    let doc = &story.document;
    let mut out = String::with_capacity(doc.words() * 7);
    for (i, block) in doc.blocks().iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let text = doc.text(block);
        match block.kind {
            BlockKind::SceneBreak => out.push_str("* * *"),
            BlockKind::Heading => {
                out.push_str("## ");
                out.push_str(text);
            }
            BlockKind::Note | BlockKind::Quote => {
                let mark = if block.kind == BlockKind::Note {
                    "> "
                } else {
                    "| "
                };
                for (j, l) in text.lines().enumerate() {
                    if j > 0 {
                        out.push('\n');
                    }
                    out.push_str(mark);
                    out.push_str(l);
                }
            }
            BlockKind::ListItem if !text.starts_with(|c: char| c.is_ascii_digit()) => {
                out.push_str("- ");
                out.push_str(text);
            }
            BlockKind::Image => {
                out.push_str("[Image: ");
                out.push_str(text);
                out.push(']');
            }
            _ => out.push_str(text),
        }
    }
    out.push('\n');
    out
}
