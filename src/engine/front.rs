//! Front matter of archive posts: where the story starts after a news header, notes,
//! disclaimers, a title block and a byline.
//!
//! A careful reader skims past everything the writer put before the story: an intro in
//! prose, a disclaimer, a centred title and `by` line, a rule. The marks they look for are
//! the byline (the story follows its title block), a rule that closes the intro, and a
//! short centred title group standing before the first paragraph. Ratings said in passing
//! there (`I'd rate this PG-13`, `Subject: Tale [PG]`) count; the story's own text never.

use super::byline::{
    address_name, and_byline, byline, byline_at, copyright_byline, inline_byline, is_art,
};
use super::lines::{comment_end, heading, is_scene_break};

/// How many lines after the news header the front matter may run.
const WINDOW_LINES: usize = 80;
/// Longest line of a title block or byline.
const TITLE_CHARS: usize = 70;

/// What the front matter gave: the title block, the byline, and where the story starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The title block's text (its lines joined with a space), if one was found.
    pub title: Option<String>,
    /// The author named by a byline.
    pub author: Option<String>,
    /// Index of the first line of the story, if the front matter was recognised.
    pub body_start: Option<usize>,
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// A rule: a symbol-only line of at least three symbols.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && t.chars().all(|c| !c.is_alphanumeric())
        && is_scene_break(t)
}

/// Words that only front matter uses: a note, disclaimer or provenance line.
pub(super) fn is_front_word_line(line: &str) -> bool {
    has_any_word(
        line,
        &[
            "disclaimer",
            "copyright",
            "(c)",
            "author's note",
            "authors note",
            "a/n",
            "e-mail",
            "email",
            "comments",
            "feedback",
            "archive",
            "rated",
            "rating",
            "summary",
            "spoiler",
            "belong to",
            "paramount",
            "ten thirteen",
            "1013",
            "this story",
            "this is my",
            "based on",
        ],
    )
}

