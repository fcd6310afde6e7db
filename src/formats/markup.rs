//! HTML and XHTML as a flat list of text chunks: each paragraph, heading, list item, `dt`,
//! `dd` or rule, with its text (whitespace collapsed, `<br>` kept as `\n`) and a [`Scope`]
//! saying what it sits inside (AO3's `#preface`, a `blockquote`, FanFicFare's title page).
//!
//! It is a streaming pass over `quick-xml` events in its lenient mode (unmatched and
//! missing end tags allowed, HTML5 entities, unquoted attributes), not a DOM: tag soup
//! costs nothing extra, and a 200 MB file needs memory for its text only. HTML's implied
//! ends (`<p>` closes an open `<p>`, a `<dd>` closes a `<dt>`) are applied; everything else
//! a browser would repair is left to the block model, which only needs where blocks start.

mod elements;
mod whitespace;

use quick_xml::Reader;
use quick_xml::escape::resolve_html5_entity;
use quick_xml::events::{BytesStart, Event};

use crate::engine::{Inline, Link, Refs, Span};
use elements::{
    Name, anchors, attributes, image_source, image_words, is_block, is_void, text_kind,
};
use whitespace::{is_collapsed, space_len, tidy_lines, word_len};

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
    /// An image: its text is the alt text, or the file's name.
    Image,
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
    /// Its styled runs (italics, bold, ...), as byte ranges of `text`, in order.
    pub spans: Vec<Span>,
    /// Its links (ranges of `text`, targets as written), the ids it can be reached by, and
    /// an image's picture (`src` as written).
    pub refs: Refs,
}

/// Open elements deeper than this are not tracked (their text still is), so hostile
/// nesting can't make each tag cost a long search.
const MAX_DEPTH: usize = 256;

/// An open element: its lower-case name, and the scope and inline style inside it (its
/// parent's and its own); an ordered list counts its items.
struct Open {
    name: Name,
    scope: Scope,
    style: Inline,
    items: u32,
    /// A link's target (`<a href>`).
    href: Option<String>,
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
        spans: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
        space: false,
    };
    let mut errors = 0;
    let mut last_error_at = u64::MAX;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => state.start(&e, false),
            Ok(Event::Empty(e)) => state.start(&e, true),
            Ok(Event::End(e)) => state.end(&Name::new(e.local_name().as_ref().as_bytes())),
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
    /// Its styled runs.
    spans: Vec<Span>,
    /// Its links.
    links: Vec<Link>,
    /// Ids seen since the last chunk: the next chunk's anchors.
    anchors: Vec<String>,
    /// Whitespace was seen since the last character pushed.
    space: bool,
}

