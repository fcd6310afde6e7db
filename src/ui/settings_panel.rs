//! The settings panel: typography with a live preview, themes and UI scale, warning and
//! rating filters, and the collection folder. It edits the settings in place; the app saves
//! them and applies what changed after the frame.

use egui::{RichText, Slider, Ui};

use super::{Command, content_filters};
use crate::collection::filter::{Filters, HiddenRows, Unknowns};
use crate::settings::{
    COLUMN_RANGE, LINE_HEIGHT_RANGE, MARGIN_RANGE, PARAGRAPH_SPACING_RANGE, ReadingFont,
    ReadingMode, Settings, TEXT_SIZE_RANGE, Theme, Typography, UI_SCALE_RANGE,
};

/// Text of the preview in the panel.
const PREVIEW: &str = "The lamp had to be lit by six, and Mara was late again. \u{201c}You\u{2019}ll be the death of that light,\u{201d} \
said old Bram from the harbour wall \u{2013} but he smiled when he said it, and the tide was turning anyway.";

/// The settings panel, as a window. Returns true while it stays open.
pub fn settings_ui(
    ctx: &egui::Context,
    settings: &mut Settings,
    collection_root: &std::path::Path,
    preview: impl FnOnce(&mut Ui, &Settings),
    commands: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    let right = ctx.content_rect().right_top() + egui::vec2(-470.0, 40.0);
    egui::Window::new("Settings")
        .open(&mut open)
        .default_pos(right)
        .default_width(440.0)
        .default_height((ctx.content_rect().height() - 80.0).max(300.0))
        .vscroll(true)
        .show(ctx, |ui| {
            egui::CollapsingHeader::new(RichText::new("Reading").strong())
                .default_open(true)
                .show(ui, |ui| {
                    typography_ui(ui, &mut settings.typography, commands);
                    ui.horizontal(|ui| {
                        ui.label("Reading mode");
                        ui.radio_value(
                            &mut settings.reading_mode,
                            ReadingMode::Continuous,
                            "Scroll",
                        );
                        ui.radio_value(&mut settings.reading_mode, ReadingMode::Paged, "Pages")
                            .on_hover_text("Ctrl+M");
                    });
                    ui.add(
                        Slider::new(&mut settings.words_per_minute, 100..=600)
                            .text("words a minute, for time left"),
                    );
                    ui.add_space(6.0);
                    ui.label(RichText::new("Preview").weak());
                    preview(ui, settings);
                });
            egui::CollapsingHeader::new(RichText::new("Appearance").strong())
                .default_open(true)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("Theme");
                        for theme in Theme::ALL {
                            ui.radio_value(&mut settings.theme, theme, theme.label());
                        }
                    });
                    ui.add(
                        Slider::new(&mut settings.ui_scale, UI_SCALE_RANGE)
                            .text("panel and menu scale"),
                    );
                });
            egui::CollapsingHeader::new(RichText::new("Filters").strong())
                .default_open(true)
                .show(ui, |ui| {
                    filters_ui(ui, &mut settings.filters);
                });
            egui::CollapsingHeader::new(RichText::new("Collection").strong())
                .default_open(true)
                .show(ui, |ui| {
                    ui.label(collection_root.display().to_string());
                    if ui.button("Choose another folder…").clicked() {
                        commands.push(Command::PickCollectionFolder);
                    }
                });
        });
    open
}

/// A paragraph set as the story would be, on the page's paper.
pub fn preview_ui(ui: &mut Ui, t: &crate::ui::reader::Typography, paper: egui::Color32) {
    egui::Frame::new()
        .fill(paper)
        .inner_margin(12.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            let job = t.job(crate::engine::BlockKind::Paragraph, PREVIEW, &[], &[], None);
            let galley = ui.painter().layout_job(job);
            let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
            ui.painter().galley(rect.min, galley, t.ink);
        });
}

fn typography_ui(ui: &mut Ui, t: &mut Typography, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Font");
        egui::ComboBox::from_id_salt("font")
            .selected_text(t.font.label())
            .show_ui(ui, |ui| {
                for font in ReadingFont::BUNDLED {
                    let label = font.label();
                    ui.selectable_value(&mut t.font, font, label);
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .button("Your own font…")
            .on_hover_text("A TrueType or OpenType file")
            .clicked()
        {
            commands.push(Command::PickFont);
        }
    });
    // Bound to the setting itself: Ctrl+= and Ctrl+- change the same value.
    ui.add(
        Slider::new(&mut t.size, TEXT_SIZE_RANGE)
            .step_by(1.0)
            .text("text size (Ctrl+= / Ctrl+-)"),
    );
    ui.add(
        Slider::new(&mut t.line_height, LINE_HEIGHT_RANGE)
            .step_by(0.05)
            .text("line height"),
    );
    ui.add(
        Slider::new(&mut t.paragraph_spacing, PARAGRAPH_SPACING_RANGE)
            .step_by(0.05)
            .text("space between paragraphs"),
    );
    ui.add(Slider::new(&mut t.column_chars, COLUMN_RANGE).text("column width (characters)"));
    ui.add(
        Slider::new(&mut t.margin, MARGIN_RANGE)
            .step_by(0.5)
            .text("least margin (ems)"),
    );
    ui.horizontal(|ui| {
        ui.checkbox(&mut t.first_line_indent, "Indent first lines");
        ui.checkbox(&mut t.justify, "Justify");
        ui.checkbox(&mut t.show_notes, "Authors' notes")
            .on_hover_text("Show authors' notes (A/N, chapter and end notes) in the story");
    });
    if ui.button("Reset typography").clicked() {
        *t = Typography::default();
    }
}

fn filters_ui(ui: &mut Ui, f: &mut Filters) {
    content_filters::rating_ui(ui, f, "settings-max-rating");
    content_filters::warnings_ui(ui, f, None);
    // The line as typed lives in egui's memory while the window is open.
    let id = egui::Id::unique("settings-excluded-words");
    let mut typed = ui.data(|d| d.get_temp::<String>(id));
    content_filters::phrases_ui(ui, f, &mut typed);
    if let Some(typed) = typed {
        ui.data_mut(|d| d.insert_temp(id, typed));
    }
    ui.label(
        RichText::new(
            "The library\u{2019}s filter sidebar (Filters, F8) has the same filters with how \
             many stories each one hides, and the tags to browse by.",
        )
        .weak(),
    );
    ui.label("When a story doesn\u{2019}t say (no warnings, or chose not to warn)");
    ui.horizontal(|ui| {
        ui.radio_value(&mut f.unknowns, Unknowns::ShowMarked, "show it, marked");
        ui.radio_value(&mut f.unknowns, Unknowns::Hide, "hide it (strict)");
    });
    ui.horizontal(|ui| {
        ui.label("Hidden stories");
        ui.radio_value(&mut f.hidden_rows, HiddenRows::Collapse, "fold to one line");
        ui.radio_value(&mut f.hidden_rows, HiddenRows::Vanish, "vanish");
    });
    ui.checkbox(
        &mut f.hide_warnings,
        "Keep warnings out of sight until I ask (no spoilers)",
    );
}
