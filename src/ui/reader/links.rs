//! Links in the story's text: each link's words on screen are a small widget of their own
//! (a link to screen readers, named by its words), the pointer becomes a hand over them and
//! a tooltip says where they go; a click follows the link. A link to a place in the book
//! (a footnote, another chapter, AO3's end notes) moves the reader there; an address on
//! the web opens in the browser, only on that click; nothing is ever fetched by Ficshelf.

use egui::{Role, Sense, Ui, WidgetInfo};

use super::ReaderView;
use crate::formats::pictures::is_web_address;

/// Lays the links of the blocks painted this frame over their words and follows the one
/// clicked.
pub(super) fn links_ui(ui: &Ui, view: &mut ReaderView) {
    let doc = &view.story.document;
    if !doc.has_links() {
        return;
    }
    let mut clicked = None;
    for (block, pos, galley) in super::marks::laid(view) {
        let Some(b) = doc.blocks().get(*block) else {
            continue;
        };
        let text = doc.text(b);
        for (k, (range, target)) in doc.links(b).enumerate() {
            let words = text.get(range.clone()).unwrap_or_default();
            let tip = match doc.anchor(target) {
                Some(_) => "Go to this place in the story".to_string(),
                None if is_web_address(target) => format!("Open in the browser: {target}"),
                None => "This link goes outside the story".to_string(),
            };
            let rows = super::marks::row_rects(galley, text, range);
            for (r, rect) in rows.into_iter().enumerate() {
                let id = ui.scope_id().with(("link", *block, k, r));
                let response = ui.interact(rect.translate(pos.to_vec2()), id, Sense::click());
                response.widget_info(|| WidgetInfo::labeled(Role::Link, true, words));
                let response = response
                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                    .on_hover_text_at_pointer(&tip);
                if response.clicked() {
                    clicked = Some(target.to_string());
                }
            }
        }
    }
    if let Some(target) = clicked {
        follow(ui, view, &target);
    }
}

/// Goes where a link goes: a place in the story, or the browser for a web address.
fn follow(ui: &Ui, view: &mut ReaderView, target: &str) {
    if let Some(block) = view.story.document.anchor(target) {
        view.go_to_block(block);
    } else if is_web_address(target) {
        ui.ctx().open_url(egui::OpenUrl::new_tab(target));
    }
}
