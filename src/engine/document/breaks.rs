//! Scene breaks by their place: one break per run, none at either end of the story or next
//! to its ending, none between parts (unless it is the story's own marker), and none under
//! an epigraph or notes that open a part.

use super::{BlockKind, Document};

/// Keeps one scene break per run of breaks that stands between two stretches of story
/// (the marked one, if the run has one), and drops runs at either end or next to the
/// ending. A run next to a heading divides parts, unless its marker is the one the story
/// uses for its scene breaks elsewhere (`* * *` before `Epilogue`).
pub(super) fn tidy_scene_breaks(doc: &mut Document) {
    let blocks = &doc.blocks;
    let n = blocks.len();
    let is_break = |i: usize| blocks[i].kind == BlockKind::SceneBreak;
    // Runs of consecutive breaks: (first, last, what stands before, what stands after).
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_break(i) {
            i += 1;
            continue;
        }
        let first = i;
        while i < n && is_break(i) {
            i += 1;
        }
        let before = first.checked_sub(1).map(|b| blocks[b].kind);
        let after = (i < n).then(|| blocks[i].kind);
        runs.push((first, i, before, after));
    }
    let marker = |i: usize| -> String {
        doc.text(&blocks[i])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let chosen = |first: usize, last: usize| {
        (first..last)
            .find(|&i| blocks[i].end > blocks[i].start)
            .unwrap_or(first)
    };
    let story = |k: Option<BlockKind>| {
        k.is_some_and(|k| !matches!(k, BlockKind::Heading | BlockKind::Ending))
    };
    let interior: Vec<String> = runs
        .iter()
        .filter(|(_, _, b, a)| story(*b) && story(*a))
        .map(|&(f, l, _, _)| marker(chosen(f, l)))
        .filter(|m| !m.is_empty())
        .collect();
    let mut keep = vec![true; n];
    for &(first, last, before, after) in &runs {
        let one = chosen(first, last);
        let kept = match (before, after) {
            _ if opens_part(doc, first) => false,
            (Some(b), Some(a)) if story(Some(b)) && story(Some(a)) => true,
            (Some(b), Some(BlockKind::Heading)) if story(Some(b)) => {
                interior.contains(&marker(one))
            }
            _ => false,
        };
        for (k, slot) in keep.iter_mut().enumerate().take(last).skip(first) {
            *slot = kept && k == one;
        }
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let dropped_text = blocks
        .iter()
        .zip(&keep)
        .any(|(b, &k)| !k && b.end > b.start);
    let mut k = keep.iter();
    doc.blocks.retain(|_| *k.next().unwrap_or(&true));
    if dropped_text {
        doc.compact_text();
    }
}

/// Longest opening (in characters) that a rule after it sets apart as an epigraph.
const EPIGRAPH_CHARS: usize = 400;

/// True when the blocks between the part's start (a heading, or the top) and the break
/// at `at` are an opening set apart, not a scene: notes only, or an epigraph of one or
/// two short blocks.
fn opens_part(doc: &Document, at: usize) -> bool {
    let blocks = &doc.blocks[..at];
    let from = blocks
        .iter()
        .rposition(|b| b.kind == BlockKind::Heading)
        .map_or(0, |h| h + 1);
    let opening = &blocks[from..];
    if opening.iter().any(|b| b.kind == BlockKind::SceneBreak) || opening.is_empty() {
        return false;
    }
    let notes = opening.iter().all(|b| b.kind == BlockKind::Note);
    let chars: usize = opening.iter().map(|b| (b.end - b.start) as usize).sum();
    let text = &doc.text[opening[0].start as usize..opening[opening.len() - 1].end as usize];
    // A quotation with its source after it: `"Death is a door." An old saying.`
    let attributed = text
        .rfind(['"', '”'])
        .is_some_and(|q| text[q..].chars().skip(1).any(char::is_alphabetic));
    let epigraph = opening.len() <= 3
        && chars <= EPIGRAPH_CHARS
        && (attributed || from > 0 && text.contains(['"', '“']))
        && doc.blocks.len() > at + 4;
    notes || epigraph
}
