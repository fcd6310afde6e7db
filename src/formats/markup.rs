//! HTML and XHTML as a flat list of text chunks: each paragraph, heading, list item, `dt`,
//! `dd` or rule, with its text (whitespace collapsed, `<br>` kept as `\n`) and a [`Scope`]
//! saying what it sits inside (AO3's `#preface`, a `blockquote`, FanFicFare's title page).
//!
//! It is a streaming pass over `quick-xml` events in its lenient mode (unmatched and
//! missing end tags allowed, HTML5 entities, unquoted attributes), not a DOM: tag soup
//! costs nothing extra, and a 200 MB file needs memory for its text only. HTML's implied
//! ends (`<p>` closes an open `<p>`, a `<dd>` closes a `<dt>`) are applied; everything else
//! a browser would repair is left to the block model, which only needs where blocks start.

use quick_xml::Reader;
use quick_xml::escape::resolve_html5_entity;
use quick_xml::events::{BytesStart, Event};

/// What a chunk of text is, from the element that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// A paragraph, or loose text in a `div`, `td` or `body`.
    Para,
    /// A heading, `h1` to `h6`.
    Heading(u8),
    /// A list item.
    Item,
    /// A definition term (AO3's tag labels).
    Dt,
    /// A definition (AO3's tag values).
    Dd,
    /// A horizontal rule: a scene break.
    Rule,
    /// The document's `<title>`.
    Title,
}

/// Where a chunk sits: one bit per element kind, id or class that the readers look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope(u32);

impl Scope {
    /// Inside AO3's `div#preface`.
    pub const PREFACE: Scope = Scope(1);
    /// Inside AO3's `div#afterword`.
    pub const AFTERWORD: Scope = Scope(1 << 1);
    /// Inside an element whose id starts with `endnotes`.
    pub const ENDNOTES: Scope = Scope(1 << 2);
    /// Inside a `blockquote`.
    pub const QUOTE: Scope = Scope(1 << 3);
    /// Inside an element of class `meta` (AO3's work and chapter meta).
    pub const META: Scope = Scope(1 << 4);
    /// Inside an element of class `byline`.
    pub const BYLINE: Scope = Scope(1 << 5);
    /// Inside an element of class `message`.
    pub const MESSAGE: Scope = Scope(1 << 6);
    /// Inside a `dl` of class `tags`.
    pub const TAGS: Scope = Scope(1 << 7);
    /// Inside an element of class `heading`.
    pub const HEADING: Scope = Scope(1 << 8);
    /// Inside an element of class `toc-heading`.
    pub const TOC_HEADING: Scope = Scope(1 << 9);
    /// Inside an element of class `endnote-link`.
    pub const ENDNOTE_LINK: Scope = Scope(1 << 10);
    /// Inside FanFicFare's title page (`body.fff_titlepage`).
    pub const FFF_TITLEPAGE: Scope = Scope(1 << 11);
    /// Inside FanFicFare's table of contents or update log page.
    pub const FFF_EXTRA_PAGE: Scope = Scope(1 << 12);
    /// Inside an element of class `fff_chapter_title`.
    pub const FFF_CHAPTER_TITLE: Scope = Scope(1 << 13);
    /// Inside `<head>`.
    pub const HEAD: Scope = Scope(1 << 14);
    /// Inside an element whose text is never shown (`script`, `style`, `svg`, ...).
    pub const HIDDEN: Scope = Scope(1 << 15);
    /// Inside a `table` of class `full` (FanFicFare's HTML title page).
    pub const FFF_TABLE: Scope = Scope(1 << 16);

    /// True when every bit of `other` is set.
    pub fn has(self, other: Scope) -> bool {
        self.0 & other.0 == other.0
    }

    fn with(self, other: Scope) -> Scope {
        Scope(self.0 | other.0)
    }
}

/// One block of text and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// What the block is.
    pub kind: ChunkKind,
    /// Its text: whitespace collapsed, trimmed, `\n` where a `<br>` was.
    pub text: String,
    /// What it sits inside.
    pub scope: Scope,
    /// Which document of the book it came from (the spine position; 0 for HTML).
    pub doc: u32,
}

/// Open elements deeper than this are not tracked (their text still is), so hostile
/// nesting can't make each tag cost a long search.
const MAX_DEPTH: usize = 256;

/// An open element: its lower-case name and the scope inside it (its parent's and its own).
struct Open {
    name: Vec<u8>,
    scope: Scope,
}

