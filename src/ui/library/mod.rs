//! The library pane: search, sort, filters, and the list of stories with rating badges,
//! warning markers, length and reading progress. Only the rows on screen are drawn.

mod counting;
mod facets;
mod group_row;
mod grouping;
mod row_actions;
mod row_list;
mod rows;
mod top;

use crate::ui::text_cache::TextCache;
use grouping::Gatherer;
pub use grouping::Row;
use row_list::RowList;

use top::{counts_ui, empty_collection_ui, search_row, unreadable_ui};

pub use facets::{SidebarState, facets_ui};

use std::collections::HashSet;
use std::sync::Arc;

use egui::{Role, Ui, WidgetInfo};

use super::Command;
use crate::collection::editions::Editions;
use crate::collection::filter::facets::{
    Counts, EntrySet, Facet, FacetIndex, Listed, SafetyCounts,
};
use crate::collection::filter::{Filters, HiddenRows, Verdict};
use crate::collection::reading::{ReadingList, ReadingLog, ReadingState};
use crate::collection::search::Query;
use crate::collection::series::SeriesIndex;
use crate::collection::works::{Splits, WorkIndex};
use crate::collection::{Collection, SortFacts, SortKey, filter_and_sort};

/// The library pane's own state: the search, the selection and the rows shown.
#[derive(Debug, Default)]
pub struct LibraryState {
    /// The search text.
    pub query: String,
    /// The selected entry (index into the collection).
    pub selected: Option<usize>,
    /// How many matching stories the filters hide.
    pub hidden_count: usize,
    /// Show hidden stories anyway (until turned off).
    pub show_hidden: bool,
    /// Hidden stories the reader revealed one at a time.
    pub revealed: HashSet<usize>,
    /// The list needs recomputing (search, sort or collection changed).
    pub stale: bool,
    /// Focus the search box next frame (Ctrl+L).
    pub focus_search: bool,
    /// Scroll the selected row into view next frame.
    pub reveal_selected: bool,
    /// The reader's list shown instead of the whole collection, in its own order.
    pub list: Option<i64>,
    /// Every facet's values with how many works in the result (search, list and facets;
    /// not those the rating and warning filters fold away) have them, most first; made
    /// for the facets in [`Self::listed_facets`], empty for the others.
    pub listings: Vec<Vec<Listed>>,
    /// Their ratings and warnings, counted before the filters hide any.
    pub safety_counts: SafetyCounts,
    /// Every facet value in the collection and the ids each entry has.
    pub facets: FacetIndex,
    /// Statuses or lists changed: read them into the facets again.
    pub marks_changed: bool,
    /// The filter sidebar's search and open lists.
    pub sidebar: SidebarState,
    /// Whether the filter sidebar is shown (its button looks pressed); set through
    /// [`LibraryState::set_facets_open`].
    pub facets_open: bool,
    /// The last result was listed while the sidebar was closed, and not counted.
    uncounted: bool,
    /// Show a series as one row (when no list is shown).
    pub group_series: bool,
    /// The series in the collection.
    pub series: SeriesIndex,
    /// The works in several files, and the reader's corrections they were grouped with.
    pub works: WorkIndex,
    pub splits: Splits,
    /// The works saved more than once (a WIP saved again): only the newest is listed.
    pub editions: Editions,
    /// What gathers each entry's row (a work or a series), by entry.
    gatherers: Vec<Gatherer>,
    /// The entries some work or series gathers.
    gathered: EntrySet,
    /// Each series' members that it gathers.
    own_members: Vec<Vec<usize>>,
    /// Series and works opened to list their works or files (by folded name).
    pub open_series: HashSet<String>,
    /// The rows drawn: stories, and series and works gathering theirs (hidden stories
    /// too when they fold to a line); recomputed when `stale`.
    row_list: RowList,
    /// The counts of the works listed, and which those were (by entry).
    counts: Counts,
    counted: Option<EntrySet>,
    /// The result before that, and its counts (a click back is counted from them).
    older: Option<(EntrySet, Counts)>,
    /// How many stories are listed and not folded away (the count above the list).
    pub listed: usize,
    /// The counts of the whole collection, kept until it or the marks change (a click that
    /// lets the last value go comes back to them).
    whole: Option<Counts>,
    /// The facets whose listings were made (those the sidebar shows open).
    pub listed_facets: HashSet<Facet>,
    /// Those whose listings keep [`crate::collection::filter::facets::SORTED_VALUES`] in
    /// order (shown whole).
    pub listed_whole: HashSet<Facet>,
    /// The list's scroll offset last frame.
    scroll_offset: f32,
    /// Every entry in sort order (kept until [`LibraryState::invalidate`]).
    sorted: Arc<Vec<usize>>,
    /// Each entry's place in `sorted` (`u32::MAX` for those a list leaves out).
    place_of: Vec<u32>,
    /// The filters' verdict on every entry, by entry index.
    judged: Vec<Verdict>,
    /// The entries the filters hide, as a set (read once per entry on every click).
    hidden: EntrySet,
    /// The older editions of works saved again, as a set.
    older_editions: EntrySet,
    /// Recent searches' words and the entries (in sort order) that matched them.
    recent: Vec<(Vec<String>, Arc<Vec<usize>>)>,
    /// The rows' text, laid out once and kept while rows come and go.
    texts: TextCache,
}

