//! Header labels: recognising `Label: value` lines and naming the field a label stands for.
//!
//! There is no standard, so matching is forgiving the way a fan reading the file would be:
//! any case, leading `*`, `~`, `-` or `#`, a `:` separator (or ` - ` / `=` after a known
//! label), plurals, `(s)`, and one-letter typos in labels of six letters or more
//! (`Sumary`, `Diclaimer`, `Warnigs`).

/// The header fields Ficshelf understands. Unknown labels are kept as [`FieldKey::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    /// The story's title.
    Title,
    /// Who wrote it.
    Author,
    /// The content rating, as written.
    Rating,
    /// Content warnings, as written.
    Warnings,
    /// The summary or blurb.
    Summary,
    /// The pairing or relationship (`S/W`).
    Pairing,
    /// Characters featured.
    Characters,
    /// Gen, het, slash, ...
    Category,
    /// Genre and keywords.
    Genre,
    /// Free-form tags.
    Tags,
    /// The fandom or source work.
    Fandom,
    /// When in canon the story is set.
    Timeline,
    /// Which episodes it spoils.
    Spoilers,
    /// Complete or work in progress.
    Status,
    /// The series, sequel or prequel it belongs to.
    Series,
    /// Author's notes, beta and thanks.
    Notes,
    /// The disclaimer.
    Disclaimer,
    /// Where feedback goes.
    Feedback,
    /// Archiving and distribution permissions.
    Distribution,
    /// The author's e-mail address.
    Email,
    /// Any other label, kept under its own name.
    Other,
}

/// Labels seen in the wild for each field, lower case, singular (plurals are folded).
const LABELS: &[(&str, FieldKey)] = &[
    ("title", FieldKey::Title),
    ("story title", FieldKey::Title),
    ("fic title", FieldKey::Title),
    ("author", FieldKey::Author),
    ("by", FieldKey::Author),
    ("written by", FieldKey::Author),
    ("writer", FieldKey::Author),
    ("pseud", FieldKey::Author),
    ("pen name", FieldKey::Author),
    ("penname", FieldKey::Author),
    ("rating", FieldKey::Rating),
    ("rated", FieldKey::Rating),
    ("content rating", FieldKey::Rating),
    ("warning", FieldKey::Warnings),
    ("content warning", FieldKey::Warnings),
    ("trigger warning", FieldKey::Warnings),
    ("archive warning", FieldKey::Warnings),
    ("cw", FieldKey::Warnings),
    ("tw", FieldKey::Warnings),
    ("summary", FieldKey::Summary),
    ("story summary", FieldKey::Summary),
    ("description", FieldKey::Summary),
    ("blurb", FieldKey::Summary),
    ("synopsis", FieldKey::Summary),
    ("pairing", FieldKey::Pairing),
    ("ship", FieldKey::Pairing),
    ("relationship", FieldKey::Pairing),
    ("character", FieldKey::Characters),
    ("category", FieldKey::Category),
    ("categorie", FieldKey::Category),
    ("genre", FieldKey::Genre),
    ("keyword", FieldKey::Genre),
    ("tag", FieldKey::Tags),
    ("additional tag", FieldKey::Tags),
    ("fandom", FieldKey::Fandom),
    ("timeline", FieldKey::Timeline),
    ("setting", FieldKey::Timeline),
    ("time frame", FieldKey::Timeline),
    ("spoiler", FieldKey::Spoilers),
    ("status", FieldKey::Status),
    ("wip", FieldKey::Status),
    ("complete", FieldKey::Status),
    ("series", FieldKey::Series),
    ("sequel to", FieldKey::Series),
    ("prequel to", FieldKey::Series),
    ("a/n", FieldKey::Notes),
    ("an", FieldKey::Notes),
    ("author's note", FieldKey::Notes),
    ("authors note", FieldKey::Notes),
    ("author note", FieldKey::Notes),
    ("note", FieldKey::Notes),
    ("beta", FieldKey::Notes),
    ("beta reader", FieldKey::Notes),
    ("thank", FieldKey::Notes),
    ("dedication", FieldKey::Notes),
    ("disclaimer", FieldKey::Disclaimer),
    ("feedback", FieldKey::Feedback),
    ("comment", FieldKey::Feedback),
    ("distribution", FieldKey::Distribution),
    ("archive", FieldKey::Distribution),
    ("archiving", FieldKey::Distribution),
    ("email", FieldKey::Email),
    ("e-mail", FieldKey::Email),
];