/// True when one of the lower-case ASCII `phrases` occurs in `text` as whole words, in
/// any case (`Rated`, not `frustrated`). One pass over the text, no copy of it.
fn has_any_word(text: &str, phrases: &[&str]) -> bool {
    let bytes = text.as_bytes();
    let mut after_word = false;
    for (at, c) in text.char_indices() {
        if !after_word {
            let first = bytes[at].to_ascii_lowercase();
            let found = phrases.iter().any(|p| {
                let p = p.as_bytes();
                p[0] == first
                    && bytes.len() - at >= p.len()
                    && bytes[at..at + p.len()].eq_ignore_ascii_case(p)
                    // The matched bytes are ASCII, so `at + len` is a char boundary.
                    && !text[at + p.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
            if found {
                return true;
            }
        }
        after_word = c.is_alphanumeric();
    }
    false
}

/// The next non-blank line at or after `i`.
fn next_filled(lines: &[&str], i: usize, end: usize) -> Option<usize> {
    (i..end).find(|&k| !blank(lines[k]))
}

/// A title group: one to three short lines that don't read as a sentence, followed by a
/// blank line. Returns the index after the group.
fn title_group(lines: &[&str], i: usize, end: usize) -> Option<usize> {
    let mut j = i;
    while j < end && !blank(lines[j]) {
        let t = lines[j].trim();
        let bare = t.trim_end_matches(['"', '\'', '”', '’']);
        let sentence =
            (bare.ends_with(['.', ',', ';', '?']) || bare.contains(". ")) && !bare.ends_with("...");
        let mark = is_rule(t) || is_scene_break(t);
        if j - i >= 3 || t.chars().count() > TITLE_CHARS || sentence || mark {
            return None;
        }
        j += 1;
    }
    // A title is a few words: more is the start of a paragraph.
    let words: usize = lines[i..j]
        .iter()
        .map(|l| l.split_whitespace().count())
        .sum();
    (j > i && j < end && words <= MAX_TITLE_WORDS && heading(lines[i]).is_none()).then_some(j)
}

/// Most words a title block holds.
const MAX_TITLE_WORDS: usize = 12;

/// The title lines just above a byline at `b`: the group of short lines before it, across
/// at most a few blank lines.
fn title_above(lines: &[&str], start: usize, b: usize) -> Option<String> {
    let mut k = b;
    let mut blanks = 0;
    // An underline between the title and its byline.
    if k > start && is_rule(lines[k - 1]) {
        k -= 1;
    }
    while k > start && blank(lines[k - 1]) {
        k -= 1;
        blanks += 1;
    }
    if blanks > 4 {
        return None;
    }
    let end = k;
    while k > start && !blank(lines[k - 1]) && !is_rule(lines[k - 1]) && end - k < 3 {
        k -= 1;
    }
    let group = &lines[k..end];
    if group.is_empty() || group.iter().any(|l| l.trim().chars().count() > TITLE_CHARS) {
        return None;
    }
    if let [only] = group
        && is_kind_line(only)
    {
        // `An X Files story...` under the title says what the story is: look above it.
        return title_above(lines, start, k);
    }
    // A line wholly in brackets is a subtitle (`(An X-Files story)`), not the title.
    let text = group
        .iter()
        .map(|l| l.trim())
        .filter(|l| !(l.starts_with(['(', '[']) && l.ends_with([')', ']'])))
        .collect::<Vec<_>>()
        .join(" ");
    Some(text)
}

/// A line saying what kind of story follows: `An X Files story....`, `A Star Trek parody`,
/// `(An X-Files erotica)`.
fn is_kind_line(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let last = t.rsplit(' ').next().unwrap_or("");
    (t.starts_with("a ") || t.starts_with("an "))
        && [
            "story",
            "fic",
            "fanfic",
            "tale",
            "vignette",
            "erotica",
            "parody",
            "crossover",
            "poem",
            "filk",
            "piece",
            "sequel",
            "prequel",
        ]
        .contains(&last)
}

/// Skips what follows a byline or a rule before the story: the byline's short companion
/// lines (an address, a date, `and Y`), blank lines, rules, and a title group.
fn skip_to_story(lines: &[&str], mut i: usize, end: usize, front: &mut FrontMatter) -> usize {
    loop {
        let Some(j) = next_filled(lines, i, end) else {
            return i;
        };
        if is_rule(lines[j]) {
            i = j + 1;
            continue;
        }
        if front.title.is_none()
            && let Some(after) = title_group(lines, j, end)
        {
            let text: Vec<&str> = lines[j..after].iter().map(|l| l.trim()).collect();
            front.title = Some(text.join(" "));
            i = after;
            continue;
        }
        if front.author.is_none()
            && let Some(author) = byline(lines[j])
        {
            front.author = Some(author);
            i = j + 1;
            continue;
        }
        return past_notes(lines, j, end);
    }
}

/// Longest paragraph [`past_notes`] takes for a note.
const MAX_NOTE_LINES: usize = 8;
/// How far past the title block notes may run before the story.
const NOTE_LOOKAHEAD: usize = 40;

/// From `j`, skips paragraphs that are notes rather than story (a disclaimer, an address,
/// `Historian's Note:`, a repeated title line) up to a part heading or the first paragraph
/// of prose; returns where the story starts.
fn past_notes(lines: &[&str], j: usize, end: usize) -> usize {
    let limit = (j + NOTE_LOOKAHEAD).min(end);
    let mut k = j;
    let mut story = j;
    while let Some(g) = next_filled(lines, k, limit) {
        if heading(lines[g]).is_some() {
            return g;
        }
        let g_end = (g..end).find(|&x| blank(lines[x])).unwrap_or(end);
        let group = &lines[g..g_end];
        let noted = group.len() <= MAX_NOTE_LINES
            && (group.iter().any(|l| {
                is_front_word_line(l) || l.contains('@') || is_rule(l) || is_note_label(l)
            }) || is_aside(group)
                || speaks_of_the_story(group)
                || is_tagline(group, &lines[g_end..end]))
            || (group.len() == 1 && inline_byline(group[0]).is_some());
        if !noted {
            return story;
        }
        k = g_end;
        story = next_filled(lines, k, end).unwrap_or(end);
    }
    story
}

/// A paragraph wholly in brackets: `[BTW, this is a tongue twister.]`, `{disclaimers}`.
fn is_aside(group: &[&str]) -> bool {
    let first = group.first().map_or("", |l| l.trim());
    let last = group.last().map_or("", |l| l.trim());
    matches!(
        (first.chars().next(), last.chars().last()),
        (Some('['), Some(']')) | (Some('{'), Some('}')) | (Some('('), Some(')'))
    )
}

/// A one- or two-line remark, a sentence, set flush left before a story whose paragraphs
/// are indented (`Something to while away the weeks...`): it is not laid out as story. A
/// dateline (`New York City...`) is a few words, and story.
fn is_tagline(group: &[&str], after: &[&str]) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let next = after.iter().find(|l| !blank(l));
    let words: usize = group.iter().map(|l| l.split_whitespace().count()).sum();
    group.len() <= 2
        && words >= 6
        && group.iter().all(|l| indent(l) == 0)
        && next.is_some_and(|l| indent(l) >= 2 && heading(l).is_none())
}

/// The writer talking about the story in the first person (`I modified the story a
/// little`): an introduction, not the story's opening.
fn speaks_of_the_story(group: &[&str]) -> bool {
    let text = group.join(" ");
    has_any_word(&text, &["story", "fic", "fanfic"])
        && has_any_word(&text, &["i", "i'm", "i've", "my", "me"])
}

/// `Historian's Note:`, `Author's notes:`, `NOTE:` opening a line.
fn is_note_label(line: &str) -> bool {
    let t = line.trim_start().to_ascii_lowercase();
    t.split(':')
        .next()
        .is_some_and(|label| label.len() < t.len() && label.len() <= 20 && label.contains("note"))
}

/// Finds the end of the front matter that starts at line `start` (after any news
/// header). `news` says a header was there, which makes a rule in the window a closer.
pub fn scan(lines: &[&str], start: usize, news: bool) -> FrontMatter {
    let mut front = FrontMatter::default();
    let end = lines.len();
    // An aside written as a C comment opens the post: the story starts after it.
    if let Some(after) = next_filled(lines, start, end).and_then(|i| comment_end(lines, i)) {
        let mut front = scan(lines, after, news);
        front.body_start = front
            .body_start
            .or_else(|| Some(next_filled(lines, after, end).unwrap_or(after)));
        return front;
    }
    let window = (start + WINDOW_LINES)
        .min(start + (end - start) / 2)
        .min(end);
    if let Some((b, (author, after))) =
        (start..window).find_map(|k| byline_at(lines, k).map(|found| (k, found)))
    {
        front.author = Some(author);
        // A byline under a part heading (`Part One` / `By Jo`) belongs to that part: the
        // story starts at the heading, and the title stands above it.
        let above = (start..b).rev().find(|&k| !blank(lines[k]));
        if let Some(h) = above.filter(|&h| heading(lines[h]).is_some()) {
            front.title = title_above(lines, start, h);
            front.body_start = Some(h);
            return front;
        }
        if is_art(lines[b]) {
            // A title drawn in ASCII art can't be read back: the post's subject says it.
            let after_art = (b..end).find(|&k| blank(lines[k])).unwrap_or(end);
            front.body_start = Some(skip_to_story(lines, after_art, end, &mut front));
            front.title = None;
            return front;
        }
        front.title = (byline(lines[b]).is_none())
            .then(|| {
                inline_byline(lines[b])
                    .or_else(|| copyright_byline(lines[b]))
                    .map(|(title, _)| title)
            })
            .flatten()
            .filter(|t| !t.is_empty() && !t.to_ascii_lowercase().starts_with("copyright"))
            .or_else(|| title_above(lines, start, b));
        let mut i = after;
        // The byline's companions: a second author, an address, a date, a series note (up
        // to a blank line or a rule).
        while i < end && !blank(lines[i]) && !is_rule(lines[i]) {
            if let (Some(first), Some(second)) = (&front.author, and_byline(lines[i])) {
                front.author = Some(format!("{first} and {second}"));
            }
            i += 1;
        }
        front.body_start = Some(skip_to_story(lines, i, end, &mut front));
        return front;
    }
    let signalled = news || lines[start..window].iter().any(|l| is_front_word_line(l));
    if let Some((after, title)) = last_marker(lines, start, window, signalled) {
        // A title block may name its writer by address alone (`Ann Smith@example.org`).
        if title.is_some() {
            let top = (start..after)
                .rev()
                .find(|&k| blank(lines[k]))
                .map_or(start, |k| k + 1);
            front.author = lines[top..after].iter().find_map(|l| address_name(l));
        }
        front.title = title;
        front.body_start = Some(skip_to_story(lines, after, end, &mut front));
    }
    front
}

/// How many lines of prose the front matter may hold before its last marker.
const MAX_INTRO_LINES: usize = 25;

/// The last rule or title group of the front matter (while less than
/// [`MAX_INTRO_LINES`] of prose stand before it, and before a part heading): the index
/// after it and the title group's text. Without `signalled` (a news header, a disclaimer)
/// only markers with no prose before them count.
fn last_marker(
    lines: &[&str],
    start: usize,
    window: usize,
    signalled: bool,
) -> Option<(usize, Option<String>)> {
    let mut best: Option<(usize, Option<String>)> = None;
    let mut prose = 0;
    let mut k = start;
    while k < window {
        if blank(lines[k]) {
            k += 1;
            continue;
        }
        let may = signalled || prose == 0;
        if heading(lines[k]).is_some() {
            break;
        }
        if is_rule(lines[k]) {
            if may {
                let title = best.take().and_then(|b| b.1);
                best = Some((k + 1, title));
            }
            k += 1;
            continue;
        }
        let g_end = (k..lines.len())
            .find(|&j| blank(lines[j]))
            .unwrap_or(lines.len());
        let gap = (g_end..window).take_while(|&j| blank(lines[j])).count();
        if let Some(r) = (k..g_end)
            .rev()
            .find(|&j| is_rule(lines[j]))
            .filter(|_| may)
        {
            // A rule under the last line of a paragraph or title closes it; a rule after
            // pages of prose is in the story.
            prose += prose_lines(&lines[k..r]);
            if prose > MAX_INTRO_LINES {
                break;
            }
            let title = best.take().and_then(|b| b.1);
            best = Some((r + 1, title));
            k = g_end;
            continue;
        }
        match title_group(lines, k, lines.len()) {
            Some(after) if may && after == g_end && !is_dialogue(lines[k]) => {
                let title = lines[k..g_end]
                    .iter()
                    .map(|l| l.trim())
                    .take_while(|l| {
                        !l.contains('@') && !l.starts_with(|c: char| c.is_ascii_digit())
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                best = Some((
                    g_end,
                    Some(title_before_by(&title)).filter(|t| !t.is_empty()),
                ));
            }
            _ => {
                prose += prose_lines(&lines[k..g_end]);
                // A wide gap after the intro of a post closes it.
                if signalled && gap >= 2 && prose <= MAX_INTRO_LINES && g_end + gap < window {
                    let title = best.take().and_then(|b| b.1);
                    best = Some((g_end, title));
                }
            }
        }
        if prose > MAX_INTRO_LINES {
            break;
        }
        k = g_end;
    }
    best
}

/// `Title by author` gives `Title`: a title line that names its author after `by`.
fn title_before_by(line: &str) -> String {
    let lower = line.to_ascii_lowercase();
    match lower.rfind(" by ") {
        Some(at) if (1..=4).contains(&line[at + 4..].split_whitespace().count()) => {
            line[..at].trim().to_string()
        }
        _ => line.to_string(),
    }
}

/// How much prose `lines` hold, in 70-column lines (a long unwrapped line is several).
fn prose_lines(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|l| l.trim().chars().count().div_ceil(TITLE_CHARS).max(1))
        .sum()
}

/// A line of dialogue (`"Mulder?"`), which a title never is.
fn is_dialogue(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['"', '\'', '`'])
        && [".\"", "?\"", "!\"", ",\""].iter().any(|e| t.ends_with(e))
        && !t.ends_with("...\"")
}

/// The front matter's notes (intro, disclaimer) as paragraphs, without its rules, title
/// block and byline, to be shown apart from the story.
pub fn notes(lines: &[&str], front: &FrontMatter) -> Vec<String> {
    let mut notes = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines.iter().chain(std::iter::once(&"")) {
        let t = line.trim();
        let skip = is_rule(t) || byline(t).is_some() || front.title.as_deref() == Some(t);
        if t.is_empty() || skip {
            if !current.is_empty() {
                notes.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(t);
        }
    }
    notes
}

/// The writer a copyright notice names anywhere in the front matter, even inside a
/// paragraph (`... Paramount Pictures; copyright on original characters and story, Ann
/// Smith, 1995.`): each notice read from its word `copyright` to the end of its clause.
pub fn copyright_author(lines: &[&str]) -> Option<String> {
    for paragraph in lines.split(|l| blank(l)) {
        let text = paragraph
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let lower = text.to_lowercase();
        // Lower-casing keeps these ASCII letters at the same byte offsets.
        for (at, _) in lower.match_indices("copyright") {
            if let Some((_, name)) = copyright_byline(&text[at..]) {
                return Some(name);
            }
        }
    }
    None
}

/// A rating token said in passing in the front matter (`I'd rate this PG-13`, `[PG]` in a
/// subject): the token and the line that says it.
pub fn rating_in_passing<'a>(lines: impl Iterator<Item = &'a str>) -> Option<(String, String)> {
    for line in lines {
        let rated = line.to_ascii_lowercase().contains("rat");
        for word in line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            let word = word.trim_matches('-');
            let token = match word {
                "NC-17" | "NC17" | "PG-13" | "PG13" | "PG" => true,
                "R" | "G" | "X" => rated,
                _ => false,
            };
            if token {
                return Some((word.to_string(), line.trim().to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        text.lines().collect()
    }

    #[test]
    fn centred_title_and_byline_close_the_front_matter() {
        let text = "Disclaimer: not mine.\n\n\t\tA Long Night\n\t\t  by Ann Smith\n\n------\n\nThe rain fell on the city all night long.\n";
        let f = scan(&lines(text), 0, false);
        assert_eq!(f.title.as_deref(), Some("A Long Night"));
        assert_eq!(f.author.as_deref(), Some("Ann Smith"));
        assert_eq!(f.body_start, Some(7));
    }

    #[test]
    fn a_byline_under_a_part_heading_belongs_to_the_part() {
        let text = "Some notes from the poster.\n\n\nThe Long Winter\n\n\nPart One\nBy Jo Writer\n\n     The snow fell all night.\n".to_string()
            + &"     And the next night, and the one after.\n".repeat(12);
        let f = scan(&lines(&text), 0, true);
        assert_eq!(f.title.as_deref(), Some("The Long Winter"));
        assert_eq!(f.author.as_deref(), Some("Jo Writer"));
        assert_eq!(f.body_start, Some(6));
    }

    #[test]
    fn a_byline_drawn_into_ascii_art() {
        let text = "Dear archivist, here is my story.\n\n\tSincerely\n\tJo W.\n   ___---'----`--..\n  ,--'  `--'Long  |  by Jo Writer\n  ~~~~~`-._ Winter |\n\n        Prologue\n        ~~~~~~~~\n\n".to_string()
            + &"     The snow fell all night, and the next.\n".repeat(20);
        let f = scan(&lines(&text), 0, true);
        assert_eq!(f.author.as_deref(), Some("Jo Writer"));
        assert_eq!(f.title, None, "the subject names it");
        assert_eq!(f.body_start, Some(8));
    }

    #[test]
    fn what_follows_a_byline_before_the_story() {
        let story = "    She walked in out of the rain, shaking her coat.\n".repeat(20);
        // A second writer, a remark flush left over indented paragraphs.
        let text = format!(
            "Long Winter\nby Jo Writer (jo@example.org)\nand Bo Lee\n\nSomething to read while we wait for the new season...\n\n{story}"
        );
        let f = scan(&lines(&text), 0, false);
        assert_eq!(f.author.as_deref(), Some("Jo Writer and Bo Lee"));
        assert_eq!(f.body_start, Some(6));
        // The writer on the story in the first person, and a bracketed aside.
        let text = format!(
            "Long Winter\n\nCopyright 1993 by Jo Writer\n\nMy daughter asked for this story, so I wrote it down.\n\n[BTW, it is short.]\n\n{story}"
        );
        let f = scan(&lines(&text), 0, false);
        assert_eq!(f.author.as_deref(), Some("Jo Writer"));
        assert_eq!(f.title.as_deref(), Some("Long Winter"));
        assert_eq!(f.body_start, Some(8));
        // A dateline is story.
        let text = format!("Long Winter\nby Jo Writer\n\nNew York City...\n\n{story}");
        assert_eq!(scan(&lines(&text), 0, false).body_start, Some(3));
    }

    #[test]
    fn a_rule_after_a_posted_intro_closes_it() {
        let text = "Here is my first story, comments welcome.\n\n*****\n\n        TITLE\n\nShe walked in.\nIt was late.\n\nMore story here.\n\nAnd more.\n";
        let f = scan(&lines(text), 0, true);
        assert_eq!(f.body_start, Some(6));
        assert_eq!(f.title.as_deref(), Some("TITLE"));
    }

    #[test]
    fn a_scene_break_in_a_plain_story_is_not_front_matter() {
        let text = "She walked in.\n\n* * *\n\nHe left.\n\nThen more.\n\nAnd more.\n";
        assert_eq!(scan(&lines(text), 0, false).body_start, None);
    }

    #[test]
    fn a_copyright_notice_in_a_paragraph_names_the_writer() {
        let text = "Tale: a story.  Copyright on all characters, Paramount Pictures; copyright on\noriginal characters and story, Jo B. Writer, 1995.  Enjoy!";
        assert_eq!(
            copyright_author(&lines(text)).as_deref(),
            Some("Jo B. Writer")
        );
        assert_eq!(
            copyright_author(&lines("No copyright infringement is meant.")),
            None
        );
    }

    #[test]
    fn ratings_said_in_passing() {
        let front = ["Subject: Tale (PG - language)", "Hello."];
        assert_eq!(
            rating_in_passing(front.into_iter()).map(|r| r.0).as_deref(),
            Some("PG")
        );
        let prose = ["I'd rate this NC-17 for violence."];
        assert_eq!(
            rating_in_passing(prose.into_iter()).map(|r| r.0).as_deref(),
            Some("NC-17")
        );
        assert_eq!(rating_in_passing(["Dr. G went home."].into_iter()), None);
    }
}
