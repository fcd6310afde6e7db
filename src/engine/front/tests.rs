//! Tests of the front matter scan: title blocks, bylines, notes, rules and boxes.

use super::*;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn centred_title_and_byline_close_the_front_matter() {
    let text = "Disclaimer: not mine.\n\n\t\tA Long Night\n\t\t  by Ann Smith\n\n------\n\nThe rain fell on the city all night long.\n";
    let f = scan(&lines(text), 0, false);
    assert_eq!(f.title.as_deref(), Some("A Long Night"));
    assert_eq!(f.author.as_deref(), Some("Ann Smith"));
    assert_eq!(f.body_start, Some(7));
}

#[test]
fn a_byline_under_a_part_heading_belongs_to_the_part() {
    let text = "Some notes from the poster.\n\n\nThe Long Winter\n\n\nPart One\nBy Jo Writer\n\n     The snow fell all night.\n".to_string()
        + &"     And the next night, and the one after.\n".repeat(12);
    let f = scan(&lines(&text), 0, true);
    assert_eq!(f.title.as_deref(), Some("The Long Winter"));
    assert_eq!(f.author.as_deref(), Some("Jo Writer"));
    assert_eq!(f.body_start, Some(6));
}

#[test]
fn a_byline_drawn_into_ascii_art() {
    let text = "Dear archivist, here is my story.\n\n\tSincerely\n\tJo W.\n   ___---'----`--..\n  ,--'  `--'Long  |  by Jo Writer\n  ~~~~~`-._ Winter |\n\n        Prologue\n        ~~~~~~~~\n\n".to_string()
        + &"     The snow fell all night, and the next.\n".repeat(20);
    let f = scan(&lines(&text), 0, true);
    assert_eq!(f.author.as_deref(), Some("Jo Writer"));
    assert_eq!(f.title, None, "the subject names it");
    assert_eq!(f.body_start, Some(8));
}

#[test]
fn what_follows_a_byline_before_the_story() {
    let story = "    She walked in out of the rain, shaking her coat.\n".repeat(20);
    // A second writer, a remark flush left over indented paragraphs.
    let text = format!(
        "Long Winter\nby Jo Writer (jo@example.org)\nand Bo Lee\n\nSomething to read while we wait for the new season...\n\n{story}"
    );
    let f = scan(&lines(&text), 0, false);
    assert_eq!(f.author.as_deref(), Some("Jo Writer and Bo Lee"));
    assert_eq!(f.body_start, Some(6));
    // The writer on the story in the first person, and a bracketed aside.
    let text = format!(
        "Long Winter\n\nCopyright 1993 by Jo Writer\n\nMy daughter asked for this story, so I wrote it down.\n\n[BTW, it is short.]\n\n{story}"
    );
    let f = scan(&lines(&text), 0, false);
    assert_eq!(f.author.as_deref(), Some("Jo Writer"));
    assert_eq!(f.title.as_deref(), Some("Long Winter"));
    assert_eq!(f.body_start, Some(8));
    // A dateline is story.
    let text = format!("Long Winter\nby Jo Writer\n\nNew York City...\n\n{story}");
    assert_eq!(scan(&lines(&text), 0, false).body_start, Some(3));
}

#[test]
fn a_boxed_blurb_and_a_title_under_its_fandom() {
    let text = "-------------------------\nA story for fans of the chief engineer.\n\nPlease share it widely.\n-------------------------\n\n\nSTAR TREK: THE NEXT GENERATION\nA LONG WINTER\n\n\n".to_string()
        + &"   The snow fell on the station all night, and the next.\n".repeat(30);
    let f = scan(&lines(&text), 0, false);
    assert_eq!(f.title.as_deref(), Some("A LONG WINTER"));
    assert_eq!(f.body_start, Some(11));
}

#[test]
fn a_rule_after_a_posted_intro_closes_it() {
    let text = "Here is my first story, comments welcome.\n\n*****\n\n        TITLE\n\nShe walked in.\nIt was late.\n\nMore story here.\n\nAnd more.\n";
    let f = scan(&lines(text), 0, true);
    assert_eq!(f.body_start, Some(6));
    assert_eq!(f.title.as_deref(), Some("TITLE"));
}

#[test]
fn a_scene_break_in_a_plain_story_is_not_front_matter() {
    let text = "She walked in.\n\n* * *\n\nHe left.\n\nThen more.\n\nAnd more.\n";
    assert_eq!(scan(&lines(text), 0, false).body_start, None);
}