impl FieldKey {
    /// The field's name in `ficshelf inspect --json` and in saved data.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKey::Title => "title",
            FieldKey::Author => "author",
            FieldKey::Rating => "rating",
            FieldKey::Warnings => "warnings",
            FieldKey::Summary => "summary",
            FieldKey::Pairing => "pairing",
            FieldKey::Characters => "characters",
            FieldKey::Category => "category",
            FieldKey::Genre => "genre",
            FieldKey::Tags => "tags",
            FieldKey::Fandom => "fandom",
            FieldKey::Timeline => "timeline",
            FieldKey::Spoilers => "spoilers",
            FieldKey::Status => "status",
            FieldKey::Series => "series",
            FieldKey::Notes => "notes",
            FieldKey::Disclaimer => "disclaimer",
            FieldKey::Feedback => "feedback",
            FieldKey::Distribution => "distribution",
            FieldKey::Email => "email",
            FieldKey::Other => "other",
        }
    }

    /// The field's name as a reader sees it on the title page.
    pub fn label(self) -> &'static str {
        match self {
            FieldKey::Title => "Title",
            FieldKey::Author => "Author",
            FieldKey::Rating => "Rating",
            FieldKey::Warnings => "Warnings",
            FieldKey::Summary => "Summary",
            FieldKey::Pairing => "Pairing",
            FieldKey::Characters => "Characters",
            FieldKey::Category => "Category",
            FieldKey::Genre => "Genre",
            FieldKey::Tags => "Tags",
            FieldKey::Fandom => "Fandom",
            FieldKey::Timeline => "Timeline",
            FieldKey::Spoilers => "Spoilers",
            FieldKey::Status => "Status",
            FieldKey::Series => "Series",
            FieldKey::Notes => "Notes",
            FieldKey::Disclaimer => "Disclaimer",
            FieldKey::Feedback => "Feedback",
            FieldKey::Distribution => "Distribution",
            FieldKey::Email => "E-mail",
            FieldKey::Other => "Other",
        }
    }

    /// Fields whose value often runs over several lines.
    fn is_prose(self) -> bool {
        matches!(
            self,
            FieldKey::Summary
                | FieldKey::Notes
                | FieldKey::Disclaimer
                | FieldKey::Warnings
                | FieldKey::Feedback
                | FieldKey::Distribution
                | FieldKey::Rating
                | FieldKey::Characters
                | FieldKey::Tags
                | FieldKey::Genre
                | FieldKey::Other
        )
    }
}

/// A `Label: value` line taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLine<'a> {
    /// The field the label names.
    pub key: FieldKey,
    /// The label as written, without decoration (`Sumary`).
    pub label: &'a str,
    /// The value after the separator, trimmed (may be empty: `Summary:` alone on a line).
    pub value: &'a str,
}

impl LabelLine<'_> {
    /// True when the value may continue on the following lines.
    pub fn continues(&self) -> bool {
        self.key.is_prose() || self.value.is_empty()
    }
}

/// Longest label text considered; prose sentences with a colon are longer.
const MAX_LABEL_CHARS: usize = 28;

