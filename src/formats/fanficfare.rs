//! FanFicFare's EPUB layout (`fanficfare/writers/writer_epub.py` and the labels of its
//! `defaults.ini`): a title page (`body.fff_titlepage`) with an `h3` of title and author
//! and `<b>Label:</b> value<br/>` lines (or a table of them), a table of contents page and
//! perhaps an update log (skipped), then one file per chapter opening with an
//! `h3.fff_chapter_title`.
//!
//! Its vocabulary differs from AO3's: for AO3 works `Category:` holds the fandoms and
//! `Genre:` the additional tags mixed with AO3's categories (`M/M`), `Status:` says
//! `Completed` or `In-Progress`, and the title page states no series position except as
//! `Name [2]`.

use crate::engine::metadata::{Metadata, parse_count, parse_series, push_all, split_tags};

use super::assemble::{self, Found, Piece};
use super::markup::{Chunk, ChunkKind, Scope};

/// AO3's category tags, which FanFicFare files among the genres.
const AO3_CATEGORIES: [&str; 6] = ["F/F", "F/M", "Gen", "M/M", "Multi", "Other"];

/// True when the chunks hold FanFicFare's title page: the EPUB's `body.fff_titlepage`, or
/// the HTML writer's `h1` of `Title by Author` followed by its `table.full` of entries.
pub fn is_fanficfare(chunks: &[Chunk]) -> bool {
    let html_layout = || {
        let mut shown = chunks.iter().filter(|c| c.kind != ChunkKind::Title);
        shown
            .next()
            .is_some_and(|c| c.kind == ChunkKind::Heading(1) && c.text.contains(" by "))
            && shown.next().is_some_and(|c| c.scope.has(Scope::FFF_TABLE))
    };
    chunks.iter().any(|c| c.scope.has(Scope::FFF_TITLEPAGE)) || html_layout()
}

/// True for a chunk of the title page, in either layout.
fn on_title_page(c: &Chunk) -> bool {
    c.scope.has(Scope::FFF_TITLEPAGE) || c.scope.has(Scope::FFF_TABLE)
}

/// Reads the title page's entries and the chapters. `subjects` are the package's
/// `dc:subject` tags, used only when the title page names no tags.
pub fn read(chunks: &[Chunk], subjects: &[String]) -> (Found, Vec<Piece>) {
    let mut found = Found::default();
    let mut body = Vec::new();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let c = &chunks[i];
        i += 1;
        let heading = matches!(c.kind, ChunkKind::Heading(_));
        if on_title_page(c) {
            if heading {
                title_line(&c.text, &mut found);
            } else {
                lines.extend(c.text.lines());
            }
        } else if heading && found.title.is_none() && c.text.contains(" by ") {
            title_line(&c.text, &mut found); // the HTML writer's `h1`, above its table
        } else if heading && c.text == "Table of Contents" {
            // The HTML writer's contents: a heading and one paragraph of links.
            i += usize::from(chunks.get(i).is_some_and(|n| n.kind == ChunkKind::Para));
        } else if !c.scope.has(Scope::FFF_EXTRA_PAGE) {
            body.extend(assemble::block(c));
        }
    }
    for (label, value) in entries(&lines) {
        entry(&label, &value, &mut found);
    }
    if found.meta.tags.is_empty() {
        found.meta.tags = subjects.to_vec();
    }
    (found, body)
}

/// `Title by Author` from the title page's heading.
fn title_line(text: &str, found: &mut Found) {
    match text.rsplit_once(" by ") {
        Some((title, author)) => {
            found.title = Some(title.trim().to_string());
            found.authors = split_tags(author);
        }
        None => found.title = Some(text.trim().to_string()),
    }
}

/// `Label: value` pairs from the title page's lines; a table row's label cell (`Label:`)
/// and value cell come as two lines and are joined.
fn entries(lines: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k].trim();
        k += 1;
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        let mut value = value.trim().to_string();
        // FanFicFare writes only entries that have a value, so a bare `Label:` (a table's
        // label cell) takes the next line (its value cell), whatever that holds.
        if value.is_empty() && k < lines.len() {
            value = lines[k].trim().to_string();
            k += 1;
        }
        out.push((label.trim().to_string(), value));
    }
    out
}

/// Files one title page entry.
pub(super) fn entry(label: &str, value: &str, found: &mut Found) {
    let m: &mut Metadata = &mut found.meta;
    match label.to_lowercase().as_str() {
        "category" | "fandoms" | "fandom" => push_all(&mut m.fandoms, split_tags(value)),
        "genre" | "freeform tags" | "additional tags" => {
            for tag in split_tags(value) {
                if AO3_CATEGORIES.contains(&tag.as_str()) {
                    push_all(&mut m.categories, [tag]);
                } else {
                    push_all(&mut m.tags, [tag]);
                }
            }
        }
        "ao3 categories" | "categories" => push_all(&mut m.categories, split_tags(value)),
        "characters" => m.characters = split_tags(value),
        "relationship" | "relationships" | "pairing" | "pairings" | "ships" => {
            m.relationships = split_tags(value);
        }
        "language" => m.language = Some(value.to_string()),
        "series" => m.series = parse_series(value),
        "collections" => m.collections = split_tags(value),
        "published" => m.published = Some(value.to_string()),
        "updated" => m.updated = Some(value.to_string()),
        "words" => m.words_stated = parse_count(value),
        "chapters" | "chapters/total chapters" => {
            let (posted, total) = value.split_once('/').unwrap_or((value, ""));
            m.chapters_posted = posted.trim().parse().ok();
            m.chapters_total = total.trim().parse().ok();
        }
        "story url" => m.source_url = Some(value.to_string()),
        "status" => found.complete = Some(value.eq_ignore_ascii_case("completed")),
        "rating" => found.rating = Some(value.to_string()),
        "warnings" => found.warnings = Some(value.to_string()),
        "summary" => found.summary = Some(value.to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::markup;

    #[test]
    fn the_title_page_entries_are_read() {
        let page = r#"<html><body class="fff_titlepage"><h3><a href="u">Low Tide</a> by <a>Marram</a></h3>
<div><b>Series:</b> <a>Shorelines</a> [2]<br />
<b>Category:</b> Original Work<br />
<b>Genre:</b> F/F, Fluff, Slow Burn<br />
<b>Status:</b> In-Progress<br />
<b>Chapters:</b> 2<br />
<b>Words:</b> 2,048<br />
<b>Story URL:</b> <a>https://archiveofourown.org/works/2</a><br />
<b>Summary:</b> Two <i>keepers</i>.<br />
</div></body></html>"#;
        let mut chunks = Vec::new();
        markup::chunks(page, 0, &mut chunks);
        assert!(is_fanficfare(&chunks));
        let (found, _) = read(&chunks, &[]);
        assert_eq!(found.title.as_deref(), Some("Low Tide"));
        assert_eq!(found.authors, ["Marram"]);
        let m = &found.meta;
        assert_eq!(m.series[0].name, "Shorelines");
        assert_eq!(m.series[0].position, Some(2));
        assert_eq!(m.fandoms, ["Original Work"]);
        assert_eq!(m.categories, ["F/F"]);
        assert_eq!(m.tags, ["Fluff", "Slow Burn"]);
        assert_eq!(m.words_stated, Some(2048));
        assert_eq!(found.complete, Some(false));
        assert_eq!(found.summary.as_deref(), Some("Two keepers."));
        assert_eq!(
            m.source_url.as_deref(),
            Some("https://archiveofourown.org/works/2")
        );
    }
}
