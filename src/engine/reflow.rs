//! Reflow: deciding, for each line break in a story, whether it ends a paragraph, is kept
//! as a verse line break, or is a soft wrap to be joined.
//!
//! A file's paragraph style is read once from its line lengths: blank-line separated,
//! one paragraph per line, or hard-wrapped at 55-100 columns. Then each break between two
//! lines of a block of text is judged on its own. When unsure, the break is kept: a wrong
//! join is worse than a missed one.

/// Lines shorter than this (in characters) can be verse lines in unwrapped text.
const SHORT_LINE: usize = 60;
/// Narrowest and widest hard-wrap widths recognised.
const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 50..=100;

/// How the paragraphs of a story are laid out in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Paragraphs separated by blank lines, each on one line.
    BlankSeparated,
    /// One paragraph per line, few or no blank lines.
    LinePerParagraph,
    /// Paragraphs hard-wrapped at a fixed width.
    Wrapped,
}

/// What the analysis learned about a story's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The paragraph style.
    pub style: Style,
    /// The wrap width in characters (meaningful for [`Style::Wrapped`]).
    pub wrap_width: usize,
    /// The usual number of blank lines between paragraphs (0 for one per line).
    pub usual_gap: usize,
    /// A script in screenplay layout (see [`super::script`]).
    pub script: bool,
}

/// How two neighbouring lines of text relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Same paragraph: join with a space.
    Join,
    /// Same verse block: keep the line break.
    Verse,
    /// A new paragraph starts.
    Break,
}

/// One line with the measurements the decisions need.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The line without trailing white space.
    pub text: &'a str,
    /// Its length in characters, indentation included (kept in 32 bits, as the lines of
    /// a big story are many: see [`Line::chars`]).
    chars: u32,
    /// Its indentation in characters (tabs count as one).
    indent: u32,
}

impl<'a> Line<'a> {
    /// Measures a line.
    pub fn new(raw: &'a str) -> Self {
        let text = raw.trim_end();
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        let indent = text.len() - text.trim_start().len();
        // A story is at most 512 MiB (`MAX_STORY_BYTES`), so both fit in 32 bits.
        Line {
            text,
            chars: u32::try_from(chars).unwrap_or(u32::MAX),
            indent: u32::try_from(indent).unwrap_or(u32::MAX),
        }
    }

    /// Its length in characters, indentation included.
    pub fn chars(&self) -> usize {
        self.chars as usize
    }

    /// Its indentation in characters (tabs count as one).
    pub fn indent(&self) -> usize {
        self.indent as usize
    }

    fn first_word_chars(&self) -> usize {
        let t = self.text.trim_start();
        let word = t.split(char::is_whitespace).next().unwrap_or("");
        if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        }
    }

    fn starts_lower(&self) -> bool {
        self.text
            .trim_start()
            .starts_with(|c: char| c.is_lowercase())
    }

    /// True when the line ends like a finished sentence (or a quotation).
    pub fn ends_sentence(&self) -> bool {
        self.text.ends_with([
            '.', '!', '?', '"', '”', '’', '\'', '…', ')', ']', '*', '~', '>', '»',
        ])
    }
}

/// Reads a story's layout from its lines (blank lines are empty strings).
pub fn analyse(lines: &[Line<'_>]) -> Layout {
    let mut candidates: Vec<usize> = Vec::new(); // lengths of lines followed by a line
    let (mut filled, mut in_multi) = (0usize, 0usize);
    let mut gaps = [0usize; 5]; // how often 1..=4+ blank lines separate blocks of text
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && lines[i].chars() > 0 {
            i += 1;
        }
        let group = &lines[start..i];
        filled += group.len();
        if group.len() > 1 {
            in_multi += group.len();
            // A line before an indented paragraph opening ends its paragraph, not a wrap.
            let min_indent = group.iter().map(|l| l.indent()).min().unwrap_or(0);
            candidates.extend(
                group
                    .windows(2)
                    .filter(|pair| pair[1].indent() <= min_indent)
                    .map(|pair| pair[0].chars()),
            );
        }
        let blank_start = i;
        while i < lines.len() && lines[i].chars() == 0 {
            i += 1;
        }
        if blank_start > start && i < lines.len() && i > blank_start {
            gaps[(i - blank_start).min(4)] += 1;
        }
    }
    let wrap_width = wrap_width(&mut candidates, in_multi, filled);
    let style = if wrap_width.is_some() {
        Style::Wrapped
    } else if in_multi * 2 >= filled && filled > 0 {
        Style::LinePerParagraph
    } else {
        Style::BlankSeparated
    };
    let usual_gap = match style {
        Style::LinePerParagraph => 0,
        _ => (1..gaps.len())
            .max_by_key(|&g| (gaps[g], usize::MAX - g))
            .unwrap_or(1),
    };
    Layout {
        style,
        wrap_width: wrap_width.unwrap_or(0),
        usual_gap,
        script: super::script::is_script(lines),
    }
}