/// Appends the chunks of one HTML or XHTML document to `out`. Never fails: what can't be
/// parsed is skipped. Returns how many syntax errors were stepped over.
pub fn chunks(text: &str, doc: u32, out: &mut Vec<Chunk>) -> usize {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.check_comments = false;
    let mut state = State {
        out,
        doc,
        stack: Vec::new(),
        text: String::new(),
        space: false,
    };
    let mut errors = 0;
    let mut last_error_at = u64::MAX;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => state.start(&e, false),
            Ok(Event::Empty(e)) => state.start(&e, true),
            Ok(Event::End(e)) => state.end(&lower(e.local_name().as_ref().as_bytes())),
            Ok(Event::Text(t)) => state.push_text(&t.xml10_content()),
            Ok(Event::CData(t)) => state.push_text(&t),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => state.push_text(c.encode_utf8(&mut [0; 4])),
                _ => {
                    let name: &str = &r;
                    match resolve_html5_entity(name) {
                        Some(s) => state.push_text(s),
                        None => state.push_text(&format!("&{name};")),
                    }
                }
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => {
                errors += 1;
                let at = reader.buffer_position();
                if at == last_error_at || at as usize >= text.len() {
                    break;
                }
                last_error_at = at;
            }
        }
    }
    state.flush();
    errors
}

struct State<'o> {
    out: &'o mut Vec<Chunk>,
    doc: u32,
    stack: Vec<Open>,
    /// The text of the block being read.
    text: String,
    /// Whitespace was seen since the last character pushed.
    space: bool,
}

impl State<'_> {
    fn scope(&self) -> Scope {
        self.stack.last().map_or(Scope::default(), |o| o.scope)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = lower(e.local_name().as_ref().as_bytes());
        match name.as_slice() {
            b"br" => {
                self.text.push('\n');
                self.space = false;
                return;
            }
            b"hr" => {
                self.flush();
                self.emit(ChunkKind::Rule, String::new());
                return;
            }
            _ => {}
        }
        if is_void(&name) {
            return;
        }
        if is_block(&name) {
            self.flush();
            self.close_implied(&name);
        }
        if empty {
            return;
        }
        if self.stack.len() < MAX_DEPTH {
            let scope = self.scope().with(element_scope(&name, e));
            self.stack.push(Open { name, scope });
        }
    }

    /// HTML's implied end tags: a new `p` ends an open `p`, `li` an open `li`, `dt`/`dd`
    /// an open `dt`/`dd`, and any block ends an open `p`.
    fn close_implied(&mut self, name: &[u8]) {
        let closes: &[&[u8]] = match name {
            b"li" => &[b"li", b"p"],
            b"dt" | b"dd" => &[b"dt", b"dd", b"p"],
            _ => &[b"p"],
        };
        if let Some(top) = self.stack.last()
            && closes.contains(&top.name.as_slice())
        {
            self.stack.pop();
        }
    }

    fn end(&mut self, name: &[u8]) {
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            return; // an end tag with no open element: ignored, as browsers do
        };
        if is_block(name) || self.stack[at..].iter().any(|o| is_block(&o.name)) {
            self.flush();
        } else if name == b"title" {
            let text = std::mem::take(&mut self.text);
            self.emit(ChunkKind::Title, text);
        }
        self.stack.truncate(at);
    }

    fn push_text(&mut self, s: &str) {
        if self.scope().has(Scope::HIDDEN) {
            return;
        }
        // Word by word, not character by character: most text has single spaces.
        let is_space = |c: char| c.is_whitespace() && c != '\u{a0}';
        for (k, word) in s.split(is_space).enumerate() {
            if k > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(word);
        }
    }

    /// Ends the block being read: its text becomes a chunk of the innermost block's kind.
    fn flush(&mut self) {
        self.space = false;
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let kind = self
            .stack
            .iter()
            .rev()
            .find_map(|o| text_kind(&o.name))
            .unwrap_or(ChunkKind::Para);
        self.emit(kind, text);
    }

    fn emit(&mut self, kind: ChunkKind, text: String) {
        let scope = self.scope();
        if scope.has(Scope::HIDDEN) || (scope.has(Scope::HEAD) && kind != ChunkKind::Title) {
            return;
        }
        let text = tidy_lines(text);
        if text.is_empty() && kind != ChunkKind::Rule {
            return;
        }
        self.out.push(Chunk {
            kind,
            text,
            scope,
            doc: self.doc,
        });
    }
}

