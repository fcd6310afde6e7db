//! The Ficshelf window: owns the saved state (settings, reading positions) and the runtime
//! state (the collection, the open story, dialogs and imports in flight), draws the panels
//! each frame and carries out the [`Command`]s they return, after the frame.

mod commands;
mod dialogs;
mod first_scan;
mod handoff;
mod imports;
mod looks;
mod marks;
pub mod opening;
mod panels;
mod screenshot;
mod stories;
mod text_index;
mod text_search;
mod watch;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::Ui;

use crate::collection::reading::{ReadingLog, ReadingState};
use crate::collection::{Collection, samples};
use crate::paths::AppDirs;
use crate::settings::Settings;
use crate::ui::library::LibraryState;
use crate::ui::reader::ReaderView;
use crate::ui::status_menus::NewList;
use crate::ui::{Command, chrome};
use crate::window_state::WindowState;
use dialogs::Dialog;
use imports::ImportJob;
use looks::Applied;
pub use screenshot::save_png;

/// Reads a collection folder through its index cache, on every core.
/// Scans the collection through its index; the note says when the folder can't be read.
fn scan_collection(dirs: &AppDirs, root: &std::path::Path) -> (Collection, Option<String>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let scan = crate::collection::index::scan(root, Some(&dirs.index_file(root)), threads);
    if let Some(e) = scan.cache_error {
        // Only a cache: the collection is complete; the next start reads the files again.
        eprintln!("ficshelf: the collection index could not be saved: {e}");
    }
    (scan.collection, scan.missing.map(|m| missing_note(&m)))
}

/// What the reader is told when the collection folder can't be read.
fn missing_note(reason: &str) -> String {
    format!(
        "Your collection folder is out of reach: {reason}. Nothing is lost: its stories \
         come back as soon as it does (a drive plugged in again, say)."
    )
}

/// How long the window must keep its size and place before they are saved.
const WINDOW_SETTLED: Duration = Duration::from_secs(1);

/// How often a collection folder that is out of reach is looked for again.
const LOOK_AGAIN: Duration = Duration::from_secs(2);

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
    /// A story the filters hide, which the user may open anyway.
    pub offer_open: Option<PathBuf>,
    /// A block of the open story to go to (the first new chapter, or the first block past
    /// an older copy's end), and the button's words.
    pub offer_part: Option<(usize, String)>,
}

/// The application.
pub struct FicshelfApp {
    dirs: AppDirs,
    settings: Settings,
    /// The settings as this window last read or saved them: what it changed since is
    /// what the next save writes.
    settings_saved: Settings,
    collection: Collection,
    reading: ReadingState,
    library: LibraryState,
    reader: Option<ReaderView>,
    notice: Option<Notice>,
    dialog: Option<Dialog>,
    import: Option<ImportJob>,
    show_library: bool,
    show_settings: bool,
    applied: Option<Applied>,
    /// The collection folder's watcher; `Err` holds when it could not be started (it is
    /// tried again after [`LOOK_AGAIN`]).
    watch: Option<Result<watch::Watch, Instant>>,
    /// The collection folder could not be read at the last look.
    folder_missing: bool,
    /// The entry the reader is being asked about moving to the Trash.
    confirm_trash: Option<usize>,
    /// The window's size, place and panes, and since when they differ from the saved ones.
    window: WindowState,
    window_changed: Option<Instant>,
    show_shortcuts: bool,
    show_about: bool,
    /// Whether the Marks view across the collection is shown, and its state.
    show_marks_view: bool,
    show_text_search: bool,
    text_search: crate::ui::text_search::TextSearch,
    text_search_job: Option<text_search::TextSearchJob>,
    /// The full-text index kept up to date on its own thread.
    text_index: text_search::TextIndexing,
    marks_view: crate::ui::marks_view::MarksView,
    /// The first scan of a collection with no index yet.
    first_scan: Option<first_scan::FirstScan>,
    /// Files named on the command line, waiting for the first scan.
    pending_files: Vec<PathBuf>,
    /// The command line's big story, found in the collection (or not) by content once its
    /// fingerprint arrives with its whole reading.
    unplaced_file: Option<PathBuf>,
    fullscreen: bool,
    unsaved_place: Option<Instant>,
    /// A new list being named.
    naming_list: Option<NewList>,
    /// The last attempt to save the reading places failed.
    place_save_failed: bool,
    /// When the reading state was last checked for other windows' changes.
    reading_looked: Instant,
    screenshot: Option<screenshot::Screenshot>,
    /// Files handed over by later starts (see [`Self::listen`]).
    inbox: Option<crate::instance::Inbox>,
}

