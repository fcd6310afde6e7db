//! The window by keyboard alone: Tab reaches the main controls (each with a label for
//! screen readers), Enter opens, Escape closes, F1 shows the shortcuts.

mod common;

use common::TestDir;
use common::window::{fresh_root, harness};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use ficshelf::app::{FicshelfApp, Launch};

/// The window, and its folder (removed when the test drops it).
fn window(name: &str) -> (TestDir, Harness<'static, FicshelfApp>) {
    let root = fresh_root(name);
    let h = harness(&root, Launch::default(), egui::Vec2::new(1280.0, 800.0));
    (root, h)
}

/// The label of the control that has the keyboard, if any.
fn focused(h: &Harness<'_, FicshelfApp>) -> Option<String> {
    h.query_by(|node| node.is_focused())
        .map(|node| node.accesskit_node().label().unwrap_or_default())
}

#[test]
fn tab_walks_the_main_controls_each_with_a_label() {
    let (_root, mut h) = window("tab");
    let mut seen = Vec::new();
    // Round the whole window: the library, the filter sidebar and back to the details.
    for _ in 0..80 {
        h.key_press(Key::Tab);
        h.run_steps(2);
        let label = focused(&h).expect("Tab always lands on a control");
        assert!(!label.trim().is_empty(), "a control without a label");
        seen.push(label);
    }
    for control in [
        "Import…",
        "Settings",
        "Help",
        "Café Solenne",
        "Tidewrack",
        "Open",
        "Move to Trash…",
    ] {
        assert!(
            seen.iter().any(|s| s == control),
            "Tab never reached {control}: {seen:?}"
        );
    }
    assert!(
        h.query_by(|n| n.is_focused() && n.label().is_some_and(|l| !l.is_empty()))
            .is_some()
    );
}

#[test]
fn a_story_reached_by_tab_opens_with_enter() {
    let (_root, mut h) = window("enter");
    for _ in 0..40 {
        h.key_press(Key::Tab);
        h.run_steps(2);
        if focused(&h).as_deref() == Some("Tidewrack") {
            break;
        }
    }
    assert_eq!(focused(&h).as_deref(), Some("Tidewrack"));
    h.key_press(Key::Enter);
    h.run_steps(4);
    let open = h.state().reader().map(|r| r.story.title.clone());
    assert_eq!(open.as_deref(), Some("Tidewrack"));
}

#[test]
fn f1_shows_the_shortcuts_and_escape_closes_them_and_the_settings() {
    let (_root, mut h) = window("help");
    h.key_press(Key::F1);
    h.run_steps(4);
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("Move between controls");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Move between controls").is_none());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run_steps(4);
    assert!(h.state().settings_shown());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().settings_shown());

    // The About box names the version and credits the bundled fonts.
    h.get_by_label("Help").click();
    h.run_steps(3);
    h.get_by_label("About Ficshelf").click();
    h.run_steps(4);
    h.get_by_label_contains(env!("CARGO_PKG_VERSION"));
    h.get_by_label_contains("Abelardo (Abbie) Gonzalez");
}
