//! Two Ficshelf windows on one user's state (two stories double-clicked in a file manager
//! start two processes; here, two apps in one test): each keeps the places the other saved,
//! and a killed import's leftovers are cleared at the next start.

mod common;

use std::path::Path;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::reading::Progress;

fn window(root: &Path) -> Harness<'static, FicshelfApp> {
    common::window::harness(root, Launch::default(), egui::Vec2::new(1280.0, 800.0))
}

/// Double-clicks a story's row, reads `screens` screens down and closes it (which saves).
fn read(h: &mut Harness<'_, FicshelfApp>, title: &str, screens: usize) -> usize {
    h.get_by_role_and_label(Role::Button, title).click();
    h.step();
    h.get_by_role_and_label(Role::Button, title).click();
    h.run_steps(4);
    for _ in 0..screens {
        h.key_press(egui::Key::PageDown);
        h.run_steps(2);
    }
    let block = h
        .state()
        .reader()
        .map(|r| r.place().block)
        .unwrap_or_default();
    h.get_by_label("Close").click();
    h.run_steps(2);
    block
}

fn place_on_open(h: &mut Harness<'_, FicshelfApp>, title: &str) -> usize {
    h.get_by_role_and_label(Role::Button, title).click();
    h.step();
    h.get_by_role_and_label(Role::Button, title).click();
    h.run_steps(4);
    h.state()
        .reader()
        .map(|r| r.place().block)
        .unwrap_or_default()
}

#[test]
fn two_windows_keep_each_others_reading_places() {
    let root = fresh_root("two-windows");
    let mut one = window(&root);
    let mut two = window(&root);
    let first = read(&mut one, "The Winter Mooring", 2);
    let second = read(&mut two, "Tidewrack", 3);
    // The first window reads on and saves again: before, its whole log overwrote the
    // second window's places.
    let further = read(&mut one, "The Winter Mooring", 2);
    assert!(
        first > 0 && second > 0 && further > first,
        "{first} {second} {further}"
    );
    // The first window's library shows what the second read, once it looks again.
    let hash = |h: &Harness<'_, FicshelfApp>, title: &str| {
        let entries = &h.state().collection().entries;
        let entry = entries.iter().find(|e| e.meta.title == title);
        entry.map(|e| e.hash.clone()).unwrap_or_default()
    };
    let tidewrack = hash(&one, "Tidewrack");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    one.run_steps(2);
    assert_ne!(
        one.state().reading().progress(&tidewrack),
        Progress::Unread,
        "the other window's reading shows"
    );
    drop((one, two));

    let mut again = window(&root);
    assert_eq!(place_on_open(&mut again, "The Winter Mooring"), further);
    again.get_by_label("Close").click();
    again.run_steps(2);
    assert_eq!(place_on_open(&mut again, "Tidewrack"), second);
}

#[test]
fn leftovers_of_a_killed_import_are_cleared_at_the_next_start() {
    let root = fresh_root("leftovers");
    let stories = root.join("data/Stories");
    // Process ids stop at 2^22: this writer is surely gone. Process 1 surely runs.
    let gone = stories.join(".salt.txt.4000000000-0.tmp");
    let running = stories.join(".salt.txt.1-0.tmp");
    let users = stories.join(".notes.tmp");
    for path in [&gone, &running, &users] {
        common::write_at(path, b"half a story");
    }
    let h = window(&root);
    assert!(!gone.exists(), "a dead import's file is removed");
    assert!(running.exists(), "a running import's file stays");
    assert!(users.exists(), "a file Ficshelf did not name stays");
    assert!(!h.state().collection().entries.is_empty());
}
