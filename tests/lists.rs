//! Statuses and lists, by the reader's hand: from a row's context menu, the details panel
//! and the reader's bar, kept after a restart, and a list shown in its own order.

mod common;

use std::path::Path;

use common::window::{fresh_root, notice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::reading::{Progress, Status};

fn window(root: &Path) -> Harness<'static, FicshelfApp> {
    common::window::harness(root, Launch::default(), egui::Vec2::new(1280.0, 800.0))
}

fn hash(h: &Harness<'_, FicshelfApp>, title: &str) -> String {
    let entries = &h.state().collection().entries;
    let entry = entries.iter().find(|e| e.meta.title == title);
    entry.map(|e| e.hash.clone()).unwrap_or_default()
}

fn titles_shown(h: &Harness<'_, FicshelfApp>) -> Vec<String> {
    let app = h.state();
    let shown = app.library().shown();
    shown
        .iter()
        .map(|&i| app.collection().entries[i].meta.title.clone())
        .collect()
}

/// Right-clicks a story's row and picks `item` in submenu `menu`.
fn row_menu(h: &mut Harness<'_, FicshelfApp>, title: &str, menu: &str, item: &str) {
    h.get_by_role_and_label(Role::Button, title)
        .click_secondary();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, menu).click();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(3);
}

/// Makes a list through the dialog, from a row's menu (the row's story goes on it).
fn new_list_from_row(h: &mut Harness<'_, FicshelfApp>, title: &str, name: &str) {
    row_menu(h, title, "Add to list", "New list\u{2026}");
    h.get_by_role_and_label(Role::TextInput, "List name")
        .type_text(name);
    h.run_steps(2);
    h.get_by_label("Create").click();
    h.run_steps(3);
}

#[test]
fn a_status_set_from_a_row_shows_and_stays_after_a_restart() {
    let root = fresh_root("status");
    let mut h = window(&root);
    let tidewrack = hash(&h, "Tidewrack");
    row_menu(&mut h, "Tidewrack", "Status", "On hold");
    assert_eq!(h.state().reading().status(&tidewrack), Status::OnHold);
    assert_eq!(h.state().reading().progress(&tidewrack), Progress::OnHold);
    drop(h);
    let h = window(&root);
    assert_eq!(h.state().reading().status(&tidewrack), Status::OnHold);
}

#[test]
fn lists_made_from_rows_show_their_works_in_the_readers_order() {
    let root = fresh_root("lists");
    let mut h = window(&root);
    new_list_from_row(&mut h, "Tidewrack", "To read");
    assert_eq!(notice(&h), "", "nothing went wrong");
    row_menu(&mut h, "The Winter Mooring", "Add to list", "To read");
    row_menu(&mut h, "The False Light", "Add to list", "To read");
    let lists: Vec<_> = h
        .state()
        .lists()
        .iter()
        .map(|l| (l.name.clone(), l.items.len()))
        .collect();
    assert_eq!(lists, [("To read".to_string(), 3)]);
    // A name already taken can't be given twice.
    row_menu(&mut h, "Tidewrack", "Add to list", "New list\u{2026}");
    h.get_by_role_and_label(Role::TextInput, "List name")
        .type_text("To read");
    h.run_steps(2);
    h.get_by_label("There is a list of that name already.");
    h.key_press(egui::Key::Escape);
    h.run_steps(6);

    // Show the list: its works in the order they were added, then moved.
    h.get_by_role_and_label(Role::ComboBox, "Show").click();
    h.run_steps(2);
    h.get_by_label("To read (3)").click();
    h.run_steps(3);
    assert_eq!(
        titles_shown(&h),
        ["Tidewrack", "The Winter Mooring", "The False Light"]
    );
    row_menu_item(&mut h, "The False Light", "Move to the top");
    assert_eq!(
        titles_shown(&h),
        ["The False Light", "Tidewrack", "The Winter Mooring"]
    );
    // A row dragged onto the lower half of another goes below it.
    drag_row(&mut h, "The False Light", "Tidewrack", 0.75);
    assert_eq!(
        titles_shown(&h),
        ["Tidewrack", "The False Light", "The Winter Mooring"]
    );
    // And onto the upper half, above it.
    drag_row(&mut h, "The Winter Mooring", "Tidewrack", 0.25);
    assert_eq!(
        titles_shown(&h),
        ["The Winter Mooring", "Tidewrack", "The False Light"]
    );
    row_menu_item(&mut h, "Tidewrack", "Take off \u{201c}To read\u{201d}");
    assert_eq!(titles_shown(&h), ["The Winter Mooring", "The False Light"]);
    drop(h);

    // After a restart the list is there, in that order.
    let mut h = window(&root);
    h.get_by_role_and_label(Role::ComboBox, "Show").click();
    h.run_steps(2);
    h.get_by_label("To read (2)").click();
    h.run_steps(3);
    assert_eq!(titles_shown(&h), ["The Winter Mooring", "The False Light"]);
}

