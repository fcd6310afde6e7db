//! The Ficshelf window: owns the saved state (settings, reading positions) and the runtime
//! state (the collection, the open story, dialogs and imports in flight), draws the panels
//! each frame and carries out the [`Command`]s they return, after the frame.

mod dialogs;
mod imports;
mod screenshot;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, Ui, ViewportCommand};

use crate::collection::reading::{ReadingLog, now_secs};
use crate::collection::{Collection, samples};
use crate::engine::Story;
use crate::paths::AppDirs;
use crate::settings::{DEFAULT_TEXT_SIZE, Settings, TEXT_SIZE_RANGE};
use crate::ui::library::{LibraryState, library_ui};
use crate::ui::reader::{ReaderView, Typography, reader_ui};
use crate::ui::{Command, chrome, details::details_ui};
use dialogs::{Answer, Dialog, Purpose};
use imports::ImportJob;
pub use screenshot::save_png;

/// Below this width, opening a story hides the library pane.
const NARROW_WINDOW: f32 = 900.0;
/// Reading positions are written at most this often while reading (and always on close).
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// How the app was started.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Files named on the command line: the first opens at once.
    pub files: Vec<PathBuf>,
    /// Save a PNG of the window here, then quit.
    pub screenshot: Option<PathBuf>,
}

/// A message at the top of the window, shown until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What to say.
    pub text: String,
    /// Files the user may add to the collection from here.
    pub offer_import: Vec<PathBuf>,
}

/// The application.
pub struct FicshelfApp {
    dirs: AppDirs,
    settings: Settings,
    collection: Collection,
    reading: ReadingLog,
    library: LibraryState,
    reader: Option<ReaderView>,
    notice: Option<Notice>,
    dialog: Option<Dialog>,
    import: Option<ImportJob>,
    show_library: bool,
    show_settings: bool,
    fullscreen: bool,
    unsaved_place: Option<Instant>,
    screenshot: Option<screenshot::Screenshot>,
}

impl FicshelfApp {
    /// Loads settings and reading state, installs the samples on first run, reads the
    /// collection, and opens the first file named on the command line.
    pub fn new(dirs: AppDirs, launch: Launch) -> FicshelfApp {
        let (settings, settings_note) = Settings::load(&dirs.settings());
        let (reading, reading_note) = ReadingLog::load(&dirs.reading_state());
        let root = settings
            .collection_dir
            .clone()
            .unwrap_or_else(|| dirs.default_collection());
        let mut notes: Vec<String> = [settings_note, reading_note]
            .into_iter()
            .flatten()
            .collect();
        if settings.collection_dir.is_none()
            && let Err(e) = samples::install_once(&root, &dirs.data)
        {
            notes.push(format!("The sample stories could not be copied: {e}"));
        }
        let collection = Collection::scan(&root);
        let mut app = FicshelfApp {
            dirs,
            settings,
            collection,
            reading,
            library: LibraryState::new(),
            reader: None,
            notice: None,
            dialog: None,
            import: None,
            show_library: true,
            show_settings: false,
            fullscreen: false,
            unsaved_place: None,
            screenshot: launch.screenshot.map(screenshot::Screenshot::new),
        };
        if !notes.is_empty() {
            app.tell(notes.join(" "));
        }
        app.open_from_command_line(&launch.files);
        app
    }

    /// The collection shown.
    pub fn collection(&self) -> &Collection {
        &self.collection
    }

    /// The story open in the reader.
    pub fn reader(&self) -> Option<&ReaderView> {
        self.reader.as_ref()
    }

    /// The reading state.
    pub fn reading(&self) -> &ReadingLog {
        &self.reading
    }

