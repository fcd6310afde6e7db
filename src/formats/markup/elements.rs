//! What HTML elements mean to the markup reader: which start blocks, which are void,
//! which kind of chunk their text becomes, which scopes their ids and classes open, and
//! which inline styles their names or `style` attributes give.

use quick_xml::events::BytesStart;

use super::{ChunkKind, Scope};
use crate::engine::Inline;

/// An element's name, lower-cased. Names as long as HTML's own are kept inline, so
/// reading an element allocates nothing for its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A name of up to [`SHORT`] bytes: its length and bytes (the rest zero).
    Short(u8, [u8; SHORT]),
    /// A longer (made-up) name.
    Long(Box<[u8]>),
}

/// The longest name kept inline.
const SHORT: usize = 22;

impl Name {
    pub fn new(raw: &[u8]) -> Name {
        if raw.len() > SHORT {
            return Name::Long(raw.to_ascii_lowercase().into());
        }
        let mut bytes = [0; SHORT];
        for (to, from) in bytes.iter_mut().zip(raw) {
            *to = from.to_ascii_lowercase();
        }
        Name::Short(raw.len() as u8, bytes)
    }
}

impl std::ops::Deref for Name {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Name::Short(len, bytes) => &bytes[..usize::from(*len)],
            Name::Long(bytes) => bytes,
        }
    }
}

impl PartialEq<&[u8]> for Name {
    fn eq(&self, other: &&[u8]) -> bool {
        **self == **other
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for Name {
    fn eq(&self, other: &&[u8; N]) -> bool {
        **self == **other
    }
}

pub fn text_kind(name: &[u8]) -> Option<ChunkKind> {
    Some(match name {
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => ChunkKind::Heading(name[1] - b'0'),
        b"li" => ChunkKind::Item,
        b"dt" => ChunkKind::Dt,
        b"dd" => ChunkKind::Dd,
        b"p" | b"div" | b"td" | b"th" | b"blockquote" | b"pre" | b"body" => ChunkKind::Para,
        _ => return None,
    })
}

pub fn is_block(name: &[u8]) -> bool {
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

pub fn is_void(name: &[u8]) -> bool {
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

/// What an element's attributes and name say, read in one pass over the attributes.
pub struct Attributes {
    /// What the element adds to the scope of everything inside it.
    pub scope: Scope,
    /// The inline styles it gives its text.
    pub style: Inline,
    /// A link's target (`<a href>`).
    pub href: Option<String>,
}

/// Reads an element's attributes once: the scope its name, id and classes open, the
/// inline style of its name and `style` (and a link's), its `href`, and the names it can
/// be linked to (its `id`, an `<a name>`), which are added to `anchors`.
pub fn attributes(name: &[u8], e: &BytesStart<'_>, anchors: &mut Vec<String>) -> Attributes {
    let mut scope = match name {
        b"blockquote" => Scope::QUOTE,
        b"head" => Scope::HEAD,
        b"script" | b"style" | b"svg" | b"template" | b"noscript" | b"math" => Scope::HIDDEN,
        _ => Scope::default(),
    };
    let mut style = name_style(name);
    let mut href = None;
    for attr in e.html_attributes().flatten() {
        let value = &attr.value;
        match attr.key.local_name().as_ref() {
            "id" => {
                scope = scope.with(match value.as_ref() {
                    "preface" => Scope::PREFACE,
                    "afterword" => Scope::AFTERWORD,
                    v if v.starts_with("endnotes") => Scope::ENDNOTES,
                    _ => Scope::default(),
                });
                add_anchor(value, anchors);
            }
            "name" if name == b"a" => add_anchor(value, anchors),
            "class" => {
                for class in value.split_whitespace() {
                    scope = scope.with(class_scope(name, class));
                }
            }
            "href" if name == b"a" => {
                style = style.with(Inline::LINK);
                let target = value.trim();
                if href.is_none() && !target.is_empty() {
                    href = Some(target.to_string());
                }
            }
            "style" => {
                let css = value.to_ascii_lowercase();
                style = style.with(css_style(&css));
            }
            _ => {}
        }
    }
    Attributes { scope, style, href }
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

/// The inline styles an element's name gives its text (its `style` attribute adds to them:
/// see [`css_style`]).
fn name_style(name: &[u8]) -> Inline {
    match name {
        b"i" | b"em" | b"cite" | b"var" | b"dfn" => Inline::ITALIC,
        b"b" | b"strong" | b"th" => Inline::BOLD,
        b"u" | b"ins" => Inline::UNDERLINE,
        b"s" | b"strike" | b"del" => Inline::STRIKE,
        b"code" | b"tt" | b"kbd" | b"samp" => Inline::MONO,
        _ => Inline::PLAIN,
    }
}

/// The inline styles of a `style` attribute's declarations: its `font-style`, `font-weight`,
/// `font-variant` and `text-decoration` (FanFiction.Net underlines with a `span style`).
fn css_style(css: &str) -> Inline {
    let mut style = Inline::PLAIN;
    for decl in css.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let add = match prop.trim() {
            "font-style" if value.starts_with("italic") || value.starts_with("oblique") => {
                Inline::ITALIC
            }
            "font-weight"
                if value.starts_with("bold") || value.starts_with(['6', '7', '8', '9']) =>
            {
                Inline::BOLD
            }
            "font-variant" | "font-variant-caps" if value.contains("small-caps") => {
                Inline::SMALL_CAPS
            }
            "text-decoration" | "text-decoration-line" => {
                let mut d = Inline::PLAIN;
                if value.contains("underline") {
                    d = d.with(Inline::UNDERLINE);
                }
                if value.contains("line-through") {
                    d = d.with(Inline::STRIKE);
                }
                d
            }
            _ => Inline::PLAIN,
        };
        style = style.with(add);
    }
    style
}

/// An image's words: its `alt` text, else its file's name.
pub fn image_words(e: &BytesStart<'_>) -> String {
    let (mut alt, mut src) = (None, None);
    for attr in e.html_attributes().flatten() {
        let value = || attr.value.trim().to_string();
        match attr.key.local_name().as_ref() {
            "alt" => alt = Some(value()),
            "src" => src = Some(value()),
            _ => {}
        }
    }
    let name = src.map(|s| s.rsplit('/').next().unwrap_or("").to_string());
    alt.filter(|a| !a.is_empty()).or(name).unwrap_or_default()
}

/// An image's `src` as written, when it has one.
pub fn image_source(e: &BytesStart<'_>) -> Option<String> {
    attribute(e, "src")
}

/// A link's `href` as written, when it has one.
/// The names an element can be linked to by: its `id`, and an `<a name>`.
pub fn anchors(e: &BytesStart<'_>, out: &mut Vec<String>) {
    let name = Name::new(e.local_name().as_ref().as_bytes());
    for attr in e.html_attributes().flatten() {
        match attr.key.local_name().as_ref() {
            "id" => add_anchor(&attr.value, out),
            "name" if name == b"a" => add_anchor(&attr.value, out),
            _ => {}
        }
    }
}

fn add_anchor(value: &str, out: &mut Vec<String>) {
    let value = value.trim();
    if !value.is_empty() && out.len() < MAX_ANCHORS_PER_CHUNK {
        out.push(value.to_string());
    }
}

/// At most this many ids are kept for one chunk: hostile markup can't grow the list
/// without end.
const MAX_ANCHORS_PER_CHUNK: usize = 64;

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.html_attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.trim().to_string())
        .filter(|v| !v.is_empty())
}
