//! The filter sidebar beside the library: the rating and warning filters, and every facet
//! (status, lists, fandoms, relationships, characters, tags, authors, categories, language,
//! complete or not, length) with how many works in the current result have each value.
//! A click includes a value, a second click excludes it, a third lets it go; Alt+click or
//! a right-click excludes at once. It edits the filters in place; the app saves them.

use std::collections::HashSet;

use egui::{Color32, CornerRadius, FontId, Pos2, RichText, Sense, Ui, Vec2, WidgetInfo};

use super::LibraryState;
use crate::collection::filter::Filters;
use crate::collection::filter::facets::{Facet, FacetValue, Listed, Mark, facet_slot, normalise};
use crate::engine::RatingLevel;
use crate::ui::{content_filters, text_cache, thousands};

/// Values listed per facet until "Show all" is clicked.
pub(super) const FIRST_VALUES: usize = 8;
/// Values listed at most per facet (a search finds the rest); listings keep this many
/// in order.
const MOST_VALUES: usize = crate::collection::filter::facets::SORTED_VALUES;
/// Height of one value's row.
const VALUE_HEIGHT: f32 = 20.0;

/// The sidebar's own state: what is typed and which lists are shown whole.
#[derive(Debug, Default)]
pub struct SidebarState {
    /// Text that narrows every facet's values.
    pub search: String,
    /// Facets listed whole.
    pub(super) expanded: HashSet<Facet>,
    /// Facets whose sections are open (their values are listed when the result changes).
    pub open: HashSet<Facet>,
    /// The word bounds and phrases as typed.
    min_words: Option<String>,
    max_words: Option<String>,
    phrases: Option<String>,
}

/// The sidebar. Returns true when the filters changed.
pub fn facets_ui(ui: &mut Ui, library: &mut LibraryState, filters: &mut Filters) -> bool {
    let before = filters.clone();
    ui.horizontal(|ui| {
        ui.heading("Filters");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let chosen = filters.facets.chosen();
            let clear = ui
                .add_enabled(chosen > 0, egui::Button::new("Clear"))
                .on_hover_text(
                    "Let go of every chosen value and length (the rating and warning filters stay)",
                );
            if clear.clicked() {
                filters.facets = Default::default();
                let sidebar = &mut library.sidebar;
                (sidebar.min_words, sidebar.max_words) = (None, None);
            }
        });
    });
    let search = egui::TextEdit::singleline(&mut library.sidebar.search)
        .hint_text("Find a tag, fandom, author\u{2026}")
        .desired_width(f32::INFINITY);
    let search = ui.add(search);
    search.widget_info(|| WidgetInfo::labeled(egui::Role::SearchInput, true, "Find a facet value"));
    if search.changed() {
        library.stale = true; // a search lists every facet
    }
    ui.label(
        RichText::new("Click a value: only works with it; again: none with it")
            .small()
            .weak(),
    );
    ui.add_space(2.0);
    egui::ScrollArea::vertical()
        .id_salt("facets-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let searching = !library.sidebar.search.trim().is_empty();
            for facet in Facet::ALL {
                facet_section_ui(ui, library, filters, facet, searching);
                if facet == Facet::List {
                    rating_section_ui(ui, library, filters);
                    warnings_section_ui(ui, library, filters);
                }
            }
            length_section_ui(ui, library, filters);
        });
    *filters != before
}

