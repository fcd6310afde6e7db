//! Tests of the library pane's own workings: when a growing search may narrow the last one,
//! and how many facet values a refresh puts in order.

use super::narrows;

fn words(q: &str) -> Vec<String> {
    q.split_whitespace().map(str::to_string).collect()
}

#[test]
fn a_growing_query_narrows_and_anything_else_starts_over() {
    assert!(narrows(&words("k"), &words("ka")));
    assert!(narrows(&words("ka"), &words("ka mara")));
    assert!(narrows(&words(""), &words("anything")));
    assert!(
        narrows(&words("ka"), &words("ka")),
        "the same query (reveal, show hidden)"
    );
    assert!(
        !narrows(&words("kal"), &words("ka")),
        "a deleted letter widens the search"
    );
    assert!(!narrows(&words("ka mara"), &words("mara")));
    assert!(!narrows(&words("ka"), &words("k a")));
}

/// Twenty stories; "Tag j" is on the stories from j on, so Tag 0 is on all twenty and
/// Tag 19 on one.
fn tagged_collection() -> crate::collection::Collection {
    let entries = (0..20)
        .map(|i| {
            let tags: Vec<String> = (0..=i).map(|j| format!("Tag {j}")).collect();
            let header = format!("Title: S{i}\nTags: {}\n\nA story.\n", tags.join(", "));
            let name = format!("s{i}.txt");
            let story =
                crate::engine::Story::parse_file(std::path::Path::new(&name), header.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}"));
            let meta = crate::collection::StoryMeta::of(&story);
            crate::collection::Entry::from_parts(name.clone().into(), meta, name, 100, 0)
        })
        .collect();
    crate::collection::Collection {
        root: "s".into(),
        entries,
        ..Default::default()
    }
}

#[test]
fn a_folded_section_orders_its_first_values_and_a_whole_one_all_of_them() {
    use crate::collection::filter::facets::{Facet, facet_slot};
    use crate::collection::reading::{ReadingLog, ReadingState};
    let collection = tagged_collection();
    let reading = ReadingState::in_memory(ReadingLog::default());
    let mut state = super::LibraryState::new();
    state.set_facets_open(true);
    state.sidebar.open.insert(Facet::Tag);
    let filters = crate::collection::filter::Filters::default();
    let refresh = |state: &mut super::LibraryState| {
        state.stale = true;
        let sort = crate::collection::SortKey::Title;
        state.refresh(&collection, reading.log(), reading.lists(), sort, &filters);
        let listing = &state.listings[facet_slot(Facet::Tag)];
        let labels = listing.iter().map(|l| state.facets.label(l.id).to_string());
        labels.collect::<Vec<_>>()
    };
    let expected: Vec<String> = (0..20).map(|j| format!("Tag {j}")).collect();
    let folded = refresh(&mut state);
    assert_eq!(folded.len(), 20, "every value is listed");
    assert_eq!(folded[..8], expected[..8], "the first ones in order");
    assert!(!state.listed_whole.contains(&Facet::Tag));
    state.sidebar.expanded.insert(Facet::Tag);
    let whole = refresh(&mut state);
    assert_eq!(whole, expected, "shown whole: all in order");
    assert!(state.listed_whole.contains(&Facet::Tag));
}

#[test]
fn counts_after_clicks_back_and_forth_are_those_counted_afresh() {
    use crate::collection::filter::Filters;
    use crate::collection::filter::facets::{Facet, Mark, facet_slot};
    use crate::collection::reading::{ReadingLog, ReadingState};
    let collection = tagged_collection();
    let reading = ReadingState::in_memory(ReadingLog::default());
    let listing = |state: &mut super::LibraryState, filters: &Filters| {
        state.stale = true;
        state.set_facets_open(true);
        state.sidebar.open.insert(Facet::Tag);
        let sort = crate::collection::SortKey::Title;
        state.refresh(&collection, reading.log(), reading.lists(), sort, filters);
        let listing = &state.listings[facet_slot(Facet::Tag)];
        let counted = listing
            .iter()
            .map(|l| (state.facets.label(l.id).to_string(), l.count));
        counted.collect::<std::collections::BTreeSet<_>>()
    };
    let mut state = super::LibraryState::new();
    let clicks = [
        Some(("Tag 10", Mark::Included)),
        None,
        Some(("Tag 10", Mark::Included)),
        Some(("Tag 5", Mark::Excluded)),
        Some(("Tag 10", Mark::Included)),
        Some(("Tag 12", Mark::Included)),
        Some(("Tag 10", Mark::Included)),
        None,
    ];
    for click in clicks {
        let mut filters = Filters::default();
        if let Some((tag, mark)) = click {
            filters.facets.set(Facet::Tag, tag, mark);
        }
        let fresh = listing(&mut super::LibraryState::new(), &filters);
        assert_eq!(listing(&mut state, &filters), fresh, "{click:?}");
        assert!(!fresh.is_empty());
        // Clicked while the sidebar is closed: nothing counted then, all of it when opened.
        let mut closed = super::LibraryState::new();
        for other in ["Tag 3", "Tag 10"] {
            let mut before = Filters::default();
            before.facets.set(Facet::Tag, other, Mark::Excluded);
            listing(&mut closed, &before);
        }
        closed.set_facets_open(false);
        closed.stale = true;
        let sort = crate::collection::SortKey::Title;
        closed.refresh(&collection, reading.log(), reading.lists(), sort, &filters);
        closed.set_facets_open(true);
        assert!(closed.stale, "opening the sidebar counts the result");
        assert_eq!(
            listing(&mut closed, &filters),
            fresh,
            "opened after {click:?}"
        );
    }
}
