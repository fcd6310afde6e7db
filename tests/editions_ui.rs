//! A work in progress saved again with new chapters, through egui_kittest: the library lists
//! the newest copy only, opening it keeps the place read in the old one and offers the
//! first new chapter, and the details list the older copy.

mod common;

use std::path::{Path, PathBuf};

use common::window::{fresh_root, notice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;

fn ledger() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/ao3_lamplighters_ledger.html");
    std::fs::read_to_string(path).expect("the AO3 fixture")
}

/// The same AO3 download as it was after its first chapter: chapter 2 cut, `1/?`.
fn first_chapter_only() -> String {
    let full = ledger();
    let cut = full
        .find("  <div class=\"meta group\">\n    <h2 class=\"heading\">Chapter 2")
        .expect("chapter 2 starts");
    let after = full.find("<div id=\"afterword\">").expect("the afterword");
    let v1 = format!("{}</div>\n\n{}", &full[..cut], &full[after..]);
    v1.replace("Chapters: 2/?", "Chapters: 1/?")
}

fn rows_titled(h: &Harness<'_, FicshelfApp>, title: &str) -> Vec<PathBuf> {
    let app = h.state();
    let entries = &app.collection().entries;
    (app.library().rows().iter())
        .filter_map(ficshelf::ui::library::Row::entry)
        .filter(|&i| entries[i].meta.title == title)
        .map(|i| entries[i].path.clone())
        .collect()
}

fn double_click(h: &mut Harness<'_, FicshelfApp>, label: &str) {
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, label).click();
        h.step();
    }
    h.run_steps(4);
}

/// Clicks the notice's offer of the first new chapter; the part the reader is then in.
fn go_to_new_part(h: &mut Harness<'_, FicshelfApp>, label: &str) -> Option<String> {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run_steps(4);
    h.state()
        .reader()
        .and_then(|r| r.current_part().map(str::to_string))
}

const TITLE: &str = "The Lamplighter's Ledger";

#[test]
fn a_wip_saved_again_keeps_its_place_and_offers_the_new_chapter() {
    let root = fresh_root("editions");
    let stories = AppDirs::under(root.to_path_buf()).default_collection();
    common::write_at(
        &stories.join("ledger-v1.html"),
        first_chapter_only().as_bytes(),
    );
    let mut h = common::window::harness(&root, Launch::default(), egui::Vec2::new(1280.0, 700.0));

    // Read some of the first copy.
    double_click(&mut h, TITLE);
    for _ in 0..2 {
        h.key_press(egui::Key::PageDown);
        h.run_steps(3);
    }
    let place = h.state().reader().expect("open").place();
    assert!(place.block > 0 || place.within > 0.3, "moved on: {place:?}");
    h.get_by_label("Close").click();
    h.run_steps(3);

    // The work is downloaded again with its second chapter.
    let download = root.join("ledger-v2.html");
    common::write_at(&download, ledger().as_bytes());
    h.state_mut().import_now(vec![download]);
    h.run_steps(4);
    let listed = rows_titled(&h, TITLE);
    assert_eq!(
        listed.len(),
        1,
        "only the newest copy is listed: {listed:?}"
    );
    assert!(listed[0].ends_with("ledger-v2.html"), "{listed:?}");

    // Its details name the older copy.
    h.get_by_role_and_label(Role::Button, TITLE).click();
    h.run_steps(3);
    h.get_by_label("ledger-v1.html (1 chapter)");

    // Opened, it is where the old copy was left, and says what is new.
    double_click(&mut h, TITLE);
    let reader = h.state().reader().expect("open");
    assert!(reader.path.ends_with("ledger-v2.html"));
    let now = reader.place();
    assert_eq!(now.block, place.block, "the place came with it");
    assert!(
        (now.within - place.within).abs() < 0.05,
        "{now:?} for {place:?}"
    );
    assert!(
        h.query_by_label_contains("(2 works here)").is_none(),
        "the old copy is not another work of its series"
    );
    let said = notice(&h);
    assert!(said.contains("1 new chapter"), "{said}");
    assert_eq!(
        go_to_new_part(&mut h, "Go to Chapter 2: The Ledger").as_deref(),
        Some("Chapter 2: The Ledger")
    );
}

