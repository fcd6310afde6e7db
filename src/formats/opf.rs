//! An EPUB's package files: `META-INF/container.xml` (where the package is), the OPF
//! package (metadata, manifest, spine) and the table of contents (EPUB 2's NCX or EPUB 3's
//! nav document). Read leniently with `quick-xml`: namespace prefixes are ignored (`dc:`,
//! `opf:` vary between writers), unknown elements skipped, a syntax error ends the read
//! with what was found so far.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::escape::{resolve_html5_entity, unescape_with};
use quick_xml::events::{BytesStart, Event};

use crate::engine::metadata::{Metadata, SeriesPart, parse_position};

use super::assemble::Found;

/// An element's attributes: local name and value, entities resolved.
type Attrs = Vec<(Vec<u8>, String)>;

/// One file of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its path inside the archive, resolved against the package's folder.
    pub path: String,
    /// Its media type.
    pub media_type: String,
    /// EPUB 3 properties (`nav`, ...).
    pub properties: String,
}

/// What the package says.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// The metadata, as a [`Found`] that a file's own pages may override.
    pub found: Found,
    /// The `dc:subject` tags.
    pub subjects: Vec<String>,
    /// True when FanFicFare made the book (`dc:contributor`).
    pub by_fanficfare: bool,
    /// Manifest items by id.
    pub items: HashMap<String, Item>,
    /// The reading order, as manifest ids.
    pub spine: Vec<String>,
    /// The manifest id of the NCX named by the spine.
    pub ncx: Option<String>,
}

