//! The Archive of Our Own's download layout, the same in its HTML and (calibre-made) EPUB
//! files (templates: `otwcode/otwarchive`, `app/views/downloads/`): a `div#preface` with
//! `p.message` ("Posted originally on the Archive of Our Own at URL"), a `dl.tags` of
//! `dt`/`dd` pairs (matched by label text: downloads carry no classes on them, and labels
//! turn plural with several tags), the `h1` title, `div.byline`, Summary and Notes
//! blockquotes; then the chapters (`h2.heading`, a `div.meta` of chapter summary and notes,
//! the text, `#endnotesN`); then `div#afterword` with the work's `#endnotes`.

use crate::engine::BlockKind;
use crate::engine::metadata::{Metadata, parse_count, parse_series, split_tags};

use super::assemble::{self, Found, Piece, quote_after};
use super::markup::{Chunk, ChunkKind, Scope};

/// True when the chunks are an AO3 download: a preface holding the tag list, or AO3's
/// "Posted originally on the Archive of Our Own" message.
pub fn is_ao3(chunks: &[Chunk]) -> bool {
    chunks.iter().any(|c| {
        (c.scope.has(Scope::PREFACE) && c.scope.has(Scope::TAGS))
            || (c.scope.has(Scope::MESSAGE)
                && c.text
                    .contains("Posted originally on the Archive of Our Own"))
    })
}

/// Reads the preface's metadata and the chapters' text.
///
/// AO3's EPUBs are calibre conversions split into one file per chapter; a split file
/// loses its ancestors' ids and calibre renames most classes (`div.meta` becomes
/// `calibre1`), so the `h1`, byline and summary may sit outside any `#preface`, and chapter
/// notes outside any `.meta`. The preface therefore runs until the first chapter heading
/// (an `h2` other than the "Preface" one), and notes are known by their fixed labels too.
pub fn read(chunks: &[Chunk]) -> (Found, Vec<Piece>) {
    let mut found = Found::default();
    let mut body = Vec::new();
    let mut in_preface = true;
    let mut i = 0;
    while i < chunks.len() {
        let c = &chunks[i];
        let chapter_starts =
            c.kind == ChunkKind::Heading(2) && !c.scope.has(Scope::PREFACE) && c.text != "Preface";
        in_preface &= !chapter_starts && !c.scope.has(Scope::AFTERWORD);
        i = if c.scope.has(Scope::PREFACE) || in_preface {
            preface(chunks, i, &mut found, &mut body)
        } else if c.scope.has(Scope::AFTERWORD) {
            afterword(chunks, i, &mut body)
        } else {
            chapter_chunk(chunks, i, &mut body)
        };
    }
    (found, body)
}

/// Reads one chunk of the preface (a `dt`/`dd` pair or a labelled blockquote takes more);
/// returns the index after what it used. Nothing of the preface is story text.
fn preface(chunks: &[Chunk], i: usize, found: &mut Found, body: &mut Vec<Piece>) -> usize {
    let c = &chunks[i];
    let after_title = i > 0 && chunks[i - 1].kind == ChunkKind::Heading(1);
    match c.kind {
        ChunkKind::Dt => {
            let mut j = i + 1;
            let mut values = Vec::new();
            while let Some(dd) = chunks.get(j).filter(|d| d.kind == ChunkKind::Dd) {
                values.push(dd.text.as_str());
                j += 1;
            }
            tag_group(&c.text, &values.join(", "), found);
            return j;
        }
        ChunkKind::Heading(1) => found.title = Some(c.text.clone()),
        _ if c.scope.has(Scope::BYLINE) || (after_title && c.text.starts_with("by ")) => {
            let names = c.text.strip_prefix("by ").unwrap_or(&c.text);
            found.authors = split_tags(names);
        }
        _ if c.scope.has(Scope::MESSAGE) || c.text.contains("Posted originally on the") => {
            found.meta.source_url = source_url(&c.text);
        }
        ChunkKind::Para if !c.scope.has(Scope::QUOTE) => {
            let (quote, next) = quote_after(chunks, i);
            match c.text.as_str() {
                "Summary" => found.summary = quote.map(|q| q.text),
                "Notes" => {
                    if let Some(q) = &quote {
                        body.push(Piece {
                            kind: BlockKind::Note,
                            text: q.text.clone(),
                            spans: q.spans.clone(),
                            refs: q.refs.clone(),
                        });
                    }
                    found.notes = quote.map(|q| q.text);
                }
                _ => return i + 1,
            }
            return next;
        }
        _ => {}
    }
    i + 1
}

