//! Closing lines: the last line of a story that says whether it is finished (`The End`,
//! `Fin`) or goes on (`TBC`, `To be continued`, `End of part 2`).

use super::is_ornament;

/// What the last lines of a story say about whether it is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// `The End`, `End file.`, `Fin`.
    Complete,
    /// `TBC`, `To be continued`: a work in progress.
    Continued,
}

impl Ending {
    /// True for a finished story.
    pub fn is_complete(self) -> bool {
        self == Ending::Complete
    }
}

/// Whether a line ends the story, and how.
pub fn ending(line: &str) -> Option<Ending> {
    let mut t = line.trim();
    if t.len() > 60 {
        // A footer with a remark after it: `End of part 2 (there is a part 3, posted...)`.
        t = t.split('(').next().unwrap_or("").trim();
    }
    if t.is_empty() || t.len() > 60 {
        return None;
    }
    let core: String = t
        .trim_matches(|c: char| is_ornament(c) || matches!(c, '!' | '?' | '"'))
        .to_lowercase()
        .replace('’', "'")
        .replace('.', "")
        .replace('-', " ");
    let core = core.split_whitespace().collect::<Vec<_>>().join(" ");
    let core = core.as_str();
    const COMPLETE: &[&str] = &[
        "the end",
        "end",
        "fin",
        "finis",
        "end file",
        "end of story",
        "the very end",
        "end of fic",
    ];
    const CONTINUED: &[&str] = &[
        "tbc",
        "to be continued",
        "to be cont'd",
        "to be cont",
        "tbc in part",
        "cont",
        "cont'd",
        "continued",
        "to be concluded",
        "more to come",
        "continued in the next part",
        "continued in the next chapter",
    ];
    if COMPLETE.contains(&core) {
        return Some(Ending::Complete);
    }
    let continued = CONTINUED.contains(&core)
        || core.starts_with("to be continued")
        || core.starts_with("continued in ")
        || core.starts_with("end of part")
        || core.starts_with("end of chap")
        || core.starts_with("end part");
    continued.then_some(Ending::Continued)
}
