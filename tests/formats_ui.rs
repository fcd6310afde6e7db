//! EPUB and HTML downloads in the window, through egui_kittest: imported by path, listed
//! with their fandom and tags, filtered out by a warning and back, opened with the chapter
//! list from the book and italics on screen.

mod common;

use std::path::{Path, PathBuf};

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::filter::facets::{Facet, Mark};
use ficshelf::engine::{Format, Inline};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// The window with the two AO3 downloads imported beside the samples; tall enough that the
/// settings panel is on screen whole.
fn with_downloads(name: &str) -> (common::TestDir, Harness<'static, FicshelfApp>) {
    let root = fresh_root(name);
    let size = egui::Vec2::new(1280.0, 1800.0);
    let mut h = common::window::harness(&root, Launch::default(), size);
    h.state_mut().import_now(vec![
        fixture("ao3_salt_road.epub"),
        fixture("ao3_lamplighters_ledger.html"),
    ]);
    h.run_steps(3);
    (root, h)
}

/// Double-clicks a story's row.
fn open(h: &mut Harness<'_, FicshelfApp>, title: &str) {
    h.get_by_role_and_label(Role::Button, title).click();
    h.step();
    h.get_by_role_and_label(Role::Button, title).click();
    h.run_steps(4);
}

/// Story rows the library shows (folded rows don't count).
fn rows(h: &Harness<'_, FicshelfApp>) -> Vec<String> {
    let app = h.state();
    let lib = app.library();
    (0..lib.shown().len())
        .filter(|&row| !lib.verdict(row).is_hidden())
        .map(|row| {
            app.collection().entries[lib.shown()[row]]
                .meta
                .title
                .clone()
        })
        .collect()
}

#[test]
fn an_imported_epub_is_listed_with_its_fandom_and_opens_with_its_chapters_and_italics() {
    let (_root, mut h) = with_downloads("epub-window");
    let app = h.state();
    assert_eq!(
        app.collection().entries.len(),
        10,
        "8 samples and 2 downloads"
    );
    let entry = app
        .collection()
        .entries
        .iter()
        .find(|e| e.meta.title == "Salt Road");
    let meta = &entry.unwrap_or_else(|| panic!("Salt Road is listed")).meta;
    assert_eq!(meta.format, Format::Epub);
    assert_eq!(meta.fandom(), Some("Original Work"));
    // Chosen, its details show the tags in AO3's groups.
    h.get_by_role_and_label(Role::Button, "Salt Road").click();
    h.run_steps(3);
    h.get_by_label("Fandoms:");
    // Each tag is a button there (a click filters by it; the sidebar has its checkbox).
    h.get_by_role_and_label(Role::Button, "Folklore & Fairy Tales");
    h.get_by_role_and_label(Role::Button, "Corin/Edda");
    h.get_by_role_and_label(Role::Button, "Hurt/Comfort");

    open(&mut h, "Salt Road");
    let title = h.state().reader().map(|r| r.story.title.clone());
    assert_eq!(title.as_deref(), Some("Salt Road"));
    let page = h.get_by_role(Role::Document);
    // The stats keep each label with its value by a no-break space.
    let spoken = page
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .replace('\u{a0}', " ");
    for shown in [
        "Fandoms: Original Work, Folklore & Fairy Tales",
        "Relationship: Corin/Edda",
        "Chapters: 3/3",
    ] {
        assert!(
            spoken.contains(shown),
            "title page lacks {shown:?}: {spoken}"
        );
    }
    // The chapter list is the book's.
    h.get_by_label("Contents").click();
    h.run_steps(2);
    for chapter in [
        "Chapter 1: Crossing",
        "Chapter 2: The Island",
        "Chapter 3: Salt",
    ] {
        h.get_by_role_and_label(Role::Button, chapter);
    }
    h.get_by_role_and_label(Role::Button, "Chapter 1: Crossing")
        .click();
    h.run_steps(6);
    // The paragraph with italics is drawn, and its italic run is the word the book marks.
    let paragraph = h.get_by_label_contains("said nothing, which was how");
    assert_eq!(paragraph.accesskit_node().role(), Role::Paragraph);
    let reader = h
        .state()
        .reader()
        .unwrap_or_else(|| panic!("a story is open"));
    let doc = &reader.story.document;
    let block = doc
        .blocks()
        .iter()
        .find(|b| doc.text(b).contains("said nothing"))
        .unwrap_or_else(|| panic!("the paragraph"));
    let italic: Vec<&str> = doc
        .spans(block)
        .filter(|s| s.style.has(Inline::ITALIC))
        .map(|s| &doc.text(block)[s.range])
        .collect();
    assert_eq!(italic, ["nothing"]);
}

