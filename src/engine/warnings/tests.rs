//! Tests of the warnings parser: every row of the table and the cases that trip importers.

use super::*;
use WarningCategory as C;

fn parse(text: &str) -> Warnings {
    Warnings::parse(Some(text))
}

fn assert_category(expected: WarningCategory, inputs: &[&str]) {
    for input in inputs {
        let warnings = parse(input);
        assert_eq!(warnings.categories, vec![expected], "input {input:?}");
        assert_eq!(warnings.state, WarningState::Some, "input {input:?}");
        assert!(
            warnings.tags.is_empty(),
            "input {input:?}: {:?}",
            warnings.tags
        );
    }
}

#[test]
fn character_death_keywords() {
    assert_category(
        C::CharacterDeath,
        &[
            "Major Character Death",
            "minor character death",
            "MCD",
            "death",
            "Deaths",
            "someone dies",
            "he died",
            "dying",
            "killed off",
            "killing",
            "murder",
        ],
    );
}

#[test]
fn violence_keywords() {
    assert_category(
        C::Violence,
        &[
            "Graphic Depictions Of Violence",
            "violent",
            "gore",
            "gory",
            "torture",
            "Tortured",
            "brutal",
            "graphic depictions",
            "mutilation",
            "blood and gore",
        ],
    );
}

#[test]
fn rape_noncon_keywords() {
    assert_category(
        C::RapeNoncon,
        &[
            "Rape/Non-Con",
            "rape",
            "non-con",
            "noncon",
            "non con",
            "Non-Consensual",
            "dub-con",
            "dubcon",
            "dubious consent",
            "sexual assault",
        ],
    );
}

#[test]
fn underage_keywords_but_not_minor() {
    assert_category(C::Underage, &["Underage", "under-age", "Underage Sex"]);
    assert!(!parse("minor character death").has(C::Underage));
    assert!(categories_in("a minor").is_empty());
}

#[test]
fn self_harm_suicide_incest_keywords() {
    assert_category(
        C::SelfHarm,
        &[
            "self-harm",
            "self harm",
            "selfharm",
            "Self-Injury",
            "cutting",
        ],
    );
    assert_category(C::Suicide, &["suicide", "Suicidal thoughts"]);
    assert_category(C::Incest, &["incest", "Incestuous"]);
}

#[test]
fn abuse_and_drug_keywords() {
    assert_category(C::Abuse, &["abuse", "abusive parents", "child abuse"]);
    assert_category(
        C::DrugUse,
        &[
            "drug use",
            "drugs",
            "addiction",
            "overdose",
            "substance abuse",
        ],
    );
    assert_eq!(
        parse("domestic violence").categories,
        vec![C::Violence, C::Abuse]
    );
}

#[test]
fn keywords_need_word_boundaries() {
    assert!(categories_in("diet, gorey street, dyer, reaper, killjoy-free").is_empty());
    assert!(categories_in("Ragecutting").is_empty());
    assert_eq!(
        categories_in("RAPE/non-con; gore"),
        vec![C::Violence, C::RapeNoncon]
    );
}

#[test]
fn free_text_keeps_unmatched_phrases_as_tags() {
    let warnings = parse("Characters’ deaths and general nastiness.");
    assert_eq!(warnings.categories, vec![C::CharacterDeath]);
    assert_eq!(warnings.tags, vec!["general nastiness".to_string()]);
    assert_eq!(warnings.state, WarningState::Some);
    assert_eq!(
        warnings.raw.as_deref(),
        Some("Characters’ deaths and general nastiness.")
    );
}

#[test]
fn free_tags_alone_mean_some() {
    let warnings = parse("dark themes");
    assert_eq!(warnings.state, WarningState::Some);
    assert!(warnings.categories.is_empty());
    assert_eq!(warnings.tags, vec!["dark themes".to_string()]);
}

#[test]
fn splits_on_listed_separators_but_not_slash() {
    let warnings = parse("angst; Fluff & smut + crack\nsap and cheese, A/B stuff");
    let expected = [
        "angst",
        "Fluff",
        "smut",
        "crack",
        "sap",
        "cheese",
        "A/B stuff",
    ];
    assert_eq!(warnings.tags, expected);
    let suffix = parse("18+ only");
    assert_eq!(suffix.tags, vec!["18+ only".to_string()]);
    let glued = parse("Sandy AND-ish");
    assert_eq!(glued.tags, vec!["Sandy AND-ish".to_string()]);
}

