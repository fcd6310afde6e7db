//! The filter sidebar through egui_kittest: a fandom included and a tag excluded narrow
//! the library and change the counts, a tag clicked in the details filters by it, and the
//! chosen facets are saved with the filters and come back after a restart.

mod common;

use std::path::Path;

use common::window::fresh_root;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::filter::facets::{Facet, Mark};
use ficshelf::paths::AppDirs;

/// Three stories of a fandom of their own, beside the eight samples.
fn write_stories(root: &Path) {
    let stories = AppDirs::under(root).default_collection();
    let story = |file: &str, header: &str| {
        let text = format!("{header}\n\nThe tide came in over the marsh, and then it went out.\n");
        common::write_at(&stories.join(file), text.as_bytes());
    };
    story(
        "harbour-lights.txt",
        "Title: Harbour Lights\nAuthor: Wren\nFandom: Saltmarsh\nTags: Fluff, Slow Burn",
    );
    story(
        "tern-song.txt",
        "Title: Tern Song\nAuthor: Ansel\nFandom: Saltmarsh\nTags: Angst",
    );
    story(
        "cold-tea.txt",
        "Title: Cold Tea\nAuthor: Wren\nFandom: saltmarsh\nTags: slow  burn, Angst",
    );
}

/// A window with the filter sidebar open (F8 where it starts closed).
fn window(root: &Path) -> Harness<'static, FicshelfApp> {
    let mut h = common::window::harness(root, Launch::default(), egui::Vec2::new(1280.0, 1200.0));
    h.run_steps(2);
    if h.query_by_label("Find a facet value").is_none() {
        h.key_press(egui::Key::F8);
        h.run_steps(3);
    }
    h
}

#[test]
fn the_sidebar_starts_closed_and_stays_as_left() {
    let root = fresh_root("facet-default");
    let mut h = common::window::harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    h.run_steps(2);
    assert!(
        h.query_by_label("Find a facet value").is_none(),
        "a first start gives the room to the library and the story"
    );
    h.get_by_label("Filter sidebar").click();
    h.run_steps(3);
    h.get_by_label("Find a facet value");
    // Closed as the desktop closes it; the next start opens with the sidebar as left.
    eframe::App::on_exit(h.state_mut(), None);
    drop(h);
    let mut h = common::window::harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    h.run_steps(2);
    h.get_by_label("Find a facet value");
}

fn titles_shown(h: &Harness<'_, FicshelfApp>) -> Vec<String> {
    let app = h.state();
    let mut titles: Vec<String> = app
        .library()
        .shown()
        .iter()
        .map(|&i| app.collection().entries[i].meta.title.clone())
        .collect();
    titles.sort();
    titles
}

/// The count shown beside a facet value.
fn count(h: &Harness<'_, FicshelfApp>, value: &str) -> f64 {
    let node = h.get_by_role_and_label(Role::CheckBox, value);
    node.accesskit_node().numeric_value().unwrap_or(-1.0)
}

fn open_section(h: &mut Harness<'_, FicshelfApp>, name: &str) {
    h.get_by_label(name).click();
    h.run_steps(3);
}

#[test]
fn including_a_fandom_and_excluding_a_tag_narrow_the_list_and_the_counts_and_stay() {
    let root = fresh_root("facets");
    write_stories(&root);
    let mut h = window(&root);
    assert_eq!(h.state().library().shown().len(), 11);
    assert_eq!(count(&h, "Saltmarsh"), 3.0, "case and spacing folded");
    assert_eq!(count(&h, "Wrenmouth (original setting)"), 5.0);

    h.get_by_role_and_label(Role::CheckBox, "Saltmarsh").click();
    h.run_steps(3);
    assert_eq!(
        titles_shown(&h),
        ["Cold Tea", "Harbour Lights", "Tern Song"]
    );
    assert!(
        h.query_by_role_and_label(Role::CheckBox, "Wrenmouth (original setting)")
            .is_none(),
        "counts are within the result: no other fandom is left"
    );
    open_section(&mut h, "Additional tags");
    assert_eq!(count(&h, "Slow Burn"), 2.0);
    assert_eq!(count(&h, "Angst"), 2.0);

    // A right-click excludes: any excluded tag leaves a work out.
    h.get_by_role_and_label(Role::CheckBox, "Angst")
        .click_secondary();
    h.run_steps(3);
    assert_eq!(titles_shown(&h), ["Harbour Lights"]);
    assert_eq!(count(&h, "Slow Burn"), 1.0, "the counts follow the result");
    assert_eq!(count(&h, "Saltmarsh"), 1.0);
    assert_eq!(h.state().settings().filters.facets.chosen(), 2);
    let saved = std::fs::read_to_string(AppDirs::under(&*root).settings()).unwrap_or_default();
    assert!(
        saved.contains("Saltmarsh") && saved.contains("Angst"),
        "{saved}"
    );
    drop(h);

    // After a restart the same facets are chosen and the same story listed.
    let mut h = window(&root);
    let facets = &h.state().settings().filters.facets;
    assert_eq!(facets.mark(Facet::Fandom, "saltmarsh"), Mark::Included);
    assert_eq!(facets.mark(Facet::Tag, "angst"), Mark::Excluded);
    assert_eq!(titles_shown(&h), ["Harbour Lights"]);
    // A second click on an included value excludes it; Clear lets everything go.
    h.get_by_role_and_label(Role::CheckBox, "Saltmarsh").click();
    h.run_steps(3);
    assert_eq!(
        h.state()
            .settings()
            .filters
            .facets
            .mark(Facet::Fandom, "Saltmarsh"),
        Mark::Excluded
    );
    assert_eq!(
        h.state().library().shown().len(),
        8,
        "the samples: none of Saltmarsh"
    );
    h.get_by_label("Clear").click();
    h.run_steps(3);
    assert!(h.state().settings().filters.facets.is_empty());
    assert_eq!(h.state().library().shown().len(), 11);
}

#[test]
fn a_tag_clicked_in_the_details_filters_by_it_and_the_sidebar_folds_away() {
    let root = fresh_root("facet-details");
    write_stories(&root);
    let mut h = window(&root);
    h.get_by_role_and_label(Role::Button, "Harbour Lights")
        .click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Fluff").click();
    h.run_steps(3);
    assert_eq!(titles_shown(&h), ["Harbour Lights"]);
    assert_eq!(
        h.state()
            .settings()
            .filters
            .facets
            .mark(Facet::Tag, "fluff"),
        Mark::Included
    );
    // Closing the sidebar keeps the library's width.
    let width = h.state().window_state().library_width;
    h.get_by_label("Filter sidebar").click();
    h.run_steps(3);
    assert!(h.query_by_label("Find a facet value").is_none());
    assert_eq!(h.state().window_state().library_width, width);
    h.key_press(egui::Key::F8);
    h.run_steps(3);
    h.get_by_label("Find a facet value");
}

#[test]
fn opening_a_story_moves_it_to_reading_in_the_status_facet() {
    let root = fresh_root("facet-status");
    let mut h = window(&root);
    assert_eq!(count(&h, "Unread"), 8.0);
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, "Tidewrack").click();
        h.step();
    }
    h.run_steps(4);
    assert_eq!(count(&h, "Unread"), 7.0);
    assert_eq!(count(&h, "Reading"), 1.0);
}