/// Reads one `Label:` and its value from the tag list.
fn tag_group(label: &str, value: &str, found: &mut Found) {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    let m = &mut found.meta;
    match label.as_str() {
        "rating" | "ratings" => found.rating = Some(value.to_string()),
        "archive warning" | "archive warnings" => found.warnings = Some(value.to_string()),
        "category" | "categories" => m.categories = split_tags(value),
        "fandom" | "fandoms" => m.fandoms = split_tags(value),
        "relationship" | "relationships" => m.relationships = split_tags(value),
        "character" | "characters" => m.characters = split_tags(value),
        "additional tag" | "additional tags" => m.tags = split_tags(value),
        "language" => m.language = Some(value.trim().to_string()),
        "series" => m.series = parse_series(value),
        "collections" | "collection" => m.collections = split_tags(value),
        "stats" => found.complete = stats(value, m),
        _ => {}
    }
}

/// Reads `Published: 2024-01-02 Updated: 2024-02-03 Words: 5,120 Chapters: 2/3`; returns
/// whether the work is complete (`2/2`) or not (`2/3`, `2/?`).
fn stats(value: &str, m: &mut Metadata) -> Option<bool> {
    let words: Vec<&str> = value.split_whitespace().collect();
    let after = |label: &str| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(label))
            .and_then(|k| words.get(k + 1).copied())
    };
    m.published = after("Published:").map(str::to_string);
    m.updated = after("Updated:")
        .or_else(|| after("Completed:"))
        .map(str::to_string);
    m.words_stated = after("Words:").and_then(parse_count);
    let (posted, total) = after("Chapters:")?.split_once('/')?;
    m.chapters_posted = posted.trim().parse().ok();
    m.chapters_total = total.trim().parse().ok();
    match (m.chapters_posted, m.chapters_total) {
        (Some(p), Some(t)) => Some(p >= t),
        (Some(_), None) => Some(false),
        _ => None,
    }
}