/// One facet's values, most common first, chosen ones always listed. The listing is
/// made when the result changes; a frame only walks as far as it draws.
fn facet_section_ui(
    ui: &mut Ui,
    library: &mut LibraryState,
    filters: &mut Filters,
    facet: Facet,
    searching: bool,
) {
    let has_values = library.has_values(facet);
    let listed_already = library.listed_facets.contains(&facet);
    let listed_whole = library.listed_whole.contains(&facet);
    let LibraryState {
        facets,
        listings,
        sidebar,
        stale,
        ..
    } = library;
    let listing: &[Listed] = listings.get(facet_slot(facet)).map_or(&[], Vec::as_slice);
    let choice = &filters.facets;
    // Each chosen value as written, its mark and its id (none when no work has it):
    // values are told apart by id, not by text, in every frame.
    let marked = |values: &[FacetValue], mark: Mark| {
        let values = values.iter().filter(|v| v.facet == facet);
        values
            .map(|v| (v.value.clone(), mark, facets.id_of(facet, &v.value)))
            .collect::<Vec<_>>()
    };
    let mut chosen = marked(&choice.include, Mark::Included);
    chosen.extend(marked(&choice.exclude, Mark::Excluded));
    if !has_values && chosen.is_empty() {
        return; // no work in the result has any: nothing to choose
    }
    let needle = normalise(&sidebar.search);
    let unchosen = |l: &&Listed| {
        !chosen.iter().any(|(_, _, id)| *id == Some(l.id))
            && (!searching || facets.key(l.id).contains(&needle))
    };
    if searching && listed_already && chosen.is_empty() && !listing.iter().any(|l| unchosen(&l)) {
        return;
    }
    let title = match chosen.len() {
        0 => facet.label().to_string(),
        n => format!("{} \u{00b7} {n} chosen", facet.label()),
    };
    let open_first = matches!(facet, Facet::Status | Facet::Fandom) || !chosen.is_empty();
    let mut header = egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(("facet", facet))
        .default_open(open_first);
    if searching {
        header = header.open(Some(true));
    }
    let shown = header.show(ui, |ui| {
        // Chosen values first, even with no work left in the result.
        for (value, mark, id) in &chosen {
            let count = listing
                .iter()
                .find(|l| Some(l.id) == *id)
                .map_or(0, |l| l.count);
            value_ui(ui, filters, (facet, *mark), value, count);
        }
        let whole = searching || sidebar.expanded.contains(&facet);
        let limit = if whole { MOST_VALUES } else { FIRST_VALUES };
        // A search looks past the values kept in order, so it sorts what it finds; so does
        // a section shown whole before its listing is made again with more in order.
        let sort_here = searching || (whole && !listed_whole);
        let mut found: Vec<Listed> = if sort_here {
            listing.iter().filter(unchosen).copied().collect()
        } else {
            listing
                .iter()
                .filter(unchosen)
                .take(limit)
                .copied()
                .collect()
        };
        if sort_here {
            found.sort_unstable_by(|a, b| facets.order(a, b));
        }
        let mut shown = 0;
        for listed in found.iter().take(limit) {
            let value = facets.label(listed.id);
            value_ui(ui, filters, (facet, Mark::Off), value, listed.count);
            shown += 1;
        }
        let rest = if searching {
            found.len() - shown
        } else {
            let listed = |id: &Option<u32>| id.is_some_and(|id| listing.iter().any(|l| l.id == id));
            let chosen_here = chosen.iter().filter(|(_, _, id)| listed(id)).count();
            listing.len() - chosen_here - shown
        };
        if rest > 0 && !whole {
            if ui
                .small_button(format!("Show all {}", rest + shown))
                .clicked()
            {
                sidebar.expanded.insert(facet);
                *stale = true; // listed again with more values in order
            }
        } else if rest > 0 {
            ui.label(
                RichText::new(format!("{rest} more: find them with the box above"))
                    .small()
                    .weak(),
            );
        } else if sidebar.expanded.contains(&facet)
            && !searching
            && ui.small_button("Show fewer").clicked()
        {
            sidebar.expanded.remove(&facet);
        }
    });
    // Values are listed only for open sections: one just opened is listed next frame.
    let open = shown.body_returned.is_some() && !searching;
    let was_open = if open {
        !sidebar.open.insert(facet)
    } else {
        !searching && sidebar.open.remove(&facet)
    };
    if open && (!was_open || !listed_already) {
        *stale = true;
        ui.ctx().request_repaint();
    }
}

