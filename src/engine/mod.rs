//! The story engine: the bytes of a fan fiction file in, a structured [`Story`] out.
//!
//! Decoding, the header, the rating and warnings, and the body as blocks are each a module
//! of their own; this one ties them together. Nothing here knows about the GUI.

pub mod byline;
mod capitals;
mod cards;
pub mod decode;
pub mod document;
mod fandoms;
pub mod front;
pub mod header;
pub mod labels;
pub mod lines;
pub mod metadata;
pub mod news;
pub mod opening;
mod posts;
pub mod rating;
mod reflow;
mod script;
mod spacing;
mod tail;
pub mod warnings;

use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Encoding};
pub use document::{Block, BlockKind, Document, Inline, Link, Part, Refs, RichBlock, Span};
pub use header::{Field, TitleSource};
pub use labels::FieldKey;
pub use metadata::{Format, Metadata, SeriesPart};
pub use rating::{Rating, RatingLevel};
pub use warnings::{WarningCategory, WarningState, Warnings};

/// Files larger than this are refused: no story is this long, and reading one would
/// take memory the rest of the system needs.
pub const MAX_STORY_BYTES: u64 = 512 * 1024 * 1024;

/// Why a story file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The path is a folder, a device or something else that is not a file.
    #[error("{}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file is larger than [`MAX_STORY_BYTES`].
    #[error("{}: too large to be a story ({size} bytes; the limit is {MAX_STORY_BYTES})", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// The bytes are not text.
    #[error("{}: {source}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why it is not text.
        source: DecodeError,
    },
    /// An EPUB or HTML file that could not be read as a story.
    #[error("{}: {source}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: crate::formats::FormatError,
    },
}

/// A story, read: its header, its rating and warnings, and its body as blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The title, from the header, a bare first line, or the file name.
    pub title: String,
    /// Where [`Story::title`] came from.
    pub title_source: TitleSource,
    /// The author, from an `Author:` field or a `by` line.
    pub author: Option<String>,
    /// The rating, raw and normalised.
    pub rating: Rating,
    /// The warnings, raw and mapped to categories.
    pub warnings: Warnings,
    /// Every labelled header field, in the order written.
    pub fields: Vec<Field>,
    /// Unlabelled lines inside the header (`Crossover with ...`).
    pub header_notes: Vec<String>,
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// Byte sequences that could not be decoded (shown as U+FFFD).
    pub replacements: usize,
    /// The story itself.
    pub document: Document,
    /// `Some(true)` for a finished story, `Some(false)` for a work in progress, `None` when
    /// the file doesn't say.
    pub complete: Option<bool>,
    /// The kind of file the story was read from.
    pub format: Format,
    /// Fandoms, relationships, tags, series and the other fan-fiction metadata.
    pub metadata: Metadata,
    /// The fields of the news or mail header that opens the file, as written, if any.
    pub news_header: Option<Vec<(String, String)>>,
    /// The newsgroup the story was posted to (the first of `Newsgroups:`).
    pub newsgroup: Option<String>,
    /// When it was posted, as the header's `Date:` writes it.
    pub posted: Option<String>,
    /// The 1-based line (after line-ending normalisation) where the story starts; 0 for
    /// EPUB and HTML, which have no lines of their own.
    pub story_start_line: usize,
}

impl Story {
    /// Reads a story from the bytes of a file called `file_name`.
    pub fn parse(bytes: &[u8], file_name: &str) -> Result<Story, DecodeError> {
        Ok(Story::from_decoded(decode::decode(bytes)?, file_name))
    }

