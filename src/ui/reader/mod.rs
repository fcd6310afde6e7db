//! The reader pane: the title page, then the story, drawn one screenful at a time.
//!
//! Only blocks on or near the screen are laid out; every other block's height is an
//! estimate from its length, refined when it comes near. When a block above the screen
//! turns out taller or shorter than estimated, the scroll offset moves by the same amount,
//! so the text under the reader's eyes stays put. A 20 MB story costs what a short one does.

use crate::collection::filter::facets::Facet;

mod blocks;
mod find;
mod heights;
mod keys;
mod links;
pub mod marks;
mod notes;
mod pages;
mod pictures;
mod rest;
mod tag_links;
mod title_page;
mod typography;

use std::path::PathBuf;

use egui::{Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo};

use blocks::{estimate_height, measured_height, paint_block};
pub use find::Find;
use heights::Heights;
pub use rest::{Reading, Rest, START_ANYWAY};
use title_page::TitlePage;
pub use typography::Typography;

use crate::collection::ContentHash;
use crate::collection::reading::Place;
use crate::engine::{Block, BlockKind, Story};

/// How far around the screen blocks are measured ahead of time, in screens.
const MEASURE_MARGIN_SCREENS: f64 = 1.0;
/// At most this many blocks are measured in one frame.
const MAX_MEASURED_PER_FRAME: usize = 400;

/// A story open in the reader, with its layout state.
pub struct ReaderView {
    /// Fingerprint of the story's file: `None` while a big story's rest is read (it is
    /// taken on that thread), so that nothing is saved or looked up under a wrong key.
    pub hash: Option<ContentHash>,
    /// Where the file is.
    pub path: PathBuf,
    /// The story.
    pub story: Story,
    /// The find bar.
    pub find: Find,
    /// View blocks: 0 is the title page, block `k` of the story is `k + 1`.
    heights: Heights,
    /// What the heights were estimated for (see [`Typography::layout_key`]).
    layout_key: Option<u64>,
    /// Scroll offset and viewport height of the last frame.
    offset: f64,
    viewport: f32,
    /// A jump to make this frame.
    jump: Option<Jump>,
    /// Where the reader is.
    place: Place,
    /// The story's bookmarks and highlights, and the selection.
    pub marks: marks::ReaderMarks,
    /// The whole story, while it is read beside the window (see [`rest`]).
    rest: Option<Rest>,
    /// A saved place beyond the first chunk, gone to when the whole story is in.
    waiting_place: Option<Place>,
    /// The first chunk's reading and heights, just replaced by the whole story's.
    replaced: Option<Box<rest::Replaced>>,
    /// The story's pictures, as they are read.
    pictures: pictures::Pictures,
    /// The notes the reader folded.
    folds: notes::Folds,
}

/// Where to move to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Jump {
    /// A saved place.
    Place(Place),
    /// The top of a view block.
    Block(usize),
    /// By this many points (negative: up).
    By(f64),
    /// The very start or end.
    Start,
    End,
    /// The next or previous page (paged reading).
    NextPage,
    PrevPage,
}

/// What a frame of the reader reports to the app.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderOutput {
    /// The place, if it changed this frame.
    pub moved_to: Option<Place>,
    /// True when the end of the story is on screen.
    pub at_end: bool,
    /// A tag clicked on the title page: show the works that have it.
    pub tag_clicked: Option<(Facet, String)>,
}

impl ReaderView {
    /// Opens a story at a saved place (or the start).
    pub fn new(hash: ContentHash, path: PathBuf, story: Story, place: Option<Place>) -> ReaderView {
        let place = place.unwrap_or_default();
        ReaderView {
            hash: Some(hash),
            path,
            story,
            find: Find::default(),
            heights: Heights::default(),
            layout_key: None,
            offset: 0.0,
            viewport: 0.0,
            jump: Some(Jump::Place(place)),
            place,
            marks: marks::ReaderMarks::default(),
            rest: None,
            waiting_place: None,
            replaced: None,
            pictures: pictures::Pictures::default(),
            folds: notes::Folds::default(),
        }
    }

