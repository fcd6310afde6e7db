//! A story saved in several files, through egui_kittest: one row in the library that opens
//! to list its parts, the reader going on from the end of one file into the next, and the
//! row reopening the part read last.

mod common;

use std::path::Path;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;
use ficshelf::ui::library::Row;

/// Three parts of one story, saved as `long-watch-ptN.txt`, beside the samples.
fn write_parts(root: &Path) {
    let stories = AppDirs::under(root).default_collection();
    for n in 1..=3 {
        let text = format!(
            "Title: The Long Watch\nAuthor: Marram\n\nPart {n}. The lamp burned through the night \
             and the keeper kept the log, hour by hour, as the storm came in.\n"
        );
        common::write_at(
            &stories.join(format!("long-watch-pt{n}.txt")),
            text.as_bytes(),
        );
    }
}

fn reading(h: &Harness<'_, FicshelfApp>) -> Option<String> {
    let path = h.state().reader().map(|r| r.path.clone())?;
    Some(path.file_name()?.to_string_lossy().into_owned())
}

fn double_click(h: &mut Harness<'_, FicshelfApp>, label: &str) {
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, label).click();
        h.step();
    }
    h.run_steps(4);
}

#[test]
fn a_story_in_three_files_is_one_row_and_reads_on_from_file_to_file() {
    let root = fresh_root("works");
    write_parts(&root);
    let size = egui::Vec2::new(1280.0, 900.0);
    let mut h = common::window::harness(&root, Launch::default(), size);
    let rows = &h.state().library().rows;
    assert_eq!(rows.len(), 9, "eight samples and the work's row: {rows:?}");
    assert!(rows.iter().any(|r| matches!(r, Row::Work { files: 3, .. })));

    // A click lists the parts beneath it.
    h.get_by_role_and_label(Role::Button, "Work: The Long Watch")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().library().rows.len(), 12);

    // Nothing read yet: the row opens the first part.
    double_click(&mut h, "Work: The Long Watch");
    assert_eq!(reading(&h).as_deref(), Some("long-watch-pt1.txt"));
    h.get_by_label_contains("Part 1 of 3 of The Long Watch");

    // At the end of the part, Space goes on into the next file.
    h.key_press(egui::Key::End);
    h.run_steps(3);
    h.key_press(egui::Key::Space);
    h.run_steps(4);
    assert_eq!(reading(&h).as_deref(), Some("long-watch-pt2.txt"));
    h.get_by_role_and_label(Role::Button, "Part 3 \u{203a}");
    h.get_by_role_and_label(Role::Button, "\u{2039} Part 1");

    // The row takes the reader back to the part read last.
    h.get_by_label("Close").click();
    h.run_steps(3);
    double_click(&mut h, "Work: The Long Watch");
    assert_eq!(reading(&h).as_deref(), Some("long-watch-pt2.txt"));

    // The contents list the work's files, and open any of them.
    h.get_by_label("Contents").click();
    h.run_steps(2);
    h.get_by_label("Part 3: long-watch-pt3.txt").click();
    h.run_steps(4);
    assert_eq!(reading(&h).as_deref(), Some("long-watch-pt3.txt"));
}