    /// Reads a story from its decoded text (see [`opening::decode_owned`]).
    pub fn from_decoded(decoded: decode::Decoded, file_name: &str) -> Story {
        let lines = split_lines(&decoded.text);
        let news = news::leading(&lines);
        let after_news = news.as_ref().map_or(0, |h| h.end);
        // Later posts of a concatenated file: the first post's front matter ends before.
        let later = news::later_blocks(&lines, after_news);
        let first_end = later.first().map_or(lines.len(), |p| p.start);
        let mut scan = header::scan(&lines[after_news..first_end]);
        scan.body_start += after_news;
        // A modern labelled header (`Title:`, or a title line over labels) is read as
        // before; the archive front matter scan is for everything else.
        let labelled = scan.get(FieldKey::Title).is_some()
            || scan.get(FieldKey::Author).is_some()
            || (scan.first_line_title.is_some() && !scan.fields.is_empty());
        let front = if labelled {
            front::FrontMatter::default()
        } else {
            front::scan(&lines[..first_end], after_news, news.is_some())
        };
        let body_start = match front.body_start {
            Some(start) => start,
            None if news.is_some() && scan.fields.is_empty() => after_news,
            None => scan.body_start,
        };
        let subject = news.as_ref().and_then(|h| h.get("subject"));
        let (title, title_source) = if let Some(t) = scan.get(FieldKey::Title) {
            (t.to_string(), TitleSource::Header)
        } else if let Some(t) = front.title.as_deref().and_then(news::clean_title) {
            (t, TitleSource::FirstLine)
        } else if let (Some(t), None) = (&scan.first_line_title, &news) {
            (t.clone(), TitleSource::FirstLine)
        } else if let Some(t) = subject.and_then(news::subject_title) {
            (t, TitleSource::Header)
        } else {
            (title_from_file_name(file_name), TitleSource::FileName)
        };
        let planned = {
            let segments;
            let mut body: std::borrow::Cow<'_, [&str]> = if later.is_empty() {
                lines[body_start..].into()
            } else {
                segments =
                    posts::segments(&lines, body_start, front.title.as_deref(), subject, &later);
                posts::body(&lines, &segments).into()
            };
            // The title repeated on cards and running headers is not story text.
            if title_source != TitleSource::FileName {
                let cards = cards::title_cards(&body, &title, &decoded.text);
                if !cards.is_empty() {
                    let mut cards = cards.into_iter().peekable();
                    let kept = (0..body.len()).filter(|&i| cards.next_if_eq(&i).is_none());
                    body = kept.map(|i| body[i]).collect::<Vec<_>>().into();
                }
            }
            document::plan(&body, &decoded.text)
        };
        let author = scan
            .get(FieldKey::Author)
            .map(str::to_string)
            .or(front.author.clone())
            .or(scan.by_line_author.clone())
            .or_else(|| front::copyright_author(&lines[after_news..body_start]))
            .or_else(|| {
                news.as_ref()
                    .and_then(|h| h.get("from"))
                    .and_then(news::display_name)
            });
        // What the lines before the story say, read before the lines go.
        let front_lines = &lines[after_news..body_start];
        // A rating said in passing counts only when no `Rating:` field gives one.
        let rating_said = scan.get(FieldKey::Rating).is_none().then(|| {
            front::rating_in_passing(subject.into_iter().chain(front_lines.iter().copied()))
        });
        let handed_on = tail::hands_on(front_lines.iter().copied());
        let header_notes = if front.body_start.is_some() {
            front::notes(front_lines, &front)
        } else {
            scan.free_lines.clone()
        };
        let story_start_line = (body_start..lines.len())
            .find(|&i| !lines[i].trim().is_empty())
            .unwrap_or(body_start)
            + 1;
        // The story's text is written in the file's own buffer, over the lines: one copy.
        drop(lines);
        let mut document = planned.write(decoded.text);
        // A story whose parts name their writers (a round robin) is by all of them.
        if title_source != TitleSource::FileName {
            document.drop_title_from_parts(&title);
        }
        let writers = document.part_authors();
        let author = match author {
            a if writers.len() >= 2 && a.as_ref().is_none_or(|a| writers.contains(a)) => {
                Some(writers.join(", "))
            }
            a => a,
        };
        // A name spaced out for a title page (`Deborah  Davis`) is one name.
        let author = author.map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "));
        let rating = match scan.get(FieldKey::Rating) {
            Some(raw) => Rating::parse(Some(raw)),
            None => match rating_said.flatten() {
                Some((token, line)) => Rating {
                    raw: Some(line),
                    ..Rating::parse(Some(&token))
                },
                None => Rating::default(),
            },
        };
        let mut warnings = Warnings::parse(scan.get(FieldKey::Warnings));
        if let Some(reasons) = &rating.reasons {
            warnings.add_categories_from(reasons);
        }
        let complete = document
            .ending()
            .map(lines::Ending::is_complete)
            .or_else(|| status_complete(&scan.fields))
            .or_else(|| {
                // The file's last part says more parts follow (`Part One of Two`).
                let last = document.parts().last()?;
                lines::part_of_more(&last.title).then_some(false)
            })
            .or_else(|| {
                // The writer's notes before the story or after its last paragraph hand it
                // on to others (an open round robin).
                let blocks = document.blocks();
                let last_text = blocks.iter().rposition(|b| b.kind != BlockKind::Note);
                let closing = blocks[last_text.map_or(0, |i| i + 1)..]
                    .iter()
                    .map(|b| document.text(b));
                (handed_on || tail::hands_on(closing)).then_some(false)
            })
            .or_else(|| {
                // A post that says nothing more follows is a one-shot, told whole; the
                // last post of a concatenated file speaks for the file. A story in parts
                // that stops with no ending, epilogue or "(2/2)" may go on: unknown.
                let archive = news.is_some() || front.body_start.is_some();
                let last_subject = later.last().and_then(|p| p.get("subject")).or(subject);
                if !archive || last_subject.is_some_and(news::says_part_of_more) {
                    return archive.then_some(false);
                }
                let parts = document.parts();
                let closed = parts
                    .last()
                    .is_some_and(|p| p.title.to_lowercase().contains("epilogue"))
                    || last_subject.is_some_and(news::says_last_part);
                (parts.len() < 2 || closed).then_some(true)
            });
        let newsgroup = news
            .as_ref()
            .and_then(|h| h.get("newsgroups"))
            .and_then(|g| g.split([',', ' ']).find(|g| !g.is_empty()))
            .map(str::to_string);
        let posted = news
            .as_ref()
            .and_then(|h| h.get("date"))
            .map(str::to_string);
        let metadata = Metadata::from_fields(&scan.fields);
        Story {
            format: Format::Text,
            metadata,
            // A title typed in capitals is shown in title case (`The Lady and the Tiger`).
            title: match title_source {
                TitleSource::FileName => title,
                _ => capitals::title_case(&title).unwrap_or(title),
            },
            title_source,
            author,
            rating,
            warnings,
            header_notes,
            fields: scan.fields,
            encoding: decoded.encoding,
            replacements: decoded.replacements,
            document,
            complete,
            news_header: news.map(|h| h.fields),
            newsgroup,
            posted,
            story_start_line,
        }
    }

    /// True when a field's text is also in one of the notes before the story (a labelled
    /// `NOTE: ...` paragraph is both): shown once, as the note, which holds all of it.
    pub fn field_in_notes(&self, field: &Field) -> bool {
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let value = words(&field.value);
        !value.is_empty() && self.header_notes.iter().any(|n| words(n).contains(&value))
    }

    /// Reads a story file from disk.
    pub fn read(path: &Path) -> Result<Story, ReadError> {
        opening::read_owned(path, read_bytes(path)?)
    }

    /// Reads a story from the bytes of the file at `path`, already loaded, in the format
    /// its content shows (EPUB, HTML or plain text; see [`crate::formats`]).
    pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Story, ReadError> {
        crate::formats::read(path, bytes)
    }

    /// Reads plain text from the bytes of the file at `path`, already loaded.
    pub fn parse_text_file(path: &Path, bytes: &[u8]) -> Result<Story, ReadError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        Story::parse(bytes, &name).map_err(|source| ReadError::Decode {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The first non-empty value of a header field.
    pub fn field(&self, key: FieldKey) -> Option<&str> {
        header::first_value(&self.fields, key)
    }

    /// What kind of story the title block says this is (`An unauthorised X-Files story`),
    /// a line among the notes before the story, shown under the title.
    pub fn subtitle(&self) -> Option<&str> {
        self.header_notes
            .iter()
            .map(String::as_str)
            .find(|n| !n.contains('\n') && front::is_kind_line(n))
    }

    /// Where and when it was posted, for the title page: `Posted to alt.startrek.creative,
    /// 6 February 1994` (the date as written when it can't be read).
    pub fn provenance(&self) -> Option<String> {
        let group = self.newsgroup.as_deref()?;
        Some(match &self.posted {
            Some(date) => {
                let day = news::day_of(date).unwrap_or_else(|| date.clone());
                format!("Posted to {group}, {day}")
            }
            None => format!("Posted to {group}"),
        })
    }

    /// The summary, if the header has one.
    pub fn summary(&self) -> Option<&str> {
        self.field(FieldKey::Summary)
    }

    /// The pairing, if the header names one (`Pairing: none` names none).
    pub fn pairing(&self) -> Option<&str> {
        self.field(FieldKey::Pairing).filter(|p| !says_none(p))
    }
}

/// Reads the bytes of a story file: a regular file no larger than [`MAX_STORY_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_STORY_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    std::fs::read(path).map_err(io)
}