    /// True when the end of the story was on screen in the last frame.
    pub fn at_end(&self) -> bool {
        !self.is_reading() && self.viewport > 0.0 && self.offset >= max_offset(self) - 2.0
    }

    /// Where the reader is now.
    pub fn place(&self) -> Place {
        self.place
    }

    /// Jumps to the heading of a part (index into the story's parts).
    pub fn go_to_part(&mut self, part: usize) {
        if let Some(p) = self.story.document.parts().get(part) {
            self.jump = Some(Jump::Block(p.block + 1));
        }
    }

    /// Jumps to the top of a story block.
    pub fn go_to_block(&mut self, block: usize) {
        self.jump = Some(Jump::Block(block + 1));
    }

    /// The part the reader is in, by title.
    pub fn current_part(&self) -> Option<&str> {
        let block = self.place.block.checked_sub(1)?;
        let parts = self.story.document.parts();
        let i = parts.partition_point(|p| p.block <= block).checked_sub(1)?;
        Some(parts[i].title.as_str())
    }

    /// Re-estimates every height for a new column width or text size.
    fn estimate(&mut self, t: &Typography, char_width: f32) {
        let doc = &self.story.document;
        let mut estimates = Vec::with_capacity(doc.blocks().len() + 1);
        estimates.push(t.size * 20.0);
        for block in doc.blocks() {
            estimates.push(estimate_height(block.kind, doc.text(block), t, char_width));
        }
        self.heights = Heights::new(estimates);
    }

    fn block(&self, view_block: usize) -> Option<&Block> {
        view_block
            .checked_sub(1)
            .and_then(|k| self.story.document.blocks().get(k))
    }
}

/// The reader pane. Call inside the central panel.
pub fn reader_ui(ui: &mut Ui, view: &mut ReaderView, t: &Typography, paged: bool) -> ReaderOutput {
    let key = t.layout_key();
    if view.layout_key != Some(key) {
        let char_width = t.char_width(ui.painter());
        let keep = view.place;
        view.estimate(t, char_width);
        view.carry_heights();
        if view.layout_key.is_some() && view.jump.is_none() {
            view.jump = Some(Jump::Place(keep));
        }
        view.layout_key = Some(key);
    }
    if !ui.ctx().text_edit_focused() {
        keys::keyboard(ui, view, t, paged);
        marks::keys(ui, view);
    }
    marks::settle(view);
    for block in view.pictures.poll(ui.ctx()) {
        view.heights.unmeasure(block + 1);
    }
    let painter = ui.painter().clone();
    let title_page = TitlePage::new(&painter, &view.story, t);
    view.heights.measure(0, title_page.height);
    let target = resolve_jump(view, &painter, t);
    let offset = target.unwrap_or(view.offset);
    let kept = measure_near(view, &painter, t, offset);
    let new_offset = kept.filter(|&o| (o - offset).abs() > 0.5).or(target);

    // Pages turn whole; the wheel turns them too, rather than scrolling by a few lines.
    // The reader keeps its own place: no coasting after a jump or a width change (egui's
    // kinetic scrolling carried the page on by itself when a side panel opened).
    ui.spacing_mut().scroll.kinetic.decay_time = 0.0;
    // A drag over the text selects it (see `marks`); it never scrolls, nor flings.
    let wheel = egui::scroll_area::ScrollSource {
        mouse_wheel: !paged,
        drag: egui::scroll_area::DragScroll::Never,
        ..Default::default()
    };
    let mut area = egui::ScrollArea::vertical()
        // A scroll state of its own once the whole story is in: the chunk's would take a
        // place beyond the chunk's end for overscroll and spring back from it.
        .id_salt(("reader", view.is_reading()))
        .auto_shrink([false, false])
        .scroll_source(wheel);
    if let Some(o) = new_offset {
        area = area.vertical_scroll_offset(o.max(0.0) as f32);
    }
    if view.is_reading() {
        // Its length is not known yet: no bar that would shrink when it is.
        area = area.scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden);
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        let total = view.heights.total() as f32;
        let (_, rect) = ui.allocate_space(Vec2::new(ui.available_width(), total));
        let page = ui.interact(rect, ui.scope_id().with("page"), Sense::click_and_drag());
        let column_x = rect.left() + ((rect.width() - t.column) / 2.0).max(t.size);
        let mut clip = ui.clip_rect();
        if paged {
            keys::page_turns(ui, view, &page, viewport);
            let top = f64::from(viewport.min.y);
            let cut = pages::page_cut(
                view,
                ui.painter(),
                t,
                top,
                top + f64::from(viewport.height()),
            );
            clip.max.y = clip.max.y.min(rect.top() + cut as f32);
        }
        let (laid, tag_clicked, fold) = paint_visible(
            ui,
            view,
            t,
            &title_page,
            Pos2::new(column_x, rect.top()),
            viewport,
            clip,
        );
        marks::begin_frame(view);
        for (block, pos, galley) in laid {
            marks::laid_out(view, block, pos, galley);
        }
        marks::select(view, &page);
        links::links_ui(ui, view);
        if let Some(block) = fold {
            view.toggle_fold(block);
        }
        tag_clicked
    });
    marks::selection_menu(ui, view);
    view.drawn();
    let tag_clicked = output.inner;
    view.offset = f64::from(output.state.clamped_offset().y);
    view.viewport = output.inner_rect.height();
    let place = place_at(view, view.offset);
    // While the rest is read the chunk's place is no measure of the story: none is kept.
    let moved = place != view.place && !view.is_reading();
    view.place = place;
    ReaderOutput {
        moved_to: moved.then_some(place),
        at_end: view.at_end(),
        tag_clicked,
    }
}

