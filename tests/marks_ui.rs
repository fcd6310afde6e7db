//! The reader's marks through egui_kittest: a bookmark, a highlight made by a drag over the
//! text and a note on it are still there, on the same words, after a restart, a larger
//! text size and paged reading; the Marks panel goes to them; export writes Markdown.

mod common;

use std::path::{Path, PathBuf};

use common::window::{fresh_root, harness as window};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::reading::{Colour, MarkKind};
use ficshelf::settings::ReadingMode;

const SECOND: &str = "The lamp in the window had burned all night, and when the morning came grey \
     over the hills the kettle was singing on the stove as if nothing at all had happened.";

fn story() -> String {
    let mut text = String::from("Title: The Lamp\nAuthor: Quill\n\n");
    text.push_str("The rain came early that year, and the roads turned to mud by noon.\n\n");
    text.push_str(SECOND);
    text.push_str("\n\n");
    for n in 0..40 {
        text.push_str(&format!(
            "Paragraph {n} goes on about the weather and the roads.\n\n"
        ));
    }
    text
}

fn harness(root: &Path, file: &Path) -> Harness<'static, FicshelfApp> {
    let launch = Launch {
        files: vec![file.to_path_buf()],
        ..Launch::default()
    };
    let mut h = window(root, launch, Vec2::new(1600.0, 900.0));
    h.run_steps(4);
    h
}

fn shown(h: &Harness<'_, FicshelfApp>) -> Vec<(MarkKind, String, String, Option<String>)> {
    let view = h.state().reader().expect("a story open");
    let text = view.story.document.full_text();
    view.marks
        .shown
        .iter()
        .map(|s| {
            let at = s.range.clone().map(|r| text[r].to_string());
            (
                s.mark.kind,
                s.mark.anchor.quote.clone(),
                s.mark.note.clone(),
                at,
            )
        })
        .collect()
}

