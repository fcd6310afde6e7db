//! Tests of the collection index: reuse, change detection, and a damaged cache.

use super::*;

fn temp(name: &str) -> crate::testing::TestDir {
    crate::testing::TestDir::named(name)
}

fn story(title: &str) -> String {
    format!("Title: {title}\nRating: G\n\nThe lamp was lit at six and the tide came in.\n")
}

#[test]
fn an_unchanged_collection_is_read_from_the_cache() {
    let dir = temp("reuse");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    for i in 0..20 {
        crate::storage::write_atomic(
            &root.join(format!("s{i:02}.txt")),
            story(&format!("Story {i}")).as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(root.join("bad.txt"), b"\x00\x01binary").unwrap_or_else(|e| panic!("{e}"));
    let first = scan(&root, Some(&cache), 2);
    assert_eq!(
        (
            first.collection.entries.len(),
            first.reused,
            first.collection.unreadable.len()
        ),
        (20, 0, 1)
    );
    assert!(cache.exists() && first.cache_error.is_none());
    let second = scan(&root, Some(&cache), 2);
    assert_eq!(
        (second.collection.entries.len(), second.reused),
        (20, 20),
        "nothing parsed"
    );
    assert_eq!(
        second.collection.unreadable.len(),
        1,
        "the bad file is remembered too"
    );
    let titles = |s: &Scan| {
        s.collection
            .entries
            .iter()
            .map(|e| e.meta.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&first), titles(&second));
    assert_eq!(first.bytes, second.bytes);
}

#[test]
fn changed_added_and_removed_files_are_noticed() {
    let dir = temp("changes");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    for name in ["a", "b", "c"] {
        std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join(format!("{name}.txt")), story(name))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    scan(&root, Some(&cache), 1);
    std::fs::write(root.join("a.txt"), story("A, longer and renamed"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(root.join("b.txt")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("d.txt"), story("d")).unwrap_or_else(|e| panic!("{e}"));
    let s = scan(&root, Some(&cache), 1);
    let titles: Vec<&str> = s
        .collection
        .entries
        .iter()
        .map(|e| e.meta.title.as_str())
        .collect();
    assert_eq!(titles, ["A, longer and renamed", "c", "d"]);
    assert_eq!(s.reused, 1, "only c was unchanged");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let dir = temp("damaged");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("a.txt"), story("a")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&cache, b"not an index at all").unwrap_or_else(|e| panic!("{e}"));
    let s = scan(&root, Some(&cache), 1);
    assert_eq!((s.collection.entries.len(), s.reused), (1, 0));
    let other = dir.join("Other");
    std::fs::create_dir_all(&other).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(other.join("a.txt"), story("a")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scan(&other, Some(&cache), 1).reused,
        0,
        "a cache made for another folder is not used"
    );
}

#[test]
fn a_cache_made_by_another_reading_of_the_files_is_read_again() {
    let dir = temp("reader");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("a.txt"), story("a")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scan(&root, Some(&cache), 1).reused, 0);
    assert_eq!(
        scan(&root, Some(&cache), 1).reused,
        1,
        "this build's cache is used"
    );
    // The same cache as an older build of the engine left it: its cards say what that
    // build read, which this one may read better.
    let bytes = std::fs::read(&cache).unwrap_or_else(|e| panic!("{e}"));
    let mut old: IndexFile = postcard::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.reader, READER);
    old.reader = "an older reader".to_string();
    old.stories[0].meta.title = "What the old reader made of it".to_string();
    let bytes = postcard::to_allocvec(&old).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&cache, bytes).unwrap_or_else(|e| panic!("{e}"));
    let s = scan(&root, Some(&cache), 1);
    assert_eq!(s.reused, 0, "read again");
    assert_eq!(s.collection.entries[0].meta.title, "a");
}

#[test]
fn a_folder_that_is_gone_keeps_its_cache_for_when_it_is_back() {
    let dir = temp("gone");
    let (root, cache) = (dir.join("Stories"), dir.join("index.bin"));
    for i in 0..3 {
        let text = story(&format!("Story {i}"));
        crate::storage::write_atomic(&root.join(format!("s{i}.txt")), text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(scan(&root, Some(&cache), 1).collection.entries.len(), 3);
    // Unplugged: the drive's folder is gone.
    let away = dir.join("away");
    std::fs::rename(&root, &away).unwrap_or_else(|e| panic!("{e}"));
    let gone = scan(&root, Some(&cache), 1);
    assert!(gone.collection.entries.is_empty());
    assert!(gone.missing.is_some_and(|m| m.contains("Stories")));
    // Plugged back in: every story comes from the cache, none read again.
    std::fs::rename(&away, &root).unwrap_or_else(|e| panic!("{e}"));
    let back = scan(&root, Some(&cache), 1);
    assert_eq!((back.collection.entries.len(), back.reused), (3, 3));
    assert!(back.missing.is_none());
}

/// Regression: a Latin-1 file name made saving the cache fail ("Serde Serialization
/// Error"), so every start read the whole collection again.
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_cached_and_reused() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (root, cache) = (dir.path().join("Stories"), dir.path().join("index.bin"));
    let name = std::ffi::OsStr::from_bytes(b"latin1_\xE9t\xE9.txt");
    crate::storage::write_atomic(&root.join(name), story("Summer").as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"bad_\xFF.txt")),
        b"\x00\x01",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let first = scan(&root, Some(&cache), 1);
    assert_eq!(first.cache_error, None);
    assert_eq!(
        (
            first.collection.entries.len(),
            first.collection.unreadable.len()
        ),
        (1, 1)
    );
    let second = scan(&root, Some(&cache), 1);
    assert_eq!((second.collection.entries.len(), second.reused), (1, 1));
    assert_eq!(second.collection.entries[0].path, root.join(name));
    assert_eq!(
        second.collection.unreadable.len(),
        1,
        "remembered, not read"
    );
}

/// postcard writes strings and bytes alike, so a cache from before paths were bytes is
/// still used rather than read again.
#[test]
fn a_cache_with_paths_as_text_still_reads() {
    #[derive(serde::Serialize)]
    struct Old<'a> {
        path: &'a str,
    }
    #[derive(serde::Deserialize)]
    struct New {
        #[serde(with = "super::path_bytes")]
        path: PathBuf,
    }
    let bytes = postcard::to_allocvec(&Old {
        path: "/stories/a.txt",
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let new: New = postcard::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(new.path, PathBuf::from("/stories/a.txt"));
}
