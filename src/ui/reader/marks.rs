//! The reader's marks on the page: the story's bookmarks and highlights (read from the
//! database by the app and found again in the text), highlights painted behind the words,
//! and the reader's own selection: a drag over the laid-out text picks a passage (egui's
//! labels can't select across paragraphs, and the reader paints galleys, not labels), then
//! keys 1 to 4 or the small menu by the selection highlight it. Changes are queued as
//! [`MarkChange`]s for the app to write.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, Galley, Key, Modifiers, Pos2, Rect, Ui, Vec2};

use super::{Jump, ReaderView};
use crate::collection::reading::marks::block_at;
use crate::collection::reading::{Anchor, Colour, Mark, MarkKind, now_secs};

/// A mark and where its text is in the story open (bytes of the full text; `None` when
/// the text is no longer in the file).
#[derive(Debug, Clone)]
pub struct Shown {
    /// The mark as stored.
    pub mark: Mark,
    /// Where it is now.
    pub range: Option<Range<usize>>,
}

/// A change to the marks, for the app to write to the database.
#[derive(Debug, Clone, PartialEq)]
pub enum MarkChange {
    /// Keep a new mark (or put a deleted one back).
    Add(Mark),
    /// Remove a mark.
    Delete(i64),
    /// Set a mark's note.
    Note(i64, String),
}

/// The marks of the story open, and the reader's selection.
#[derive(Debug, Default)]
pub struct ReaderMarks {
    /// The marks in reading order, as last read from the database.
    pub shown: Vec<Shown>,
    /// The database generation they were read at (`None`: not read yet).
    pub read_at: Option<u64>,
    /// Changes made here, not written yet.
    pub changes: Vec<MarkChange>,
    /// Whether the Marks panel is open.
    pub panel_open: bool,
    /// The last mark deleted, for Undo.
    pub deleted: Option<Mark>,
    /// A jump to a mark's block, made again on the next frames: the first lands by
    /// estimated heights, which measuring around the place then corrects.
    settle: Option<(usize, u8)>,
    /// The selection: where the drag began and where it is (bytes of the full text).
    selection: Option<(usize, usize)>,
    /// The text of each story block laid out this frame: block, where, galley.
    laid: Vec<(usize, Pos2, Arc<Galley>)>,
}

impl ReaderMarks {
    /// The selected text's range, if any text is selected.
    pub fn selection(&self) -> Option<Range<usize>> {
        let (a, b) = self.selection?;
        (a != b).then(|| a.min(b)..a.max(b))
    }

    /// The bookmark in a story block, if there is one.
    fn bookmark_in(&self, doc_block: usize, view: &crate::engine::Document) -> Option<&Mark> {
        self.shown.iter().map(|s| &s.mark).find(|m| {
            m.kind == MarkKind::Bookmark
                && self.shown.iter().any(|s| {
                    s.mark.id == m.id
                        && s.range
                            .as_ref()
                            .and_then(|r| block_at(view, r.start))
                            .unwrap_or(m.anchor.block)
                            == doc_block
                })
        })
    }
}

/// True when the story block the reader is at holds a bookmark.
pub fn bookmarked(view: &ReaderView) -> bool {
    let block = view.place.block.saturating_sub(1);
    view.marks
        .bookmark_in(block, &view.story.document)
        .is_some()
}

/// The reader bar's bookmark ribbon (set where the reader is) and the Marks panel's
/// toggle.
pub fn bar_buttons_ui(ui: &mut Ui, view: &mut ReaderView) {
    let marks = ui
        .selectable_label(view.marks.panel_open, "Marks")
        .on_hover_text("This story's bookmarks and highlights");
    if marks.clicked() {
        view.marks.panel_open = !view.marks.panel_open;
    }
    let on = bookmarked(view);
    // Greyed until the fingerprint that keys the marks is known (a big story being read).
    let ribbon = ui
        .add_enabled_ui(view.hash.is_some(), |ui| {
            ui.selectable_label(on, if on { "Bookmarked" } else { "Bookmark" })
        })
        .inner
        .on_hover_text("Set or remove a bookmark here (Ctrl+D)");
    if ribbon.clicked() {
        toggle_bookmark(view);
    }
}

