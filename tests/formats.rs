//! EPUB and HTML downloads read into stories: the fixtures in `tests/fixtures/formats/`
//! (original short works laid out as AO3 and FanFicFare write them; see its README) give
//! exactly the title, author, rating, warnings, tags, series, chapters and summary the
//! work's page shows, through the library and through `ficshelf inspect --json`.

mod common;

use common::formats::{fixture, read, runs};

use ficshelf::collection::{Entry, STORY_EXTENSIONS, StoryMeta};
use ficshelf::engine::{
    BlockKind, Format, Inline, RatingLevel, SeriesPart, Story, WarningCategory, WarningState,
};

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn part_titles(story: &Story) -> Vec<&str> {
    story
        .document
        .parts()
        .iter()
        .map(|p| p.title.as_str())
        .collect()
}

#[test]
fn an_ao3_html_download_gives_every_tag() {
    let s = read("ao3_lamplighters_ledger.html");
    assert_eq!(s.format, Format::Html);
    assert_eq!(s.title, "The Lamplighter's Ledger");
    assert_eq!(s.author.as_deref(), Some("saltwick"));
    assert_eq!(s.rating.level, RatingLevel::Teen);
    assert_eq!(s.rating.raw.as_deref(), Some("Teen And Up Audiences"));
    assert_eq!(s.warnings.state, WarningState::ChooseNotToWarn);
    assert!(s.warnings.categories.is_empty());
    let m = &s.metadata;
    assert_eq!(m.categories, strings(&["F/F", "Gen"]));
    assert_eq!(m.fandoms, strings(&["Original Work"]));
    assert_eq!(m.relationships, strings(&["Mara Quill/Tobin Ashe"]));
    assert_eq!(
        m.characters,
        strings(&["Mara Quill", "Tobin Ashe", "The Harbourmaster"])
    );
    assert_eq!(
        m.tags,
        strings(&["Lighthouses", "Slow Burn", "Found Family"])
    );
    assert_eq!(m.language.as_deref(), Some("English"));
    assert_eq!(
        m.series,
        [SeriesPart {
            name: "Harbour Lights".into(),
            position: Some(2)
        }]
    );
    assert_eq!(
        m.source_url.as_deref(),
        Some("https://archiveofourown.org/works/90000001")
    );
    assert_eq!(m.published.as_deref(), Some("2025-03-01"));
    assert_eq!(m.updated.as_deref(), Some("2025-04-12"));
    assert_eq!((m.chapters_posted, m.chapters_total), (Some(2), None));
    assert_eq!(m.words_stated, Some(412));
    assert_eq!(s.complete, Some(false), "2/? is a work in progress");
    assert_eq!(
        s.summary(),
        Some(
            "Mara keeps the light on Gull Point and a ledger of every ship that passes.\n\n\
             This winter, one ship keeps coming back."
        )
    );
    assert_eq!(
        part_titles(&s),
        ["Chapter 1: The Lamp", "Chapter 2: The Ledger"]
    );
    let doc = &s.document;
    assert_eq!(
        doc.count(BlockKind::SceneBreak),
        2,
        "an <hr> and a centred * * *"
    );
    assert_eq!(doc.count(BlockKind::Verse), 1, "the paragraph with a <br>");
    let notes: Vec<&str> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| doc.text(b))
        .collect();
    assert_eq!(
        notes,
        [
            "Written for a friend who loves lighthouses.",
            "Chapter Notes:\nThe first of three, I think.",
            "Chapter End Notes:\nMore soon.",
            "End Notes:\nThank you for reading.",
        ]
    );
    let text = doc.full_text();
    assert!(text.contains("the Merrow was already rounding the point"));
    assert!(
        !text.contains("Please drop by"),
        "the closing message is not story"
    );
    assert!(
        !text.contains("Posted originally"),
        "the preface is not story"
    );
}

