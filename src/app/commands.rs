//! Carrying out what the user asked for: the panels' commands, keyboard shortcuts, and
//! answers from dialogs and imports running in the background.

use egui::{Key, Modifiers, ViewportCommand};

use super::dialogs::{self, Answer, Dialog, Purpose};
use super::imports::ImportJob;
use super::{FicshelfApp, NARROW_WINDOW};
use crate::collection::reading::{ReadingState, StoreError};
use crate::settings::{DEFAULT_TEXT_SIZE, ReadingFont, ReadingMode, TEXT_SIZE_RANGE};
use crate::ui::reader::marks;
use crate::ui::status_menus::{self, NewList, NewListAnswer};
use crate::ui::{Command, chrome, confirm};

impl FicshelfApp {
    /// Carries out one command from the panels.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        match command {
            Command::Select(i) => self.library.selected = Some(i),
            Command::SetStatus(hash, status) => self.mark(|r| r.set_status(&hash, status)),
            Command::AddToList(id, hash) => self.mark(|r| r.add_to_list(id, &hash)),
            Command::RemoveFromList(id, hash) => self.mark(|r| r.remove_from_list(id, &hash)),
            Command::MoveInList(id, hash, to) => self.mark(|r| r.move_in_list(id, &hash, to)),
            Command::TakeOutOfWork(hash) => self.regroup(|r| r.take_out_of_work(&hash)),
            Command::SplitWork(key, first) => {
                self.regroup(|r| r.split_work(&key));
                self.library.selected = Some(first);
                self.library.reveal_selected = true;
            }
            Command::JoinWork(join) => self.regroup(|r| r.join_work(&join)),
            Command::NewList(with) => {
                self.naming_list = Some(NewList {
                    name: String::new(),
                    with,
                })
            }
            Command::GroupSeries(group) => {
                self.settings.group_series = group;
                self.save_settings();
            }
            Command::ToggleFacets => {
                self.show_library = true;
                self.window.facets_closed = !self.window.facets_closed;
            }
            Command::ChooseFacet(facet, value, mark) => {
                let before = self.settings.filters.clone();
                self.settings.filters.facets.set(facet, &value, mark);
                self.show_library = true;
                self.window.facets_closed = false;
                self.filters_changed(&before);
            }
            Command::ShowList(list) => {
                self.library.list = list;
                self.library.invalidate();
            }
            Command::Open(i) => {
                self.open_entry(i);
                // In a narrow window the story gets the room; F9 brings the library back.
                if ctx.content_rect().width() < NARROW_WINDOW {
                    self.show_library = false;
                }
            }
            Command::PickImport if self.dialog.is_none() => {
                self.dialog = Some(Dialog::open(Purpose::Import, wake))
            }
            Command::PickCollectionFolder if self.dialog.is_none() => {
                self.dialog = Some(Dialog::open(Purpose::CollectionFolder, wake))
            }
            Command::ExportMarks(all) if self.dialog.is_none() => {
                self.dialog = Some(Dialog::open(Purpose::ExportMarks(all), wake))
            }
            Command::OpenMark(hash, path, block) => self.open_mark(&hash, &path, block),
            Command::ToggleMarksView => self.show_marks_view = !self.show_marks_view,
            Command::ToggleTextSearch => {
                self.show_text_search = !self.show_text_search;
                self.text_search.focus = self.show_text_search;
            }
            Command::SearchText(query) => self.search_text(query),
            Command::OpenSearchHit(path, block, words) => {
                self.open_search_hit(&path, block, words);
            }
            Command::PickFont if self.dialog.is_none() => {
                self.dialog = Some(Dialog::open(Purpose::Font, wake))
            }
            Command::PickImport
            | Command::PickCollectionFolder
            | Command::PickFont
            | Command::ExportMarks(_) => {}
            Command::Import(paths) if self.import.is_none() => {
                self.notice = None;
                self.import = Some(ImportJob::start(paths, &self.collection, wake));
            }
            Command::Import(_) => {
                self.tell("An import is already running; try again when it has finished.")
            }
            Command::CloseReader => {
                self.save_reading();
                self.reader = None;
            }
            Command::TextSize(delta) => {
                let size = if delta == 0.0 {
                    DEFAULT_TEXT_SIZE
                } else {
                    self.settings.typography.size + delta
                };
                self.settings.typography.size =
                    size.clamp(*TEXT_SIZE_RANGE.start(), *TEXT_SIZE_RANGE.end());
                self.save_settings();
            }
            Command::ToggleLibrary => self.show_library = !self.show_library,
            Command::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
            }
            Command::OpenSettings => self.show_settings = true,
            Command::DismissNotice => self.notice = None,
            Command::GoToBlock(block) => {
                self.notice = None;
                if let Some(view) = self.reader.as_mut() {
                    view.go_to_block(block);
                }
            }
            Command::Reveal(i) => {
                self.library.revealed.insert(i);
                self.library.stale = true;
            }
            Command::ShowHidden(show) => {
                self.library.show_hidden = show;
                self.library.stale = true;
            }
            Command::ToggleReadingMode => {
                self.settings.reading_mode = match self.settings.reading_mode {
                    ReadingMode::Continuous => ReadingMode::Paged,
                    ReadingMode::Paged => ReadingMode::Continuous,
                };
                self.save_settings();
            }
            Command::OpenAnyway(path) => {
                self.notice = None;
                self.open_file(&path);
            }
            Command::AskTrash(index) => self.confirm_trash = Some(index),
            Command::ShowShortcuts => (self.show_shortcuts, self.show_about) = (true, false),
            Command::ShowAbout => (self.show_shortcuts, self.show_about) = (false, true),
        }
    }

    /// Asks, while a story is up for the Trash, and moves it there on a yes.
    /// Carries out a change to statuses or lists, and says so if it could not be saved.
    fn mark(&mut self, change: impl FnOnce(&mut ReadingState) -> Result<(), StoreError>) {
        if let Err(e) = change(&mut self.reading) {
            self.tell(format!("Your lists could not be saved: {e}"));
        }
        if self.library.list.is_some() || self.settings.sort.follows_marks() {
            self.library.invalidate(); // the list shown or the order may have changed
        } else {
            self.library.marks_changed(); // statuses and lists are facets
        }
    }

    /// A work split or put back together: the choice is written, the files grouped again.
    fn regroup(&mut self, change: impl FnOnce(&mut ReadingState) -> Result<(), StoreError>) {
        if let Err(e) = change(&mut self.reading) {
            self.tell(format!("Your choice could not be saved: {e}"));
        }
        let entries = &self.collection.entries;
        self.library.regroup(entries, self.reading.splits());
    }

    /// The dialog naming a new list, while it is open.
    pub(super) fn new_list_ui(&mut self, ctx: &egui::Context) {
        let Some(naming) = &mut self.naming_list else {
            return;
        };
        match status_menus::new_list_ui(ctx, naming, self.reading.lists()) {
            NewListAnswer::Waiting => {}
            NewListAnswer::Cancel => self.naming_list = None,
            NewListAnswer::Create(name) => {
                let with = self.naming_list.take().and_then(|n| n.with);
                self.mark(|reading| {
                    let id = reading.create_list(&name)?;
                    with.map_or(Ok(()), |hash| reading.add_to_list(id, &hash))
                });
            }
        }
    }

    pub(super) fn confirm_trash_ui(&mut self, ctx: &egui::Context) {
        let Some(index) = self.confirm_trash else {
            return;
        };
        let Some(entry) = self.collection.entries.get(index) else {
            self.confirm_trash = None;
            return;
        };
        let file = entry
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match confirm::trash_ui(ctx, &entry.meta.title, &file) {
            confirm::Answer::Waiting => {}
            confirm::Answer::No => self.confirm_trash = None,
            confirm::Answer::Yes => {
                self.confirm_trash = None;
                self.trash_entry(index);
            }
        }
    }

    fn trash_entry(&mut self, index: usize) {
        match self.collection.move_to_trash(index) {
            Ok(entry) => {
                if self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.hash.as_ref() == Some(&entry.hash))
                {
                    self.save_reading();
                    self.reader = None;
                }
                self.library.selected = None;
                self.collection_changed();
                self.tell(format!(
                    "\u{201c}{}\u{201d} is in the Trash; restore it from there to read it again.",
                    entry.meta.title
                ));
            }
            Err(e) => self.tell(e),
        }
    }

    /// Collects answers from dialogs and imports running in the background.
    pub(super) fn poll_background(&mut self, commands: &mut Vec<Command>) {
        if let Some(answer) = self.dialog.as_ref().map(Dialog::poll) {
            let purpose = self.dialog.as_ref().map(|d| d.purpose);
            match answer {
                Answer::Pending => {}
                Answer::Chosen(paths) => {
                    self.dialog = None;
                    match purpose {
                        Some(Purpose::Import) => commands.push(Command::Import(paths)),
                        Some(Purpose::Font) => {
                            if let Some(file) = paths.into_iter().next() {
                                self.settings.typography.font = ReadingFont::Custom(file);
                            }
                        }
                        Some(Purpose::ExportMarks(all)) => {
                            if let Some(file) = paths.into_iter().next() {
                                self.export_marks(&file, all);
                            }
                        }
                        Some(Purpose::CollectionFolder) => {
                            if let Some(folder) = paths.into_iter().next() {
                                self.set_collection_folder(folder);
                            }
                        }
                        None => {}
                    }
                }
                Answer::Cancelled => self.dialog = None,
                Answer::Unavailable => {
                    self.dialog = None;
                    self.tell(dialogs::UNAVAILABLE);
                }
            }
        }
        if let Some(report) = self.import.as_ref().and_then(ImportJob::poll) {
            self.import = None;
            self.finish_import(report);
        }
    }

    /// Keyboard shortcuts that work anywhere in the window.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let cmd = Modifiers::COMMAND;
        ctx.input_mut(|i| {
            let mut on = |m: Modifiers, k: Key, c: Command| {
                if i.consume_key(m, k) {
                    commands.push(c);
                }
            };
            on(cmd, Key::O, Command::PickImport);
            on(cmd, Key::Equals, Command::TextSize(1.0));
            on(cmd, Key::Plus, Command::TextSize(1.0));
            on(cmd, Key::Minus, Command::TextSize(-1.0));
            on(cmd, Key::Num0, Command::TextSize(0.0));
            on(Modifiers::NONE, Key::F11, Command::ToggleFullscreen);
            on(Modifiers::NONE, Key::F9, Command::ToggleLibrary);
            on(Modifiers::NONE, Key::F8, Command::ToggleFacets);
            on(cmd, Key::Comma, Command::OpenSettings);
            on(cmd, Key::M, Command::ToggleReadingMode);
            on(Modifiers::NONE, Key::F1, Command::ShowShortcuts);
            on(Modifiers::NONE, Key::F7, Command::ToggleMarksView);
            on(cmd | Modifiers::SHIFT, Key::F, Command::ToggleTextSearch);
        });
        let question = !ctx.text_edit_focused()
            && ctx.input(|i| i.events.iter().any(|e| *e == egui::Event::Text("?".into())));
        if question {
            commands.push(Command::ShowShortcuts);
        }
        if ctx.input_mut(|i| i.consume_key(cmd, Key::L)) {
            self.show_library = true;
            self.library.focus_search = true;
        }
        if let Some(view) = &mut self.reader {
            chrome::find_shortcuts(ctx, view);
        }
        let find_open = self.reader.as_ref().is_some_and(|r| r.find.open);
        if !find_open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            // The topmost first: a selection, a dialog, then help, full screen, settings.
            if self.reader.as_mut().is_some_and(marks::clear_selection) {
                // let go
            } else if self.naming_list.is_some() {
                self.naming_list = None;
            } else if self.confirm_trash.is_some() {
                self.confirm_trash = None;
            } else if self.show_shortcuts || self.show_about {
                (self.show_shortcuts, self.show_about) = (false, false);
            } else if self.fullscreen {
                commands.push(Command::ToggleFullscreen);
            } else if self.show_settings {
                self.show_settings = false;
            }
        }
        // Only when no control has the keyboard: a focused button or row takes Enter itself.
        let enter = ctx.memory(|m| m.focused().is_none())
            && self.reader.is_none()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        if let Some(index) = self.library.selected.filter(|_| enter) {
            commands.push(Command::Open(index));
        }
        let delete = self.show_library
            && !ctx.text_edit_focused()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete));
        if let Some(index) = self.library.selected.filter(|_| delete) {
            commands.push(Command::AskTrash(index)); // asks first
        }
    }
}
