//! What the library shows about a story without keeping its text: the header as read, the
//! rating and warnings, and the shape of the body.

use crate::engine::{Encoding, Field, FieldKey, Format, Metadata, RatingLevel, Story, Warnings};

/// A story's library card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoryMeta {
    /// The title (from the header, a first line, or the file name).
    pub title: String,
    /// The author, if named.
    pub author: Option<String>,
    /// The normalised rating (the highest named).
    pub rating: RatingLevel,
    /// The rating as written.
    pub rating_raw: Option<String>,
    /// The warnings, raw and mapped.
    pub warnings: Warnings,
    /// Every header field, in order.
    pub fields: Vec<Field>,
    /// Unlabelled header lines.
    pub header_notes: Vec<String>,
    /// Words in the story.
    pub words: usize,
    /// Part and chapter headings.
    pub parts: usize,
    /// Finished, in progress, or not said.
    pub complete: Option<bool>,
    /// The file's encoding.
    pub encoding: Encoding,
    /// The kind of file (text, EPUB, HTML).
    pub format: Format,
    /// Fandoms, relationships, characters, tags, series: the same fields for every format.
    pub metadata: Metadata,
    /// The fingerprint of the title, author and the body's first words that finds a story
    /// saved again with more text (see [`super::editions::prefix::opening`]).
    pub opening: Option<u64>,
}

impl StoryMeta {
    /// The card for a story just read.
    pub fn of(story: &Story) -> StoryMeta {
        StoryMeta {
            title: story.title.clone(),
            author: story.author.clone(),
            rating: story.rating.level,
            rating_raw: story.rating.raw.clone(),
            warnings: story.warnings.clone(),
            fields: story.fields.clone(),
            header_notes: story.header_notes.clone(),
            words: story.document.words(),
            parts: story.document.parts().len(),
            complete: story.complete,
            encoding: story.encoding,
            format: story.format,
            metadata: story.metadata.clone(),
            opening: super::editions::prefix::opening(
                &story.title,
                story.author.as_deref(),
                &story.document,
            ),
        }
    }

    /// The pairing as the header names it; a download's relationships are written into that
    /// field by its reader (see `formats::assemble`), so this is the same for every format.
    pub fn pairing(&self) -> Option<&str> {
        self.field(FieldKey::Pairing)
            .filter(|p| !crate::engine::says_none(p))
    }

    /// The first fandom named.
    pub fn fandom(&self) -> Option<&str> {
        self.metadata.fandoms.first().map(String::as_str)
    }

    /// The first value of a header field.
    pub fn field(&self, key: FieldKey) -> Option<&str> {
        crate::engine::header::first_value(&self.fields, key)
    }

    /// Lower-case text that search looks in: title, author, pairing, summary, fandom,
    /// characters, genre, tags and warnings, from the header and the metadata (a text
    /// header's tags are in both; a repeat costs a few bytes, not a wrong match).
    pub fn search_text(&self) -> String {
        let mut text = self.title.to_lowercase();
        let searched = [
            FieldKey::Author,
            FieldKey::Pairing,
            FieldKey::Summary,
            FieldKey::Fandom,
            FieldKey::Characters,
            FieldKey::Genre,
            FieldKey::Tags,
            FieldKey::Category,
            FieldKey::Warnings,
        ];
        for f in self.fields.iter().filter(|f| searched.contains(&f.key)) {
            text.push('\n');
            text.push_str(&f.value.to_lowercase());
        }
        if let Some(author) = &self.author {
            text.push('\n');
            text.push_str(&author.to_lowercase());
        }
        let m = &self.metadata;
        let series = m.series.iter().map(|s| &s.name);
        let lists = [
            &m.fandoms,
            &m.relationships,
            &m.characters,
            &m.categories,
            &m.tags,
        ];
        for tag in lists.into_iter().flatten().chain(series) {
            text.push('\n');
            text.push_str(&tag.to_lowercase());
        }
        text
    }
}
