//! What stories carry besides text, in the window (egui_kittest): a picture drawn from
//! inside an EPUB, a footnote link followed to its note, a table kept as rows, an author's
//! note folded to one line and opened again, and a plain-text title page's picture drawn
//! in characters kept line by line.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::window::{fresh_root, harness};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ficshelf::app::{FicshelfApp, Launch};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// The window with `name` opened from the command line, as a file manager opens it.
fn opened(dir: &str, name: &str, height: f32) -> (common::TestDir, Harness<'static, FicshelfApp>) {
    let root = fresh_root(dir);
    let launch = Launch {
        files: vec![fixture(name)],
        ..Launch::default()
    };
    let mut h = harness(&root, launch, egui::Vec2::new(1280.0, height));
    h.run_steps(4);
    (root, h)
}

/// True once a picture of the story is a texture.
fn picture_loaded(h: &Harness<'_, FicshelfApp>) -> bool {
    let textures = h.ctx.tex_manager();
    let textures = textures.read();
    textures
        .allocated()
        .any(|(_, meta)| meta.name.starts_with("picture-"))
}

#[test]
fn a_picture_inside_the_book_is_drawn_in_place_of_its_placeholder() {
    let (_root, mut h) = opened("picture", "plain_night_ferry.epub", 1600.0);
    // Read and decoded on a thread: wait for it, in real time.
    let start = Instant::now();
    while !picture_loaded(&h) && start.elapsed() < Duration::from_secs(10) {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(picture_loaded(&h), "the picture came out of the EPUB");
    h.run_steps(3);
    let block = h
        .get_by_role_and_label(Role::Image, "Image: The night ferry at its mooring")
        .rect();
    // The picture is 96 by 48 pixels, a CSS pixel to 16 points of text: the block holds it
    // at the reader's text size, with a gap, and is not the placeholder's frame of words.
    let text_size = h.state().settings().typography.size;
    let picture = 48.0 * text_size / 16.0;
    assert!(
        block.height() >= picture && block.height() <= picture + 3.0 * text_size,
        "a block of {} holds a {picture}-point picture",
        block.height()
    );
}

#[test]
fn a_footnote_link_goes_to_its_note_and_a_table_keeps_its_rows() {
    let (_root, mut h) = opened("footnote", "plain_night_ferry.epub", 500.0);
    h.get_by_label("Contents").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "One").click();
    h.run_steps(4);
    h.get_by_label("From | Message\nPell | missed the last one\nInes | wait at the harbour");
    let before = h.state().reader().map(|r| r.place().block);
    h.get_by_role_and_label(Role::Link, "1").click();
    h.run_steps(4);
    let reader = h.state().reader().expect("the story is open");
    let doc = &reader.story.document;
    let note = doc
        .blocks()
        .iter()
        .position(|b| doc.text(b).starts_with("1. It had not"))
        .expect("the footnote");
    // The reader moved on to the note (view block = story block + 1), as far as the end of
    // the story lets it reach the top of the screen.
    let after = reader.place().block;
    assert!(Some(after) > before, "{after} after {before:?}");
    assert!(after <= note + 1);
    h.get_by_label("1. It had not, in fact, always left at ten.");
}

#[test]
fn an_authors_note_folds_to_one_line_and_opens_again() {
    let (_root, mut h) = opened("fold", "ao3_lamplighters_ledger.html", 1600.0);
    let note = "Chapter Notes:\nThe first of three, I think.";
    let open = h.get_by_label(note).rect().height();
    h.get_all_by_role_and_label(Role::Button, "Fold note")
        .nth(1)
        .expect("the chapter's notes can fold")
        .click();
    h.run_steps(4);
    let folded = h.get_by_label(note).rect().height();
    assert!(folded < open * 0.8, "folded {folded} < open {open}");
    h.get_by_role_and_label(Role::Button, "Open note").click();
    h.run_steps(4);
    assert_eq!(h.get_by_label(note).rect().height(), open);
}

