//! The title page: the header shown the way a book shows it (title, author, rating,
//! warnings, pairing, summary, notes) instead of as raw `Label: value` lines. A story with
//! tags (every AO3 or FanFicFare download, a text header naming a fandom or pairing) gets
//! AO3's work header below its title: a quiet box of labelled rows (Rating, Archive
//! Warnings, Category, Fandom, Relationship, Characters, Additional Tags, Language, Series,
//! Stats), the tags wrapping within their row.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, FontId, Galley, Painter, Pos2, Rect, Stroke, Vec2};

use super::tag_links::TagLink;
use super::typography::Typography;
use crate::collection::filter::facets::Facet;
use crate::engine::{FieldKey, Story};
use crate::ui::tags::shown_as_tags;

mod work_header;
use crate::ui::{append, rating_color, warning_markers};
use work_header::{work_box, work_header};

/// Fields shown in their own places on the page, not in the list of other fields.
const PLACED: &[FieldKey] = &[
    FieldKey::Title,
    FieldKey::Author,
    FieldKey::Rating,
    FieldKey::Warnings,
    FieldKey::Summary,
];

/// One laid-out line group of the page.
struct Item {
    galley: Arc<Galley>,
    centred: bool,
    space_before: f32,
    /// A row of the work header's box, when the item is one.
    row: Option<Row>,
    /// The tags in it that are links.
    links: Vec<TagLink>,
}

/// A row of the work header: its label right-aligned in a column of labels, or (in a
/// narrow column) no label of its own, the value's text leading with it.
struct Row {
    label: Option<Arc<Galley>>,
    label_width: f32,
}

/// The work header's spacing.
struct HeaderBox {
    /// Inner padding.
    pad: f32,
    /// Space between label and value.
    gutter: f32,
}

/// The title page, laid out for a column width.
pub struct TitlePage {
    items: Vec<Item>,
    /// The page in words, for screen readers.
    pub spoken: String,
    /// Total height, including the closing ornament.
    pub height: f32,
}