/// Drags over the first line of the second paragraph, from its left edge to its middle.
fn select_in_second_paragraph(h: &mut Harness<'_, FicshelfApp>) {
    let rect = h.get_by_label(SECOND).rect();
    let y = rect.top() + 8.0;
    let (from, to) = (
        Pos2::new(rect.left() + 1.0, y),
        Pos2::new(rect.center().x, y),
    );
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for step in 1..=4 {
        h.hover_at(from + (to - from) * (step as f32 / 4.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(2);
}

#[test]
fn marks_stay_on_their_words_across_restart_size_and_mode() {
    let root = fresh_root("marks");
    let file: PathBuf = root.join("lamp.txt");
    std::fs::write(&file, story()).expect("story written");
    let mut h = harness(&root, &file);

    // A bookmark at the top.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    assert!(
        h.get_by_label("Bookmarked").rect().width() > 0.0,
        "the ribbon shows it"
    );

    // Escape lets a selection go: 2 then highlights nothing.
    select_in_second_paragraph(&mut h);
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press(Key::Num2);
    h.run_steps(3);
    assert_eq!(shown(&h).len(), 1, "only the bookmark");

    // A highlight in green (key 2) over a drag.
    select_in_second_paragraph(&mut h);
    h.key_press(Key::Num2);
    h.run_steps(3);
    let marks = shown(&h);
    assert_eq!(marks.len(), 2, "{marks:?}");
    let (kind, quote, _, at) = &marks[1];
    assert_eq!(*kind, MarkKind::Highlight(Colour::Green));
    assert!(
        quote.len() > 10 && SECOND.starts_with(quote.as_str()),
        "{quote:?}"
    );
    assert_eq!(at.as_deref(), Some(quote.as_str()));

    // A note on it, in the Marks panel.
    h.get_by_label("Marks").click();
    h.run_steps(3);
    let note = h.get_by_role(Role::MultilineTextInput);
    note.focus();
    note.type_text("The kettle!");
    h.run_steps(2);
    h.key_press(Key::Tab); // leaving the box keeps the note
    h.run_steps(3);
    assert_eq!(shown(&h)[1].2, "The kettle!");
    drop(h);

    // Restart, then a larger text in paged mode.
    let mut h = harness(&root, &file);
    assert_eq!(shown(&h), marks_with_note(&marks, "The kettle!"));
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        h.run_steps(2);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_steps(4);
    assert_eq!(h.state().settings().reading_mode, ReadingMode::Paged);
    assert_eq!(shown(&h), marks_with_note(&marks, "The kettle!"));
    // The panel goes to the highlight's paragraph (story block 1, view block 2).
    h.key_press(Key::End);
    h.run_steps(4);
    assert!(
        h.state().reader().expect("open").place().block > 20,
        "at the end"
    );
    h.get_by_label("Marks").click();
    h.run_steps(3);
    h.get_by_label(&format!("“{quote}”")).click();
    h.run_steps(6);
    let place = h.state().reader().expect("open").place();
    assert_eq!((place.block, place.within), (2, 0.0), "{place:?}");
    // And stays there (egui's kinetic scrolling once carried the page on by itself after
    // the panel narrowed it).
    h.run_steps(10);
    assert_eq!(h.state().reader().expect("open").place(), place);

    // The Marks view (F7) lists the highlight with its note, and finds it by its note.
    h.get_by_label("Marks").click(); // the panel closes
    h.run_steps(2);
    assert!(h.query_by_label("The kettle!").is_none());
    h.key_press(Key::F7);
    h.run_steps(3);
    assert!(
        h.query_by_label("The kettle!").is_some(),
        "the note is listed"
    );
    // A click on it opens the story there (from the end of the story, first).
    h.key_press(Key::End);
    h.run_steps(4);
    assert!(h.state().reader().expect("open").place().block > 20);
    h.get_by_label(&format!("“{quote}”")).click();
    h.run_steps(8);
    assert_eq!(h.state().reader().expect("open").place().block, 2);
    h.get_by_role_and_label(Role::TextInput, "Search marks")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search marks")
        .type_text("zebra");
    h.run_steps(3);
    assert!(h.query_by_label("No highlights match.").is_some());

    // Export writes the Markdown.
    let out = root.join("marks.md");
    h.state_mut().export_marks(&out, false);
    let written = std::fs::read_to_string(&out).expect("exported");
    let link = format!("<file://{}>", file.display());
    assert!(
        written.starts_with("# Marks from Ficshelf\n\n## The Lamp\n\nby Quill  \n"),
        "{written}"
    );
    assert!(written.contains(&link), "{written}");
    assert!(
        written.contains("- Bookmark: “The rain came early"),
        "{written}"
    );
    assert!(
        written.contains(&format!("\n> {quote}\n\n*green* — The kettle!\n")),
        "{written}"
    );
}

fn marks_with_note(
    marks: &[(MarkKind, String, String, Option<String>)],
    note: &str,
) -> Vec<(MarkKind, String, String, Option<String>)> {
    let mut marks = marks.to_vec();
    marks[1].2 = note.to_string();
    marks
}

#[test]
fn a_file_saved_again_with_text_added_before_keeps_its_highlight() {
    let root = fresh_root("marks-resaved");
    let file: PathBuf = root.join("lamp.txt");
    std::fs::write(&file, story()).expect("story written");
    let mut h = harness(&root, &file);
    select_in_second_paragraph(&mut h);
    h.key_press(Key::Num4);
    h.run_steps(3);
    let before = shown(&h);
    assert_eq!(before.len(), 1, "{before:?}");
    drop(h);

    // The author added a foreword: another fingerprint, the passage two paragraphs on.
    let resaved = story().replacen(
        "The rain came early",
        "A foreword, added later.\n\nAnd a second note.\n\nThe rain came early",
        1,
    );
    std::fs::write(&file, resaved).expect("story saved again");
    let h = harness(&root, &file);
    let after = shown(&h);
    assert_eq!(after.len(), 1, "{after:?}");
    let (kind, quote, _, at) = &after[0];
    assert_eq!(*kind, MarkKind::Highlight(Colour::Pink));
    assert_eq!(quote, &before[0].1);
    assert_eq!(
        at.as_deref(),
        Some(quote.as_str()),
        "found on the same words"
    );
    let view = h.state().reader().expect("open");
    let mark = &view.marks.shown[0].mark;
    assert_eq!(
        Some(&mark.hash),
        view.hash.as_ref(),
        "moved to the new fingerprint"
    );
    assert_eq!(mark.anchor.block, 3, "two paragraphs further on");
}
