//! Titles typed in capitals, as plain-text archives of the 1990s set them for want of bold
//! (`THE LADY AND THE TIGER`, `HEAVEN'S SHROUD`), given the case a library shows them in
//! (`The Lady and the Tiger`, `Heaven's Shroud`): each word capitalised, the short joining
//! words lower-cased inside the title, and what reads as an abbreviation or a number kept
//! as written (`DS9`, `SG-1`, `FBI`, `Part II`). A title with any lower-case letter is the
//! author's own casing and is left alone, as is one too short to tell (`TNG`).

/// The title in title case when it is all capitals, else None.
pub fn title_case(title: &str) -> Option<String> {
    if title.chars().any(char::is_lowercase) {
        return None;
    }
    // At least one real word of four letters: `TNG` or `X-F` alone may be an abbreviation.
    let long_word = words(title).any(|(_, w)| w.chars().filter(|c| c.is_alphabetic()).count() >= 4);
    if !long_word {
        return None;
    }
    let spans: Vec<(usize, &str)> = words(title).collect();
    let mut out = String::with_capacity(title.len());
    let mut at = 0;
    for (k, &(start, word)) in spans.iter().enumerate() {
        let before = &title[at..start];
        out.push_str(before);
        // A title's first and last words, and the first after a colon or a dash, are
        // capitalised whatever they are.
        let opens = k == 0 || before.contains([':', '-', '\u{2014}', '\u{2013}', '(', '"']);
        let closes = k + 1 == spans.len();
        out.push_str(&word_case(word, opens || closes));
        at = start + word.len();
    }
    out.push_str(&title[at..]);
    Some(out)
}

/// The words of a title with where each starts: runs of letters and digits, with an
/// apostrophe inside a word kept in it (`HEAVEN'S`). A hyphen parts words (`X-TREK`).
fn words(title: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = title.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = title.len();
        while let Some(&(i, c)) = rest.peek() {
            let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
                && title[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !(c.is_alphanumeric() || inner_apostrophe) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &title[start..end]))
    })
}

/// One word of an all-capitals title, in title case. `always` capitalises even a short
/// joining word (the first and last words).
fn word_case(word: &str, always: bool) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let vowelless_word = VOWELLESS_WORDS.contains(&word.to_lowercase().as_str());
    if word.chars().any(|c| c.is_ascii_digit())
        || letters == 1
        || is_roman_numeral(word)
        || ABBREVIATIONS.contains(&word)
        || (letters >= 2 && !word.chars().any(is_vowel) && !vowelless_word)
    {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if !always && SMALL_WORDS.contains(&lower.as_str()) {
        return lower;
    }
    // `O'BRIEN`, `D'ARTAGNAN` and `MCCOY` take a second capital.
    let second_capital = letters >= 4
        && ["o'", "d'", "o\u{2019}", "d\u{2019}", "mc"]
            .iter()
            .any(|p| lower.starts_with(p));
    let mut chars = lower.chars();
    let mut out = String::with_capacity(word.len());
    out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
    if second_capital {
        out.extend(chars.next());
        out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
    }
    out.extend(chars);
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// A Roman numeral as part and chapter numbers are written (`II`, `XIV`), up to 39.
fn is_roman_numeral(word: &str) -> bool {
    let units = word.trim_start_matches('X');
    word.len() - units.len() <= 3
        && matches!(
            units,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
}

/// Short words that stay lower-case inside a title.
const SMALL_WORDS: [&str; 20] = [
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "to", "up", "vs",
];

/// Words without a vowel that are words, not abbreviations (`DR. WHO`, `HMM`).
const VOWELLESS_WORDS: [&str; 15] = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "hmm", "hm", "shh", "psst", "tsk", "brr",
    "nth",
];

/// Abbreviations with a vowel that fan fiction titles use, kept in capitals.
const ABBREVIATIONS: [&str; 14] = [
    "FBI", "CIA", "NSA", "UFO", "USA", "UK", "TV", "TOS", "VOY", "ENT", "AI", "OK", "AU", "UNIT",
];

#[cfg(test)]
mod tests {
    use super::title_case;

    #[test]
    fn capitals_become_title_case() {
        for (shouted, shown) in [
            ("THE LADY AND THE TIGER", "The Lady and the Tiger"),
            ("HEAVEN'S SHROUD", "Heaven's Shroud"),
            ("MINOR MISDIRECTIONS", "Minor Misdirections"),
            ("A CHRISTMAS STORY", "A Christmas Story"),
            ("FOUND OUT", "Found Out"),
            ("WHAT THE FBI KNEW", "What the FBI Knew"),
            ("X-TREK", "X-Trek"),
            ("DS9: THE LONG WAY HOME", "DS9: The Long Way Home"),
            ("MCCOY'S LAST STAND, PART II", "McCoy's Last Stand, Part II"),
            ("O'BRIEN AND THE TRIBBLES", "O'Brien and the Tribbles"),
            ("\"LOST IN\"", "\"Lost In\""),
            ("SOMETHING TO BELIEVE IN", "Something to Believe In"),
            ("TNG MEETS SG-1", "TNG Meets SG-1"),
            ("DR. JEKYLL AND MR. HYDE", "Dr. Jekyll and Mr. Hyde"),
            ("PSST, MULDER", "Psst, Mulder"),
        ] {
            assert_eq!(title_case(shouted).as_deref(), Some(shown), "{shouted}");
        }
    }

    #[test]
    fn the_authors_own_casing_and_short_titles_stay() {
        for title in [
            "The Lady and the TIGER",
            "Angel",
            "TNG",
            "S/W",
            "X-F",
            "1994",
            "",
        ] {
            assert_eq!(title_case(title), None, "{title}");
        }
    }
}
