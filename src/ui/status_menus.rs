//! Where the reader stands with a work and the lists it is on: the Status and Lists menus
//! that a library row's context menu, the details panel and the reader's bar share, and
//! the small dialog that names a new list.

use egui::{Context, Id, Modal, RichText, Ui};

use super::Command;
use crate::collection::ContentHash;
use crate::collection::reading::{ReadingList, ReadingLog, Status};

/// One work's marks, as the menus show them.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// The work's content fingerprint.
    pub hash: &'a str,
    /// Its status now.
    pub status: Status,
    /// Whether the status was set by hand (else it follows from reading).
    pub by_hand: bool,
    /// Every list the reader has.
    pub lists: &'a [ReadingList],
}

impl<'a> Marks<'a> {
    /// The marks of the work `hash`.
    pub fn of(hash: &'a str, reading: &ReadingLog, lists: &'a [ReadingList]) -> Marks<'a> {
        Marks {
            hash,
            status: reading.status(hash),
            by_hand: reading.get(hash).is_some_and(|r| r.status.is_some()),
            lists,
        }
    }

    /// The lists this work is on.
    pub fn on_lists(&self) -> impl Iterator<Item = &'a ReadingList> + use<'a> {
        let hash = self.hash;
        self.lists
            .iter()
            .filter(move |l| l.items.iter().any(|h| h == hash))
    }
}

/// "Status" and "Lists" submenus (in a context menu or a menu button).
pub fn marks_menus_ui(ui: &mut Ui, marks: Marks<'_>, commands: &mut Vec<Command>) {
    ui.menu_button("Status", |ui| status_menu_ui(ui, marks, commands));
    ui.menu_button("Add to list", |ui| lists_menu_ui(ui, marks, commands));
}

/// The statuses, the current one checked; "As read so far" gives it back to reading.
pub fn status_menu_ui(ui: &mut Ui, marks: Marks<'_>, commands: &mut Vec<Command>) {
    let hash: ContentHash = marks.hash.to_string();
    for status in Status::ALL {
        if ui.radio(marks.status == status, status.label()).clicked() {
            commands.push(Command::SetStatus(hash.clone(), Some(status)));
            ui.close();
        }
    }
    if marks.by_hand {
        ui.separator();
        if ui
            .button("As read so far")
            .on_hover_text("Unread, Reading or Finished, as your reading says")
            .clicked()
        {
            commands.push(Command::SetStatus(hash, None));
            ui.close();
        }
    }
}

/// Every list, checked where the work is on it (a click adds or takes it off), and a new
/// list.
pub fn lists_menu_ui(ui: &mut Ui, marks: Marks<'_>, commands: &mut Vec<Command>) {
    let hash: ContentHash = marks.hash.to_string();
    for list in marks.lists {
        let on = list.items.contains(&hash);
        if ui.checkbox(&mut on.clone(), &list.name).clicked() {
            commands.push(if on {
                Command::RemoveFromList(list.id, hash.clone())
            } else {
                Command::AddToList(list.id, hash.clone())
            });
            ui.close();
        }
    }
    if !marks.lists.is_empty() {
        ui.separator();
    }
    if ui.button("New list\u{2026}").clicked() {
        commands.push(Command::NewList(Some(hash)));
        ui.close();
    }
}

/// The status as a small menu button and the work's lists as chips (× takes it off),
/// for the details panel.
pub fn marks_row_ui(ui: &mut Ui, marks: Marks<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Status").weak());
        let status = marks.status.label();
        ui.menu_button(status, |ui| status_menu_ui(ui, marks, commands))
            .response
            .on_hover_text("Where you stand with this story")
            .widget_info(|| {
                let label = format!("Status: {status}");
                egui::WidgetInfo::labeled(egui::Role::Button, true, label)
            });
        ui.label(RichText::new("Lists").weak());
        for list in marks.on_lists() {
            let chip = ui
                .small_button(format!("{} \u{00d7}", list.name))
                .on_hover_text(format!("Take it off \u{201c}{}\u{201d}", list.name));
            if chip.clicked() {
                commands.push(Command::RemoveFromList(list.id, marks.hash.to_string()));
            }
        }
        ui.menu_button("+", |ui| lists_menu_ui(ui, marks, commands))
            .response
            .on_hover_text("Add to a list")
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Add to a list"));
    });
}

/// The name being given to a new list, and the work to put on it.
#[derive(Debug, Clone, Default)]
pub struct NewList {
    /// The name typed so far.
    pub name: String,
    /// The work that goes on the list once it is made.
    pub with: Option<ContentHash>,
}

/// What the new-list dialog came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewListAnswer {
    /// Still typing.
    Waiting,
    /// Make it, with this name.
    Create(String),
    /// Never mind (the button, Escape, or a click beside the dialog).
    Cancel,
}

/// Asks for the new list's name; Enter makes it.
pub fn new_list_ui(ctx: &Context, state: &mut NewList, taken: &[ReadingList]) -> NewListAnswer {
    let mut answer = NewListAnswer::Waiting;
    let modal = Modal::new(Id::unique("new-list")).show(ctx, |ui| {
        ui.set_max_width(360.0);
        ui.heading("New list");
        ui.add_space(6.0);
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.name)
                .hint_text("To read, Comfort reads\u{2026}")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "List name"));
        field.request_focus();
        let name = state.name.trim();
        let clash = taken.iter().any(|l| l.name == name);
        if clash {
            ui.label(RichText::new("There is a list of that name already.").small());
        }
        let ready = !name.is_empty() && !clash;
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let create = ui.add_enabled(ready, egui::Button::new(RichText::new("Create").strong()));
            if ready && (create.clicked() || enter) {
                answer = NewListAnswer::Create(name.to_string());
            }
            if ui.button("Cancel").clicked() {
                answer = NewListAnswer::Cancel;
            }
        });
    });
    if answer == NewListAnswer::Waiting && modal.should_close() {
        answer = NewListAnswer::Cancel;
    }
    answer
}
