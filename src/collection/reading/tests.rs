//! Reading state: the records in memory, the shared database under them, and the import
//! of an old `reading.ron`.

use super::*;

fn place(block: usize, progress: f32) -> Place {
    Place {
        block,
        within: 0.5,
        progress,
    }
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn progress_and_last_opened() {
    let mut log = ReadingLog::default();
    log.opened("abc", 100);
    log.set_place("abc", place(12, 0.25), false);
    assert_eq!(log.progress("abc"), Progress::Reading(25));
    assert_eq!(log.progress("zzz"), Progress::Unread);
    assert_eq!(log.last_opened("abc"), 100);
}

#[test]
fn finishing_sticks() {
    let mut log = ReadingLog::default();
    log.set_place("a", place(0, 1.0), true);
    log.set_place("a", place(0, 0.5), false);
    assert_eq!(log.progress("a"), Progress::Finished);
}

#[test]
fn places_are_kept_across_opens() {
    let dir = dir();
    let (mut state, note) = ReadingState::open(dir.path());
    assert_eq!(note, None);
    state.opened("abc", 100).unwrap_or_else(|e| panic!("{e}"));
    state.set_place("abc", place(12, 0.25), false);
    state.save().unwrap_or_else(|e| panic!("{e}"));
    drop(state);
    let (again, note) = ReadingState::open(dir.path());
    assert_eq!(note, None);
    let record = again.log().get("abc").copied();
    assert_eq!(record.map(|r| r.place), Some(place(12, 0.25)));
    assert_eq!(record.map(|r| r.last_opened_secs), Some(100));
}

#[test]
fn two_windows_keep_each_others_places() {
    let dir = dir();
    let (mut one, _) = ReadingState::open(dir.path());
    let (mut two, _) = ReadingState::open(dir.path());
    one.opened("first", 10).unwrap_or_else(|e| panic!("{e}"));
    two.opened("second", 20).unwrap_or_else(|e| panic!("{e}"));
    one.set_place("first", place(5, 0.5), false);
    two.set_place("second", place(9, 0.9), true);
    // Each saves several times, as a window does every few seconds.
    for _ in 0..3 {
        one.save().unwrap_or_else(|e| panic!("{e}"));
        two.save().unwrap_or_else(|e| panic!("{e}"));
    }
    drop((one, two));
    let (after, _) = ReadingState::open(dir.path());
    assert_eq!(after.log().progress("first"), Progress::Reading(50));
    assert_eq!(after.log().progress("second"), Progress::Finished);
}

#[test]
fn a_window_sees_what_another_saved() {
    let dir = dir();
    let (mut one, _) = ReadingState::open(dir.path());
    let (mut two, _) = ReadingState::open(dir.path());
    assert!(!one.refresh(), "nothing changed yet");
    two.set_place("abc", place(3, 0.3), false);
    two.save().unwrap_or_else(|e| panic!("{e}"));
    assert!(one.refresh());
    assert_eq!(one.log().progress("abc"), Progress::Reading(30));
    // Opening it here starts from the other window's place, not a stale one.
    two.set_place("abc", place(4, 0.4), false);
    two.save().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one.record("abc").map(|r| r.place.block), Some(4));
}

#[test]
fn finished_elsewhere_stays_finished() {
    let dir = dir();
    let (mut one, _) = ReadingState::open(dir.path());
    let (mut two, _) = ReadingState::open(dir.path());
    one.set_place("abc", place(99, 1.0), true);
    one.save().unwrap_or_else(|e| panic!("{e}"));
    two.set_place("abc", place(1, 0.1), false); // a stale window, rereading the start
    two.save().unwrap_or_else(|e| panic!("{e}"));
    let (after, _) = ReadingState::open(dir.path());
    assert_eq!(after.log().progress("abc"), Progress::Finished);
}

#[test]
fn an_old_reading_ron_is_imported_once() {
    let dir = dir();
    let ron = dir.path().join("reading.ron");
    write(
        &ron,
        "(stories: {\"abc\": (place: (block: 3, progress: 0.5), last_opened_secs: 7), \
         \"def\": (finished: true)})",
    );
    let (state, note) = ReadingState::open(dir.path());
    assert_eq!(note, None);
    assert_eq!(state.log().progress("abc"), Progress::Reading(50));
    assert_eq!(state.log().progress("def"), Progress::Finished);
    assert!(!ron.exists());
    assert!(dir.path().join("reading.ron.imported").exists());
    // A reading.ron that shows up again (an older version run since) is not read twice.
    write(&ron, "(stories: {\"ghi\": (finished: true)})");
    let (state, _) = ReadingState::open(dir.path());
    assert_eq!(state.log().progress("ghi"), Progress::Unread);
}

