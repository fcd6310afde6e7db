//! Removing a story: asked first, then its file goes to the system Trash (here a Trash in
//! a temporary folder), never deleted outright.

mod common;

use common::window::{fresh_root, harness, notice};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use ficshelf::app::Launch;

#[test]
fn a_story_goes_to_the_trash_only_when_the_reader_says_so() {
    let root = fresh_root("trash");
    let xdg = root.join("xdg-data");
    std::fs::create_dir_all(&xdg).expect("test data home");
    // The only test in this binary, so no other thread reads the environment.
    unsafe { std::env::set_var("XDG_DATA_HOME", &xdg) };
    let mut h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    let file = root.join("data/Stories/tidewrack.txt");
    let before = std::fs::read(&file).expect("the sample is there");
    let count = h.state().collection().entries.len();

    h.get_by_role_and_label(Role::Button, "Tidewrack").click();
    h.run_steps(2);
    h.get_by_label("Move to Trash\u{2026}").click();
    // A new window is measured unseen on its first frame.
    h.run_steps(4);
    h.get_by_label_contains("to the Trash?");
    h.get_by_label("Keep it").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("to the Trash?").is_none());
    assert!(file.exists(), "kept when the reader says no");

    h.get_by_label("Move to Trash\u{2026}").click();
    h.run_steps(4);
    h.get_by_label("Move to Trash").click();
    h.run_steps(3);
    assert!(!file.exists(), "gone from the collection folder");
    let trashed = std::fs::read(xdg.join("Trash/files/tidewrack.txt"));
    assert_eq!(trashed.ok(), Some(before), "whole, in the Trash");
    assert_eq!(h.state().collection().entries.len(), count - 1);
    assert!(
        h.query_by_role_and_label(Role::Button, "Tidewrack")
            .is_none()
    );
    assert!(notice(&h).contains("is in the Trash"), "{}", notice(&h));
}
