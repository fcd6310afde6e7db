//! The title page: the header shown the way a book shows it (title, author, rating,
//! warnings, pairing, summary, notes) instead of as raw `Label: value` lines.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, FontId, Galley, Painter, Pos2, Stroke};

use super::typography::Typography;
use crate::engine::{FieldKey, Story};
use crate::ui::{append, rating_color, warning_markers};

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
        if let Some(summary) = story.summary() {
            add(
                text_job(summary, t.font(), t.ink, t.column * 0.85, Align::Center),
                true,
                s * 1.4,
            );
        }
        let others = story
            .fields
            .iter()
            .filter(|f| !PLACED.contains(&f.key) && !f.value.is_empty());
        let small = FontId::new(s * 0.8, t.family.clone());
        let mut first = true;
        for field in others.filter(|f| !matches!(f.key, FieldKey::Pairing | FieldKey::Fandom)) {
            let mut job = LayoutJob::default();
            append(&mut job, &format!("{}: ", field.label), &small, t.ink);
            append(&mut job, &field.value, &small, t.faint);
            job.wrap = egui::text::TextWrapping::wrap_at_width(t.column);
            add(job, false, if first { s * 1.6 } else { s * 0.35 });
            first = false;
        }
        for note in &story.header_notes {
            add(
                text_job(note, small.clone(), t.faint, t.column, Align::LEFT),
                false,
                s * 0.35,
            );
        }
        let height = items
            .iter()
            .map(|i| i.space_before + i.galley.size().y)
            .sum::<f32>()
            + t.ornament_height()
            + s;
        let spoken = items
            .iter()
            .map(|i| i.galley.text().to_string())
            .collect::<Vec<_>>()
            .join(". ");
        TitlePage {
            items,
            height,
            spoken,
        }
    }

    /// Paints the page with its top-left at `origin`, in a column `width` wide.
    pub fn paint(&self, painter: &Painter, origin: Pos2, width: f32, t: &Typography) {
        let mut y = origin.y;
        for item in &self.items {
            y += item.space_before;
            // Centred rows are laid out around x = 0.
            let x = if item.centred {
                origin.x + width / 2.0
            } else {
                origin.x
            };
            painter.galley(Pos2::new(x, y), item.galley.clone(), t.ink);
            y += item.galley.size().y;
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
