//! Searching every word from the window: a phrase found in a story whose title doesn't
//! hold it, and the story opened at that passage with the words found.

mod common;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use ficshelf::app::Launch;

#[test]
fn a_phrase_is_found_in_the_text_and_opens_its_story_there() {
    let root = fresh_root("text-search");
    let size = egui::Vec2::new(1280.0, 900.0);
    let mut h = common::window::harness(&root, Launch::default(), size);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    h.run_steps(3);
    h.get_by_role_and_label(Role::TextInput, "Search every word")
        .type_text("\"lopsided grin\"");
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Search").click();
    // The index is built on a thread: the window goes on drawing meanwhile.
    let start = std::time::Instant::now();
    while h.state().text_search().searched.is_none()
        && start.elapsed() < std::time::Duration::from_secs(30)
    {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
    let hits = &h.state().text_search().hits;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].title, "Tidewrack", "the title doesn't say it");
    assert!(
        hits[0].snippet.contains("[lopsided grin]"),
        "{}",
        hits[0].snippet
    );
    let block = hits[0].block;
    h.get_by_role_and_label(Role::Link, &hits[0].snippet.replace(['[', ']'], ""))
        .click();
    h.run_steps(6);
    let reader = h
        .state()
        .reader()
        .unwrap_or_else(|| panic!("a story is open"));
    assert_eq!(reader.story.title, "Tidewrack");
    assert_eq!(reader.find.query, "lopsided grin");
    // The passage is at the top of the screen, a line of what comes before above it (the
    // title page is place 0; the story's blocks count from 1).
    let top = reader.place().block;
    assert!(
        (block..=block + 1).contains(&top),
        "at {top}, the passage is {}",
        block + 1
    );
    assert!(search_file_exists(&root), "the index is kept");
}

/// The index is kept beside the collection's index cache, wherever AppDirs::under puts it.
fn search_file_exists(root: &std::path::Path) -> bool {
    walk(root)
        .iter()
        .any(|p| p.to_string_lossy().ends_with(".search.sqlite"))
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
