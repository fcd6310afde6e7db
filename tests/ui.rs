//! The window, driven through egui_kittest on the real app state with temporary folders:
//! find widgets by label, click, type, and check what the user would see.

mod common;

use std::path::{Path, PathBuf};

use common::window::{fresh_root, notice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;

fn harness(root: &Path, launch: Launch) -> Harness<'static, FicshelfApp> {
    common::window::harness(root, launch, egui::Vec2::new(1280.0, 800.0))
}

fn titles_shown(h: &Harness<'_, FicshelfApp>) -> Vec<String> {
    let app = h.state();
    app.library()
        .shown()
        .iter()
        .map(|&i| app.collection().entries[i].meta.title.clone())
        .collect()
}

/// Double-clicks a story's row in the library.
fn open(h: &mut Harness<'_, FicshelfApp>, title: &str) {
    h.get_by_role_and_label(Role::Button, title).click();
    h.step();
    h.get_by_role_and_label(Role::Button, title).click();
    h.run_steps(4);
}

#[test]
fn the_sample_stories_are_listed_on_first_run() {
    let root = fresh_root("samples");
    let h = harness(&root, Launch::default());
    assert_eq!(h.state().collection().entries.len(), 8);
    for title in [
        "Café Solenne",
        "The False Light",
        "Tidewrack",
        "The Winter Mooring",
    ] {
        h.get_by_label(title);
    }
    h.get_by_label_contains("8 stories");
}

#[test]
fn search_narrows_the_list_as_you_type() {
    let root = fresh_root("search");
    let mut h = harness(&root, Launch::default());
    h.get_by_label("Search the library").click();
    h.run_steps(2);
    h.get_by_label("Search the library").type_text("peregrine");
    h.run_steps(3);
    assert_eq!(
        titles_shown(&h),
        ["Café Solenne"],
        "searching the author's name"
    );
    assert!(h.query_by_label("The False Light").is_none());
    h.get_by_label_contains("1 of 8 stories");
}

#[test]
fn double_click_opens_a_story_with_its_title_page() {
    let root = fresh_root("open");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "The False Light");
    assert_eq!(
        h.state().reader().map(|r| r.story.title.as_str()),
        Some("The False Light")
    );
    let page = h.get_by_role(Role::Document);
    let spoken = page.accesskit_node().label().unwrap_or_default();
    for shown in [
        "The False Light",
        "by quietharbour",
        "Mature",
        "Violence",
        "Long before he was the old keeper",
    ] {
        assert!(
            spoken.contains(shown),
            "title page lacks {shown:?}: {spoken}"
        );
    }
    h.get_by_label("Chapter 1: The Lamp on Cray Head");
}

#[test]
fn reopening_restores_the_place_also_after_a_restart() {
    let root = fresh_root("place");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "The Winter Mooring");
    for _ in 0..3 {
        h.key_press(egui::Key::PageDown);
        h.run_steps(2);
    }
    let place = h.state().reader().map(|r| r.place()).unwrap_or_default();
    assert!(place.block > 2, "three screens down: {place:?}");
    h.get_by_label("Close").click();
    // Half a second passes, as it would for a person.
    h.run_steps(30);
    assert!(h.state().reader().is_none());
    open(&mut h, "The Winter Mooring");
    let again = h.state().reader().map(|r| r.place()).unwrap_or_default();
    assert_eq!(again.block, place.block, "reopened at the same block");
    drop(h);

    let mut h = harness(&root, Launch::default());
    open(&mut h, "The Winter Mooring");
    let restarted = h.state().reader().map(|r| r.place()).unwrap_or_default();
    assert_eq!(restarted.block, place.block, "and after a restart");
    assert!((restarted.within - place.within).abs() < 0.05);
}

