use super::build::BATCH;
use super::*;
use crate::testing::TestDir;

const HARBOUR: &str = "Title: Harbour Lights\nAuthor: Wren\n\nChapter 1\n\nThe lamp was lit at six.\n\nChapter 2\n\nShe met him at the Café Marlowe, by the old sea wall.\n";
const TIDE: &str =
    "Title: Tide\nAuthor: Ash\n\nThe sea wall held. Nobody went to the cafe that night.\n";

fn collection(dir: &TestDir) -> Collection {
    Collection::scan(&dir.join("stories"))
}

fn write(dir: &TestDir, name: &str, text: &str) {
    let stories = dir.join("stories");
    std::fs::create_dir_all(&stories).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(stories.join(name), text).unwrap_or_else(|e| panic!("{e}"));
}

fn open(dir: &TestDir) -> FullText {
    FullText::open(&dir.join("data").join("index").join("x.search.sqlite"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn titles(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn words_and_phrases_are_found_with_their_chapter_and_accents_folded() {
    let dir = TestDir::named("fulltext-find");
    write(&dir, "harbour.txt", HARBOUR);
    write(&dir, "tide.txt", TIDE);
    let mut index = open(&dir);
    let added = index.update(&collection(&dir), |_, _| {});
    assert_eq!(added.unwrap_or_else(|e| panic!("{e}")), 2);
    let search = |q: &str| index.search(q, 20).unwrap_or_else(|e| panic!("{e}"));
    // `cafe` finds `Café` and `cafe`; the phrase only where the words stand together.
    let mut both = titles(&search("CAFE"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    both.sort();
    assert_eq!(both, ["Harbour Lights", "Tide"]);
    let hits = search("\"old sea wall\"");
    assert_eq!(titles(&hits), ["Harbour Lights"]);
    assert_eq!(hits[0].chapter.as_deref(), Some("Chapter 2"));
    assert!(
        hits[0].snippet.contains("[old sea wall]"),
        "{}",
        hits[0].snippet
    );
    // Every word is required; stop words are kept; typed punctuation is no syntax.
    assert_eq!(titles(&search("sea nobody")), ["Tide"]);
    assert_eq!(titles(&search("\"at the\" marlowe")), ["Harbour Lights"]);
    assert!(search("NEAR( AND * \"").is_empty());
    // Nothing is stemmed: `lamps` is not `lamp`.
    assert!(search("lamps").is_empty());
}

#[test]
fn stories_that_come_change_and_go_are_followed() {
    let dir = TestDir::named("fulltext-update");
    write(&dir, "tide.txt", TIDE);
    let mut index = open(&dir);
    index
        .update(&collection(&dir), |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.search("nobody", 5).map(|h| h.len()).ok(), Some(1));
    // Changed: the old text leaves with its fingerprint, the new one is read.
    write(
        &dir,
        "tide.txt",
        "Title: Tide\nAuthor: Ash\n\nEverybody stayed home.\n",
    );
    write(&dir, "harbour.txt", HARBOUR);
    let mut seen = Vec::new();
    let added = index.update(&collection(&dir), |done, all| seen.push((done, all)));
    assert_eq!(added.ok(), Some(2));
    assert_eq!(seen, [(1, 2), (2, 2)]);
    assert_eq!(index.search("nobody", 5).map(|h| h.len()).ok(), Some(0));
    assert_eq!(index.search("everybody", 5).map(|h| h.len()).ok(), Some(1));
    // Removed.
    std::fs::remove_file(dir.join("stories/harbour.txt")).unwrap_or_else(|e| panic!("{e}"));
    index
        .update(&collection(&dir), |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.search("lamp", 5).map(|h| h.len()).ok(), Some(0));
    // Nothing to do the second time.
    assert_eq!(index.update(&collection(&dir), |_, _| {}).ok(), Some(0));
}

#[test]
fn a_damaged_index_is_set_aside_and_built_again() {
    let dir = TestDir::named("fulltext-damaged");
    write(&dir, "tide.txt", TIDE);
    std::fs::create_dir_all(dir.join("data/index")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("data/index/x.search.sqlite"),
        b"not a database at all, just bytes",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut index = open(&dir);
    index
        .update(&collection(&dir), |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.search("nobody", 5).map(|h| h.len()).ok(), Some(1));
    assert!(dir.join("data/index/x.search.sqlite.damaged").exists());
}

#[test]
fn typed_queries_become_quoted_terms() {
    assert_eq!(
        fts_query("sea wall").as_deref(),
        Some("\"sea\" AND \"wall\"")
    );
    assert_eq!(
        fts_query("\"old sea\" wall").as_deref(),
        Some("\"old sea\" AND \"wall\"")
    );
    assert_eq!(fts_query("  *  ( \" "), None);
}

#[test]
fn two_writers_at_once_leave_one_whole_index() {
    // Two windows, or a window and `ficshelf search`: each takes its turn at the file.
    let dir = TestDir::named("fulltext-writers");
    for i in 0..(BATCH + 40) {
        write(
            &dir,
            &format!("s{i:03}.txt"),
            &format!("Title: S{i}\n\nword{i} and the sea.\n"),
        );
    }
    let stories = collection(&dir);
    let added: Vec<usize> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| open(&dir).update(&stories, |_, _| {})))
            .collect();
        writers
            .into_iter()
            .map(|w| match w.join() {
                Ok(Ok(n)) => n,
                Ok(Err(e)) => panic!("{e}"),
                Err(_) => panic!("a writer panicked"),
            })
            .collect()
    });
    // Each story was written once, by one of them.
    assert_eq!(added.iter().sum::<usize>(), BATCH + 40, "{added:?}");
    let index = open(&dir);
    for i in [0, BATCH, BATCH + 39] {
        let hits = index
            .search(&format!("word{i}"), 5)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(titles(&hits), [format!("S{i}")]);
    }
    assert_eq!(
        index.search("sea", 1000).map(|h| h.len()).ok(),
        Some(BATCH + 40)
    );
}

#[test]
fn a_stopped_update_keeps_what_it_wrote_and_the_next_one_finishes() {
    let dir = TestDir::named("fulltext-stop");
    for i in 0..(BATCH + 10) {
        write(
            &dir,
            &format!("s{i:03}.txt"),
            &format!("Title: S{i}\n\nThe tide {i}.\n"),
        );
    }
    let stories = collection(&dir);
    let mut index = open(&dir);
    let written = std::cell::Cell::new(0);
    let added = index
        .update_until(&stories, &mut |done, _| written.set(done), &|| {
            written.get() >= 5
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added, 5, "stopped after the story it was at");
    let count = |index: &FullText| index.search("tide", 1000).map(|h| h.len()).ok();
    assert_eq!(count(&index), Some(5));
    let rest = index
        .update(&stories, |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rest, BATCH + 5);
    assert_eq!(count(&index), Some(BATCH + 10));
}

#[test]
fn a_match_in_a_long_story_names_its_own_block() {
    // A story is written as rows of many blocks; the hit still names the block the words
    // are in, in the first row and in a later one.
    let dir = TestDir::named("fulltext-long");
    let mut text = String::from("Title: Long Road\n\n");
    for i in 0..8000 {
        let words = match i {
            37 => "The lantern keeper counted gulls.",
            7100 => "Far along, the quince orchard burned.",
            _ => "They walked on and on, saying little, the road unrolling ahead of them.",
        };
        text.push_str(&format!("{words} ({i})\n\n"));
    }
    assert!(text.len() > 2 * (256 << 10), "more than one row");
    write(&dir, "long.txt", &text);
    let mut index = open(&dir);
    index
        .update(&collection(&dir), |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    let story =
        Story::read(&dir.join("stories").join("long.txt")).unwrap_or_else(|e| panic!("{e}"));
    let doc = &story.document;
    let block_of = |needle: &str| {
        doc.blocks()
            .iter()
            .position(|b| doc.text(b).contains(needle))
            .unwrap_or_else(|| panic!("{needle} is in the story"))
    };
    for (query, needle) in [
        ("\"lantern keeper\"", "lantern"),
        ("quince orchard", "quince"),
    ] {
        let hits = index.search(query, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(hits[0].block, block_of(needle), "{query}");
        assert!(hits[0].snippet.contains('['), "{}", hits[0].snippet);
    }
}

#[test]
fn an_index_of_an_older_version_is_built_again_and_gives_its_room_back() {
    // Version 3 had a row per paragraph and no auto_vacuum: it is emptied, vacuumed (so
    // pages freed later go back) and filled again.
    let dir = TestDir::named("fulltext-older");
    write(&dir, "tide.txt", TIDE);
    let file = dir.join("data").join("index").join("x.search.sqlite");
    std::fs::create_dir_all(dir.join("data/index")).unwrap_or_else(|e| panic!("{e}"));
    {
        let old = Connection::open(&file).unwrap_or_else(|e| panic!("{e}"));
        old.execute_batch(
            "CREATE TABLE stories (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL,
                 path TEXT NOT NULL, title TEXT NOT NULL);
             CREATE VIRTUAL TABLE passages USING fts5(text, content = '');
             INSERT INTO stories VALUES (1, 'gone', '/nowhere.txt', 'Gone');
             INSERT INTO passages (rowid, text) VALUES (16777216, 'nobody at all');
             PRAGMA user_version = 3;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut index = open(&dir);
    let auto_vacuum: i64 = index
        .conn
        .query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(auto_vacuum, 2, "incremental");
    assert!(
        index
            .search("nobody", 5)
            .map(|h| h.is_empty())
            .unwrap_or(false)
    );
    index
        .update(&collection(&dir), |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        titles(&index.search("nobody", 5).unwrap_or_default()),
        ["Tide"]
    );
    assert!(
        !file.with_extension("sqlite.damaged").exists(),
        "not taken for damage"
    );
}
