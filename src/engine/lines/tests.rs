//! Tests of line shapes: scene breaks, headings, endings, notes and part markers.

use super::*;

#[test]
fn symbol_scene_breaks() {
    for line in [
        "* * *",
        "***",
        "~~~~~",
        "- - -",
        "-----",
        "#",
        "~*~*~",
        "=====",
        "  ∞  ∞  ∞  ",
        "\u{a0}∞\u{a0}∞\u{a0}∞",
        "+",
        "xXx",
        "oOo",
        "o0o0o",
        "~oOo~",
        "-oOo-",
        "OoO",
        "* ~ *",
        "§",
        "  ?  ?  ?  ?  ?  ",
        "\u{FFFD} \u{FFFD} \u{FFFD}",
        "___",
    ] {
        assert!(is_scene_break(line), "{line:?}");
    }
}

#[test]
fn prose_and_pauses_are_not_scene_breaks() {
    for line in [
        "...", "…", "—", "- -", "Ooo", "ox", "xx", "I", "OK", "Yes.", "\"...\"", "oOo oh", "?",
        "?!",
    ] {
        assert!(!is_scene_break(line), "{line:?}");
    }
}

#[test]
fn part_and_chapter_headings() {
    let cases = [
        ("~Part: 1~", "Part 1"),
        ("Part 1", "Part 1"),
        ("PART 3", "Part 3"),
        ("Part One", "Part One"),
        ("* Part Two *", "Part Two"),
        ("Chapter 3: The Return", "Chapter 3: The Return"),
        ("Chapter 12 - Home", "Chapter 12: Home"),
        ("Chapter IV", "Chapter IV"),
        ("Prologue", "Prologue"),
        ("EPILOGUE", "Epilogue"),
        ("Epilogue: Ten Years Later", "Epilogue: Ten Years Later"),
        ("* 1 *", "Part 1"),
        ("~ 3 ~", "Part 3"),
        ("(2/5)", "Part 2"),
        ("12", "Part 12"),
        ("Part 2 of 3", "Part 2 of 3"),
        ("Chapter 7 The Storm", "Chapter 7: The Storm"),
    ];
    for (line, want) in cases {
        assert_eq!(heading(line).as_deref(), Some(want), "{line:?}");
    }
}

#[test]
fn prose_is_not_a_heading() {
    for line in [
        "Part of me wanted to stay.",
        "Part 2 of the plan was simple.",
        "Chapter and verse, she thought, chapter and verse.",
        "One",
        "I",
        "1998 was a bad year.",
        "Book me a room, please.",
        "Act like you mean it.",
        "Prologue to a disaster, really, was what it was all along and always.",
    ] {
        assert_eq!(heading(line), None, "{line:?}");
    }
}

#[test]
fn endings() {
    for line in [
        "The End",
        "The End ",
        "THE END!",
        "~fin~",
        "End file.",
        "End.",
        "(The End)",
    ] {
        assert_eq!(ending(line), Some(Ending::Complete), "{line:?}");
    }
    for line in [
        "TBC",
        "T.B.C.",
        "To be continued...",
        "(to be continued)",
        "End of Part 1",
    ] {
        assert_eq!(ending(line), Some(Ending::Continued), "{line:?}");
    }
    for line in [
        "The end of the world was coming.",
        "Endless.",
        "Then it ended.",
    ] {
        assert_eq!(ending(line), None, "{line:?}");
    }
}

#[test]
fn author_note_markers() {
    assert!(starts_note("A/N: Thanks to my beta."));
    assert!(starts_note("(Author’s Note: written for a prompt)"));
    assert!(starts_note("AN: hi"));
    assert!(starts_note("/* Over to you: who rescues them? */"));
}

#[test]
fn parts_before_the_last() {
    assert!(part_of_more("Part One of Two"));
    assert!(part_of_more("Part 2 of 5: Home"));
    assert!(part_of_more("Part II of IV"));
    assert!(!part_of_more("Part Two of Two"));
    assert!(!part_of_more("Part 3"));
    assert!(!part_of_more("Chapter 1: Out of Time"));
}

#[test]
fn ornaments_ascii_and_not() {
    for c in ORNAMENTS.chars() {
        assert!(is_ornament(c), "{c}");
    }
    for c in ['a', 'Z', '0', '"', '\'', ',', ';', 'é'] {
        assert!(!is_ornament(c), "{c}");
    }
}

#[test]
fn titles_that_name_their_part() {
    for t in [
        "A LONG WINTER -- Part 1",
        "The Road Home, Part II",
        "Road Home - pt.1",
        "Road Home - pt 2",
        "Road Home (2/5)",
        "Chapter Three",
    ] {
        assert!(names_part(t), "{t}");
    }
    for t in ["The Road Home", "Part of the Crowd", "Departure"] {
        assert!(!names_part(t), "{t}");
    }
    assert_eq!(
        heading("Part '1' - Surprises and Salutations").as_deref(),
        Some("Part 1: Surprises and Salutations")
    );
    assert!(!starts_note("And then she left."));
    assert!(!starts_note("Annie ran."));
}