/// Sets or takes away the bookmark at the reader's place.
pub fn toggle_bookmark(view: &mut ReaderView) {
    let block = view.place.block.saturating_sub(1);
    let doc = &view.story.document;
    if let Some(id) = view.marks.bookmark_in(block, doc).map(|m| m.id) {
        delete(view, id);
        return;
    }
    if let Some(anchor) = Anchor::of_block(doc, block) {
        add(view, MarkKind::Bookmark, anchor);
    }
}

/// Highlights the selection in `colour`.
pub fn highlight_selection(view: &mut ReaderView, colour: Colour) {
    let Some(range) = view.marks.selection() else {
        return;
    };
    let range = whole_words(view.story.document.full_text(), range);
    if let Some(anchor) = Anchor::of_range(&view.story.document, range) {
        add(view, MarkKind::Highlight(colour), anchor);
        view.marks.selection = None;
    }
}

/// `range` widened to whole words at both ends (a drag rarely starts on a word's edge).
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| word(c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = range.end
        + text[range.end..]
            .chars()
            .take_while(|&c| word(c))
            .map(char::len_utf8)
            .sum::<usize>();
    start..end
}

/// Lets the selection go; true if there was one.
pub fn clear_selection(view: &mut ReaderView) -> bool {
    view.marks.selection.take().is_some()
}

/// Removes a mark (Undo puts it back).
pub fn delete(view: &mut ReaderView, id: i64) {
    if let Some(i) = view.marks.shown.iter().position(|s| s.mark.id == id) {
        let gone = view.marks.shown.remove(i);
        view.marks.deleted = Some(gone.mark);
        view.marks.changes.push(MarkChange::Delete(id));
    }
}

/// Puts the last deleted mark back.
pub fn undo_delete(view: &mut ReaderView) {
    if let Some(mark) = view.marks.deleted.take() {
        view.marks.changes.push(MarkChange::Add(mark));
    }
}

/// Moves the reader to a mark.
pub fn go_to(view: &mut ReaderView, shown: &Shown) {
    let doc = &view.story.document;
    let block = shown
        .range
        .as_ref()
        .and_then(|r| block_at(doc, r.start))
        .unwrap_or(shown.mark.anchor.block);
    view.jump = Some(Jump::Block(block + 1));
    view.marks.settle = Some((block + 1, 2));
}

/// Makes a jump to a mark again, once the blocks around it are measured.
pub(super) fn settle(view: &mut ReaderView) {
    if let Some((block, left)) = view.marks.settle.take()
        && view.jump.is_none()
    {
        view.jump = Some(Jump::Block(block));
        view.marks.settle = (left > 1).then_some((block, left - 1));
    }
}

fn add(view: &mut ReaderView, kind: MarkKind, anchor: Anchor) {
    // Not before the fingerprint that keys it is known (a big story's rest being read).
    let Some(hash) = view.hash.clone() else {
        return;
    };
    let story = &view.story;
    let mark = Mark {
        id: 0,
        hash,
        kind,
        anchor,
        note: String::new(),
        created_secs: now_secs(),
        title: story.title.clone(),
        author: story.author.clone().unwrap_or_default(),
        path: view.path.to_string_lossy().into_owned(),
    };
    view.marks.changes.push(MarkChange::Add(mark));
}

/// A highlight colour, see-through so the text reads on it in every theme.
pub fn colour_of(colour: Colour, dark: bool) -> Color32 {
    let (r, g, b) = match colour {
        Colour::Yellow => (250, 215, 40),
        Colour::Green => (110, 200, 90),
        Colour::Blue => (90, 160, 250),
        Colour::Pink => (245, 120, 180),
    };
    Color32::from_rgba_unmultiplied(r, g, b, if dark { 80 } else { 110 })
}

