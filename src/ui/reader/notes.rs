//! Folding an author's note: each note (a chapter's notes, an `A/N:` paragraph) has a
//! small mark at the top of its rule; a click folds the note to its first line, cut short,
//! and another click opens it again. The reader's place stays where it was (the folded
//! block's height changes like any measured one). Hiding every note is a setting.

use std::collections::HashSet;

use egui::{Pos2, Rect, Sense, Ui, Vec2};

use super::ReaderView;
use super::typography::Typography;
use crate::engine::{Block, BlockKind};

/// The folded notes of the open story, by where their text starts.
#[derive(Debug, Default)]
pub struct Folds(HashSet<usize>);

impl ReaderView {
    /// True when `block` is a note the reader folded.
    pub fn is_folded(&self, block: &Block) -> bool {
        block.kind == BlockKind::Note
            && self
                .folds
                .0
                .contains(&self.story.document.text_offset(block))
    }

    /// Folds story block `block` if it is an open note, opens it if folded.
    pub fn toggle_fold(&mut self, block: usize) {
        let doc = &self.story.document;
        let Some(b) = doc
            .blocks()
            .get(block)
            .filter(|b| b.kind == BlockKind::Note)
        else {
            return;
        };
        let at = doc.text_offset(b);
        if !self.folds.0.remove(&at) {
            self.folds.0.insert(at);
        }
        // Measured again when next near the screen; the block at the top stays put.
        self.heights.unmeasure(block + 1);
    }
}

/// The area of a note's fold mark: the top of its rule.
fn mark_rect(origin: Pos2, t: &Typography) -> Rect {
    Rect::from_min_size(
        Pos2::new(origin.x - t.size * 0.5, origin.y),
        Vec2::new(t.size, t.row()),
    )
}

/// Draws a note's fold mark: a triangle pointing down when open, right when folded.
pub(super) fn paint_fold_mark(
    painter: &egui::Painter,
    view: &ReaderView,
    block: &Block,
    origin: Pos2,
    t: &Typography,
) {
    // Drawn, not a glyph: not every reading font has the triangles.
    let rect = mark_rect(origin, t);
    let c = rect.center();
    let r = t.size * 0.22;
    let points = if view.is_folded(block) {
        vec![
            Pos2::new(c.x - r * 0.6, c.y - r),
            Pos2::new(c.x + r * 0.8, c.y),
            Pos2::new(c.x - r * 0.6, c.y + r),
        ]
    } else {
        vec![
            Pos2::new(c.x - r, c.y - r * 0.6),
            Pos2::new(c.x + r, c.y - r * 0.6),
            Pos2::new(c.x, c.y + r * 0.8),
        ]
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        t.faint,
        egui::Stroke::NONE,
    ));
}

/// Listens for a click on the fold mark of the note painted at `origin` (view block `i`);
/// returns the story block to fold or open.
pub(super) fn fold_clicked(
    ui: &Ui,
    i: usize,
    folded: bool,
    origin: Pos2,
    t: &Typography,
) -> Option<usize> {
    let rect = mark_rect(origin, t);
    let response = ui.interact(rect, ui.scope_id().with(("fold", i)), Sense::click());
    let label = if folded { "Open note" } else { "Fold note" };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    let response = response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Fold or open this note");
    response.clicked().then(|| i - 1)
}
