//! Fandom names as archive title blocks write them over the title (`STAR TREK: THE NEXT
//! GENERATION` / `HEAVEN'S SHROUD`, `THE X-FILES:` / `"And If I Die..."`).
//!
//! A fan reading the block knows the first line names the show, not the story. The list
//! holds the fandoms of the Usenet and mailing-list era and the large ones since; a line
//! is a fandom line when, without punctuation and a trailing `fan fiction`, it is one of
//! them.

/// Fandoms, lower case, letters and digits with single spaces.
const FANDOMS: &[&str] = &[
    "star trek",
    "star trek the next generation",
    "the next generation",
    "st tng",
    "tng",
    "star trek deep space nine",
    "deep space nine",
    "ds9",
    "star trek voyager",
    "voyager",
    "star trek enterprise",
    "the x files",
    "x files",
    "xfiles",
    "star wars",
    "babylon 5",
    "buffy the vampire slayer",
    "btvs",
    "angel",
    "highlander",
    "quantum leap",
    "doctor who",
    "blake s 7",
    "stargate",
    "stargate sg 1",
    "stargate atlantis",
    "xena warrior princess",
    "hercules the legendary journeys",
    "forever knight",
    "due south",
    "the sentinel",
    "harry potter",
    "lord of the rings",
    "the lord of the rings",
    "beauty and the beast",
    "red dwarf",
    "the professionals",
    "starsky and hutch",
    "the man from u n c l e",
    "battlestar galactica",
    "firefly",
    "supernatural",
    "sherlock",
    "stargate sg1",
];

/// Words a fandom line may add: `THE X-FILES fan fiction`, `A STAR TREK story`.
const EXTRA: &[&str] = &["fan", "fiction", "fanfic", "fanfiction", "presents"];

/// True when `line` names a fandom and nothing else.
pub fn is_fandom_line(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !EXTRA.contains(&w.as_str()))
        .collect();
    !words.is_empty() && FANDOMS.contains(&words.join(" ").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fandom_lines() {
        for line in [
            "STAR TREK: THE NEXT GENERATION",
            "THE X-FILES:",
            "  Star Wars fan fiction",
            "ST:TNG",
        ] {
            assert!(is_fandom_line(line), "{line}");
        }
        for line in [
            "HEAVEN'S SHROUD",
            "Star Trek meets the Three Little Pigs",
            "Angel of Mercy",
        ] {
            assert!(!is_fandom_line(line), "{line}");
        }
    }
}
