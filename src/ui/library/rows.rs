//! Library rows: a story's card on one row, or a folded one-line row for a story the
//! filters hide, which the reader can reveal.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo};

use super::group_row::{new_chapters, part_label, series_row_ui, work_row};
use super::grouping::{self, Row};
use super::{LibraryState, row_actions};
use crate::collection::filter::Verdict;
use crate::collection::reading::{Progress, ReadingList, ReadingLog};
use crate::collection::{Collection, Entry};
use crate::ui::text_cache::TextCache;
use crate::ui::{Command, append, rating_color, thousands, warning_markers};

/// Height of one story row.
const ROW_HEIGHT: f32 = 62.0;
/// How far in a series' works are drawn under its row.
const SERIES_INDENT: f32 = 18.0;

/// What the rows show besides the stories themselves.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Reading progress and statuses.
    pub reading: &'a ReadingLog,
    /// The reader's lists.
    pub lists: &'a [ReadingList],
    /// Warnings kept out of sight (no spoilers).
    pub hide_warnings: bool,
}

/// The list of rows; only those on screen are drawn.
pub fn rows_ui(
    ui: &mut Ui,
    state: &mut LibraryState,
    collection: &Collection,
    context: Context<'_>,
    commands: &mut Vec<Command>,
) {
    let Context {
        reading,
        hide_warnings,
        ..
    } = context;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("library-rows")
        .auto_shrink([false, false]);
    if std::mem::take(&mut state.reveal_selected)
        && let Some(pos) = state.selected.and_then(|s| {
            let at = |r: &Row| r.entry() == Some(s);
            state.rows().iter().position(at)
        })
    {
        let spacing = ui.spacing().item_spacing.y;
        let y = pos as f32 * (ROW_HEIGHT + spacing);
        let visible = ui.available_height();
        let current = state.scroll_offset;
        if y < current || y + ROW_HEIGHT > current + visible {
            area = area.vertical_scroll_offset((y - visible / 2.0).max(0.0));
        }
    }
    state.texts.begin_frame(ui.painter());
    let output = area.show_rows(ui, ROW_HEIGHT, state.row_count(), |ui, range| {
        for row in range {
            let Some(row) = state.row(row) else {
                continue;
            };
            let (index, in_series) = match row {
                Row::Story { entry, in_series } => (entry as usize, in_series),
                Row::Series { series, works } => {
                    let (series, works) = (series as usize, works as usize);
                    let s = &state.series.series[series];
                    let key = grouping::key(&s.name);
                    let open = state.open_series.contains(&key);
                    if series_row_ui(ui, s, works, open, collection).clicked() {
                        state.toggle_open(key);
                    }
                    continue;
                }
                Row::Work { work, files } => {
                    let (work, files) = (work as usize, files as usize);
                    work_row(ui, state, (work, files), collection, reading, commands);
                    continue;
                }
            };
            let entry = &collection.entries[index];
            if state.folded_entry(index) {
                if folded_row_ui(ui, &state.judged[index]).clicked() {
                    commands.push(Command::Reveal(index));
                }
                continue;
            }
            let selected = state.selected == Some(index);
            let unknown = matches!(state.judged[index], Verdict::Shown { unknown: true });
            let part = in_series.then(|| part_label(state, index)).flatten();
            let look = Look {
                selected,
                hide_warnings,
                unknown,
                indent: in_series,
                part: part.as_deref(),
                draggable: state.list.is_some(),
                new_chapters: new_chapters(state, collection, reading, index),
                // On the selection's colour the link colour would not show.
                news: if selected {
                    ui.visuals().selection.stroke.color
                } else {
                    ui.visuals().hyperlink_color
                },
            };
            let progress = reading.progress(&entry.hash);
            let response = row_ui(ui, entry, progress, look, &mut state.texts);
            if let Some(list) = state.list {
                row_actions::drag_in_list_ui(
                    ui,
                    &response,
                    index,
                    (list, context.lists),
                    collection,
                    commands,
                );
            }
            response.context_menu(|ui| {
                row_actions::row_menu_ui(ui, index, collection, state, context, commands);
            });
            // A quick third click (egui counts it as a triple-click) still opens the story.
            let enter = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if response.double_clicked() || response.triple_clicked() || enter {
                commands.push(Command::Open(index));
            } else if response.clicked() || response.gained_focus() {
                commands.push(Command::Select(index)); // by pointer or by Tab
            }
        }
    });
    state.scroll_offset = output.state.clamped_offset().y;
}

/// How a row is drawn.
#[derive(Debug, Clone, Copy)]
struct Look<'a> {
    selected: bool,
    /// Warnings kept out of sight (no spoilers).
    hide_warnings: bool,
    /// The story doesn't say whether it has what the reader excluded.
    unknown: bool,
    /// Listed under its series' row.
    indent: bool,
    /// Its part in the series (`Part 2`), when listed under it.
    part: Option<&'a str>,
    /// Shown in a list, where it can be dragged to another place.
    draggable: bool,
    /// Chapters added since an older edition was read (a work saved again).
    new_chapters: Option<crate::collection::editions::News>,
    /// The colour news is told in.
    news: Color32,
}

