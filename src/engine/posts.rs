//! Several posts in one file: an archive's copy of a story posted in parts, each part with
//! its own news header, intro, title block and sign-off.
//!
//! A careful reader skips what each post repeats and keeps the story: the later headers,
//! each post's own front matter (found as in the first post) and the footer that closes a
//! post (`TO BE CONTINUED`, a signature, a teaser for the next part) are not story text.
//! Where a post says which part it is (its title block `A LONG WINTER -- Part 2`, or its
//! subject `Long Winter - pt 2`), that becomes the part's heading.

use super::front;
use super::lines::{POST_HEADING, ending, heading, names_part};
use super::news::{NewsHeader, subject_part};
use super::tail;

/// The story text of one post: a range of lines, and the heading the post gives its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The part's heading, marked with [`POST_HEADING`], when the post names its part.
    pub heading: Option<String>,
    /// First line of the post's story.
    pub start: usize,
    /// Index just past the post's story.
    pub end: usize,
}

/// The story segments of a file whose first post's story starts at `first_start`, given
/// the header blocks of the later posts (`later`, in order). `first_title` and
/// `first_subject` are the first post's title block and subject.
pub fn segments(
    lines: &[&str],
    first_start: usize,
    first_title: Option<&str>,
    first_subject: Option<&str>,
    later: &[NewsHeader],
) -> Vec<Segment> {
    if later.is_empty() {
        return vec![Segment {
            heading: None,
            start: first_start,
            end: lines.len(),
        }];
    }
    let mut out = vec![Segment {
        heading: part_heading(first_title, first_subject),
        start: first_start,
        end: later[0].start,
    }];
    for (k, post) in later.iter().enumerate() {
        let limit = later.get(k + 1).map_or(lines.len(), |next| next.start);
        let front = front::scan(&lines[..limit], post.end, true);
        out.push(Segment {
            heading: part_heading(front.title.as_deref(), post.get("subject")),
            start: front.body_start.unwrap_or(post.end).min(limit),
            end: limit,
        });
    }
    // A post whose story opens with its own heading (`Part II`) needs no other.
    for segment in &mut out {
        let first = (segment.start..segment.end).find(|&i| !lines[i].trim().is_empty());
        if first.is_some_and(|i| heading(lines[i]).is_some()) {
            segment.heading = None;
        }
    }
    // Every post but the last ends with its footer, which is not story text.
    let last = out.len() - 1;
    for segment in &mut out[..last] {
        segment.end = post_story_end(lines, segment.start, segment.end);
    }
    out
}

/// Where a post's story stops: before its signature, afterword and closing rule, and
/// before a `TO BE CONTINUED` (the next post continues it).
fn post_story_end(lines: &[&str], start: usize, end: usize) -> usize {
    let mut stop = start + tail::story_end(&lines[start..end]);
    while stop > start && lines[stop - 1].trim().is_empty() {
        stop -= 1;
    }
    if stop > start && ending(lines[stop - 1]).is_some() {
        stop -= 1;
    }
    stop
}

/// The heading a post gives its part: its title block when that names the part, else its
/// subject's part marker (`Part 2`).
fn part_heading(title: Option<&str>, subject: Option<&str>) -> Option<String> {
    let named = title
        .filter(|t| names_part(t))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .or_else(|| subject.and_then(subject_part))?;
    Some(format!("{POST_HEADING}{named}"))
}

/// The lines the document is built from: each segment's lines, its heading before it.
pub fn body<'a>(lines: &[&'a str], segments: &'a [Segment]) -> Vec<&'a str> {
    let mut body = Vec::with_capacity(segments.last().map_or(0, |s| s.end));
    for segment in segments {
        // Posts never run into each other: a blank line at least between them.
        body.push("");
        if let Some(heading) = &segment.heading {
            body.extend([heading.as_str(), ""]);
        }
        body.extend_from_slice(&lines[segment.start..segment.end.max(segment.start)]);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::news;

    const FILE: &str = "Path: a!b\nFrom: jo@example.org (Jo Writer)\nSubject: Long Winter - pt 1\nDate: 1 Dec 1994\n\nMy first story, comments welcome.\n\n           LONG WINTER -- Part 1\n\n     Snow fell on the town all night, and nobody\ncame out of doors until the plough had passed.\n\n                TO BE CONTINUED\n\n--\nJo, jo@example.org\n\nPath: a!c\nFrom: jo@example.org (Jo Writer)\nSubject: Long Winter - pt 2\nDate: 2 Dec 1994\n\nMy first story, comments welcome.\n\n           LONG WINTER -- Part 2\n\n     In the morning the town woke to a white\nworld, and the children ran out laughing.\n\nTHE END\n";

    #[test]
    fn each_post_gives_its_story_and_its_part() {
        let lines: Vec<&str> = FILE.lines().collect();
        let first = news::leading(&lines).expect("a header");
        let later = news::later_blocks(&lines, first.end);
        assert_eq!(later.len(), 1);
        let segments = segments(
            &lines,
            9,
            Some("LONG WINTER -- Part 1"),
            first.get("subject"),
            &later,
        );
        let body = body(&lines, &segments);
        let text: Vec<&str> = body
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            text,
            [
                "\u{E000}LONG WINTER -- Part 1",
                "Snow fell on the town all night, and nobody",
                "came out of doors until the plough had passed.",
                "\u{E000}LONG WINTER -- Part 2",
                "In the morning the town woke to a white",
                "world, and the children ran out laughing.",
                "THE END",
            ]
        );
    }

    #[test]
    fn a_subject_names_the_part_when_the_title_does_not() {
        assert_eq!(
            part_heading(Some("Long Winter"), Some("Long Winter - pt 2")).as_deref(),
            Some("\u{E000}Part 2")
        );
        assert_eq!(part_heading(Some("Long Winter"), Some("Long Winter")), None);
    }
}