/// Paints the highlights and the selection in story block `block` behind its text, laid out
/// as `galley` at `pos`, and remembers the layout for the selection.
pub(super) fn paint_behind(
    painter: &egui::Painter,
    view: &ReaderView,
    block: usize,
    pos: Pos2,
    galley: &Arc<Galley>,
    dark: bool,
) {
    let doc = &view.story.document;
    let Some(b) = doc.blocks().get(block) else {
        return;
    };
    let start = doc.text_offset(b);
    let text = doc.text(b);
    let end = start + text.len();
    let paint = |range: &Range<usize>, fill: Color32| {
        let (from, to) = (range.start.max(start), range.end.min(end));
        if from < to {
            for rect in row_rects(galley, text, from - start..to - start) {
                painter.rect_filled(rect.translate(pos.to_vec2()), 2.0, fill);
            }
        }
    };
    for shown in &view.marks.shown {
        if let (MarkKind::Highlight(c), Some(range)) = (shown.mark.kind, &shown.range) {
            paint(range, colour_of(c, dark));
        }
    }
    if let Some(range) = view.marks.selection() {
        paint(
            &range,
            painter.ctx().global_style().visuals.selection.bg_fill,
        );
    }
    if view.marks.bookmark_in(block, doc).is_some() {
        ribbon(
            painter,
            pos,
            galley,
            colour_of(Colour::Pink, false).to_opaque(),
        );
    }
}

/// A bookmark's ribbon in the margin left of its block's first line.
fn ribbon(painter: &egui::Painter, pos: Pos2, galley: &Galley, fill: Color32) {
    let h = galley.rows.first().map_or(16.0, |r| r.rect().height()) * 0.8;
    let (x, y, w) = (pos.x - h * 0.9, pos.y + h * 0.1, h * 0.45);
    let points = vec![
        Pos2::new(x, y),
        Pos2::new(x + w, y),
        Pos2::new(x + w, y + h),
        Pos2::new(x + w / 2.0, y + h * 0.75),
        Pos2::new(x, y + h),
    ];
    painter.add(egui::Shape::convex_polygon(
        points,
        fill,
        egui::Stroke::NONE,
    ));
}

/// Remembers a laid-out block for the selection (called as it is painted).
pub(super) fn laid_out(view: &mut ReaderView, block: usize, pos: Pos2, galley: Arc<Galley>) {
    view.marks.laid.push((block, pos, galley));
}

/// The story blocks laid out this frame: block, where, galley.
pub(super) fn laid(view: &ReaderView) -> &[(usize, Pos2, Arc<Galley>)] {
    &view.marks.laid
}

/// Starts a frame's layout record.
pub(super) fn begin_frame(view: &mut ReaderView) {
    view.marks.laid.clear();
}

/// Follows a drag over the page: its start and end pick the text between them.
pub(super) fn select(view: &mut ReaderView, page: &egui::Response) {
    let Some(pointer) = page.interact_pointer_pos() else {
        return;
    };
    let at = offset_at(view, pointer);
    if page.drag_started() {
        // From where the button went down, not where the drag was first noticed.
        let origin = page
            .ctx
            .input(|i| i.pointer.press_origin())
            .unwrap_or(pointer);
        let from = offset_at(view, origin);
        view.marks.selection = from.zip(at);
    } else if page.dragged()
        && let (Some((from, _)), Some(to)) = (view.marks.selection, at)
    {
        view.marks.selection = Some((from, to));
    } else if page.clicked() {
        view.marks.selection = None;
    }
}

/// The byte of the full text under `pointer`, from the blocks laid out this frame.
fn offset_at(view: &ReaderView, pointer: Pos2) -> Option<usize> {
    let doc = &view.story.document;
    let (block, pos, galley) = view.marks.laid.iter().min_by(|a, b| {
        let d = |(_, p, g): &(usize, Pos2, Arc<Galley>)| {
            Rect::from_min_size(*p, g.size()).distance_to_pos(pointer)
        };
        d(a).total_cmp(&d(b))
    })?;
    let b = doc.blocks().get(*block)?;
    let text = doc.text(b);
    let chars = galley.cursor_from_pos(pointer - *pos).index.0;
    let byte = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    Some(doc.text_offset(b) + byte)
}

