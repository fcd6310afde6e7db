//! The keys and clicks that move through a story: a screen with Space or Page Down, a
//! line with the arrows, the start and end with Home and End; in paged reading, the same
//! keys, the outer thirds of the page and the mouse wheel turn whole pages.

use egui::{Key, Modifiers, Rect, Ui};

use super::typography::Typography;
use super::{Jump, ReaderView};

/// Space/Shift+Space and PageDown/PageUp (a screen), arrows (a line), Home/End.
pub(super) fn keyboard(ui: &Ui, view: &mut ReaderView, t: &Typography, paged: bool) {
    let screen = f64::from(view.viewport.max(100.0)) - f64::from(t.row()) * 1.5;
    let line = f64::from(t.row());
    if paged {
        page_keys(ui, view);
    }
    ui.input_mut(|input| {
        let mut by = |m: Modifiers, k: Key, d: f64| {
            if input.consume_key(m, k) {
                view.jump = Some(Jump::By(d));
            }
        };
        by(Modifiers::SHIFT, Key::Space, -screen);
        by(Modifiers::NONE, Key::Space, screen);
        by(Modifiers::NONE, Key::PageDown, screen);
        by(Modifiers::NONE, Key::PageUp, -screen);
        by(Modifiers::NONE, Key::ArrowDown, line);
        by(Modifiers::NONE, Key::ArrowUp, -line);
        if input.consume_key(Modifiers::NONE, Key::Home) {
            view.jump = Some(Jump::Start);
        }
        if input.consume_key(Modifiers::NONE, Key::End) {
            view.jump = Some(Jump::End);
        }
    });
}

/// Space, Page Down, → and ↓ turn a page forward; Shift+Space, Page Up, ← and ↑ back.
fn page_keys(ui: &Ui, view: &mut ReaderView) {
    ui.input_mut(|input| {
        let back = [
            (Modifiers::SHIFT, Key::Space),
            (Modifiers::NONE, Key::PageUp),
            (Modifiers::NONE, Key::ArrowLeft),
            (Modifiers::NONE, Key::ArrowUp),
        ];
        let forward = [
            (Modifiers::NONE, Key::Space),
            (Modifiers::NONE, Key::PageDown),
            (Modifiers::NONE, Key::ArrowRight),
            (Modifiers::NONE, Key::ArrowDown),
        ];
        // Shifted keys first: a plain Space check would also take Shift+Space.
        if back.iter().any(|&(m, k)| input.consume_key(m, k)) {
            view.jump = Some(Jump::PrevPage);
        } else if forward.iter().any(|&(m, k)| input.consume_key(m, k)) {
            view.jump = Some(Jump::NextPage);
        }
    });
}

/// Clicks on the outer thirds of the page and turns of the mouse wheel turn pages.
pub(super) fn page_turns(ui: &Ui, view: &mut ReaderView, page: &egui::Response, viewport: Rect) {
    if page.clicked()
        && let Some(pos) = page.interact_pointer_pos()
    {
        let third = page.rect.width() / 3.0;
        if pos.x < page.rect.left() + third {
            view.jump = Some(Jump::PrevPage);
        } else if pos.x > page.rect.right() - third {
            view.jump = Some(Jump::NextPage);
        }
    }
    let wheel: f32 = ui.input(|i| {
        let notches = i.raw.events.iter().filter_map(|e| match e {
            egui::Event::MouseWheel { delta, .. } => Some(delta.y),
            _ => None,
        });
        notches.sum()
    });
    if wheel.abs() > 0.5 && viewport.height() > 0.0 {
        view.jump = Some(if wheel < 0.0 {
            Jump::NextPage
        } else {
            Jump::PrevPage
        });
    }
}
