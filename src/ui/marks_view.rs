//! The Marks view: every highlight and note of the collection, newest first, searched by
//! words of the quote, the note, the title or the author; each opens its story at its place.

use egui::{RichText, Ui};

use super::Command;
use crate::collection::reading::{Mark, MarkKind};
use crate::ui::reader::marks::colour_of;

/// How much of a quote a row shows.
const QUOTE_CHARS: usize = 200;

/// The view's state: the marks as last read, and the search.
#[derive(Debug, Default)]
pub struct MarksView {
    /// Every mark, newest first.
    pub marks: Vec<Mark>,
    /// The database generation they were read at (`None`: read them again).
    pub read_at: Option<u64>,
    /// What the reader searches for.
    pub query: String,
}

/// The view, as a window over the library and reader.
pub fn marks_view_ui(
    ctx: &egui::Context,
    open: &mut bool,
    view: &mut MarksView,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Marks")
        .open(open)
        .default_size([560.0, 480.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Search marks");
                ui.add(
                    egui::TextEdit::singleline(&mut view.query)
                        .hint_text("words of a quote, a note, a title")
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
                if ui.button("Export all…").clicked() {
                    commands.push(Command::ExportMarks(true));
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("marks-view-scroll")
                .auto_shrink(false)
                .show(ui, |ui| rows_ui(ui, view, commands));
        });
}

fn rows_ui(ui: &mut Ui, view: &MarksView, commands: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    let words: Vec<String> = view
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut shown = 0;
    for mark in &view.marks {
        let MarkKind::Highlight(colour) = mark.kind else {
            continue;
        };
        let haystack = format!(
            "{} {} {} {}",
            mark.anchor.quote, mark.note, mark.title, mark.author
        )
        .to_lowercase();
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        shown += 1;
        ui.push_id(mark.id, |ui| {
            let by = if mark.author.is_empty() {
                String::new()
            } else {
                format!(" by {}", mark.author)
            };
            ui.label(RichText::new(format!("{}{by}", mark.title)).strong());
            let quote: String = mark.anchor.quote.chars().take(QUOTE_CHARS).collect();
            let text =
                RichText::new(format!("“{quote}”")).background_color(colour_of(colour, dark));
            if ui.link(text).on_hover_text("Open the story here").clicked() {
                commands.push(Command::OpenMark(
                    mark.hash.clone(),
                    mark.path.clone().into(),
                    mark.anchor.block,
                ));
            }
            if !mark.note.is_empty() {
                ui.label(RichText::new(&mark.note).italics());
            }
            ui.separator();
        });
    }
    if shown == 0 {
        let empty = if view.marks.is_empty() {
            "No highlights yet: drag over a passage in a story, then press 1-4."
        } else {
            "No highlights match."
        };
        ui.label(RichText::new(empty).weak());
    }
}
