//! Counting the facet values of the works listed after every change of the result, at
//! 10,000 works within a frame: from the whole collection's counts, or from the nearer of
//! the last two results by the works that left and joined (a value included, let go and
//! included again costs no count), or afresh when that is less work; then the listings of
//! the facets the sidebar shows, with only the values it draws put in order.

use super::LibraryState;
use crate::collection::filter::facets::{Counts, EntrySet, Facet, SORTED_VALUES};

impl LibraryState {
    /// Counts the facet values of the works listed: from the whole collection's counts
    /// when nothing narrows it, by the difference when a click took a few works out or put
    /// a few back, else afresh; then lists the facets the sidebar shows.
    pub(super) fn count_facets(&mut self, now_in: EntrySet, chosen: usize) {
        let facets = &self.facets;
        let entries = now_in.capacity();
        let visible = now_in.count();
        self.listed = visible;
        let fits = |(set, _): &(EntrySet, Counts)| set.capacity() == entries;
        let counts = std::mem::take(&mut self.counts);
        let current = self.counted.take().map(|set| (set, counts)).filter(fits);
        let older = self.older.take().filter(fits);
        if visible == entries {
            let whole = self.whole.get_or_insert_with(|| facets.count(0..entries));
            self.counts = whole.clone();
            self.older = current.or(older); // a click back comes to it
        } else {
            // From whichever of the last two results is nearer (a value included and let
            // go, then included again), unless counting afresh is less work.
            let apart = |c: &Option<(EntrySet, Counts)>| {
                c.as_ref()
                    .map_or(usize::MAX, |(s, _)| s.count_differing(&now_in))
            };
            let (to_older, to_current) = (apart(&older), apart(&current));
            let (near, spare, apart) = match to_older < to_current {
                true => (older, current, to_older),
                false => (current, older, to_current),
            };
            match near {
                Some((set, mut counts)) if apart < visible => {
                    let (left, joined) = (set.but_not_in(&now_in), now_in.but_not_in(&set));
                    facets.recount(&mut counts, left, joined);
                    (self.counts, self.older) = (counts, spare);
                }
                near => {
                    self.counts = facets.count(now_in.iter());
                    self.older = near.or(spare);
                }
            }
        }
        self.counted = Some(now_in);
        let all = !self.sidebar.search.trim().is_empty();
        self.listed_facets = Facet::ALL
            .into_iter()
            .filter(|f| all || self.sidebar.open.contains(f))
            .collect();
        // A folded section draws its first few values and the chosen ones: only those
        // are put in order, unless it is shown whole.
        let expanded = &self.sidebar.expanded;
        let whole = |f: &Facet| all || expanded.contains(f);
        self.listed_whole = self.listed_facets.iter().copied().filter(whole).collect();
        let first = |f: &Facet| match whole(f) {
            true => SORTED_VALUES,
            false => super::facets::FIRST_VALUES + chosen,
        };
        self.listings = Facet::ALL
            .iter()
            .map(|f| match self.listed_facets.contains(f) {
                true => self.facets.listing_first(*f, &self.counts, first(f)),
                false => Vec::new(),
            })
            .collect();
    }
}
