//! Opening a big story through egui_kittest: its first page shows before the whole file is
//! read, the whole merges in without moving the text, a saved place deep in it is reached
//! once it is in, nothing is saved or looked up before its fingerprint comes with the whole
//! (place, marks, the collection's notice), and the window's first frame is already in the
//! saved theme.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::window::fresh_root;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;
use ficshelf::settings::{Settings, Theme};

/// The story's first paragraph, which the first screen shows.
const OPENING: &str = "The lanterns along the orchard road were lit one by one.";

/// A story of about `mb` megabytes, in parts, with a header.
fn big_story(mb: usize) -> String {
    let mut s = format!(
        "Title: The Long Road\nAuthor: Jo Writer\nRating: Teen\n\n\n{OPENING}\n\n\
         Isolde walked on, and the road went with her.\n\n"
    );
    let (mut part, mut n) = (1, 0usize);
    while s.len() < mb << 20 {
        if n % 60 == 0 {
            part += 1;
            s.push_str(&format!("~Part: {part}~\n\n"));
        }
        let words = 30 + (n * 7919) % 70;
        for k in 0..words {
            s.push_str(["an", "orchard", "road", "lantern", "went", "on"][(n + k) % 6]);
            s.push(' ');
        }
        s.push_str("and so it went.\n\n");
        n += 1;
    }
    s.push_str("The End\n");
    s
}

fn harness(root: &Path, story: &Path) -> Harness<'static, FicshelfApp> {
    let launch = Launch {
        files: vec![story.to_path_buf()],
        screenshot: None,
    };
    common::window::harness(root, launch, egui::Vec2::new(1280.0, 800.0))
}

fn reading(h: &Harness<'_, FicshelfApp>) -> bool {
    h.state().reader().is_some_and(|r| r.is_reading())
}

/// Steps the window in real time until the whole story is in.
fn wait_for_the_rest(h: &mut Harness<'_, FicshelfApp>) {
    let start = Instant::now();
    while reading(h) && start.elapsed() < Duration::from_secs(120) {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!reading(h), "the whole story was read");
    h.run_steps(3);
}

#[test]
fn a_big_story_shows_its_first_page_at_once_and_the_rest_merges_in_place() {
    let root = fresh_root("open-big");
    let story = common::temp_file("long.txt", big_story(8).as_bytes());
    let mut h = harness(&root, &story);
    assert!(reading(&h), "the first page shows while the rest is read");
    let before = h.get_by_label(OPENING).rect();
    h.get_by_label("The Long Road");
    h.get_by_label("reading…");
    assert!(
        h.query_by_label_contains(" left  ·  ").is_none(),
        "no length until it is known"
    );
    wait_for_the_rest(&mut h);
    let after = h.get_by_label(OPENING).rect();
    assert_eq!(before, after, "the first paragraph did not move");
    h.get_by_label_contains(" left  ·  ");
    let view = h.state().reader().expect("open");
    assert!(view.story.document.parts().len() > 100, "every part is in");
    assert_eq!(view.story.complete, Some(true), "and the ending");
}

#[test]
fn a_saved_place_deep_in_a_big_story_is_reached_once_it_is_read() {
    let root = fresh_root("open-deep");
    let story = common::temp_file("long.txt", big_story(8).as_bytes());
    let mut h = harness(&root, &story);
    wait_for_the_rest(&mut h);
    h.key_press(egui::Key::End);
    h.run_steps(3);
    let deep = h.state().reader().expect("open").place();
    assert!(deep.progress > 0.95, "at the end: {deep:?}");
    h.get_by_label("Close").click();
    h.run_steps(30); // half a second, as for a person: the place is saved
    drop(h);

    let mut h = harness(&root, &story);
    assert!(reading(&h));
    let first = h.state().reader().expect("open").place();
    assert_eq!(first.block, 0, "the title page while the rest is read");
    wait_for_the_rest(&mut h);
    let reached = h.state().reader().expect("open").place();
    assert_eq!(reached.block, deep.block, "the saved place, once read");
    h.run_steps(5);
    let stayed = h.state().reader().expect("open").place();
    assert_eq!(stayed.block, deep.block, "and only once");
}