/// The hard-wrap width, if most lines that have a successor end near a common width.
fn wrap_width(candidates: &mut [usize], in_multi: usize, filled: usize) -> Option<usize> {
    if candidates.len() < 4 || in_multi * 10 < filled * 3 {
        return None;
    }
    let at = candidates.len() * 9 / 10;
    let (_, &mut width, _) = candidates.select_nth_unstable(at);
    if !WRAP_WIDTHS.contains(&width) {
        return None;
    }
    let near = candidates
        .iter()
        .filter(|&&n| n * 10 >= width * 7 && n <= width + 8)
        .count();
    (near * 4 >= candidates.len() * 3).then_some(width)
}

/// Decides how line `a` relates to the line `b` after it, inside one block of text whose
/// longest line has `block_width` characters.
pub fn link(
    layout: &Layout,
    a: &Line<'_>,
    b: &Line<'_>,
    block_width: usize,
    min_indent: usize,
) -> Link {
    if layout.script
        && a.indent() == b.indent()
        && a.text.ends_with(|c: char| c.is_alphabetic() || c == ',')
        && b.starts_lower()
    {
        // A speech or direction wrapped at the script's narrow column.
        return Link::Join;
    }
    let wrapped = layout.style == Style::Wrapped && block_width * 10 >= layout.wrap_width * 6;
    if wrapped {
        let open = a.text.ends_with(|c: char| c.is_alphabetic() || c == ',');
        if open && b.starts_lower() && a.chars() * 10 >= block_width * 6 {
            // A sentence goes on, whatever stray space a bad copy put before it.
            return Link::Join;
        }
        if b.indent() > min_indent && b.indent() >= a.indent() {
            return Link::Break;
        }
        let short = block_width * 6 / 10;
        if open && b.starts_lower() && b.chars() >= short {
            // A short line cut off mid-sentence (`...a double-take, but wou` / `ld
            // immediately dismiss...`): a paragraph never starts in lower case.
            return Link::Join;
        }
        let next_word_fits = a.chars() + 1 + b.first_word_chars() <= block_width;
        if !next_word_fits {
            return Link::Join;
        }
        if a.chars() * 2 >= block_width && !a.ends_sentence() && b.starts_lower() {
            return Link::Join;
        }
        return if a.chars() < short && b.chars() < short {
            Link::Verse
        } else {
            Link::Break
        };
    }
    let open = a.text.ends_with(|c: char| c.is_alphabetic() || c == ',');
    if (a.chars() >= SHORT_LINE && !a.ends_sentence() || open && b.chars() >= SHORT_LINE)
        && b.starts_lower()
    {
        // A bad copy broke a sentence: `...and she` / `couldn't believe...`, or cut a
        // line short in the middle of one: a paragraph never starts in lower case.
        return Link::Join;
    }
    if a.chars() < SHORT_LINE && b.chars() < SHORT_LINE {
        Link::Verse
    } else {
        Link::Break
    }
}

