//! The library pane: search, sort, and the list of stories with rating badges, warning
//! markers, length and reading progress. Only the rows on screen are drawn.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Key, Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo,
};

use super::{Command, append, rating_color, thousands, warning_markers};
use crate::collection::reading::{Progress, ReadingLog};
use crate::collection::{Collection, Entry, SortKey, filter_and_sort};

/// Height of one story row.
const ROW_HEIGHT: f32 = 62.0;

/// The library pane's own state: the search, the selection and the rows shown.
#[derive(Debug, Default)]
pub struct LibraryState {
    /// The search text.
    pub query: String,
    /// The selected entry (index into the collection).
    pub selected: Option<usize>,
    /// Entries shown, in order; recomputed when `stale`.
    pub shown: Vec<usize>,
    /// The list needs recomputing (search, sort or collection changed).
    pub stale: bool,
    /// Focus the search box next frame (Ctrl+L).
    pub focus_search: bool,
    /// Scroll the selected row into view next frame.
    pub reveal_selected: bool,
    /// The list's scroll offset last frame.
    scroll_offset: f32,
}

impl LibraryState {
    /// A fresh pane that will compute its rows on the first frame.
    pub fn new() -> LibraryState {
        LibraryState {
            stale: true,
            ..LibraryState::default()
        }
    }

    /// Recomputes the rows shown if anything changed.
    pub fn refresh(&mut self, collection: &Collection, reading: &ReadingLog, sort: SortKey) {
        if self.stale {
            self.shown = filter_and_sort(&collection.entries, &self.query, sort, |e| {
                reading.last_opened(&e.hash)
            });
            self.stale = false;
        }
    }

    /// Moves the selection by `delta` rows among those shown.
    fn step(&mut self, delta: isize) -> Option<usize> {
        let pos = self
            .selected
            .and_then(|s| self.shown.iter().position(|&i| i == s));
        let next = match pos {
            None => 0,
            Some(p) => (p as isize + delta).clamp(0, self.shown.len() as isize - 1) as usize,
        };
        let entry = *self.shown.get(next)?;
        self.reveal_selected = true;
        Some(entry)
    }
}

/// The library pane.
pub fn library_ui(
    ui: &mut Ui,
    state: &mut LibraryState,
    collection: &Collection,
    reading: &ReadingLog,
    sort: &mut SortKey,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Library");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Import…")
                .on_hover_text("Add story files to your collection (Ctrl+O)")
                .clicked()
            {
                commands.push(Command::PickImport);
            }
        });
    });
    search_row(ui, state, sort, commands);
    state.refresh(collection, reading, *sort);
    ui.add_space(4.0);
    let count = counts_line(collection, state);
    ui.label(egui::RichText::new(count).small().weak());
    unreadable_ui(ui, collection);
    ui.separator();
    if collection.entries.is_empty() {
        empty_collection_ui(ui, commands);
        return;
    }
    if state.shown.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.label(format!(
                "No stories match \u{201c}{}\u{201d}.",
                state.query.trim()
            ));
            if ui.button("Clear search").clicked() {
                state.query.clear();
                state.stale = true;
            }
        });
        return;
    }
    rows_ui(ui, state, collection, reading, commands);
}

