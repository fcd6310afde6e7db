//! How the window looks: the theme, the reading fonts and the panel scale, applied when
//! their settings (or the system's light/dark choice) change, and the page's typography
//! made from the settings each frame.

use egui::Color32;

use super::FicshelfApp;
use crate::settings::{ReadingFont, Settings, Theme};
use crate::ui::fonts;
use crate::ui::reader::Typography;
use crate::ui::theme::{self, Palette};

/// What was last applied to the window.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Applied {
    theme: Theme,
    system_dark: bool,
    font: ReadingFont,
    ui_scale: f32,
}

impl FicshelfApp {
    /// Applies theme, fonts and scale if their settings changed since last frame.
    pub(super) fn apply_looks(&mut self, ctx: &egui::Context) {
        let want = Applied {
            theme: self.settings.theme,
            system_dark: ctx.system_theme() == Some(egui::Theme::Dark),
            font: self.settings.typography.font.clone(),
            ui_scale: self.settings.ui_scale,
        };
        if self.applied.as_ref() == Some(&want) {
            return;
        }
        let before = self.applied.replace(want.clone());
        theme::apply(ctx, &self.palette(ctx));
        if before.as_ref().is_none_or(|b| b.font != want.font)
            && let Err(e) = fonts::install(ctx, &want.font)
        {
            self.tell(format!(
                "That font could not be used ({e}); Literata stands in."
            ));
        }
        if before.as_ref().is_none_or(|b| b.ui_scale != want.ui_scale) {
            ctx.set_zoom_factor(want.ui_scale);
        }
    }

    /// The colours in use.
    pub(super) fn palette(&self, ctx: &egui::Context) -> Palette {
        theme::palette(
            self.settings.theme,
            ctx.system_theme() == Some(egui::Theme::Dark),
        )
    }

    /// The page's typography for a pane `width` points wide.
    pub(super) fn typography(&self, ui: &egui::Ui, width: f32) -> Typography {
        page_typography(&self.settings, &self.palette(ui.ctx()), ui, width)
    }
}

/// The page's typography from the settings, for a pane `width` points wide.
pub(super) fn page_typography(
    settings: &Settings,
    palette: &Palette,
    ui: &egui::Ui,
    width: f32,
) -> Typography {
    let t = &settings.typography;
    let (family, heading_family) = fonts::families(&t.font);
    // The panel scale zooms everything; story text keeps the size the reader chose.
    let size = t.size / settings.ui_scale.max(0.1);
    let mut typography = Typography {
        size,
        line_height: t.line_height,
        paragraph_gap: t.paragraph_spacing,
        column: 0.0,
        family,
        heading_family,
        justify: t.justify,
        indent: t.first_line_indent,
        spoiler_free: settings.filters.hide_warnings,
        ink: palette.ink,
        faint: palette.faint,
        highlight: Color32::from_rgba_unmultiplied(255, 200, 0, 80),
        current_highlight: Color32::from_rgba_unmultiplied(255, 140, 0, 160),
        link: palette.accent,
        show_notes: t.show_notes,
    };
    let char_width = typography.char_width(ui.painter());
    let margin = t.margin * size;
    typography.column = (t.column_chars as f32 * char_width)
        .min(width - 2.0 * margin)
        .max(char_width * 20.0);
    typography
}
