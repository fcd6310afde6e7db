//! Emphasis marked in plain text: `_word_`, `*word*` and `/word/` for italics and
//! `**word**` for bold, as html2text writes them (FanFicFare's TXT output) and fans type
//! them (the slashes on old mailing lists), turned
//! into styled runs with the marks taken out. A mark only counts where it clearly marks
//! emphasis: it opens after a space or opening punctuation and before a letter, and closes
//! after a non-space and before a space or punctuation, on the same paragraph; so `* * *`,
//! a `*` bullet, `snake_case`, `2*3*4`, `and/or`, `S/W` and `/usr/bin/` stay as written. html2text's escapes (`\_`, `\*`)
//! become the plain characters.

use crate::engine::{Inline, Span};

/// The text without its emphasis marks, and the runs they marked.
pub fn extract(text: &str) -> (String, Vec<Span>) {
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::new();
    if !text.contains(['_', '*', '\\', '/']) {
        out.push_str(text);
        return (out, spans);
    }
    let mut i = 0;
    while i < text.len() {
        // Plain stretches are copied whole, up to the next byte that may be a mark.
        let Some(next) = text.as_bytes()[i..]
            .iter()
            .position(|b| matches!(b, b'_' | b'*' | b'\\' | b'/'))
        else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + next]);
        i += next;
        let rest = &text[i..];
        if let Some(esc) = rest.strip_prefix('\\')
            && let Some(c) = esc.chars().next().filter(|c| "_*\\`[]#+-.!".contains(*c))
        {
            out.push(c);
            i += 1 + c.len_utf8();
            continue;
        }
        if let Some((mark, style)) = opening(text, i)
            && let Some(end) = closing(text, i + mark.len(), mark)
        {
            let start = out.len();
            let (inner, inner_spans) = extract(&text[i + mark.len()..end]);
            out.push_str(&inner);
            push_run(&mut spans, start..out.len(), style, &inner_spans, start);
            i = end + mark.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    (out, spans)
}

/// The runs of an emphasised stretch: its style over all of it, combined with the styles
/// of runs inside it (`**bold _and italic_**`), kept in order and apart.
fn push_run(
    spans: &mut Vec<Span>,
    range: std::ops::Range<usize>,
    style: Inline,
    inner: &[Span],
    offset: usize,
) {
    let mut at = range.start;
    for s in inner {
        let (a, b) = (s.range.start + offset, s.range.end + offset);
        if a > at {
            spans.push(Span {
                range: at..a,
                style,
            });
        }
        spans.push(Span {
            range: a..b,
            style: style.with(s.style),
        });
        at = b;
    }
    if range.end > at {
        spans.push(Span {
            range: at..range.end,
            style,
        });
    }
}

/// The mark opening emphasis at byte `i`, if one does.
fn opening(text: &str, i: usize) -> Option<(&'static str, Inline)> {
    let rest = &text[i..];
    let (mark, style) = if rest.starts_with("**") {
        ("**", Inline::BOLD)
    } else if rest.starts_with('_') {
        ("_", Inline::ITALIC)
    } else if rest.starts_with('*') {
        ("*", Inline::ITALIC)
    } else if rest.starts_with('/') {
        ("/", Inline::ITALIC)
    } else {
        return None;
    };
    let before = text[..i].chars().next_back();
    let after = rest[mark.len()..].chars().next()?;
    let opens = before.is_none_or(|c| c.is_whitespace() || "([{\"'\u{201c}\u{2018}-".contains(c));
    let starts_word = after.is_alphanumeric() || "\"'\u{201c}\u{2018}".contains(after);
    (opens && starts_word).then_some((mark, style))
}

/// Where the mark closing emphasis opened just before `from` is, on the same line.
fn closing(text: &str, from: usize, mark: &str) -> Option<usize> {
    let line_end = text[from..].find('\n').map_or(text.len(), |k| from + k);
    let mut k = from;
    while let Some(found) = text[k..line_end].find(mark) {
        let at = k + found;
        let before = text[..at].chars().next_back();
        let after = text[at + mark.len()..].chars().next();
        let closes = before.is_some_and(|c| !c.is_whitespace())
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '*');
        // `**` inside `*...*` is not its end.
        let doubled = mark == "*" && text[at..].starts_with("**");
        if closes && !doubled && at > from {
            return Some(at);
        }
        // A slash inside is a path or `and/or`, not emphasis.
        if mark == "/" {
            return None;
        }
        k = at + mark.len().max(1);
        if doubled {
            k += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> (String, Vec<(String, Inline)>) {
        let (out, spans) = extract(text);
        let runs = spans
            .iter()
            .map(|s| (out[s.range.clone()].to_string(), s.style))
            .collect();
        (out, runs)
    }

    #[test]
    fn underscores_stars_and_double_stars() {
        let (text, r) = runs("She _never_ looked back, *not once*, and **meant it**.");
        assert_eq!(text, "She never looked back, not once, and meant it.");
        assert_eq!(
            r,
            [
                ("never".to_string(), Inline::ITALIC),
                ("not once".to_string(), Inline::ITALIC),
                ("meant it".to_string(), Inline::BOLD),
            ]
        );
    }

    #[test]
    fn slashes_mark_italics_as_on_old_mailing_lists() {
        let (text, r) = runs("He was /not/ going, /not today/.");
        assert_eq!(text, "He was not going, not today.");
        assert_eq!(
            r,
            [
                ("not".to_string(), Inline::ITALIC),
                ("not today".to_string(), Inline::ITALIC),
            ]
        );
    }

    #[test]
    fn nested_and_quoted() {
        let (text, r) = runs("**Stop, _now_.** _\"Why?\"_");
        assert_eq!(text, "Stop, now. \"Why?\"");
        let bold_italic = Inline::BOLD.with(Inline::ITALIC);
        assert_eq!(
            r,
            [
                ("Stop, ".to_string(), Inline::BOLD),
                ("now".to_string(), bold_italic),
                (".".to_string(), Inline::BOLD),
                ("\"Why?\"".to_string(), Inline::ITALIC),
            ]
        );
    }

    #[test]
    fn what_is_not_emphasis_stays_as_written() {
        for text in [
            "* * *",
            "* a bullet point",
            "snake_case_name and file_name.txt",
            "2*3*4 = 24",
            "an _unclosed mark",
            "C:\\path\\to",
            "__init__",
            "and/or, S/W, 1/2/94",
            "/usr/bin/ and /home/user/",
            "http://example.com/a/",
            "/* a comment */",
        ] {
            let (out, spans) = extract(text);
            assert_eq!(out, text);
            assert!(spans.is_empty(), "{text}: {spans:?}");
        }
    }

    #[test]
    fn escapes_become_plain_characters() {
        let (text, r) = runs("A \\*star\\* and snake\\_case, 1\\. item");
        assert_eq!(text, "A *star* and snake_case, 1. item");
        assert!(r.is_empty());
    }

    #[test]
    fn any_mix_of_marks_gives_runs_on_character_boundaries() {
        let pieces = [
            "_", "*", "**", "\\", " ", "a", "é", "\n", "\"", "—", "1", ".",
        ];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let (out, spans) = extract(&text);
            let mut at = 0;
            for s in &spans {
                assert!(
                    s.range.start >= at && s.range.start < s.range.end,
                    "{text:?}"
                );
                assert!(out.is_char_boundary(s.range.start) && out.is_char_boundary(s.range.end));
                at = s.range.end;
            }
            assert!(at <= out.len());
        }
    }
}