    /// The library pane's state (search, selection, rows shown).
    pub fn library(&self) -> &LibraryState {
        &self.library
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether the library pane is shown.
    pub fn library_shown(&self) -> bool {
        self.show_library
    }

    /// The message shown at the top, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Imports files and waits for the result: the step after the file dialog.
    pub fn import_now(&mut self, paths: Vec<PathBuf>) {
        let report = ImportJob::start(paths, &self.collection, || {}).wait();
        self.finish_import(report);
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            offer_import: Vec::new(),
        });
    }

    fn open_from_command_line(&mut self, files: &[PathBuf]) {
        let Some(first) = files.first() else { return };
        // A file is "in the collection" by place or by content (a copy of a collected story).
        let collected = |f: &PathBuf| {
            self.collection.find_path(f).is_some()
                || crate::engine::read_bytes(f).is_ok_and(|b| {
                    self.collection
                        .find_hash(&crate::collection::content_hash(&b))
                        .is_some()
                })
        };
        let outside: Vec<PathBuf> = files.iter().filter(|f| !collected(f)).cloned().collect();
        match self.collection.find_path(first) {
            Some(index) => self.open_entry(index),
            None => self.open_file(first),
        }
        // Show the story in the library too when the collection has it (by content).
        if let Some(view) = &self.reader {
            let hash = view.hash.clone();
            if let Some(index) = self.collection.entries.iter().position(|e| e.hash == hash) {
                self.library.selected = Some(index);
                self.library.reveal_selected = true;
            }
        }
        if !outside.is_empty() {
            let what = match outside.len() {
                1 => "This story is not in your collection.".to_string(),
                n => format!("{n} of the files you opened are not in your collection."),
            };
            self.notice = Some(Notice {
                text: what,
                offer_import: outside,
            });
        }
    }

    fn open_entry(&mut self, index: usize) {
        let Some(entry) = self.collection.entries.get(index) else {
            return;
        };
        let path = entry.path.clone();
        self.library.selected = Some(index);
        self.open_file(&path);
    }

    /// Opens any story file in the reader, in the collection or not.
    fn open_file(&mut self, path: &std::path::Path) {
        self.save_reading();
        let read = crate::engine::read_bytes(path).and_then(|bytes| {
            Ok((
                Story::parse_file(path, &bytes)?,
                crate::collection::content_hash(&bytes),
            ))
        });
        match read {
            Ok((story, hash)) => {
                let place = self.reading.get(&hash).map(|r| r.place);
                self.reading.opened(&hash, now_secs());
                self.unsaved_place = Some(Instant::now());
                self.reader = Some(ReaderView::new(hash, path.to_path_buf(), story, place));
            }
            Err(e) => self.tell(format!("This story could not be opened: {e}")),
        }
    }

    fn save_reading(&mut self) {
        if self.unsaved_place.take().is_some()
            && let Err(e) = self.reading.save(&self.dirs.reading_state())
        {
            self.tell(format!("Your reading position could not be saved: {e}"));
        }
    }

    fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.dirs.settings()) {
            self.tell(format!("Your settings could not be saved: {e}"));
        }
    }

    fn finish_import(&mut self, report: Result<crate::collection::import::ImportReport, String>) {
        match report {
            Ok(report) => {
                let summary = report.summary();
                let first = report.added.first().map(|e| e.path.clone());
                self.collection.entries.extend(report.added);
                self.library.stale = true;
                if let Some(index) = first.and_then(|p| self.collection.find_path(&p)) {
                    self.library.selected = Some(index);
                    self.library.reveal_selected = true;
                }
                self.tell(summary);
            }
            Err(e) => self.tell(format!("Import failed: {e}")),
        }
    }

    fn set_collection_folder(&mut self, folder: PathBuf) {
        self.settings.collection_dir = Some(folder.clone());
        self.save_settings();
        self.collection = Collection::scan(&folder);
        self.library = LibraryState::new();
        self.tell(format!("Showing the stories in {}.", folder.display()));
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        match command {
            Command::Select(i) => self.library.selected = Some(i),
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
            Command::PickImport | Command::PickCollectionFolder => {}
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
        }
    }

    fn poll_background(&mut self, commands: &mut Vec<Command>) {
        if let Some(answer) = self.dialog.as_ref().map(Dialog::poll) {
            let purpose = self.dialog.as_ref().map(|d| d.purpose);
            match answer {
                Answer::Pending => {}
                Answer::Chosen(paths) => {
                    self.dialog = None;
                    match purpose {
                        Some(Purpose::Import) => commands.push(Command::Import(paths)),
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
    fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
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
            on(cmd, Key::Comma, Command::OpenSettings);
        });
        if ctx.input_mut(|i| i.consume_key(cmd, Key::L)) {
            self.show_library = true;
            self.library.focus_search = true;
        }
        if let Some(view) = &mut self.reader {
            chrome::find_shortcuts(ctx, view);
        }
        let find_open = self.reader.as_ref().is_some_and(|r| r.find.open);
        if !find_open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            if self.fullscreen {
                commands.push(Command::ToggleFullscreen);
            } else if self.show_settings {
                self.show_settings = false;
            }
        }
        let enter = !ctx.text_edit_focused()
            && self.reader.is_none()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        if let Some(index) = self.library.selected.filter(|_| enter) {
            commands.push(Command::Open(index));
        }
    }

    fn typography(&self, ui: &Ui, width: f32) -> Typography {
        let visuals = ui.visuals();
        let size = self.settings.typography.size;
        let column = (size * 0.5 * 66.0).min(width - size * 2.0).max(120.0);
        Typography {
            size,
            line_height: 1.55,
            paragraph_gap: 0.75,
            column,
            // Body text a little softer than the UI's strongest colour, for long reading.
            ink: if visuals.dark_mode {
                egui::Color32::from_rgb(0xde, 0xdb, 0xd4)
            } else {
                egui::Color32::from_rgb(0x22, 0x20, 0x1c)
            },
            faint: visuals.weak_text_color(),
            highlight: egui::Color32::from_rgba_unmultiplied(255, 210, 0, 90),
            current_highlight: egui::Color32::from_rgba_unmultiplied(255, 150, 0, 170),
        }
    }

    /// The library on the left, with the selected story's details under it. The details
    /// panel is always there, so selecting a story never moves the rows under the pointer.
    fn library_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::left("library")
            .resizable(true)
            .default_size(360.0)
            .size_range(260.0..=640.0)
            .show(ui, |ui| {
                let selected = self
                    .library
                    .selected
                    .and_then(|i| self.collection.entries.get(i).map(|e| (i, e)));
                egui::Panel::bottom("details")
                    .resizable(true)
                    .default_size(200.0)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("details-scroll")
                            .show(ui, |ui| match selected {
                                Some((index, entry)) => details_ui(ui, index, entry, commands),
                                None => {
                                    ui.add_space(8.0);
                                    ui.label(
                                        egui::RichText::new(
                                            "Select a story to see its summary and details.",
                                        )
                                        .weak(),
                                    );
                                }
                            });
                    });
                let sort = self.settings.sort;
                library_ui(
                    ui,
                    &mut self.library,
                    &self.collection,
                    &self.reading,
                    &mut self.settings.sort,
                    commands,
                );
                if self.settings.sort != sort {
                    self.save_settings();
                }
            });
    }

    fn central_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let t = self.typography(ui, ui.available_width());
        let Some(view) = &mut self.reader else {
            let last = self
                .reading
                .stories
                .iter()
                .max_by_key(|(_, r)| r.last_opened_secs)
                .map(|(h, _)| h.clone());
            let resume =
                last.and_then(|h| self.collection.entries.iter().position(|e| e.hash == h));
            chrome::welcome_ui(
                ui,
                resume.map(|i| (i, &self.collection.entries[i])),
                commands,
            );
            return;
        };
        chrome::reader_bar_ui(ui, view, self.show_library, commands);
        chrome::status_ui(ui, view, self.settings.words_per_minute);
        let out = reader_ui(ui, view, &t);
        if let Some(place) = out.moved_to {
            self.reading.set_place(&view.hash, place, out.at_end);
            self.unsaved_place.get_or_insert_with(Instant::now);
        }
    }
}

impl eframe::App for FicshelfApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.poll_background(&mut commands);
        self.shortcuts(&ctx, &mut commands);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Command::Import(dropped));
        }
        chrome::notice_ui(
            ui,
            self.notice.as_ref(),
            self.import.as_ref().map(|j| (j.done(), j.total)),
            &mut commands,
        );
        if self.show_library && !self.fullscreen {
            self.library_panel_ui(ui, &mut commands);
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &mut commands));
        if self.show_settings {
            chrome::settings_window_ui(
                &ctx,
                &mut self.show_settings,
                &mut self.settings,
                &self.collection,
                &mut commands,
            );
        }
        chrome::drop_overlay_ui(&ctx);
        for command in commands {
            self.apply(&ctx, command);
        }
        if self
            .unsaved_place
            .is_some_and(|t| t.elapsed() >= SAVE_EVERY)
        {
            self.save_reading();
        } else if self.unsaved_place.is_some() {
            ctx.request_repaint_after(SAVE_EVERY);
        }
        if let Some(shot) = &mut self.screenshot {
            shot.frame(&ctx);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_reading();
        self.save_settings();
    }
}