/// The package path named by `container.xml`.
pub fn rootfile(container: &str) -> Option<String> {
    let mut reader = Reader::from_str(container);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref().as_bytes() == b"rootfile" =>
            {
                if let Some(p) = attr(&e, b"full-path").filter(|p| !p.is_empty()) {
                    return Some(p);
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Reads a package file found at `opf_path`.
pub fn package(xml: &str, opf_path: &str) -> Package {
    let base = folder_of(opf_path);
    let mut pkg = Package::default();
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut open: Option<(Vec<u8>, Attrs)> = None;
    let mut collections: Vec<(String, String)> = Vec::new(); // (id, name)
    let mut positions: HashMap<String, String> = HashMap::new(); // refined id -> position
    let mut series = (None::<String>, None::<String>);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if !empty_element(&e, &base, &mut pkg, &mut series) {
                    open = Some((e.local_name().as_ref().as_bytes().to_vec(), all_attrs(&e)));
                }
                text.clear();
            }
            Ok(Event::Empty(e)) => {
                empty_element(&e, &base, &mut pkg, &mut series);
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => text.push_str(&t),
            Ok(Event::GeneralRef(r)) => push_ref(&r, &mut text),
            Ok(Event::End(_)) => {
                if let Some((name, attrs)) = open.take() {
                    let value = text.trim().to_string();
                    let get = |k: &[u8]| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                    if name == b"meta" {
                        match (get(b"property").as_deref(), get(b"refines")) {
                            (Some("belongs-to-collection"), _) => {
                                collections.push((get(b"id").unwrap_or_default(), value));
                            }
                            (Some("group-position"), Some(r)) => {
                                positions.insert(r.trim_start_matches('#').to_string(), value);
                            }
                            _ => {}
                        }
                    } else {
                        dc_element(&name, &attrs, value, &mut pkg);
                    }
                }
                text.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let meta = &mut pkg.found.meta;
    if let (Some(name), index) = series {
        meta.series.push(SeriesPart {
            name,
            position: index.as_deref().and_then(parse_position),
        });
    }
    for (id, name) in collections {
        let position = positions.get(&id).and_then(|p| parse_position(p));
        if !meta.series.iter().any(|s| s.name == name) {
            meta.series.push(SeriesPart { name, position });
        }
    }
    pkg
}

/// Reads the elements whose attributes say everything (manifest items, spine entries, the
/// spine's NCX, calibre's series metas); returns false for any other element.
fn empty_element(
    e: &BytesStart<'_>,
    base: &str,
    pkg: &mut Package,
    series: &mut (Option<String>, Option<String>),
) -> bool {
    match e.local_name().as_ref().as_bytes() {
        b"item" => add_item(e, base, pkg),
        b"itemref" => pkg.spine.extend(attr(e, b"idref")),
        b"spine" => pkg.ncx = attr(e, b"toc"),
        b"meta" => match attr(e, b"name").as_deref() {
            Some("calibre:series") => series.0 = attr(e, b"content"),
            Some("calibre:series_index") => series.1 = attr(e, b"content"),
            _ => return false,
        },
        _ => return false,
    }
    true
}

fn add_item(e: &BytesStart<'_>, base: &str, pkg: &mut Package) {
    let (Some(id), Some(href)) = (attr(e, b"id"), attr(e, b"href")) else {
        return;
    };
    pkg.items.insert(
        id,
        Item {
            path: resolve(base, &href),
            media_type: attr(e, b"media-type").unwrap_or_default(),
            properties: attr(e, b"properties").unwrap_or_default(),
        },
    );
}

/// Files one Dublin Core element (or an `item`/`itemref` written with an end tag).
fn dc_element(name: &[u8], attrs: &Attrs, value: String, pkg: &mut Package) {
    let get = |k: &[u8]| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let found = &mut pkg.found;
    let m: &mut Metadata = &mut found.meta;
    if value.is_empty() {
        return;
    }
    match name {
        b"title" if found.title.is_none() => found.title = Some(value),
        b"creator" => found.authors.push(value),
        b"subject" => pkg.subjects.push(value),
        b"language" if m.language.is_none() => m.language = Some(value),
        b"source" if value.starts_with("http") => m.source_url = Some(value),
        b"identifier" if get(b"scheme") == Some("URL") || value.starts_with("URL:http") => {
            let url = value.trim_start_matches("URL:").to_string();
            m.source_url = m.source_url.take().or(Some(url));
        }
        b"description" if found.summary.is_none() => found.summary = Some(plain_text(&value)),
        b"contributor" if value.contains("FanFicFare") => pkg.by_fanficfare = true,
        b"date" => {
            let day = value.get(..10).unwrap_or(&value).to_string();
            match get(b"event") {
                Some("modification") => m.updated = Some(day),
                Some("publication") | None if m.published.is_none() => m.published = Some(day),
                _ => {}
            }
        }
        _ => {}
    }
}

/// A description may hold escaped HTML (calibre writes it so): its text only.
fn plain_text(value: &str) -> String {
    if !value.contains('<') {
        return value.to_string();
    }
    let mut chunks = Vec::new();
    super::markup::chunks(value, 0, &mut chunks);
    chunks
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Chapter titles by document path, from an NCX (`navPoint`) or a nav document (`a`).
pub fn toc(xml: &str, toc_path: &str) -> HashMap<String, String> {
    let base = folder_of(toc_path);
    let mut titles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.allow_unmatched_ends = true;
    config.check_end_names = false;
    let mut label = String::new();
    let mut in_label = false;
    let mut href: Option<String> = None;
    let mut navs_done = false;
    let mut nav_depth = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref().as_bytes() {
                b"navLabel" | b"a" => {
                    in_label = true;
                    label.clear();
                    if let Some(h) = attr(&e, b"href") {
                        href = Some(h);
                    }
                }
                b"nav" => nav_depth += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref().as_bytes() == b"content" => {
                if let Some(src) = attr(&e, b"src") {
                    let path = resolve(&base, &src);
                    let title = label.split_whitespace().collect::<Vec<_>>().join(" ");
                    titles.entry(path).or_insert(title);
                }
            }
            Ok(Event::Text(t)) if in_label => label.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if in_label => push_ref(&r, &mut label),
            Ok(Event::End(e)) => match e.local_name().as_ref().as_bytes() {
                b"navLabel" => in_label = false,
                b"a" => {
                    in_label = false;
                    if let Some(h) = href.take().filter(|_| !navs_done) {
                        let title = label.split_whitespace().collect::<Vec<_>>().join(" ");
                        titles.entry(resolve(&base, &h)).or_insert(title);
                    }
                }
                // Only the first nav (the table of contents; landmarks come after).
                b"nav" => {
                    nav_depth -= 1;
                    navs_done |= nav_depth == 0;
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    titles
}

fn push_ref(r: &quick_xml::events::BytesRef<'_>, out: &mut String) {
    match r.resolve_char_ref() {
        Ok(Some(c)) => out.push(c),
        _ => {
            let name: &str = r;
            out.push_str(resolve_html5_entity(name).unwrap_or(""));
        }
    }
}

/// An attribute's value by local name, entities resolved.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.html_attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == key)
        .map(|a| unescaped(&a.value))
}

fn all_attrs(e: &BytesStart<'_>) -> Attrs {
    e.html_attributes()
        .flatten()
        .map(|a| {
            (
                a.key.local_name().as_ref().as_bytes().to_vec(),
                unescaped(&a.value),
            )
        })
        .collect()
}

fn unescaped(raw: &str) -> String {
    unescape_with(raw, resolve_html5_entity)
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// `OEBPS/content.opf` → `OEBPS/`.
pub fn folder_of(path: &str) -> String {
    path.rfind('/')
        .map_or(String::new(), |i| path[..=i].to_string())
}

/// Resolves a manifest `href` against the package's folder: the fragment dropped, `%20`
/// decoded, `.` and `..` applied. A path that climbs out of the archive stays climbing
/// (`../x`), so it names no entry and is simply missing.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let href = percent_decode(href);
    let mut parts: Vec<&str> = Vec::new();
    let joined = if href.starts_with('/') {
        href.trim_start_matches('/').to_string()
    } else {
        format!("{base}{href}")
    };
    let mut climbs = 0;
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    climbs += 1;
                }
            }
            s => parts.push(s),
        }
    }
    "../".repeat(climbs) + &parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_the_package() {
        let c = r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(c).as_deref(), Some("OEBPS/content.opf"));
    }

    #[test]
    fn package_metadata_manifest_and_spine() {
        let opf = r##"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Glass &amp; Salt</dc:title><dc:creator>Reed</dc:creator><dc:subject>Fluff</dc:subject>
<dc:language>en</dc:language><dc:source>https://example.org/s/1</dc:source><dc:date>2023-05-06T00:00:00Z</dc:date>
<meta property="belongs-to-collection" id="c1">Tidewater</meta><meta refines="#c1" property="group-position">3</meta>
</metadata><manifest><item id="c1x" href="Text/ch%201.xhtml#top" media-type="application/xhtml+xml"/>
<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1x"/></spine></package>"##;
        let p = package(opf, "OEBPS/content.opf");
        assert_eq!(p.found.title.as_deref(), Some("Glass & Salt"));
        assert_eq!(p.found.authors, ["Reed"]);
        assert_eq!(p.subjects, ["Fluff"]);
        assert_eq!(p.found.meta.published.as_deref(), Some("2023-05-06"));
        assert_eq!(p.found.meta.series[0].position, Some(3));
        assert_eq!(p.spine, ["c1x"]);
        assert_eq!(p.items["c1x"].path, "OEBPS/Text/ch 1.xhtml");
    }

    #[test]
    fn paths_resolve_and_climbing_out_stays_out() {
        assert_eq!(resolve("OEBPS/", "../x.html"), "x.html");
        assert_eq!(resolve("OEBPS/", "../../../etc/passwd"), "../../etc/passwd");
        assert_eq!(resolve("", "a/./b.xhtml#c"), "a/b.xhtml");
    }

    #[test]
    fn ncx_and_nav_titles() {
        let ncx = r#"<ncx><navMap><navPoint id="n1"><navLabel><text>1. Dust</text></navLabel><content src="Text/c1.xhtml"/></navPoint></navMap></ncx>"#;
        assert_eq!(toc(ncx, "OEBPS/toc.ncx")["OEBPS/Text/c1.xhtml"], "1. Dust");
        let nav = r#"<html><body><nav epub:type="toc"><ol><li><a href="c1.xhtml">One</a></li></ol></nav><nav epub:type="landmarks"><a href="c2.xhtml">Start</a></nav></body></html>"#;
        let t = toc(nav, "nav.xhtml");
        assert_eq!(t["c1.xhtml"], "One");
        assert!(!t.contains_key("c2.xhtml"));
    }
}
