//! Tests of the rating parser: every row of the table and the cases that trip importers.

use super::*;

fn level(text: &str) -> RatingLevel {
    Rating::parse(Some(text)).level
}

fn assert_levels(expected: RatingLevel, inputs: &[&str]) {
    for input in inputs {
        assert_eq!(level(input), expected, "input {input:?}");
    }
}

#[test]
fn missing_rating_is_not_rated_without_raw() {
    assert_eq!(Rating::parse(None), Rating::default());
    assert_eq!(Rating::parse(None).raw, None);
    assert_eq!(Rating::parse(None).level, RatingLevel::NotRated);
}

#[test]
fn not_rated_inputs() {
    assert_levels(
        RatingLevel::NotRated,
        &["NR", "Not Rated", "Unrated", "not-rated", "", "   "],
    );
    assert_eq!(
        Rating::parse(Some("Not Rated")).raw.as_deref(),
        Some("Not Rated")
    );
}

#[test]
fn general_inputs() {
    assert_levels(
        RatingLevel::General,
        &[
            "G",
            "PG",
            "K",
            "K+",
            "FRC",
            "FR7",
            "General",
            "General Audiences",
            "All ages",
            "Rated PG",
        ],
    );
}

#[test]
fn teen_inputs() {
    assert_levels(
        RatingLevel::Teen,
        &[
            "PG-13",
            "PG13",
            "PG 13",
            "PG-15",
            "T",
            "Teen",
            "Teen And Up",
            "Teen And Up Audiences",
            "Teen And Up (Audiences)",
            "FR13",
            "FR15",
            "Fiction Rated: T",
        ],
    );
}

#[test]
fn mature_inputs() {
    assert_levels(
        RatingLevel::Mature,
        &["R", "Hard R", "M", "Mature", "FRM", "FR18", "Rated M"],
    );
}

#[test]
fn explicit_inputs() {
    assert_levels(
        RatingLevel::Explicit,
        &[
            "NC-17", "NC17", "NC 17", "NC-18", "NC-21", "MA", "X", "XXX", "Explicit", "Adult",
            "FRAO", "FR21",
        ],
    );
}

#[test]
fn matching_ignores_case() {
    assert_levels(
        RatingLevel::Teen,
        &["pg-13", "Pg-13", "teen and up audiences"],
    );
    assert_levels(RatingLevel::Explicit, &["nc-17", "Nc17", "ma", "explicit"]);
    assert_levels(
        RatingLevel::General,
        &["k+", "general audiences", "ALL AGES"],
    );
    assert_levels(RatingLevel::Mature, &["r", "HARD R", "mature"]);
}

#[test]
fn longer_tokens_win_over_their_prefixes() {
    assert_eq!(level("MA"), RatingLevel::Explicit);
    assert_eq!(level("M"), RatingLevel::Mature);
    assert_eq!(level("Mature"), RatingLevel::Mature);
    assert_eq!(level("PG-13"), RatingLevel::Teen);
    assert_eq!(level("PG"), RatingLevel::General);
    assert_eq!(level("NC-17"), RatingLevel::Explicit);
    assert_eq!(Rating::parse(Some("NC-17")).lowest, RatingLevel::Explicit);
    assert_eq!(Rating::parse(Some("PG 13")).lowest, RatingLevel::Teen);
}

#[test]
fn trailing_ish_and_plus_are_tolerated() {
    assert_eq!(level("pg-13ish"), RatingLevel::Teen);
    assert_eq!(level("R-ish"), RatingLevel::Mature);
    assert_eq!(level("R+"), RatingLevel::Mature);
    assert_eq!(level("Tish"), RatingLevel::NotRated);
}

#[test]
fn ranges_take_the_highest_and_keep_the_lowest() {
    let slash = Rating::parse(Some("R/NC-17"));
    assert_eq!(
        (slash.level, slash.lowest),
        (RatingLevel::Explicit, RatingLevel::Mature)
    );
    assert!(slash.is_range());
    let to = Rating::parse(Some("R to NC-17"));
    assert_eq!(
        (to.level, to.lowest),
        (RatingLevel::Explicit, RatingLevel::Mature)
    );
    let later = Rating::parse(Some("PG-13, later R"));
    assert_eq!(
        (later.level, later.lowest),
        (RatingLevel::Mature, RatingLevel::Teen)
    );
    let hyphen = Rating::parse(Some("PG-R"));
    assert_eq!(
        (hyphen.level, hyphen.lowest),
        (RatingLevel::Mature, RatingLevel::General)
    );
    assert!(!Rating::parse(Some("R")).is_range());
}