#[test]
fn a_copyright_notice_in_a_paragraph_names_the_writer() {
    let text = "Tale: a story.  Copyright on all characters, Paramount Pictures; copyright on\noriginal characters and story, Jo B. Writer, 1995.  Enjoy!";
    assert_eq!(
        copyright_author(&lines(text)).as_deref(),
        Some("Jo B. Writer")
    );
    assert_eq!(
        copyright_author(&lines("No copyright infringement is meant.")),
        None
    );
}

#[test]
fn ratings_said_in_passing() {
    let front = ["Subject: Tale (PG - language)", "Hello."];
    assert_eq!(
        rating_in_passing(front.into_iter()).map(|r| r.0).as_deref(),
        Some("PG")
    );
    let prose = ["I'd rate this NC-17 for violence."];
    assert_eq!(
        rating_in_passing(prose.into_iter()).map(|r| r.0).as_deref(),
        Some("NC-17")
    );
    assert_eq!(rating_in_passing(["Dr. G went home."].into_iter()), None);
}

#[test]
fn notes_leave_out_the_title_block_and_a_lone_by() {
    let front = FrontMatter {
        title: Some("Long Winter".into()),
        author: Some("Jo Writer".into()),
        body_start: Some(8),
    };
    let text = "Please write to me.\n\nLong Winter\n\nby\n\nJo Writer\n-----";
    assert_eq!(notes(&lines(text), &front), ["Please write to me."]);
    // One line that gave both, and a copyright notice that is only a notice.
    let text = "Please write to me.\n\nLong Winter  *  Copyright 1992 by Jo Writer\n\nCopyright 1992 by Jo Writer\n-----";
    assert_eq!(
        notes(&lines(text), &front),
        ["Please write to me.", "Copyright 1992 by Jo Writer"]
    );
}

#[test]
fn a_signature_set_out_by_spacing_keeps_its_lines() {
    let front = FrontMatter::default();
    let text = "Here it is, my last story for this group.\n   Jo Writer + jo@example.org + until May\n       12 Long Road + Springfield + after May\n    \"Higher emotions are what separate us\n                  from the lower orders.\"\n\n     An indented remark that runs on\n     over two lines.\n";
    let found = notes(&lines(text), &front);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0], "Here it is, my last story for this group.");
    assert_eq!(
        found[1].lines().next(),
        Some("Jo Writer + jo@example.org + until May")
    );
    assert_eq!(found[1].lines().count(), 4, "{}", found[1]);
    assert_eq!(found[2], "An indented remark that runs on over two lines.");
}

#[test]
fn a_picture_drawn_in_characters_keeps_its_lines_and_a_letter_its_greeting() {
    let front = FrontMatter::default();
    let text = "Dear Jo\n\tThis is my  third story.  I hope\nyou like it.\n\n*\n\n\t\tJo W.\n   ___---'----`--..\n  ,--'  `--'Long  |\n  ~~~~~`-._ Winter |\n";
    assert_eq!(
        notes(&lines(text), &front),
        [
            "Dear Jo",
            "This is my third story. I hope you like it.",
            "              Jo W.\n ___---'----`--..\n,--'  `--'Long  |\n~~~~~`-._ Winter |",
        ]
    );
}

#[test]
fn a_title_block_that_names_its_kind_and_then_its_writer() {
    // A poster's note (not the writer), then the title, what kind of story it is, and the
    // writer's name alone on its line.
    let story = "Mulder walked down the steps, frowning at the long grey morning.\n".repeat(12);
    let text = format!(
        "NOTE: I am not the author! Write to Jo Writer with your comments, thanks.\n\nLONG WINTER\n\nAn unofficial X-Files story\n\nJo Writer\n\n\n{story}"
    );
    let f = scan(&lines(&text), 0, true);
    assert_eq!(f.title.as_deref(), Some("LONG WINTER"));
    assert_eq!(f.author.as_deref(), Some("Jo Writer"));
    assert_eq!(f.body_start, Some(9));
    // Without the kind line between them, a second short line is no byline: it is part of
    // the title block (or the title itself), never taken as the writer.
    let text = format!("LONG WINTER\n\nThe Second Night\n\n\n{story}");
    let f = scan(&lines(&text), 0, true);
    assert_eq!(f.author, None);
}