/// In one-paragraph-per-line text, a run of short lines is verse only when most of its lines
/// don't end like sentences; short lines of dialogue stay paragraphs.
pub fn run_is_verse(layout: &Layout, run: &[Line<'_>]) -> bool {
    if layout.style != Style::LinePerParagraph {
        return true;
    }
    let finished = run.iter().filter(|l| l.ends_sentence()).count();
    finished * 2 < run.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(text: &str) -> Vec<Line<'_>> {
        text.lines().map(Line::new).collect()
    }

    const WRAPPED: &str = "The rain had not stopped for three days, and the gutters of the old town\n\
        ran brown with silt from the hills. Mara watched it from the window of the\n\
        print shop, counting the barges that slid past under the bridge.\n\
        \n\
        Tobin came in at noon with bread and a letter he would not let her read\n\
        until she had eaten something, which she thought was a very unfair trade\n\
        and told him so at length.\n\
        \n\
        By evening the river had risen past the third step of the water stairs,\n\
        and the lamplighters went out early with their long poles and their oil.\n";

    #[test]
    fn detects_hard_wrapping() {
        let lines = measure(WRAPPED);
        let layout = analyse(&lines);
        assert_eq!(layout.style, Style::Wrapped);
        assert!((70..=80).contains(&layout.wrap_width), "{layout:?}");
        assert_eq!(layout.usual_gap, 1);
    }

    #[test]
    fn detects_blank_separated_and_line_per_paragraph() {
        let blank = "One long paragraph.\n\nAnother one.\n\nA third.\n";
        assert_eq!(analyse(&measure(blank)).style, Style::BlankSeparated);
        let per_line =
            "First paragraph here, quite long indeed.\nSecond one follows.\nThird.\nFourth.\n";
        let layout = analyse(&measure(per_line));
        assert_eq!(
            (layout.style, layout.usual_gap),
            (Style::LinePerParagraph, 0)
        );
    }

    #[test]
    fn soft_wraps_join_and_short_last_lines_break() {
        let lines = measure(WRAPPED);
        let layout = analyse(&lines);
        let w = lines[..3].iter().map(|l| l.chars()).max().unwrap_or(0);
        assert_eq!(link(&layout, &lines[0], &lines[1], w, 0), Link::Join);
        assert_eq!(link(&layout, &lines[1], &lines[2], w, 0), Link::Join);
    }

    #[test]
    fn indented_paragraphs_in_wrapped_text_break() {
        let text = "    The rain had not stopped for three days, and the gutters of the old\n\
            town ran brown with silt from the hills, and nobody went out at all.\n\
            \tTobin came in at noon with bread and a letter he would not let her\n\
            read until she had eaten something, which she thought unfair of him.";
        let lines = measure(text);
        let layout = Layout {
            style: Style::Wrapped,
            wrap_width: 72,
            usual_gap: 1,
            script: false,
        };
        assert_eq!(link(&layout, &lines[0], &lines[1], 72, 0), Link::Join);
        assert_eq!(link(&layout, &lines[1], &lines[2], 72, 0), Link::Break);
    }

    #[test]
    fn mid_sentence_break_joins_in_unwrapped_text() {
        let layout = Layout {
            style: Style::LinePerParagraph,
            wrap_width: 0,
            usual_gap: 0,
            script: false,
        };
        let a = Line::new(
            "The day's events still hadn't sunk in and she was sure of nothing at all, and she",
        );
        let b = Line::new("couldn't believe they'd won.");
        assert_eq!(link(&layout, &a, &b, 0, 0), Link::Join);
        let c = Line::new("She was sure of nothing at all, not the day and not the night.");
        assert_eq!(
            link(&layout, &c, &b, 0, 0),
            Link::Break,
            "a finished sentence keeps its break"
        );
    }

    #[test]
    fn a_line_cut_short_in_the_middle_of_a_sentence_joins() {
        let cut = Line::new("direction, but wou");
        let rest =
            Line::new("ld immediately dismiss the apparition as a hallucination, and went on.");
        let verse = Line::new("and the sea was calm");
        let unwrapped = Layout {
            style: Style::LinePerParagraph,
            wrap_width: 0,
            usual_gap: 0,
            script: false,
        };
        let wrapped = Layout {
            style: Style::Wrapped,
            wrap_width: 78,
            usual_gap: 1,
            script: false,
        };
        for layout in [unwrapped, wrapped] {
            assert_eq!(link(&layout, &cut, &rest, 78, 0), Link::Join);
            // Two short lines are verse, and a finished line ends its paragraph.
            assert_eq!(link(&layout, &cut, &verse, 78, 0), Link::Verse);
            let done = Line::new("He went.");
            assert_ne!(link(&layout, &done, &rest, 78, 0), Link::Join);
        }
    }

    #[test]
    fn short_lines_are_verse() {
        let layout = Layout {
            style: Style::BlankSeparated,
            wrap_width: 0,
            usual_gap: 1,
            script: false,
        };
        let a = Line::new("I walk the line alone tonight");
        let b = Line::new("and the river sings along");
        assert_eq!(link(&layout, &a, &b, 0, 0), Link::Verse);
    }

    #[test]
    fn short_dialogue_lines_are_not_verse_in_line_per_paragraph_text() {
        let layout = Layout {
            style: Style::LinePerParagraph,
            wrap_width: 0,
            usual_gap: 0,
            script: false,
        };
        let dialogue = measure("\"You felt for him?\"\n\"He got me, you know?\"");
        assert!(!run_is_verse(&layout, &dialogue));
        let song =
            measure("I know I should go\nBut I follow you like a shadow\nThere's a traitor here");
        assert!(run_is_verse(&layout, &song));
    }
}