#[test]
fn a_narrow_reader_keeps_every_button_of_its_bar_apart() {
    // 800x600 with the library beside the story: the bar takes two rows.
    let root = fresh_root("narrow-bar");
    let launch = Launch {
        files: vec![fixture("ao3_lamplighters_ledger.html")],
        ..Launch::default()
    };
    let mut h = harness(&root, launch, egui::Vec2::new(800.0, 600.0));
    h.run_steps(4);
    let labels = [
        "« Library",
        "A−",
        "A+",
        "Close",
        "Contents",
        "Find",
        "Marks",
        "Bookmark",
    ];
    let rects: Vec<(&str, egui::Rect)> = labels
        .iter()
        .map(|&l| (l, h.get_by_role_and_label(Role::Button, l).rect()))
        .collect();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::Vec2::new(800.0, 600.0));
    for (i, (a, ra)) in rects.iter().enumerate() {
        assert!(window.contains_rect(*ra), "{a} is in the window: {ra:?}");
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}

/// What a screen reader hears of the reader pane once a text story is opened from the
/// command line in a window of `size`: the title page first.
fn opened_page(dir: &str, text: &str, size: egui::Vec2) -> String {
    let root = fresh_root(dir);
    let file = root.join("story.txt");
    std::fs::write(&file, text).expect("the story is written");
    let launch = Launch {
        files: vec![file],
        ..Launch::default()
    };
    let mut h = harness(&root, launch, size);
    h.run_steps(4);
    h.get_by_role(Role::Document)
        .accesskit_node()
        .label()
        .unwrap_or_default()
}

#[test]
fn a_title_page_drawn_in_characters_keeps_its_lines() {
    // A 1990s archive's layout: a greeting, the signature, the title drawn as a picture
    // with the byline in it, then the prologue.
    let mut text = "Dear archivist, here is my story.\n\n\tSincerely\n\tJo W.\n   ___---'----`--..\n  ,--'  `--'Long  |  by Jo Writer\n  ~~~~~`-._ Winter |\n\n        Prologue\n        ~~~~~~~~\n\n".to_string();
    for _ in 0..40 {
        text.push_str("     The snow fell on the long road all night, and nobody came.\n");
    }
    let spoken = opened_page("ascii-art", &text, egui::Vec2::new(800.0, 600.0));
    // Its lines as written (their common indentation off), not run together as prose.
    assert!(
        spoken.contains(" ___---'----`--..\n,--'  `--'Long  |  by Jo Writer\n~~~~~`-._ Winter |"),
        "{spoken}"
    );
}

#[test]
fn a_title_block_with_its_kind_and_writer_reads_as_a_title_page() {
    // A reposted story: the poster's note, the title, what kind of story it is, the
    // writer's name alone, then the story.
    let mut text = "From: poster@example.org (Jo Poster)\nNewsgroups: alt.tv.x-files.creative\nSubject: Long Winter\n\nNOTE:  I am not the author!  Please write to Ann Smith with your\ncomments.  Thanks and enjoy.\n\nLONG WINTER\n\nAn unofficial X-Files story\n\nAnn Smith\n\n\n".to_string();
    for _ in 0..40 {
        text.push_str("The snow fell on the long road all night, and nobody came.\n\n");
    }
    let spoken = opened_page("kind-line", &text, egui::Vec2::new(1280.0, 800.0));
    // The title, its kind under it, the writer (not the poster); the note once.
    let title = spoken.find("Long Winter").unwrap_or(usize::MAX);
    let kind = spoken
        .find("An unofficial X-Files story")
        .unwrap_or(usize::MAX);
    let by = spoken.find("by Ann Smith").unwrap_or(usize::MAX);
    assert!(title < kind && kind < by && by < spoken.len(), "{spoken}");
    assert_eq!(
        spoken.matches("An unofficial X-Files story").count(),
        1,
        "{spoken}"
    );
    assert_eq!(
        spoken.matches("I am not the author!").count(),
        1,
        "{spoken}"
    );
    assert!(!spoken.contains("Jo Poster"), "{spoken}");
}
