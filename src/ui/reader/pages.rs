//! Paged reading: a page is one screenful that ends after the last line that fits whole, so
//! no line is cut at the bottom edge; the next page starts exactly there, and a page back
//! lands on the start of a line.

use egui::Painter;

use super::ReaderView;
use super::blocks::{block_job, text_top};
use super::typography::Typography;
use crate::engine::BlockKind;

/// The bottom of the page that starts at `top`: the end of the last whole line above
/// `bottom` (both in content coordinates).
pub(super) fn page_cut(
    view: &ReaderView,
    painter: &Painter,
    t: &Typography,
    top: f64,
    bottom: f64,
) -> f64 {
    let i = view.heights.block_at(bottom);
    let block_top = view.heights.top(i);
    let Some(rows) = row_bounds(view, painter, t, i) else {
        // A title page or an ornament goes whole to the next page, unless it fills this one.
        return if block_top > top + 1.0 {
            block_top
        } else {
            bottom
        };
    };
    let last_whole = rows
        .iter()
        .map(|&(_, end)| block_top + end)
        .filter(|&end| end <= bottom)
        .fold(None, |_, end| Some(end));
    match last_whole {
        Some(end) => end,
        None if block_top > top + 1.0 => block_top,
        None => bottom,
    }
}

/// The start of the first whole line at or after `y`.
pub(super) fn line_start_after(
    view: &ReaderView,
    painter: &Painter,
    t: &Typography,
    y: f64,
) -> f64 {
    let i = view.heights.block_at(y);
    let block_top = view.heights.top(i);
    match row_bounds(view, painter, t, i) {
        Some(rows) => rows
            .iter()
            .map(|&(start, _)| block_top + start)
            .find(|&start| start >= y - 0.5)
            .unwrap_or_else(|| view.heights.top(i + 1)),
        None if block_top >= y - 0.5 => block_top,
        None => view.heights.top(i + 1),
    }
}

/// Where each line of view block `i` starts and ends, measured from the block's top; `None`
/// for blocks that are not text (the title page, scene breaks).
fn row_bounds(
    view: &ReaderView,
    painter: &Painter,
    t: &Typography,
    i: usize,
) -> Option<Vec<(f64, f64)>> {
    let block = view.block(i)?;
    if block.kind == BlockKind::SceneBreak {
        return None;
    }
    if t.hides(block.kind) {
        return Some(Vec::new());
    }
    let galley = painter.layout_job(block_job(view, t, block, &[], None));
    let offset = f64::from(text_top(block.kind, t));
    Some(
        galley
            .rows
            .iter()
            .map(|r| (offset + f64::from(r.min_y()), offset + f64::from(r.max_y())))
            .collect(),
    )
}
