//! The reader's marks written out: Markdown (each story's title, author and file, each
//! highlight as a quote with its note below it, each bookmark as a line), JSON (one object
//! per mark), and the short text "copy for a comment" puts on the clipboard to paste as
//! feedback to the author.

use crate::collection::reading::{Mark, MarkKind};

/// Markdown of `marks`, grouped by story in the order the stories first appear.
pub fn to_markdown(marks: &[Mark]) -> String {
    let mut out = String::from("# Marks from Ficshelf\n");
    for story in by_story(marks) {
        let first = story[0];
        out.push_str(&format!("\n## {}\n\n", one_line(&first.title)));
        if !first.author.is_empty() {
            out.push_str(&format!("by {}  \n", one_line(&first.author)));
        }
        out.push_str(&format!("<{}>\n", file_link(&first.path)));
        for mark in story {
            out.push('\n');
            match mark.kind {
                MarkKind::Bookmark => {
                    out.push_str(&format!(
                        "- Bookmark: “{}…”\n",
                        one_line(&mark.anchor.quote)
                    ));
                }
                MarkKind::Highlight(colour) => {
                    out.push_str(&quoted(&mark.anchor.quote));
                    out.push_str(&format!("\n*{}*", colour.key()));
                    if !mark.note.trim().is_empty() {
                        out.push_str(&format!(" — {}", mark.note.trim()));
                    }
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// JSON of `marks`: a list of objects with the story's `title`, `author` and `path`, the
/// mark's `kind` (`bookmark` or `highlight`), `colour`, `quote`, `note`, `created_secs`,
/// and where it is (`block`, `offset`).
pub fn to_json(marks: &[Mark]) -> String {
    let items: Vec<serde_json::Value> = marks
        .iter()
        .map(|m| {
            let (kind, colour) = match m.kind {
                MarkKind::Bookmark => ("bookmark", None),
                MarkKind::Highlight(c) => ("highlight", Some(c.key())),
            };
            serde_json::json!({
                "title": m.title,
                "author": m.author,
                "path": m.path,
                "kind": kind,
                "colour": colour,
                "quote": m.anchor.quote,
                "note": m.note,
                "created_secs": m.created_secs,
                "block": m.anchor.block,
                "offset": m.anchor.offset,
            })
        })
        .collect();
    // A list of plain values always serialises.
    serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
}

/// The title, each highlighted passage as a quote and each note, for pasting into a
/// comment to the author. `None` when the story has no highlights.
pub fn for_comment(marks: &[Mark]) -> Option<String> {
    let highlights: Vec<&Mark> = marks
        .iter()
        .filter(|m| matches!(m.kind, MarkKind::Highlight(_)))
        .collect();
    let first = highlights.first()?;
    let mut out = format!("On “{}”:\n", one_line(&first.title));
    for mark in highlights {
        out.push('\n');
        out.push_str(&quoted(&mark.anchor.quote));
        if !mark.note.trim().is_empty() {
            out.push_str(&format!("\n{}\n", mark.note.trim()));
        }
    }
    Some(out)
}

/// The marks of each story together, stories in order of first appearance.
fn by_story(marks: &[Mark]) -> Vec<Vec<&Mark>> {
    let mut stories: Vec<Vec<&Mark>> = Vec::new();
    for mark in marks {
        match stories.iter_mut().find(|s| s[0].hash == mark.hash) {
            Some(story) => story.push(mark),
            None => stories.push(vec![mark]),
        }
    }
    stories
}

/// A Markdown block quote of `text`, each of its lines quoted.
fn quoted(text: &str) -> String {
    text.trim()
        .lines()
        .map(|line| format!("> {}\n", line.trim_end()))
        .collect()
}

/// `text` on one line (a title or author with a line break would break the heading).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `file://` link to a story's file, spaces and other unsafe characters escaped.
fn file_link(path: &str) -> String {
    let mut link = String::from("file://");
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                link.push(char::from(byte));
            }
            _ => link.push_str(&format!("%{byte:02X}")),
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::reading::{Anchor, Colour};

    fn mark(hash: &str, kind: MarkKind, quote: &str, note: &str) -> Mark {
        Mark {
            id: 1,
            hash: hash.into(),
            kind,
            anchor: Anchor {
                quote: quote.into(),
                ..Anchor::default()
            },
            note: note.into(),
            created_secs: 100,
            title: format!("Story {hash}"),
            author: "Quill".into(),
            path: format!("/home/me/My Stories/{hash}.txt"),
        }
    }

    fn marks() -> Vec<Mark> {
        vec![
            mark("a", MarkKind::Bookmark, "Chapter two begins", ""),
            mark("b", MarkKind::Highlight(Colour::Pink), "Other story.", ""),
            mark(
                "a",
                MarkKind::Highlight(Colour::Yellow),
                "The kettle sang.\nShe laughed.",
                "Loved this",
            ),
        ]
    }

    #[test]
    fn markdown_groups_by_story_with_quotes_and_notes() {
        assert_eq!(
            to_markdown(&marks()),
            "# Marks from Ficshelf\n\
             \n## Story a\n\nby Quill  \n<file:///home/me/My%20Stories/a.txt>\n\
             \n- Bookmark: “Chapter two begins…”\n\
             \n> The kettle sang.\n> She laughed.\n\n*yellow* — Loved this\n\
             \n## Story b\n\nby Quill  \n<file:///home/me/My%20Stories/b.txt>\n\
             \n> Other story.\n\n*pink*\n"
        );
    }

    #[test]
    fn json_is_a_list_of_flat_objects() {
        let value: serde_json::Value =
            serde_json::from_str(&to_json(&marks())).unwrap_or_else(|e| panic!("{e}"));
        let list = value.as_array().unwrap_or_else(|| panic!("not a list"));
        assert_eq!(list.len(), 3);
        assert_eq!(list[0]["kind"], "bookmark");
        assert_eq!(list[0]["colour"], serde_json::Value::Null);
        assert_eq!(list[2]["colour"], "yellow");
        assert_eq!(list[2]["note"], "Loved this");
        assert_eq!(list[2]["path"], "/home/me/My Stories/a.txt");
    }

    #[test]
    fn a_comment_quotes_the_highlights_and_notes_only() {
        let a: Vec<Mark> = marks().into_iter().filter(|m| m.hash == "a").collect();
        assert_eq!(
            for_comment(&a).as_deref(),
            Some("On “Story a”:\n\n> The kettle sang.\n> She laughed.\n\nLoved this\n")
        );
        assert_eq!(for_comment(&a[..1]), None, "a bookmark alone says nothing");
    }
}
