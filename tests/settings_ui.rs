//! The settings panel through egui_kittest: typography saved and restored, themes, and the
//! warning and rating filters acting on the sample collection.

mod common;

use std::path::{Path, PathBuf};

use common::window::{fresh_root, notice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::filter::Verdict;
use ficshelf::paths::AppDirs;
use ficshelf::settings::Theme;

fn harness(root: &Path) -> Harness<'static, FicshelfApp> {
    // Tall enough that the whole settings panel is on screen for the clicks.
    common::window::harness(root, Launch::default(), egui::Vec2::new(1280.0, 1800.0))
}

fn open_settings(h: &mut Harness<'_, FicshelfApp>) {
    h.get_by_label("Settings").click();
    h.run_steps(3);
}

/// Titles listed as story rows (folded rows don't count).
fn story_rows(h: &Harness<'_, FicshelfApp>) -> Vec<String> {
    let app = h.state();
    let lib = app.library();
    (0..lib.shown().len())
        .filter(|&row| !lib.verdict(row).is_hidden() || lib.show_hidden)
        .map(|row| {
            app.collection().entries[lib.shown()[row]]
                .meta
                .title
                .clone()
        })
        .collect()
}

fn pick(h: &mut Harness<'_, FicshelfApp>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(2);
    h.get_by_label(option).click();
    h.run_steps(3);
}

#[test]
fn the_text_size_set_in_the_panel_is_saved_and_restored() {
    let root = fresh_root("size");
    let mut h = harness(&root);
    open_settings(&mut h);
    // Five steps up, the way a screen reader moves a slider.
    for _ in 0..5 {
        h.get_by_role_and_label(Role::Slider, "text size (Ctrl+= / Ctrl+-)")
            .increment_accesskit();
        h.run_steps(2);
    }
    let size = h.state().settings().typography.size;
    assert_eq!(size, 24.0, "five steps up from 19");
    let saved = std::fs::read_to_string(AppDirs::under(&*root).settings()).unwrap_or_default();
    assert!(saved.contains("size: 24.0"), "{saved}");
    drop(h);
    let h = harness(&root);
    assert_eq!(
        h.state().settings().typography.size,
        24.0,
        "a new app instance reads it back"
    );
}

#[test]
fn switching_theme_recolours_the_window() {
    let root = fresh_root("theme");
    let mut h = harness(&root);
    open_settings(&mut h);
    h.get_by_label("Sepia").click();
    h.run_steps(3);
    assert_eq!(h.state().settings().theme, Theme::Sepia);
    let panel = h.ctx.global_style().visuals.panel_fill;
    assert_eq!(
        panel,
        egui::Color32::from_rgb(0xe9, 0xdf, 0xc6),
        "sepia panels"
    );
    h.get_by_label("Black (OLED)").click();
    h.run_steps(3);
    assert!(h.ctx.global_style().visuals.dark_mode);
    assert_eq!(
        h.ctx.global_style().visuals.extreme_bg_color,
        egui::Color32::BLACK
    );
}

#[test]
fn a_maximum_rating_of_teen_hides_mature_and_explicit_samples_and_counts_them() {
    let root = fresh_root("rating");
    let mut h = harness(&root);
    assert_eq!(story_rows(&h).len(), 8);
    open_settings(&mut h);
    pick(&mut h, "Highest rating shown", "Teen");
    let rows = story_rows(&h);
    for gone in ["Café Solenne", "The False Light", "The Winter Mooring"] {
        assert!(
            !rows.contains(&gone.to_string()),
            "{gone} is hidden: {rows:?}"
        );
        assert!(h.query_by_role_and_label(Role::Button, gone).is_none());
    }
    assert_eq!(rows.len(), 5);
    h.get_by_label_contains("3 hidden by your filters");
    h.get_by_label("Hidden: Explicit");
    assert_eq!(h.get_all_by_label("Hidden: Mature").count(), 2);
    // A folded row reveals its story on click.
    h.get_by_label("Hidden: Explicit").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "The Winter Mooring");
}

