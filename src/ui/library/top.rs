//! The controls above the library's rows: the search box, the list shown and the order,
//! the counts of stories listed and hidden, files that could not be read, and the page
//! an empty collection shows.

use egui::{Key, Role, Ui, WidgetInfo};

use super::LibraryState;
use crate::collection::reading::ReadingList;
use crate::collection::{Collection, SortKey};
use crate::ui::Command;

pub(super) fn search_row(
    ui: &mut Ui,
    state: &mut LibraryState,
    sort: &mut SortKey,
    lists: &[ReadingList],
    commands: &mut Vec<Command>,
) {
    let search = egui::TextEdit::singleline(&mut state.query)
        .hint_text("Search title, author, pairing, tags…")
        .desired_width(f32::INFINITY);
    let response = ui.add(search).on_hover_text("Ctrl+L");
    response.widget_info(|| WidgetInfo::labeled(Role::SearchInput, true, "Search the library"));
    if std::mem::take(&mut state.focus_search) {
        response.request_focus();
    }
    if response.changed() {
        state.stale = true;
    }
    if response.has_focus() {
        // Arrows and Enter in the search box drive the list, as in a launcher.
        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        for (pressed, delta) in [(down, 1), (up, -1)] {
            if let Some(entry) = pressed.then(|| state.step(delta)).flatten() {
                commands.push(Command::Select(entry));
            }
        }
        if enter && let Some(entry) = state.selected.or_else(|| state.shown().first().copied()) {
            commands.push(Command::Open(entry));
        }
    }
    ui.horizontal(|ui| {
        let shown = state.list.and_then(|id| lists.iter().find(|l| l.id == id));
        let label = ui.label("Show");
        egui::ComboBox::from_id_salt("shown-list")
            .selected_text(shown.map_or("All stories", |l| l.name.as_str()))
            .truncate()
            .width(130.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(shown.is_none(), "All stories")
                    .clicked()
                {
                    commands.push(Command::ShowList(None));
                }
                for list in lists {
                    let text = format!("{} ({})", list.name, list.items.len());
                    if ui
                        .selectable_label(state.list == Some(list.id), text)
                        .clicked()
                    {
                        commands.push(Command::ShowList(Some(list.id)));
                    }
                }
                ui.separator();
                if ui.button("New list\u{2026}").clicked() {
                    commands.push(Command::NewList(None));
                }
            })
            .response
            .labelled_by(label.id);
        if shown.is_some() {
            ui.label(egui::RichText::new("in the list's order").weak());
            return;
        }
        let label = ui.label("Sort by");
        egui::ComboBox::from_id_salt("sort")
            .selected_text(sort.label())
            .show_ui(ui, |ui| {
                for key in SortKey::ALL {
                    if ui.selectable_value(sort, key, key.label()).changed() {
                        state.invalidate();
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// `8 stories`, `2 of 8 stories`, and how many the filters hide, with a way to show them.
pub(super) fn counts_ui(
    ui: &mut Ui,
    collection: &Collection,
    state: &LibraryState,
    commands: &mut Vec<Command>,
) {
    let total = collection.entries.len();
    let noun = if total == 1 { "story" } else { "stories" };
    let listed = state.listed;
    let (listed_text, total_text) = (crate::ui::thousands(listed), crate::ui::thousands(total));
    let text = if listed == total {
        format!("{total_text} {noun}")
    } else {
        format!("{listed_text} of {total_text} {noun}")
    };
    ui.horizontal(|ui| {
        let (font, faint) = (
            egui::TextStyle::Small.resolve(ui.style()),
            ui.visuals().weak_text_color(),
        );
        crate::ui::text_cache::counted_label(ui, &text, font, faint);
        if state.hidden_count > 0 || state.show_hidden {
            let hidden = format!("· {} hidden by your filters", state.hidden_count);
            ui.label(egui::RichText::new(hidden).small().weak());
            let (label, show) = if state.show_hidden {
                ("Hide them", false)
            } else {
                ("Show them", true)
            };
            if ui.small_button(label).clicked() {
                commands.push(Command::ShowHidden(show));
            }
        }
        if !state.series.series.is_empty() && state.list.is_none() {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut group = state.group_series;
                let text = egui::RichText::new("Series as one row").small();
                if ui
                    .checkbox(&mut group, text)
                    .on_hover_text("List a series' works under one row, in reading order")
                    .changed()
                {
                    commands.push(Command::GroupSeries(group));
                }
            });
        }
    });
}

pub(super) fn unreadable_ui(ui: &mut Ui, collection: &Collection) {
    let n = collection.unreadable.len();
    if n == 0 {
        return;
    }
    let title = if n == 1 {
        "1 file could not be read".to_string()
    } else {
        format!("{n} files could not be read")
    };
    egui::CollapsingHeader::new(egui::RichText::new(title).small())
        .id_salt("unreadable")
        .show(ui, |ui| {
            for bad in &collection.unreadable {
                let name = bad.path.strip_prefix(&collection.root).unwrap_or(&bad.path);
                ui.label(
                    egui::RichText::new(format!("{}: {}", name.display(), bad.reason)).small(),
                );
            }
        });
}

pub(super) fn empty_collection_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.label(egui::RichText::new("Your collection is empty").heading());
        ui.add_space(8.0);
        ui.label("Import story files (.txt) from your computer, or drop them on this window.");
        ui.add_space(12.0);
        if ui.button("Import stories…").clicked() {
            commands.push(Command::PickImport);
        }
    });
}