impl FicshelfApp {
    /// Loads settings and reading state, installs the samples on first run, reads the
    /// collection, and opens the first file named on the command line.
    pub fn new(dirs: AppDirs, launch: Launch) -> FicshelfApp {
        let (settings, settings_note) = Settings::load(&dirs.settings());
        let (reading, reading_note) = ReadingState::open(&dirs.data);
        let (window, _) = WindowState::load(&dirs.window_state()); // damage: default sizes
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
        // Imports write beside their destination first: a killed one left its temporary
        // files in the collection folder.
        crate::storage::sweep_leftovers(&root);
        // With an index the start takes milliseconds; a first scan of a big folder can take
        // seconds, so it runs beside the window.
        let cache = dirs.index_file(&root);
        let (collection, first_scan) = if cache.exists() {
            let (collection, missing) = scan_collection(&dirs, &root);
            notes.extend(missing);
            (collection, None)
        } else {
            let empty = Collection {
                root: root.clone(),
                ..Collection::default()
            };
            (
                empty,
                Some(first_scan::FirstScan::start(root.clone(), cache)),
            )
        };
        let mut app = FicshelfApp {
            dirs,
            settings_saved: settings.clone(),
            settings,
            collection,
            reading,
            library: LibraryState::new(),
            reader: None,
            notice: None,
            unplaced_file: None,
            dialog: None,
            import: None,
            show_library: true,
            show_settings: false,
            applied: None,
            watch: None,
            folder_missing: false,
            confirm_trash: None,
            window,
            window_changed: None,
            show_shortcuts: false,
            show_about: false,
            show_marks_view: false,
            show_text_search: false,
            text_search: Default::default(),
            text_search_job: None,
            text_index: Default::default(),
            marks_view: Default::default(),
            first_scan,
            pending_files: Vec::new(),
            fullscreen: false,
            unsaved_place: None,
            place_save_failed: false,
            naming_list: None,
            reading_looked: Instant::now(),
            screenshot: launch.screenshot.map(screenshot::Screenshot::new),
            inbox: None,
        };
        if !notes.is_empty() {
            app.tell(notes.join(" "));
        }
        if app.first_scan.is_some() {
            app.pending_files = launch.files; // opened when the collection is known
        } else {
            app.open_from_command_line(&launch.files);
        }
        app
    }

    /// [`FicshelfApp::new`], with the saved theme, fonts and panel scale put on the window
    /// before its first frame (eframe's creation context), so that the first frame drawn
    /// is already the reader's and not egui's dark default.
    pub fn start(ctx: &egui::Context, dirs: AppDirs, launch: Launch) -> FicshelfApp {
        let mut app = FicshelfApp::new(dirs, launch);
        app.apply_looks(ctx);
        app
    }

    /// True while the first scan of the collection runs.
    pub fn is_scanning(&self) -> bool {
        self.first_scan.is_some()
    }

    /// The collection shown.
    pub fn collection(&self) -> &Collection {
        &self.collection
    }

    /// The search-every-word window's state.
    pub fn text_search(&self) -> &crate::ui::text_search::TextSearch {
        &self.text_search
    }

    /// The story open in the reader.
    pub fn reader(&self) -> Option<&ReaderView> {
        self.reader.as_ref()
    }

    /// The reading state.
    pub fn reading(&self) -> &ReadingLog {
        self.reading.log()
    }

    /// The reader's lists.
    pub fn lists(&self) -> &[crate::collection::reading::ReadingList] {
        self.reading.lists()
    }