#[test]
fn excluding_character_death_and_the_strict_choice_for_stories_that_dont_say() {
    let root = fresh_root("warnings");
    let mut h = harness(&root);
    open_settings(&mut h);
    h.get_by_label("Character death").click();
    h.run_steps(3);
    let rows = story_rows(&h);
    assert!(
        !rows.contains(&"Café Solenne".to_string()),
        "warns of a character death: {rows:?}"
    );
    let unknown = [
        "The mending song",
        "A wind for tam",
        "The Marigold Runs Late",
    ];
    for title in unknown {
        assert!(
            rows.contains(&title.to_string()),
            "lenient: {title} is shown, marked"
        );
    }
    let lib = h.state().library();
    let marked = (0..lib.shown().len())
        .filter(|&row| matches!(lib.verdict(row), Verdict::Shown { unknown: true }))
        .count();
    assert_eq!(
        marked, 3,
        "and marked as maybe containing what was excluded"
    );
    h.get_by_label("hide it (strict)").click();
    h.run_steps(3);
    let rows = story_rows(&h);
    for title in unknown {
        assert!(
            !rows.contains(&title.to_string()),
            "strict: {title} is hidden"
        );
    }
    assert_eq!(rows.len(), 4, "{rows:?}");
    h.get_by_label_contains("4 hidden by your filters");
    assert!(h.get_all_by_label("Hidden: warnings not given").count() == 3);
}

#[test]
fn a_corrupt_settings_file_gives_the_defaults_and_says_so_once() {
    let root = fresh_root("corrupt");
    let settings = AppDirs::under(&*root).settings();
    common::write_at(&settings, b"(typography: (size: oops");
    let h = harness(&root);
    assert_eq!(
        h.state().settings(),
        &ficshelf::settings::Settings::default()
    );
    let notice = notice(&h);
    assert!(
        notice.contains("could not be understood") && notice.contains("settings.ron.bad"),
        "{notice}"
    );
    h.get_by_label_contains("could not be understood");
    assert!(
        settings.with_extension("ron.bad").exists(),
        "the damaged file is kept"
    );
    drop(h);
    let h = harness(&root);
    assert!(
        h.state().notice().is_none(),
        "told once: the next start is quiet"
    );
}

#[test]
fn a_hidden_story_opened_from_the_command_line_asks_first() {
    let root = fresh_root("cli-hidden");
    common::write_at(
        &AppDirs::under(&*root).settings(),
        b"(filters: (max_rating: teen))",
    );
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("library/the-winter-mooring.txt");
    let launch = Launch {
        files: vec![sample],
        screenshot: None,
    };
    let mut h = common::window::harness(&root, launch, egui::Vec2::new(1280.0, 800.0));
    h.run_steps(3);
    assert!(h.state().reader().is_none(), "not opened without asking");
    h.get_by_label_contains("hidden by your filters (Explicit)");
    h.get_by_label("Open anyway").click();
    h.run_steps(3);
    assert_eq!(
        h.state().reader().map(|r| r.story.title.as_str()),
        Some("The Winter Mooring")
    );
}

#[test]
fn warnings_can_be_kept_out_of_sight() {
    use egui_kittest::kittest::NodeT;
    let root = fresh_root("spoilers");
    let mut h = harness(&root);
    open_settings(&mut h);
    h.get_by_label("Keep warnings out of sight until I ask (no spoilers)")
        .click();
    h.run_steps(3);
    assert!(h.state().settings().filters.hide_warnings);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    let row = h.get_by_role_and_label(Role::Button, "Café Solenne");
    row.click();
    h.step();
    h.get_by_role_and_label(Role::Button, "Café Solenne")
        .click();
    h.run_steps(4);
    let page = h.get_by_role(Role::Document);
    let spoken = page.accesskit_node().label().unwrap_or_default();
    assert!(spoken.contains("warnings hidden"), "{spoken}");
    assert!(!spoken.contains("Character death"), "{spoken}");
    h.get_by_label("Warnings (hidden)");
}