/// Takes apart a header line such as `~*Sumary:* Willow writes` or `RATING - PG`.
///
/// Unknown labels are accepted only when `allow_unknown` is set (inside a header already
/// begun) and look like a label: at most three words, starting with a capital letter.
pub fn parse_label_line(line: &str, allow_unknown: bool) -> Option<LabelLine<'_>> {
    let body = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '~' | '-' | '#' | '>' | '•' | '[' | '=' | '_')
    });
    let (label_part, sep, after) = split_at_separator(body)?;
    let label = label_part
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '~' | ']' | '_'))
        .trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    if !label
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '/' | '(' | ')' | '-' | '.'))
    {
        return None;
    }
    let value = after
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '~' | '_'))
        .trim_end();
    let key = match lookup(label) {
        Some(key) => key,
        None if allow_unknown && sep == ':' && looks_like_unknown_label(label) => FieldKey::Other,
        None => return None,
    };
    // `Title - Foo` and `Rating = R` only count for labels we know.
    if sep != ':' && key == FieldKey::Other {
        return None;
    }
    Some(LabelLine { key, label, value })
}

/// Splits at the first `:`, or at ` - `, ` – ` or `=` when no colon comes first.
fn split_at_separator(body: &str) -> Option<(&str, char, &str)> {
    let limit = body
        .char_indices()
        .nth(MAX_LABEL_CHARS + 4)
        .map_or(body.len(), |(i, _)| i);
    let head = &body[..limit];
    // The earliest separator wins: `rating - Fiction Rated: T` is a rating.
    let (i, sep) = [":", " - ", " – ", " — ", "=", " -- "]
        .into_iter()
        .filter_map(|sep| head.find(sep).map(|i| (i, sep)))
        .min_by_key(|&(i, sep)| (i, usize::MAX - sep.len()))?;
    // `10:30 pm` or a URL is not a label.
    if sep == ":" && body[i + 1..].starts_with("//") {
        return None;
    }
    let kind = if sep == ":" { ':' } else { '-' };
    Some((&body[..i], kind, &body[i + sep.len()..]))
}

fn looks_like_unknown_label(label: &str) -> bool {
    label.split_whitespace().count() <= 3 && label.starts_with(|c: char| c.is_uppercase())
}

/// The field a label names, forgiving case, plurals, `(s)` and one-letter typos.
pub fn lookup(label: &str) -> Option<FieldKey> {
    let folded = fold(label);
    if folded.is_empty() {
        return None;
    }
    if let Some(&(_, key)) = LABELS.iter().find(|(l, _)| *l == folded) {
        return Some(key);
    }
    if folded.chars().count() < 6 {
        return None;
    }
    LABELS
        .iter()
        .filter(|(l, _)| l.len() >= 6)
        .find(|(l, _)| within_one_edit(l, &folded))
        .map(|&(_, key)| key)
}

/// Lower case, `(s)` and a plural `s` removed, apostrophes unified, spaces collapsed.
fn fold(label: &str) -> String {
    let mut s = label.to_lowercase().replace('’', "'").replace("(s)", "");
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 3 && s.ends_with('s') && !s.ends_with("ss") && s != "series" && s != "status" {
        s.pop();
    }
    s
}