impl LibraryState {
    /// A fresh pane that will compute its rows on the first frame.
    pub fn new() -> LibraryState {
        LibraryState {
            stale: true,
            ..LibraryState::default()
        }
    }

    /// Recomputes the rows shown if anything changed.
    pub fn refresh(
        &mut self,
        collection: &Collection,
        reading: &ReadingLog,
        lists: &[ReadingList],
        sort: SortKey,
        filters: &Filters,
    ) {
        if !self.stale {
            return;
        }
        self.stale = false;
        let entries = &collection.entries;
        // A list deleted (here or in another window) gives back the whole collection.
        let list = self.list.and_then(|id| lists.iter().find(|l| l.id == id));
        self.list = list.map(|l| l.id);
        // Sorting and judging happen when the collection, sort or filters change, not on
        // every keystroke: a search only filters the sorted list.
        if self.judged.len() != entries.len() {
            self.sorted = Arc::new(match list {
                Some(list) => in_list_order(collection, list),
                None => filter_and_sort(entries, "", sort, sort_facts(reading, lists)),
            });
            self.place_of = vec![u32::MAX; entries.len()];
            for (place, &e) in self.sorted.iter().enumerate() {
                self.place_of[e] = place as u32;
            }
            self.judged = entries.iter().map(|e| filters.judge(&e.meta)).collect();
            let hidden = self
                .judged
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_hidden());
            self.hidden = EntrySet::of(entries.len(), hidden.map(|(i, _)| i));
            self.recent.clear();
        }
        // Facet values and series are indexed once per collection, not on every sort.
        if self.facets.len() != entries.len() {
            self.facets = FacetIndex::build(entries);
            self.editions = Editions::build(entries, &collection.grown);
            let older = |i: usize| self.editions.is_older(i);
            let olders = (0..entries.len()).filter(|&i| older(i));
            self.older_editions = EntrySet::of(entries.len(), olders);
            self.series = SeriesIndex::build_skipping(entries, older);
            self.works = WorkIndex::build(entries, &self.splits);
            self.gatherers = Gatherer::of_all(entries.len(), (&self.series, &self.works));
            self.gathered = Gatherer::gathered(&self.gatherers);
            self.own_members = Gatherer::own_members(&self.gatherers, &self.series);
            self.marks_changed = true;
        }
        if std::mem::take(&mut self.marks_changed) {
            // The works' ids change: no count made before can be brought up to date.
            (self.whole, self.counted, self.older) = (None, None, None);
            self.facets
                .mark(entries, |e| reading.status(&e.hash), lists);
        }
        // While the query only grows ("k", "ka", "kal"), its matches are among those of a
        // recent search: search those instead of the whole collection. A query searched a
        // moment ago (after a backspace) is remembered exactly, and read where it is kept.
        let query = Query::new(&self.query);
        let words = query.words();
        let remembered = self.recent.iter().rposition(|(old, _)| old == words);
        let fresh: Option<Arc<Vec<usize>>> = remembered.is_none().then(|| {
            let base = match self
                .recent
                .iter()
                .rev()
                .find(|(old, _)| narrows(old, words))
            {
                Some((_, matches)) => matches.as_slice(),
                None => self.sorted.as_slice(),
            };
            Arc::new(
                base.iter()
                    .copied()
                    .filter(|&i| entries[i].matches(&query))
                    .collect(),
            )
        });
        let matches: Arc<Vec<usize>> = match (&fresh, remembered) {
            (Some(fresh), _) => fresh.clone(),
            (None, Some(at)) => self.recent[at].1.clone(),
            (None, None) => Arc::default(),
        };
        // The chosen facets narrow the search's matches, as the search narrows the list.
        // As sets: the entries of the included values less those of the excluded ones.
        let admitted = (!filters.facets.is_empty())
            .then(|| self.facets.resolve(&filters.facets).admitted(&self.facets));
        let admits = |i: usize| admitted.as_ref().is_none_or(|a| a.contains(i));
        // The result as a set, for the rating and warning counts: when the search and
        // the list leave every work in, it is the facets' set itself.
        let whole = list.is_none() && matches.len() == entries.len();
        let in_result = match admitted {
            Some(ref admitted) if whole => admitted.clone(),
            None if whole => EntrySet::full(entries.len()),
            _ => EntrySet::of(
                entries.len(),
                matches.iter().copied().filter(|&i| admits(i)),
            ),
        };
        // As sets, a word of 64 entries at a time: the works listed (an older edition of
        // a work is listed in the newest one's details, not here, though a list the reader
        // ordered keeps what they put in it), those the filters hide, and those counted
        // (listed and not folded away).
        let mut base = in_result.clone();
        if list.is_none() {
            base.keep_not(&self.older_editions);
        }
        let mut hidden = base.clone();
        hidden.keep(&self.hidden);
        self.hidden_count = hidden.count();
        let mut visible = base.clone();
        if !self.show_hidden {
            visible.keep_not(&hidden);
            for &r in self.revealed.iter().filter(|&&r| hidden.contains(r)) {
                visible.insert(r);
            }
        }
        let collapse = filters.hidden_rows == HiddenRows::Collapse;
        let listed = if self.show_hidden || collapse {
            base
        } else {
            visible.clone()
        };
        // Then the rows, as the places in the sorted list that lead one: a search's
        // matches and a click's result are in that order, and each entry's place in it is
        // kept, so the rows follow from the works listed (or from those left out).
        let place_of = (self.place_of.len() == entries.len()).then_some(&self.place_of[..]);
        let order = match place_of {
            Some(_) => self.sorted.clone(),
            None => matches.clone(),
        };
        let grouped =
            (self.group_series && list.is_none()).then(|| (self.groups(), &self.open_series));
        let row_list = RowList::build(order, listed, place_of, grouped);
        self.row_list = row_list;
        if let Some(fresh) = fresh {
            if self.recent.len() == RECENT_QUERIES {
                self.recent.remove(0);
            }
            self.recent.push((words.to_vec(), fresh));
        }
        // Counts within the current result, for the sidebar (while it is closed, a search
        // or a click counts nothing: it is counted when opened): the works listed (not
        // those folded away); the ratings and warnings before the filters, so a reader
        // sees what they hide.
        self.uncounted = !self.facets_open;
        if self.uncounted {
            self.listed = visible.count();
            return;
        }
        self.count_facets(visible, filters.facets.chosen());
        self.safety_counts = self.facets.safety_in(&in_result);
    }

    /// Shows or hides the filter sidebar; one opened after results went uncounted has
    /// them counted before it is drawn.
    pub fn set_facets_open(&mut self, open: bool) {
        self.stale |= open && !self.facets_open && self.uncounted;
        self.facets_open = open;
    }

    /// True when some work listed has a value of this facet.
    pub fn has_values(&self, facet: Facet) -> bool {
        self.counts.any(facet)
    }

    /// Statuses or lists changed: count them again.
    pub fn marks_changed(&mut self) {
        self.marks_changed = true;
        self.stale = true;
    }

    /// The collection changed (a scan, an import, the Trash, the folder watch): index its
    /// facets and series again, sort and judge again.
    pub fn collection_changed(&mut self) {
        self.facets = FacetIndex::default();
        self.invalidate();
    }

    /// The sort or the filters changed: sort and judge again.
    pub fn invalidate(&mut self) {
        self.stale = true;
        self.sorted = Arc::default();
        self.judged.clear();
        self.recent.clear();
    }

    /// The filters' verdict on a listed row.
    pub fn verdict(&self, row: usize) -> &Verdict {
        &self.judged[self.shown()[row]]
    }

    /// True when this entry is folded away by the filters.
    fn folded_entry(&self, entry: usize) -> bool {
        self.judged[entry].is_hidden() && !self.show_hidden && !self.revealed.contains(&entry)
    }

    /// Opens a folded series' or work's row (by its key), or folds an open one.
    pub(super) fn toggle_open(&mut self, key: String) {
        if !self.open_series.remove(&key) {
            self.open_series.insert(key);
        }
        self.stale = true;
    }

    /// Moves the selection by `delta` rows among the stories drawn.
    fn step(&mut self, delta: isize) -> Option<usize> {
        // The stories drawn: not those folded under a closed series' row.
        let drawn: Vec<usize> = self.rows().iter().filter_map(Row::entry).collect();
        let pos = self
            .selected
            .and_then(|s| drawn.iter().position(|&i| i == s));
        let next = match pos {
            None => 0,
            Some(p) => (p as isize + delta).clamp(0, drawn.len() as isize - 1) as usize,
        };
        let entry = *drawn.get(next)?;
        self.reveal_selected = true;
        Some(entry)
    }
}

