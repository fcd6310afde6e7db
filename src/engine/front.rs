//! Front matter of archive posts: where the story starts after a news header, notes,
//! disclaimers, a title block and a byline.
//!
//! A careful reader skims past everything the writer put before the story: an intro in
//! prose, a disclaimer, a centred title and `by` line, a rule. The marks they look for are
//! the byline (the story follows its title block), a rule that closes the intro, and a
//! short centred title group standing before the first paragraph. Ratings said in passing
//! there (`I'd rate this PG-13`, `Subject: Tale [PG]`) count; the story's own text never.

use super::byline::{
    address_name, and_byline, byline, byline_at, copyright_byline, inline_byline, is_art, name_line,
};
mod notes;
mod title;

use notes::past_notes;
pub use notes::{comment_paragraphs, notes};
pub use title::is_kind_line;
use title::{title_above, title_group};

use super::fandoms::is_fandom_line;
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

/// How much of a line [`is_front_word_line`] reads.
const FRONT_WORD_BYTES: usize = 400;

/// Words that only front matter uses: a note, disclaimer or provenance line.
pub(super) fn is_front_word_line(line: &str) -> bool {
    // The words open a note: the start of a long paragraph line is enough to look at.
    let mut cut = line.len().min(FRONT_WORD_BYTES);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    has_any_word(
        &line[..cut],
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
    // Which ASCII bytes open a phrase: most word starts are settled by one bit.
    let opens = phrases
        .iter()
        .fold(0u128, |m, p| m | 1u128 << (p.as_bytes()[0] & 0x7f));
    let mut after_word = false;
    for (at, c) in text.char_indices() {
        let first = bytes[at].to_ascii_lowercase();
        if !after_word && first < 0x80 && opens & (1u128 << first) != 0 {
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
    // Whether the window holds a front-matter signal: asked only once prose is seen, and
    // then worked out once.
    let signal = std::cell::OnceCell::new();
    let signalled = || {
        *signal.get_or_init(|| {
            news || boxed(lines, start, window)
                || lines[start..window].iter().any(|l| is_front_word_line(l))
        })
    };
    if let Some((after, title, named)) = last_marker(lines, start, window, &signalled) {
        // A title block may name its writer by address alone (`Ann Smith@example.org`).
        if title.is_some() {
            let top = (start..after)
                .rev()
                .find(|&k| blank(lines[k]))
                .map_or(start, |k| k + 1);
            front.author = named.or_else(|| lines[top..after].iter().find_map(|l| address_name(l)));
        }
        front.title = title;
        front.body_start = Some(skip_to_story(lines, after, end, &mut front));
    }
    front
}

/// True when the file opens with a box: a rule, some lines, and the same rule again.
fn boxed(lines: &[&str], start: usize, window: usize) -> bool {
    let marker = |l: &str| l.split_whitespace().collect::<String>();
    next_filled(lines, start, window)
        .filter(|&first| is_rule(lines[first]))
        .is_some_and(|first| {
            let top = marker(lines[first]);
            (first + 2..window).any(|k| marker(lines[k]) == top)
        })
}

/// How many lines of prose the front matter may hold before its last marker.
const MAX_INTRO_LINES: usize = 25;

/// Where a title block stands in the groups read so far.
#[derive(Clone, Copy, PartialEq)]
enum Block {
    /// No title group just before.
    Open,
    /// A title group just before.
    Title,
    /// A title, then a line saying what kind of story it is.
    Kind,
}

/// The last rule or title group of the front matter (while less than
/// [`MAX_INTRO_LINES`] of prose stand before it, and before a part heading): the index
/// after it, the title group's text, and the writer when the block names them on a line of
/// their own (`TITLE` / `An X-Files story` / `Ann Smith`). Without `signalled` (a news
/// header, a disclaimer) only markers with no prose before them count.
fn last_marker(
    lines: &[&str],
    start: usize,
    window: usize,
    signalled: &dyn Fn() -> bool,
) -> Option<(usize, Option<String>, Option<String>)> {
    let mut best: Option<(usize, Option<String>)> = None;
    let mut author = None;
    let mut block = Block::Open;
    let mut prose = 0;
    let mut k = start;
    while k < window {
        if blank(lines[k]) {
            k += 1;
            continue;
        }
        let may = prose == 0 || signalled();
        if heading(lines[k]).is_some() {
            break;
        }
        if is_rule(lines[k]) {
            if may {
                let title = best.take().and_then(|b| b.1);
                best = Some((k + 1, title));
            }
            block = Block::Open;
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
            block = Block::Open;
            k = g_end;
            continue;
        }
        let single = g_end - k == 1;
        let named = (block == Block::Kind && single)
            .then(|| name_line(lines[k]))
            .flatten();
        match title_group(lines, k, lines.len()) {
            // `An X-Files story` under the title says what it is: the title stands.
            Some(_) if may && block == Block::Title && single && is_kind_line(lines[k]) => {
                best = best.map(|(_, title)| (g_end, title));
                block = Block::Kind;
            }
            // A name alone under that line is the writer's.
            Some(_) if may && named.is_some() => {
                best = best.map(|(_, title)| (g_end, title));
                author = named;
                block = Block::Open;
            }
            Some(after) if may && after == g_end && !is_dialogue(lines[k]) => {
                let title = lines[k..g_end]
                    .iter()
                    .map(|l| l.trim())
                    .take_while(|l| {
                        !l.contains('@') && !l.starts_with(|c: char| c.is_ascii_digit())
                    })
                    .filter(|l| !is_fandom_line(l) || g_end - k == 1)
                    .collect::<Vec<_>>()
                    .join(" ");
                best = Some((
                    g_end,
                    Some(title_before_by(&title)).filter(|t| !t.is_empty()),
                ));
                author = None;
                block = Block::Title;
            }
            _ => {
                block = Block::Open;
                prose += prose_lines(&lines[k..g_end]);
                // A wide gap after the intro of a post closes it.
                if gap >= 2 && prose <= MAX_INTRO_LINES && g_end + gap < window && signalled() {
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
    best.map(|(after, title)| (after, title, author))
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
mod tests;
