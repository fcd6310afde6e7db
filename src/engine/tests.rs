//! Tests of story assembly: header, rating, warnings and body together, and bad input.

use super::*;

const BODY: &str = "The rain had not stopped for three days, and nobody in the print shop minded.";

fn story(text: &str) -> Story {
    Story::parse(text.as_bytes(), "the_long_way.txt").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn keyed_header_story() {
    let s = story(&format!(
        "Title: Hollow Hours\nAuthor: Kay\nRating: R/NC-17 for violence\nWarnings: major character death\nPairing: M/T\nSummary: A flood.\nStatus: WIP\n\n{BODY}\n"
    ));
    assert_eq!(
        (s.title.as_str(), s.title_source),
        ("Hollow Hours", TitleSource::Header)
    );
    assert_eq!(s.author.as_deref(), Some("Kay"));
    assert_eq!(
        (s.rating.level, s.rating.lowest),
        (RatingLevel::Explicit, RatingLevel::Mature)
    );
    assert_eq!(s.warnings.state, WarningState::Some);
    assert!(s.warnings.has(WarningCategory::CharacterDeath));
    assert!(
        s.warnings.has(WarningCategory::Violence),
        "rating reasons feed the warnings"
    );
    assert_eq!((s.pairing(), s.summary()), (Some("M/T"), Some("A flood.")));
    assert_eq!(s.complete, Some(false));
    assert_eq!(s.document.count(BlockKind::Paragraph), 1);
}

#[test]
fn title_falls_back_to_the_file_name() {
    let s = story(&format!("{BODY}\n\n{BODY}\n"));
    assert_eq!(
        (s.title.as_str(), s.title_source),
        ("The long way", TitleSource::FileName)
    );
    assert_eq!(s.rating.level, RatingLevel::NotRated);
    assert_eq!(s.warnings.state, WarningState::Unknown);
}

#[test]
fn file_name_titles_read_as_titles() {
    let title = |name: &str| {
        Story::parse(BODY.as_bytes(), name)
            .map(|s| s.title)
            .unwrap_or_default()
    };
    assert_eq!(title("a-wind-for-tam.txt"), "A wind for tam");
    assert_eq!(title("00012_élan__vital.txt"), "00012 élan vital");
    assert_eq!(title("___.txt"), "Untitled");
}

#[test]
fn a_pairing_of_none_is_no_pairing() {
    let s = story(&format!("Title: X\nPairing: None\n\n{BODY}\n"));
    assert_eq!(s.pairing(), None);
    assert_eq!(
        s.field(FieldKey::Pairing),
        Some("None"),
        "the raw field stays"
    );
}

#[test]
fn reason_categories_keep_an_unknown_state() {
    let s = story(&format!("Title: X\nRating: NC-17 for torture\n\n{BODY}\n"));
    assert_eq!(s.warnings.state, WarningState::Unknown);
    assert!(s.warnings.has(WarningCategory::Violence));
}

#[test]
fn ending_wins_over_status() {
    let s = story(&format!("Title: X\nStatus: WIP\n\n{BODY}\n\nThe End\n"));
    assert_eq!(s.complete, Some(true));
    let s = story(&format!("Title: X\nStatus: Complete\n\n{BODY}\n"));
    assert_eq!(s.complete, Some(true));
}

#[test]
fn a_post_handing_the_story_on_to_others_is_not_complete() {
    let news = "From: jo@example.org (Jo Writer)\nNewsgroups: alt.startrek.creative\nSubject: A battle of minds\n\n";
    let body = format!("{BODY}\n\n{BODY}\n\n");
    // The writer's closing aside opens the round robin to others.
    let s = story(&format!(
        "{news}{body}/* Who is the other ship?  Someone else decide.\n * The choice is yours.\n */\n"
    ));
    assert_eq!(s.complete, Some(false));
    // The aside is a note after the story, read as prose without its marks.
    let blocks = s.document.blocks();
    let last = blocks.last().map(|b| (b.kind, s.document.text(b)));
    assert_eq!(
        last,
        Some((
            BlockKind::Note,
            "Who is the other ship? Someone else decide. The choice is yours."
        ))
    );
    // So does a note before the story, shown as its paragraphs.
    let s = story(&format!(
        "{news}/* Let me kick it off here... add as you see\n * fit.\n *\n * May the best win.\n */\n\n{body}"
    ));
    assert_eq!(s.complete, Some(false));
    assert_eq!(
        s.header_notes,
        [
            "Let me kick it off here... add as you see fit.",
            "May the best win."
        ]
    );
    // The same words said in the story are the story's: a one-shot post is complete.
    let s = story(&format!(
        "{news}{body}\"Someone else decide,\" she said. \"The choice is yours.\" And she left.\n"
    ));
    assert_eq!(s.complete, Some(true));
}

#[test]
fn a_labelled_note_before_the_story_is_shown_once() {
    let text = format!(
        "From: jo@example.org (Jo Poster)\nNewsgroups: alt.tv.x-files.creative\nSubject: Long Winter\n\nNOTE:  I am not the author!  Please write to Ann Smith with\nyour comments.  Thanks and enjoy.\n\nLONG WINTER\n\nAn unofficial X-Files story\n\nAnn Smith\n\n\n{}",
        format!("{BODY}\n\n").repeat(12)
    );
    let s = story(&text);
    assert_eq!(s.author.as_deref(), Some("Ann Smith"));
    let note = s.fields.iter().find(|f| f.value.starts_with("I am not"));
    let note = note.unwrap_or_else(|| panic!("the note is a field: {:?}", s.fields));
    assert!(s.field_in_notes(note), "{:?}", s.header_notes);
    let other = Field {
        key: FieldKey::Rating,
        label: "Rating".to_string(),
        value: "PG".to_string(),
    };
    assert!(!s.field_in_notes(&other));
}

#[test]
fn bad_input_gives_errors_or_sensible_stories() {
    assert!(Story::parse(b"", "empty.txt").is_ok_and(|s| s.document.blocks().is_empty()));
    assert!(matches!(
        Story::parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt"),
        Err(DecodeError::NotText { .. })
    ));
    let invalid = b"Title: Caf\xe9\n\nShe ordered a caf\xe9 and sat by the window.";
    let s = Story::parse(invalid, "x.txt").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.title, "Café");
    let long_line = "word ".repeat(200_000);
    let s = story(&long_line);
    assert_eq!(s.document.words(), 200_000);
    let header_only = story("Title: Only a header\nAuthor: Kay\n");
    assert_eq!(header_only.title, "Only a header");
    assert!(header_only.document.blocks().is_empty());
    let blank = story(&"\n".repeat(10_000));
    assert!(blank.document.blocks().is_empty());
}

