//! Help: the keyboard shortcuts sheet (F1 or ?) and the About box with the version and the
//! licences of the bundled fonts.

use egui::{Context, RichText, Ui};

/// Every shortcut, by where it works: shown on the sheet, and the README's table.
pub const SHORTCUTS: [Section; 5] = [
    (
        "Library",
        &[
            ("Ctrl+L", "Search the library"),
            ("\u{2191} / \u{2193} in the search", "Choose a story"),
            ("Enter", "Open the chosen story"),
            ("Delete", "Move the chosen story to the Trash (asks first)"),
            ("Ctrl+O", "Import story files"),
        ],
    ),
    (
        "Reading",
        &[
            ("Space / Page Down", "Next screen"),
            ("Shift+Space / Page Up", "Previous screen"),
            ("\u{2193} / \u{2191}", "A line down or up"),
            (
                "\u{2192} / \u{2190}",
                "Next or previous page (paged reading)",
            ),
            ("Home / End", "Start or end of the story"),
            ("Ctrl+M", "Continuous or paged reading"),
            ("Ctrl+= / Ctrl+- / Ctrl+0", "Larger, smaller, default text"),
        ],
    ),
    (
        "Find in the story",
        &[
            ("Ctrl+F", "Find"),
            ("Enter / F3", "Next match"),
            ("Shift+F3", "Previous match"),
            ("Escape", "Close the find bar"),
        ],
    ),
    (
        "Marks",
        &[
            ("Ctrl+D", "Set or remove a bookmark"),
            ("Drag, then 1-4", "Highlight the passage in a colour"),
            ("F7", "Every highlight and note"),
            ("Ctrl+Shift+F", "Search every word of the collection"),
        ],
    ),
    (
        "Window",
        &[
            ("Tab / Shift+Tab", "Move between controls"),
            ("F9", "Show or hide the library"),
            ("F11", "Full screen"),
            ("Ctrl+,", "Settings"),
            ("Escape", "Close settings, help, or leave full screen"),
            ("F1 or ?", "This list"),
        ],
    ),
];

/// A fixed window in the middle of the screen, closed by its button (or Escape).
fn centred<'a>(title: &str, open: &'a mut bool) -> egui::Window<'a> {
    egui::Window::new(title)
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
}

/// The bundled fonts: name, licence, and who to credit.
const FONTS: &[(&str, &str, &str)] = &[
    (
        "Literata",
        "SIL Open Font License 1.1",
        "TypeTogether for Google",
    ),
    (
        "Source Serif 4",
        "SIL Open Font License 1.1 (Reserved Font Name \u{201c}Source\u{201d})",
        "Frank Grie\u{df}hammer, Adobe",
    ),
    (
        "Atkinson Hyperlegible",
        "SIL Open Font License 1.1",
        "Braille Institute of America",
    ),
    (
        "OpenDyslexic",
        "CC BY 3.0 and the Bitstream Vera licence",
        "Abelardo (Abbie) Gonzalez; base glyphs by Bitstream",
    ),
];

/// A section of the shortcuts: its title and (keys, what they do).
type Section = (&'static str, &'static [(&'static str, &'static str)]);

/// The shortcuts sheet while `open`; Escape or the close button closes it.
pub fn shortcuts_ui(ctx: &Context, open: &mut bool) {
    centred("Keyboard shortcuts", open).show(ctx, |ui| {
        let screen = ui.ctx().content_rect();
        egui::ScrollArea::vertical()
            .max_height(screen.height() - 140.0)
            .show(ui, |ui| {
                if screen.width() >= 1000.0 {
                    // Library, find and marks on the left, reading and the window on the right.
                    ui.horizontal_top(|ui| {
                        let (left, right) = (
                            [SHORTCUTS[0], SHORTCUTS[2], SHORTCUTS[3]],
                            [SHORTCUTS[1], SHORTCUTS[4]],
                        );
                        ui.vertical(|ui| sections_ui(ui, "left", &left));
                        ui.add_space(24.0);
                        ui.vertical(|ui| sections_ui(ui, "right", &right));
                    });
                } else {
                    sections_ui(ui, "all", &SHORTCUTS);
                }
            });
    });
}

fn sections_ui(ui: &mut Ui, id: &str, sections: &[Section]) {
    for (n, (title, keys)) in sections.iter().enumerate() {
        if n > 0 {
            ui.add_space(10.0);
        }
        ui.label(RichText::new(*title).strong());
        egui::Grid::new((id, n))
            .num_columns(2)
            .spacing([16.0, 3.0])
            .show(ui, |ui| {
                for (key, what) in *keys {
                    ui.label(RichText::new(*key).monospace());
                    ui.label(*what);
                    ui.end_row();
                }
            });
    }
}

/// The About box while `open`.
pub fn about_ui(ctx: &Context, open: &mut bool) {
    centred("About Ficshelf", open).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Ficshelf {}", env!("CARGO_PKG_VERSION")));
        ui.label(format!("{}.", env!("CARGO_PKG_DESCRIPTION")));
        ui.label(format!("Licence: {}.", env!("CARGO_PKG_LICENSE")));
        ui.add_space(8.0);
        ui.label(RichText::new("Reading fonts").strong());
        fonts_ui(ui);
        ui.add_space(8.0);
        ui.label(
            "The sample stories are original works given to the public domain (CC0). \
                 The licence texts are in the assets/fonts folder of the source.",
        );
    });
}

fn fonts_ui(ui: &mut Ui) {
    egui::Grid::new("fonts")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for (name, licence, credit) in FONTS {
                ui.label(*name);
                ui.label(format!("{licence}. By {credit}."));
                ui.end_row();
            }
        });
}
