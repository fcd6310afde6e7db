//! Laid-out text kept across frames. egui forgets a galley the first frame it is not drawn,
//! so a library row that scrolls out, or leaves the list when a facet is clicked and comes
//! back when it is let go, is shaped again from its characters: at 10,000 works that is
//! most of a click's frame. This cache keeps the last few hundred galleys a pane drew, and
//! forgets them all when egui's font atlas was cleared or rebuilt (a galley points into
//! it): a probe laid out through egui every frame comes back as a new galley then.
//! Counts that change with every click ("1,234 of 10,000 stories") are drawn from pieces
//! instead, each digit alone and the words between whole, which egui keeps laid out
//! while some count draws them every frame.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, Painter, Pos2, Response, Sense, Ui, Vec2, WidgetInfo};

/// How many galleys are kept: about six screens of library rows (three lines each).
const KEPT: usize = 600;

/// Galleys by their layout job, with the frame each was last drawn in.
#[derive(Default)]
pub struct TextCache {
    /// The probe's galley last frame: a different one now means egui's text was reset.
    probe: Option<Arc<Galley>>,
    galleys: HashMap<u64, (Arc<Galley>, u64)>,
    frame: u64,
    hasher: std::collections::hash_map::RandomState,
}

impl std::fmt::Debug for TextCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextCache({} galleys)", self.galleys.len())
    }
}

impl TextCache {
    /// Starts a frame: forgets everything if egui's text was reset since the last one, and
    /// the least recently drawn galleys when there are too many.
    pub fn begin_frame(&mut self, painter: &Painter) {
        let probe = painter.layout_no_wrap("·".into(), FontId::monospace(7.0), Color32::WHITE);
        if !self.probe.as_ref().is_some_and(|p| Arc::ptr_eq(p, &probe)) {
            self.galleys.clear();
        }
        self.probe = Some(probe);
        self.frame += 1;
        if self.galleys.len() > KEPT {
            // Keep the more recently drawn half.
            let mut ages: Vec<u64> = self.galleys.values().map(|(_, f)| *f).collect();
            let (_, &mut cut, _) = ages.select_nth_unstable(self.galleys.len() / 2);
            self.galleys.retain(|_, (_, f)| *f >= cut);
        }
    }

    /// The galley for `job`: the one kept, or laid out now (through egui's cache).
    pub fn layout(&mut self, painter: &Painter, job: LayoutJob) -> Arc<Galley> {
        let key = self.hasher.hash_one(&job);
        let frame = self.frame;
        if let Some((galley, used)) = self.galleys.get_mut(&key) {
            *used = frame;
            return galley.clone();
        }
        let galley = painter.layout_job(job);
        self.galleys.insert(key, (galley.clone(), frame));
        galley
    }

    /// How many galleys are kept.
    pub fn len(&self) -> usize {
        self.galleys.len()
    }

    /// True when none are.
    pub fn is_empty(&self) -> bool {
        self.galleys.is_empty()
    }
}