#[test]
fn importing_adds_new_stories_and_reports_duplicates_and_bad_files() {
    let root = fresh_root("import");
    let mut h = harness(&root, Launch::default());
    let new_story = common::temp_file(
        "salt-and-lanterns.txt",
        b"Title: Salt and Lanterns\nAuthor: Kay\n\nThe lamp had to be lit by six.\n",
    );
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("library/tidewrack.txt");
    let binary = common::temp_file("photo.txt", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00");
    h.state_mut()
        .import_now(vec![new_story.to_path_buf(), sample, binary.to_path_buf()]);
    h.run_steps(3);
    assert_eq!(h.state().collection().entries.len(), 9);
    h.get_by_role_and_label(Role::Button, "Salt and Lanterns");
    let notice = notice(&h);
    assert!(
        notice.contains("Imported \u{201c}Salt and Lanterns\u{201d}"),
        "{notice}"
    );
    assert!(
        notice.contains("\u{201c}Tidewrack\u{201d} is already in your collection"),
        "{notice}"
    );
    assert!(
        notice.contains("photo.txt could not be imported: not a text file"),
        "{notice}"
    );
    h.get_by_label_contains("photo.txt could not be imported");
}

#[test]
fn sorting_changes_the_order() {
    let root = fresh_root("sort");
    let mut h = harness(&root, Launch::default());
    let by_title = titles_shown(&h);
    assert_eq!(
        by_title.first().map(String::as_str),
        Some("Café Solenne"),
        "by title, leading 'A' and 'The' aside"
    );
    assert_eq!(
        by_title.last().map(String::as_str),
        Some("The Winter Mooring")
    );
    assert_eq!(
        by_title[by_title.len() - 2],
        "A wind for tam",
        "sorted as 'wind for tam'"
    );
    h.get_by_role_and_label(Role::ComboBox, "Sort by").click();
    h.run_steps(2);
    h.get_by_label("Length").click();
    h.run_steps(3);
    let by_length = titles_shown(&h);
    assert_eq!(
        by_length.first().map(String::as_str),
        Some("The False Light"),
        "{by_length:?}"
    );
    let words: Vec<usize> = h
        .state()
        .library()
        .shown()
        .iter()
        .map(|&i| h.state().collection().entries[i].meta.words)
        .collect();
    assert!(
        words.windows(2).all(|w| w[0] >= w[1]),
        "longest first: {words:?}"
    );
}

#[test]
fn a_file_from_the_command_line_opens_at_once_and_is_offered_for_import() {
    let root = fresh_root("cli");
    let outside = common::temp_file(
        "dock-song.txt",
        b"Dock Song\n\nAuthor: Kay\n\nThe boats came in at dusk, one by one, all lanterns.\n",
    );
    let h = harness(
        &root,
        Launch {
            files: vec![outside.to_path_buf()],
            screenshot: None,
        },
    );
    assert_eq!(
        h.state().reader().map(|r| r.story.title.as_str()),
        Some("Dock Song")
    );
    let notice = h.state().notice().cloned();
    assert_eq!(
        notice.map(|n| n.offer_import),
        Some(vec![outside.to_path_buf()])
    );
    h.get_by_label("Add to collection");
}

#[test]
fn find_highlights_matches_and_steps_through_them() {
    let root = fresh_root("find");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "The False Light");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.get_by_label("Previous");
    let matches =
        |h: &Harness<'_, FicshelfApp>| h.state().reader().map_or(0, |r| r.find.matches().len());
    // The query box has focus after Ctrl+F: typing goes into it.
    h.get_by_role_and_label(Role::TextInput, "Find in the story")
        .type_text("LAMP");
    h.run_steps(3);
    let n = matches(&h);
    assert!(n >= 3, "case-insensitive matches of 'lamp': {n}");
    h.get_by_label(&format!("1 of {n}"));
    h.key_press(egui::Key::F3);
    h.run_steps(2);
    h.get_by_label(&format!("2 of {n}"));
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.run_steps(2);
    h.get_by_label(&format!("{n} of {n}"));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Previous").is_none(),
        "Escape closes the find bar"
    );
    assert_eq!(matches(&h), 0, "and clears the highlights");
}

#[test]
fn text_size_keys_change_and_save_the_size() {
    let root = fresh_root("size");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "Tidewrack");
    let start = h.state().settings().typography.size;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run_steps(2);
    assert_eq!(h.state().settings().typography.size, start + 2.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.run_steps(2);
    assert_eq!(h.state().settings().typography.size, start + 1.0);
    let saved = std::fs::read_to_string(AppDirs::under(&*root).settings()).unwrap_or_default();
    assert!(
        saved.contains(&format!("size: {:.1}", start + 1.0)),
        "{saved}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run_steps(2);
    assert_eq!(
        h.state().settings().typography.size,
        ficshelf::settings::DEFAULT_TEXT_SIZE
    );
}

#[test]
fn f9_hides_and_shows_the_library_and_ctrl_l_brings_it_back_to_search() {
    let root = fresh_root("toggle");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "Tidewrack");
    h.key_press(egui::Key::F9);
    h.run_steps(2);
    assert!(!h.state().library_shown());
    assert!(h.query_by_label("Search the library").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_steps(2);
    assert!(h.state().library_shown());
    h.get_by_label("Search the library").type_text("tide");
    h.run_steps(2);
    assert_eq!(
        titles_shown(&h),
        ["Tidewrack"],
        "the search box had the focus"
    );
}

/// A file dropped on the window, as the platform layer would deliver it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_on_the_window_imports_them_in_the_background() {
    let root = fresh_root("drop");
    let mut h = harness(&root, Launch::default());
    let file = common::temp_file(
        "harbour-ghosts.txt",
        b"Title: Harbour Ghosts\n\nThe fog came in with the tide.\n",
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.to_path_buf())));
    for _ in 0..200 {
        h.step();
        if h.state().collection().entries.len() == 9 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(2);
    assert_eq!(h.state().collection().entries.len(), 9, "imported");
    h.get_by_role_and_label(Role::Button, "Harbour Ghosts");
    assert!(
        root.join("data/Stories/harbour-ghosts.txt").exists(),
        "copied into the collection"
    );
    assert!(file.exists(), "the original stays where it was");
}

