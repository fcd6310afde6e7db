//! The selected story's details: its status and lists, summary, every header field,
//! warnings as written and as read, encoding and file path, and the button that opens it.

use egui::{RichText, Ui};

use super::marks::{Marks, marks_row_ui};
use super::{Command, rating_badge, thousands, warning_markers};
use crate::collection::Entry;
use crate::collection::filter::facets::{Facet, Mark};
use crate::engine::FieldKey;

/// Fields shown above the list of other fields.
const SHOWN_FIRST: &[FieldKey] = &[
    FieldKey::Title,
    FieldKey::Author,
    FieldKey::Rating,
    FieldKey::Warnings,
    FieldKey::Summary,
];

/// The details of one library entry.
/// With `hide_warnings`, warnings stay folded away until the reader opens them.
pub fn details_ui(
    ui: &mut Ui,
    (index, entry): (usize, &Entry),
    marks: Marks<'_>,
    hide_warnings: bool,
    commands: &mut Vec<Command>,
) {
    let meta = &entry.meta;
    ui.horizontal(|ui| {
        rating_badge(ui, meta.rating, meta.rating_raw.as_deref());
        ui.label(RichText::new(&meta.title).strong());
    });
    if let Some(author) = &meta.author {
        ui.label(format!("by {author}"));
    }
    marks_row_ui(ui, marks, commands);
    let warnings = |ui: &mut Ui| {
        ui.horizontal_wrapped(|ui| {
            for (label, color) in warning_markers(&meta.warnings) {
                ui.label(RichText::new(label).color(color).small());
            }
            for tag in &meta.warnings.tags {
                ui.label(RichText::new(tag).small().weak());
            }
        });
        if let Some(raw) = &meta.warnings.raw {
            ui.label(
                RichText::new(format!("\u{201c}{raw}\u{201d}"))
                    .small()
                    .weak(),
            );
        }
    };
    if hide_warnings {
        egui::CollapsingHeader::new(RichText::new("Warnings (hidden)").small())
            .id_salt(("warnings", index))
            .show(ui, warnings);
    } else {
        warnings(ui);
    }
    if let Some(summary) = meta.field(FieldKey::Summary) {
        ui.add_space(4.0);
        ui.label(summary);
    }
    tags_ui(ui, entry, commands);
    ui.add_space(6.0);
    egui::CollapsingHeader::new("All details")
        .id_salt("all-details")
        .show(ui, |ui| {
            egui::Grid::new("fields")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    let row = |ui: &mut Ui, name: &str, value: &str| {
                        ui.label(RichText::new(name).weak());
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    };
                    if let Some(raw) = &meta.rating_raw {
                        row(ui, "Rating", raw);
                    }
                    for field in meta.fields.iter().filter(|f| !SHOWN_FIRST.contains(&f.key)) {
                        row(ui, &field.label, &field.value);
                    }
                    for note in &meta.header_notes {
                        row(ui, "Note", note);
                    }
                    row(
                        ui,
                        "Length",
                        &format!("{} words, {} parts", thousands(meta.words), meta.parts),
                    );
                    let status = match meta.complete {
                        Some(true) => "Complete",
                        Some(false) => "Work in progress",
                        None => "Not said",
                    };
                    row(ui, "Status", status);
                    row(ui, "Encoding", meta.encoding.name());
                    row(ui, "File", &entry.path.display().to_string());
                });
        });
}

/// The work's fandoms, relationships, characters and tags; a click shows only the works
/// that have it (a facet in the filter sidebar).
fn tags_ui(ui: &mut Ui, entry: &Entry, commands: &mut Vec<Command>) {
    let m = &entry.meta.metadata;
    let groups = [
        (Facet::Fandom, &m.fandoms),
        (Facet::Relationship, &m.relationships),
        (Facet::Character, &m.characters),
        (Facet::Tag, &m.tags),
    ];
    if groups.iter().all(|(_, values)| values.is_empty()) {
        return;
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let mut first = true;
        for (facet, values) in groups {
            for value in values.iter() {
                if !std::mem::take(&mut first) {
                    ui.label(RichText::new("\u{00b7}").small().weak());
                }
                let text = RichText::new(value);
                let text = if facet == Facet::Fandom {
                    text.strong()
                } else {
                    text
                };
                let chip = ui
                    .add(egui::Button::new(text).small().frame(false))
                    .on_hover_text(format!(
                        "Show only works with \u{201c}{value}\u{201d} ({})",
                        facet.label().to_lowercase()
                    ));
                if chip.clicked() {
                    commands.push(Command::ChooseFacet(facet, value.clone(), Mark::Included));
                }
            }
        }
    });
}

/// The buttons for the selected story, kept in view below its details.
pub fn actions_ui(ui: &mut Ui, index: usize, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui
            .button("Open")
            .on_hover_text("Or double-click the story, or press Enter")
            .clicked()
        {
            commands.push(Command::Open(index));
        }
        if ui
            .button("Move to Trash\u{2026}")
            .on_hover_text("Asks first; the file can be restored from the system Trash (Delete)")
            .clicked()
        {
            commands.push(Command::AskTrash(index));
        }
    });
}