/// A plain-text work in progress by Ren Aldous, `parts` parts long, hard-wrapped at
/// `wrap` columns, with `tail` after the last part; `seed` tells one story from another.
fn text_wip(title: &str, seed: &str, parts: usize, wrap: usize, tail: &str) -> String {
    let mut out = format!("Title: {title}\nAuthor: Ren Aldous\nStatus: In progress\n\n");
    for part in 1..=parts {
        out.push_str(&format!("Part {part}\n\n"));
        for para in 0..14 {
            let sentences: Vec<String> = (0..6)
                .map(|k| format!("The {seed} of part {part} trimmed wick {k} in row {para} and logged the hour."))
                .collect();
            let mut line = String::new();
            for word in sentences.join(" ").split(' ') {
                if !line.is_empty() && line.len() + word.len() + 1 > wrap {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
    out.push_str(tail);
    out
}

#[test]
fn a_plain_text_wip_saved_again_with_a_part_more_keeps_its_place_and_status() {
    use ficshelf::collection::reading::Status;
    let root = fresh_root("text-editions");
    let stories = AppDirs::under(root.to_path_buf()).default_collection();
    let v1 = text_wip("The Long Watch", "keeper", 1, 72, "To be continued...\n");
    common::write_at(&stories.join("watch-v1.txt"), v1.as_bytes());
    // Two different stories titled "Untitled" by the same author.
    let untitled = |seed: &str, parts: usize| text_wip("Untitled", seed, parts, 72, "");
    common::write_at(
        &stories.join("untitled-a.txt"),
        untitled("keeper", 1).as_bytes(),
    );
    common::write_at(
        &stories.join("untitled-b.txt"),
        untitled("ferryman", 2).as_bytes(),
    );
    let mut h = common::window::harness(&root, Launch::default(), egui::Vec2::new(1280.0, 700.0));
    assert_eq!(rows_titled(&h, "Untitled").len(), 2, "two stories");

    // Read some of the first copy, and put it on hold.
    const WATCH: &str = "The Long Watch";
    double_click(&mut h, WATCH);
    for _ in 0..2 {
        h.key_press(egui::Key::PageDown);
        h.run_steps(3);
    }
    let place = h.state().reader().expect("open").place();
    assert!(place.block > 0, "moved on: {place:?}");
    h.get_by_label("Close").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, WATCH)
        .click_secondary();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Status").click();
    h.run_steps(2);
    h.get_by_label("On hold").click();
    h.run_steps(3);

    // Saved again with its second part, wrapped another way and without the marker.
    let download = root.join("watch-v2.txt");
    let v2 = text_wip("The Long Watch", "keeper", 2, 64, "");
    common::write_at(&download, v2.as_bytes());
    h.state_mut().import_now(vec![download]);
    h.run_steps(4);
    let listed = rows_titled(&h, WATCH);
    assert_eq!(listed.len(), 1, "only the newest copy: {listed:?}");
    assert!(listed[0].ends_with("watch-v2.txt"), "{listed:?}");
    assert_eq!(rows_titled(&h, "Untitled").len(), 2, "still two stories");
    h.get_by_role_and_label(Role::Button, WATCH).click();
    h.run_steps(3);
    h.get_by_label("Older copies of this work");
    h.get_by_label("watch-v1.txt (1 part)");

    // Opened, it is where the old copy was left, on hold, and offers Part 2.
    double_click(&mut h, WATCH);
    let reader = h.state().reader().expect("open");
    assert!(reader.path.ends_with("watch-v2.txt"));
    assert_eq!(reader.place().block, place.block, "the place came with it");
    let hash = reader.hash.clone().expect("fingerprinted");
    assert_eq!(h.state().reading().status(&hash), Status::OnHold);
    let said = notice(&h);
    assert!(said.contains("1 new chapter since you read"), "{said}");
    assert_eq!(
        go_to_new_part(&mut h, "Go to Part 2").as_deref(),
        Some("Part 2")
    );
}
