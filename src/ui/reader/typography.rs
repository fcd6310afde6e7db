//! How story text is set: sizes, spacing, colours, and the layout jobs for each kind of
//! block. Everything the reader draws goes through here, so a change of size or column
//! width changes every block the same way.

use egui::epaint::text::ByteIndex;
use egui::text::{LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontFamily, FontId, Stroke};
use std::ops::Range;

use crate::engine::{BlockKind, Inline, Span};
use crate::ui::fonts;

/// Sizes and colours for one frame of the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Typography {
    /// Body text size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Space after a paragraph, as a multiple of the size.
    pub paragraph_gap: f32,
    /// The width of the text column in points.
    pub column: f32,
    /// The face of body text.
    pub family: FontFamily,
    /// The face of headings.
    pub heading_family: FontFamily,
    /// Justify paragraphs.
    pub justify: bool,
    /// Indent the first line of paragraphs.
    pub indent: bool,
    /// Keep warnings off the title page (no spoilers).
    pub spoiler_free: bool,
    /// Body text colour.
    pub ink: Color32,
    /// Quieter text (notes, the ending, the status line).
    pub faint: Color32,
    /// Background of a find match.
    pub highlight: Color32,
    /// Background of the current find match.
    pub current_highlight: Color32,
    /// Links in the story (shown, never fetched).
    pub link: Color32,
    /// Show authors' notes; without, they take no space and are not drawn.
    pub show_notes: bool,
}

impl Typography {
    /// The height of one line of body text.
    pub fn row(&self) -> f32 {
        self.size * self.line_height
    }

