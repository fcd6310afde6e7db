//! Tests of judging editions by their text: prefixes through wrapping, markers and copies,
//! and different stories of one title kept apart.

use super::*;
use crate::engine::Story;

/// A sentence that differs from part to part and paragraph to paragraph.
fn sentence(part: usize, para: usize, k: usize) -> String {
    format!(
        "In part {part} the keeper counted lamp {k} of row {para} and wrote the tide beside it."
    )
}

/// A plain-text story of `parts` parts (five paragraphs each), hard-wrapped at `wrap`
/// columns, ending with `tail` (a marker, or nothing).
fn text(title: &str, parts: usize, wrap: usize, tail: &str) -> String {
    let mut out = format!("Title: {title}\nAuthor: Ren Aldous\n\n");
    for part in 1..=parts {
        out.push_str(&format!("Part {part}\n\n"));
        for para in 0..5 {
            let words: Vec<String> = (0..4).map(|k| sentence(part, para, k)).collect();
            let mut line = String::new();
            for word in words.join(" ").split(' ') {
                if !line.is_empty() && line.len() + word.len() + 1 > wrap {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
    out.push_str(tail);
    out
}

fn story(text: &str) -> Story {
    Story::parse(text.as_bytes(), "story.txt").unwrap_or_else(|e| panic!("{e}"))
}

fn verdict(old: &str, new: &str) -> Verdict {
    compare(&story(old).document, &story(new).document)
}

#[test]
fn a_story_saved_again_with_a_part_more_is_grown_past_a_changed_marker_and_wrapping() {
    let v1 = story(&text("The Long Watch", 1, 70, "To be continued...\n"));
    let v2 = story(&text("The Long Watch", 2, 60, "(continued in part 3)\n"));
    let Verdict::Grown(g) = compare(&v1.document, &v2.document) else {
        panic!("not grown: {:?}", compare(&v1.document, &v2.document));
    };
    let parts = v2.document.parts();
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert_eq!(
        g.first_new_block as usize, parts[1].block,
        "the Part 2 heading"
    );
    assert_eq!(g.new_parts, 1);
    assert!(g.added_words > 100, "{g:?}");
    // Any of the markers, or none.
    for tail in [
        "TBC\n",
        "End of Part 1\n",
        "(continued)\n",
        "",
        "~ more soon ~\n",
    ] {
        let v1 = text("The Long Watch", 1, 72, tail);
        let v2 = text("The Long Watch", 2, 72, "");
        assert!(
            matches!(verdict(&v1, &v2), Verdict::Grown(_)),
            "with {tail:?}"
        );
    }
    // And the cards find each other.
    assert!(v1.document.words() > OPENING_WORDS);
    let print = |s: &Story| opening(&s.title, s.author.as_deref(), &s.document);
    assert!(print(&v1).is_some());
    assert_eq!(print(&v1), print(&v2));
}

#[test]
fn the_same_words_are_copies_not_editions() {
    let a = text("The Long Watch", 2, 70, "TBC\n");
    let b = text("The Long Watch", 2, 50, "");
    assert_eq!(verdict(&a, &b), Verdict::Same);
    assert_eq!(verdict(&a, &a), Verdict::Same);
}

#[test]
fn a_newer_file_that_carried_the_last_paragraph_on_starts_its_news_there() {
    let v1 = text("The Long Watch", 1, 70, "");
    let v2 = format!(
        "{} And then the keeper slept, at last, until the gulls came.\n\nMorning.\n",
        v1.trim_end()
    );
    let new = story(&v2);
    let Verdict::Grown(g) = compare(&story(&v1).document, &new.document) else {
        panic!("not grown");
    };
    let doc = &new.document;
    let block = &doc.blocks()[g.first_new_block as usize];
    let said = doc.text(block);
    assert!(
        said.starts_with("In part 1 the keeper counted lamp 0 of row 4"),
        "{said}"
    );
    assert_eq!(g.new_parts, 0, "no heading past the cut");
}

#[test]
fn different_stories_of_one_title_stay_apart() {
    // Same title and author, different text: different fingerprints, never compared.
    let one = story(&text("Untitled", 1, 70, ""));
    let other = story(&text("Untitled", 1, 70, "").replace("keeper", "warden"));
    let print = |s: &Story| opening(&s.title, s.author.as_deref(), &s.document);
    assert_ne!(print(&one), print(&other));
    // The same opening (a shared disclaimer, a shared first scene), then another story.
    let base = text("Untitled", 1, 70, "");
    let fork = format!("{base}The lighthouse burned down that winter and nobody came.\n");
    let longer = format!(
        "{base}Part 2\n\nThe keeper married the ferryman in spring.\n\n{}",
        sentence(9, 9, 9)
    );
    assert!(matches!(verdict(&base, &longer), Verdict::Grown(_)));
    assert_eq!(
        verdict(&fork, &longer),
        Verdict::Apart,
        "neither is the other's start"
    );
    // A shorter body takes no part.
    let short = story("Title: Drabble\nAuthor: Ren Aldous\n\nOne hundred words, not more.\n");
    assert_eq!(print(&short), None);
}

#[test]
fn only_trailing_markers_are_left_out() {
    let mut words: Vec<String> = "the end of part two came . to be continued"
        .split(' ')
        .map(str::to_string)
        .collect();
    strip_markers(&mut words);
    assert_eq!(words.join(" "), "the end of part two came");
    let mut words: Vec<String> = ["she", "continued", "walking"].map(String::from).to_vec();
    strip_markers(&mut words);
    assert_eq!(words.len(), 3, "a word inside the text stays");
}
