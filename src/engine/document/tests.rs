//! Tests of block building: every paragraph style, scene-break family, heading and ending.

use super::*;

fn doc(text: &str) -> Document {
    let lines: Vec<&str> = text.split('\n').collect();
    build(&lines)
}

/// (kind, text) for every block, for compact assertions.
fn shape(d: &Document) -> Vec<(BlockKind, &str)> {
    d.blocks().iter().map(|b| (b.kind, d.text(b))).collect()
}

use BlockKind::{
    Ending as End, Heading as H, Note as N, Paragraph as P, SceneBreak as S, Verse as V,
};

const A: &str =
    "Mara counted the barges as they passed beneath the bridge, one by one, until the light went.";
const B: &str =
    "Tobin came in at noon with bread and a letter that he would not let her read just yet.";
const C: &str =
    "By evening the river had risen past the third step, and the lamplighters went out early.";

#[test]
fn blank_line_paragraphs() {
    let d = doc(&format!("{A}\n\n{B}\n\n{C}\n"));
    assert_eq!(shape(&d), vec![(P, A), (P, B), (P, C)]);
    assert!(!d.hard_wrapped());
}

#[test]
fn one_paragraph_per_line() {
    let d = doc(&format!("{A}\n{B}\n{C}\n{A}\n"));
    assert_eq!(d.count(P), 4);
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "The rain had not stopped for three days, and the gutters of the old town\n\
                ran brown with silt from the hills. Mara watched it from the window of\n\
                the print shop, counting the barges under the bridge.\n\
                \n\
                Tobin came in at noon with bread and a letter he would not let her read\n\
                until she had eaten something, which she thought was a very unfair trade\n\
                and told him so at length, twice, with feeling.\n\
                \n\
                By evening the river had risen past the third step of the water stairs,\n\
                and the lamplighters went out early with their long poles and their oil.\n";
    let d = doc(text);
    assert!(d.hard_wrapped());
    assert_eq!(d.count(P), 3);
    let first = d.text(&d.blocks()[0]);
    assert!(
        first.starts_with("The rain") && first.ends_with("under the bridge."),
        "{first}"
    );
    assert!(first.contains("old town ran brown"), "{first}");
}

#[test]
fn hard_wrapped_with_indented_paragraphs_and_no_blank_lines() {
    let text = "\tThe rain had not stopped for three days, and the gutters of the old town\n\
                ran brown with silt from the hills. Mara watched it from the window.\n\
                \tTobin came in at noon with bread and a letter he would not let her read\n\
                until she had eaten something, which she thought was a very unfair trade.\n\
                \tBy evening the river had risen past the third step of the water stairs,\n\
                and the lamplighters went out early with their long poles and their oil.\n\
                \tNobody slept much that night, least of all Mara, who kept the lamp lit\n\
                and listened to the water talking to itself beneath the floorboards.\n";
    let d = doc(text);
    assert!(d.hard_wrapped());
    assert_eq!(d.count(P), 4, "{:#?}", shape(&d));
    assert!(d.text(&d.blocks()[1]).starts_with("Tobin came in"));
}

#[test]
fn mid_sentence_breaks_are_joined_in_line_per_paragraph_text() {
    let text = format!(
        "{A}\nShe was tired of all of it, the rain and the bread and the letters, and she\ncouldn't believe it.\n{B}\n"
    );
    let d = doc(&text);
    assert_eq!(d.count(P), 3);
    assert!(
        d.text(&d.blocks()[1])
            .contains("and she couldn't believe it.")
    );
}

#[test]
fn verse_keeps_its_line_breaks() {
    let text = format!(
        "{A}\n\nI walk the line alone tonight\nand the river sings along\nI walk the line\n\n{B}\n"
    );
    let d = doc(&text);
    assert_eq!(
        shape(&d)[1],
        (
            V,
            "I walk the line alone tonight\nand the river sings along\nI walk the line"
        )
    );
}

#[test]
fn letter_sign_off_is_verse() {
    let d = doc(&format!("{A}\n\nLove always,\nWillow\n"));
    assert_eq!(shape(&d)[1], (V, "Love always,\nWillow"));
}

#[test]
fn symbol_scene_breaks() {
    for mark in [
        "* * *",
        "***",
        "~~~~",
        "#",
        "-----",
        "∞ ∞ ∞ ∞",
        "oOo",
        "xXx",
        "o0o",
        "~*~*~",
    ] {
        let d = doc(&format!("{A}\n\n{mark}\n\n{B}\n"));
        assert_eq!(shape(&d), vec![(P, A), (S, mark), (P, B)], "{mark}");
    }
}

