//! What a library row does besides opening its story: its context menu (status, lists,
//! its place in the list shown, the Trash), and being dragged to another place in a list.

use egui::{Pos2, Ui};

use super::LibraryState;
use super::rows::Context;
use crate::collection::Collection;
use crate::collection::reading::ReadingList;
use crate::ui::Command;
use crate::ui::status_menus::{Marks, marks_menus_ui};

/// A row being dragged to another place in the list shown.
#[derive(Debug, Clone, Copy)]
struct Dragged(usize);

/// A list's rows are dragged into the reader's order: a line shows where the row held over
/// another will go (above or below it, by the pointer's half), and the drop moves it there.
pub(super) fn drag_in_list_ui(
    ui: &Ui,
    response: &egui::Response,
    index: usize,
    (list, lists): (i64, &[ReadingList]),
    collection: &Collection,
    commands: &mut Vec<Command>,
) {
    response.dnd_set_drag_payload(Dragged(index));
    let Some(items) = lists.iter().find(|l| l.id == list).map(|l| &l.items) else {
        return;
    };
    let rect = response.rect;
    let below = ui
        .ctx()
        .pointer_latest_pos()
        .is_some_and(|p| p.y > rect.center().y);
    if let Some(dragged) = response.dnd_hover_payload::<Dragged>()
        && dragged.0 != index
    {
        let y = if below { rect.bottom() } else { rect.top() };
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter().line_segment(
            [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
            stroke,
        );
    }
    if let Some(dragged) = response.dnd_release_payload::<Dragged>()
        && dragged.0 != index
    {
        let hash_of = |i: usize| &collection.entries[i].hash;
        let place = |i: usize| items.iter().position(|h| h == hash_of(i));
        if let (Some(from), Some(target)) = (place(dragged.0), place(index)) {
            // Its place once taken out, above or below the row it was dropped on.
            let target = target - usize::from(from < target);
            let to = target + usize::from(below);
            commands.push(Command::MoveInList(list, hash_of(dragged.0).clone(), to));
        }
    }
}

/// A row's context menu: open, status, lists, its place in the list shown, the Trash.
pub(super) fn row_menu_ui(
    ui: &mut Ui,
    index: usize,
    collection: &Collection,
    state: &LibraryState,
    context: Context<'_>,
    commands: &mut Vec<Command>,
) {
    let entry = &collection.entries[index];
    if ui.button("Open").clicked() {
        commands.push(Command::Open(index));
        ui.close();
    }
    ui.separator();
    marks_menus_ui(
        ui,
        Marks::of(&entry.hash, context.reading, context.lists),
        commands,
    );
    if let Some(list) = state
        .list
        .and_then(|id| context.lists.iter().find(|l| l.id == id))
    {
        ui.separator();
        // Its place among the rows (a list shows its works one to a row, in order).
        let shown = state.shown();
        let row = shown.iter().position(|&i| i == index).unwrap_or(0);
        let last = shown.len().saturating_sub(1);
        let moves = [
            ("Move to the top", 0, row > 0),
            ("Move up", row.saturating_sub(1), row > 0),
            ("Move down", row + 1, row < last),
            ("Move to the bottom", last, row < last),
        ];
        for (label, to, possible) in moves {
            if ui.add_enabled(possible, egui::Button::new(label)).clicked() {
                // Rows are the list's works in order, but a search may leave some out:
                // the place is that of the work on the target row.
                let target = shown.get(to).map(|&i| &collection.entries[i].hash);
                let to = target
                    .and_then(|hash| list.items.iter().position(|h| h == hash))
                    .unwrap_or(to);
                commands.push(Command::MoveInList(list.id, entry.hash.clone(), to));
                ui.close();
            }
        }
        if ui
            .button(format!("Take off \u{201c}{}\u{201d}", list.name))
            .clicked()
        {
            commands.push(Command::RemoveFromList(list.id, entry.hash.clone()));
            ui.close();
        }
    }
    work_menu_ui(ui, index, collection, state, commands);
    ui.separator();
    if ui.button("Move to Trash\u{2026}").clicked() {
        commands.push(Command::AskTrash(index));
        ui.close();
    }
}

/// A part's corrections to its work: take it out, split the work, or join a work kept
/// apart again.
fn work_menu_ui(
    ui: &mut Ui,
    index: usize,
    collection: &Collection,
    state: &LibraryState,
    commands: &mut Vec<Command>,
) {
    if let Some(apart) = state.works.apart(index) {
        ui.separator();
        let label = format!("Join \u{201c}{}\u{201d} again", apart.title);
        if ui.button(label).clicked() {
            commands.push(Command::JoinWork(apart.join.clone()));
            ui.close();
        }
        return;
    }
    let Some(work) = state.works.of_entry(index).map(|w| &state.works.works[w]) else {
        return;
    };
    ui.separator();
    if ui.button("Take out of this work").clicked() {
        let hash = collection.entries[index].hash.clone();
        commands.push(Command::TakeOutOfWork(hash));
        ui.close();
    }
    if let Some(key) = &work.key
        && ui.button("Split into separate stories").clicked()
    {
        commands.push(Command::SplitWork(key.clone(), index));
        ui.close();
    }
}
