//! Themes for the whole window: Light, Sepia, Dark and Black (OLED), or the system's choice.
//! Each is a small palette from which egui's visuals are made, so panels, menus and the page
//! agree. Every text colour keeps WCAG AA contrast (4.5:1) or better on its background.

use egui::{Color32, Stroke, Visuals};

use crate::settings::Theme;

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// The page behind the story.
    pub paper: Color32,
    /// Panels and bars.
    pub panel: Color32,
    /// Body text.
    pub ink: Color32,
    /// Secondary text: notes, the status line, labels.
    pub faint: Color32,
    /// Selection and links.
    pub accent: Color32,
    /// Text on the accent colour.
    pub on_accent: Color32,
    /// Whether this is a dark theme.
    pub dark: bool,
}

const LIGHT: Palette = Palette {
    paper: Color32::from_rgb(0xfb, 0xfa, 0xf7),
    panel: Color32::from_rgb(0xef, 0xed, 0xe8),
    ink: Color32::from_rgb(0x1e, 0x1d, 0x1a),
    faint: Color32::from_rgb(0x5c, 0x59, 0x53),
    accent: Color32::from_rgb(0x1f, 0x5f, 0x99),
    on_accent: Color32::WHITE,
    dark: false,
};

const SEPIA: Palette = Palette {
    paper: Color32::from_rgb(0xf4, 0xec, 0xd8),
    panel: Color32::from_rgb(0xe9, 0xdf, 0xc6),
    ink: Color32::from_rgb(0x3a, 0x2e, 0x20),
    faint: Color32::from_rgb(0x65, 0x54, 0x3f),
    accent: Color32::from_rgb(0x8a, 0x4b, 0x1c),
    on_accent: Color32::WHITE,
    dark: false,
};

const DARK: Palette = Palette {
    paper: Color32::from_rgb(0x1f, 0x1f, 0x1e),
    panel: Color32::from_rgb(0x28, 0x28, 0x27),
    ink: Color32::from_rgb(0xde, 0xdb, 0xd4),
    faint: Color32::from_rgb(0xa3, 0x9f, 0x97),
    accent: Color32::from_rgb(0x2f, 0x6f, 0xa8),
    on_accent: Color32::WHITE,
    dark: true,
};

const BLACK: Palette = Palette {
    paper: Color32::BLACK,
    panel: Color32::from_rgb(0x0e, 0x0e, 0x0e),
    ink: Color32::from_rgb(0xc9, 0xc7, 0xc1),
    faint: Color32::from_rgb(0x8f, 0x8c, 0x86),
    accent: Color32::from_rgb(0x2b, 0x5f, 0x8e),
    on_accent: Color32::WHITE,
    dark: true,
};

/// The palette for a theme; `system_dark` is the system's choice, for [`Theme::System`].
pub fn palette(theme: Theme, system_dark: bool) -> Palette {
    match theme {
        Theme::System if system_dark => DARK,
        Theme::System | Theme::Light => LIGHT,
        Theme::Sepia => SEPIA,
        Theme::Dark => DARK,
        Theme::Black => BLACK,
    }
}

/// egui's visuals made from a palette.
pub fn visuals(p: &Palette) -> Visuals {
    let mut v = if p.dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    v.override_text_color = Some(p.ink);
    v.weak_text_color = Some(p.faint);
    v.panel_fill = p.panel;
    v.window_fill = p.panel;
    v.extreme_bg_color = p.paper;
    v.faint_bg_color = p.paper;
    v.hyperlink_color = p.accent;
    v.selection.bg_fill = p.accent;
    v.selection.stroke = Stroke::new(1.0, p.on_accent);
    let line = p.faint.gamma_multiply(0.35);
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, line);
    v.widgets.noninteractive.bg_fill = p.panel;
    v.widgets.noninteractive.weak_bg_fill = p.panel;
    v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, p.ink);
    v.window_stroke = Stroke::new(1.0, line);
    v
}

/// Sets the window's visuals for a theme.
pub fn apply(ctx: &egui::Context, p: &Palette) {
    let theme = if p.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    ctx.set_visuals_of(theme, visuals(p));
    ctx.set_theme(theme);
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let luminance = |c: Color32| {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_reads_at_wcag_aa_or_better() {
        for theme in Theme::ALL {
            for system_dark in [false, true] {
                let p = palette(theme, system_dark);
                for (what, fg, bg, least) in [
                    ("body text on paper", p.ink, p.paper, 7.0),
                    ("body text on panels", p.ink, p.panel, 7.0),
                    ("secondary text on paper", p.faint, p.paper, 4.5),
                    ("secondary text on panels", p.faint, p.panel, 4.5),
                    ("selected text", p.on_accent, p.accent, 4.5),
                ] {
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= least,
                        "{theme:?}: {what} is {ratio:.2}:1, below {least}:1"
                    );
                }
            }
        }
    }

    #[test]
    fn system_follows_the_system() {
        assert!(palette(Theme::System, true).dark);
        assert!(!palette(Theme::System, false).dark);
        assert_eq!(palette(Theme::Black, false).paper, Color32::BLACK);
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    }
}
