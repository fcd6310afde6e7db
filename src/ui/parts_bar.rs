//! The bar under a story saved in several files (`story-pt1.txt` ... `story-pt7.txt`):
//! which part this file is, and the parts before and after it when the collection has
//! them, so reading goes on from one file into the next (Space or Page Down at the end of
//! a part opens the next one, at its start).

use egui::{RichText, Ui};

use super::Command;
use crate::collection::Collection;
use crate::collection::works::WorkIndex;

/// The bar for the open file (by content); nothing when its work is in one file.
pub fn parts_bar_ui(
    ui: &mut Ui,
    hash: &str,
    works: &WorkIndex,
    collection: &Collection,
    commands: &mut Vec<Command>,
) {
    let Some((work, part)) = works.place_of(hash) else {
        return;
    };
    // The index is the library's: looked up, never trusted, in case the collection changed.
    let exists = |i: usize| collection.entries.get(i).is_some();
    let previous = works.previous(hash).filter(|&i| exists(i));
    let next = works.next(hash).filter(|&i| exists(i));
    egui::Panel::bottom("parts-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let of = match work.parts_total {
                Some(total) => format!("Part {} of {total}", part + 1),
                None => format!("Part {} of {}", part + 1, work.files.len()),
            };
            let here = format!("{of} of {} ({} files here)", work.title, work.files.len());
            ui.label(RichText::new(here).small().weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(n) = next {
                    let text = format!("Part {} \u{203a}", part + 2);
                    if ui
                        .button(text)
                        .on_hover_text("Go on to the next part (Space at the end)")
                        .clicked()
                    {
                        commands.push(Command::Open(n));
                    }
                }
                if let Some(p) = previous {
                    let text = format!("\u{2039} Part {part}");
                    if ui
                        .small_button(text)
                        .on_hover_text("The part before this one")
                        .clicked()
                    {
                        commands.push(Command::Open(p));
                    }
                }
            });
        });
    });
}
