//! FanFicFare's TXT output (`fanficfare/writers/writer_txt.py`): the title and `by Author`,
//! the title page's `Label: value` entries (wrapped at 78 columns like everything else),
//! `TABLE OF CONTENTS` with one chapter title per line, each chapter opening with its
//! title indented by a tab (or the spaces it was expanded to), the chapters' text as
//! html2text writes it (`_italics_`, `**bold**`, hard-wrapped paragraphs), and `End file.`
//!
//! The text engine would read most of the header, but not the contents as chapters nor the
//! chapter titles as headings. Here the entries are read as the FanFicFare EPUB's title
//! page is ([`super::fanficfare`]), each chapter's text goes through the text engine's
//! paragraph rebuilding, and html2text's emphasis becomes styled runs.

use std::path::Path;

use crate::engine::metadata::Format;
use crate::engine::{BlockKind, ReadError, Refs, Story, decode, document};

use super::assemble::{self, Found, Piece, Source};
use super::{emphasis, fanficfare};

/// The line FanFicFare ends every TXT file with.
const END: &[u8] = b"End file.";
/// The heading of its table of contents.
const CONTENTS: &str = "TABLE OF CONTENTS";

/// True when the bytes look like FanFicFare's TXT: they end with `End file.` and hold its
/// contents heading near the top. Cheap: two byte searches, no decoding.
pub fn looks_like(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    let head = &bytes[..bytes.len().min(256 * 1024)];
    bytes[..end].ends_with(END) && memchr::memmem::find(head, b"\nTABLE OF CONTENTS\n").is_some()
}

/// Reads FanFicFare's TXT; a file that turns out not to be laid out so is read by the
/// text engine as any text is.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Story, ReadError> {
    let decoded = decode::decode(bytes).map_err(|source| ReadError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    let lines: Vec<&str> = decoded.text.split('\n').collect();
    let Some(layout) = Layout::find(&lines) else {
        return Story::parse_text_file(path, bytes);
    };
    let found = title_page(&lines[..layout.contents]);
    let body = chapters(&lines, &layout);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let source = Source {
        format: Format::Text,
        encoding: decoded.encoding,
        replacements: decoded.replacements,
    };
    let mut story = assemble::story(found, &body, source, &name);
    story.story_start_line = layout.first_chapter + 1;
    Ok(story)
}

/// Where the parts of the file are, as line indices.
struct Layout<'a> {
    /// The `TABLE OF CONTENTS` line.
    contents: usize,
    /// The chapter titles the contents list.
    titles: Vec<&'a str>,
    /// The first chapter's title line.
    first_chapter: usize,
    /// The `End file.` line.
    end: usize,
}

impl<'a> Layout<'a> {
    fn find(lines: &[&'a str]) -> Option<Layout<'a>> {
        let contents = lines.iter().position(|l| l.trim() == CONTENTS)?;
        let end = lines.iter().rposition(|l| !l.trim().is_empty())?;
        if lines[end].trim().as_bytes() != END || end <= contents {
            return None;
        }
        let mut titles = Vec::new();
        let mut i = contents + 1;
        while i < end {
            let line = lines[i];
            let title = line.trim();
            if !title.is_empty() {
                // The first chapter's own title line: indented, and the first entry again.
                if is_indented(line) && titles.first() == Some(&title) {
                    break;
                }
                titles.push(title);
            }
            i += 1;
        }
        (i < end && !titles.is_empty()).then_some(Layout {
            contents,
            titles,
            first_chapter: i,
            end,
        })
    }
}

fn is_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("    ")
}

/// The title, `by Author` and the `Label: value` entries above the contents.
fn title_page(lines: &[&str]) -> Found {
    let mut found = Found::default();
    let mut filled = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty());
    found.title = filled.next().map(str::to_string);
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in filled {
        if let Some(author) = line
            .strip_prefix("by ")
            .filter(|_| found.authors.is_empty())
        {
            found.authors = crate::engine::metadata::split_tags(author);
            continue;
        }
        match label_of(line) {
            Some((label, value)) => entries.push((label.to_string(), value.to_string())),
            // A value wrapped onto the next line.
            None => {
                if let Some((_, value)) = entries.last_mut() {
                    value.push(' ');
                    value.push_str(line);
                }
            }
        }
    }
    for (label, value) in &entries {
        fanficfare::entry(label, value, &mut found);
    }
    found
}

