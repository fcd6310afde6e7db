//! Tests of the collection: scanning, search, sort and import.

use super::import::{import, safe_file_name};
use super::*;

fn temp(name: &str) -> crate::testing::TestDir {
    crate::testing::TestDir::named(name)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

const TEA: &str = "Title: Tea at the Lighthouse\nAuthor: Wren\nRating: G\nPairing: Mara/Tobin\nSummary: A storm and a kettle.\n\nThe kettle sang.\n";
const FOG: &str = "Title: Fog Bells\nAuthor: Ansel\nRating: NC-17\nFandom: Saltmarsh\n\nThe bells rang all night long in the fog.\n";

#[test]
fn scan_finds_stories_in_sub_folders_and_reports_bad_files() {
    let root = temp("scan");
    write(&root.join("tea.txt"), TEA);
    write(&root.join("deep/er/fog.TXT"), FOG);
    write(&root.join("cover.jpg"), "not a story");
    write(&root.join(".hidden.txt"), TEA);
    std::fs::write(root.join("broken.txt"), b"\x00\x01\x02\x03binary")
        .unwrap_or_else(|e| panic!("{e}"));
    let c = Collection::scan(&root);
    let mut titles: Vec<&str> = c.entries.iter().map(|e| e.meta.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Fog Bells", "Tea at the Lighthouse"]);
    assert_eq!(c.unreadable.len(), 1);
    assert!(
        c.unreadable[0].reason.contains("not a text file"),
        "{}",
        c.unreadable[0].reason
    );
}

#[test]
fn search_matches_every_word_across_fields() {
    let root = temp("search");
    write(&root.join("tea.txt"), TEA);
    write(&root.join("fog.txt"), FOG);
    let c = Collection::scan(&root);
    let found = |q: &str| -> Vec<String> {
        filter_and_sort(&c.entries, q, SortKey::Title, |_| SortFacts::default())
            .iter()
            .map(|&i| c.entries[i].meta.title.clone())
            .collect()
    };
    assert_eq!(found("mara/tobin"), ["Tea at the Lighthouse"]);
    assert_eq!(found("SALTMARSH"), ["Fog Bells"]);
    assert_eq!(found("kettle wren"), ["Tea at the Lighthouse"]);
    assert!(found("kettle ansel").is_empty());
    assert_eq!(found("").len(), 2);
}

#[test]
fn sort_orders() {
    let root = temp("sort");
    write(&root.join("tea.txt"), TEA);
    write(&root.join("fog.txt"), FOG);
    let c = Collection::scan(&root);
    let order = |k: SortKey, read: &dyn Fn(&Entry) -> SortFacts| -> Vec<String> {
        filter_and_sort(&c.entries, "", k, read)
            .iter()
            .map(|&i| c.entries[i].meta.title.clone())
            .collect()
    };
    let none = |_: &Entry| SortFacts::default();
    assert_eq!(
        order(SortKey::Title, &none),
        ["Fog Bells", "Tea at the Lighthouse"],
        "'The'/'A' aside, case-blind"
    );
    assert_eq!(
        order(SortKey::Author, &none),
        ["Fog Bells", "Tea at the Lighthouse"]
    );
    assert_eq!(
        order(SortKey::Rating, &none),
        ["Tea at the Lighthouse", "Fog Bells"]
    );
    let tea_read = |e: &Entry| SortFacts {
        last_read_secs: u64::from(e.meta.title.starts_with("Tea")),
        status: if e.meta.title.starts_with("Tea") {
            reading::Status::Reading
        } else {
            reading::Status::Finished
        },
        list_place: e.meta.title.starts_with("Fog").then_some((0, 3)),
    };
    assert_eq!(
        order(SortKey::RecentlyRead, &tea_read),
        ["Tea at the Lighthouse", "Fog Bells"]
    );
    assert_eq!(
        order(SortKey::Status, &tea_read),
        ["Tea at the Lighthouse", "Fog Bells"],
        "what is being read first"
    );
    assert_eq!(
        order(SortKey::Lists, &tea_read),
        ["Fog Bells", "Tea at the Lighthouse"],
        "works on a list first"
    );
    assert_eq!(
        order(SortKey::Length, &none),
        ["Fog Bells", "Tea at the Lighthouse"]
    );
}

#[test]
fn import_copies_reports_duplicates_renames_and_never_touches_sources() {
    let root = temp("import");
    let lib = root.join("Stories");
    write(&lib.join("tea.txt"), TEA);
    let src = root.join("Downloads");
    write(&src.join("fog.txt"), FOG);
    write(&src.join("tea-copy.txt"), TEA);
    write(
        &src.join("other/tea.txt"),
        "Title: Another Tea\n\nDifferent words entirely here.\n",
    );
    std::fs::write(src.join("image.txt"), b"\x89PNG\r\n\x1a\n\x00\x00")
        .unwrap_or_else(|e| panic!("{e}"));
    let before: Vec<Vec<u8>> = ["fog.txt", "tea-copy.txt", "other/tea.txt", "image.txt"]
        .iter()
        .map(|n| std::fs::read(src.join(n)).unwrap_or_default())
        .collect();
    let c = Collection::scan(&lib);
    let paths = vec![
        src.join("fog.txt"),
        src.join("tea-copy.txt"),
        src.join("other/tea.txt"),
        src.join("image.txt"),
        src.join("fog.txt"),
    ];
    let report = import(&paths, &c, |_| {});
    let added: Vec<String> = report
        .added
        .iter()
        .map(|e| {
            e.path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        added,
        ["fog.txt", "tea (2).txt"],
        "a name clash gets a new name"
    );
    assert_eq!(
        report.duplicates.len(),
        2,
        "same content twice: the collection's tea, and fog imported a moment ago"
    );
    assert_eq!(report.duplicates[0].1, "Tea at the Lighthouse");
    assert_eq!(report.failed.len(), 1);
    assert!(report.failed[0].1.contains("not a text file"));
    assert!(lib.join("tea (2).txt").exists() && lib.join("fog.txt").exists());
    let after: Vec<Vec<u8>> = ["fog.txt", "tea-copy.txt", "other/tea.txt", "image.txt"]
        .iter()
        .map(|n| std::fs::read(src.join(n)).unwrap_or_default())
        .collect();
    assert_eq!(before, after, "sources are untouched");
    assert!(
        report.summary().contains("Imported 2 stories."),
        "{}",
        report.summary()
    );
}

#[test]
fn imported_names_are_sanitised() {
    assert_eq!(safe_file_name(Path::new("/x/..hidden.txt")), "hidden.txt");
    assert_eq!(safe_file_name(Path::new("/x/a\nb.txt")), "a_b.txt");
    assert_eq!(safe_file_name(Path::new("/x/notes")), "notes.txt");
    assert_eq!(safe_file_name(Path::new("/x/...")), "story.txt");
    // Over-long names are cut at a character boundary and keep their extension.
    let long = format!("/x/{}.txt", "é".repeat(200));
    let cut = safe_file_name(Path::new(&long));
    assert!(cut.len() <= 200 && cut.ends_with("éé.txt"), "{cut}");
}