#[test]
fn the_place_and_the_marks_wait_for_the_fingerprint_that_keys_them() {
    let root = fresh_root("open-fingerprint");
    let text = big_story(8);
    let story = common::temp_file("long.txt", text.as_bytes());
    let hash = ficshelf::collection::content_hash(text.as_bytes());
    let mut h = harness(&root, &story);
    assert!(reading(&h));
    assert_eq!(
        h.state().reader().expect("open").hash,
        None,
        "not known yet"
    );
    h.key_press(egui::Key::PageDown);
    h.key_press(egui::Key::PageDown);
    h.get_by_label("Bookmark").click();
    h.run_steps(3);
    assert!(
        reading(&h),
        "still reading: the steps above were taken meanwhile"
    );
    assert!(
        h.state().reading().stories.is_empty(),
        "no place saved under any key before the fingerprint"
    );
    let outside = "This story is not in your collection.";
    assert_eq!(common::window::notice(&h), outside, "not there by place");
    wait_for_the_rest(&mut h);
    let view = h.state().reader().expect("open");
    assert_eq!(view.hash.as_ref(), Some(&hash), "the whole file's");
    assert!(view.marks.shown.is_empty(), "the bookmark was not made");
    let keys: Vec<_> = h.state().reading().stories.keys().cloned().collect();
    assert_eq!(
        keys,
        vec![hash.clone()],
        "opened under the right fingerprint"
    );
    assert_eq!(common::window::notice(&h), outside, "nor by content");
    h.get_by_label("Bookmark").click();
    h.run_steps(3);
    assert_eq!(h.state().reader().expect("open").marks.shown.len(), 1);
    h.get_by_label("Close").click();
    h.run_steps(30);
    drop(h);

    let mut h = harness(&root, &story);
    assert!(reading(&h));
    assert!(h.state().reader().expect("open").marks.shown.is_empty());
    wait_for_the_rest(&mut h);
    let view = h.state().reader().expect("open");
    assert_eq!(
        view.marks.shown.len(),
        1,
        "the bookmark, once the fingerprint is in"
    );
    assert_eq!(view.marks.shown[0].mark.hash, hash);
}

#[test]
fn a_copy_of_a_collected_big_story_is_found_by_content_once_read() {
    let root = fresh_root("open-copy");
    let text = big_story(3);
    let collected = AppDirs::under(&*root).default_collection().join("long.txt");
    common::write_at(&collected, text.as_bytes());
    let copy = common::temp_file("copy.txt", text.as_bytes());
    let mut h = harness(&root, &copy);
    assert!(reading(&h));
    let entries = &h.state().collection().entries;
    assert!(entries.iter().any(|e| e.path == collected), "scanned");
    assert_eq!(
        common::window::notice(&h),
        "This story is not in your collection.",
        "not there by place"
    );
    wait_for_the_rest(&mut h);
    assert_eq!(
        common::window::notice(&h),
        "",
        "taken back: it is, by content"
    );
}

#[test]
fn the_first_frame_is_drawn_in_the_saved_theme() {
    let root = fresh_root("first-frame");
    let dirs = AppDirs::under(&*root);
    let settings = Settings {
        theme: Theme::Sepia,
        ..Settings::default()
    };
    settings.save(&dirs.settings()).expect("settings saved");
    let ctx = egui::Context::default();
    let dark_default = ctx.global_style().visuals.panel_fill;
    let app = FicshelfApp::start(&ctx, dirs, Launch::default());
    // Before any frame: the style the first frame's panels are drawn with.
    let panel = ctx.global_style().visuals.panel_fill;
    assert_ne!(panel, dark_default);
    assert_eq!(panel, egui::Color32::from_rgb(0xe9, 0xdf, 0xc6), "sepia");
    assert_eq!(ctx.theme(), egui::Theme::Light);
    drop(app); // waits for its first scan of the empty collection
}