/// Trims each line and drops blank ones at either end (`<br>` before `</p>`).
fn tidy_lines(text: String) -> String {
    if !text.contains('\n') && text.trim() == text {
        return text;
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines.get(first..last).unwrap_or_default().join("\n")
}

fn lower(name: &[u8]) -> Vec<u8> {
    name.to_ascii_lowercase()
}

fn text_kind(name: &[u8]) -> Option<ChunkKind> {
    Some(match name {
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => ChunkKind::Heading(name[1] - b'0'),
        b"li" => ChunkKind::Item,
        b"dt" => ChunkKind::Dt,
        b"dd" => ChunkKind::Dd,
        b"p" | b"div" | b"td" | b"th" | b"blockquote" | b"pre" | b"body" => ChunkKind::Para,
        _ => return None,
    })
}

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"blockquote"
            | b"table"
            | b"tr"
            | b"td"
            | b"th"
            | b"pre"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"aside"
            | b"nav"
            | b"center"
            | b"figure"
            | b"figcaption"
            | b"address"
            | b"body"
            | b"head"
            | b"html"
    )
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"img"
            | b"meta"
            | b"link"
            | b"input"
            | b"col"
            | b"area"
            | b"base"
            | b"wbr"
            | b"source"
            | b"embed"
            | b"param"
            | b"track"
    )
}

/// What an element adds to the scope of everything inside it.
fn element_scope(name: &[u8], e: &BytesStart<'_>) -> Scope {
    let mut scope = match name {
        b"blockquote" => Scope::QUOTE,
        b"head" => Scope::HEAD,
        b"script" | b"style" | b"svg" | b"template" | b"noscript" | b"math" => Scope::HIDDEN,
        _ => Scope::default(),
    };
    for attr in e.html_attributes().flatten() {
        let key = attr.key.local_name();
        let value = &attr.value;
        match key.as_ref() {
            "id" => {
                scope = scope.with(match value.as_ref() {
                    "preface" => Scope::PREFACE,
                    "afterword" => Scope::AFTERWORD,
                    v if v.starts_with("endnotes") => Scope::ENDNOTES,
                    _ => Scope::default(),
                });
            }
            "class" => {
                for class in value.split_whitespace() {
                    scope = scope.with(class_scope(name, class));
                }
            }
            _ => {}
        }
    }
    scope
}

fn class_scope(name: &[u8], class: &str) -> Scope {
    match class {
        "meta" => Scope::META,
        "byline" => Scope::BYLINE,
        "message" => Scope::MESSAGE,
        "tags" if name == b"dl" => Scope::TAGS,
        "full" if name == b"table" => Scope::FFF_TABLE,
        "heading" => Scope::HEADING,
        "toc-heading" => Scope::TOC_HEADING,
        "endnote-link" => Scope::ENDNOTE_LINK,
        "fff_titlepage" => Scope::FFF_TITLEPAGE,
        "fff_tocpage" | "fff_logpage" => Scope::FFF_EXTRA_PAGE,
        "fff_chapter_title" => Scope::FFF_CHAPTER_TITLE,
        _ => Scope::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Vec<Chunk> {
        let mut out = Vec::new();
        chunks(html, 0, &mut out);
        out
    }

    fn texts(html: &str) -> Vec<String> {
        parse(html).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn paragraphs_whitespace_and_entities() {
        let c = texts("<p>One  <i>two</i>\n three&nbsp;&amp;&#233;</p><p>Four &bogus; <3</p>");
        assert_eq!(c[0], "One two three\u{a0}&é");
        assert_eq!(c[1], "Four &bogus;");
    }

    #[test]
    fn tag_soup_unclosed_paragraphs_and_unquoted_attributes() {
        let c = parse("<body><p class=x>One<p>Two<div>Three</span></div>Four</body>");
        let t: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(t, ["One", "Two", "Three", "Four"]);
    }

    #[test]
    fn line_breaks_stay_inside_a_paragraph() {
        assert_eq!(
            texts("<p>Roses red,<br/>\n violets<br>blue<br/></p>"),
            ["Roses red,\nviolets\nblue"]
        );
    }

    #[test]
    fn scopes_from_ids_and_classes() {
        let c = parse(
            r#"<html><head><title>T</title><style>p{}</style></head><body>
            <div id="preface"><dl class="tags"><dt>Rating:</dt><dd>General Audiences</dd></dl>
            <blockquote class="userstuff"><p>Sum</p></blockquote></div><hr/><h2 class="heading">Ch</h2></body></html>"#,
        );
        assert_eq!(c[0].kind, ChunkKind::Title);
        assert_eq!(c[1].kind, ChunkKind::Dt);
        assert!(c[1].scope.has(Scope::PREFACE) && c[1].scope.has(Scope::TAGS));
        assert_eq!(c[2].kind, ChunkKind::Dd);
        assert!(c[3].scope.has(Scope::QUOTE));
        assert_eq!(c[4].kind, ChunkKind::Rule);
        assert_eq!(c[5].kind, ChunkKind::Heading(2));
        assert!(c[5].scope.has(Scope::HEADING) && !c[5].scope.has(Scope::PREFACE));
    }

    #[test]
    fn broken_markup_is_stepped_over() {
        let c = texts("<p>Before</p><p attr=\"never closed>After</p><p>Last");
        assert_eq!(c.first().map(String::as_str), Some("Before"));
    }
}