impl TitlePage {
    /// Lays the page out.
    pub fn new(painter: &Painter, story: &Story, t: &Typography) -> TitlePage {
        let mut items = Vec::new();
        let mut add = |job: LayoutJob, centred: bool, space_before: f32| {
            items.push(Item {
                galley: painter.layout_job(job),
                centred,
                space_before,
                row: None,
                links: Vec::new(),
            });
        };
        let s = t.size;
        add(
            text_job(
                &story.title,
                FontId::new(s * 2.1, t.heading_family.clone()),
                t.ink,
                t.column,
                Align::Center,
            ),
            true,
            s * 1.5,
        );
        if let Some(kind) = story.subtitle() {
            let font = FontId::new(s * 0.95, t.family.clone());
            let mut job = text_job(kind, font, t.faint, t.column, Align::Center);
            job.sections
                .iter_mut()
                .for_each(|x| x.format.italics = true);
            add(job, true, s * 0.3);
        }
        if let Some(author) = &story.author {
            add(
                text_job(
                    &format!("by {author}"),
                    FontId::new(s * 1.1, t.family.clone()),
                    t.faint,
                    t.column,
                    Align::Center,
                ),
                true,
                s * 0.6,
            );
        }
        if let Some(posted) = story.provenance() {
            add(
                text_job(
                    &posted,
                    FontId::new(s * 0.9, t.family.clone()),
                    t.faint,
                    t.column,
                    Align::Center,
                ),
                true,
                s * 0.4,
            );
        }
        let boxed = !story.metadata.is_empty();
        let mut after_box = 0.0;
        if boxed {
            let rows = work_header(painter, story, t);
            after_box = work_box(t).pad;
            items.extend(rows);
        } else {
            add(rating_and_warnings(story, t), true, s * 1.2);
            for (key, value) in [
                (FieldKey::Pairing, story.pairing()),
                (FieldKey::Fandom, story.field(FieldKey::Fandom)),
            ] {
                if let Some(value) = value {
                    add(
                        text_job(
                            &format!("{}: {value}", key.label()),
                            FontId::new(s * 0.9, t.family.clone()),
                            t.faint,
                            t.column,
                            Align::Center,
                        ),
                        true,
                        s * 0.3,
                    );
                }
            }
        }
        let mut add = |job: LayoutJob, centred: bool, space_before: f32| {
            items.push(Item {
                galley: painter.layout_job(job),
                centred,
                space_before: space_before + std::mem::take(&mut after_box),
                row: None,
                links: Vec::new(),
            });
        };
        if let Some(summary) = story.summary() {
            add(
                text_job(summary, t.font(), t.ink, t.column * 0.85, Align::Center),
                true,
                s * 1.4,
            );
        }
        let placed = |f: &&crate::engine::Field| {
            PLACED.contains(&f.key)
                || f.value.is_empty()
                || matches!(f.key, FieldKey::Pairing | FieldKey::Fandom)
                || (boxed && shown_as_tags(f.key, &f.label, &story.metadata))
                || story.field_in_notes(f)
        };
        let others = story.fields.iter().filter(|f| !placed(f));
        let small = FontId::new(s * 0.8, t.family.clone());
        let mut first = true;
        for field in others {
            let mut job = LayoutJob::default();
            append(&mut job, &format!("{}: ", field.label), &small, t.ink);
            append(&mut job, &field.value, &small, t.faint);
            job.wrap = egui::text::TextWrapping::wrap_at_width(t.column);
            add(job, false, if first { s * 1.6 } else { s * 0.35 });
            first = false;
        }
        let subtitle = story.subtitle();
        for note in story
            .header_notes
            .iter()
            .filter(|n| Some(n.as_str()) != subtitle)
        {
            let job = if note.contains('\n') {
                picture_job(note, s * 0.8, t.faint, t.column)
            } else {
                text_job(note, small.clone(), t.faint, t.column, Align::LEFT)
            };
            add(job, false, if first { s * 1.6 } else { s * 0.35 });
            first = false;
        }
        let height = items
            .iter()
            .map(|i| i.space_before + i.height())
            .sum::<f32>()
            + after_box
            + t.ornament_height()
            + s;
        let spoken = items
            .iter()
            .map(|i| match i.row.as_ref().and_then(|r| r.label.as_ref()) {
                Some(label) => format!("{} {}", label.text(), i.galley.text()),
                None => i.galley.text().to_string(),
            })
            .collect::<Vec<_>>()
            .join(". ");
        TitlePage {
            items,
            height,
            spoken,
        }
    }

    /// The tags on the page that are links, where they are on screen with the page's
    /// top-left at `origin`: each with its facet and the tag.
    pub fn links(&self, origin: Pos2, t: &Typography) -> Vec<(Rect, Facet, &str)> {
        let b = work_box(t);
        let mut y = origin.y;
        let mut out = Vec::new();
        for item in &self.items {
            y += item.space_before;
            if let Some(row) = &item.row {
                let at = Pos2::new(row.value_x(origin.x, &b), y);
                for link in &item.links {
                    for rect in link.rects(&item.galley, at) {
                        out.push((rect, link.facet, link.tag.as_str()));
                    }
                }
            }
            y += item.height();
        }
        out
    }

