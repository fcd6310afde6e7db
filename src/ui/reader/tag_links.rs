//! The title page's tags as links: where each tag of a group the filter sidebar knows lies
//! in its laid-out row, so a click on it shows only the works that have it, as AO3's tags do.

use std::ops::Range;

use egui::text::CCursor;
use egui::{Galley, Pos2, Rect};

use crate::collection::filter::facets::Facet;

/// One tag in a row of the work header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLink {
    /// Where the tag is in the row's text, in bytes.
    pub bytes: Range<usize>,
    /// The facet it filters by.
    pub facet: Facet,
    /// The tag as written.
    pub tag: String,
}

impl TagLink {
    /// The same link in a text that gained `shift` bytes before it.
    pub fn shifted(mut self, shift: usize) -> TagLink {
        self.bytes = self.bytes.start + shift..self.bytes.end + shift;
        self
    }

    /// The rectangles the tag covers in `galley` painted at `at`: one, or two when the
    /// row wraps inside it.
    pub fn rects(&self, galley: &Galley, at: Pos2) -> Vec<Rect> {
        let text = galley.text();
        let (Some(before), Some(tag)) =
            (text.get(..self.bytes.start), text.get(self.bytes.clone()))
        else {
            return Vec::new();
        };
        let first = before.chars().count();
        let start = galley.pos_from_cursor(CCursor::new(first));
        // The end with the tag's last character: a wrap right after it stays on its row.
        let last = galley.pos_from_cursor(CCursor {
            prefer_next_row: false,
            ..CCursor::new(first + tag.chars().count())
        });
        let offset = at.to_vec2();
        if (start.min.y - last.min.y).abs() < 0.5 {
            return vec![Rect::from_min_max(start.min, last.max).translate(offset)];
        }
        let right = galley.rect.right();
        vec![
            Rect::from_min_max(start.min, Pos2::new(right, start.max.y)).translate(offset),
            Rect::from_min_max(Pos2::new(galley.rect.left(), last.min.y), last.max)
                .translate(offset),
        ]
    }
}
