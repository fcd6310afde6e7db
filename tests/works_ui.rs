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
    let rows = h.state().library().rows();
    assert_eq!(rows.len(), 9, "eight samples and the work's row: {rows:?}");
    assert!(rows.iter().any(|r| matches!(r, Row::Work { files: 3, .. })));

    // A click lists the parts beneath it.
    h.get_by_role_and_label(Role::Button, "Work: The Long Watch")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().library().rows().len(), 12);

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

/// Clicks a button of the details, scrolled into view first (the panel is short).
fn click_in_details(h: &mut Harness<'_, FicshelfApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(label).click();
    h.run_steps(3);
}

/// How many rows stand for the work, and how many for its files on their own.
fn work_rows(h: &Harness<'_, FicshelfApp>) -> (usize, usize) {
    let app = h.state();
    let entries = &app.collection().entries;
    let rows = app.library().rows();
    let works = rows
        .iter()
        .filter(|r| matches!(r, Row::Work { .. }))
        .count();
    let alone = (rows.iter())
        .filter(|r| {
            matches!(r, Row::Story { entry, in_series: false }
            if entries[*entry as usize].meta.title.starts_with("Salt Road"))
        })
        .count();
    (works, alone)
}

/// `Salt Road (N/3)` in three files, whose titles tell their rows apart.
fn write_salt_road(root: &Path) {
    let stories = AppDirs::under(root).default_collection();
    for n in 1..=3 {
        let text = format!(
            "Title: Salt Road ({n}/3)\nAuthor: Wren\n\nPart {n}. The carts went down to the \
             sea at dawn, and the road was white with salt.\n"
        );
        common::write_at(&stories.join(format!("salt-{n}.txt")), text.as_bytes());
    }
}

#[test]
fn a_wrong_group_is_split_joined_again_and_the_choice_outlives_a_restart() {
    let root = fresh_root("works-split");
    write_salt_road(&root);
    let size = egui::Vec2::new(1280.0, 900.0);
    let mut h = common::window::harness(&root, Launch::default(), size);
    assert_eq!(work_rows(&h), (1, 0));

    // The work opened, its second part selected: the details list the work's files.
    h.get_by_role_and_label(Role::Button, "Work: Salt Road")
        .click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Salt Road (2/3)")
        .click();
    h.run_steps(3);
    h.get_by_label("Part 2 of \u{201c}Salt Road\u{201d}, a work in 3 files");
    h.get_by_label("Files of this work (3)");
    h.get_by_label_contains("1. salt-1.txt");
    h.get_by_label_contains("3. salt-3.txt");

    // Taken out, it is a story of its own; the others stay one work of two files.
    click_in_details(&mut h, "Take this file out");
    h.run_steps(3);
    assert_eq!(work_rows(&h), (1, 1));
    assert!(
        (h.state().library().rows().iter()).any(|r| matches!(r, Row::Work { files: 2, .. })),
        "{:?}",
        h.state().library().rows()
    );
    h.get_by_label_contains("you took this file out");

    // Join again puts it back.
    click_in_details(&mut h, "Join again");
    h.run_steps(3);
    assert_eq!(work_rows(&h), (1, 0));

    // The work's row splits it into three stories (its first file is then selected).
    let row = h.get_by_role_and_label(Role::Button, "Work: Salt Road");
    let at = row.rect().center();
    row.click_secondary();
    h.run_steps(2);
    // The menu's (the details of the part selected have one too): the one by the row.
    let mut splits: Vec<_> = h.get_all_by_label("Split into separate stories").collect();
    splits.sort_by(|a, b| {
        let d = |n: &egui_kittest::Node<'_>| n.rect().center().distance(at);
        d(a).total_cmp(&d(b))
    });
    splits[0].click();
    h.run_steps(3);
    assert_eq!(work_rows(&h), (0, 3));
    h.get_by_label_contains("you split it into separate stories");

    // The choice is kept: after a restart the files are still apart, and the command line
    // given the same data folder agrees.
    drop(h);
    let mut h = common::window::harness(&root, Launch::default(), size);
    assert_eq!(work_rows(&h), (0, 3));
    let dirs = AppDirs::under(&*root);
    let listed = index_json(&dirs);
    assert_eq!(listed, [1, 1, 1], "a work per file: {listed:?}");

    // A part's own menu joins them again, for the window and the command line.
    h.get_by_role_and_label(Role::Button, "Salt Road (3/3)")
        .click_secondary();
    h.run_steps(2);
    h.get_by_label("Join \u{201c}Salt Road\u{201d} again")
        .click();
    h.run_steps(3);
    assert_eq!(work_rows(&h), (1, 0));
    assert_eq!(index_json(&dirs), [3]);
}

/// The number of files of each Salt Road work that `ficshelf index --json` lists.
fn index_json(dirs: &AppDirs) -> Vec<usize> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .arg("index")
        .arg("--json")
        .arg("--data-dir")
        .arg(&dirs.data)
        .arg(dirs.default_collection())
        .output()
        .expect("ficshelf runs");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let works = v["works"].as_array().cloned().unwrap_or_default();
    (works.iter())
        .filter(|w| w["title"] == "Salt Road")
        .map(|w| w["files"].as_array().map_or(0, Vec::len))
        .collect()
}