/// `Label: value`, where the label is a few words (FanFicFare's labels: `Story URL`,
/// `Chapters/Total Chapters`, `AO3 Categories`).
fn label_of(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(": ")?;
    let words = label.split_whitespace().count();
    let plain = label
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '/' | '-' | '_'));
    (plain && (1..=4).contains(&words) && label.len() <= 32).then_some((label, value.trim()))
}

/// The chapters: each title line (indented, the next title of the contents) a heading, the
/// text between rebuilt into paragraphs by the text engine, html2text's emphasis as runs.
fn chapters(lines: &[&str], layout: &Layout<'_>) -> Vec<Piece> {
    let mut body = Vec::new();
    let mut next_title = 0;
    let mut from = layout.first_chapter;
    let mut heading: Option<&str> = None;
    for i in layout.first_chapter..=layout.end {
        let line = lines[i];
        let is_title = i < layout.end
            && is_indented(line)
            && layout.titles.get(next_title) == Some(&line.trim());
        if !is_title && i < layout.end {
            continue;
        }
        if let Some(title) = heading.take() {
            body.push(Piece::plain(BlockKind::Heading, title));
            chapter_text(&lines[from..i], &mut body);
        }
        if is_title {
            heading = Some(line.trim());
            next_title += 1;
            from = i + 1;
        }
    }
    body
}

fn chapter_text(lines: &[&str], body: &mut Vec<Piece>) {
    let doc = document::build(lines);
    for block in doc.blocks() {
        let (text, spans) = emphasis::extract(doc.text(block));
        body.push(Piece {
            kind: block.kind,
            text,
            spans,
            refs: Refs::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Inline;

    const FILE: &str = "\n\n\nTin Stars\n\nby Alder\n\n\n\nCategory: Original Work\nRelationship: A/B\nStatus: In-Progress\nSummary: A long summary that FanFicFare\nwrapped onto a second line.\nChapters: 2\n\n\n\n\n\nTABLE OF CONTENTS\n\n\nDust\n\nRain\n\n\n\n\n\tDust\n\n\nShe was _never_ late.\n\n\n\n        Rain\n\n\nIt rained **hard**.\n\n\n\nEnd file.\n";

    #[test]
    fn the_layout_is_read_with_chapters_and_emphasis() {
        assert!(looks_like(FILE.as_bytes()));
        let s = parse(Path::new("tin.txt"), FILE.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.title, "Tin Stars");
        assert_eq!(s.author.as_deref(), Some("Alder"));
        assert_eq!(s.metadata.fandoms, ["Original Work"]);
        assert_eq!(s.metadata.relationships, ["A/B"]);
        assert_eq!(s.complete, Some(false));
        assert_eq!(
            s.summary(),
            Some("A long summary that FanFicFare wrapped onto a second line.")
        );
        let doc = &s.document;
        let parts: Vec<&str> = doc.parts().iter().map(|p| p.title.as_str()).collect();
        assert_eq!(parts, ["Dust", "Rain"]);
        assert!(!doc.full_text().contains("End file"));
        assert!(!doc.full_text().contains("TABLE OF CONTENTS"));
        let b = doc.blocks()[1];
        assert_eq!(doc.text(&b), "She was never late.");
        let spans: Vec<_> = doc.spans(&b).collect();
        assert_eq!(spans[0].style, Inline::ITALIC);
        assert_eq!(&doc.text(&b)[spans[0].range.clone()], "never");
    }

    #[test]
    fn other_text_is_not_taken_for_it() {
        assert!(!looks_like(
            b"Title: X\n\nTABLE OF CONTENTS\n\nOne\n\nThe story.\n"
        ));
        let odd = b"Title: X\n\nTABLE OF CONTENTS\nOne\nNo chapters follow.\nEnd file.\n";
        assert!(looks_like(odd));
        let s = parse(Path::new("x.txt"), odd).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.title, "X", "read by the text engine");
    }
}
