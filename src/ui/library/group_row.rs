//! The row that stands for several stories in the library: a series, or a work saved in
//! several files. A triangle where a story has its badge says whether it is open (its
//! stories listed beneath it) or folded; a click opens or folds it.

use egui::{Color32, CornerRadius, Pos2, Role, Sense, Ui, Vec2, WidgetInfo};

/// Height of a group's row (a story's row's height).
const ROW_HEIGHT: f32 = 62.0;

/// What a group's row shows.
pub struct Group<'a> {
    /// What screen readers hear (`Series: Name`).
    pub label: String,
    /// Its name, on the first line.
    pub name: &'a str,
    /// The second and third lines, in small quiet type.
    pub second: String,
    pub third: String,
    /// Whether its stories are listed beneath it.
    pub open: bool,
    /// The tooltips when open and when folded.
    pub tips: (&'a str, &'a str),
}

/// Draws a group's row; the response is clicked to open or fold it.
pub fn group_row_ui(ui: &mut Ui, group: &Group<'_>) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, group.open, &group.label));
    let response = response.on_hover_text(if group.open {
        group.tips.0
    } else {
        group.tips.1
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if response.hovered() {
        let fill = visuals.widgets.hovered.weak_bg_fill;
        painter.rect_filled(rect, CornerRadius::same(4), fill);
    }
    let (ink, faint) = (visuals.strong_text_color(), visuals.weak_text_color());
    // An open or closed triangle where a story has its badge.
    let c = rect.min + Vec2::new(19.0, 18.0);
    let points = if group.open {
        vec![
            c + Vec2::new(-6.0, -3.0),
            c + Vec2::new(6.0, -3.0),
            c + Vec2::new(0.0, 4.0),
        ]
    } else {
        vec![
            c + Vec2::new(-3.0, -6.0),
            c + Vec2::new(-3.0, 6.0),
            c + Vec2::new(4.0, 0.0),
        ]
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        faint,
        egui::Stroke::NONE,
    ));
    let x = rect.left() + 40.0;
    let width = (rect.width() - 46.0).max(20.0);
    let line = |text: &str, size: f32, color: Color32, y: f32| {
        let galley = painter.layout_job(super::rows::one_line(text, size, color, width));
        painter.galley(Pos2::new(x, rect.top() + y), galley, color);
    };
    line(group.name, 15.0, ink, 6.0);
    line(&group.second, 12.0, faint, 26.0);
    line(&group.third, 11.5, faint, 43.0);
    response
}