fn search_row(
    ui: &mut Ui,
    state: &mut LibraryState,
    sort: &mut SortKey,
    commands: &mut Vec<Command>,
) {
    let search = egui::TextEdit::singleline(&mut state.query)
        .hint_text("Search title, author, pairing, tags…")
        .desired_width(f32::INFINITY);
    let response = ui.add(search).on_hover_text("Ctrl+L");
    response.widget_info(|| WidgetInfo::labeled(Role::SearchInput, true, "Search the library"));
    if std::mem::take(&mut state.focus_search) {
        response.request_focus();
    }
    if response.changed() {
        state.stale = true;
    }
    if response.has_focus() {
        // Arrows and Enter in the search box drive the list, as in a launcher.
        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        for (pressed, delta) in [(down, 1), (up, -1)] {
            if let Some(entry) = pressed.then(|| state.step(delta)).flatten() {
                commands.push(Command::Select(entry));
            }
        }
        if enter && let Some(entry) = state.selected.or_else(|| state.shown.first().copied()) {
            commands.push(Command::Open(entry));
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label("Sort by");
        egui::ComboBox::from_id_salt("sort")
            .selected_text(sort.label())
            .show_ui(ui, |ui| {
                for key in SortKey::ALL {
                    if ui.selectable_value(sort, key, key.label()).changed() {
                        state.stale = true;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn counts_line(collection: &Collection, state: &LibraryState) -> String {
    let total = collection.entries.len();
    let noun = if total == 1 { "story" } else { "stories" };
    if state.shown.len() == total {
        format!("{total} {noun}")
    } else {
        format!("{} of {total} {noun}", state.shown.len())
    }
}

fn unreadable_ui(ui: &mut Ui, collection: &Collection) {
    let n = collection.unreadable.len();
    if n == 0 {
        return;
    }
    let title = if n == 1 {
        "1 file could not be read".to_string()
    } else {
        format!("{n} files could not be read")
    };
    egui::CollapsingHeader::new(egui::RichText::new(title).small())
        .id_salt("unreadable")
        .show(ui, |ui| {
            for bad in &collection.unreadable {
                let name = bad.path.strip_prefix(&collection.root).unwrap_or(&bad.path);
                ui.label(
                    egui::RichText::new(format!("{}: {}", name.display(), bad.reason)).small(),
                );
            }
        });
}

fn empty_collection_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.label(egui::RichText::new("Your collection is empty").heading());
        ui.add_space(8.0);
        ui.label("Import story files (.txt) from your computer, or drop them on this window.");
        ui.add_space(12.0);
        if ui.button("Import stories…").clicked() {
            commands.push(Command::PickImport);
        }
    });
}

fn rows_ui(
    ui: &mut Ui,
    state: &mut LibraryState,
    collection: &Collection,
    reading: &ReadingLog,
    commands: &mut Vec<Command>,
) {
    let mut area = egui::ScrollArea::vertical()
        .id_salt("library-rows")
        .auto_shrink([false, false]);
    if std::mem::take(&mut state.reveal_selected)
        && let Some(pos) = state
            .selected
            .and_then(|s| state.shown.iter().position(|&i| i == s))
    {
        let spacing = ui.spacing().item_spacing.y;
        let y = pos as f32 * (ROW_HEIGHT + spacing);
        let visible = ui.available_height();
        let current = state.scroll_offset;
        if y < current || y + ROW_HEIGHT > current + visible {
            area = area.vertical_scroll_offset((y - visible / 2.0).max(0.0));
        }
    }
    let output = area.show_rows(ui, ROW_HEIGHT, state.shown.len(), |ui, range| {
        for &index in &state.shown[range] {
            let entry = &collection.entries[index];
            let selected = state.selected == Some(index);
            let response = row_ui(ui, entry, reading.progress(&entry.hash), selected);
            if response.double_clicked() {
                commands.push(Command::Open(index));
            } else if response.clicked() {
                commands.push(Command::Select(index));
            }
        }
    });
    state.scroll_offset = output.state.clamped_offset().y;
}

/// One story row: badge, title, author and pairing, length and warnings, progress.
fn row_ui(ui: &mut Ui, entry: &Entry, progress: Progress, selected: bool) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    let meta = &entry.meta;
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &meta.title));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, CornerRadius::same(4), visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(
            rect,
            CornerRadius::same(4),
            visuals.widgets.hovered.weak_bg_fill,
        );
    }
    let ink = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.strong_text_color()
    };
    let faint = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.weak_text_color()
    };
    // Rating badge.
    let badge = Rect::from_min_size(rect.min + Vec2::new(6.0, 8.0), Vec2::new(26.0, 20.0));
    painter.rect_filled(badge, CornerRadius::same(4), rating_color(meta.rating));
    painter.text(
        badge.center(),
        Align2::CENTER_CENTER,
        meta.rating.short(),
        FontId::proportional(12.0),
        Color32::WHITE,
    );
    // Progress marker on the right.
    let marker_w = 44.0;
    let (marker, marker_color) = match progress {
        Progress::Unread => ("new".to_string(), visuals.hyperlink_color),
        Progress::Reading(p) => (format!("{p}%"), faint),
        Progress::Finished => ("read".to_string(), faint),
    };
    painter.text(
        Pos2::new(rect.right() - 6.0, rect.top() + 18.0),
        Align2::RIGHT_CENTER,
        marker,
        FontId::proportional(11.0),
        marker_color,
    );
    let x = badge.right() + 8.0;
    let width = (rect.right() - x - marker_w - 6.0).max(20.0);
    let line = |text: &str, size: f32, color: Color32, y: f32| {
        let job = one_line(text, size, color, width);
        let galley = painter.layout_job(job);
        painter.galley(Pos2::new(x, rect.top() + y), galley, color);
    };
    line(&meta.title, 15.0, ink, 6.0);
    let mut second = meta
        .author
        .clone()
        .unwrap_or_else(|| "Unknown author".into());
    if let Some(pairing) = meta.pairing() {
        second.push_str(" · ");
        second.push_str(pairing);
    }
    line(&second, 12.0, faint, 26.0);
    third_line(
        &painter,
        meta,
        Pos2::new(x, rect.top() + 43.0),
        width,
        faint,
    );
    response
}

/// `12,345 words · 3 parts · Character death · Violence`, warnings in their colour.
fn third_line(
    painter: &egui::Painter,
    meta: &crate::collection::StoryMeta,
    pos: Pos2,
    width: f32,
    faint: Color32,
) {
    let font = FontId::proportional(11.5);
    let mut job = LayoutJob::default();
    let mut text = format!("{} words", thousands(meta.words));
    if meta.parts > 0 {
        text.push_str(&format!(" · {} parts", meta.parts));
    }
    match meta.complete {
        Some(true) => text.push_str(" · complete"),
        Some(false) => text.push_str(" · in progress"),
        None => {}
    }
    append(&mut job, &text, &font, faint);
    for (label, color) in warning_markers(&meta.warnings) {
        append(&mut job, " · ", &font, faint);
        append(&mut job, &label, &font, color);
    }
    job.wrap = TextWrapping::truncate_at_width(width);
    painter.galley(pos, painter.layout_job(job), faint);
}

fn one_line(text: &str, size: f32, color: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::single_section(
        text.to_string(),
        TextFormat {
            font_id: FontId::proportional(size),
            color,
            ..TextFormat::default()
        },
    );
    job.wrap = TextWrapping::truncate_at_width(width);
    job
}