/// A folded row: "Hidden: Explicit, character death", and a click reveals it.
fn folded_row_ui(ui: &mut Ui, verdict: &Verdict) -> egui::Response {
    let reasons = match verdict {
        Verdict::Hidden(reasons) => reasons
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(", "),
        Verdict::Shown { .. } => String::new(),
    };
    let text = format!("Hidden: {reasons}");
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &text));
    let response = response.on_hover_text("Click to show this story");
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter_at(rect);
        if response.hovered() {
            painter.rect_filled(
                rect,
                CornerRadius::same(4),
                visuals.widgets.hovered.weak_bg_fill,
            );
        }
        let pos = Pos2::new(rect.left() + 40.0, rect.center().y);
        let faint = visuals.weak_text_color();
        painter.text(
            pos,
            Align2::LEFT_CENTER,
            format!("{text}  ·  show"),
            FontId::proportional(12.0),
            faint,
        );
    }
    response
}

/// One story row: badge, title, author and pairing, length and warnings, progress.
fn row_ui(
    ui: &mut Ui,
    entry: &Entry,
    progress: Progress,
    look: Look<'_>,
    texts: &mut TextCache,
) -> egui::Response {
    let selected = look.selected;
    let sense = if look.draggable {
        Sense::click_and_drag()
    } else {
        Sense::click()
    };
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), sense);
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
    if response.has_focus() {
        let ring = if selected {
            visuals.strong_text_color()
        } else {
            visuals.selection.bg_fill
        };
        let stroke = egui::Stroke::new(2.0, ring);
        painter.rect_stroke(rect.shrink(1.0), 4, stroke, egui::StrokeKind::Inside);
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
    // Rating badge (further in under a series' row).
    let indent = if look.indent { SERIES_INDENT } else { 0.0 };
    let badge = Rect::from_min_size(
        rect.min + Vec2::new(6.0 + indent, 8.0),
        Vec2::new(26.0, 20.0),
    );
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
        Progress::OnHold => ("on hold".to_string(), faint),
        Progress::Dropped => ("dropped".to_string(), faint),
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
    // Laid out once and kept while the row comes and goes (a click, a scroll).
    let title = match look.part {
        Some(part) => one_line(&format!("{part} \u{00b7} {}", meta.title), 15.0, ink, width),
        None => one_line(&meta.title, 15.0, ink, width),
    };
    let lines = [
        (title, 6.0),
        (second_line(meta, width, ink, faint), 26.0),
        (third_line(meta, look, width, faint), 43.0),
    ];
    for (job, y) in lines {
        let galley = texts.layout(&painter, job);
        painter.galley(Pos2::new(x, rect.top() + y), galley, faint);
    }
    response
}

/// `Author · Fandom · Relationship`, as AO3's blurbs lead with them: the author quiet,
/// the fandoms and the first relationship (`+2` for the others) in the stronger colour.
fn second_line(
    meta: &crate::collection::StoryMeta,
    width: f32,
    ink: Color32,
    faint: Color32,
) -> LayoutJob {
    let font = FontId::proportional(12.0);
    let mut job = LayoutJob::default();
    let author = meta.author.as_deref().unwrap_or("Unknown author");
    append(&mut job, author, &font, faint);
    let m = &meta.metadata;
    if !m.fandoms.is_empty() {
        append(&mut job, " · ", &font, faint);
        append(&mut job, &m.fandoms.join(", "), &font, ink);
    }
    let relationship = m
        .relationships
        .first()
        .map(|r| match m.relationships.len() {
            1 => r.clone(),
            n => format!("{r} +{}", n - 1),
        })
        .or_else(|| meta.pairing().map(str::to_string));
    if let Some(r) = relationship {
        append(&mut job, " · ", &font, faint);
        append(&mut job, &r, &font, ink.gamma_multiply(0.85));
    }
    job.wrap = TextWrapping::truncate_at_width(width);
    job
}

/// `12,345 words · 3 parts · Character death · Violence`, warnings in their colour.
fn third_line(
    meta: &crate::collection::StoryMeta,
    look: Look<'_>,
    width: f32,
    faint: Color32,
) -> LayoutJob {
    let font = FontId::proportional(11.5);
    let mut job = LayoutJob::default();
    if let Some(news) = look.new_chapters {
        let said = format!("{} · ", crate::ui::news_label(news));
        append(&mut job, &said, &font, look.news);
    }
    let mut text = format!("{} words", thousands(meta.words));
    // A single heading (`Part One of Two`, `Prologue`) is no count of parts.
    if meta.parts > 1 {
        text.push_str(&format!(" · {} parts", meta.parts));
    }
    match meta.complete {
        Some(true) => text.push_str(" · complete"),
        Some(false) => text.push_str(" · in progress"),
        None => {}
    }
    append(&mut job, &text, &font, faint);
    if look.hide_warnings {
        append(&mut job, " · warnings hidden", &font, faint);
    } else {
        for (label, color) in warning_markers(&meta.warnings) {
            append(&mut job, " · ", &font, faint);
            append(
                &mut job,
                &label,
                &font,
                if look.selected { faint } else { color },
            );
        }
    }
    if look.unknown {
        append(&mut job, " · may contain what you excluded", &font, faint);
    }
    job.wrap = TextWrapping::truncate_at_width(width);
    job
}

/// A line of small type cut short to `width`.
pub(super) fn one_line(text: &str, size: f32, color: Color32, width: f32) -> LayoutJob {
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