#[test]
fn an_ao3_epub_download_gives_every_tag() {
    let s = read("ao3_salt_road.epub");
    assert_eq!(s.format, Format::Epub);
    assert_eq!(s.title, "Salt Road");
    assert_eq!(s.author.as_deref(), Some("ferrywoman"));
    assert_eq!(s.rating.level, RatingLevel::Mature);
    assert_eq!(s.warnings.state, WarningState::Some);
    assert_eq!(
        s.warnings.categories,
        [WarningCategory::CharacterDeath, WarningCategory::Violence]
    );
    let m = &s.metadata;
    assert_eq!(m.categories, strings(&["M/M"]));
    assert_eq!(
        m.fandoms,
        strings(&["Original Work", "Folklore & Fairy Tales"])
    );
    assert_eq!(m.relationships, strings(&["Corin/Edda"]));
    assert_eq!(m.characters, strings(&["Corin", "Edda"]));
    assert_eq!(m.tags, strings(&["Islands", "Hurt/Comfort"]));
    assert_eq!(m.collections, strings(&["Winter Crossings 2025"]));
    assert_eq!(
        m.series,
        [SeriesPart {
            name: "Salt Roads".into(),
            position: Some(1)
        }]
    );
    assert_eq!((m.chapters_posted, m.chapters_total), (Some(3), Some(3)));
    assert_eq!(m.updated.as_deref(), Some("2025-02-02"));
    assert_eq!(m.words_stated, Some(251));
    assert_eq!(s.complete, Some(true));
    assert_eq!(
        s.summary(),
        Some("A ferry, an island, a house with its shutters nailed closed.")
    );
    assert_eq!(
        part_titles(&s),
        [
            "Chapter 1: Crossing",
            "Chapter 2: The Island",
            "Chapter 3: Salt"
        ]
    );
    let doc = &s.document;
    assert!(
        doc.full_text()
            .ends_with("Neither of them ever wrote down why.")
    );
    // The preface's second split file (no #preface id, classes renamed) is not story.
    let first = doc.blocks().first().map(|b| doc.text(b));
    assert_eq!(first, Some("Chapter 1: Crossing"));
    let notes: Vec<&str> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| doc.text(b))
        .collect();
    assert_eq!(
        notes,
        ["Chapter Notes:\nThe island is real; the house is not."]
    );
    assert_eq!(doc.count(BlockKind::Paragraph), 6);
}

#[test]
fn a_fanficfare_epub_gives_its_title_page_entries() {
    let s = read("fff_low_tide.epub");
    assert_eq!(s.title, "Low Tide");
    assert_eq!(s.author.as_deref(), Some("Marram"));
    assert_eq!(s.rating.level, RatingLevel::General);
    assert_eq!(s.warnings.state, WarningState::None);
    let m = &s.metadata;
    assert_eq!(m.fandoms, strings(&["Original Work"]));
    assert_eq!(m.categories, strings(&["F/F"]));
    assert_eq!(m.tags, strings(&["Fluff", "Slow Burn"]));
    assert_eq!(m.relationships, strings(&["Wren Marram/Isolde Fenn"]));
    assert_eq!(m.characters, strings(&["Wren Marram", "Isolde Fenn"]));
    assert_eq!(
        m.series,
        [SeriesPart {
            name: "Shorelines".into(),
            position: Some(2)
        }]
    );
    assert_eq!(
        m.source_url.as_deref(),
        Some("https://archiveofourown.org/works/90000003")
    );
    assert_eq!((m.chapters_posted, m.chapters_total), (Some(2), Some(2)));
    assert_eq!(m.words_stated, Some(143));
    assert_eq!(s.complete, Some(true), "Status: Completed");
    assert_eq!(
        s.summary(),
        Some("Two tide-watchers, one tide table, and a great deal of tea.")
    );
    assert_eq!(part_titles(&s), ["Low Water", "High Water"]);
    let text = s.document.full_text();
    assert!(
        !text.contains("Table of Contents"),
        "the contents page is not story"
    );
    assert!(!text.contains("Packaged"), "the title page is not story");
}

#[test]
fn a_fanficfare_html_gives_the_same_as_its_epub() {
    let html = read("fff_low_tide.html");
    let epub = read("fff_low_tide.epub");
    assert_eq!(html.format, Format::Html);
    assert_eq!(html.title, "Low Tide");
    assert_eq!(html.author.as_deref(), Some("Marram"));
    assert_eq!(html.rating, epub.rating);
    assert_eq!(html.warnings, epub.warnings);
    assert_eq!(html.summary(), epub.summary());
    assert_eq!(html.complete, Some(true));
    // The package's language code is the EPUB's only extra: the title page says English.
    let mut m = epub.metadata.clone();
    m.language = Some("English".into());
    assert_eq!(html.metadata, m);
    assert_eq!(part_titles(&html), ["Low Water", "High Water"]);
    assert_eq!(html.document.full_text(), epub.document.full_text());
}

#[test]
fn a_plain_epub_gives_title_and_author_and_nothing_invented() {
    let s = read("plain_paper_boats.epub");
    assert_eq!(s.title, "Paper Boats");
    assert_eq!(s.author.as_deref(), Some("Ona Reed"));
    assert_eq!(s.rating.level, RatingLevel::NotRated);
    assert_eq!(s.warnings.state, WarningState::Unknown);
    assert_eq!(s.metadata.language.as_deref(), Some("en"));
    let m = ficshelf::engine::Metadata {
        language: Some("en".into()),
        ..Default::default()
    };
    assert_eq!(s.metadata, m, "only what the package says");
    assert_eq!(s.complete, None);
    assert_eq!(
        part_titles(&s),
        ["One", "Two"],
        "chapters from the nav document"
    );
    assert!(!s.document.full_text().contains("Contents"));
}

