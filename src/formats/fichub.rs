//! FicHub's EPUBs (`FicHub/fichub.net`, `templates/epub_introduction.html` and `ebook.py`):
//! an introduction page first (an `h1` title, `By: Author` in bold, the description, then
//! `Status:`, `Published:`, `Updated:`, `Words:`, `Chapters:` paragraphs, the source
//! site's own line of metadata, `Original source: URL` and "Exported with the assistance
//! of FicHub.net"), then one file per chapter, titled in the navigation.
//!
//! For FanFiction.Net stories the site's line is FFN's: `Rated: Fiction T - English -
//! Romance/Hurt/Comfort - [Mara Q., Tobin A.] Harbourmaster - Chapters: 2 - Words: 310 -
//! ...`; its rating, language, genres (as tags) and characters (a bracketed group as a
//! relationship) are read from it.

use crate::engine::metadata::{parse_count, split_tags};

use super::assemble::{self, Found, Piece};
use super::markup::{Chunk, ChunkKind};

/// FanFiction.Net's genres, which may hold a `/` of their own.
const FFN_GENRES: [&str; 21] = [
    "Adventure",
    "Angst",
    "Crime",
    "Drama",
    "Family",
    "Fantasy",
    "Friendship",
    "General",
    "Horror",
    "Humor",
    "Hurt/Comfort",
    "Mystery",
    "Parody",
    "Poetry",
    "Romance",
    "Sci-Fi",
    "Spiritual",
    "Supernatural",
    "Suspense",
    "Tragedy",
    "Western",
];

/// The introduction's metadata and which document of the book it is, when the book is
/// FicHub's (its introduction says it was exported with FicHub's help).
pub fn read(chunks: &[Chunk]) -> Option<(Found, u32)> {
    let credit = chunks.iter().find(|c| is_credit(c))?;
    let intro: Vec<&Chunk> = chunks.iter().filter(|c| c.doc == credit.doc).collect();
    Some((intro_found(&intro), credit.doc))
}

/// FicHub's HTML download (`full_fic.html`, zipped alone): the same introduction with
/// `by Author` as an `h2`, a contents list, then each chapter in a `div#chap_N` that opens
/// with links to the chapters beside it. Gives the metadata and the story's blocks.
pub fn read_html(chunks: &[Chunk]) -> Option<(Found, Vec<Piece>)> {
    let credit = chunks.iter().position(is_credit)?;
    let chapters = chunks
        .iter()
        .position(|c| c.refs.anchors.iter().any(|a| a.starts_with("#chap_")))?;
    let intro: Vec<&Chunk> = chunks[..credit.min(chapters)].iter().collect();
    let found = intro_found(&intro);
    let body = chunks[chapters..]
        .iter()
        .filter(|c| !is_chapter_nav(&c.text))
        .filter_map(assemble::block)
        .collect();
    Some((found, body))
}

fn is_credit(c: &Chunk) -> bool {
    c.text.starts_with("Exported with the assistance of") && c.text.contains("FicHub")
}

/// The links between chapters (`previous chapter`, `next chapter`, `chapter list`).
fn is_chapter_nav(text: &str) -> bool {
    let mut rest = text.to_string();
    for words in [
        "(back to chapter list)",
        "previous chapter",
        "next chapter",
        "chapter list",
    ] {
        rest = rest.replace(words, " ");
    }
    rest.trim().is_empty()
}

/// The introduction's metadata: title, author, description and `Label: value` entries.
fn intro_found(intro: &[&Chunk]) -> Found {
    let mut found = Found::default();
    let mut description = Vec::new();
    let mut in_description = false;
    for c in intro {
        let text = c.text.trim();
        if c.kind == ChunkKind::Heading(1) && found.title.is_none() {
            found.title = Some(text.to_string());
            continue;
        }
        let by = text.strip_prefix("By:").or_else(|| {
            (c.kind == ChunkKind::Heading(2))
                .then(|| text.strip_prefix("by "))
                .flatten()
        });
        if let Some(author) = by {
            found.authors = split_tags(author);
            in_description = true;
            continue;
        }
        if c.kind == ChunkKind::Title {
            continue;
        }
        match text.split_once(':') {
            Some((label, value)) if is_label(label) => {
                in_description = false;
                entry(label.trim(), value.trim(), &mut found);
            }
            _ if text.starts_with("Exported with the assistance of") => {}
            _ if in_description => description.push(text),
            _ => {}
        }
    }
    if !description.is_empty() {
        found.summary = Some(description.join("\n\n"));
    }
    // A finished story has all its chapters; an ongoing one says nothing of its total.
    if found.complete == Some(true) {
        found.meta.chapters_total = found.meta.chapters_posted;
    }
    found
}

fn is_label(label: &str) -> bool {
    matches!(
        label.trim(),
        "Status" | "Published" | "Updated" | "Words" | "Chapters" | "Original source" | "Rated"
    )
}

/// One `Label: value` paragraph of the introduction.
fn entry(label: &str, value: &str, found: &mut Found) {
    let m = &mut found.meta;
    match label {
        "Status" => {
            let v = value.to_ascii_lowercase();
            found.complete = Some(v.starts_with("complete"));
        }
        "Published" => m.published = Some(value.to_string()),
        "Updated" => m.updated = Some(value.to_string()),
        "Words" => m.words_stated = parse_count(value),
        "Chapters" => m.chapters_posted = value.trim().parse().ok(),
        "Original source" => {
            m.source_url = value
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .map(str::to_string);
        }
        "Rated" => ffn_line(value, found),
        _ => {}
    }
}

