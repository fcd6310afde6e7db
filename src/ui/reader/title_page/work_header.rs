//! The work header of a title page, as AO3 sets it out: a box of rows, each a label in a
//! column of labels and its values (the rating, the warnings, each group of tags with its
//! tags as links, the stats).

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{FontId, Galley, Painter};

use super::{HeaderBox, Item, Row};
use crate::engine::Story;
use crate::ui::reader::tag_links::TagLink;
use crate::ui::reader::typography::Typography;
use crate::ui::tags::{stats, tag_groups};
use crate::ui::{append, rating_color, warning_markers};

pub(super) fn work_box(t: &Typography) -> HeaderBox {
    HeaderBox {
        pad: t.size * 0.8,
        gutter: t.size * 0.8,
    }
}

/// The rows of AO3's work header: rating, warnings, each tag group, the stats.
pub(super) fn work_header(painter: &Painter, story: &Story, t: &Typography) -> Vec<Item> {
    let b = work_box(t);
    let font = FontId::new(t.size * 0.85, t.family.clone());
    let mut rows: Vec<(String, LayoutJob, Vec<TagLink>)> = Vec::new();
    let mut rating = LayoutJob::default();
    let level = story.rating.level;
    // AO3's own words (`Teen And Up Audiences`) as they are; a text header's (`PG-13`)
    // after the level they mean.
    let shown = match story.rating.raw.as_deref().filter(|r| r.len() <= 40) {
        Some(raw) if starts_with_ignoring_case(raw, level.label()) => raw.to_string(),
        Some(raw) => format!("{} ({raw})", level.label()),
        None => level.label().to_string(),
    };
    append(&mut rating, &shown, &font, rating_color(level));
    rows.push(("Rating".into(), rating, Vec::new()));
    let mut warnings = LayoutJob::default();
    warning_values(&mut warnings, story, t, &font);
    let label = if story.warnings.categories.len() > 1 {
        "Archive Warnings"
    } else {
        "Archive Warning"
    };
    rows.push((label.into(), warnings, Vec::new()));
    for group in tag_groups(&story.metadata) {
        let mut job = LayoutJob::default();
        let color = if group.prominent { t.ink } else { t.faint };
        let mut links = Vec::new();
        for (k, tag) in group.tags.iter().enumerate() {
            if k > 0 {
                append(&mut job, ", ", &font, t.faint);
            }
            let start = job.text.len();
            append(&mut job, tag, &font, color);
            if let Some(facet) = group.facet {
                links.push(TagLink {
                    bytes: start..job.text.len(),
                    facet,
                    tag: tag.clone(),
                });
            }
        }
        rows.push((group.label, job, links));
    }
    if let Some(stats) = stats(&story.metadata) {
        let mut job = LayoutJob::default();
        for (k, (label, value)) in stats.iter().enumerate() {
            if k > 0 {
                append(&mut job, "   ", &font, t.faint);
            }
            // A no-break space keeps each label with its value when the line wraps.
            append(&mut job, &format!("{label}:\u{a0}"), &font, t.faint);
            append(&mut job, value, &font, t.ink);
        }
        rows.push(("Stats".into(), job, Vec::new()));
    }
    let label_font = FontId::new(t.size * 0.85, t.heading_family.clone());
    let labels: Vec<Arc<Galley>> = rows
        .iter()
        .map(|(label, _, _)| {
            let mut job = LayoutJob::default();
            append(&mut job, &format!("{label}:"), &label_font, t.faint);
            painter.layout_job(job)
        })
        .collect();
    let label_width = labels.iter().map(|l| l.size().x).fold(0.0, f32::max);
    let inner = t.column - 2.0 * b.pad;
    // A column too narrow for labels beside values puts each label before its value.
    let beside = inner - label_width - b.gutter >= t.size * 12.0;
    let width = if beside {
        inner - label_width - b.gutter
    } else {
        inner
    };
    rows.into_iter()
        .zip(labels)
        .enumerate()
        .map(|(k, ((label, mut job, mut links), label_galley))| {
            if !beside {
                let mut lead = LayoutJob::default();
                append(&mut lead, &format!("{label}: "), &label_font, t.faint);
                for section in &job.sections {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    let text = job.text.get(range).unwrap_or_default();
                    lead.append(text, 0.0, section.format.clone());
                }
                let shift = lead.text.len() - job.text.len();
                links = links.into_iter().map(|l| l.shifted(shift)).collect();
                job = lead;
            }
            job.wrap = egui::text::TextWrapping::wrap_at_width(width.max(40.0));
            Item {
                galley: painter.layout_job(job),
                centred: false,
                space_before: if k == 0 {
                    t.size * 1.4 + b.pad
                } else {
                    t.size * 0.35
                },
                row: Some(Row {
                    label: beside.then_some(label_galley),
                    label_width,
                }),
                links,
            }
        })
        .collect()
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The warnings as coloured markers and free tags, or "hidden" when the reader keeps them
/// out of sight.
fn warning_values(job: &mut LayoutJob, story: &Story, t: &Typography, font: &FontId) {
    if t.spoiler_free {
        append(job, "warnings hidden", font, t.faint);
        return;
    }
    let markers = warning_markers(&story.warnings);
    let tags = story.warnings.tags.iter().map(|tag| (tag.clone(), t.faint));
    for (k, (label, color)) in markers.into_iter().chain(tags).enumerate() {
        if k > 0 {
            append(job, ", ", font, t.faint);
        }
        append(job, &label, font, color);
    }
    if job.text.is_empty() {
        append(job, "No Archive Warnings Apply", font, t.faint);
    }
}