/// One value: its mark (as the section found it), its name and its count; a click cycles
/// its mark.
fn value_ui(
    ui: &mut Ui,
    filters: &mut Filters,
    (facet, mark): (Facet, Mark),
    value: &str,
    count: usize,
) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, VALUE_HEIGHT), Sense::click());
    response.widget_info(|| {
        let mut info =
            WidgetInfo::selected(egui::Role::CheckBox, true, mark == Mark::Included, value);
        info.value = Some(count as f64);
        info
    });
    let response = response.on_hover_text(match mark {
        Mark::Off => "Click: only works with this; Alt+click or right-click: none with this",
        Mark::Included => "Click again: none with this",
        Mark::Excluded => "Click: let it go",
    });
    if response.clicked() {
        if ui.input(|i| i.modifiers.alt) {
            filters.facets.set(facet, value, Mark::Excluded);
        } else {
            filters.facets.cycle(facet, value);
        }
    } else if response.secondary_clicked() {
        let next = if mark == Mark::Excluded {
            Mark::Off
        } else {
            Mark::Excluded
        };
        filters.facets.set(facet, value, next);
    }
    if !ui.is_rect_visible(rect) {
        return;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if response.hovered() {
        let fill = visuals.widgets.hovered.weak_bg_fill;
        painter.rect_filled(rect, CornerRadius::same(3), fill);
    }
    // The marks are drawn, not set in type: the interface font may lack a tick.
    let font = FontId::proportional(13.0);
    let y = rect.center().y;
    let c = Pos2::new(rect.left() + 8.0, y);
    match mark {
        Mark::Off => {}
        Mark::Included => {
            let stroke = egui::Stroke::new(2.0, Color32::from_rgb(0x3c, 0x8a, 0x2a));
            let points = vec![
                c + Vec2::new(-4.0, 0.0),
                c + Vec2::new(-1.0, 3.5),
                c + Vec2::new(4.5, -4.0),
            ];
            painter.add(egui::Shape::line(points, stroke));
        }
        Mark::Excluded => {
            let stroke = egui::Stroke::new(2.0, Color32::from_rgb(0xb3, 0x1b, 0x1b));
            painter.line_segment([c + Vec2::new(-4.5, 0.0), c + Vec2::new(4.5, 0.0)], stroke);
        }
    }
    let faint = visuals.weak_text_color();
    let count_text = if mark == Mark::Excluded {
        String::new()
    } else {
        thousands(count)
    };
    let count_w = paint_count(
        &painter,
        Pos2::new(rect.right() - 4.0, y),
        &count_text,
        faint,
    );
    let ink = match mark {
        Mark::Excluded => faint,
        _ => visuals.text_color(),
    };
    let mut job = egui::text::LayoutJob::single_section(
        value.to_string(),
        egui::text::TextFormat {
            font_id: font,
            color: ink,
            strikethrough: if mark == Mark::Excluded {
                egui::Stroke::new(1.0, faint)
            } else {
                egui::Stroke::NONE
            },
            ..Default::default()
        },
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width((width - 30.0 - count_w).max(10.0));
    let galley = painter.layout_job(job);
    let pos = Pos2::new(rect.left() + 18.0, y - galley.size().y / 2.0);
    painter.galley(pos, galley, ink);
}

/// Paints a count right-aligned at `right` (centred on its height) from pieces egui keeps
/// laid out while drawn every frame: a count that changed after a click lays out no new
/// text (a galley per number would, for every value drawn). Returns its width.
fn paint_count(painter: &egui::Painter, right: Pos2, text: &str, color: Color32) -> f32 {
    let pieces = text_cache::pieces(painter, text, &FontId::proportional(11.5), color);
    let width: f32 = pieces.iter().map(|g| g.size().x).sum();
    text_cache::paint_pieces(painter, Pos2::new(right.x - width, right.y), pieces, color)
}

/// The highest rating shown and unrated works, with how many works have each rating.
fn rating_section_ui(ui: &mut Ui, library: &LibraryState, filters: &mut Filters) {
    let counts = &library.safety_counts;
    egui::CollapsingHeader::new(RichText::new("Rating").strong())
        .id_salt("facet-rating")
        .default_open(true)
        .show(ui, |ui| {
            content_filters::rating_ui(ui, filters, "max-rating");
            let per_level: Vec<String> = RatingLevel::ALL
                .iter()
                .filter(|&&l| counts.rating(l) > 0)
                .map(|&l| format!("{} {}", l.short(), thousands(counts.rating(l))))
                .collect();
            // Each level apart, its count drawn from digits: no text laid out on a click.
            ui.horizontal_wrapped(|ui| {
                let font = egui::TextStyle::Body.resolve(ui.style());
                let faint = ui.visuals().weak_text_color();
                ui.spacing_mut().item_spacing.x = 0.0;
                // The dot ends a level, so a line that wraps starts with one.
                let last = per_level.len().saturating_sub(1);
                for (i, text) in per_level.iter().enumerate() {
                    let text = match i == last {
                        true => text.clone(),
                        false => format!("{text} \u{00b7} "),
                    };
                    text_cache::counted_label(ui, &text, font.clone(), faint)
                        .on_hover_text("Works in the result with this rating");
                }
            });
        });
}

/// The warning categories and words that hide works, with how many works warn of each.
fn warnings_section_ui(ui: &mut Ui, library: &mut LibraryState, filters: &mut Filters) {
    let counts = library.safety_counts.clone();
    let sidebar = &mut library.sidebar;
    egui::CollapsingHeader::new(RichText::new("Warnings").strong())
        .id_salt("facet-warnings")
        .default_open(true)
        .show(ui, |ui| {
            content_filters::warnings_ui(ui, filters, Some(&counts));
            content_filters::phrases_ui(ui, filters, &mut sidebar.phrases);
        });
}

/// Least and most words.
fn length_section_ui(ui: &mut Ui, library: &mut LibraryState, filters: &mut Filters) {
    let sidebar = &mut library.sidebar;
    egui::CollapsingHeader::new(RichText::new("Word count").strong())
        .id_salt("facet-words")
        .default_open(filters.facets.min_words.is_some() || filters.facets.max_words.is_some())
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let bounds = [
                    (
                        "From",
                        &mut sidebar.min_words,
                        &mut filters.facets.min_words,
                    ),
                    ("to", &mut sidebar.max_words, &mut filters.facets.max_words),
                ];
                for (name, typed, bound) in bounds {
                    let label = ui.label(name);
                    let text = typed
                        .get_or_insert_with(|| bound.map(|n| n.to_string()).unwrap_or_default());
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(text)
                                .hint_text("any")
                                .desired_width(64.0),
                        )
                        .labelled_by(label.id);
                    if edit.changed() {
                        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                        *bound = digits.parse().ok();
                    }
                }
                ui.label("words");
            });
        });
}
