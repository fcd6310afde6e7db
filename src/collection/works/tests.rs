//! Tests of works: part markers and the grouping of files into works.

use super::*;
use crate::collection::StoryMeta;
use crate::engine::Story;

fn entry(path: &str, header: &str) -> Entry {
    let text = format!("{header}\n\nThe story goes on, part by part, for a while.\n");
    let story = Story::parse_file(std::path::Path::new(path), text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    Entry::from_parts(path.into(), StoryMeta::of(&story), path.into(), 1, 0)
}

fn mark(base: &str, number: u32, total: Option<u32>) -> Option<PartMarker> {
    Some(PartMarker {
        base: base.into(),
        number,
        total,
    })
}

#[test]
fn part_markers_in_titles_and_file_names() {
    assert_eq!(title_marker("Low Tide (3/7)"), mark("Low Tide", 3, Some(7)));
    assert_eq!(title_marker("Low Tide [3/7]"), mark("Low Tide", 3, Some(7)));
    assert_eq!(
        title_marker("Low Tide (Part 2 of 3)"),
        mark("Low Tide", 2, Some(3))
    );
    assert_eq!(title_marker("Low Tide - Part 4"), mark("Low Tide", 4, None));
    assert_eq!(
        title_marker("Low Tide, part 4 of 9"),
        mark("Low Tide", 4, Some(9))
    );
    assert_eq!(title_marker("Low Tide"), None);
    assert_eq!(title_marker("Catch-22 (a novel)"), None);
    assert_eq!(title_marker("(3/7)"), None, "nothing left of the title");
    assert_eq!(title_marker("Tide (9/3)"), None, "a part past the total");
    assert_eq!(
        title_marker("İİİ Part 2"),
        mark("İİİ", 2, None),
        "no panic on wide case"
    );
    assert_eq!(file_marker("story-pt1"), mark("story", 1, None));
    assert_eq!(file_marker("story_part07"), mark("story", 7, None));
    assert_eq!(file_marker("story-3of7"), mark("story", 3, Some(7)));
    assert_eq!(
        file_marker("story2"),
        None,
        "a bare number is a title's own"
    );
    assert_eq!(file_marker("pt1"), None);
}

#[test]
fn files_of_one_work_are_grouped_and_the_rest_stand_alone() {
    let entries = vec![
        entry("a/story-pt2.txt", "Title: The Long Watch\nAuthor: Marram"),
        entry("a/other.txt", "Title: Alone\nAuthor: Marram"),
        entry("a/story-pt1.txt", "Title: The Long Watch\nAuthor: Marram"),
        entry("b/x.txt", "Title: Salt (1/3)\nAuthor: Wren"),
        entry("b/y.txt", "Title: Salt (3/3)\nAuthor: Wren"),
        entry("b/z.txt", "Title: Salt (2/3)\nAuthor: Wren\n\nThe End"),
        // The same title by someone else is another work.
        entry("c/salt.txt", "Title: Salt (1/2)\nAuthor: Ansel"),
        // Two files claiming one part: not grouped.
        entry("d/a-pt1.txt", "Title: Twice\nAuthor: Tam"),
        entry("d/b-pt1.txt", "Title: Twice\nAuthor: Tam"),
    ];
    let works = works(&entries);
    let files = |w: &Work| -> Vec<String> {
        w.files
            .iter()
            .map(|&i| entries[i].path.display().to_string())
            .collect()
    };
    let watch = works.iter().find(|w| w.title == "The Long Watch");
    let watch = watch.unwrap_or_else(|| panic!("{works:?}"));
    assert_eq!(files(watch), ["a/story-pt1.txt", "a/story-pt2.txt"]);
    assert_eq!((watch.parts_found, watch.parts_total), (2, None));
    let salt: Vec<&Work> = works.iter().filter(|w| w.title == "Salt").collect();
    assert_eq!(salt.len(), 2, "{salt:?}");
    assert_eq!(files(salt[0]), ["b/x.txt", "b/z.txt", "b/y.txt"]);
    assert_eq!((salt[0].parts_found, salt[0].parts_total), (3, Some(3)));
    assert_eq!(salt[0].complete, Some(true));
    assert_eq!((salt[1].parts_found, salt[1].parts_total), (1, Some(2)));
    assert_eq!(works.iter().filter(|w| w.title == "Twice").count(), 2);
    assert_eq!(works.len(), 6);
}

#[test]
fn the_index_leads_from_each_part_to_the_next() {
    let entries = vec![
        entry("b/y.txt", "Title: Salt (3/3)\nAuthor: Wren\n\nThird."),
        entry("a/other.txt", "Title: Alone\nAuthor: Marram"),
        entry("b/x.txt", "Title: Salt (1/3)\nAuthor: Wren\n\nFirst."),
        entry("b/z.txt", "Title: Salt (2/3)\nAuthor: Wren\n\nSecond."),
    ];
    let index = WorkIndex::build(&entries, &Splits::default());
    assert_eq!(index.works.len(), 1, "a work of one file is not indexed");
    assert_eq!(index.of_entry(1), None);
    assert_eq!(index.of_entry(0), Some(0));
    let hash = |i: usize| entries[i].hash.as_str();
    let (work, part) = index.place_of(hash(3)).unwrap();
    assert_eq!((work.title.as_str(), part), ("Salt", 1));
    assert_eq!(index.next(hash(2)), Some(3));
    assert_eq!(index.next(hash(3)), Some(0));
    assert_eq!(index.next(hash(0)), None);
    assert_eq!(index.previous(hash(3)), Some(2));
    assert_eq!(index.previous(hash(2)), None);
}

#[test]
fn a_file_taken_out_or_a_work_split_stands_alone_and_says_how_to_join_again() {
    let entries = vec![
        entry("b/x.txt", "Title: Salt (1/3)\nAuthor: Wren\n\nFirst."),
        entry("b/y.txt", "Title: Salt (2/3)\nAuthor: Wren\n\nSecond."),
        entry("b/z.txt", "Title: Salt (3/3)\nAuthor: Wren\n\nThird."),
        entry("a/story-pt1.txt", "Title: The Long Watch\nAuthor: Marram"),
        entry(
            "a/story-pt2.txt",
            "Title: The Long Watch\nAuthor: Marram\n\nOn.",
        ),
    ];
    let whole = WorkIndex::build(&entries, &Splits::default());
    assert_eq!(whole.works.len(), 2);
    let salt_key = whole.works[0].key.clone().unwrap_or_default();
    let hash = |i: usize| entries[i].hash.clone();

    // The second part taken out: the others are still one work, it is on its own.
    let mut splits = Splits::default();
    splits.files.insert(hash(1));
    let index = WorkIndex::build(&entries, &splits);
    assert_eq!(index.works.len(), 2);
    assert_eq!(index.works[0].files, [0, 2]);
    assert_eq!(index.of_entry(1), None);
    let apart = index.apart(1).unwrap_or_else(|| panic!("kept apart"));
    assert!(apart.taken_out);
    assert_eq!(apart.title, "Salt");
    assert_eq!(apart.join.key, salt_key);
    assert_eq!(apart.join.files, [hash(0), hash(1), hash(2)]);
    assert_eq!(index.apart(0), None, "still in its work");

    // The work split: every file on its own, none of them taken out.
    let mut splits = Splits::default();
    splits.works.insert(salt_key.clone());
    let index = WorkIndex::build(&entries, &splits);
    assert_eq!(index.works.len(), 1, "the other work is untouched");
    assert_eq!(index.works[0].title, "The Long Watch");
    for i in 0..3 {
        assert_eq!(index.of_entry(i), None);
        assert!(index.apart(i).is_some_and(|a| !a.taken_out));
    }
    let alone = works_with(&entries, &splits);
    assert_eq!(alone.len(), 4, "three stories and a work: {alone:?}");

    // Of a work in two files, one taken out leaves the other alone too: both say so.
    let mut splits = Splits::default();
    splits.files.insert(hash(4));
    let index = WorkIndex::build(&entries, &splits);
    assert!(index.apart(3).is_some_and(|a| !a.taken_out));
    assert!(index.apart(4).is_some_and(|a| a.taken_out));
}