#[test]
fn a_warning_filter_hides_a_download_and_brings_it_back() {
    let (_root, mut h) = with_downloads("epub-filter");
    assert!(rows(&h).contains(&"Salt Road".to_string()));
    h.get_by_label("Settings").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::CheckBox, "Character death")
        .click();
    h.run_steps(3);
    let shown = rows(&h);
    assert!(
        !shown.contains(&"Salt Road".to_string()),
        "AO3's Major Character Death is a character death: {shown:?}"
    );
    assert!(
        shown.contains(&"The Lamplighter's Ledger".to_string()),
        "chose not to warn: shown, marked, as for text stories: {shown:?}"
    );
    h.get_by_role_and_label(Role::CheckBox, "Character death")
        .click();
    h.run_steps(3);
    assert!(rows(&h).contains(&"Salt Road".to_string()), "back");
}

#[test]
fn an_html_download_shows_its_quote_list_and_image_placeholder() {
    let (_root, mut h) = with_downloads("html-window");
    open(&mut h, "The Lamplighter's Ledger");
    h.get_by_label("Contents").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Chapter 2: The Ledger")
        .click();
    h.run_steps(6);
    h.get_by_role_and_label(Role::Image, "Image: A sketch of Gull Point light");
    h.get_by_role_and_label(Role::ListItem, "The ship was light.");
    h.get_by_role_and_label(
        Role::Blockquote,
        "Merrow, out of Kell, twelve crew. Cargo: none declared.",
    );
}

#[test]
fn authors_notes_are_shown_apart_and_a_setting_leaves_them_out() {
    let (_root, mut h) = with_downloads("notes-window");
    open(&mut h, "The Lamplighter's Ledger");
    h.key_press(egui::Key::End);
    h.run_steps(4);
    h.get_by_label_contains("Chapter End Notes:");
    h.get_by_label_contains("Tobin came up the path at dusk");
    h.get_by_label("Settings").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::CheckBox, "Authors' notes")
        .click();
    h.run_steps(4);
    assert!(!h.state().settings().typography.show_notes);
    assert!(
        h.query_by_label_contains("Chapter End Notes:").is_none(),
        "notes are left out"
    );
    h.get_by_label_contains("Tobin came up the path at dusk");
}

#[test]
fn a_tag_clicked_on_the_title_page_shows_the_works_that_have_it() {
    let (_root, mut h) = with_downloads("title-page-tag");
    open(&mut h, "Salt Road");
    assert_eq!(rows(&h).len(), 10);
    h.get_by_role_and_label(Role::Link, "Folklore & Fairy Tales")
        .click();
    h.run_steps(3);
    let facets = &h.state().settings().filters.facets;
    assert_eq!(
        facets.mark(Facet::Fandom, "Folklore & Fairy Tales"),
        Mark::Included
    );
    assert_eq!(rows(&h), ["Salt Road"], "only the work with that fandom");
    // The sidebar opens on the choice, so it can be let go again there.
    h.get_by_label("Find a facet value");
    // The rating on the page is no link: only the groups the sidebar has are.
    assert!(
        h.query_by_role_and_label(Role::Link, "Chapters: 3/3")
            .is_none()
    );
}
