//! The selected story's details: its status and lists, summary, every header field,
//! warnings as written and as read, encoding and file path, and the button that opens it.

use egui::{RichText, Ui};

use super::status_menus::{Marks, marks_row_ui};
use super::tags::{self, tag_groups};
use super::work_files::{work_files_ui, work_line_ui};
use super::{Command, rating_badge, thousands, warning_markers};
use crate::collection::Entry;
use crate::collection::filter::facets::Mark;
use crate::collection::works::WorkIndex;
use crate::engine::{FieldKey, Metadata};

/// Fields shown above the list of other fields.
const SHOWN_FIRST: &[FieldKey] = &[
    FieldKey::Title,
    FieldKey::Author,
    FieldKey::Rating,
    FieldKey::Warnings,
    FieldKey::Summary,
];

/// The details of one library entry (with the work in several files it is part of, from
/// `works` over every entry). With `hide_warnings`, warnings stay folded away until the
/// reader opens them.
pub fn details_ui(
    ui: &mut Ui,
    (index, entry): (usize, &Entry),
    works: (&WorkIndex, &[Entry]),
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
    work_line_ui(ui, index, works.0, commands);
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
    tag_groups_ui(ui, &meta.metadata, commands);
    if let Some(summary) = meta.field(FieldKey::Summary) {
        ui.add_space(4.0);
        ui.label(summary);
    }
    ui.add_space(6.0);
    work_files_ui(ui, index, works, commands);
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
                    let others = meta.fields.iter().filter(|f| {
                        !SHOWN_FIRST.contains(&f.key)
                            && !tags::shown_as_tags(f.key, &f.label, &meta.metadata)
                    });
                    for field in others {
                        row(ui, &field.label, &field.value);
                    }
                    // A picture drawn in characters is for the title page's width.
                    for note in meta.header_notes.iter().filter(|n| !n.contains('\n')) {
                        row(ui, "Note", note);
                    }
                    row(
                        ui,
                        "Length",
                        &format!(
                            "{} words, {} {}",
                            thousands(meta.words),
                            meta.parts,
                            if meta.parts == 1 { "part" } else { "parts" }
                        ),
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

/// The story's tags in AO3's groups, each group's label then its tags wrapping after it
/// in quiet chips (fandoms and relationships a little stronger), then the stats. A tag of
/// a group the filter sidebar has a facet for is a button: a click shows only the works
/// that have it.
fn tag_groups_ui(ui: &mut Ui, m: &Metadata, commands: &mut Vec<Command>) {
    let groups = tag_groups(m);
    if groups.is_empty() {
        return;
    }
    ui.add_space(4.0);
    let chip = ui.visuals().faint_bg_color;
    for group in groups {
        let facet = group.facet;
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(4.0, 3.0);
            ui.label(RichText::new(format!("{}:", group.label)).small().weak());
            for tag in &group.tags {
                let text = RichText::new(tag).small().background_color(chip);
                let text = if group.prominent { text.strong() } else { text };
                let Some(facet) = facet else {
                    ui.label(text);
                    continue;
                };
                let button = ui
                    .add(egui::Button::new(text).small().frame(false))
                    .on_hover_text(format!(
                        "Show only works with \u{201c}{tag}\u{201d} ({})",
                        facet.label().to_lowercase()
                    ));
                if button.clicked() {
                    commands.push(Command::ChooseFacet(facet, tag.clone(), Mark::Included));
                }
            }
        });
    }
    if let Some(stats) = tags::stats(m) {
        let line = stats
            .iter()
            .map(|(label, value)| format!("{label}: {value}"))
            .collect::<Vec<_>>()
            .join("  ·  ");
        ui.label(RichText::new(line).small().weak());
    }
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

/// The older copies of a work saved again (a WIP downloaded once more), newest first: each
/// named by its file and chapters (or parts, or words), a click opens it.
pub fn editions_ui(ui: &mut Ui, older: &[usize], entries: &[Entry], commands: &mut Vec<Command>) {
    if older.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Older copies of this work").small().strong());
    for &i in older {
        let Some(e) = entries.get(i) else {
            continue;
        };
        let name = e.file_name();
        // The chapters the file counts, else the part headings found, else its length.
        let chapters = match (e.meta.metadata.chapters_posted, e.meta.parts) {
            (Some(1), _) => " (1 chapter)".to_string(),
            (Some(n), _) => format!(" ({n} chapters)"),
            (None, 1) => " (1 part)".to_string(),
            (None, 0) => format!(" ({} words)", crate::ui::thousands(e.meta.words)),
            (None, n) => format!(" ({n} parts)"),
        };
        let text = RichText::new(format!("{name}{chapters}")).small();
        if ui.link(text).on_hover_text("Open this copy").clicked() {
            commands.push(Command::Open(i));
        }
    }
}