    /// Paints the page with its top-left at `origin`, in a column `width` wide.
    pub fn paint(&self, painter: &Painter, origin: Pos2, width: f32, t: &Typography) {
        let mut y = origin.y;
        let b = work_box(t);
        let mut frame: Option<Rect> = None;
        for item in &self.items {
            y += item.space_before;
            if let Some(row) = &item.row {
                if let Some(label) = &row.label {
                    let label_x = origin.x + b.pad + row.label_width - label.size().x;
                    painter.galley(Pos2::new(label_x, y), label.clone(), t.faint);
                }
                let value_x = row.value_x(origin.x, &b);
                painter.galley(Pos2::new(value_x, y), item.galley.clone(), t.ink);
                let row = Rect::from_min_size(
                    Pos2::new(origin.x, y - b.pad),
                    Vec2::new(width, item.height() + 2.0 * b.pad),
                );
                frame = Some(frame.map_or(row, |f| f.union(row)));
            } else {
                // Centred rows are laid out around x = 0.
                let x = if item.centred {
                    origin.x + width / 2.0
                } else {
                    origin.x
                };
                painter.galley(Pos2::new(x, y), item.galley.clone(), t.ink);
            }
            y += item.height();
        }
        if let Some(frame) = frame {
            let quiet = t.faint.gamma_multiply(0.35);
            painter.rect_stroke(
                frame,
                t.size * 0.3,
                Stroke::new(1.0, quiet),
                egui::StrokeKind::Inside,
            );
        }
        let rule_y = y + t.ornament_height() / 2.0 + t.size * 0.5;
        let half = width.min(t.size * 8.0) / 2.0;
        let mid = origin.x + width / 2.0;
        painter.line_segment(
            [Pos2::new(mid - half, rule_y), Pos2::new(mid + half, rule_y)],
            Stroke::new(1.0, t.faint.gamma_multiply(0.6)),
        );
    }
}

impl Row {
    /// Where the row's value starts, for a page whose left edge is at `left`.
    fn value_x(&self, left: f32, b: &HeaderBox) -> f32 {
        match self.label {
            Some(_) => left + b.pad + self.label_width + b.gutter,
            None => left + b.pad,
        }
    }
}

impl Item {
    fn height(&self) -> f32 {
        let label = self
            .row
            .as_ref()
            .and_then(|r| r.label.as_ref())
            .map_or(0.0, |l| l.size().y);
        self.galley.size().y.max(label)
    }
}

fn text_job(
    text: &str,
    font_id: FontId,
    color: egui::Color32,
    width: f32,
    halign: Align,
) -> LayoutJob {
    let mut job = LayoutJob::single_section(
        text.to_string(),
        TextFormat {
            font_id,
            color,
            ..TextFormat::default()
        },
    );
    job.wrap = egui::text::TextWrapping::wrap_at_width(width);
    job.halign = halign;
    job
}

/// A note drawn in characters (a title in ASCII art, whose lines the engine keeps): in
/// monospace, each line as written, small enough for the widest line to fit the column.
fn picture_job(text: &str, size: f32, color: egui::Color32, width: f32) -> LayoutJob {
    let widest = text
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    // A monospace character is about 0.6 of the font's size wide.
    let size = size.min(width / (widest as f32 * 0.62)).max(5.0);
    let mut job = text_job(text, FontId::monospace(size), color, width, Align::LEFT);
    job.wrap = egui::text::TextWrapping::no_max_width();
    job
}

/// `Teen · Character death · Violence`, each in its colour.
fn rating_and_warnings(story: &Story, t: &Typography) -> LayoutJob {
    let font = FontId::new(t.size * 0.9, t.family.clone());
    let mut job = LayoutJob::default();
    let level = story.rating.level;
    let rating = match &story.rating.raw {
        Some(raw) if raw.len() <= 40 && !raw.eq_ignore_ascii_case(level.label()) => {
            format!("{} ({raw})", level.label())
        }
        _ => level.label().to_string(),
    };
    append(&mut job, &rating, &font, rating_color(level));
    if t.spoiler_free {
        append(&mut job, "  ·  warnings hidden", &font, t.faint);
    } else {
        for (label, color) in warning_markers(&story.warnings) {
            append(&mut job, "  ·  ", &font, t.faint);
            append(&mut job, &label, &font, color);
        }
        for tag in &story.warnings.tags {
            append(&mut job, "  ·  ", &font, t.faint);
            append(&mut job, tag, &font, t.faint);
        }
    }
    job.wrap = egui::text::TextWrapping::wrap_at_width(t.column);
    job.halign = Align::Center;
    job
}
