//! The window's panes as the app lays them out: the library with the selected story's
//! details under it, the reader (or the welcome page) in the middle, and the settings
//! window. Each draws from the app's state and returns what the user asked for as
//! [`Command`]s.

use std::time::Instant;

use egui::Ui;

use super::{FicshelfApp, looks};
use crate::settings::Settings;
use crate::ui::details::editions_ui;
use crate::ui::details::{actions_ui as details_actions_ui, details_ui};
use crate::ui::library::{facets_ui, library_ui};
use crate::ui::parts_bar::parts_bar_ui;
use crate::ui::reader::reader_ui;
use crate::ui::series_bar::series_bar_ui;
use crate::ui::settings_panel::settings_ui;
use crate::ui::status_menus::Marks;
use crate::ui::{Command, chrome};

impl FicshelfApp {
    /// The settings panel; saves and applies what changed.
    pub(super) fn settings_window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let before = self.settings.clone();
        let root = self.collection.root.clone();
        let palette = self.palette(ctx);
        let preview = |ui: &mut Ui, settings: &Settings| {
            let t = looks::page_typography(settings, &palette, ui, ui.available_width());
            crate::ui::settings_panel::preview_ui(ui, &t, palette.paper);
        };
        self.show_settings = settings_ui(ctx, &mut self.settings, &root, preview, commands);
        if self.settings != before {
            if self.settings.filters != before.filters {
                self.filters_changed(&before.filters);
            }
            self.save_settings();
        }
    }

    /// The filter sidebar, right of the library; the library keeps its own width beside it.
    pub(super) fn facets_panel_ui(&mut self, ui: &mut Ui) {
        // Narrower in a small window, so the reader keeps some room beside it.
        // (The window's own size as saved: on the first frame the screen may not be
        // laid out yet.)
        let window_width = self.window.size.map_or(f32::INFINITY, |s| s[0]);
        let narrow = window_width.min(ui.ctx().content_rect().width()) < 1000.0;
        let width = if narrow { 190.0 } else { 230.0 };
        let panel = egui::Panel::left("facets")
            .resizable(true)
            .default_size(self.window.facets_width.unwrap_or(width))
            .size_range(180.0..=420.0)
            .show(ui, |ui| {
                // Counts from the result as it is now (the library may have changed it).
                self.library.refresh(
                    &self.collection,
                    self.reading.log(),
                    self.reading.lists(),
                    self.settings.sort,
                    &self.settings.filters,
                );
                let before = self.settings.filters.clone();
                if facets_ui(ui, &mut self.library, &mut self.settings.filters) {
                    self.filters_changed(&before);
                }
            });
        self.window.facets_width = Some(panel.response.rect.width());
    }

    /// The filters changed (in the sidebar, the settings or from a tag clicked): list
    /// again, judging again only when the rating or warning filters changed, and save.
    pub(super) fn filters_changed(&mut self, before: &crate::collection::filter::Filters) {
        let now = &self.settings.filters;
        let facets_only = crate::collection::filter::Filters {
            facets: now.facets.clone(),
            ..before.clone()
        } == *now;
        if facets_only {
            self.library.stale = true;
        } else {
            self.library.invalidate();
        }
        self.save_settings();
    }

    /// The library on the left, with the selected story's details under it. The details
    /// panel is always there, so selecting a story never moves the rows under the pointer.
    pub(super) fn library_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let mut details_height = None;
        let panel = egui::Panel::left("library")
            .resizable(true)
            .default_size(self.window.library_width.unwrap_or(360.0))
            .size_range(260.0..=640.0)
            .show(ui, |ui| {
                let hide_warnings = self.settings.filters.hide_warnings;
                let (reading, lists) = (self.reading.log(), self.reading.lists());
                let selected = self
                    .library
                    .selected
                    .and_then(|i| self.collection.entries.get(i).map(|e| (i, e)));
                let editions = selected.map_or(&[][..], |(i, _)| self.library.editions.older(i));
                let entries = &self.collection.entries;
                let works = &self.library.works;
                let details = egui::Panel::bottom("details")
                    .resizable(true)
                    .default_size(self.window.details_height.unwrap_or(200.0))
                    .show(ui, |ui| {
                        // The buttons stay in view at the bottom; the details scroll above.
                        let bottom_up = egui::Layout::bottom_up(egui::Align::LEFT);
                        ui.with_layout(bottom_up, |ui| {
                            if let Some((index, _)) = selected {
                                ui.add_space(4.0);
                                details_actions_ui(ui, index, commands);
                                ui.separator();
                            }
                            let top_down = egui::Layout::top_down(egui::Align::LEFT);
                            ui.with_layout(top_down, |ui| {
                                egui::ScrollArea::vertical()
                                    .id_salt("details-scroll")
                                    .auto_shrink(false)
                                    .show(ui, |ui| match selected {
                                        Some((index, entry)) => {
                                            details_ui(
                                                ui,
                                                (index, entry),
                                                (works, entries),
                                                Marks::of(&entry.hash, reading, lists),
                                                hide_warnings,
                                                commands,
                                            );
                                            editions_ui(ui, editions, entries, commands);
                                        }
                                        None => {
                                            ui.add_space(8.0);
                                            ui.label(
                                                egui::RichText::new(
                                                    "Select a story to see its summary and details.",
                                                )
                                                .weak(),
                                            );
                                        }
                                    });
                            });
                        });
                    });
                let sort = self.settings.sort;
                self.library.set_facets_open(!self.window.facets_closed);
                if self.library.group_series != self.settings.group_series {
                    self.library.group_series = self.settings.group_series;
                    self.library.stale = true;
                }
                let Settings {
                    sort: sort_key,
                    filters,
                    ..
                } = &mut self.settings;
                library_ui(
                    ui,
                    &mut self.library,
                    &self.collection,
                    &self.reading,
                    sort_key,
                    filters,
                    commands,
                );
                if self.settings.sort != sort {
                    self.save_settings();
                }
                details_height = Some(details.response.rect.height());
            });
        self.window.library_width = Some(panel.response.rect.width());
        self.window.details_height = details_height.or(self.window.details_height);
    }

    pub(super) fn central_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let t = self.typography(ui, ui.available_width());
        let Some(view) = &mut self.reader else {
            let last = self
                .reading
                .log()
                .stories
                .iter()
                .max_by_key(|(_, r)| r.last_opened_secs)
                .map(|(h, _)| h.clone());
            // A work saved again since goes on in its newest copy.
            let resume = last
                .and_then(|h| self.collection.entries.iter().position(|e| e.hash == h))
                .map(|i| self.library.editions.newest_of(i).unwrap_or(i));
            chrome::welcome_ui(
                ui,
                resume.map(|i| (i, &self.collection.entries[i])),
                commands,
            );
            return;
        };
        // The bar borrows the view. No fingerprint yet (a big story being read): no marks.
        let hash = view.hash.clone().unwrap_or_default();
        let marks = Marks::of(&hash, self.reading.log(), self.reading.lists());
        let files: Vec<chrome::WorkFile> = match self.library.works.place_of(&hash) {
            Some((work, here)) => (work.files.iter().enumerate())
                .filter_map(|(k, &i)| {
                    let name = self.collection.entries.get(i)?.path.file_name()?;
                    let label = format!("Part {}: {}", k + 1, name.to_string_lossy());
                    Some((i, label, k == here))
                })
                .collect(),
            None => Vec::new(),
        };
        let bar = (marks, files.as_slice());
        chrome::reader_bar_ui(ui, view, bar, self.show_library, commands);
        chrome::status_ui(ui, view, self.settings.words_per_minute);
        let series = &self.library.series;
        let filters = &self.settings.filters;
        series_bar_ui(ui, (&hash, filters), series, &self.collection, commands);
        let works = &self.library.works;
        parts_bar_ui(ui, &hash, works, &self.collection, commands);
        // At the end of a part, the key that turns the page goes on into the next file.
        let go_on = view.at_end()
            && !ui.ctx().text_edit_focused()
            && ui.input(|i| {
                (i.key_pressed(egui::Key::Space) && !i.modifiers.shift)
                    || i.key_pressed(egui::Key::PageDown)
            });
        if let Some(next) = works.next(&hash).filter(|_| go_on) {
            commands.push(Command::Open(next));
        }
        let paged = self.settings.reading_mode == crate::settings::ReadingMode::Paged;
        let out = reader_ui(ui, view, &t, paged);
        if let Some((facet, tag)) = out.tag_clicked {
            let include = crate::collection::filter::facets::Mark::Included;
            commands.push(Command::ChooseFacet(facet, tag, include));
        }
        if let Some(place) = out.moved_to
            && let Some(hash) = &view.hash
        {
            self.reading.set_place(hash, place, out.at_end);
            self.unsaved_place.get_or_insert_with(Instant::now);
        }
    }
}
