//! The rating and warning filters' controls, shared by the settings panel (where a reader
//! sets what they never want to see) and the library's filter sidebar (which adds how many
//! works in the result have each rating and warning).

use egui::{RichText, TextStyle, Ui, WidgetInfo};

use crate::collection::filter::Filters;
use crate::collection::filter::facets::SafetyCounts;
use crate::engine::{RatingLevel, WarningCategory};
use crate::ui::{text_cache, thousands};

/// The highest rating shown, and whether unrated stories are. `id` keeps the two places'
/// combo boxes apart when both are on screen.
pub fn rating_ui(ui: &mut Ui, filters: &mut Filters, id: &str) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Highest rating shown");
        egui::ComboBox::from_id_salt(id)
            .selected_text(filters.max_rating.label())
            .width(80.0)
            .show_ui(ui, |ui| {
                for level in [
                    RatingLevel::General,
                    RatingLevel::Teen,
                    RatingLevel::Mature,
                    RatingLevel::Explicit,
                ] {
                    ui.selectable_value(&mut filters.max_rating, level, level.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.checkbox(&mut filters.show_not_rated, "Show stories with no rating");
}

/// A check box per warning category; with `counts`, how many works warn of each.
pub fn warnings_ui(ui: &mut Ui, filters: &mut Filters, counts: Option<&SafetyCounts>) {
    ui.label(RichText::new("Hide stories that warn of").weak());
    ui.horizontal_wrapped(|ui| {
        let (body, small) = (
            TextStyle::Body.resolve(ui.style()),
            TextStyle::Small.resolve(ui.style()),
        );
        let faint = ui.visuals().weak_text_color();
        for category in WarningCategory::ALL {
            let count = counts.map(|c| c.warning(category)).filter(|&n| n > 0);
            let count =
                count.map(|n| text_cache::pieces(ui.painter(), &thousands(n), &small, faint));
            // A box and its count stay on one line: a new one starts when both would not
            // fit. The box's width is the one it took last frame (a guess the first time).
            let width_id = ui.scope_id().with(("warning-box", category));
            let boxed = ui.data(|d| d.get_temp::<f32>(width_id)).unwrap_or_else(|| {
                let label =
                    ui.painter()
                        .layout_no_wrap(category.label().into(), body.clone(), faint);
                ui.spacing().icon_width + ui.spacing().icon_spacing + label.size().x
            });
            let count_w: f32 = count.iter().flatten().map(|g| g.size().x).sum();
            let need = boxed + ui.spacing().item_spacing.x + count_w;
            // (A wrapping row's cursor is where its last widget ended.)
            let row_start = ui.cursor().min.x <= ui.max_rect().min.x + 1.0;
            if ui.max_rect().right() - ui.cursor().min.x < need && !row_start {
                ui.end_row();
            }
            let mut on = filters.excluded.contains(&category);
            let check = ui.checkbox(&mut on, category.label());
            ui.data_mut(|d| d.insert_temp(width_id, check.rect.width()));
            if check.changed() {
                if on {
                    filters.excluded.insert(category);
                } else {
                    filters.excluded.remove(&category);
                }
            }
            // Drawn from digits: a count changed by a click lays out no new text.
            if let Some(pieces) = count {
                let height = pieces.iter().map(|g| g.size().y).fold(0.0, f32::max);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(count_w, height), egui::Sense::hover());
                text_cache::paint_pieces(ui.painter(), rect.left_center(), pieces, faint);
            }
            ui.add_space(4.0);
        }
    });
}

/// The words that hide a story whose warnings, tags or summary mention them, edited as
/// one comma-separated line; `typed` keeps the line as typed between frames (and is
/// typed afresh when the words were changed in the other place).
pub fn phrases_ui(ui: &mut Ui, filters: &mut Filters, typed: &mut Option<String>) {
    ui.label(RichText::new("\u{2026}or that mention (commas between)").weak());
    if typed
        .as_deref()
        .is_some_and(|t| phrases(t) != filters.excluded_phrases)
    {
        *typed = None;
    }
    let typed = typed.get_or_insert_with(|| filters.excluded_phrases.join(", "));
    let edit = ui.add(
        egui::TextEdit::singleline(typed)
            .hint_text("e.g. spiders, cliffhanger")
            .desired_width(f32::INFINITY),
    );
    edit.widget_info(|| WidgetInfo::labeled(egui::Role::TextInput, true, "Excluded words"));
    if edit.changed() {
        filters.excluded_phrases = phrases(typed);
    }
}

fn phrases(typed: &str) -> Vec<String> {
    typed
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}