#[test]
fn a_damaged_database_is_kept_aside_and_reported() {
    let dir = dir();
    let db = dir.path().join("state.sqlite");
    write(&db, &"not a database, just text. ".repeat(200));
    let (mut state, note) = ReadingState::open(dir.path());
    assert!(
        note.as_deref()
            .is_some_and(|n| n.contains("state.sqlite.bad")),
        "{note:?}"
    );
    assert!(dir.path().join("state.sqlite.bad").exists());
    state.set_place("abc", place(1, 0.5), false);
    assert!(state.save().is_ok(), "a new database took its place");
}

#[test]
fn a_folder_that_cant_hold_it_keeps_places_in_memory() {
    let dir = dir();
    let blocked = dir.path().join("file");
    write(&blocked, "in the way");
    let (mut state, note) = ReadingState::open(&blocked.join("data"));
    assert!(note.is_some_and(|n| n.contains("can't be kept")));
    state.set_place("abc", place(1, 0.5), false);
    assert!(state.save().is_ok());
    assert_eq!(state.log().progress("abc"), Progress::Reading(50));
}

#[test]
fn a_damaged_ron_is_kept_aside_and_reported() {
    let dir = dir();
    let path = dir.path().join("reading.ron");
    write(&path, "(stories: {\"abc\": (place: (block: oops");
    let (log, note) = ReadingLog::load(&path);
    assert!(log.stories.is_empty());
    assert!(note.is_some_and(|n| n.contains("reading.ron.bad")));
    assert!(path.with_extension("ron.bad").exists());
}

#[test]
fn unknown_and_missing_fields_load() {
    let dir = dir();
    let path = dir.path().join("reading.ron");
    write(
        &path,
        "(stories: {\"abc\": (place: (block: 3), future_field: true)}, other: 1)",
    );
    let (log, note) = ReadingLog::load(&path);
    assert_eq!(note, None);
    assert_eq!(log.get("abc").map(|r| r.place.block), Some(3));
}

#[test]
fn a_newer_record_shape_keeps_the_other_stories() {
    let dir = dir();
    let path = dir.path().join("reading.ron");
    write(
        &path,
        "(stories: {\"abc\": (place: Chapter(3), finished: true), \
         \"def\": (place: (block: 7), last_opened_secs: 9)})",
    );
    let (log, note) = ReadingLog::load(&path);
    assert_eq!(
        log.get("abc").map(|r| (r.place.block, r.finished)),
        Some((0, true))
    );
    assert_eq!(log.get("def").map(|r| r.place.block), Some(7));
    assert!(note.is_some_and(|n| n.contains("Chapter(3)")));
}

#[test]
fn a_status_set_by_hand_wins_until_the_end_is_reached() {
    let dir = dir();
    let (mut state, _) = ReadingState::open(dir.path());
    assert_eq!(state.log().status("abc"), Status::Unread);
    state.set_place("abc", place(3, 0.3), false);
    assert_eq!(state.log().status("abc"), Status::Reading);
    state
        .set_status("abc", Some(Status::OnHold))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.log().status("abc"), Status::OnHold);
    // Another window, saving its (older) place, leaves the status alone.
    let (mut other, _) = ReadingState::open(dir.path());
    other.set_place("abc", place(2, 0.2), false);
    other.save().unwrap_or_else(|e| panic!("{e}"));
    let (again, _) = ReadingState::open(dir.path());
    assert_eq!(again.log().status("abc"), Status::OnHold);
    // Reading to the end makes it Finished.
    state.set_place("abc", place(9, 1.0), true);
    state.save().unwrap_or_else(|e| panic!("{e}"));
    let (again, _) = ReadingState::open(dir.path());
    assert_eq!(again.log().status("abc"), Status::Finished);
    // Marked unread again by hand (to reread some day): it says so.
    state
        .set_status("abc", Some(Status::Unread))
        .unwrap_or_else(|e| panic!("{e}"));
    let (again, _) = ReadingState::open(dir.path());
    assert_eq!(again.log().status("abc"), Status::Unread);
}

