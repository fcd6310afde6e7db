//! The app's side of the marks: writes the changes the reader made to the database, reads
//! the story's marks again when they changed (here or in another window) and finds each in
//! the text, shows the Marks view, opens a story at a mark, and exports marks to a file.

use std::path::Path;

use super::FicshelfApp;
use crate::collection::marks_export;
use crate::collection::reading::Mark;
use crate::engine::Document;
use crate::storage::write_atomic;
use crate::ui::Command;
use crate::ui::reader::marks::{MarkChange, Shown};

impl FicshelfApp {
    /// Writes and reads the story's marks, then shows the Marks view if it is open.
    pub(super) fn marks_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.sync_marks();
        if self.show_marks_view {
            let all = if self.marks_view.read_at != Some(self.reading.generation()) {
                self.reading.marks().and_then(|s| s.all_marks()).ok()
            } else {
                None
            };
            if let Some(all) = all {
                self.marks_view.marks = all;
                self.marks_view.read_at = Some(self.reading.generation());
            }
            let open = &mut self.show_marks_view;
            crate::ui::marks_view::marks_view_ui(ctx, open, &mut self.marks_view, commands);
        }
    }

    /// Writes the changes made in the reader, and reads the marks again if they changed.
    fn sync_marks(&mut self) {
        let Some(view) = &mut self.reader else {
            return;
        };
        // A big story's fingerprint comes with its whole reading: its marks with it.
        let Some(hash) = view.hash.clone() else {
            return;
        };
        let changes = std::mem::take(&mut view.marks.changes);
        let mut failed = None;
        if let Ok(store) = self.reading.marks() {
            for change in &changes {
                let done = match change {
                    MarkChange::Add(mark) => store.add_mark(mark).map(drop),
                    MarkChange::Delete(id) => store.delete_mark(*id),
                    MarkChange::Note(id, note) => store.set_mark_note(*id, note),
                };
                failed = failed.or(done.err());
            }
        }
        let generation = self.reading.generation();
        if changes.is_empty() && view.marks.read_at == Some(generation) {
            return;
        }
        let first = view.marks.read_at.is_none();
        view.marks.read_at = Some(generation);
        self.marks_view.read_at = None; // it lists them too
        let Ok(store) = self.reading.marks() else {
            return;
        };
        if first {
            adopt_marks_of_earlier_version(store, view);
        }
        match store.marks_of(&hash) {
            Ok(marks) => view.marks.shown = located(&view.story.document, marks),
            Err(e) => failed = failed.or(Some(e)),
        }
        if let Some(e) = failed {
            self.tell(format!("Your marks could not be saved: {e}"));
        }
    }

    /// Opens a story at a story block (from the Marks view): the collection's file with
    /// the mark's fingerprint (it may have moved since), else the file it was made in.
    pub(super) fn open_mark(&mut self, hash: &str, path: &Path, block: usize) {
        let file = self
            .collection
            .entries
            .iter()
            .find(|e| e.hash == hash)
            .map_or_else(|| path.to_path_buf(), |e| e.path.clone());
        self.open_file(&file);
        if let Some(view) = &mut self.reader
            && view.path == file
        {
            view.go_to_block(block);
        }
    }

    /// Writes the story open's marks, or all of them, to `file`: JSON for a `.json` name,
    /// else Markdown; safely (a crash leaves the old file or the new one).
    pub fn export_marks(&mut self, file: &Path, all: bool) {
        let marks: Result<Vec<Mark>, _> =
            self.reading
                .marks()
                .and_then(|store| match (&self.reader, all) {
                    (Some(view), false) => store.marks_of(view.hash.as_deref().unwrap_or("")),
                    _ => store.all_marks(),
                });
        let marks = match marks {
            Ok(marks) => marks,
            Err(e) => return self.tell(format!("Your marks could not be read: {e}")),
        };
        let json = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let text = if json {
            marks_export::to_json(&marks)
        } else {
            marks_export::to_markdown(&marks)
        };
        match write_atomic(file, text.as_bytes()) {
            Ok(()) => self.tell(format!(
                "{} marks exported to {}.",
                marks.len(),
                file.display()
            )),
            Err(e) => self.tell(format!("The marks could not be exported: {e}")),
        }
    }
}

/// Each mark with where its text is in `doc`.
fn located(doc: &Document, marks: Vec<Mark>) -> Vec<Shown> {
    marks
        .into_iter()
        .map(|mark| Shown {
            range: mark.anchor.locate(doc),
            mark,
        })
        .collect()
}

/// A file re-saved since its marks were made has another fingerprint: its marks are found
/// by its path, looked for in the new text, and moved to the new fingerprint where found.
fn adopt_marks_of_earlier_version(
    store: &crate::collection::reading::ReadingStore,
    view: &crate::ui::reader::ReaderView,
) {
    let Some(hash) = &view.hash else { return };
    let path = view.path.to_string_lossy();
    let Ok(left) = store.marks_left_at(&path, hash) else {
        return;
    };
    let doc = &view.story.document;
    for mark in left {
        if let Some(range) = mark.anchor.locate(doc) {
            let anchor = mark.anchor.moved_to(doc, range);
            let _ = store.move_mark(mark.id, hash, &anchor); // tried again next open
        }
    }
}