impl State<'_> {
    fn scope(&self) -> Scope {
        self.stack.last().map_or(Scope::default(), |o| o.scope)
    }

    fn style(&self) -> Inline {
        self.stack.last().map_or(Inline::PLAIN, |o| o.style)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = Name::new(e.local_name().as_ref().as_bytes());
        match &*name {
            b"br" => {
                self.text.push('\n');
                self.space = false;
                return;
            }
            b"hr" => {
                self.flush();
                anchors(e, &mut self.anchors);
                self.emit(ChunkKind::Rule, String::new());
                return;
            }
            b"img" => {
                self.flush();
                anchors(e, &mut self.anchors);
                let refs = Refs {
                    picture: image_source(e),
                    ..Refs::default()
                };
                self.emit_full(ChunkKind::Image, image_words(e), Vec::new(), refs);
                return;
            }
            _ => {}
        }
        let cell = self.in_simple_table() && matches!(&*name, b"tr" | b"td" | b"th");
        if cell {
            self.start_cell(&name);
        } else if is_block(&name) {
            self.flush();
            self.close_implied(&name);
        }
        let attributes = attributes(&name, e, &mut self.anchors);
        if empty || is_void(&name) {
            return;
        }
        if name == b"li" {
            self.number_item();
        }
        if self.stack.len() < MAX_DEPTH {
            let scope = self.scope().with(attributes.scope);
            let style = self.style().with(attributes.style);
            let href = attributes.href;
            self.stack.push(Open {
                name,
                scope,
                style,
                items: 0,
                href,
            });
        }
    }

    /// Starts an ordered list's item with its number (`3.`); a bulleted item's bullet is
    /// the reader's to draw.
    fn number_item(&mut self) {
        let list = self
            .stack
            .iter_mut()
            .rev()
            .find(|o| o.name == b"ol" || o.name == b"ul");
        if let Some(list) = list.filter(|l| l.name == b"ol") {
            list.items += 1;
            self.text = format!("{}.", list.items);
            self.space = true;
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
            && closes.contains(&&*top.name)
        {
            self.stack.pop();
        }
    }

    fn end(&mut self, name: &[u8]) {
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            return; // an end tag with no open element: ignored, as browsers do
        };
        let cell = |n: &[u8]| matches!(n, b"tr" | b"td" | b"th");
        let table_cell = cell(name) && self.in_simple_table();
        let blocks_inside = self.stack[at..]
            .iter()
            .any(|o| is_block(&o.name) && !(table_cell && cell(&o.name)));
        if (is_block(name) && !table_cell) || blocks_inside {
            self.flush();
        } else if name == b"title" {
            // The title's text is plain: runs and links in it go with it, not to the next
            // block (their offsets are this text's).
            let text = std::mem::take(&mut self.text);
            self.spans.clear();
            self.links.clear();
            self.emit(ChunkKind::Title, text);
        }
        self.stack.truncate(at);
    }

    fn push_text(&mut self, s: &str) {
        if self.scope().has(Scope::HIDDEN) {
            return;
        }
        // Word by word, the white space between collapsed to one space; the style is the
        // same for the whole of one text event.
        let style = self.style();
        self.text.reserve(s.len());
        // Most paragraphs are plain, with one space between words and nothing to collapse:
        // taken whole.
        if style.is_plain() && is_collapsed(s.as_bytes()) {
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(s);
            return;
        }
        let mut rest = s;
        while !rest.is_empty() {
            let spaces = space_len(rest);
            if spaces > 0 {
                self.space = true;
                rest = &rest[spaces..];
                continue;
            }
            let (word, tail) = rest.split_at(word_len(rest));
            rest = tail;
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                // A space between two words of one style belongs to their run.
                let joins = self
                    .spans
                    .last()
                    .is_some_and(|s| s.style == style && s.range.end == self.text.len());
                self.append(" ", if joins { style } else { Inline::PLAIN });
            }
            self.space = false;
            self.append(word, style);
        }
    }

    /// Appends text in a style, extending the last run when it is the same style.
    fn append(&mut self, s: &str, style: Inline) {
        let start = self.text.len();
        self.text.push_str(s);
        if style.is_plain() {
            return;
        }
        let end = self.text.len();
        if style.has(Inline::LINK) {
            self.add_link(start..end);
        }
        match self.spans.last_mut() {
            Some(last) if last.style == style && last.range.end == start => last.range.end = end,
            _ => self.spans.push(Span {
                range: start..end,
                style,
            }),
        }
    }

    /// Ends the block being read: its text becomes a chunk of the innermost block's kind.
    fn flush(&mut self) {
        self.space = false;
        if self.text.is_empty() {
            return;
        }
        // The block's text in a string of its own size; the buffer stays for the next one
        // (grown once, not for every paragraph).
        let text = self.text.clone();
        self.text.clear();
        let spans = std::mem::take(&mut self.spans);
        let links = std::mem::take(&mut self.links);
        let kind = self
            .stack
            .iter()
            .rev()
            .find_map(|o| text_kind(&o.name))
            .unwrap_or(ChunkKind::Para);
        let refs = Refs {
            links,
            ..Refs::default()
        };
        self.emit_full(kind, text, spans, refs);
    }

    fn emit(&mut self, kind: ChunkKind, text: String) {
        self.emit_full(kind, text, Vec::new(), Refs::default());
    }

    fn emit_full(&mut self, kind: ChunkKind, text: String, spans: Vec<Span>, mut refs: Refs) {
        let scope = self.scope();
        if scope.has(Scope::HIDDEN) || (scope.has(Scope::HEAD) && kind != ChunkKind::Title) {
            return;
        }
        let (text, spans, links) = tidy_lines(text, spans, refs.links);
        if text.is_empty() && !matches!(kind, ChunkKind::Rule | ChunkKind::Image) {
            return;
        }
        refs.links = links;
        refs.anchors = std::mem::take(&mut self.anchors);
        self.out.push(Chunk {
            kind,
            text,
            scope,
            doc: self.doc,
            spans,
            refs,
        });
    }

    /// Extends the last link over `range` when it is the same link, else starts one.
    fn add_link(&mut self, range: std::ops::Range<usize>) {
        let Some(target) = self.stack.iter().rev().find_map(|o| o.href.as_deref()) else {
            return;
        };
        match self.links.last_mut() {
            // The same link across a change of style (`<a>the <i>note</i></a>`): one run,
            // the space between its words included.
            Some(last)
                if last.target == target
                    && (self.text.get(last.range.end..range.start))
                        .is_some_and(|gap| gap.trim().is_empty()) =>
            {
                last.range.end = range.end;
            }
            _ => self.links.push(Link {
                range,
                target: target.to_string(),
            }),
        }
    }

    /// True inside a table that is laid out as text (not FanFicFare's title page table).
    fn in_simple_table(&self) -> bool {
        !self.scope().has(Scope::FFF_TABLE) && self.stack.iter().any(|o| o.name == b"table")
    }

    /// A row or cell of a simple table: rows become lines and cells are set apart by a
    /// bar, so the whole table is one block of lines.
    fn start_cell(&mut self, name: &[u8]) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            self.space = false;
            return;
        }
        if name == b"tr" {
            self.text.push('\n');
        } else {
            self.append(CELL_SEPARATOR, Inline::PLAIN);
        }
        self.space = false;
    }
}

/// What stands between two cells of a table row.
pub const CELL_SEPARATOR: &str = " | ";

#[cfg(test)]
mod tests;