/// The largest scroll offset: the end of the story at the bottom of the screen.
fn max_offset(view: &ReaderView) -> f64 {
    (view.heights.total() - f64::from(view.viewport)).max(0.0)
}

/// Turns a pending jump into a scroll offset.
fn resolve_jump(view: &mut ReaderView, painter: &egui::Painter, t: &Typography) -> Option<f64> {
    let jump = view.jump.take()?;
    let h = &view.heights;
    let screen = f64::from(view.viewport.max(100.0));
    Some(match jump {
        Jump::NextPage => {
            let cut = pages::page_cut(view, painter, t, view.offset, view.offset + screen);
            let next = if cut > view.offset + 1.0 {
                cut
            } else {
                view.offset + screen
            };
            next.min(max_offset(view))
        }
        Jump::PrevPage => {
            pages::line_start_after(view, painter, t, (view.offset - screen).max(0.0))
                .min(view.offset)
        }
        Jump::Place(p) => {
            let block = p.block.min(h.len().saturating_sub(1));
            h.top(block) + f64::from(p.within.clamp(0.0, 1.0) * h.get(block))
        }
        Jump::Block(b) => h.top(b),
        Jump::By(d) => (view.offset + d).clamp(0.0, max_offset(view)),
        Jump::Start => 0.0,
        Jump::End => max_offset(view),
    })
}

/// Measures the blocks near `offset`; returns the offset that keeps the block at the top of
/// the screen in place, if measuring moved it.
fn measure_near(
    view: &mut ReaderView,
    painter: &egui::Painter,
    t: &Typography,
    offset: f64,
) -> Option<f64> {
    let screen = f64::from(view.viewport.max(400.0));
    let first = view.heights.block_at(offset);
    let within = offset - view.heights.top(first);
    let from = view
        .heights
        .block_at(offset - screen * MEASURE_MARGIN_SCREENS);
    let mut i = from;
    let mut measured = 0;
    while i < view.heights.len() && measured < MAX_MEASURED_PER_FRAME {
        if view.heights.top(i) > offset + screen * (1.0 + MEASURE_MARGIN_SCREENS) {
            break;
        }
        if !view.heights.is_measured(i) {
            let height = measured_height(view, painter, t, i);
            view.heights.measure(i, height);
            measured += 1;
        }
        i += 1;
    }
    let kept = view.heights.top(first) + within.min(f64::from(view.heights.get(first)));
    (measured > 0).then_some(kept)
}

