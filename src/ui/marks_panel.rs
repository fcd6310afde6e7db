//! The Marks panel beside the story: its bookmarks and highlights in reading order, each
//! jumped to with a click, a note edited in place on each highlight, deleted with Undo;
//! and the story's export and "copy for a comment".

use egui::{RichText, Ui};

use super::Command;
use crate::collection::marks_export;
use crate::collection::reading::{Mark, MarkKind};
use crate::ui::reader::ReaderView;
use crate::ui::reader::marks::{self, MarkChange, colour_of};

/// How much of a quote a row shows.
const QUOTE_CHARS: usize = 160;

/// The panel, on the right of the story. Call before the reader pane.
pub fn marks_panel_ui(ui: &mut Ui, view: &mut ReaderView, commands: &mut Vec<Command>) {
    egui::Panel::right("marks-panel")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=520.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("In this story");
                if view.marks.deleted.is_some() && ui.button("Undo delete").clicked() {
                    marks::undo_delete(view);
                }
            });
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("All marks…")
                    .on_hover_text("Every highlight and note in your collection (F7)")
                    .clicked()
                {
                    commands.push(Command::ToggleMarksView);
                }
                if ui
                    .button("Export…")
                    .on_hover_text("Markdown or JSON")
                    .clicked()
                {
                    commands.push(Command::ExportMarks(false));
                }
                let all: Vec<Mark> = view.marks.shown.iter().map(|s| s.mark.clone()).collect();
                let comment = marks_export::for_comment(&all);
                let copy = ui
                    .add_enabled(comment.is_some(), egui::Button::new("Copy for a comment"))
                    .on_hover_text("The title, your highlights and notes, to paste to the author");
                if copy.clicked()
                    && let Some(text) = comment
                {
                    ui.ctx().copy_text(text);
                }
            });
            ui.separator();
            if view.marks.shown.is_empty() {
                ui.label(
                    RichText::new(
                        "No marks yet. Ctrl+D sets a bookmark; drag over text, then 1-4, \
                         highlights it.",
                    )
                    .weak(),
                );
            }
            egui::ScrollArea::vertical()
                .id_salt("marks-panel-scroll")
                .auto_shrink(false)
                .show(ui, |ui| rows_ui(ui, view));
        });
}

fn rows_ui(ui: &mut Ui, view: &mut ReaderView) {
    let dark = ui.visuals().dark_mode;
    let mut go = None;
    let mut delete = None;
    for (i, shown) in view.marks.shown.iter_mut().enumerate() {
        let mark = &mut shown.mark;
        ui.push_id(mark.id, |ui| {
            let (label, fill) = match mark.kind {
                MarkKind::Bookmark => ("Bookmark".to_string(), None),
                MarkKind::Highlight(c) => {
                    (format!("Highlight, {}", c.key()), Some(colour_of(c, dark)))
                }
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(label).small().weak());
                if shown.range.is_none() {
                    ui.label(RichText::new("not found in this version").small().weak());
                }
                if ui.small_button("Delete").clicked() {
                    delete = Some(mark.id);
                }
            });
            let mut quote: String = mark.anchor.quote.chars().take(QUOTE_CHARS).collect();
            if quote.len() < mark.anchor.quote.len() || mark.kind == MarkKind::Bookmark {
                quote.push('…');
            }
            let mut text = RichText::new(format!("“{quote}”"));
            if let Some(fill) = fill {
                text = text.background_color(fill);
            }
            if ui.link(text).on_hover_text("Go there").clicked() {
                go = Some(i);
            }
            if matches!(mark.kind, MarkKind::Highlight(_)) {
                let note = ui.add(
                    egui::TextEdit::multiline(&mut mark.note)
                        .hint_text("Add a note")
                        .desired_rows(1)
                        // Less the box's own margin: at the full width, the panel would
                        // grow by it every frame.
                        .desired_width(ui.available_width() - 12.0),
                );
                if note.lost_focus() {
                    view.marks
                        .changes
                        .push(MarkChange::Note(mark.id, mark.note.clone()));
                }
            }
            ui.separator();
        });
    }
    if let Some(i) = go {
        let shown = view.marks.shown[i].clone();
        marks::go_to(view, &shown);
    }
    if let Some(id) = delete {
        marks::delete(view, id);
    }
}
