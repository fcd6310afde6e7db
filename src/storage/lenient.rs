//! Reading RON written by another version: a field this version can't read is dropped, so
//! it takes its default, instead of the whole file being rejected.

use std::ops::Range;

use ron::error::{Position, SpannedError};
use serde::de::DeserializeOwned;

/// Most fields dropped from one file before it counts as unreadable.
const MAX_DROPPED: usize = 64;

/// Parses `text`. Well-formed RON whose fields don't all fit `T` (a theme added by a newer
/// version, a number where an older one wrote text) loads with those fields dropped: with
/// `#[serde(default)]` they take their defaults, and unknown fields are ignored anyway.
/// The dropped fields are returned as written. Text that is not RON at all (a cut-off or
/// damaged file) is an error.
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<String>), SpannedError> {
    let first = match ron::from_str::<T>(text) {
        Ok(value) => return Ok((value, Vec::new())),
        Err(e) => e,
    };
    if ron::from_str::<ron::Value>(text).is_err() {
        return Err(first);
    }
    let mut text = text.to_string();
    let mut dropped = Vec::new();
    let mut error = first;
    while dropped.len() < MAX_DROPPED {
        let Some(field) = offset(&text, &error.span.start).and_then(|at| field_at(&text, at))
        else {
            break;
        };
        dropped.push(text[field.clone()].trim_end_matches(',').trim().to_string());
        text.replace_range(field, "");
        match ron::from_str::<T>(&text) {
            Ok(value) => return Ok((value, dropped)),
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// The byte offset of a 1-based line and column (in characters).
fn offset(text: &str, at: &Position) -> Option<usize> {
    let mut line_start = 0;
    for _ in 1..at.line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line = &text[line_start..];
    let within = line
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    Some(line_start + within)
}

/// The innermost `name: value,` around byte `at`, with its trailing comma.
fn field_at(text: &str, at: usize) -> Option<Range<usize>> {
    let fields = fields(text);
    fields
        .into_iter()
        .filter(|f| f.start <= at && at <= f.end)
        .min_by_key(|f| f.end - f.start)
}

/// Every `name: value` in `text` (with the comma after it, if any), at any depth.
fn fields(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // Open fields: their start and the bracket depth they were opened at.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut done = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'\'' => i = skip_char(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                while let Some(&(start, d)) = open.last()
                    && d == depth
                {
                    open.pop();
                    done.push(start..i);
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b',' => {
                if let Some(&(start, d)) = open.last()
                    && d == depth
                {
                    open.pop();
                    done.push(start..i + 1);
                }
                i += 1;
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let after = text[i..].trim_start();
                let is_name = after.starts_with(':') && !after.starts_with("::");
                let in_struct = open.last().is_none_or(|&(_, d)| d < depth);
                if is_name && in_struct && depth > 0 {
                    open.push((start, depth));
                }
            }
            _ => i += 1,
        }
    }
    done
}

/// The index just past the string that starts at `i` (a `"` ), escapes included.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index just past the character literal that starts at `i`.
fn skip_char(bytes: &[u8], i: usize) -> usize {
    let body = i + 1;
    let len = if bytes.get(body) == Some(&b'\\') {
        2
    } else {
        1
    };
    // A multi-byte character: step over its continuation bytes.
    let mut end = body + len;
    while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
        end += 1;
    }
    (end + 1).min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    enum Theme {
        Light,
        Dark,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(default)]
    struct Inner {
        size: f32,
        name: String,
    }

    impl Default for Inner {
        fn default() -> Self {
            Inner {
                size: 19.0,
                name: "x".into(),
            }
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(default)]
    struct Outer {
        theme: Theme,
        inner: Inner,
        scale: f32,
        tags: BTreeSet<String>,
    }

    impl Default for Outer {
        fn default() -> Self {
            Outer {
                theme: Theme::Light,
                inner: Inner::default(),
                scale: 1.0,
                tags: BTreeSet::new(),
            }
        }
    }

    #[test]
    fn a_field_this_version_cannot_read_takes_its_default() {
        let text = "(\n  theme: Solarized, // newer\n  inner: (size: \"big\", name: \"ok\"),\n  \
                    scale: 1.5,\n  future: (a: [1, 2]),\n)";
        let (outer, dropped) = from_ron::<Outer>(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outer.theme, Theme::Light);
        assert_eq!(outer.inner.size, 19.0, "the struct's own default, not 0");
        assert_eq!(outer.inner.name, "ok", "the fields around it are kept");
        assert_eq!(outer.scale, 1.5);
        assert_eq!(dropped, ["theme: Solarized", "size: \"big\""]);
    }

    #[test]
    fn well_read_files_and_damaged_files_are_left_alone() {
        let (outer, dropped) = from_ron::<Outer>("(theme: Dark, tags: [\"a, b: (c\"])")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((outer.theme, dropped.len()), (Theme::Dark, 0));
        assert!(outer.tags.contains("a, b: (c"));
        // A cut-off file is damage, not another version's file.
        assert!(from_ron::<Outer>("(theme: Dark, inner: (size: 3").is_err());
        assert!(from_ron::<Outer>("").is_err());
    }

    #[test]
    fn strings_and_comments_cannot_fool_the_field_finder() {
        let text = "(inner: (name: \"theme: Dark, (\", size: 'x'), /* theme: ( */ theme: Blue)";
        let (outer, dropped) = from_ron::<Outer>(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outer.inner.name, "theme: Dark, (");
        assert_eq!(outer.theme, Theme::Light);
        assert_eq!(dropped, ["size: 'x'", "theme: Blue"]);
    }
}
