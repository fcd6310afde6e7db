//! The question asked before a story leaves the collection: it goes to the system Trash,
//! never straight to deletion, and only when the reader says so.

use egui::{Context, Id, Modal, RichText};

/// What the reader answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Still asking.
    Waiting,
    /// Move it to the Trash.
    Yes,
    /// Keep it (the button, Escape, or a click beside the dialog).
    No,
}

/// Asks whether to move the story `title` (file `file`) to the Trash.
pub fn trash_ui(ctx: &Context, title: &str, file: &str) -> Answer {
    let mut answer = Answer::Waiting;
    let modal = Modal::new(Id::unique("confirm-trash")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Move \u{201c}{title}\u{201d} to the Trash?"));
        ui.add_space(6.0);
        ui.label(format!(
            "The file {file} leaves the collection folder for the system Trash, where you \
             can restore it. Your place in it is remembered if it comes back."
        ));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let yes = ui.button(RichText::new("Move to Trash").strong());
            if yes.clicked() {
                answer = Answer::Yes;
            }
            if ui.button("Keep it").clicked() {
                answer = Answer::No;
            }
        });
    });
    if answer == Answer::Waiting && modal.should_close() {
        answer = Answer::No;
    }
    answer
}