#[test]
fn lists_keep_their_works_in_the_readers_order() {
    let dir = dir();
    let (mut state, _) = ReadingState::open(dir.path());
    let to_read = state
        .create_list("To read")
        .unwrap_or_else(|e| panic!("{e}"));
    let comfort = state
        .create_list(" Comfort reads ")
        .unwrap_or_else(|e| panic!("{e}"));
    let taken = state.create_list("To read").err().map(|e| e.to_string());
    assert_eq!(
        taken.as_deref(),
        Some("there is a list called “To read” already")
    );
    for hash in ["a", "b", "c", "a"] {
        state
            .add_to_list(to_read, hash)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    state
        .add_to_list(comfort, "b")
        .unwrap_or_else(|e| panic!("{e}"));
    state
        .move_in_list(to_read, "c", 0)
        .unwrap_or_else(|e| panic!("{e}"));
    state
        .remove_from_list(to_read, "a")
        .unwrap_or_else(|e| panic!("{e}"));
    state
        .rename_list(comfort, "Comfort")
        .unwrap_or_else(|e| panic!("{e}"));
    let names_and_items = |s: &ReadingState| -> Vec<(String, Vec<String>)> {
        s.lists()
            .iter()
            .map(|l| (l.name.clone(), l.items.clone()))
            .collect()
    };
    let expected = vec![
        (
            "To read".to_string(),
            vec!["c".to_string(), "b".to_string()],
        ),
        ("Comfort".to_string(), vec!["b".to_string()]),
    ];
    assert_eq!(names_and_items(&state), expected);
    // Another window sees them, and its changes come back here.
    let (mut other, _) = ReadingState::open(dir.path());
    assert_eq!(names_and_items(&other), expected);
    other.delete_list(comfort).unwrap_or_else(|e| panic!("{e}"));
    assert!(state.refresh());
    assert_eq!(names_and_items(&state), expected[..1].to_vec());
}

#[test]
fn a_database_of_the_first_version_is_brought_up_to_date() {
    let dir = dir();
    let path = dir.path().join("state.sqlite");
    let old = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    old.execute_batch(
        "CREATE TABLE reading (hash TEXT PRIMARY KEY NOT NULL, block INTEGER NOT NULL DEFAULT 0,
             within REAL NOT NULL DEFAULT 0, progress REAL NOT NULL DEFAULT 0,
             last_opened_secs INTEGER NOT NULL DEFAULT 0, finished INTEGER NOT NULL DEFAULT 0);
         CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
         INSERT INTO reading (hash, block, progress, finished) VALUES ('abc', 4, 0.5, 1);
         PRAGMA user_version = 1;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(old);
    let (mut state, note) = ReadingState::open(dir.path());
    assert_eq!(note, None);
    assert_eq!(state.log().get("abc").map(|r| r.place.block), Some(4));
    assert_eq!(state.log().status("abc"), Status::Finished);
    state
        .set_status("abc", Some(Status::Dropped))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(state.create_list("Later").is_ok());
    let mark = state
        .marks()
        .and_then(|s| s.add_mark(&highlight("abc", "kept", "", 1)));
    assert!(mark.is_ok(), "{mark:?}");
}

#[test]
fn splits_of_works_are_kept_seen_by_another_window_and_undone() {
    use crate::collection::works::Join;
    let dir = dir();
    let (mut one, _) = ReadingState::open(dir.path());
    let (mut two, _) = ReadingState::open(dir.path());
    let ok = |r: Result<(), StoreError>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(one.take_out_of_work("pt2"));
    ok(one.split_work("salt\u{1f}wren"));
    ok(one.take_out_of_work("pt2")); // twice is once
    assert!(two.refresh());
    assert!(two.splits().files.contains("pt2"));
    assert!(two.splits().works.contains("salt\u{1f}wren"));
    let join = Join {
        key: "salt\u{1f}wren".into(),
        files: vec!["pt1".into(), "pt2".into()],
    };
    ok(two.join_work(&join));
    assert!(two.splits().is_empty());
    drop((one, two));
    let (after, _) = ReadingState::open(dir.path());
    assert!(after.splits().is_empty(), "{:?}", after.splits());
    ok(ReadingState::open(dir.path()).0.take_out_of_work("pt3"));
    let (after, _) = ReadingState::open(dir.path());
    assert_eq!(after.splits().files.len(), 1, "kept across a restart");
}

#[test]
fn a_folder_that_cant_hold_it_still_has_lists_for_the_session() {
    let dir = dir();
    let blocked = dir.path().join("file");
    write(&blocked, "in the way");
    let (mut state, _) = ReadingState::open(&blocked.join("data"));
    let id = state
        .create_list("To read")
        .unwrap_or_else(|e| panic!("{e}"));
    state
        .add_to_list(id, "abc")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.lists()[0].items, ["abc"]);
}

