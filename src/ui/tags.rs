//! A story's tags grouped and labelled the way AO3's work header shows them (Category,
//! Fandom, Relationship, Characters, Additional Tags, Language, Series, Collections, then
//! the stats), for the title page and the details panel alike. Labels turn plural as AO3's
//! do when a group holds several tags.

use crate::collection::filter::facets::Facet;
use crate::engine::{FieldKey, Metadata, SeriesPart};

/// One labelled group of tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagGroup {
    /// The label, as AO3 writes it (`Fandoms` for several).
    pub label: String,
    /// The tags, in the file's order.
    pub tags: Vec<String>,
    /// True for fandoms and relationships: the groups a reader looks for first.
    pub prominent: bool,
    /// The filter sidebar's facet for these tags, where it has one: a tag clicked then
    /// shows only the works that have it.
    pub facet: Option<Facet>,
}

/// The groups a story's metadata fills, in AO3's order; empty groups are left out.
pub fn tag_groups(m: &Metadata) -> Vec<TagGroup> {
    let series = m.series.iter().map(SeriesPart::label).collect::<Vec<_>>();
    let language = m.language.iter().cloned().collect::<Vec<_>>();
    let groups = [
        (
            "Category",
            "Categories",
            &m.categories,
            false,
            Some(Facet::Category),
        ),
        ("Fandom", "Fandoms", &m.fandoms, true, Some(Facet::Fandom)),
        (
            "Relationship",
            "Relationships",
            &m.relationships,
            true,
            Some(Facet::Relationship),
        ),
        (
            "Character",
            "Characters",
            &m.characters,
            false,
            Some(Facet::Character),
        ),
        (
            "Additional Tag",
            "Additional Tags",
            &m.tags,
            false,
            Some(Facet::Tag),
        ),
        (
            "Language",
            "Language",
            &language,
            false,
            Some(Facet::Language),
        ),
        ("Series", "Series", &series, false, None),
        ("Collection", "Collections", &m.collections, false, None),
    ];
    groups
        .into_iter()
        .filter(|(_, _, tags, _, _)| !tags.is_empty())
        .map(|(one, many, tags, prominent, facet)| TagGroup {
            label: if tags.len() > 1 { many } else { one }.to_string(),
            tags: tags.clone(),
            prominent,
            facet,
        })
        .collect()
}

/// AO3's stats line: `Published: 2025-03-01  Updated: 2025-04-12  Words: 412  Chapters: 2/?`,
/// from what the file states; `None` when it states none of it.
pub fn stats(m: &Metadata) -> Option<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    if let Some(p) = &m.published {
        out.push(("Published", p.clone()));
    }
    if let Some(u) = &m.updated {
        out.push(("Updated", u.clone()));
    }
    if let Some(w) = m.words_stated {
        out.push(("Words", super::thousands(w as usize)));
    }
    if let Some(n) = m.chapters_posted {
        let total = m.chapters_total.map_or("?".to_string(), |t| t.to_string());
        out.push(("Chapters", format!("{n}/{total}")));
    }
    (!out.is_empty()).then_some(out)
}

/// True for a header field that [`tag_groups`] or [`stats`] already show, so a list of
/// the other fields can leave it out.
pub fn shown_as_tags(key: FieldKey, label: &str, m: &Metadata) -> bool {
    let stated = |list: &[String]| !list.is_empty();
    match key {
        FieldKey::Fandom => stated(&m.fandoms),
        FieldKey::Pairing => stated(&m.relationships),
        FieldKey::Characters => stated(&m.characters),
        FieldKey::Category => stated(&m.categories),
        FieldKey::Genre | FieldKey::Tags => stated(&m.tags),
        FieldKey::Series => !m.series.is_empty(),
        FieldKey::Other => match label {
            "Language" => m.language.is_some(),
            "Collections" => stated(&m.collections),
            "Published" => m.published.is_some(),
            "Updated" => m.updated.is_some(),
            "Words" => m.words_stated.is_some(),
            "Chapters" => m.chapters_posted.is_some(),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SeriesPart;

    #[test]
    fn groups_in_ao3_order_with_plural_labels() {
        let m = Metadata {
            fandoms: vec!["Original Work".into()],
            relationships: vec!["A/B".into(), "C & D".into()],
            tags: vec!["Fluff".into()],
            series: vec![SeriesPart {
                name: "Harbour Lights".into(),
                position: Some(2),
            }],
            chapters_posted: Some(2),
            ..Metadata::default()
        };
        let g = tag_groups(&m);
        let labels: Vec<&str> = g.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Fandom", "Relationships", "Additional Tag", "Series"]
        );
        assert_eq!(g[3].tags, ["Part 2 of Harbour Lights"]);
        assert_eq!(stats(&m), Some(vec![("Chapters", "2/?".to_string())]));
        assert!(shown_as_tags(FieldKey::Pairing, "Relationship", &m));
        assert!(!shown_as_tags(FieldKey::Characters, "Characters", &m));
        assert!(shown_as_tags(FieldKey::Other, "Chapters", &m));
        assert!(!shown_as_tags(FieldKey::Other, "Source", &m));
    }
}
