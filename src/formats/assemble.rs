//! What a format's reader found, put together as the engine's [`Story`]: the rating and
//! warnings parsed as the text engine parses them, the metadata also written out as header
//! fields (so the title page, details panel, search and filters that read fields see a
//! download's tags as they see a text header's), and the body built into a [`Document`].

use crate::engine::metadata::{Format, Metadata, SeriesPart};
use crate::engine::{
    BlockKind, Document, Encoding, Field, FieldKey, Inline, Link, Rating, Refs, RichBlock, Span,
    Story, TitleSource, Warnings, lines::is_scene_break,
};

use super::markup::{Chunk, ChunkKind, Scope};

/// What a reader found in a file besides the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The title.
    pub title: Option<String>,
    /// The authors, in order.
    pub authors: Vec<String>,
    /// The rating as written.
    pub rating: Option<String>,
    /// The warnings as written (AO3's joined with `, `).
    pub warnings: Option<String>,
    /// The summary; paragraphs separated by blank lines.
    pub summary: Option<String>,
    /// The work's notes; paragraphs separated by blank lines.
    pub notes: Option<String>,
    /// Fandoms, tags, series, dates and counts.
    pub meta: Metadata,
    /// Finished or not, when the file says.
    pub complete: Option<bool>,
}

impl Found {
    /// Fills what `self` lacks from `other` (a file's own pages win over its package data).
    pub fn or(mut self, other: Found) -> Found {
        self.title = self.title.or(other.title);
        if self.authors.is_empty() {
            self.authors = other.authors;
        }
        self.rating = self.rating.or(other.rating);
        self.warnings = self.warnings.or(other.warnings);
        self.summary = self.summary.or(other.summary);
        self.notes = self.notes.or(other.notes);
        self.complete = self.complete.or(other.complete);
        let (m, o) = (&mut self.meta, other.meta);
        for (mine, theirs) in [
            (&mut m.fandoms, o.fandoms),
            (&mut m.relationships, o.relationships),
            (&mut m.characters, o.characters),
            (&mut m.categories, o.categories),
            (&mut m.tags, o.tags),
            (&mut m.collections, o.collections),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
        if m.series.is_empty() {
            m.series = o.series;
        }
        m.language = m.language.take().or(o.language);
        m.source_url = m.source_url.take().or(o.source_url);
        m.published = m.published.take().or(o.published);
        m.updated = m.updated.take().or(o.updated);
        m.chapters_posted = m.chapters_posted.or(o.chapters_posted);
        m.chapters_total = m.chapters_total.or(o.chapters_total);
        m.words_stated = m.words_stated.or(o.words_stated);
        self
    }
}

/// One block of the story as a reader found it: its kind, its text and its styled runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text.
    pub text: String,
    /// Styled runs of `text`, in order.
    pub spans: Vec<Span>,
    /// Its links, anchors and picture.
    pub refs: Refs,
}

impl Piece {
    /// A block with no styled text.
    pub fn plain(kind: BlockKind, text: impl Into<String>) -> Piece {
        Piece {
            kind,
            text: text.into(),
            spans: Vec::new(),
            refs: Refs::default(),
        }
    }

    /// A note under a label (`Chapter Notes:`), the label in bold; `anchors` are the
    /// label's own (AO3's `#endnotes`).
    pub fn labelled_note(label: &str, quote: Quote, anchors: &[String]) -> Piece {
        let Quote {
            text,
            spans,
            mut refs,
        } = quote;
        let head = format!("{label}:\n");
        let mut all = vec![Span {
            range: 0..head.len() - 1,
            style: Inline::BOLD,
        }];
        all.extend(spans.into_iter().map(|s| Span {
            range: s.range.start + head.len()..s.range.end + head.len(),
            style: s.style,
        }));
        for link in &mut refs.links {
            link.range = link.range.start + head.len()..link.range.end + head.len();
        }
        refs.anchors.splice(0..0, anchors.iter().cloned());
        Piece {
            kind: BlockKind::Note,
            text: head + &text,
            spans: all,
            refs,
        }
    }
}

/// The paragraphs of a block quote, joined: their text, styled runs and references.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quote {
    /// The paragraphs, separated by blank lines.
    pub text: String,
    /// Their styled runs.
    pub spans: Vec<Span>,
    /// Their links and anchors.
    pub refs: Refs,
}

/// The text of a file and how it was decoded.
pub struct Source {
    /// The file's format.
    pub format: Format,
    /// The encoding its text was read in.
    pub encoding: Encoding,
    /// Byte sequences that could not be decoded.
    pub replacements: usize,
}