#[test]
fn a_wide_gap_of_blank_lines_is_a_scene_break_but_a_usual_one_is_not() {
    let d = doc(&format!(
        "{A}\n\n{B}\n\n\n\n(Ten days later)\n\n{C}\n\n{A}\n"
    ));
    assert_eq!(d.count(S), 1);
    let d = doc(&format!("{A}\n\n{B}\n\n\n{C}\n\n{A}\n"));
    assert_eq!(d.count(S), 0, "one extra blank line is not a break");
}

#[test]
fn line_per_paragraph_text_breaks_on_two_blank_lines() {
    let d = doc(&format!("{A}\n{B}\n\n\n{C}\n{A}\n"));
    assert_eq!(d.count(S), 1);
    let d = doc(&format!("{A}\n{B}\n\n{C}\n{A}\n"));
    assert_eq!(d.count(S), 0);
}

#[test]
fn breaks_that_separate_nothing_are_dropped() {
    let d = doc(&format!(
        "* * *\n\n{A}\n\n* * *\n\n~Part: 2~\n\n{B}\n\n* * *\n"
    ));
    assert_eq!(shape(&d), vec![(P, A), (H, "Part 2"), (P, B)]);
}

#[test]
fn a_break_before_a_heading_counts_when_the_story_uses_that_marker() {
    // The story's own marker before the epilogue is a scene break; a different rule
    // between parts is a divider.
    let d = doc(&format!(
        "{A}\n\n* * *\n\n{B}\n\n* * *\n\nEpilogue\n\n{C}\n\n=====\n\nPart 2\n\n{A}\n"
    ));
    assert_eq!(
        shape(&d),
        vec![
            (P, A),
            (S, "* * *"),
            (P, B),
            (S, "* * *"),
            (H, "Epilogue"),
            (P, C),
            (H, "Part 2"),
            (P, A)
        ]
    );
}

#[test]
fn a_rule_under_an_epigraph_is_not_a_scene_break() {
    let d = doc(&format!(
        "Part I\n\n\"Death is a door.\" An old saying.\n\n*****\n\n{A}\n\n{B}\n\n*****\n\n{C}\n\n{A}\n\n{B}\n"
    ));
    assert_eq!(d.marked_scene_breaks(), 1);
    // Curly quotes, and a quotation that ends its block.
    let d = doc(&format!(
        "“Death is a door.” — An old saying\n\n*****\n\n{A}\n\n{B}\n\n*****\n\n{C}\n\n{A}\n\n{B}\n"
    ));
    assert_eq!(d.marked_scene_breaks(), 1);
    let d = doc(&format!(
        "“Go.”\n\n*****\n\n{A}\n\n{B}\n\n{C}\n\n{A}\n\n{B}\n"
    ));
    assert_eq!(d.marked_scene_breaks(), 1, "a line of dialogue is a scene");
}

#[test]
fn a_marked_break_with_a_wide_gap_is_one_break() {
    let d = doc(&format!(
        "{A}\n\n{B}\n\n{C}\n\n\t\t*****\n\n\n\n{A}\n\n{B}\n\n{C}\n\n{A}\n"
    ));
    assert_eq!(d.marked_scene_breaks(), 1);
    assert_eq!(d.scene_gaps(), 0);
}

#[test]
fn bylines_under_part_headings_name_the_writers() {
    let d = doc(&format!(
        "Part One\nBy Jo Writer\n\n{A}\n\nPart Two\nby Ann Other\n\n{B}\n"
    ));
    assert_eq!(d.parts().len(), 2);
    assert_eq!(d.parts()[1].title, "Part Two");
    assert_eq!(d.part_authors(), ["Jo Writer", "Ann Other"]);
}

#[test]
fn parts_make_the_table_of_contents() {
    let d = doc(&format!(
        "Prologue\n\n{A}\n\n~Part: 1~\n\n{B}\n\nChapter 2: Home\n\n{C}\n"
    ));
    let titles: Vec<&str> = d.parts().iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Prologue", "Part 1", "Chapter 2: Home"]);
    assert_eq!(d.parts()[1].block, 2);
    assert_eq!(d.blocks()[2].kind, H);
}

