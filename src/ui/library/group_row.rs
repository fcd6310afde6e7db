//! The row that stands for several stories in the library: a series, or a work saved in
//! several files. A triangle where a story has its badge says whether it is open (its
//! stories listed beneath it) or folded; a click opens or folds it.

use egui::{Color32, CornerRadius, Pos2, Role, Sense, Ui, Vec2, WidgetInfo};

use super::{LibraryState, grouping};
use crate::collection::editions::News;
use crate::collection::reading::ReadingLog;
use crate::collection::series::Series;
use crate::collection::{Collection, Entry};
use crate::ui::{Command, thousands};

/// Height of a group's row (a story's row's height).
const ROW_HEIGHT: f32 = 62.0;

/// What a group's row shows.
pub struct Group<'a> {
    /// What screen readers hear (`Series: Name`).
    pub label: String,
    /// Its name, on the first line.
    pub name: &'a str,
    /// The second and third lines, in small quiet type.
    pub second: String,
    pub third: String,
    /// Whether its stories are listed beneath it.
    pub open: bool,
    /// The tooltips when open and when folded.
    pub tips: (&'a str, &'a str),
}

/// Draws a group's row; the response is clicked to open or fold it.
pub fn group_row_ui(ui: &mut Ui, group: &Group<'_>) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, group.open, &group.label));
    let response = response.on_hover_text(if group.open {
        group.tips.0
    } else {
        group.tips.1
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if response.hovered() {
        let fill = visuals.widgets.hovered.weak_bg_fill;
        painter.rect_filled(rect, CornerRadius::same(4), fill);
    }
    let (ink, faint) = (visuals.strong_text_color(), visuals.weak_text_color());
    // An open or closed triangle where a story has its badge.
    let c = rect.min + Vec2::new(19.0, 18.0);
    let points = if group.open {
        vec![
            c + Vec2::new(-6.0, -3.0),
            c + Vec2::new(6.0, -3.0),
            c + Vec2::new(0.0, 4.0),
        ]
    } else {
        vec![
            c + Vec2::new(-3.0, -6.0),
            c + Vec2::new(-3.0, 6.0),
            c + Vec2::new(4.0, 0.0),
        ]
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        faint,
        egui::Stroke::NONE,
    ));
    let x = rect.left() + 40.0;
    let width = (rect.width() - 46.0).max(20.0);
    let line = |text: &str, size: f32, color: Color32, y: f32| {
        let galley = painter.layout_job(super::rows::one_line(text, size, color, width));
        painter.galley(Pos2::new(x, rect.top() + y), galley, color);
    };
    line(group.name, 15.0, ink, 6.0);
    line(&group.second, 12.0, faint, 26.0);
    line(&group.third, 11.5, faint, 43.0);
    response
}

/// What a newest edition has over the older one read last, until it is opened.
pub(super) fn new_chapters(
    state: &LibraryState,
    collection: &Collection,
    reading: &ReadingLog,
    index: usize,
) -> Option<News> {
    let older = state.editions.older(index);
    let entry = collection.entries.get(index)?;
    if older.is_empty() || reading.last_opened(&entry.hash) > 0 {
        return None;
    }
    let read = (older.iter().copied())
        .filter(|&i| (collection.entries.get(i)).is_some_and(|e| reading.last_opened(&e.hash) > 0))
        .max_by_key(|&i| reading.last_opened(&collection.entries[i].hash))?;
    state.editions.news(&collection.entries, read, index)
}

/// How a story listed under a group's row is numbered: its part of the work, or of the
/// series.
pub(super) fn part_label(state: &LibraryState, index: usize) -> Option<String> {
    if let Some(w) = state.works.of_entry(index) {
        let files = &state.works.works[w].files;
        let at = files.iter().position(|&f| f == index)?;
        return Some(format!("Part {}", at + 1));
    }
    let s = state.series.of_entry(index)?;
    state.series.series[s].part_label(index)
}

/// A work's row: a click opens or folds it; a double-click (or Enter) opens the part read
/// last, else the first.
pub(super) fn work_row(
    ui: &mut Ui,
    state: &mut LibraryState,
    (w, files): (usize, usize),
    collection: &Collection,
    reading: &ReadingLog,
    commands: &mut Vec<Command>,
) {
    let work = &state.works.works[w];
    let key = grouping::work_key(work);
    let open = state.open_series.contains(&key);
    let metas: Vec<&Entry> = (work.files.iter())
        .filter_map(|&f| collection.entries.get(f))
        .collect();
    let words: usize = metas.iter().map(|e| e.meta.words).sum();
    let parts = match work.parts_total {
        Some(total) => format!("{} of {total} parts", work.parts_found),
        None => format!("{} parts", work.parts_found),
    };
    let by = work
        .author
        .as_deref()
        .map(|a| format!(" \u{00b7} {a}"))
        .unwrap_or_default();
    let state_word = match work.complete {
        Some(true) => " \u{00b7} complete",
        Some(false) => " \u{00b7} in progress",
        None => "",
    };
    let listed = if files < work.files.len() {
        format!(" ({files} shown)")
    } else {
        String::new()
    };
    let last = (work.files.iter().zip(&metas))
        .filter(|(_, e)| reading.last_opened(&e.hash) > 0)
        .max_by_key(|(_, e)| reading.last_opened(&e.hash))
        .map(|(&f, _)| f);
    let response = group_row_ui(
        ui,
        &Group {
            label: format!("Work: {}", work.title),
            name: &work.title,
            second: format!("Work in {parts}{listed}{by}"),
            third: format!("{} words in all{state_word}", thousands(words)),
            open,
            tips: (
                "Click to fold the parts; double-click to read on",
                "Click to list the parts; double-click to read on",
            ),
        },
    );
    let enter = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let part = last.or_else(|| work.files.first().copied());
    response.context_menu(|ui| {
        if let Some(part) = part
            && ui.button("Read on").clicked()
        {
            commands.push(Command::Open(part));
            ui.close();
        }
        if let (Some(key), Some(&first)) = (&work.key, work.files.first())
            && ui
                .button("Split into separate stories")
                .on_hover_text("Not one work? List each file as a story of its own")
                .clicked()
        {
            commands.push(Command::SplitWork(key.clone(), first));
            ui.close();
        }
    });
    // A quick third click (egui counts it as a triple-click) still opens it.
    if response.double_clicked() || response.triple_clicked() || enter {
        if let Some(part) = part {
            commands.push(Command::Open(part));
        }
    } else if response.clicked() {
        state.toggle_open(key);
    }
}

/// A series' row: its name, how many works by whom, the words of them all.
pub(super) fn series_row_ui(
    ui: &mut Ui,
    series: &Series,
    works: usize,
    open: bool,
    collection: &Collection,
) -> egui::Response {
    let members = series
        .members
        .iter()
        .filter_map(|&m| collection.entries.get(m).map(|e| &e.meta));
    let mut authors: Vec<&str> = Vec::new();
    let mut words = 0;
    for meta in members {
        words += meta.words;
        if let Some(a) = meta.author.as_deref().filter(|a| !authors.contains(a)) {
            authors.push(a);
        }
    }
    let noun = if works == 1 { "work" } else { "works" };
    let by = match authors.as_slice() {
        [] => String::new(),
        [one] => format!(" \u{00b7} {one}"),
        [one, ..] => format!(" \u{00b7} {one} and others"),
    };
    group_row_ui(
        ui,
        &Group {
            label: format!("Series: {}", series.name),
            name: &series.name,
            second: format!("Series \u{00b7} {works} {noun}{by}"),
            third: format!("{} words in all", thousands(words)),
            open,
            tips: (
                "Click to fold the series",
                "Click to list the series in reading order",
            ),
        },
    )
}
