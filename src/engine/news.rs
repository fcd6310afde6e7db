//! News and mail headers: the RFC 822 blocks that open a saved Usenet post or e-mail.
//!
//! A post saved from a newsgroup starts with `Path:`, `From:`, `Newsgroups:`, `Subject:`
//! and their kin, sometimes after an mbox `From user@host Sun Feb 6 ...` line or a
//! newsreader's `Article 706 of alt.startrek.creative:` line. Such a block is never story
//! text: its fields give the newsgroup, the date, and a title and author to fall back on.
//! The same shape in the middle of a file marks where one concatenated post ends and the
//! next begins.

/// One header block: its fields in the order written and the lines it spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsHeader {
    /// `(name, value)` pairs as written, continuation lines joined with a space.
    pub fields: Vec<(String, String)>,
    /// Index of the block's first line.
    pub start: usize,
    /// Index just past the block's last line.
    pub end: usize,
}

impl NewsHeader {
    /// The first value of the field `name` (case ignored).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, v)| n.eq_ignore_ascii_case(name) && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Adds the fields of a later block (a mail envelope around a quoted news header):
    /// the inner post's `From:` and `Subject:` come first, since they name the story.
    fn absorb(&mut self, inner: NewsHeader) {
        let mut fields = inner.fields;
        fields.append(&mut self.fields);
        self.fields = fields;
        self.end = inner.end;
    }
}

/// Field names a news or mail header uses; `X-` and `NNTP-` fields count as well.
const KNOWN: &[&str] = &[
    "path",
    "from",
    "newsgroups",
    "subject",
    "date",
    "message-id",
    "lines",
    "organization",
    "organisation",
    "sender",
    "reply-to",
    "references",
    "distribution",
    "followup-to",
    "received",
    "return-path",
    "to",
    "cc",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-length",
    "approved",
    "expires",
    "xref",
    "status",
    "article-i.d.",
    "in-reply-to",
    "apparently-to",
    "originator",
    "posted",
    "keywords",
    "summary",
];

/// True for a field a news or mail transport writes (not `Summary:` or `Keywords:`,
/// which a story's own front matter uses too).
fn is_transport(name: &str) -> bool {
    is_known(name) && !["summary", "keywords"].contains(&name.to_ascii_lowercase().as_str())
}

/// True for a header field name this module knows.
fn is_known(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    KNOWN.contains(&n.as_str())
        || n.starts_with("x-")
        || n.starts_with("nntp-")
        || n.starts_with("resent-")
}

/// Splits `Name: value` where the name is one RFC 822 token (letters, digits, `-`, `.`).
fn field(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t']) {
        return None;
    }
    // A field name is at most 40 bytes: look no further for its colon.
    let head = &line.as_bytes()[..line.len().min(41)];
    let colon = memchr::memchr(b':', head)?;
    let name = &line[..colon];
    let token = !name.is_empty()
        && name.len() <= 40
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    token.then(|| (name, line[colon + 1..].trim()))
}

/// An mbox envelope (`From user@host Sun Feb 6 ...`) or a newsreader's
/// `Article 706 of alt.startrek.creative:` line.
pub fn is_envelope(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("From ") {
        let addr = rest.split_whitespace().next().unwrap_or("");
        let has_digit = rest.bytes().any(|b| b.is_ascii_digit());
        return (addr.contains('@') || addr.contains('!')) && has_digit;
    }
    if !line.trim_start().starts_with("Article") {
        return false;
    }
    let mut words = line.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next(), words.next()),
        (Some("Article"), Some(n), Some("of"), Some(g))
            if n.bytes().all(|b| b.is_ascii_digit()) && g.contains('.')
    )
}

