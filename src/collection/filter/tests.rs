//! Tests of the filters as a pure function over story cards.

use super::*;
use crate::engine::Story;

fn card(header: &str) -> StoryMeta {
    let text = format!("{header}\n\nThe boats came in at dusk, one by one, all lanterns lit.\n");
    StoryMeta::of(&Story::parse(text.as_bytes(), "story.txt").unwrap_or_else(|e| panic!("{e}")))
}

fn rated(rating: &str) -> StoryMeta {
    card(&format!("Title: X\nRating: {rating}\nWarnings: none"))
}

fn hidden(f: &Filters, meta: &StoryMeta) -> Vec<Reason> {
    match f.judge(meta) {
        Verdict::Hidden(r) => r,
        Verdict::Shown { .. } => Vec::new(),
    }
}

#[test]
fn defaults_hide_nothing() {
    let f = Filters::default();
    assert!(f.is_off());
    for meta in [
        rated("NC-17"),
        rated("G"),
        card("Title: X"),
        card("Title: X\nWarnings: Major Character Death"),
    ] {
        assert_eq!(f.judge(&meta), Verdict::Shown { unknown: false });
    }
}

#[test]
fn every_rating_level_against_every_maximum() {
    let stories = [
        ("G", RatingLevel::General),
        ("PG-13", RatingLevel::Teen),
        ("R", RatingLevel::Mature),
        ("NC-17", RatingLevel::Explicit),
    ];
    for max in [
        RatingLevel::General,
        RatingLevel::Teen,
        RatingLevel::Mature,
        RatingLevel::Explicit,
    ] {
        let f = Filters {
            max_rating: max,
            ..Filters::default()
        };
        for (raw, level) in stories {
            let reasons = hidden(&f, &rated(raw));
            if level > max {
                assert_eq!(
                    reasons,
                    vec![Reason::Rating(level)],
                    "{raw} with max {max:?}"
                );
            } else {
                assert!(reasons.is_empty(), "{raw} with max {max:?}");
            }
        }
    }
}

#[test]
fn not_rated_is_the_readers_choice_not_safe_by_default() {
    let unrated = card("Title: X\nWarnings: none");
    let strictest = Filters {
        max_rating: RatingLevel::General,
        ..Filters::default()
    };
    assert!(
        hidden(&strictest, &unrated).is_empty(),
        "the maximum rating alone does not hide unrated stories"
    );
    let f = Filters {
        show_not_rated: false,
        ..Filters::default()
    };
    assert_eq!(hidden(&f, &unrated), vec![Reason::NotRated]);
    assert!(hidden(&f, &rated("G")).is_empty());
}

#[test]
fn excluded_categories_hide_with_each_reason() {
    let f = Filters {
        excluded: [WarningCategory::CharacterDeath, WarningCategory::Violence].into(),
        ..Filters::default()
    };
    let meta = card("Title: X\nRating: R\nWarnings: Major Character Death, torture");
    assert_eq!(
        hidden(&f, &meta),
        vec![
            Reason::Warning(WarningCategory::CharacterDeath),
            Reason::Warning(WarningCategory::Violence)
        ]
    );
    assert!(hidden(&f, &card("Title: X\nWarnings: Underage")).is_empty());
}

#[test]
fn every_warning_state_in_lenient_and_strict_mode() {
    let exclude_death: BTreeSet<_> = [WarningCategory::CharacterDeath].into();
    let lenient = Filters {
        excluded: exclude_death.clone(),
        ..Filters::default()
    };
    let strict = Filters {
        excluded: exclude_death,
        unknowns: Unknowns::Hide,
        ..Filters::default()
    };
    let unknown = card("Title: X");
    let chose_not = card("Title: X\nWarnings: Creator Chose Not To Use Archive Warnings");
    let none = card("Title: X\nWarnings: No Archive Warnings Apply");
    let some_other = card("Title: X\nWarnings: violence");
    let some_death = card("Title: X\nWarnings: character death");
    for meta in [&unknown, &chose_not] {
        assert_eq!(
            lenient.judge(meta),
            Verdict::Shown { unknown: true },
            "lenient shows it, marked"
        );
        assert_eq!(
            hidden(&strict, meta),
            vec![Reason::Unknown],
            "strict hides it"
        );
    }
    for meta in [&none, &some_other] {
        assert_eq!(lenient.judge(meta), Verdict::Shown { unknown: false });
        assert_eq!(strict.judge(meta), Verdict::Shown { unknown: false });
    }
    for f in [&lenient, &strict] {
        assert_eq!(
            hidden(f, &some_death),
            vec![Reason::Warning(WarningCategory::CharacterDeath)]
        );
    }
    let nothing_excluded = Filters {
        unknowns: Unknowns::Hide,
        ..Filters::default()
    };
    assert_eq!(
        nothing_excluded.judge(&unknown),
        Verdict::Shown { unknown: false },
        "strict only matters when something is excluded"
    );
}

#[test]
fn phrases_match_warnings_tags_and_summary_without_case() {
    let f = Filters {
        excluded_phrases: vec!["Spiders".into(), "  ".into(), "cliffhanger".into()],
        ..Filters::default()
    };
    assert!(!f.is_off());
    let in_warning = card("Title: X\nWarnings: spiders, peril");
    let in_tags = card("Title: X\nTags: fluff, giant spiders");
    let in_summary = card("Title: X\nSummary: It ends on a CLIFFHANGER.");
    let clean = card("Title: X\nSummary: Boats and lanterns.");
    assert_eq!(
        hidden(&f, &in_warning),
        vec![Reason::Phrase("Spiders".into())]
    );
    assert_eq!(hidden(&f, &in_tags), vec![Reason::Phrase("Spiders".into())]);
    assert_eq!(
        hidden(&f, &in_summary),
        vec![Reason::Phrase("cliffhanger".into())]
    );
    assert!(hidden(&f, &clean).is_empty());
}

#[test]
fn reasons_read_well() {
    let reasons = [
        Reason::Rating(RatingLevel::Explicit),
        Reason::Warning(WarningCategory::CharacterDeath),
        Reason::Unknown,
    ];
    let text: Vec<String> = reasons.iter().map(Reason::label).collect();
    assert_eq!(text, ["Explicit", "character death", "warnings not given"]);
}

#[test]
fn filters_load_from_older_and_newer_settings() {
    let f: Filters =
        ron::from_str("(max_rating: teen, future_option: 3)").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.max_rating, RatingLevel::Teen);
    assert!(f.show_not_rated, "missing fields take their defaults");
}
