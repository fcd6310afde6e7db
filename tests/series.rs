//! Series through egui_kittest: the works of a series show as one row that opens to list
//! them in reading order, and a work of it offers the next one.

mod common;

use std::path::Path;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;
use ficshelf::ui::library::Row;

/// Three works of one series (saved out of order, one as `Name [2]`), beside the samples.
fn write_series(root: &Path) {
    let stories = AppDirs::under(root).default_collection();
    let story = |file: &str, header: &str| {
        let text = format!("{header}\n\nThe tide came in over the marsh, and then it went out.\n");
        common::write_at(&stories.join(file), text.as_bytes());
    };
    story(
        "a-third.txt",
        "Title: Neap Tide\nAuthor: Wren\nSeries: Part 3 of Salt Year",
    );
    story(
        "b-first.txt",
        "Title: Spring Tide\nAuthor: Wren\nSeries: Part 1 of Salt Year",
    );
    story(
        "c-second.txt",
        "Title: Slack Water\nAuthor: Wren\nSeries: Salt Year [2]",
    );
}

fn window(root: &Path) -> Harness<'static, FicshelfApp> {
    common::window::harness(root, Launch::default(), egui::Vec2::new(1280.0, 1000.0))
}

fn reading(h: &Harness<'_, FicshelfApp>) -> Option<String> {
    h.state().reader().map(|r| r.story.title.clone())
}

fn open(h: &mut Harness<'_, FicshelfApp>, label: &str) {
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, label).click();
        h.step();
    }
    h.run_steps(4);
}

#[test]
fn a_series_shows_as_one_row_in_order_with_next_in_series() {
    let root = fresh_root("series");
    write_series(&root);
    let mut h = window(&root);
    let rows = h.state().library().rows();
    assert_eq!(rows.len(), 9, "eight samples and one series row: {rows:?}");
    assert!(
        h.query_by_role_and_label(Role::Button, "Spring Tide")
            .is_none()
    );
    // The arrow keys step over the works folded under the series' row.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_steps(2);
    let mut selected = Vec::new();
    for _ in 0..10 {
        h.key_press(egui::Key::ArrowDown);
        h.run_steps(2);
        let app = h.state();
        let entry = app.library().selected.map(|i| &app.collection().entries[i]);
        selected.extend(entry.map(|e| e.meta.title.clone()));
    }
    assert_eq!(selected.len(), 10, "the arrows selected rows");
    assert!(
        !selected
            .iter()
            .any(|t| t.contains(" Tide") || t == "Slack Water"),
        "{selected:?}"
    );
    h.get_by_role_and_label(Role::Button, "Series: Salt Year")
        .click();
    h.run_steps(3);
    let app = h.state();
    let titles: Vec<String> = app
        .library()
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Story {
                entry,
                in_series: true,
            } => Some(app.collection().entries[*entry as usize].meta.title.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(titles, ["Spring Tide", "Slack Water", "Neap Tide"]);

    open(&mut h, "Spring Tide");
    assert_eq!(reading(&h).as_deref(), Some("Spring Tide"));
    h.get_by_label("Next in series: Part 2: Slack Water \u{203a}")
        .click();
    h.run_steps(4);
    assert_eq!(reading(&h).as_deref(), Some("Slack Water"));
    h.get_by_label("Next in series: Part 3: Neap Tide \u{203a}")
        .click();
    h.run_steps(4);
    assert_eq!(reading(&h).as_deref(), Some("Neap Tide"));
    assert!(
        h.query_by_label_contains("Next in series").is_none(),
        "the last part has no next"
    );

    // Every work on its own row again, and that choice is kept.
    h.get_by_label("Series as one row").click();
    h.run_steps(3);
    assert_eq!(h.state().library().rows().len(), 11);
    assert!(!h.state().settings().group_series);
}

#[test]
fn a_next_part_the_filters_hide_is_named_not_offered() {
    let root = fresh_root("series-hidden");
    write_series(&root);
    let stories = AppDirs::under(&*root).default_collection();
    common::write_at(
        &stories.join("d-fourth.txt"),
        b"Title: King Tide\nAuthor: Wren\nRating: NC-17\nSeries: Part 4 of Salt Year\n\nThe water rose.\n",
    );
    let mut h = window(&root);
    // The rating filter in the library's filter sidebar (F8).
    h.key_press(egui::Key::F8);
    h.run_steps(3);
    h.get_by_role_and_label(Role::ComboBox, "Highest rating shown")
        .click();
    h.run_steps(2);
    h.get_by_label("Teen").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Series: Salt Year")
        .click();
    h.run_steps(3);
    open(&mut h, "Neap Tide");
    assert_eq!(reading(&h).as_deref(), Some("Neap Tide"));
    h.get_by_label("Next in series: hidden by your filters (Explicit)");
    assert!(h.query_by_label_contains("King Tide").is_none());
}