/// Drags a row with the pointer and drops it at `height` (0 top, 1 bottom) of another.
fn drag_row(h: &mut Harness<'_, FicshelfApp>, title: &str, onto: &str, height: f32) {
    let from = h.get_by_role_and_label(Role::Button, title).rect().center();
    let target = h.get_by_role_and_label(Role::Button, onto).rect();
    let to = egui::pos2(
        target.center().x,
        target.lerp_inside(egui::vec2(0.5, height)).y,
    );
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=6 {
        h.hover_at(from.lerp(to, k as f32 / 6.0));
        h.run_steps(1);
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    h.remove_cursor();
    h.run_steps(2);
}

/// Right-clicks a row and picks `item` in the menu itself.
fn row_menu_item(h: &mut Harness<'_, FicshelfApp>, title: &str, item: &str) {
    h.get_by_role_and_label(Role::Button, title)
        .click_secondary();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(3);
}

#[test]
fn the_reader_bar_and_the_details_set_a_status_and_escape_closes_a_question() {
    let root = fresh_root("reader-status");
    let mut h = window(&root);
    let mooring = hash(&h, "The Winter Mooring");
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, "The Winter Mooring")
            .click();
        h.step();
    }
    h.run_steps(4);
    assert_eq!(h.state().reading().status(&mooring), Status::Reading);
    // The bar's status button names the status; its menu changes it.
    h.get_by_label("Status and lists: Reading").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Status").click();
    h.run_steps(2);
    h.get_by_label("Dropped").click();
    h.run_steps(3);
    assert_eq!(h.state().reading().status(&mooring), Status::Dropped);
    h.get_by_label("Close").click();
    h.run_steps(3);
    // The details panel of the selected story shows it, and gives it back to reading.
    h.get_by_label("Status: Dropped").click();
    h.run_steps(2);
    h.get_by_label("As read so far").click();
    h.run_steps(3);
    assert_eq!(h.state().reading().status(&mooring), Status::Reading);

    // Escape answers "keep it" to the Trash question.
    h.get_by_role_and_label(Role::Button, "Tidewrack").click();
    h.run_steps(2);
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    h.get_by_label("Keep it");
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(
        h.query_by_label("Keep it").is_none(),
        "the question is gone"
    );
    assert_eq!(
        h.state().collection().entries.len(),
        8,
        "and the story stays"
    );
}

#[test]
fn status_and_lists_sort_the_library() {
    let root = fresh_root("sort-marks");
    let mut h = window(&root);
    row_menu(&mut h, "Tidewrack", "Status", "Reading");
    row_menu(&mut h, "The Winter Mooring", "Status", "Dropped");
    sort_by(&mut h, "Status");
    let titles = titles_shown(&h);
    assert_eq!(titles.first().map(String::as_str), Some("Tidewrack"));
    assert_eq!(
        titles.last().map(String::as_str),
        Some("The Winter Mooring")
    );
    // Lists: the works on a list first, in its order; the order follows the list.
    new_list_from_row(&mut h, "The False Light", "Comfort reads");
    row_menu(&mut h, "Café Solenne", "Add to list", "Comfort reads");
    sort_by(&mut h, "Lists");
    assert_eq!(titles_shown(&h)[..2], ["The False Light", "Café Solenne"]);
}

/// Picks an order in the Sort by menu (the sidebar has headings of the same names).
fn sort_by(h: &mut Harness<'_, FicshelfApp>, key: &str) {
    h.get_by_role_and_label(Role::ComboBox, "Sort by").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, key).click();
    h.run_steps(3);
}
