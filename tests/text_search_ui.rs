//! Searching every word from the window: a phrase found in a story whose title doesn't
//! hold it, and the story opened at that passage with the words found.

mod common;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};

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

#[test]
fn stories_added_to_or_removed_from_the_folder_are_found_or_not_without_a_restart() {
    let root = fresh_root("text-search-watch");
    let mut h = common::window::harness(&root, Launch::default(), egui::Vec2::new(1280.0, 900.0));
    let stories = root.join("data/Stories");
    // Indexed from the start, with nothing asked: the first search finds the samples.
    assert!(
        wait(&mut h, |app| app.text_search().indexing.is_none()
            && search_file_exists(&root)),
        "the samples were indexed after the scan"
    );
    assert_eq!(titles(&mut h, "\"lopsided grin\""), ["Tidewrack"]);
    std::fs::write(
        stories.join("copied-in.txt"),
        "Title: Copied In\n\nThe marmalade lighthouse keeper waved at the ferry.\n",
    )
    .expect("write a story into the collection");
    assert!(
        wait(&mut h, |app| app.collection().entries.len() == 9),
        "the watch saw it"
    );
    assert_eq!(titles(&mut h, "marmalade lighthouse"), ["Copied In"]);
    std::fs::remove_file(stories.join("tidewrack.txt")).expect("remove a sample");
    assert!(
        wait(&mut h, |app| app.collection().entries.len() == 8),
        "the watch saw it go"
    );
    assert!(
        titles(&mut h, "\"lopsided grin\"").is_empty(),
        "gone from the index"
    );
    assert_eq!(titles(&mut h, "marmalade"), ["Copied In"]);
}

/// Searches every word from the window (opened once) and waits for the titles found.
fn titles(h: &mut Harness<'_, FicshelfApp>, query: &str) -> Vec<String> {
    if h.query_by_role_and_label(Role::TextInput, "Search every word")
        .is_none()
    {
        h.key_press_modifiers(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::F,
        );
        h.run_steps(3);
    }
    // What was typed before is selected and typed over.
    h.get_by_role_and_label(Role::TextInput, "Search every word")
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search every word")
        .type_text(query);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Search").click();
    assert!(
        wait(h, |app| app.text_search().searched.as_deref()
            == Some(query)
            && app.text_search().status.is_none()),
        "the search for {query} finished"
    );
    h.state()
        .text_search()
        .hits
        .iter()
        .map(|hit| hit.title.clone())
        .collect()
}

/// Steps the window in real time until `done`, for at most ten seconds.
fn wait(h: &mut Harness<'_, FicshelfApp>, done: impl Fn(&FicshelfApp) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
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
