//! Opening stories: from the command line, the library and a file, the story shown in the
//! reader at its saved place, a big story's rest followed as it is read, and the place
//! saved.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{FicshelfApp, Notice, opening};
use crate::collection::editions::News;
use crate::collection::filter::Verdict;
use crate::collection::reading::{Place, now_secs};
use crate::collection::{StoryMeta, content_hash};
use crate::engine::read_bytes;
use crate::ui::reader::Reading;

/// What is new in a work saved again, and for an edition found by its text the first block
/// past the old text's end.
type Fresh = (News, Option<usize>);

impl FicshelfApp {
    pub(super) fn open_from_command_line(&mut self, files: &[PathBuf]) {
        let Some(first) = files.first() else { return };
        let opened = match opening::open_known(first, self.indexed_hash(first)) {
            Ok(opened) => opened,
            Err(e) => return self.tell(format!("This story could not be opened: {e}")),
        };
        let (story, hash) = (&opened.story, opened.hash.clone());
        // A file is "in the collection" by place or by content (a copy of a collected story).
        let in_collection = |f: &PathBuf, hash: Option<&str>| {
            self.collection.find_path(f).is_some()
                || hash
                    .map(str::to_string)
                    .or_else(|| read_bytes(f).ok().map(|b| content_hash(&b)))
                    .is_some_and(|h| self.collection.find_hash(&h).is_some())
        };
        // A big story's fingerprint may come with its whole reading: a file not in the
        // collection by place is said to be outside it now (the notice comes with the first
        // frame, not over the text later), and taken back if its content is found there.
        let first_known = hash.is_some() || self.collection.find_path(first).is_some();
        let outside: Vec<PathBuf> = files
            .iter()
            .enumerate()
            .filter(|(i, f)| match i {
                0 => !first_known || !in_collection(f, hash.as_deref()),
                _ => !in_collection(f, None),
            })
            .map(|(_, f)| f.clone())
            .collect();
        // A story the filters hide is not shown without asking.
        if let Verdict::Hidden(reasons) = self.settings.filters.judge(&StoryMeta::of(story)) {
            let reasons = reasons
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join(", ");
            self.notice = Some(Notice {
                text: format!("This story is hidden by your filters ({reasons}). Open it anyway?"),
                offer_import: Vec::new(),
                offer_open: Some(first.clone()),
                offer_part: None,
            });
            return;
        }
        if let Some(hash) = &hash {
            self.select_by_content(hash);
        }
        self.show_story(first, opened);
        self.unplaced_file = (!first_known).then(|| first.clone());
        self.offer_import(outside);
    }

    /// Shows the story in the library too when the collection has it (by content).
    fn select_by_content(&mut self, hash: &str) -> bool {
        let found = self.collection.entries.iter().position(|e| e.hash == hash);
        if let Some(index) = found {
            self.library.selected = Some(index);
            self.library.reveal_selected = true;
        }
        found.is_some()
    }

    /// Says which of the files opened are not in the collection, offering to add them.
    fn offer_import(&mut self, outside: Vec<PathBuf>) {
        if outside.is_empty() {
            return;
        }
        let what = match outside.len() {
            1 => "This story is not in your collection.".to_string(),
            n => format!("{n} of the files you opened are not in your collection."),
        };
        self.notice = Some(Notice {
            text: what,
            offer_import: outside,
            offer_open: None,
            offer_part: None,
        });
    }

    pub(super) fn open_entry(&mut self, index: usize) {
        let Some(entry) = self.collection.entries.get(index) else {
            return;
        };
        let path = entry.path.clone();
        self.library.selected = Some(index);
        self.open_file(&path);
    }

    /// Opens any story file in the reader, in the collection or not.
    pub(super) fn open_file(&mut self, path: &std::path::Path) {
        match opening::open_known(path, self.indexed_hash(path)) {
            Ok(opened) => self.show_story(path, opened),
            Err(e) => self.tell(format!("This story could not be opened: {e}")),
        }
    }

    /// The fingerprint the collection's index has for the file at `path`, if the file is
    /// in it and unchanged since (same size, same modification time).
    fn indexed_hash(&self, path: &std::path::Path) -> Option<crate::collection::ContentHash> {
        let entry = &self.collection.entries[self.collection.find_path(path)?];
        let meta = std::fs::metadata(path).ok()?;
        let modified_secs = crate::collection::index::modified_ns(&meta) / 1_000_000_000;
        (meta.len() == entry.bytes && modified_secs == entry.modified_secs && modified_secs > 0)
            .then(|| entry.hash.clone())
    }

    /// Puts a story in the reader at its saved place (a big story's whose fingerprint is
    /// taken with its whole reading, once that is in: see [`Self::story_fingerprinted`]).
    pub(super) fn show_story(&mut self, path: &std::path::Path, opened: opening::Opened) {
        self.save_reading();
        self.unplaced_file = None;
        let (place, new_chapters) = match &opened.hash {
            Some(hash) => self.story_opened(hash),
            None => (None, None),
        };
        let view = opened.into_view(path, place);
        self.reader = Some(view);
        self.tell_new_chapters(new_chapters);
    }