#[test]
fn library_cards_show_fandom_and_relationship_and_search_finds_tags() {
    for ext in ["epub", "html", "htm", "xhtml"] {
        assert!(STORY_EXTENSIONS.contains(&ext), "{ext} is scanned");
    }
    let entry = Entry::read(&fixture("ao3_salt_road.epub")).unwrap_or_else(|e| panic!("{e}"));
    let card: &StoryMeta = &entry.meta;
    assert_eq!(card.format, Format::Epub);
    assert_eq!(card.fandom(), Some("Original Work"));
    assert_eq!(card.pairing(), Some("Corin/Edda"));
    let search = card.search_text();
    for word in ["folklore", "hurt/comfort", "salt roads", "edda"] {
        assert!(search.contains(word), "search sees {word}");
    }
}

#[test]
fn a_text_story_fills_what_its_header_gives() {
    let text = "Title: Hollow Hours\nAuthor: Kay\nFandom: Due South\nPairing: Fraser/Kowalski\n\
                Series: Northern Lights #3\n\nThe snow came early that year and did not stop.\n";
    let file = common::temp_file("hollow.txt", text.as_bytes());
    let s = Story::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.format, Format::Text);
    assert_eq!(s.metadata.fandoms, strings(&["Due South"]));
    assert_eq!(s.metadata.relationships, strings(&["Fraser/Kowalski"]));
    assert_eq!(s.metadata.series[0].position, Some(3));
}