#[test]
fn not_rated_next_to_a_rating_does_not_make_a_range() {
    let rating = Rating::parse(Some("Unrated, R-ish"));
    assert_eq!(
        (rating.level, rating.lowest),
        (RatingLevel::Mature, RatingLevel::Mature)
    );
}

#[test]
fn reasons_follow_for_due_to_and_because() {
    let nc = Rating::parse(Some("NC-17 for language, torture, violence"));
    assert_eq!(nc.level, RatingLevel::Explicit);
    assert_eq!(nc.reasons.as_deref(), Some("language, torture, violence"));
    let r = Rating::parse(Some("R for language and violence"));
    assert_eq!(r.level, RatingLevel::Mature);
    assert_eq!(r.reasons.as_deref(), Some("language and violence"));
    let due = Rating::parse(Some("PG-13 due to mild swearing."));
    assert_eq!(due.reasons.as_deref(), Some("mild swearing"));
    let because = Rating::parse(Some("M because of gore!"));
    assert_eq!(because.reasons.as_deref(), Some("gore"));
    let paren = Rating::parse(Some("R (for sex)"));
    assert_eq!(paren.reasons.as_deref(), Some("sex"));
    assert_eq!(Rating::parse(Some("PG-13")).reasons, None);
    assert_eq!(Rating::parse(Some("Waiting for a beta")).reasons, None);
}

#[test]
fn ratings_in_reason_prose_are_ignored() {
    let raw = "NC-17 for swearing, gore, maybe sex. (Warning: I raised it from PG-13 \
               and Hard R, because, well, it's me! Ha)";
    let rating = Rating::parse(Some(raw));
    assert_eq!(rating.level, RatingLevel::Explicit);
    assert_eq!(rating.lowest, RatingLevel::Explicit);
    assert_eq!(rating.reasons.as_deref(), Some("swearing, gore, maybe sex"));
    assert_eq!(rating.raw.as_deref(), Some(raw));
}

#[test]
fn reason_prose_is_scanned_when_nothing_precedes_it() {
    assert_eq!(level("(see notes) R"), RatingLevel::Mature);
    assert_eq!(level("For mature readers"), RatingLevel::Mature);
}

#[test]
fn words_containing_rating_letters_do_not_match() {
    assert_levels(
        RatingLevel::NotRated,
        &[
            "Rather mild",
            "Max",
            "I'm not sure",
            "don’t know",
            "Xmas",
            "Gentle",
            "Ma'am",
        ],
    );
    assert_eq!(level("X-Men"), RatingLevel::NotRated);
}

#[test]
fn unknown_text_is_not_rated_with_raw_kept() {
    let rating = Rating::parse(Some("a bit dark"));
    assert_eq!(rating.level, RatingLevel::NotRated);
    assert_eq!(rating.lowest, RatingLevel::NotRated);
    assert_eq!(rating.raw.as_deref(), Some("a bit dark"));
    assert_eq!(rating.reasons, None);
}

#[test]
fn raw_is_kept_exactly() {
    let rating = Rating::parse(Some("  PG-13 \r"));
    assert_eq!(rating.raw.as_deref(), Some("  PG-13 \r"));
    assert_eq!(rating.level, RatingLevel::Teen);
}

#[test]
fn level_names_and_order() {
    let names: Vec<_> = RatingLevel::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(
        names,
        ["not_rated", "general", "teen", "mature", "explicit"]
    );
    let labels: Vec<_> = RatingLevel::ALL.iter().map(|l| l.label()).collect();
    assert_eq!(
        labels,
        ["Not Rated", "General", "Teen", "Mature", "Explicit"]
    );
    let shorts: Vec<_> = RatingLevel::ALL.iter().map(|l| l.short()).collect();
    assert_eq!(shorts, ["NR", "G", "T", "M", "E"]);
    assert!(RatingLevel::ALL.windows(2).all(|pair| pair[0] < pair[1]));
}