    /// Notes that the story `hash` is open: its saved place (carried over from an older
    /// edition's if need be), and the chapters read then and now if there are new ones.
    fn story_opened(&mut self, hash: &str) -> (Option<Place>, Option<Fresh>) {
        let new_chapters = self.carry_over_from_older_edition(hash);
        let place = self.reading.record(hash).map(|r| r.place);
        if let Err(e) = self.reading.opened(hash, now_secs()) {
            self.tell(format!("Your reading position could not be saved: {e}"));
        }
        self.library.marks_changed(); // its status may now be Reading
        (place, new_chapters)
    }

    /// A big story's whole reading has come with its fingerprint: its saved place is gone
    /// to (once), and the command line's story is looked for in the collection by content
    /// (a copy of a collected story): found, it is selected there and no longer offered.
    fn story_fingerprinted(&mut self, hash: &str) {
        let (place, new_chapters) = self.story_opened(hash);
        let Some(view) = self.reader.as_mut() else {
            return;
        };
        view.go_to_saved(place);
        let path = view.path.clone();
        if self.unplaced_file.take().is_some_and(|f| f == path)
            && self.select_by_content(hash)
            && let Some(notice) = self.notice.take_if(|n| n.offer_import.contains(&path))
        {
            let outside = notice.offer_import.into_iter().filter(|f| *f != path);
            self.offer_import(outside.collect());
        }
        self.tell_new_chapters(new_chapters);
    }

    /// Says how many chapters (or words) are new since the reader last read this work,
    /// offering to go to the first of them.
    fn tell_new_chapters(&mut self, fresh: Option<Fresh>) {
        let Some(view) = &self.reader else { return };
        let Some((news, first_new_block)) = fresh else {
            return;
        };
        let said = crate::ui::news_label(news);
        let then_now = match news {
            News::Chapters {
                counts: Some((then, now)),
                ..
            } => format!(" ({then} then, {now} now)"),
            _ => String::new(),
        };
        let text = format!(
            "{said} since you read this work{then_now}; your place and lists came with it."
        );
        let parts = view.story.document.parts();
        let offer_part = match (news, first_new_block) {
            // A text edition: the first block past the old text's end, named by the
            // heading there if it is one.
            (_, Some(block)) => {
                let heading = parts.iter().find(|p| p.block == block);
                let label = heading.map_or("Go to the new text".to_string(), |p| {
                    format!("Go to {}", p.title)
                });
                Some((block, label))
            }
            // Chapters counted by the files: the first part past those read.
            (
                News::Chapters {
                    counts: Some((then, _)),
                    ..
                },
                None,
            ) => (parts.get(then as usize)).map(|p| (p.block, format!("Go to {}", p.title))),
            _ => None,
        };
        self.notice = Some(Notice {
            text,
            offer_import: Vec::new(),
            offer_open: None,
            offer_part,
        });
    }

    /// A work saved again with new chapters, opened for the first time: the place, status
    /// and lists of the edition read last come with it. Returns what is new, and for an
    /// edition found by its text the first block past the old text's end.
    fn carry_over_from_older_edition(&mut self, hash: &str) -> Option<Fresh> {
        if self.reading.record(hash).is_some() {
            return None;
        }
        let entries = &self.collection.entries;
        let newest = entries.iter().position(|e| e.hash == hash)?;
        let log = self.reading.log();
        let (old, record) = (self.library.editions.older(newest).iter())
            .filter_map(|&i| Some((i, *log.get(&entries.get(i)?.hash)?)))
            .max_by_key(|(_, r)| r.last_opened_secs)?;
        let old_hash = entries[old].hash.clone();
        let editions = &self.library.editions;
        let news = editions.news(entries, old, newest);
        let first_new = (editions.growth(old, newest)).map(|g| g.first_new_block as usize);
        self.reading.set_place(hash, record.place, false);
        let lists: Vec<i64> = (self.reading.lists().iter())
            .filter(|l| l.items.contains(&old_hash))
            .map(|l| l.id)
            .collect();
        let mut failed = self.reading.set_status(hash, record.status).err();
        for id in lists {
            failed = failed.or(self.reading.add_to_list(id, hash).err());
        }
        if let Some(e) = failed {
            self.tell(format!("Your reading state could not be carried over: {e}"));
        }
        news.map(|n| (n, first_new))
    }

    /// Takes in the whole of a story opened on its first chunk, once it has been read.
    pub(super) fn follow_reading(&mut self, ctx: &egui::Context) {
        let Some(view) = self.reader.as_mut() else {
            return;
        };
        match view.follow_reading() {
            Reading::Done => {}
            Reading::Arrived(hash) => self.story_fingerprinted(&hash),
            // Looked at again soon: the thread does not wake the window.
            Reading::Going => ctx.request_repaint_after(Duration::from_millis(30)),
            Reading::Failed(e) => {
                self.tell(format!("The rest of this story could not be read: {e}"))
            }
        }
    }

    /// Writes the places that moved. What can't be written (a full disk) is tried again a
    /// little later; the message shows once, when saving starts to fail.
    pub(super) fn save_reading(&mut self) {
        self.unsaved_place = None;
        match self.reading.save() {
            Ok(()) => self.place_save_failed = false,
            Err(e) => {
                self.unsaved_place = Some(Instant::now());
                if !std::mem::replace(&mut self.place_save_failed, true) {
                    self.tell(format!("Your reading position could not be saved: {e}"));
                }
            }
        }
    }
}
