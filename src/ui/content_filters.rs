//! The rating and warning filters' controls, shared by the settings panel (where a reader
//! sets what they never want to see) and the library's filter sidebar (which adds how many
//! works in the result have each rating and warning).

use egui::{RichText, Ui, WidgetInfo};

use crate::collection::filter::Filters;
use crate::collection::filter::facets::SafetyCounts;
use crate::engine::{RatingLevel, WarningCategory};
use crate::ui::thousands;

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
        for category in WarningCategory::ALL {
            let mut on = filters.excluded.contains(&category);
            if ui.checkbox(&mut on, category.label()).changed() {
                if on {
                    filters.excluded.insert(category);
                } else {
                    filters.excluded.remove(&category);
                }
            }
            if let Some(n) = counts.map(|c| c.warning(category)).filter(|&n| n > 0) {
                ui.label(RichText::new(thousands(n)).small().weak());
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