/// The header block starting at line `i`, if one does: envelope lines, then fields with
/// their indented continuations, up to the first blank line. At least two known fields
/// (or an envelope and one) make a block; `Summary: ...` alone is a story's label.
pub fn block_at(lines: &[&str], i: usize) -> Option<NewsHeader> {
    let mut j = i;
    let mut envelope = false;
    while j < lines.len() && is_envelope(lines[j]) {
        envelope = true;
        j += 1;
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut known = 0;
    while j < lines.len() {
        let line = lines[j];
        if line.trim().is_empty() {
            // A double-spaced copy puts a blank line between the fields.
            let next = lines.get(j + 1).and_then(|l| field(l));
            if known > 0 && next.is_some_and(|(n, _)| is_transport(n)) {
                j += 1;
                continue;
            }
            break;
        }
        if line.starts_with([' ', '\t']) {
            match fields.last_mut() {
                Some((_, v)) => {
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(line.trim());
                }
                None => return None,
            }
        } else if let Some((name, value)) = field(line) {
            known += usize::from(is_known(name));
            fields.push((name.to_string(), value.to_string()));
        } else {
            break;
        }
        j += 1;
    }
    let is_block = known >= 2 || (envelope && known >= 1) || (envelope && fields.is_empty());
    let whole = j == lines.len() || lines[j].trim().is_empty();
    (is_block && whole && (known * 2 >= fields.len() || known >= 4)).then_some(NewsHeader {
        fields,
        start: i,
        end: j,
    })
}

/// How far into a file a leading header block may start (after an archiver's note).
const LEAD_WINDOW: usize = 30;

/// The header block(s) opening a file: the first block within the first lines, merged
/// with the blocks that follow it across blank lines (a mail envelope around a post).
pub fn leading(lines: &[&str]) -> Option<NewsHeader> {
    let limit = lines.len().min(LEAD_WINDOW);
    let mut header = (0..limit)
        .filter(|&i| i == 0 || lines[i - 1].trim().is_empty() || is_envelope(lines[i]))
        .find_map(|i| block_at(lines, i))?;
    loop {
        let next = (header.end..lines.len()).find(|&k| !lines[k].trim().is_empty());
        match next.and_then(|k| block_at(lines, k)) {
            Some(inner) => header.absorb(inner),
            None => return Some(header),
        }
    }
}

/// Every header block after line `from`: the starts of later posts of a concatenated file.
pub fn later_blocks(lines: &[&str], from: usize) -> Vec<NewsHeader> {
    let mut found = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let after_blank = i == 0 || lines[i - 1].trim().is_empty();
        let candidate = is_envelope(lines[i]) || field(lines[i]).is_some_and(|(n, _)| is_known(n));
        // Glued to the line above (a signature), only a full header is a new post.
        let full = |b: &NewsHeader| after_blank || b.fields.len() >= 4;
        if candidate && let Some(block) = block_at(lines, i).filter(full) {
            i = block.end;
            found.push(block);
        } else {
            i += 1;
        }
    }
    found
}

/// The display name in a `From:` value: `user@host (Real Name)` or `Real Name <user@host>`.
pub fn display_name(from: &str) -> Option<String> {
    let from = from.trim();
    let name = if let (Some(a), Some(b)) = (from.find('('), from.rfind(')')) {
        (a < b).then(|| &from[a + 1..b])
    } else {
        from.find('<').map(|lt| &from[..lt])
    }?;
    let name = name.trim().trim_matches('"').trim();
    (!name.is_empty() && !name.contains('@')).then(|| name.to_string())
}