/// A painted block's laid-out text and where it is: its index, position and galley.
type Laid = (usize, Pos2, std::sync::Arc<egui::Galley>);

/// Paints the blocks that intersect `viewport` (in content coordinates). Returns each
/// painted block's laid-out text and where it is (for the marks), a tag clicked on the
/// title page and a note whose fold mark was clicked.
fn paint_visible(
    ui: &Ui,
    view: &ReaderView,
    t: &Typography,
    title_page: &TitlePage,
    column_origin: Pos2,
    viewport: Rect,
    clip: Rect,
) -> (Vec<Laid>, Option<(Facet, String)>, Option<usize>) {
    let mut laid = Vec::new();
    let mut fold = None;
    let painter = &ui.painter().with_clip_rect(clip);
    let mut clicked = None;
    let mut i = view.heights.block_at(f64::from(viewport.min.y));
    while i < view.heights.len() {
        let y = view.heights.top(i) as f32;
        if y > viewport.max.y {
            break;
        }
        let origin = column_origin + Vec2::new(0.0, y);
        let rect = Rect::from_min_size(origin, Vec2::new(t.column, view.heights.get(i)));
        let (role, spoken) = match view.block(i) {
            None => {
                title_page.paint(painter, origin, t.column, t);
                clicked = tag_links::tag_links_ui(ui, painter, title_page, origin, t);
                (Role::Document, title_page.spoken.clone())
            }
            Some(block) if t.hides(block.kind) => {
                i += 1;
                continue;
            }
            Some(block) => {
                if let Some((pos, galley)) = paint_block(painter, view, t, i, block, origin) {
                    laid.push((i - 1, pos, galley));
                }
                if block.kind == BlockKind::Note {
                    fold = notes::fold_clicked(ui, i, view.is_folded(block), origin, t).or(fold);
                }
                let text = view.story.document.text(block);
                match block.kind {
                    BlockKind::Heading => (Role::Heading, text.to_string()),
                    BlockKind::Image => (Role::Image, format!("Image: {text}")),
                    BlockKind::ListItem => (Role::ListItem, text.to_string()),
                    BlockKind::Quote => (Role::Blockquote, text.to_string()),
                    _ => (Role::Paragraph, text.to_string()),
                }
            }
        };
        // Painted text is invisible to screen readers (and tests) without a node of its own.
        let response = ui.interact(rect, ui.scope_id().with(("block", i)), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(role, true, &spoken));
        i += 1;
    }
    (laid, clicked, fold)
}

/// The place at a scroll offset: the block at the top of the screen and how far into it.
fn place_at(view: &ReaderView, offset: f64) -> Place {
    // A thousandth of a point on: the heights' sums are added in another order than
    // `top` adds them, so an offset at a block's very top (a jump to a chapter) could
    // read as the bottom of the block before.
    let block = view.heights.block_at(offset + 1e-3);
    let height = f64::from(view.heights.get(block)).max(1.0);
    let within = ((offset - view.heights.top(block)) / height).clamp(0.0, 1.0) as f32;
    let doc = &view.story.document;
    let total = doc.full_text().len().max(1) as f32;
    let progress = match view.block(block) {
        None => 0.0,
        Some(b) => (doc.text_offset(b) as f32 + within * doc.text(b).len() as f32) / total,
    };
    Place {
        block,
        within,
        progress: progress.clamp(0.0, 1.0),
    }
}

/// Moves to the find bar's current match.
pub fn show_current_match(view: &mut ReaderView) {
    if let Some(block) = view.find.current_block() {
        view.jump = Some(Jump::Block(block + 1));
    }
}