/// True when `a` becomes `b` by one insertion, deletion, substitution or swap of
/// neighbouring letters.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    if la == lb {
        let swapped = ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..];
        ra.len() <= 1 || ra[1..] == rb[1..] || swapped
    } else if la > lb {
        ra[1..] == *rb
    } else {
        rb[1..] == *ra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(line: &str) -> Option<FieldKey> {
        parse_label_line(line, false).map(|l| l.key)
    }

    #[test]
    fn plain_labels_and_values() {
        let l = parse_label_line("Title: All My Days", false).unwrap();
        assert_eq!(
            (l.key, l.label, l.value),
            (FieldKey::Title, "Title", "All My Days")
        );
        assert_eq!(key("Author(s): Kay"), Some(FieldKey::Author));
        assert_eq!(key("Written by: Kay"), Some(FieldKey::Author));
        assert_eq!(key("Rated: PG"), Some(FieldKey::Rating));
        assert_eq!(key("Content Rating: PG"), Some(FieldKey::Rating));
        assert_eq!(key("Archive Warnings: none"), Some(FieldKey::Warnings));
        assert_eq!(key("CW: blood"), Some(FieldKey::Warnings));
        assert_eq!(key("Ships: A/B"), Some(FieldKey::Pairing));
        assert_eq!(key("Relationships: A/B"), Some(FieldKey::Pairing));
        assert_eq!(key("Blurb: x"), Some(FieldKey::Summary));
        assert_eq!(key("A/N: thanks"), Some(FieldKey::Notes));
        assert_eq!(key("Author's Notes: thanks"), Some(FieldKey::Notes));
        assert_eq!(key("Sequel to: First"), Some(FieldKey::Series));
        assert_eq!(key("E-mail: a@b.c"), Some(FieldKey::Email));
        assert_eq!(key("Spoilers: season 6"), Some(FieldKey::Spoilers));
    }

    #[test]
    fn case_and_decoration_are_forgiven() {
        assert_eq!(key(" summary: Willow meets"), Some(FieldKey::Summary));
        assert_eq!(key("TITLE: X"), Some(FieldKey::Title));
        assert_eq!(key("*Rating:* R"), Some(FieldKey::Rating));
        assert_eq!(key("~Pairing~: S/W"), Some(FieldKey::Pairing));
        assert_eq!(key("- Genre: Angst"), Some(FieldKey::Genre));
        let l = parse_label_line("**Summary:** Short", false).unwrap();
        assert_eq!(l.value, "Short");
    }

    #[test]
    fn dash_and_equals_separators_for_known_labels_only() {
        assert_eq!(key("Rating - PG-13"), Some(FieldKey::Rating));
        assert_eq!(key("Author = Kay"), Some(FieldKey::Author));
        assert_eq!(parse_label_line("Mood - grumpy", true), None);
        // Regression: the earlier ` - ` wins over a later colon in the value.
        let l = parse_label_line("rating - Fiction Rated: T", false).unwrap();
        assert_eq!((l.key, l.value), (FieldKey::Rating, "Fiction Rated: T"));
        assert!(parse_label_line("Mood: grumpy", true).is_some());
    }

    #[test]
    fn one_letter_typos_on_long_labels() {
        for typo in [
            "Sumary",
            "Summery",
            "Diclaimer",
            "Warnigs",
            "Pairng",
            "Disclaimor",
        ] {
            assert!(key(&format!("{typo}: x")).is_some(), "{typo}");
        }
        assert_eq!(key("Sumary: x"), Some(FieldKey::Summary));
        // Short labels get no typo allowance: "Rant" is not "Rated".
        assert_eq!(key("Rant: x"), None);
    }

    #[test]
    fn prose_with_a_colon_is_not_a_label() {
        assert_eq!(parse_label_line("He said: come here", false), None);
        assert_eq!(
            parse_label_line("There was only one thing left to do: run.", true),
            None
        );
        assert_eq!(parse_label_line("See http://example.com", true), None);
        assert_eq!(parse_label_line("At 10:30 she left", true), None);
        assert_eq!(parse_label_line("she said: no", true), None);
    }

    #[test]
    fn unknown_labels_kept_inside_a_header() {
        let l = parse_label_line("Word Count: 2,400", true).unwrap();
        assert_eq!(
            (l.key, l.label, l.value),
            (FieldKey::Other, "Word Count", "2,400")
        );
        assert_eq!(parse_label_line("Word Count: 2,400", false), None);
    }

    #[test]
    fn empty_value_continues() {
        let l = parse_label_line("Summary:", false).unwrap();
        assert!(l.value.is_empty() && l.continues());
        assert!(!parse_label_line("Title: X", false).unwrap().continues());
    }

    #[test]
    fn edit_distance() {
        assert!(within_one_edit("summary", "sumary"));
        assert!(within_one_edit("summary", "summery"));
        assert!(within_one_edit("warning", "wraning"));
        assert!(!within_one_edit("summary", "smry"));
        assert!(!within_one_edit("pairing", "parsing!!"));
    }

    #[test]
    fn field_labels_for_people() {
        assert_eq!(FieldKey::Summary.label(), "Summary");
        assert_eq!(FieldKey::Email.label(), "E-mail");
    }
}