    /// The library pane's state (search, selection, rows shown).
    pub fn library(&self) -> &LibraryState {
        &self.library
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The window's size, place and pane sizes as last seen.
    pub fn window_state(&self) -> &WindowState {
        &self.window
    }

    /// True while the settings window is open.
    pub fn settings_shown(&self) -> bool {
        self.show_settings
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
            offer_open: None,
            offer_part: None,
        });
    }

    /// Saves what this window changed, over what other windows may have saved since.
    fn save_settings(&mut self) {
        if self.settings == self.settings_saved {
            return;
        }
        match self
            .settings
            .save_over(&self.settings_saved, &self.dirs.settings())
        {
            Ok(()) => self.settings_saved = self.settings.clone(),
            Err(e) => self.tell(format!("Your settings could not be saved: {e}")),
        }
    }

    fn set_collection_folder(&mut self, folder: PathBuf) {
        self.settings.collection_dir = Some(folder.clone());
        self.save_settings();
        let (collection, missing) = scan_collection(&self.dirs, &folder);
        self.collection = collection;
        // A first scan or a watch of the old folder must not bring its stories back.
        if let Some(scan) = self.first_scan.take() {
            scan.detach();
        }
        self.watch = None; // watch the new folder from the next frame
        self.library = LibraryState::new();
        self.text_index.stale = true;
        self.folder_missing = missing.is_some();
        self.tell(
            missing.unwrap_or_else(|| format!("Showing the stories in {}.", folder.display())),
        );
    }

    /// Notes the window's size and place as the reader changes them, and saves them once
    /// they have stayed put for a moment (and on exit).
    fn follow_window(&mut self, ctx: &egui::Context, before: WindowState) {
        let (inner, outer, maximized, fullscreen) = ctx.input(|i| {
            let v = i.viewport();
            (v.inner_rect, v.outer_rect, v.maximized, v.fullscreen)
        });
        self.window.maximized = maximized.unwrap_or(false);
        if !self.window.maximized && fullscreen != Some(true) {
            if let Some(r) = inner {
                self.window.size = Some([r.width(), r.height()]);
            }
            if let Some(r) = outer {
                self.window.position = Some([r.min.x, r.min.y]);
            }
        }
        if self.window != before {
            self.window_changed = Some(Instant::now());
        }
        match self.window_changed.map(|t| t.elapsed()) {
            Some(since) if since >= WINDOW_SETTLED => self.save_window(),
            Some(since) => ctx.request_repaint_after(WINDOW_SETTLED - since),
            None => {}
        }
    }

    fn save_window(&mut self) {
        if self.window_changed.take().is_some()
            && let Err(e) = self.window.save(&self.dirs.window_state())
        {
            eprintln!("ficshelf: {e}"); // only the window's size: not worth a message
        }
    }
}

impl eframe::App for FicshelfApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let window_before = self.window;
        self.apply_looks(&ctx);
        self.follow_first_scan(&ctx);
        self.follow_handoff(&ctx);
        self.follow_folder(&ctx);
        let mut commands = Vec::new();
        self.poll_background(&mut commands);
        self.follow_reading(&ctx);
        // The reader's splits of works, this window's or another's, group the files again.
        let (library, entries) = (&mut self.library, &self.collection.entries);
        library.regroup(entries, self.reading.splits());
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
        let progress = match (&self.first_scan, &self.import) {
            (Some(scan), _) => Some(("Reading your collection", scan.counts())),
            (None, Some(job)) => Some(("Importing", (job.done(), job.total))),
            (None, None) => None,
        };
        chrome::notice_ui(ui, self.notice.as_ref(), progress, &mut commands);
        if self.show_library && !self.fullscreen {
            self.library_panel_ui(ui, &mut commands);
            // Beside the list, as on AO3, and after it in the Tab order.
            if !self.window.facets_closed {
                self.facets_panel_ui(ui);
            }
        }
        // The Marks panel: where it would leave the story too little room, the library
        // makes way (F9 brings it back), as when a story opens in a narrow window.
        let cramped = ui.available_width() < 640.0;
        if let Some(view) = self.reader.as_mut().filter(|v| v.marks.panel_open) {
            self.show_library &= !cramped;
            crate::ui::marks_panel::marks_panel_ui(ui, view, &mut commands);
        }
        let paper = self.palette(&ctx).paper;
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(paper))
            .show(ui, |ui| self.central_ui(ui, &mut commands));
        if self.show_settings {
            self.settings_window_ui(&ctx, &mut commands);
        }
        crate::ui::help::shortcuts_ui(&ctx, &mut self.show_shortcuts);
        crate::ui::help::about_ui(&ctx, &mut self.show_about);
        self.marks_ui(&ctx, &mut commands);
        self.text_search_ui(&ctx, &mut commands);
        self.confirm_trash_ui(&ctx);
        self.new_list_ui(&ctx);
        self.follow_window(&ctx, window_before);
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
        // Places saved by other Ficshelf windows show up in this one's library (on the
        // next frame drawn for any reason: the window is not woken for it).
        if self.reading_looked.elapsed() >= LOOK_AGAIN {
            self.reading_looked = Instant::now();
            self.reading.refresh();
        }
        // A screenshot shows the window settled: after the first scan and the whole story's
        // reading, not during them.
        let reading = self.reader.as_ref().is_some_and(ReaderView::is_reading);
        if let Some(shot) = self
            .screenshot
            .as_mut()
            .filter(|_| self.first_scan.is_none() && !reading)
        {
            shot.frame(&ctx);
        }
    }

    /// The colour behind the panels: the theme's, never eframe's near-black, so that nothing
    /// dark shows at the edges of the first frame or while the window is resized.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_window();
        self.save_reading();
        self.save_settings();
    }
}