#[test]
fn reading_a_missing_file_or_a_folder_is_an_error_with_the_path() {
    let err = Story::read(Path::new("/nonexistent/story.txt")).err();
    assert!(err.is_some_and(|e| e.to_string().contains("/nonexistent/story.txt")));
    let err = Story::read(Path::new(env!("CARGO_MANIFEST_DIR"))).err();
    assert!(matches!(err, Some(ReadError::NotAFile { .. })));
}

#[test]
fn a_title_page_in_capitals_reads_in_title_case() {
    // The 1990s title page: centred capitals, `by`, a name spaced out.
    let s = story(&format!(
        "                    THE LADY AND THE TIGER\n\n                            by\n\n                    Deborah  Davis\n\n{BODY}\n\n{BODY}\n"
    ));
    assert_eq!(s.title, "The Lady and the Tiger");
    assert_eq!(s.author.as_deref(), Some("Deborah Davis"));
    // The author's own casing of a keyed title is kept.
    let s = story(&format!(
        "Title: The Lady and the TIGER\nAuthor: Kay\n\n{BODY}\n"
    ));
    assert_eq!(s.title, "The Lady and the TIGER");
}

#[test]
fn a_document_written_in_its_own_buffer_is_the_one_a_copy_gives() {
    // The real archive files (when ../shared is beside the project): planning over the
    // file's own text and writing there gives exactly what writing a new copy gives.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let text = decode::decode(&bytes)
            .unwrap_or_else(|e| panic!("{e}"))
            .text;
        let copy = {
            let lines = split_lines(&text);
            document::plan(&lines, "").write(String::new())
        };
        let planned = document::plan(&split_lines(&text), &text);
        let in_place = planned.write(text);
        assert_eq!(in_place, copy, "{}", path.display());
        // A text file's emphasis taken out in place: each block as it reads on its own.
        let plain = |text: &str| match crate::formats::emphasis::extract(text) {
            (plain, spans) if !spans.is_empty() => plain,
            _ => text.to_string(),
        };
        let want: Vec<String> = copy.blocks().iter().map(|b| plain(copy.text(b))).collect();
        let styled = in_place.restyled(|_, text| {
            let (plain, spans) = crate::formats::emphasis::extract(text);
            (!spans.is_empty()).then_some((plain, spans))
        });
        let got: Vec<&str> = styled.blocks().iter().map(|b| styled.text(b)).collect();
        assert_eq!(got, want, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 30, "{checked} files");
}

#[test]
fn a_restyled_block_that_grows_sends_the_rest_to_a_new_buffer() {
    let doc = document::build(&["One.", "", "Two.", "", "Three."]);
    let doc = doc.restyled(|_, text| {
        (text == "Two.").then(|| ("Two, longer than it was.".to_string(), Vec::new()))
    });
    let texts: Vec<&str> = doc.blocks().iter().map(|b| doc.text(b)).collect();
    assert_eq!(texts, ["One.", "Two, longer than it was.", "Three."]);
    assert_eq!(doc.full_text(), "One.Two, longer than it was.Three.");
}
