//! The files that make a work saved in several files, in the selected story's details: each
//! file in reading order (a click selects it), and the reader's correction of a wrong
//! group: take this file out of the work, or split the work into separate stories. A file
//! kept apart that way says so, with **Join again** to undo it.

use egui::{RichText, Ui};

use super::{Command, thousands};
use crate::collection::Entry;
use crate::collection::works::WorkIndex;

/// One line under the byline: which part of which work this file is, or that the reader
/// kept it apart from one, with **Join again**.
pub fn work_line_ui(ui: &mut Ui, index: usize, works: &WorkIndex, commands: &mut Vec<Command>) {
    if let Some(apart) = works.apart(index) {
        let files = apart.join.files.len();
        let why = if apart.taken_out {
            "you took this file out"
        } else {
            "you split it into separate stories"
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "Kept apart from \u{201c}{}\u{201d}, a work in {files} files: {why}.",
                    apart.title
                ))
                .small(),
            );
            let join = ui.small_button("Join again").on_hover_text(format!(
                "Put \u{201c}{}\u{201d} back together: its {files} files as one work",
                apart.title
            ));
            if join.clicked() {
                commands.push(Command::JoinWork(apart.join.clone()));
            }
        });
        return;
    }
    let Some(w) = works.of_entry(index) else {
        return;
    };
    let work = &works.works[w];
    let Some(part) = work.files.iter().position(|&f| f == index) else {
        return;
    };
    let line = format!(
        "Part {} of \u{201c}{}\u{201d}, a work in {} files",
        part + 1,
        work.title,
        work.files.len()
    );
    ui.label(RichText::new(line).small().weak());
}

/// The work's files in reading order (a click selects one) and the corrections of a wrong
/// group, under a header that folds; nothing for a work of one file.
pub fn work_files_ui(
    ui: &mut Ui,
    index: usize,
    (works, entries): (&WorkIndex, &[Entry]),
    commands: &mut Vec<Command>,
) {
    let Some(w) = works.of_entry(index) else {
        return;
    };
    let work = &works.works[w];
    egui::CollapsingHeader::new(format!("Files of this work ({})", work.files.len()))
        .id_salt("work-files")
        .default_open(true)
        .show(ui, |ui| {
            for (n, &file) in work.files.iter().enumerate() {
                let Some(e) = entries.get(file) else {
                    continue;
                };
                let name = e.file_name();
                let text = format!("{}. {name} ({} words)", n + 1, thousands(e.meta.words));
                if file == index {
                    ui.label(
                        RichText::new(format!("{text} \u{00b7} this one"))
                            .small()
                            .strong(),
                    );
                } else if ui
                    .link(RichText::new(text).small())
                    .on_hover_text("Show this file's details")
                    .clicked()
                {
                    commands.push(Command::Select(file));
                }
            }
            ui.horizontal_wrapped(|ui| {
                let hash = &entries[index].hash;
                if ui
                    .small_button("Take this file out")
                    .on_hover_text(
                        "Not part of this work? List it as a story of its own \
                         (Join again undoes it)",
                    )
                    .clicked()
                {
                    commands.push(Command::TakeOutOfWork(hash.clone()));
                }
                if let Some(key) = &work.key
                    && ui
                        .small_button("Split into separate stories")
                        .on_hover_text(
                            "Not one work? List each of its files as a story of its own \
                             (Join again undoes it)",
                        )
                        .clicked()
                {
                    commands.push(Command::SplitWork(key.clone(), index));
                }
            });
        });
}