    /// A fingerprint of everything that changes how tall text is: when it changes, every
    /// block's height is estimated again.
    pub fn layout_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let hundredths = |v: f32| (v * 100.0).round() as i64;
        (
            hundredths(self.column),
            hundredths(self.size),
            hundredths(self.line_height),
            hundredths(self.paragraph_gap),
        )
            .hash(&mut h);
        (
            &self.family,
            &self.heading_family,
            self.indent,
            self.justify,
            self.show_notes,
        )
            .hash(&mut h);
        h.finish()
    }

    /// True when blocks of this kind are left out of the page.
    pub fn hides(&self, kind: BlockKind) -> bool {
        kind == BlockKind::Note && !self.show_notes
    }

    /// The body font.
    pub fn font(&self) -> FontId {
        FontId::new(self.size, self.family.clone())
    }

    /// The average width of a character of body text: a column of N characters is N times
    /// this wide.
    pub fn char_width(&self, painter: &egui::Painter) -> f32 {
        const SAMPLE: &str = "The quick brown fox jumps over the lazy dog, and then she said: \u{201c}Well, that was unexpected.\u{201d}";
        let width = painter
            .layout_no_wrap(SAMPLE.to_string(), self.font(), self.ink)
            .size()
            .x;
        (width / SAMPLE.chars().count() as f32).max(1.0)
    }

    /// Space between blocks.
    pub fn gap(&self) -> f32 {
        self.size * self.paragraph_gap
    }

    /// Height of a scene-break ornament.
    pub fn ornament_height(&self) -> f32 {
        self.row() * 2.5
    }

    /// The left indent of verse lines.
    pub fn verse_indent(&self) -> f32 {
        self.size * 2.0
    }

    /// The text format for a kind of block.
    pub fn format(&self, kind: BlockKind) -> TextFormat {
        let (size, color) = match kind {
            BlockKind::Heading => (self.size * 1.45, self.ink),
            BlockKind::Note => (self.size * 0.85, self.faint),
            BlockKind::Ending | BlockKind::Image => (self.size * 0.95, self.faint),
            _ => (self.size, self.ink),
        };
        let family = if kind == BlockKind::Heading {
            self.heading_family.clone()
        } else {
            self.family.clone()
        };
        TextFormat {
            font_id: FontId::new(size, family),
            color,
            line_height: Some(size * self.line_height),
            ..TextFormat::default()
        }
    }

    /// The wrap width of a block's text.
    pub fn wrap_width(&self, kind: BlockKind) -> f32 {
        match kind {
            BlockKind::Verse => (self.column - self.verse_indent()).max(40.0),
            BlockKind::Note => (self.column - self.size).max(40.0),
            BlockKind::Quote => (self.column - self.quote_indent() * 2.0).max(40.0),
            BlockKind::ListItem => (self.column - self.item_indent()).max(40.0),
            BlockKind::Image => (self.column - self.size * 2.0).max(40.0),
            _ => self.column,
        }
    }

    /// How far a block quote is set in, on both sides.
    pub fn quote_indent(&self) -> f32 {
        self.size * 2.0
    }

    /// How far a list item's text is set in (its bullet or number hangs in the gap).
    pub fn item_indent(&self) -> f32 {
        self.size * 1.5
    }

    /// The text format of a styled run of a block whose own format is `base`: italic and
    /// bold in the face's bundled italic and bold (else slanted by the renderer), underline,
    /// strikethrough, links in the link colour and underlined, small caps as smaller
    /// capitals, monospace in egui's monospaced face.
    pub fn styled(&self, base: &TextFormat, style: Inline) -> TextFormat {
        let mut f = base.clone();
        if style.is_plain() {
            return f;
        }
        let (italic, bold) = (style.has(Inline::ITALIC), style.has(Inline::BOLD));
        if style.has(Inline::MONO) {
            f.font_id = FontId::new(f.font_id.size * 0.9, FontFamily::Monospace);
            f.italics = italic;
        } else if italic || bold {
            match fonts::variant(&f.font_id.family, italic, bold) {
                Some((family, slant)) => {
                    f.font_id.family = family;
                    f.italics = slant;
                }
                None => f.italics = italic,
            }
        }
        if style.has(Inline::SMALL_CAPS) {
            f.font_id.size *= 0.82;
        }
        if style.has(Inline::LINK) {
            f.color = self.link;
            f.underline = Stroke::new(1.0, self.link.gamma_multiply(0.6));
        }
        if style.has(Inline::UNDERLINE) {
            f.underline = Stroke::new(1.0, f.color);
        }
        if style.has(Inline::STRIKE) {
            f.strikethrough = Stroke::new(1.0, f.color);
        }
        f
    }

    /// The layout job for a block's text, with its styled runs (`spans`, byte ranges into
    /// `text`) and find matches highlighted; `current` is the match the find bar is on.
    pub fn job(
        &self,
        kind: BlockKind,
        text: &str,
        spans: &[Span],
        matches: &[Range<usize>],
        current: Option<usize>,
    ) -> LayoutJob {
        let format = self.format(kind);
        let mut job = LayoutJob {
            text: text.to_string(),
            wrap: egui::text::TextWrapping::wrap_at_width(self.wrap_width(kind)),
            halign: match kind {
                BlockKind::Heading | BlockKind::Ending | BlockKind::Image => egui::Align::Center,
                _ => egui::Align::LEFT,
            },
            ..LayoutJob::default()
        };
        // Sections run between every start and end of a run or a match.
        let mut cuts: Vec<usize> = vec![0, text.len()];
        let ranges = spans.iter().map(|s| &s.range).chain(matches);
        cuts.extend(ranges.flat_map(|r| [r.start, r.end]));
        cuts.retain(|&c| text.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let (mut si, mut mi) = (0, 0);
        for w in cuts.windows(2) {
            let at = w[0];
            while spans.get(si).is_some_and(|s| s.range.end <= at) {
                si += 1;
            }
            while matches.get(mi).is_some_and(|m| m.end <= at) {
                mi += 1;
            }
            let style = spans
                .get(si)
                .filter(|s| s.range.start <= at)
                .map_or(Inline::PLAIN, |s| s.style);
            let mut f = self.styled(&format, style);
            if matches.get(mi).is_some_and(|m| m.start <= at) {
                f.background = if Some(mi) == current {
                    self.current_highlight
                } else {
                    self.highlight
                };
            }
            if style.has(Inline::SMALL_CAPS) {
                let upper = text[w[0]..w[1]].to_ascii_uppercase();
                job.text.replace_range(w[0]..w[1], &upper);
            }
            job.sections.push(section(w[0]..w[1], f));
        }
        if job.sections.is_empty() {
            job.sections.push(section(0..0, format));
        }
        if kind == BlockKind::Paragraph {
            job.justify = self.justify;
            if self.indent
                && let Some(first) = job.sections.first_mut()
            {
                first.leading_space = self.size * 1.5;
            }
        }
        job
    }

    /// The rule drawn left of an author's note.
    pub fn note_rule(&self) -> Stroke {
        Stroke::new(2.0, self.faint.gamma_multiply(0.5))
    }
}

fn section(byte_range: Range<usize>, format: TextFormat) -> LayoutSection {
    LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(byte_range.start)..ByteIndex(byte_range.end),
        format,
    }
}