/// The rectangles (galley coordinates) covering bytes `range` of `text` laid out in `galley`.
pub(super) fn row_rects(galley: &Galley, text: &str, range: Range<usize>) -> Vec<Rect> {
    let char_of = |byte: usize| text.char_indices().take_while(|&(i, _)| i < byte).count();
    let (from, to) = (char_of(range.start), char_of(range.end));
    let mut rects = Vec::new();
    let mut first = 0;
    for row in &galley.rows {
        let count = row.row.glyphs.len();
        let (a, b) = (from.max(first), to.min(first + count));
        if a < b {
            let x = |i: usize| {
                row.row
                    .glyphs
                    .get(i - first)
                    .map_or(row.rect().right(), |g| row.pos.x + g.pos.x)
            };
            let r = row.rect();
            rects.push(Rect::from_x_y_ranges(x(a)..=x(b), r.y_range()));
        }
        first += row.char_count_including_newline().0;
    }
    rects
}

/// Ctrl+D sets or takes away a bookmark; with text selected, 1 to 4 highlight it in the
/// menu's colours (Escape, which the app handles, lets it go).
pub(super) fn keys(ui: &Ui, view: &mut ReaderView) {
    let (bookmark, colour) = ui.input_mut(|i| {
        let colour = [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
            .iter()
            .position(|&k| view.marks.selection().is_some() && i.consume_key(Modifiers::NONE, k));
        (i.consume_key(Modifiers::COMMAND, Key::D), colour)
    });
    if bookmark {
        toggle_bookmark(view);
    }
    if let Some(c) = colour {
        highlight_selection(view, Colour::ALL[c]);
    }
}

/// The small menu beside a selection: the four colours, and Copy.
pub(super) fn selection_menu(ui: &Ui, view: &mut ReaderView) {
    let Some(range) = view.marks.selection() else {
        return;
    };
    if ui.input(|i| i.pointer.any_down()) {
        return; // still dragging
    }
    let Some(place) = end_of(view, range.end) else {
        return;
    };
    let mut chosen = None;
    egui::Area::new(ui.scope_id().with("selection-menu"))
        .order(egui::Order::Foreground)
        .fixed_pos(place + Vec2::new(0.0, 6.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (n, colour) in Colour::ALL.into_iter().enumerate() {
                        let swatch = egui::Button::new(
                            egui::RichText::new(format!(" {} ", n + 1)).color(Color32::BLACK),
                        )
                        .fill(colour_of(colour, false).to_opaque());
                        let label = format!("Highlight {} ({})", colour.key(), n + 1);
                        if ui.add(swatch).on_hover_text(&label).clicked() {
                            chosen = Some(colour);
                        }
                    }
                    if ui
                        .button("Note…")
                        .on_hover_text("Highlight it and write a note in the Marks panel")
                        .clicked()
                    {
                        chosen = Some(Colour::Yellow);
                        view.marks.panel_open = true;
                    }
                    if ui.button("Copy").clicked() {
                        let text = view.story.document.full_text()[range.clone()].to_string();
                        ui.ctx().copy_text(text);
                    }
                });
            });
        });
    if let Some(colour) = chosen {
        highlight_selection(view, colour);
    }
}

/// Where on screen byte `at` of the full text is, if its block is laid out.
fn end_of(view: &ReaderView, at: usize) -> Option<Pos2> {
    let doc = &view.story.document;
    let block = block_at(doc, at.saturating_sub(1))?;
    let (_, pos, galley) = view.marks.laid.iter().find(|(b, _, _)| *b == block)?;
    let text = doc.text(&doc.blocks()[block]);
    let within = (at - doc.text_offset(&doc.blocks()[block])).min(text.len());
    let rect = row_rects(galley, text, within.saturating_sub(1)..within);
    rect.last().map(|r| *pos + r.left_bottom().to_vec2())
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn a_selection_widens_to_whole_words() {
        let text = "She didn’t say a word, café and all.";
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}"));
        // From inside "didn’t" to inside "café".
        let got = whole_words(text, at("dn’t")..at("fé"));
        assert_eq!(&text[got], "didn’t say a word, café");
        // Already on word edges: unchanged.
        let word = at("say")..at("say") + 3;
        assert_eq!(whole_words(text, word.clone()), word);
    }
}