/// A title block's text cleaned: bracketed part markers (`(1a/7)`, `[2/3]`) and a trailing
/// `Part N` dropped, surrounding quotes trimmed; other brackets are part of the title.
pub fn clean_title(title: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = title;
    while let Some(open) = rest.find(['(', '[']) {
        let close = rest[open..].find([')', ']']).map(|c| open + c);
        match close {
            Some(close) if rest[open..close].bytes().any(|b| b.is_ascii_digit()) => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                let next = close.unwrap_or(rest.len() - 1) + 1;
                out.push_str(&rest[..next]);
                rest = &rest[next..];
            }
        }
    }
    out.push_str(rest);
    let lower = out.to_ascii_lowercase();
    for marker in [" -- part ", " - part ", "- part ", ", part ", " part "] {
        if let Some(k) = lower.find(marker) {
            out.truncate(k);
            break;
        }
    }
    let mut t = out
        .trim()
        .trim_matches(|c: char| c == '-' || c.is_whitespace());
    // `Here follows "Tale",` or `"Tale"`: the quoted words are the title.
    if let (Some(a), Some(b)) = (t.find('"'), t.rfind('"'))
        && a < b
        && !t[a + 1..b].contains('"')
        && (a == 0 || t[..a].trim_end().ends_with(|c: char| c.is_lowercase()))
        && !t[..a].trim_end().to_ascii_lowercase().ends_with(" or")
    {
        t = &t[a + 1..b];
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A `Subject:` cleaned to a title: `Re:`, `NEW:`, `STORY:`, part markers like `(1/4)`,
/// `[1/3]` or `Part 2 of 5`, bracketed tags and quotes dropped.
pub fn subject_title(subject: &str) -> Option<String> {
    let mut s = subject.trim().to_string();
    loop {
        let lower = s.to_ascii_lowercase();
        let prefix = ["re:", "new:", "story:", "repost:", "fwd:", "fw:"]
            .iter()
            .find(|p| lower.starts_with(*p));
        match prefix {
            Some(p) => s = s[p.len()..].trim().to_string(),
            None => break,
        }
    }
    // `NEW STORY: Title`, `New DS9 story: Title`, `X-files fanfic: Title`.
    if let Some(colon) = s.find(':') {
        let label = s[..colon].to_ascii_lowercase();
        if ["story", "fic", "new", "repost", "archive"]
            .iter()
            .any(|w| label.contains(w))
        {
            s = s[colon + 1..].trim().to_string();
        }
    }
    // A `Fandom fanfic: "Title"` subject names the title in its quotes.
    if let (Some(a), Some(b)) = (s.find('"'), s.rfind('"'))
        && a < b
        && (a > 0 || b + 1 < s.len())
    {
        s = s[a + 1..b].to_string();
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let lower = out.to_ascii_lowercase();
    for marker in [" part ", " - part", "-part", " chapter "] {
        if let Some(k) = lower.find(marker) {
            out.truncate(k);
            break;
        }
    }
    let title = out
        .trim()
        .trim_matches(|c: char| c == '"' || c == '-' || c == ':' || c.is_whitespace())
        .trim();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// The part a subject names, as a heading: `Tale - pt 2` and `Tale (2/5)` give `Part 2`,
/// `Tale, Part II` gives `Part II`.
pub fn subject_part(subject: &str) -> Option<String> {
    let words: Vec<&str> = subject
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ':' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| {
        let w = w.trim_end_matches('.');
        let digits = !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
        let roman = w.len() <= 5 && w.bytes().all(|b| b"IVX".contains(&b));
        (digits || roman && !w.is_empty()).then(|| w.trim_start_matches('0').to_string())
    };
    for (k, word) in words.iter().enumerate() {
        let lower = word.to_ascii_lowercase();
        let key = lower.trim_end_matches('.');
        let glued = ["pt.", "pt", "part"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .and_then(|n| number(&word[word.len() - n.len()..]));
        let n = if matches!(key, "part" | "pt" | "chapter") {
            words
                .get(k + 1)
                .and_then(|w| number(w.split('/').next().unwrap_or(w)))
        } else if let Some((a, b)) = word.split_once('/') {
            number(a).filter(|_| number(b).is_some())
        } else {
            glued
        };
        if let Some(n) = n.filter(|n| !n.is_empty()) {
            return Some(format!("Part {n}"));
        }
    }
    None
}

/// True when a subject marks a part before the last: `(1/4)`, `[2/3]`, `Part 1 of 2`.
pub fn says_part_of_more(subject: &str) -> bool {
    part_fraction(subject).is_some_and(|(n, m)| n < m)
}

/// True when a subject marks the last part: `(4/4)`, `Part 2 of 2`.
pub fn says_last_part(subject: &str) -> bool {
    part_fraction(subject).is_some_and(|(n, m)| n == m && m > 1)
}

/// The first `n/m` (or `n of m`) in a subject.
fn part_fraction(subject: &str) -> Option<(u32, u32)> {
    let lower = subject.to_ascii_lowercase().replace(" of ", "/");
    let bytes = lower.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let (before, after) = (&lower[..i], &lower[i..]);
        if !after.starts_with('/') {
            return None;
        }
        let n = before
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse::<u32>().ok());
        let m = after[1..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse::<u32>().ok());
        n.zip(m)
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A header date (`Sun, 6 Feb 1994 04:57:52 GMT`, `Sat, 4 May 91 01:13:12 GMT`) as a
/// reader says it: `6 February 1994`. `None` when the day, month or year is missing.
pub fn day_of(date: &str) -> Option<String> {
    let (mut day, mut month, mut year) = (None, None, None);
    for word in date.split(|c: char| c.is_whitespace() || c == ',') {
        if word.contains(':') || word.is_empty() {
            continue;
        }
        if let Some(m) = MONTHS
            .iter()
            .position(|m| word.len() >= 3 && m.to_lowercase().starts_with(&word.to_lowercase()))
        {
            month.get_or_insert(m);
        } else if let Ok(n) = word.parse::<u32>() {
            match (n, word.len()) {
                (1..=31, 1..=2) if day.is_none() => day = Some(n),
                (_, 2) => year = year.or(Some(1900 + n)),
                (1900..=2100, 4) => year = year.or(Some(n)),
                _ => {}
            }
        }
    }
    Some(format!("{} {} {}", day?, MONTHS[month?], year?))
}

#[cfg(test)]
mod tests;