/// What sorting needs from the reading state, for each entry.
fn sort_facts<'a>(
    reading: &'a ReadingLog,
    lists: &[ReadingList],
) -> impl Fn(&crate::collection::Entry) -> SortFacts + 'a {
    let mut places: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for (l, list) in lists.iter().enumerate() {
        for (p, hash) in list.items.iter().enumerate() {
            places.entry(hash.clone()).or_insert((l, p));
        }
    }
    move |e| SortFacts {
        last_read_secs: reading.last_opened(&e.hash),
        status: reading.status(&e.hash),
        list_place: places.get(&e.hash).copied(),
    }
}

/// The entries of a list, in its order (works not in the collection now are left out).
fn in_list_order(collection: &Collection, list: &ReadingList) -> Vec<usize> {
    let by_hash: std::collections::HashMap<&str, usize> = collection
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.hash.as_str(), i))
        .collect();
    list.items
        .iter()
        .filter_map(|h| by_hash.get(h.as_str()).copied())
        .collect()
}

/// How many recent searches keep their matches.
const RECENT_QUERIES: usize = 16;

/// True when every story matching `new` also matches `old`: each old word lies within some
/// new word (the query grew by typing), so the new matches are among the old ones.
fn narrows(old: &[String], new: &[String]) -> bool {
    old.iter()
        .all(|o| new.iter().any(|n| n.contains(o.as_str())))
}