/// `text` as galleys: each digit, comma and point alone, the runs between them whole.
pub fn pieces(painter: &Painter, text: &str, font: &FontId, color: Color32) -> Vec<Arc<Galley>> {
    let mut out = Vec::new();
    let mut run = String::new();
    let lay = |s: String| painter.layout_no_wrap(s, font.clone(), color);
    for c in text.chars() {
        if c.is_ascii_digit() || c == ',' || c == '.' {
            if !run.is_empty() {
                out.push(lay(std::mem::take(&mut run)));
            }
            out.push(lay(c.to_string()));
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        out.push(lay(run));
    }
    out
}

/// Paints pieces side by side from `left`, centred on `left.y`; returns their width.
pub fn paint_pieces(
    painter: &Painter,
    left: Pos2,
    pieces: Vec<Arc<Galley>>,
    color: Color32,
) -> f32 {
    let mut x = left.x;
    for galley in pieces {
        let (w, h) = (galley.size().x, galley.size().y);
        painter.galley(Pos2::new(x, left.y - h / 2.0), galley, color);
        x += w;
    }
    x - left.x
}

/// A one-line label whose numbers change often, drawn from [`pieces`].
pub fn counted_label(ui: &mut Ui, text: &str, font: FontId, color: Color32) -> Response {
    let pieces = pieces(ui.painter(), text, &font, color);
    let width: f32 = pieces.iter().map(|g| g.size().x).sum();
    let height = pieces.iter().map(|g| g.size().y).fold(0.0, f32::max);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    if ui.is_rect_visible(rect) {
        paint_pieces(ui.painter(), rect.left_center(), pieces, color);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Context, RawInput};

    fn frame(ctx: &Context, mut f: impl FnMut(&Painter)) {
        let mut output = ctx.run_ui(RawInput::default(), |ui| f(ui.painter()));
        output.textures_delta.clear(); // no renderer here to take the font atlas
    }

    fn job(text: &str) -> LayoutJob {
        LayoutJob::simple_singleline(text.into(), FontId::proportional(14.0), Color32::WHITE)
    }

    #[test]
    fn a_galley_not_drawn_for_a_frame_is_not_laid_out_again() {
        let ctx = Context::default();
        let mut cache = TextCache::default();
        let mut first = None;
        frame(&ctx, |p| {
            cache.begin_frame(p);
            first = Some(cache.layout(p, job("A story title")));
        });
        frame(&ctx, |p| cache.begin_frame(p)); // not drawn: egui forgets it
        let mut again = None;
        frame(&ctx, |p| {
            cache.begin_frame(p);
            again = Some(cache.layout(p, job("A story title")));
        });
        let (first, again) = (first.unwrap(), again.unwrap());
        assert!(
            Arc::ptr_eq(&first, &again),
            "kept across the frame it was not drawn"
        );
        // egui alone lays it out again.
        let mut fresh = None;
        frame(&ctx, |p| fresh = Some(p.layout_job(job("Another title"))));
        frame(&ctx, |_| {});
        let mut fresh_again = None;
        frame(&ctx, |p| {
            fresh_again = Some(p.layout_job(job("Another title")))
        });
        assert!(!Arc::ptr_eq(&fresh.unwrap(), &fresh_again.unwrap()));
    }

    #[test]
    fn a_new_scale_forgets_what_was_laid_out() {
        let ctx = Context::default();
        let mut cache = TextCache::default();
        frame(&ctx, |p| {
            cache.begin_frame(p);
            cache.layout(p, job("A story title"));
        });
        assert_eq!(cache.len(), 1);
        ctx.set_pixels_per_point(2.0);
        frame(&ctx, |p| cache.begin_frame(p));
        assert!(cache.is_empty(), "galleys of the old atlas are let go");
    }

    #[test]
    fn a_count_is_drawn_from_digits_and_words() {
        let ctx = Context::default();
        let font = FontId::proportional(12.0);
        let mut texts = Vec::new();
        frame(&ctx, |p| {
            let pieces = pieces(p, "1,234 of 10,000 stories", &font, Color32::WHITE);
            texts = pieces.iter().map(|g| g.text().to_string()).collect();
        });
        let expected = [
            "1", ",", "2", "3", "4", " of ", "1", "0", ",", "0", "0", "0", " stories",
        ];
        assert_eq!(texts, expected);
    }

    #[test]
    fn only_the_recently_drawn_are_kept() {
        let ctx = Context::default();
        let mut cache = TextCache::default();
        for i in 0..KEPT * 2 {
            frame(&ctx, |p| {
                cache.begin_frame(p);
                cache.layout(p, job(&format!("title {i}")));
            });
        }
        assert!(cache.len() <= KEPT + 1, "{} kept", cache.len());
        frame(&ctx, |p| {
            cache.begin_frame(p);
            let before = cache.len();
            cache.layout(p, job(&format!("title {}", KEPT * 2 - 1)));
            assert_eq!(cache.len(), before, "the newest is still kept");
        });
    }
}