#[test]
fn missing_or_empty_is_unknown() {
    assert_eq!(Warnings::parse(None), Warnings::default());
    assert_eq!(Warnings::parse(None).state, WarningState::Unknown);
    let empty = parse("  , . ");
    assert_eq!(empty.state, WarningState::Unknown);
    assert_eq!(empty.raw.as_deref(), Some("  , . "));
}

#[test]
fn none_phrases_mean_none() {
    for input in [
        "None",
        "No warnings",
        "No Archive Warnings Apply",
        "n/a",
        "Nothing.",
        "not applicable",
        "no MCD",
    ] {
        let warnings = parse(input);
        assert_eq!(warnings.state, WarningState::None, "input {input:?}");
        assert!(warnings.categories.is_empty(), "input {input:?}");
        assert!(warnings.tags.is_empty(), "input {input:?}");
    }
}

#[test]
fn fluff_next_to_no_warnings_is_a_tag_but_state_stays_none() {
    let warnings = parse("fluff, no warnings");
    assert_eq!(warnings.state, WarningState::None);
    assert_eq!(warnings.tags, vec!["fluff".to_string()]);
}

#[test]
fn exceptions_after_a_denial_still_count() {
    let warnings = parse("No warnings except violence");
    assert_eq!(warnings.categories, vec![C::Violence]);
    assert_eq!(warnings.state, WarningState::Some);
}

#[test]
fn choose_not_to_warn_states() {
    for input in [
        "Creator Chose Not To Use Archive Warnings",
        "chose not to warn",
        "I choose not to warn",
        "CNTW",
    ] {
        assert_eq!(
            parse(input).state,
            WarningState::ChooseNotToWarn,
            "input {input:?}"
        );
    }
    let with = parse("Creator Chose Not To Use Archive Warnings, Major Character Death");
    assert_eq!(with.state, WarningState::Some);
    assert_eq!(with.categories, vec![C::CharacterDeath]);
    assert!(with.tags.is_empty());
    let tagged = parse("CNTW, spoilers");
    assert_eq!(tagged.state, WarningState::ChooseNotToWarn);
    assert_eq!(tagged.tags, vec!["spoilers".to_string()]);
}

#[test]
fn categories_are_sorted_and_deduplicated() {
    let warnings = parse("suicide, murder, death, torture; Suicide");
    assert_eq!(
        warnings.categories,
        vec![C::CharacterDeath, C::Violence, C::Suicide]
    );
    assert!(warnings.has(C::Suicide));
    assert!(!warnings.has(C::Incest));
}

#[test]
fn add_categories_from_keeps_state() {
    let mut none = parse("None");
    none.add_categories_from("language, torture, violence");
    assert_eq!(none.state, WarningState::None);
    assert_eq!(none.categories, vec![C::Violence]);
    let mut unknown = Warnings::parse(None);
    unknown.add_categories_from("rape and death");
    assert_eq!(unknown.state, WarningState::Unknown);
    assert_eq!(unknown.categories, vec![C::CharacterDeath, C::RapeNoncon]);
    let mut some = parse("suicide");
    some.add_categories_from("self-harm, suicide");
    assert_eq!(some.categories, vec![C::SelfHarm, C::Suicide]);
    assert_eq!(some.state, WarningState::Some);
}

#[test]
fn names_are_stable() {
    let names: Vec<_> = C::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        names,
        [
            "character_death",
            "violence",
            "rape_noncon",
            "underage",
            "self_harm",
            "suicide",
            "abuse",
            "incest",
            "drug_use"
        ]
    );
    let labels: Vec<_> = C::ALL.iter().map(|c| c.label()).collect();
    assert_eq!(labels[2], "Rape/non-con");
    assert_eq!(labels[4], "Self-harm");
    assert_eq!(labels[8], "Drug use");
    assert!(C::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    let states = [
        WarningState::Unknown,
        WarningState::None,
        WarningState::ChooseNotToWarn,
        WarningState::Some,
    ];
    let names: Vec<_> = states.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["unknown", "none", "choose_not_to_warn", "some"]);
}
