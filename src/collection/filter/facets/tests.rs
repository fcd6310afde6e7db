//! Tests of facets: matching, choosing, filtering and counting.

use super::*;
use crate::engine::Story;

/// An entry read from a text header.
fn entry(name: &str, header: &str) -> Entry {
    let text = format!("{header}\n\nThe story begins here, and it goes on for a while.\n");
    let story = Story::parse_file(std::path::Path::new(name), text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let meta = StoryMeta::of(&story);
    Entry::from_parts(name.into(), meta, name.to_string(), 100, 0)
}

fn shelf() -> Vec<Entry> {
    vec![
        entry(
            "a.txt",
            "Title: A\nAuthor: Wren\nFandom: Saltmarsh\nPairing: Buffy Summers/Spike\nTags: Fluff, Slow Burn",
        ),
        entry(
            "b.txt",
            "Title: B\nAuthor: wren\nFandom: saltmarsh,  Harbour\nPairing: Spike/Buffy Summers\nTags: Angst",
        ),
        entry(
            "c.txt",
            "Title: C\nAuthor: Ansel\nFandom: Harbour\nPairing: S/W\nTags: slow  burn",
        ),
    ]
}

/// A facet's listing as `(label, count)`.
fn listed(index: &FacetIndex, facet: Facet, counts: &Counts) -> Vec<(String, usize)> {
    let listing = index.listing(facet, counts);
    listing
        .iter()
        .map(|l| (index.label(l.id).to_string(), l.count))
        .collect()
}

fn pair(label: &str, count: usize) -> (String, usize) {
    (label.to_string(), count)
}

/// The titles a choice admits, found both ways: entry by entry, and as a set (the way
/// the library filters); the two must agree.
fn admitted(index: &FacetIndex, entries: &[Entry], choice: &Choice) -> Vec<String> {
    let resolved = index.resolve(choice);
    let one_by_one: Vec<usize> = (0..entries.len())
        .filter(|&i| resolved.admits(index, i))
        .collect();
    let as_set: Vec<usize> = resolved.admitted(index).iter().collect();
    assert_eq!(as_set, one_by_one, "the set and the entry-by-entry filter");
    let titles = one_by_one.iter().map(|&i| entries[i].meta.title.clone());
    titles.collect()
}

#[test]
fn values_match_without_case_or_spacing_but_keep_their_order_and_shorthand() {
    assert_eq!(normalise("  Slow   Burn "), "slow burn");
    assert_eq!(normalise("Buffy / Spike"), normalise("buffy/spike"));
    assert_ne!(
        normalise("Buffy Summers/Spike"),
        normalise("Spike/Buffy Summers")
    );
    assert_eq!(normalise("S/W"), "s/w");
    let entries = shelf();
    let index = FacetIndex::build(&entries);
    let counts = index.count(0..entries.len());
    assert_eq!(
        listed(&index, Facet::Tag, &counts),
        [pair("Slow Burn", 2), pair("Angst", 1), pair("Fluff", 1)]
    );
    let pairs: Vec<String> = listed(&index, Facet::Relationship, &counts)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(pairs, ["Buffy Summers/Spike", "S/W", "Spike/Buffy Summers"]);
    assert_eq!(listed(&index, Facet::Author, &counts)[0], pair("Wren", 2));
    let safety = index.safety(0..entries.len());
    assert_eq!(safety.rating(crate::engine::RatingLevel::NotRated), 3);
    assert_eq!(
        index
            .safety(1..2)
            .rating(crate::engine::RatingLevel::NotRated),
        1
    );
}

#[test]
fn included_values_all_apply_and_any_excluded_value_leaves_a_work_out() {
    let entries = shelf();
    let index = FacetIndex::build(&entries);
    let mut choice = Choice::default();
    choice.set(Facet::Fandom, "SALTMARSH", Mark::Included);
    assert_eq!(admitted(&index, &entries, &choice), ["A", "B"]);
    choice.set(Facet::Fandom, "Harbour", Mark::Included);
    assert_eq!(
        admitted(&index, &entries, &choice),
        ["B"],
        "AND within include"
    );
    let mut choice = Choice::default();
    choice.set(Facet::Tag, "angst", Mark::Excluded);
    choice.set(Facet::Tag, "fluff", Mark::Excluded);
    assert_eq!(
        admitted(&index, &entries, &choice),
        ["C"],
        "any-match exclude"
    );
    let mut choice = Choice::default();
    choice.set(Facet::Tag, "Not a tag anywhere", Mark::Included);
    assert!(admitted(&index, &entries, &choice).is_empty());
    let mut choice = Choice::default();
    choice.set(Facet::Tag, "Not a tag anywhere", Mark::Excluded);
    assert_eq!(admitted(&index, &entries, &choice).len(), 3);
    choice.min_words = Some(1_000);
    assert!(admitted(&index, &entries, &choice).is_empty());
}

#[test]
fn a_click_cycles_through_include_exclude_and_off() {
    let mut choice = Choice::default();
    choice.cycle(Facet::Fandom, "Saltmarsh");
    assert_eq!(choice.mark(Facet::Fandom, "saltmarsh"), Mark::Included);
    assert_eq!(choice.mark(Facet::Tag, "saltmarsh"), Mark::Off, "per facet");
    choice.cycle(Facet::Fandom, "saltmarsh ");
    assert_eq!(choice.mark(Facet::Fandom, "Saltmarsh"), Mark::Excluded);
    assert_eq!(choice.include.len() + choice.exclude.len(), 1);
    choice.cycle(Facet::Fandom, "Saltmarsh");
    assert!(choice.is_empty());
}

#[test]
fn statuses_and_lists_are_facets_too() {
    let entries = shelf();
    let mut index = FacetIndex::build(&entries);
    let list = ReadingList {
        id: 1,
        name: "To read".into(),
        items: vec!["c.txt".into()],
    };
    let status = |e: &Entry| {
        if e.hash == "a.txt" {
            Status::Finished
        } else {
            Status::Unread
        }
    };
    index.mark(&entries, status, &[list]);
    let counts = index.count(0..entries.len());
    assert_eq!(
        listed(&index, Facet::Status, &counts),
        [pair("Unread", 2), pair("Finished", 1)]
    );
    let mut choice = Choice::default();
    choice.set(Facet::List, "to read", Mark::Included);
    assert_eq!(admitted(&index, &entries, &choice), ["C"]);
    choice.set(Facet::Status, "Unread", Mark::Excluded);
    assert!(admitted(&index, &entries, &choice).is_empty());
}

#[test]
fn choices_survive_settings_text() {
    let mut choice = Choice::default();
    choice.set(Facet::Fandom, "Saltmarsh", Mark::Included);
    choice.set(Facet::Tag, "Angst", Mark::Excluded);
    choice.max_words = Some(5_000);
    let text = ron::to_string(&choice).unwrap_or_default();
    let back: Choice = ron::from_str(&text).unwrap_or_default();
    assert_eq!(back, choice);
    let old: Choice =
        ron::from_str("(include: [(facet: Fandom, value: \"X\")])").unwrap_or_default();
    assert_eq!(old.include.len(), 1, "missing fields take their defaults");
}

#[test]
fn counts_brought_up_to_date_match_counts_made_afresh() {
    let entries = shelf();
    let index = FacetIndex::build(&entries);
    let mut counts = index.count([0, 1].into_iter());
    // B leaves, C joins.
    index.recount(&mut counts, [1].into_iter(), [2].into_iter());
    let fresh = index.count([0, 2].into_iter());
    for facet in Facet::ALL {
        assert_eq!(
            listed(&index, facet, &counts),
            listed(&index, facet, &fresh),
            "{facet:?}"
        );
        assert_eq!(counts.any(facet), fresh.any(facet), "{facet:?}");
    }
    assert!(!counts.any(Facet::Status), "no statuses read yet");
}

#[test]
fn entry_sets_hold_what_was_put_in_and_tell_differences() {
    let full = EntrySet::full(130);
    assert_eq!(full.count(), 130, "no bit past the last entry");
    assert!(full.contains(129) && !full.contains(130));
    let some = EntrySet::of(130, [0, 63, 64, 129, 500]);
    assert_eq!(some.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
    let other = EntrySet::of(130, [63, 100]);
    assert_eq!(some.but_not_in(&other).collect::<Vec<_>>(), [0, 64, 129]);
    assert_eq!(other.but_not_in(&some).collect::<Vec<_>>(), [100]);
    assert_eq!(some.count_differing(&other), 4);
    assert_eq!(some.count_both(&other), 1);
    let mut kept = some.clone();
    kept.keep(&other);
    assert_eq!(kept.iter().collect::<Vec<_>>(), [63]);
    kept.remove(63);
    assert_eq!(kept.count(), 0);
    assert_eq!(EntrySet::full(128).count(), 128);
    // The n-th entry in, and how many come before one, across empty words.
    let sparse = EntrySet::of(300, [3, 70, 71, 250, 299]);
    let before = sparse.counts_before();
    let nth: Vec<_> = (0..6).map(|n| sparse.nth(&before, n)).collect();
    assert_eq!(
        nth,
        [Some(3), Some(70), Some(71), Some(250), Some(299), None]
    );
    let ranks: Vec<_> = [3, 70, 71, 250, 299]
        .map(|e| sparse.rank(&before, e))
        .to_vec();
    assert_eq!(ranks, [0, 1, 2, 3, 4]);
    assert_eq!(sparse.rank(&before, 200), 3);
}

#[test]
fn ratings_and_warnings_counted_from_sets_match_those_counted_one_by_one() {
    let mut entries = shelf();
    entries.push(entry(
        "d.txt",
        "Title: D\nRating: Explicit\nWarnings: Major Character Death, Graphic Depictions Of Violence",
    ));
    entries.push(entry(
        "e.txt",
        "Title: E\nRating: Teen\nWarnings: Major Character Death",
    ));
    let index = FacetIndex::build(&entries);
    for subset in [vec![0, 1, 2, 3, 4], vec![3, 4], vec![1, 4], vec![]] {
        let set = EntrySet::of(entries.len(), subset.iter().copied());
        assert_eq!(
            index.safety_in(&set),
            index.safety(subset.iter().copied()),
            "{subset:?}"
        );
    }
    let both = index.safety_in(&EntrySet::of(entries.len(), [3, 4]));
    assert_eq!(both.rating(crate::engine::RatingLevel::Explicit), 1);
    assert_eq!(
        both.warning(crate::engine::WarningCategory::CharacterDeath),
        2,
        "the counts are not all zero"
    );
}

#[test]
fn a_folded_listing_puts_the_same_first_values_in_order_and_keeps_the_rest() {
    // Forty works with tags of many counts and ties: tag k is on works k..40.
    let entries: Vec<Entry> = (0..40)
        .map(|i| {
            let tags: Vec<String> = (0..=i)
                .map(|k| format!("Tag {:02}", (k * 7) % 40))
                .collect();
            let header = format!("Title: W{i}\nTags: {}", tags.join(", "));
            entry(&format!("w{i}.txt"), &header)
        })
        .collect();
    let index = FacetIndex::build(&entries);
    let counts = index.count(0..entries.len());
    let whole = index.listing(Facet::Tag, &counts);
    for first in [1, 3, 8, 12] {
        let folded = index.listing_first(Facet::Tag, &counts, first);
        assert_eq!(
            folded[..first],
            whole[..first],
            "the first {first} in order"
        );
        let mut rest: Vec<u32> = folded.iter().map(|l| l.id).collect();
        let mut all: Vec<u32> = whole.iter().map(|l| l.id).collect();
        rest.sort_unstable();
        all.sort_unstable();
        assert_eq!(rest, all, "every value still listed once");
    }
}
