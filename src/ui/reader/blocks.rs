//! How each kind of story block is measured and drawn: its height estimated from its
//! length or measured from its layout, its text laid out with its styled runs, and its
//! place in the column (headings centred, verse, quotes and list items set in, notes
//! beside a rule, images as a framed placeholder, scene breaks as an ornament).

use std::ops::Range;

use egui::text::LayoutJob;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Vec2};

use super::ReaderView;
use super::typography::Typography;
use crate::engine::{Block, BlockKind, Span};

/// A block's height from its length: rows of `char_width`-wide characters.
pub(super) fn estimate_height(kind: BlockKind, text: &str, t: &Typography, char_width: f32) -> f32 {
    if t.hides(kind) {
        return 0.0;
    }
    if kind == BlockKind::SceneBreak {
        return t.ornament_height();
    }
    let format = t.format(kind);
    let row = format.line_height.unwrap_or(t.row());
    let per_row = (t.wrap_width(kind) / (char_width * format.font_id.size / t.size)).max(1.0);
    let rows: f32 = text
        .split('\n')
        .map(|line| (line.len() as f32 / per_row).ceil().max(1.0))
        .sum();
    rows * row + t.gap() + frame_padding(kind, t)
}

/// Space above and below the text of an image's frame (other blocks have none).
fn frame_padding(kind: BlockKind, t: &Typography) -> f32 {
    if kind == BlockKind::Image {
        t.size * 1.4
    } else {
        0.0
    }
}

/// The layout job of a story block, with its styled runs and find matches.
pub(super) fn block_job(
    view: &ReaderView,
    t: &Typography,
    block: &Block,
    matches: &[Range<usize>],
    current: Option<usize>,
) -> LayoutJob {
    let doc = &view.story.document;
    let spans: Vec<Span> = doc.spans(block).collect();
    let mut job = t.job(block.kind, doc.text(block), &spans, matches, current);
    if view.is_folded(block) {
        // A folded note: one line, cut short (a label's line break becomes a space, the
        // same length, so the styled runs stay where they were).
        job.text = job.text.replace('\n', " ");
        job.wrap.max_rows = 1;
        job.wrap.overflow_character = Some('…');
    }
    job
}

pub(super) fn measured_height(
    view: &ReaderView,
    painter: &egui::Painter,
    t: &Typography,
    i: usize,
) -> f32 {
    let Some(block) = view.block(i) else {
        return view.heights.get(i);
    };
    if t.hides(block.kind) {
        return 0.0;
    }
    if block.kind == BlockKind::SceneBreak {
        return t.ornament_height();
    }
    if block.kind == BlockKind::Image
        && let Some(size) = picture_size(view, painter, t, i - 1, block)
    {
        return size.y + t.gap() + t.size;
    }
    painter
        .layout_job(block_job(view, t, block, &[], None))
        .size()
        .y
        + t.gap()
        + frame_padding(block.kind, t)
}

pub(super) fn paint_block(
    painter: &egui::Painter,
    view: &ReaderView,
    t: &Typography,
    i: usize,
    block: &Block,
    origin: Pos2,
) -> Option<(Pos2, Arc<Galley>)> {
    if block.kind == BlockKind::SceneBreak {
        let y = origin.y + t.ornament_height() / 2.0;
        let mid = origin.x + t.column / 2.0;
        for dx in [-1.0, 0.0, 1.0] {
            painter.circle_filled(
                Pos2::new(mid + dx * t.size * 1.2, y),
                t.size * 0.12,
                t.faint,
            );
        }
        return None;
    }
    if block.kind == BlockKind::Image
        && let Some(size) = picture_size(view, painter, t, i - 1, block)
    {
        let at = Pos2::new(
            origin.x + (t.column - size.x) / 2.0,
            origin.y + t.size / 2.0,
        );
        view.pictures
            .paint(painter, i - 1, Rect::from_min_size(at, size));
        return None;
    }
    let (matches, current) = view.find.in_block(i - 1);
    let galley = painter.layout_job(block_job(view, t, block, &matches, current));
    let pos = match block.kind {
        BlockKind::Heading | BlockKind::Ending => Pos2::new(
            origin.x + t.column / 2.0,
            origin.y + text_top(block.kind, t),
        ),
        BlockKind::Image => {
            // A frame where the picture would be: its words, never the picture from the web.
            let h = galley.size().y + frame_padding(block.kind, t);
            let frame = Rect::from_min_size(
                Pos2::new(origin.x + t.size, origin.y),
                Vec2::new(t.column - 2.0 * t.size, h),
            );
            painter.rect_stroke(frame, t.size * 0.3, t.note_rule(), egui::StrokeKind::Inside);
            Pos2::new(
                origin.x + t.column / 2.0,
                origin.y + text_top(block.kind, t),
            )
        }
        BlockKind::Quote => Pos2::new(origin.x + t.quote_indent(), origin.y),
        BlockKind::ListItem => {
            let text = view.story.document.text(block);
            if !starts_with_number(text) {
                let bullet = painter.layout_no_wrap("•".into(), t.font(), t.faint);
                painter.galley(
                    Pos2::new(origin.x + t.size * 0.3, origin.y),
                    bullet,
                    t.faint,
                );
            }
            Pos2::new(origin.x + t.item_indent(), origin.y)
        }
        BlockKind::Verse => Pos2::new(origin.x + t.verse_indent(), origin.y),
        BlockKind::Note => {
            // The fold mark at the top of the rule (see `notes`), the rule below it.
            let h = galley.size().y;
            let top = origin.y + t.row().min(h);
            if h > t.row() * 1.1 {
                painter.line_segment(
                    [Pos2::new(origin.x, top), Pos2::new(origin.x, origin.y + h)],
                    t.note_rule(),
                );
            }
            super::notes::paint_fold_mark(painter, view, block, origin, t);
            Pos2::new(origin.x + t.size, origin.y)
        }
        _ => origin,
    };
    // Highlights and the selection go behind the words.
    let dark = t.ink.intensity() > 0.5;
    super::marks::paint_behind(painter, view, i - 1, pos, &galley, dark);
    painter.galley(pos, galley.clone(), t.ink);
    Some((pos, galley))
}

/// The size story block `block`'s picture is drawn at, once it is in; asks for it the first
/// time (an image block without a picture in the file stays a placeholder).
fn picture_size(
    view: &ReaderView,
    painter: &egui::Painter,
    t: &Typography,
    block: usize,
    b: &Block,
) -> Option<Vec2> {
    let src = view.story.document.picture(b)?;
    view.pictures.request(painter.ctx(), &view.path, block, src);
    view.pictures.size(block, t.column - 2.0 * t.size, t.size)
}

/// True for an ordered list's item (`3. `), whose number is its marker.
fn starts_with_number(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text.as_bytes().get(digits) == Some(&b'.')
}

/// How far below a block's top its text starts.
pub(super) fn text_top(kind: BlockKind, t: &Typography) -> f32 {
    match kind {
        BlockKind::Heading | BlockKind::Ending => t.gap() * 0.5,
        BlockKind::Image => frame_padding(kind, t) / 2.0,
        _ => 0.0,
    }
}