#[cfg(feature = "gui")]
#[test]
fn inspect_json_prints_the_new_keys_for_every_format() {
    let text = common::temp_file("plain.txt", b"Title: X\n\nA story of some words.\n");
    let files = [
        fixture("ao3_lamplighters_ledger.html"),
        fixture("ao3_salt_road.epub"),
        fixture("fff_low_tide.epub"),
        fixture("plain_paper_boats.epub"),
        text.to_path_buf(),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .arg("inspect")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let keys = [
        "format",
        "fandoms",
        "relationships",
        "characters",
        "categories",
        "tags",
        "language",
        "series",
        "source_url",
        "ao3_work_id",
        "published",
        "updated",
        "chapters_posted",
        "chapters_total",
        "words_stated",
        "title",
        "author",
        "rating",
        "warnings",
        "summary",
        "parts",
    ];
    for report in v.as_array().into_iter().flatten() {
        for key in keys {
            assert!(report.get(key).is_some(), "{key} missing in {report}");
        }
    }
    let ao3 = &v[0];
    assert_eq!(ao3["format"], "html");
    assert_eq!(ao3["rating"], "teen");
    assert_eq!(ao3["warnings_state"], "choose_not_to_warn");
    assert_eq!(ao3["series"][0]["name"], "Harbour Lights");
    assert_eq!(ao3["series"][0]["position"], 2);
    assert_eq!(ao3["chapters_posted"], 2);
    assert_eq!(ao3["chapters_total"], serde_json::Value::Null);
    assert_eq!(ao3["words_stated"], 412);
    assert_eq!(ao3["ao3_work_id"], 90000001);
    assert_eq!(v[1]["format"], "epub");
    assert_eq!(v[1]["warnings"][0], "character_death");
    assert_eq!(v[2]["fandoms"][0], "Original Work");
    assert_eq!(v[3]["tags"], serde_json::json!([]));
    assert_eq!(v[3]["source_url"], serde_json::Value::Null);
    assert_eq!(v[3]["ao3_work_id"], serde_json::Value::Null);
    assert_eq!(v[4]["format"], "text");
}

#[test]
fn a_fanficfare_txt_gives_its_title_page_chapters_and_emphasis() {
    let s = read("fff_low_tide.txt");
    assert_eq!(s.format, Format::Text);
    assert_eq!(s.title, "Low Tide");
    assert_eq!(s.author.as_deref(), Some("Marram"));
    assert_eq!(s.rating.level, RatingLevel::General);
    assert_eq!(s.warnings.state, WarningState::None);
    let m = &s.metadata;
    assert_eq!(m.fandoms, strings(&["Original Work"]));
    assert_eq!(m.categories, strings(&["F/F"]));
    assert_eq!(m.tags, strings(&["Fluff", "Slow Burn"]));
    assert_eq!(m.relationships, strings(&["Wren Marram/Isolde Fenn"]));
    assert_eq!((m.chapters_posted, m.chapters_total), (Some(2), Some(2)));
    assert_eq!(m.ao3_work_id(), Some(90000003));
    assert_eq!(s.complete, Some(true));
    assert_eq!(part_titles(&s), ["Low Water", "High Water"]);
    let doc = &s.document;
    assert_eq!(
        doc.count(BlockKind::Paragraph),
        4,
        "wrapped lines joined back"
    );
    assert_eq!(doc.count(BlockKind::Note), 0, "the contents are not story");
    let text = doc.full_text();
    assert!(!text.contains("End file."));
    assert!(text.contains("Wren kept the tide table pinned above the sink, corrected"));
    assert!(
        runs(&s)
            .iter()
            .any(|(t, style)| t == "tide table" && *style == Inline::ITALIC),
        "html2text's _italics_"
    );
}

#[test]
fn a_fichub_epub_gives_its_introduction_and_ffn_line() {
    let s = read("fichub_quiet_harbour.epub");
    assert_eq!(s.format, Format::Epub);
    assert_eq!(s.title, "The Quiet Harbour");
    assert_eq!(s.author.as_deref(), Some("Tamsin Reed"));
    assert_eq!(s.rating.level, RatingLevel::Teen, "FFN's Fiction T");
    assert_eq!(s.warnings.state, WarningState::Unknown);
    assert_eq!(
        s.summary(),
        Some("Two lighthouse keepers trade letters across a winter bay.")
    );
    assert_eq!(s.complete, Some(false), "Status: ongoing");
    let m = &s.metadata;
    assert_eq!(m.language.as_deref(), Some("English"));
    assert_eq!(m.tags, strings(&["Romance", "Hurt/Comfort"]));
    assert_eq!(m.relationships, strings(&["Mara Q./Tobin A."]));
    assert_eq!(
        m.characters,
        strings(&["Mara Q.", "Tobin A.", "Harbourmaster"])
    );
    assert_eq!(
        m.source_url.as_deref(),
        Some("https://www.fanfiction.net/s/90000004/1/")
    );
    assert_eq!(m.ao3_work_id(), None);
    assert_eq!(
        (m.published.as_deref(), m.updated.as_deref()),
        (Some("2021-03-04"), Some("2021-05-06"))
    );
    assert_eq!((m.chapters_posted, m.words_stated), (Some(2), Some(47)));
    assert_eq!(part_titles(&s), ["1. Letters", "2. Replies"]);
    let text = s.document.full_text();
    assert!(
        !text.contains("Exported with"),
        "the introduction is not story"
    );
    assert!(!text.contains("Status:"));
    assert_eq!(s.document.words(), 47);
    assert!(
        runs(&s)
            .iter()
            .any(|(t, style)| t == "once more" && *style == Inline::ITALIC)
    );
}

#[test]
fn a_fichub_html_zip_gives_the_same_as_its_epub() {
    let zip = read("fichub_quiet_harbour.zip");
    let epub = read("fichub_quiet_harbour.epub");
    assert_eq!(zip.format, Format::Html, "the page inside the ZIP");
    assert_eq!(zip.title, epub.title);
    assert_eq!(zip.author, epub.author);
    assert_eq!(zip.rating, epub.rating);
    assert_eq!(zip.summary(), epub.summary());
    // The HTML page gives no status nor dates of its own (the FFN line's are FFN's words).
    assert_eq!(zip.complete, None);
    let mut m = epub.metadata.clone();
    (m.published, m.updated) = (None, None);
    assert_eq!(zip.metadata, m);
    assert_eq!(part_titles(&zip), ["1. Letters", "2. Replies"]);
    assert_eq!(zip.document.full_text(), epub.document.full_text());
    let text = zip.document.full_text();
    assert!(
        !text.contains("next chapter"),
        "the chapter links are not story"
    );
}

#[test]
fn a_zip_of_several_stories_asks_to_be_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.zip");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for name in ["a.txt", "b.txt"] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"Title: A\n\nOnce.").unwrap();
    }
    zip.finish().unwrap();
    let err = Story::read(&path).unwrap_err().to_string();
    assert!(
        err.contains("2 story pages") && err.contains("unpack"),
        "{err}"
    );
}

#[test]
fn kindle_books_and_pdfs_are_named_not_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut mobi = vec![0u8; 60];
    mobi.extend_from_slice(b"BOOKMOBI");
    mobi.extend_from_slice(&[0u8; 200]);
    for (name, bytes) in [
        ("a.mobi", mobi),
        ("b.pdf", b"%PDF-1.7\n%\xe2\xe3\n".to_vec()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = Story::read(&path).unwrap_err().to_string();
        assert!(err.contains("EPUB, HTML and text"), "{name}: {err}");
    }
}
