//! Folders that fail under the running window: a collection that goes away and comes back,
//! a config folder that can't be written. The app says so, keeps working, loses nothing.

mod common;

use std::time::{Duration, Instant};

use common::window::{fresh_root, harness, notice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};

/// Steps the window in real time until `done`, for at most `limit`.
fn wait_for(h: &mut Harness<'_, FicshelfApp>, limit: Duration, done: impl Fn(&str) -> bool) {
    let start = Instant::now();
    while start.elapsed() < limit && !done(&notice(h)) {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_collection_folder_that_goes_away_keeps_its_stories_until_it_is_back() {
    let root = fresh_root("gone");
    let mut h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    let stories = root.join("data/Stories");
    let away = root.join("data/away");
    let count = h.state().collection().entries.len();
    assert!(count > 0);

    // The folder vanishes (a drive unplugged): the reader is told, the list stays.
    std::fs::rename(&stories, &away).expect("move the collection away");
    wait_for(&mut h, Duration::from_secs(3), |n| {
        n.contains("out of reach")
    });
    assert!(notice(&h).contains("out of reach"), "{}", notice(&h));
    assert_eq!(h.state().collection().entries.len(), count);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Tidewrack");

    // It comes back: noticed without a restart, every story still known.
    std::fs::rename(&away, &stories).expect("move the collection back");
    wait_for(&mut h, Duration::from_secs(5), |n| n.contains("is back"));
    assert!(notice(&h).contains("is back"), "{}", notice(&h));
    assert_eq!(h.state().collection().entries.len(), count);
}

#[test]
fn settings_that_cannot_be_saved_are_reported_and_still_apply() {
    let root = fresh_root("config-blocked");
    // A file where the config folder should be: nothing can be written under it.
    std::fs::create_dir_all(&root).expect("test root");
    std::fs::write(root.join("config"), b"not a folder").expect("block the config folder");
    let mut h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    let size = h.state().settings().typography.size;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run_steps(2);
    assert_eq!(h.state().settings().typography.size, size + 1.0);
    let told = notice(&h);
    assert!(
        told.contains("could not be saved") && told.contains("settings.ron"),
        "{told}"
    );
    assert_eq!(
        std::fs::read(root.join("config")).ok().as_deref(),
        Some(&b"not a folder"[..]),
        "what was in the way is untouched"
    );
}

#[test]
fn the_window_and_its_panes_are_remembered() {
    let root = fresh_root("window-state");
    let saved = root.join("data/window.ron");
    // A first start saves the panes' sizes once they have settled.
    let mut h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) && !saved.exists() {
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&saved).unwrap_or_default();
    assert!(text.contains("library_width:Some(360"), "{text}");
    drop(h);
    // Sizes the reader chose come back at the next start.
    std::fs::write(
        &saved,
        "(library_width: Some(420.0), details_height: Some(260.0))",
    )
    .expect("a saved window");
    let h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    let state = *h.state().window_state();
    assert!(
        (state.library_width.unwrap_or(0.0) - 420.0).abs() < 2.0,
        "{state:?}"
    );
    assert!(
        (state.details_height.unwrap_or(0.0) - 260.0).abs() < 2.0,
        "{state:?}"
    );
}
