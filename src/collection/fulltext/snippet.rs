//! A passage's snippet: the words around the first match, the matched words between `[`
//! and `]`, matched as the index matches them (case and accents folded).

/// Words of context kept before the first match, and in all.
const BEFORE: usize = 10;
const WORDS: usize = 28;

/// The query's terms, folded: each word alone, each quoted phrase as its words in order.
pub fn terms(query: &str) -> Vec<Vec<String>> {
    let mut terms = Vec::new();
    for (k, part) in query.split('"').enumerate() {
        let folded: Vec<String> = words(part).map(|(_, w)| fold(w)).collect();
        if k % 2 == 1 {
            terms.push(folded);
        } else {
            terms.extend(folded.into_iter().map(|w| vec![w]));
        }
    }
    terms.retain(|t| !t.is_empty());
    terms
}

/// How many of `terms` are in `text`.
pub fn found(text: &str, terms: &[Vec<String>]) -> usize {
    let folded: Vec<String> = words(text).map(|(_, w)| fold(w)).collect();
    terms
        .iter()
        .filter(|term| {
            !term.is_empty() && folded.windows(term.len()).any(|run| run == term.as_slice())
        })
        .count()
}

/// The snippet of `text` for `terms`.
pub fn make(text: &str, terms: &[Vec<String>]) -> String {
    let tokens: Vec<(usize, &str)> = words(text).collect();
    let folded: Vec<String> = tokens.iter().map(|(_, w)| fold(w)).collect();
    let mut hit = vec![false; tokens.len()];
    for term in terms {
        for k in 0..tokens.len() {
            if folded
                .get(k..k + term.len())
                .is_some_and(|run| run == term.as_slice())
            {
                hit[k..k + term.len()].iter_mut().for_each(|h| *h = true);
            }
        }
    }
    let first = hit.iter().position(|&h| h).unwrap_or(0);
    let from = first.saturating_sub(BEFORE);
    let to = (from + WORDS).min(tokens.len());
    if from >= to {
        return text.chars().take(200).collect();
    }
    // From the start of the word the window's first token is in (`can't`, not `t`).
    let start = text[..tokens[from].0]
        .rfind(char::is_whitespace)
        .map_or(if from == 0 { 0 } else { tokens[from].0 }, |i| i + 1);
    let end = tokens[to - 1].0 + tokens[to - 1].1.len();
    let mut out = String::new();
    if from > 0 {
        out.push('\u{2026}');
    }
    out.push_str(&text[start..tokens[from].0]);
    let mut at = tokens[from].0;
    let mut open = false;
    for k in from..to {
        let (pos, word) = tokens[k];
        let between = &text[at..pos];
        // A run of matched words separated by spaces alone is one bracket.
        if open && (!hit[k] || !between.trim().is_empty()) {
            out.push(']');
            open = false;
        }
        out.push_str(between);
        if hit[k] && !open {
            out.push('[');
            open = true;
        }
        out.push_str(word);
        at = pos + word.len();
    }
    if open {
        out.push(']');
    }
    if to < tokens.len() {
        out.push('\u{2026}');
    } else {
        out.push_str(&text[end..]);
    }
    out.trim().to_string()
}

/// The words of a text with where they start: runs of letters and digits, as the index's
/// tokenizer splits them.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A word in lower case without its accents (the Latin letters fans' names use).
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_bracketed_with_context_around_them() {
        let marlowe = terms("\"cafe marlowe\"");
        assert_eq!(
            make("They met at the Café Marlowe, by the wall.", &marlowe),
            "They met at the [Café Marlowe], by the wall."
        );
        // A phrase's words are marked where they stand together, not each alone.
        assert_eq!(
            make(
                "The cafe by the sea, the sea by the cafe.",
                &terms("\"the sea\"")
            ),
            "The cafe by [the sea], [the sea] by the cafe."
        );
        let long = format!("{} needle {}", "word ".repeat(30), "more ".repeat(30));
        let s = make(&long, &[vec!["needle".to_string()]]);
        assert!(s.starts_with('\u{2026}') && s.ends_with('\u{2026}'), "{s}");
        assert!(s.contains("[needle]"), "{s}");
        assert_eq!(s.split_whitespace().count(), WORDS);
        // The tenth word before the match is the `t` of `can't`.
        let cut = format!("one two three can't {}needle", "x ".repeat(9));
        let s = make(&cut, &[vec!["needle".to_string()]]);
        assert!(s.starts_with("\u{2026}can't"), "{s}");
    }
}