/// The work's address from "Posted originally on the Archive of Our Own at URL."
fn source_url(message: &str) -> Option<String> {
    let at = message.find("http")?;
    let url: String = message[at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    Some(url.trim_end_matches(['.', ',']).to_string())
}

/// The labels AO3 puts above a blockquote of notes in chapters and the afterword.
const NOTE_LABELS: [&str; 5] = [
    "Chapter Summary",
    "Chapter Notes",
    "Chapter End Notes",
    "End Notes",
    "Notes",
];

/// AO3's own words between chapters that are neither story nor notes.
fn is_boilerplate(text: &str) -> bool {
    text.starts_with("See the end of the ")
        || text.starts_with("Please drop by the Archive and comment")
        || text == "Afterword"
}

/// One chunk of the chapters: a heading, a chapter's notes (in a `.meta`, or under one of
/// AO3's note labels), or story text.
fn chapter_chunk(chunks: &[Chunk], i: usize, body: &mut Vec<Piece>) -> usize {
    let c = &chunks[i];
    if c.scope.has(Scope::TOC_HEADING)
        || c.scope.has(Scope::ENDNOTE_LINK)
        || c.scope.has(Scope::MESSAGE)
        || is_boilerplate(&c.text)
    {
        return i + 1;
    }
    if c.kind == ChunkKind::Heading(2) && !c.scope.has(Scope::QUOTE) {
        body.push(Piece::plain(BlockKind::Heading, c.text.clone()));
        return i + 1;
    }
    let in_meta = c.scope.has(Scope::META) || c.scope.has(Scope::ENDNOTES);
    let labelled = !c.scope.has(Scope::QUOTE)
        && NOTE_LABELS.contains(&c.text.as_str())
        && chunks.get(i + 1).is_some_and(|n| n.scope.has(Scope::QUOTE));
    if in_meta || labelled {
        let (quote, next) = quote_after(chunks, i);
        let note = match quote {
            Some(q) if !c.scope.has(Scope::QUOTE) => {
                Piece::labelled_note(&c.text, q, &c.refs.anchors)
            }
            _ => Piece {
                kind: BlockKind::Note,
                text: c.text.clone(),
                spans: c.spans.clone(),
                refs: c.refs.clone(),
            },
        };
        body.push(note);
        return next.max(i + 1);
    }
    body.extend(assemble::block(c));
    i + 1
}

/// The afterword: the work's end notes as a note; the closing "please comment" message
/// and the heading are left out.
fn afterword(chunks: &[Chunk], i: usize, body: &mut Vec<Piece>) -> usize {
    let c = &chunks[i];
    if (c.scope.has(Scope::ENDNOTES) || NOTE_LABELS.contains(&c.text.as_str()))
        && !c.scope.has(Scope::QUOTE)
    {
        let (quote, next) = quote_after(chunks, i);
        if let Some(q) = quote {
            body.push(Piece::labelled_note(&c.text, q, &c.refs.anchors));
        }
        return next.max(i + 1);
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::markup;

    const PAGE: &str = r#"<html><body>
<div id="preface"><h2 class="toc-heading">Preface</h2>
<p class="message"><b>Tin Stars</b><br/>Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1</a>.</p>
<div class="meta"><dl class="tags">
<dt>Rating:</dt><dd><a href="x">Mature</a></dd>
<dt>Archive Warnings:</dt><dd><a>Graphic Depictions Of Violence</a>, <a>Major Character Death</a></dd>
<dt>Stats:</dt><dd>Published: 2024-01-02 Updated: 2024-02-03 Words: 1,234 Chapters: 2/?</dd>
</dl><h1>Tin Stars</h1><div class="byline">by <a>Alder</a>, <a>Birch</a></div>
<p>Summary</p><blockquote class="userstuff"><p>One.</p><p>Two.</p></blockquote>
</div></div>
<div id="chapters" class="userstuff"><div class="meta group"><h2 class="heading">Chapter 1: Dust</h2>
<p>Chapter Notes</p><blockquote class="userstuff"><p>Hello.</p></blockquote></div>
<div class="userstuff"><p>Story.</p></div></div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2><div class="meta"><div id="endnotes"><p>End Notes</p><blockquote><p>Bye.</p></blockquote></div></div>
<p class="message">Please drop by the Archive and comment.</p></div></body></html>"#;

    #[test]
    fn the_preface_and_chapters_are_read() {
        let mut chunks = Vec::new();
        markup::chunks(PAGE, 0, &mut chunks);
        assert!(is_ao3(&chunks));
        let (found, body) = read(&chunks);
        assert_eq!(found.title.as_deref(), Some("Tin Stars"));
        assert_eq!(found.authors, ["Alder", "Birch"]);
        assert_eq!(found.rating.as_deref(), Some("Mature"));
        assert_eq!(
            found.warnings.as_deref(),
            Some("Graphic Depictions Of Violence, Major Character Death")
        );
        assert_eq!(found.summary.as_deref(), Some("One.\n\nTwo."));
        assert_eq!(found.complete, Some(false));
        let m = &found.meta;
        assert_eq!(
            m.source_url.as_deref(),
            Some("https://archiveofourown.org/works/1")
        );
        assert_eq!((m.chapters_posted, m.chapters_total), (Some(2), None));
        assert_eq!(m.words_stated, Some(1234));
        assert_eq!(m.updated.as_deref(), Some("2024-02-03"));
        let kinds: Vec<BlockKind> = body.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Note,
                BlockKind::Paragraph,
                BlockKind::Note
            ]
        );
        assert_eq!(body[1].text, "Chapter Notes:\nHello.");
        assert_eq!(body[3].text, "End Notes:\nBye.");
    }
}