/// FanFiction.Net's line after `Rated:`: `Fiction T - English - Romance/Hurt/Comfort -
/// [A, B] C - Chapters: 2 - Words: 310 - ...`.
fn ffn_line(value: &str, found: &mut Found) {
    let mut parts = value.split(" - ").map(str::trim);
    let rating = parts.next().unwrap_or("");
    found.rating = Some(rating.trim_start_matches("Fiction").trim().to_string());
    let mut plain = 0;
    for part in parts {
        if let Some((label, v)) = part.split_once(':') {
            let m = &mut found.meta;
            match label.trim() {
                "Chapters" => m.chapters_posted = m.chapters_posted.or(v.trim().parse().ok()),
                "Words" => m.words_stated = m.words_stated.or(parse_count(v)),
                "Status" => found.complete = Some(v.trim().eq_ignore_ascii_case("complete")),
                _ => {}
            }
            continue;
        }
        plain += 1;
        match plain {
            1 => found.meta.language = Some(part.to_string()),
            _ if genres(part).is_some() => found.meta.tags = genres(part).unwrap_or_default(),
            _ => characters(part, found),
        }
    }
}

/// `Romance/Hurt/Comfort` as FFN's genres, if every piece is one.
fn genres(part: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = part;
    while !rest.is_empty() {
        let genre = FFN_GENRES.iter().find(|g| {
            rest.starts_with(**g) && matches!(rest.as_bytes().get(g.len()), None | Some(b'/'))
        })?;
        out.push(genre.to_string());
        rest = rest[genre.len()..].trim_start_matches('/');
    }
    (!out.is_empty()).then_some(out)
}

/// `[Mara Q., Tobin A.] Harbourmaster`: every name a character, each bracketed group a
/// relationship.
fn characters(part: &str, found: &mut Found) {
    let m = &mut found.meta;
    let mut rest = part;
    while let Some(open) = rest.find('[') {
        m.characters.extend(split_tags(&rest[..open]));
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let group = split_tags(&rest[open + 1..open + close]);
        if group.len() > 1 {
            m.relationships.push(group.join("/"));
        }
        m.characters.extend(group);
        rest = &rest[open + close + 1..];
    }
    m.characters
        .extend(split_tags(rest.trim_start_matches(']')));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::markup;

    #[test]
    fn the_introduction_and_ffn_line_are_read() {
        let page = r#"<html><head><title>Introduction</title></head><body>
<h1>The Quiet Harbour</h1><p><b>By: Tamsin Reed</b></p>
<p><p>Two keepers trade letters.</p><p>A winter bay.</p></p>
<p>Status: ongoing</p><p>Published: 2021-03-04</p><p>Updated: 2021-05-06</p>
<p>Words: 1,310</p><p>Chapters: 2</p>
<p>Rated: Fiction T - English - Romance/Hurt/Comfort - [Mara Q., Tobin A.] Harbourmaster - Chapters: 2 - Words: 1,310 - Reviews: 4</p>
<p>Original source: <a href="https://www.fanfiction.net/s/90000004/1/">https://www.fanfiction.net/s/90000004/1/</a></p>
<p>Exported with the assistance of <a href="https://fichub.net">FicHub.net</a></p></body></html>"#;
        let mut chunks = Vec::new();
        markup::chunks(page, 3, &mut chunks);
        let (found, doc) = read(&chunks).unwrap_or_else(|| panic!("FicHub's"));
        assert_eq!(doc, 3);
        assert_eq!(found.title.as_deref(), Some("The Quiet Harbour"));
        assert_eq!(found.authors, ["Tamsin Reed"]);
        assert_eq!(
            found.summary.as_deref(),
            Some("Two keepers trade letters.\n\nA winter bay.")
        );
        assert_eq!(found.complete, Some(false));
        assert_eq!(found.rating.as_deref(), Some("T"));
        let m = &found.meta;
        assert_eq!(m.words_stated, Some(1310));
        assert_eq!(m.chapters_posted, Some(2));
        assert_eq!(m.language.as_deref(), Some("English"));
        assert_eq!(m.tags, ["Romance", "Hurt/Comfort"]);
        assert_eq!(m.relationships, ["Mara Q./Tobin A."]);
        assert_eq!(m.characters, ["Mara Q.", "Tobin A.", "Harbourmaster"]);
        assert_eq!(
            m.source_url.as_deref(),
            Some("https://www.fanfiction.net/s/90000004/1/")
        );
        assert_eq!(m.chapters_total, None, "ongoing: the total is not known");
        let done = page.replace("Status: ongoing", "Status: complete");
        let mut chunks = Vec::new();
        markup::chunks(&done, 0, &mut chunks);
        let (found, _) = read(&chunks).unwrap_or_else(|| panic!("FicHub's"));
        assert_eq!(found.complete, Some(true));
        assert_eq!(found.meta.chapters_total, Some(2));
    }

    #[test]
    fn other_books_are_not_taken_for_it() {
        let mut chunks = Vec::new();
        markup::chunks(
            "<html><body><h1>T</h1><p>By: X</p></body></html>",
            0,
            &mut chunks,
        );
        assert!(read(&chunks).is_none());
    }
}