#[test]
fn paged_reading_turns_whole_pages_and_keeps_the_place_when_switching() {
    let root = fresh_root("paged");
    let mut h = harness(&root, Launch::default());
    open(&mut h, "The Winter Mooring");
    let place =
        |h: &Harness<'_, FicshelfApp>| h.state().reader().map(|r| r.place()).unwrap_or_default();
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    let before = place(&h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::M);
    h.run_steps(3);
    assert_eq!(
        h.state().settings().reading_mode,
        ficshelf::settings::ReadingMode::Paged
    );
    assert_eq!(place(&h), before, "switching keeps the place");
    let mut progress = vec![before.progress];
    for _ in 0..3 {
        h.key_press(egui::Key::Space);
        h.run_steps(3);
        progress.push(place(&h).progress);
    }
    assert!(
        progress.windows(2).all(|w| w[1] > w[0]),
        "each page moves on: {progress:?}"
    );
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(3);
    let back = place(&h).progress;
    assert!(
        back < progress[3] && back >= progress[1],
        "a page back: {back} in {progress:?}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::M);
    h.run_steps(3);
    assert_eq!(
        h.state().settings().reading_mode,
        ficshelf::settings::ReadingMode::Continuous
    );
}

/// Steps the window, in real time, until `done` or two seconds have passed.
fn wait_for(h: &mut Harness<'_, FicshelfApp>, done: impl Fn(&FicshelfApp) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(2) {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

#[test]
fn stories_added_or_removed_by_other_programs_show_up_within_two_seconds() {
    let root = fresh_root("watch");
    let mut h = harness(&root, Launch::default());
    let stories = root.join("data/Stories");
    std::fs::write(
        stories.join("from-elsewhere.txt"),
        b"Title: From Elsewhere\n\nA story copied in by hand.\n",
    )
    .expect("write a story into the collection");
    assert!(
        wait_for(&mut h, |app| app.collection().entries.len() == 9),
        "the new story was picked up"
    );
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "From Elsewhere");
    std::fs::remove_file(stories.join("tidewrack.txt")).expect("remove a sample");
    assert!(
        wait_for(&mut h, |app| app.collection().entries.len() == 8),
        "the removed story went"
    );
    h.run_steps(2);
    assert!(
        h.query_by_role_and_label(Role::Button, "Tidewrack")
            .is_none()
    );
}

#[test]
fn a_first_scan_runs_beside_the_window_and_the_next_start_reads_the_index() {
    let root = fresh_root("first-scan");
    let stories = root.join("Stories");
    for i in 0..600 {
        let text = format!(
            "Title: Story {i}\nRating: G\n\nThe tide came in at six, as it always had, number {i}.\n"
        );
        common::write_at(&stories.join(format!("s{i:03}.txt")), text.as_bytes());
    }
    let settings = format!(
        "(collection_dir: Some({:?}))",
        stories.display().to_string()
    );
    common::write_at(&AppDirs::under(&*root).settings(), settings.as_bytes());
    let app = FicshelfApp::new(AppDirs::under(&*root), Launch::default());
    assert!(app.is_scanning(), "the window does not wait for the scan");
    assert!(app.collection().entries.is_empty());
    drop(app);
    let h = harness(&root, Launch::default());
    assert_eq!(h.state().collection().entries.len(), 600);
    assert!(
        AppDirs::under(&*root).index_file(&stories).exists(),
        "the index was saved"
    );
    let again = FicshelfApp::new(AppDirs::under(&*root), Launch::default());
    assert!(
        !again.is_scanning(),
        "with an index, the collection is there at once"
    );
    assert_eq!(again.collection().entries.len(), 600);
}