/// Builds the story from what was found and the body's blocks.
pub fn story(found: Found, body: &[Piece], source: Source, file_name: &str) -> Story {
    let fields = fields_of(&found);
    let document = Document::from_pieces(
        body.iter()
            .map(|p| RichBlock::new(p.kind, &p.text, &p.spans, &p.refs)),
    );
    let (title, title_source) = match found.title.filter(|t| !t.trim().is_empty()) {
        Some(t) => (t, TitleSource::Header),
        None => (
            crate::engine::title_from_file_name(file_name),
            TitleSource::FileName,
        ),
    };
    let author = (!found.authors.is_empty()).then(|| found.authors.join(", "));
    let complete = found.complete.or_else(|| {
        document
            .ending()
            .map(crate::engine::lines::Ending::is_complete)
    });
    Story {
        title,
        title_source,
        author,
        rating: Rating::parse(found.rating.as_deref()),
        warnings: Warnings::parse(found.warnings.as_deref()),
        fields,
        header_notes: Vec::new(),
        encoding: source.encoding,
        replacements: source.replacements,
        document,
        complete,
        format: source.format,
        metadata: found.meta,
        // Posts and lines are the text engine's: a download has neither.
        news_header: None,
        newsgroup: None,
        posted: None,
        story_start_line: 0,
    }
}

/// The metadata as header fields, labelled as AO3 labels them.
fn fields_of(found: &Found) -> Vec<Field> {
    let m = &found.meta;
    let mut fields = Vec::new();
    let mut add = |key: FieldKey, label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            fields.push(Field {
                key,
                label: label.to_string(),
                value,
            });
        }
    };
    let list = |l: &[String]| Some(l.join(", "));
    add(FieldKey::Title, "Title", found.title.clone());
    add(FieldKey::Author, "Author", list(&found.authors));
    add(FieldKey::Rating, "Rating", found.rating.clone());
    add(
        FieldKey::Warnings,
        "Archive Warning",
        found.warnings.clone(),
    );
    add(FieldKey::Category, "Category", list(&m.categories));
    add(FieldKey::Fandom, "Fandom", list(&m.fandoms));
    add(FieldKey::Pairing, "Relationship", list(&m.relationships));
    add(FieldKey::Characters, "Characters", list(&m.characters));
    add(FieldKey::Tags, "Additional Tags", list(&m.tags));
    add(FieldKey::Other, "Language", m.language.clone());
    let series = m.series.iter().map(SeriesPart::label).collect::<Vec<_>>();
    add(FieldKey::Series, "Series", list(&series));
    add(FieldKey::Other, "Collections", list(&m.collections));
    add(FieldKey::Other, "Published", m.published.clone());
    add(FieldKey::Other, "Updated", m.updated.clone());
    add(
        FieldKey::Other,
        "Words",
        m.words_stated.map(|n| n.to_string()),
    );
    let chapters = m.chapters_posted.map(|n| match m.chapters_total {
        Some(t) => format!("{n}/{t}"),
        None => format!("{n}/?"),
    });
    add(FieldKey::Other, "Chapters", chapters);
    add(FieldKey::Other, "Source", m.source_url.clone());
    add(FieldKey::Summary, "Summary", found.summary.clone());
    add(FieldKey::Notes, "Notes", found.notes.clone());
    fields
}

/// The block a chunk of story text becomes: rules and symbol-only lines are scene breaks,
/// list items items, paragraphs of a block quote quotes, paragraphs with line breaks verse,
/// headings headings.
pub fn block(chunk: &Chunk) -> Option<Piece> {
    let text = chunk.text.clone();
    let kind = match chunk.kind {
        ChunkKind::Title => return None,
        ChunkKind::Rule => return Some(Piece::plain(BlockKind::SceneBreak, "")),
        ChunkKind::Image => {
            return Some(Piece {
                refs: chunk.refs.clone(),
                ..Piece::plain(BlockKind::Image, text)
            });
        }
        ChunkKind::Heading(_) => {
            return Some(Piece {
                kind: BlockKind::Heading,
                text: text.replace('\n', " "),
                spans: chunk.spans.clone(),
                refs: chunk.refs.clone(),
            });
        }
        _ if chunk.text.chars().count() <= 40 && is_scene_break(&chunk.text) => {
            return Some(Piece::plain(BlockKind::SceneBreak, text));
        }
        ChunkKind::Item => BlockKind::ListItem,
        _ if chunk.scope.has(Scope::QUOTE) => BlockKind::Quote,
        _ if chunk.text.contains('\n') => BlockKind::Verse,
        _ => BlockKind::Paragraph,
    };
    Some(Piece {
        kind,
        text,
        spans: chunk.spans.clone(),
        refs: chunk.refs.clone(),
    })
}

/// Paragraphs of the `blockquote` that follows `chunks[i]`, joined by blank lines with their
/// styled runs and references, and the index after them.
pub fn quote_after(chunks: &[Chunk], i: usize) -> (Option<Quote>, usize) {
    let mut j = i + 1;
    let mut q = Quote::default();
    while let Some(c) = chunks.get(j).filter(|c| c.scope.has(Scope::QUOTE)) {
        if j > i + 1 {
            q.text.push_str("\n\n");
        }
        let at = q.text.len();
        q.text.push_str(&c.text);
        q.spans.extend(c.spans.iter().map(|s| Span {
            range: s.range.start + at..s.range.end + at,
            style: s.style,
        }));
        q.refs.links.extend(c.refs.links.iter().map(|l| Link {
            range: l.range.start + at..l.range.end + at,
            target: l.target.clone(),
        }));
        q.refs.anchors.extend(c.refs.anchors.iter().cloned());
        j += 1;
    }
    ((j > i + 1).then_some(q), j)
}