/// The lines of normalised text (which ends lines with `\n` only).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(page_break_as_blank(&text[start..end]));
        start = end + 1;
    }
    lines.push(page_break_as_blank(&text[start..]));
    lines
}

/// A page break written out as `^L` (how a form feed shows once copied from a pager) is a
/// blank line, as the form feed itself already is.
fn page_break_as_blank(line: &str) -> &str {
    if line.len() < 16 && line.trim() == "^L" {
        ""
    } else {
        line
    }
}

/// `the_long-way.txt` becomes `The long way`: separators become spaces, the first letter
/// a capital.
pub(crate) fn title_from_file_name(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let spaced = stem.replace(['_', '-'], " ");
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        None => "Untitled".to_string(),
        Some(first) => first.to_uppercase().chain(chars).collect(),
    }
}

/// True for a field value that says there is nothing: `none`, `n/a`, `-`.
pub fn says_none(value: &str) -> bool {
    let v = value.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(
        v.as_str(),
        "none" | "n/a" | "na" | "-" | "--" | "nothing" | "no pairing" | "no pairings"
    )
}

/// Reads `Status: Complete` / `Status: WIP` (or a `WIP:` or `Complete:` label).
fn status_complete(fields: &[Field]) -> Option<bool> {
    let field = fields.iter().find(|f| f.key == FieldKey::Status)?;
    let text = format!("{} {}", field.label, field.value).to_lowercase();
    const OPEN: &[&str] = &[
        "wip",
        "in progress",
        "incomplete",
        "ongoing",
        "unfinished",
        "not complete",
    ];
    if OPEN.iter().any(|w| text.contains(w)) {
        Some(false)
    } else if text.contains("complete") || text.contains("finished") {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