/// The library pane.
pub fn library_ui(
    ui: &mut Ui,
    state: &mut LibraryState,
    collection: &Collection,
    reading: &ReadingState,
    sort: &mut SortKey,
    filters: &Filters,
    commands: &mut Vec<Command>,
) {
    let facets_open = state.facets_open;
    ui.horizontal(|ui| {
        ui.heading("Library");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let chosen = filters.facets.chosen();
            let text = match chosen {
                0 => "Filters".to_string(),
                n => format!("Filters ({n})"),
            };
            let toggle = ui
                .selectable_label(facets_open, text)
                .on_hover_text("Show or hide the filter sidebar: tags, fandoms, ratings (F8)");
            toggle.widget_info(|| {
                WidgetInfo::selected(Role::Button, true, facets_open, "Filter sidebar")
            });
            if toggle.clicked() {
                commands.push(Command::ToggleFacets);
            }
            if ui
                .button("Import…")
                .on_hover_text("Add story files to your collection (Ctrl+O)")
                .clicked()
            {
                commands.push(Command::PickImport);
            }
            if ui
                .button("Settings")
                .on_hover_text("Typography, themes and how hidden stories show (Ctrl+,)")
                .clicked()
            {
                commands.push(Command::OpenSettings);
            }
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts (F1)").clicked() {
                    commands.push(Command::ShowShortcuts);
                }
                if ui.button("About Ficshelf").clicked() {
                    commands.push(Command::ShowAbout);
                }
            });
        });
    });
    let lists = reading.lists();
    search_row(ui, state, sort, lists, commands);
    state.refresh(collection, reading.log(), lists, *sort, filters);
    ui.add_space(4.0);
    counts_ui(ui, collection, state, commands);
    unreadable_ui(ui, collection);
    ui.separator();
    if collection.entries.is_empty() {
        empty_collection_ui(ui, commands);
        return;
    }
    if state.row_list.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.label(format!(
                "No stories match \u{201c}{}\u{201d}.",
                state.query.trim()
            ));
            if ui.button("Clear search").clicked() {
                state.query.clear();
                state.stale = true;
            }
        });
        return;
    }
    let context = rows::Context {
        reading: reading.log(),
        lists,
        hide_warnings: filters.hide_warnings,
    };
    rows::rows_ui(ui, state, collection, context, commands);
}

#[cfg(test)]
mod tests;
