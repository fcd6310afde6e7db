//! Tests of news and mail headers: blocks, later posts, subjects and names.

use super::*;

const POST: &str = "Article 12 of alt.example.creative:\nPath: a!b!c\nFrom: jo@example.org (Jo Writer)\nNewsgroups: alt.example.creative\nSubject: Re: The Long Road (1/2) [PG]\nDate: 6 Feb 1994 10:00:00 GMT\nLines: 40\n\nThe story.";

#[test]
fn a_news_header_is_one_block_with_its_fields() {
    let lines: Vec<&str> = POST.lines().collect();
    let h = leading(&lines).expect("a header");
    assert_eq!((h.start, h.end), (0, 7));
    assert_eq!(h.get("newsgroups"), Some("alt.example.creative"));
    assert_eq!(h.get("Date"), Some("6 Feb 1994 10:00:00 GMT"));
}

#[test]
fn labelled_story_fields_are_not_a_news_header() {
    let lines = ["Title: Mine", "Summary: A walk.", "", "Text."];
    assert!(leading(&lines).is_none());
}

#[test]
fn mbox_envelope_and_continuations() {
    let lines = [
        "From jo@example.org  Thu Aug  4 05:16:22 1994",
        "Received: from a by b",
        "\tvia SMTP",
        "Subject: Tale",
        "",
        "Text.",
    ];
    let h = leading(&lines).expect("a header");
    assert_eq!(h.end, 4);
    assert_eq!(h.get("received"), Some("from a by b via SMTP"));
}

#[test]
fn subjects_name_parts() {
    for (subject, part) in [
        ("Christmas Tale - pt 2", Some("Part 2")),
        ("Christmas Tale - pt.1", Some("Part 1")),
        ("NEW STORY: Tale (part 02/02)", Some("Part 2")),
        ("Tale - Part III (end)", Some("Part III")),
        ("Tale (3/7) [PG]", Some("Part 3")),
        ("Tale", None),
        ("Part of me", None),
    ] {
        assert_eq!(subject_part(subject).as_deref(), part, "{subject}");
    }
}

#[test]
fn a_double_spaced_header_is_one_block() {
    let lines: Vec<&str> =
        "Newsgroups: alt.example\n\nPath: a!b\n\nFrom: jo@example.org\n\nSubject: Tale\n\n\nStory."
            .lines()
            .collect();
    let h = leading(&lines).expect("a header");
    assert_eq!((h.end, h.get("subject")), (7, Some("Tale")));
}

#[test]
fn later_headers_are_found() {
    let lines: Vec<&str> = "Story.\n\nPath: x\nFrom: a@b\nSubject: Tale (2/2)\n\nMore."
        .lines()
        .collect();
    let found = later_blocks(&lines, 1);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].start, found[0].end), (2, 5));
    assert_eq!(found[0].get("subject"), Some("Tale (2/2)"));
}

#[test]
fn title_blocks_are_cleaned() {
    assert_eq!(
        clean_title("Long Road   (1a/7)").as_deref(),
        Some("Long Road")
    );
    assert_eq!(
        clean_title("Tale (or, Another Tale!)").as_deref(),
        Some("Tale (or, Another Tale!)")
    );
    assert_eq!(clean_title("\"Tale\"").as_deref(), Some("Tale"));
    assert_eq!(clean_title("TALE -- Part 1").as_deref(), Some("TALE"));
    assert_eq!(
        clean_title("Here follows \"Tale\",").as_deref(),
        Some("Tale")
    );
    assert_eq!(
        clean_title("Fever or \"How I Lost\"").as_deref(),
        Some("Fever or \"How I Lost\"")
    );
}

#[test]
fn subjects_that_promise_more() {
    assert!(says_part_of_more("Tale (1/4)"));
    assert!(says_part_of_more("Tale, Part 1 of 2"));
    assert!(!says_part_of_more("Tale (4/4)"));
    assert!(!says_part_of_more("Tale"));
}

#[test]
fn post_dates_as_a_reader_says_them() {
    assert_eq!(
        day_of("Sun, 6 Feb 1994 04:57:52 GMT").as_deref(),
        Some("6 February 1994")
    );
    assert_eq!(
        day_of("Sat, 4 May 91 01:13:12 GMT").as_deref(),
        Some("4 May 1991")
    );
    assert_eq!(day_of("yesterday"), None);
}

#[test]
fn names_and_subjects_are_cleaned() {
    assert_eq!(
        display_name("ch1@example.edu (Ann B. Smith)").as_deref(),
        Some("Ann B. Smith")
    );
    assert_eq!(
        display_name("\"Ann Smith\" <a@b.c>").as_deref(),
        Some("Ann Smith")
    );
    assert_eq!(display_name("a@b.c"), None);
    assert_eq!(
        subject_title("Re: NEW: The Long Road (1/4) [PG]").as_deref(),
        Some("The Long Road")
    );
    assert_eq!(
        subject_title("Fandom fanfic: \"Spirit\"").as_deref(),
        Some("Spirit")
    );
    assert_eq!(
        subject_title("New DS9 story: Night Watch").as_deref(),
        Some("Night Watch")
    );
    assert_eq!(
        subject_title("Night Watch - Part 2 of 5").as_deref(),
        Some("Night Watch")
    );
}
