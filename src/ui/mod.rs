//! The window's panels. Each `..._ui` function draws from the state it is given and returns
//! what the user asked for as [`Command`]s; `app.rs` carries them out after the frame, so no
//! file is read or written inside a widget.

pub mod chrome;
pub mod confirm;
pub mod content_filters;
pub mod details;
pub mod fonts;
pub mod help;
pub mod library;
pub mod marks_panel;
pub mod marks_view;
pub mod parts_bar;
pub mod reader;
pub mod series_bar;
pub mod settings_panel;
pub mod status_menus;
pub mod tags;
pub mod text_cache;
pub mod text_search;
pub mod theme;
pub mod work_files;

use std::path::PathBuf;

use egui::{Color32, RichText, Ui};

use crate::collection::ContentHash;
use crate::collection::filter::facets::{Facet, Mark};
use crate::collection::reading::Status;
use crate::collection::works::Join;
use crate::engine::{RatingLevel, WarningState, Warnings};

/// Something the user asked for, carried out by the app after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select a library entry (by index into the collection).
    Select(usize),
    /// Open a library entry in the reader.
    Open(usize),
    /// Go to a block of the open story (the top of it) and let the notice go.
    GoToBlock(usize),
    /// Show the native file dialog to import stories.
    PickImport,
    /// Import these files into the collection.
    Import(Vec<PathBuf>),
    /// Close the reader.
    CloseReader,
    /// Change the reading text size by this many points (0 resets it).
    TextSize(f32),
    /// Show or hide the library pane.
    ToggleLibrary,
    /// Enter or leave full screen.
    ToggleFullscreen,
    /// Open the settings window.
    OpenSettings,
    /// Choose a new collection folder with the native dialog.
    PickCollectionFolder,
    /// Dismiss the message at the top of the window.
    DismissNotice,
    /// Show one story the filters hide (by entry index).
    Reveal(usize),
    /// Show (or stop showing) every story the filters hide.
    ShowHidden(bool),
    /// Choose a font file with the native dialog.
    PickFont,
    /// Switch between continuous and paged reading.
    ToggleReadingMode,
    /// Open a file even though the filters hide it (asked first).
    OpenAnyway(PathBuf),
    /// Ask whether to move a library entry's file to the Trash.
    AskTrash(usize),
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show the About box.
    ShowAbout,
    /// Set a work's status by hand (`None`: as its reading says).
    SetStatus(ContentHash, Option<Status>),
    /// Put a work at the end of a list.
    AddToList(i64, ContentHash),
    /// Take a work off a list.
    RemoveFromList(i64, ContentHash),
    /// Ask for a new list's name (and put this work on it).
    NewList(Option<ContentHash>),
    /// Move a work to this place in a list.
    MoveInList(i64, ContentHash, usize),
    /// Show one list's works in its order, or (`None`) the whole collection.
    ShowList(Option<i64>),
    /// Show or hide the filter sidebar.
    ToggleFacets,
    /// Show each series as one row (or every work on its own).
    GroupSeries(bool),
    /// Choose a facet value (a tag clicked in the details, say).
    ChooseFacet(Facet, String, Mark),
    /// Export marks through the save dialog: the story open's, or (`true`) all of them.
    ExportMarks(bool),
    /// Open a story at a story block (a mark in the Marks view): the collection's file
    /// with this fingerprint, else the file where the mark was made.
    OpenMark(ContentHash, PathBuf, usize),
    /// Show or hide the Marks view across the collection.
    ToggleMarksView,
    /// Show or hide the window that searches every word of the collection.
    ToggleTextSearch,
    /// Search the text of every story for these words.
    SearchText(String),
    /// Open a story at a passage found (its file, its block), finding these words in it.
    OpenSearchHit(PathBuf, usize, String),
    /// Take a file (by content) out of the work it was grouped into.
    TakeOutOfWork(ContentHash),
    /// Split a work (by its key) into separate stories, then select this entry.
    SplitWork(String, usize),
    /// Put a work back together as the grouping rule finds it.
    JoinWork(Join),
}

/// The colour of a rating, AO3-style: green, yellow, orange, red, grey.
pub fn rating_color(level: RatingLevel) -> Color32 {
    match level {
        RatingLevel::General => Color32::from_rgb(0x4c, 0x9a, 0x2a),
        RatingLevel::Teen => Color32::from_rgb(0xc9, 0x9a, 0x06),
        RatingLevel::Mature => Color32::from_rgb(0xd9, 0x6c, 0x0b),
        RatingLevel::Explicit => Color32::from_rgb(0xb3, 0x1b, 0x1b),
        RatingLevel::NotRated => Color32::from_rgb(0x80, 0x80, 0x80),
    }
}

/// A small coloured badge with the rating's short label; the full label on hover.
pub fn rating_badge(ui: &mut Ui, level: RatingLevel, raw: Option<&str>) -> egui::Response {
    let text = RichText::new(format!(" {} ", level.short()))
        .strong()
        .color(Color32::WHITE)
        .background_color(rating_color(level));
    let hover = match raw {
        Some(raw) => format!("{} (\u{201c}{raw}\u{201d})", level.label()),
        None => level.label().to_string(),
    };
    ui.label(text).on_hover_text(hover)
}

/// The warning markers for a story: each category, or what is known about the warnings.
pub fn warning_markers(w: &Warnings) -> Vec<(String, Color32)> {
    let warn = Color32::from_rgb(0xb3, 0x4d, 0x1b);
    let quiet = Color32::from_rgb(0x80, 0x80, 0x80);
    let mut marks: Vec<(String, Color32)> = w
        .categories
        .iter()
        .map(|c| (c.label().to_string(), warn))
        .collect();
    match w.state {
        WarningState::ChooseNotToWarn => marks.push(("Chose not to warn".into(), warn)),
        WarningState::Unknown if marks.is_empty() => {
            marks.push(("No warnings given".into(), quiet))
        }
        _ => {}
    }
    marks
}

/// Appends `text` to a layout job in one font and colour.
pub fn append(job: &mut egui::text::LayoutJob, text: &str, font: &egui::FontId, color: Color32) {
    let format = egui::text::TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    job.append(text, 0.0, format);
}

/// What a work saved again has that the copy read had not: `2 new chapters`,
/// `1 new chapter`, `1,200 new words`.
pub fn news_label(news: crate::collection::editions::News) -> String {
    use crate::collection::editions::News;
    match news {
        News::Chapters { new: 1, .. } => "1 new chapter".to_string(),
        News::Chapters { new, .. } => format!("{new} new chapters"),
        News::Words(n) => format!("{} new words", thousands(n as usize)),
    }
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2 h 05 min`, `12 min`, `under a minute`.
pub fn duration_words(minutes: f64) -> String {
    let m = minutes.round() as u64;
    match m {
        0 => "under a minute".into(),
        m if m < 60 => format!("{m} min"),
        m => format!("{} h {:02} min", m / 60, m % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(duration_words(0.2), "under a minute");
        assert_eq!(duration_words(125.0), "2 h 05 min");
    }
}