#[test]
fn heading_after_a_short_line_in_line_per_paragraph_text() {
    // Regression: `* Part Six *` after a short line of dialogue was read as a paragraph.
    let d = doc(&format!(
        "{A}\n\"Go,\" Isolde said.\n* Part Six *\n{B}\n{C}\n"
    ));
    assert_eq!(d.parts().len(), 1, "{:#?}", shape(&d));
    assert_eq!(d.parts()[0].title, "Part Six");
}

#[test]
fn heading_with_its_title_on_the_next_line() {
    let d = doc(&format!("Chapter 1\nThe Beginning\n\n{A}\n"));
    assert_eq!(shape(&d)[0], (H, "Chapter 1: The Beginning"));
}

#[test]
fn endings_complete_and_continued() {
    let d = doc(&format!("{A}\n\n\n\nThe End\n"));
    assert_eq!(shape(&d), vec![(P, A), (End, "The End")]);
    assert_eq!(d.ending(), Some(Ending::Complete));
    let d = doc(&format!(
        "{A}\n\nTBC\n\nA/N: reviews make me write faster!\n"
    ));
    assert_eq!(d.ending(), Some(Ending::Continued));
    assert_eq!(d.blocks()[2].kind, N);
    assert_eq!(doc(&format!("{A}\n\n{B}\n")).ending(), None);
}

#[test]
fn authors_notes_are_kept_apart() {
    let d = doc(&format!("A/N: Written for a prompt.\n\n{A}\n"));
    assert_eq!(shape(&d), vec![(N, "A/N: Written for a prompt."), (P, A)]);
}

#[test]
fn table_of_contents_is_a_note_not_parts() {
    let d = doc(&format!(
        "TABLE OF CONTENTS\n\n\tChapter 1\n\tChapter 2\n\nChapter 1\n\n{A}\n\nChapter 2\n\n{B}\n"
    ));
    assert_eq!(d.blocks()[0].kind, N);
    assert_eq!(d.parts().len(), 2);
}

#[test]
fn words_are_counted_without_punctuation_tokens() {
    assert_eq!(count_words("One two – three... “four” café"), 5);
    assert_eq!(count_words(""), 0);
    assert_eq!(
        doc(&format!("{A}\n\n* * *\n\n{B}\n")).words(),
        count_words(A) + count_words(B)
    );
}

#[test]
fn empty_and_blank_bodies() {
    assert!(doc("").blocks().is_empty());
    assert!(doc(&"\n".repeat(10_000)).blocks().is_empty());
}

/// Found by the `document` fuzz target: a trailing `'` read as a scene break was dropped
/// from the blocks but its text stayed, so offsets no longer measured the story.
#[test]
fn a_dropped_scene_break_leaves_no_text_behind() {
    for body in [
        format!("{A}\n\n* * *\n"),
        format!("* * *\n\n{A}\n\n'"),
        "\u{FFFD}\n'".into(),
    ] {
        let d = doc(&body);
        assert!(d.count(S) == 0, "{body:?}");
        let joined: String = d.blocks().iter().map(|b| d.text(b)).collect();
        assert_eq!(joined, d.full_text(), "{body:?}");
    }
}

#[test]
fn a_screenplay_joins_its_wrapped_speeches_and_keeps_its_cues() {
    let mut text = String::from("\tINT. HOLODECK\n\n");
    for _ in 0..5 {
        text.push_str(
            "\t\t\t\tRIKER\n\n\t\tAre you ready for the adventure\n\t\tof a lifetime?\n\n\n",
        );
        text.push_str("\t\t\t\tTROI (o.s.)\n\n\t\tI am.  The fire is\n\t\teverywhere!\n\n\n");
    }
    let d = doc(&text);
    let texts: Vec<&str> = d.blocks().iter().map(|b| d.text(b)).collect();
    assert!(
        texts.contains(&"Are you ready for the adventure of a lifetime?"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"I am. The fire is everywhere!"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"RIKER") && texts.contains(&"TROI (o.s.)"),
        "{texts:?}"
    );
}

#[test]
fn a_typists_two_spaces_are_one_in_reflowed_prose_but_a_poems_stay() {
    let d = doc(
        "She came in.  Nobody looked up.\tNot one.\n\n    Roses  are red,\n    violets   blue,\n    sugar is sweet\n    and so are you.\n",
    );
    let texts: Vec<&str> = d.blocks().iter().map(|b| d.text(b)).collect();
    assert_eq!(
        texts[0], "She came in. Nobody looked up. Not one.",
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Roses  are red,\nviolets   blue,")),
        "{texts:?}"
    );
}