fn highlight(hash: &str, quote: &str, note: &str, created_secs: u64) -> Mark {
    Mark {
        id: 0,
        hash: hash.into(),
        kind: MarkKind::Highlight(Colour::Green),
        anchor: Anchor {
            block: 3,
            offset: 7,
            quote: quote.into(),
            before: "said ".into(),
            after: " and".into(),
        },
        note: note.into(),
        created_secs,
        title: "Title".into(),
        author: "Author".into(),
        path: "/stories/t.txt".into(),
    }
}

#[test]
fn marks_made_in_two_windows_are_all_kept() {
    let dir = dir();
    let (mut one, _) = ReadingState::open(dir.path());
    let (two, _) = ReadingState::open(dir.path());
    let a = one
        .marks()
        .and_then(|s| s.add_mark(&highlight("abc", "first", "", 1)));
    let b = two
        .marks()
        .and_then(|s| s.add_mark(&highlight("abc", "second", "", 2)));
    let (a, b) = (
        a.unwrap_or_else(|e| panic!("{e}")),
        b.unwrap_or_else(|e| panic!("{e}")),
    );
    assert_ne!(a, b);
    assert!(one.refresh(), "the other window's mark is seen");
    assert_eq!(one.generation(), 1);
    two.marks()
        .and_then(|s| s.set_mark_note(a, "a note from the other window"))
        .unwrap_or_else(|e| panic!("{e}"));
    drop((one, two));
    let (after, _) = ReadingState::open(dir.path());
    let marks = after.marks().and_then(|s| s.marks_of("abc"));
    let marks = marks.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(marks.len(), 2);
    let first = marks
        .iter()
        .find(|m| m.id == a)
        .unwrap_or_else(|| panic!("lost"));
    assert_eq!(first.note, "a note from the other window");
    assert_eq!(first.anchor, highlight("abc", "first", "", 1).anchor);
    assert_eq!(first.kind, MarkKind::Highlight(Colour::Green));
    // Newest first across the collection.
    let all = after.marks().and_then(|s| s.all_marks());
    let all = all.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        all.iter()
            .map(|m| m.anchor.quote.as_str())
            .collect::<Vec<_>>(),
        ["second", "first"]
    );
}

#[test]
fn a_deleted_mark_comes_back_under_its_number() {
    let state = ReadingState::in_memory(ReadingLog::default());
    let store = state.marks().unwrap_or_else(|e| panic!("{e}"));
    let id = store
        .add_mark(&highlight("abc", "quote", "note", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = store.marks_of("abc").unwrap_or_else(|e| panic!("{e}"));
    store.delete_mark(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .marks_of("abc")
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    assert_eq!(store.add_mark(&kept[0]).ok(), Some(id));
    assert_eq!(
        store.marks_of("abc").unwrap_or_else(|e| panic!("{e}")),
        kept
    );
}

#[test]
fn marks_of_an_earlier_version_of_a_file_are_found_by_its_path() {
    let state = ReadingState::in_memory(ReadingLog::default());
    let store = state.marks().unwrap_or_else(|e| panic!("{e}"));
    let id = store
        .add_mark(&highlight("old", "quote", "", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let left = store.marks_left_at("/stories/t.txt", "new");
    assert_eq!(left.unwrap_or_else(|e| panic!("{e}")).len(), 1);
    let moved = Anchor {
        block: 9,
        ..highlight("", "quote", "", 0).anchor
    };
    store
        .move_mark(id, "new", &moved)
        .unwrap_or_else(|e| panic!("{e}"));
    let now = store.marks_of("new").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(now[0].anchor.block, 9);
    assert!(
        store
            .marks_left_at("/stories/t.txt", "new")
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
}
