//! The series bar under a story that is part of a series: which part it is, and buttons
//! to the previous and the next work when the collection has them ("Next in series"), so
//! both the title page and the end of a work lead on.

use egui::{RichText, Ui};

use super::Command;
use crate::collection::Collection;
use crate::collection::filter::{Filters, Verdict};
use crate::collection::series::SeriesIndex;

/// The bar for the open work (by content); nothing when it is in no series. A work the
/// rating and warning filters hide is named as hidden, not offered.
pub fn series_bar_ui(
    ui: &mut Ui,
    (hash, filters): (&str, &Filters),
    series: &SeriesIndex,
    collection: &Collection,
    commands: &mut Vec<Command>,
) {
    let Some((s, place)) = series.place_of(hash) else {
        return;
    };
    let title = |i: usize| {
        let meta = &collection.entries.get(i)?.meta;
        if let Verdict::Hidden(reasons) = filters.judge(meta) {
            let why: Vec<String> = reasons.iter().map(|r| r.label()).collect();
            return Some(Err(format!("hidden by your filters ({})", why.join(", "))));
        }
        Some(Ok(match s.part_label(i) {
            Some(part) => format!("{part}: {}", meta.title),
            None => meta.title.clone(),
        }))
    };
    // The index is the library's: a collection changed while the library was away may
    // have left it behind for a frame, so every index is looked up, never trusted.
    let previous = series.previous(hash).and_then(|i| Some((i, title(i)?)));
    let next = series.next(hash).and_then(|i| Some((i, title(i)?)));
    egui::Panel::bottom("series-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let here = match s.positions.get(place).copied().flatten() {
                Some(n) => format!("Part {n} of {}", s.name),
                None => format!("In the series {}", s.name),
            };
            let works = s.members.len();
            let noun = if works == 1 { "work" } else { "works" };
            ui.label(
                RichText::new(format!("{here} ({works} {noun} here)"))
                    .small()
                    .weak(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                match next {
                    Some((n, Ok(name))) => {
                        let text = format!("Next in series: {name} \u{203a}");
                        if ui.button(text).clicked() {
                            commands.push(Command::Open(n));
                        }
                    }
                    Some((_, Err(hidden))) => {
                        let text = format!("Next in series: {hidden}");
                        ui.label(RichText::new(text).small().weak());
                    }
                    None => {}
                }
                if let Some((p, Ok(name))) = previous {
                    let text = format!("\u{2039} {name}");
                    if ui
                        .small_button(text)
                        .on_hover_text("The work before this one in the series")
                        .clicked()
                    {
                        commands.push(Command::Open(p));
                    }
                }
            });
        });
    });
}
