//! Tests of the library pane's own helpers: when a growing search may narrow the last one.

use super::narrows;

fn words(q: &str) -> Vec<String> {
    q.split_whitespace().map(str::to_string).collect()
}

#[test]
fn a_growing_query_narrows_and_anything_else_starts_over() {
    assert!(narrows(&words("k"), &words("ka")));
    assert!(narrows(&words("ka"), &words("ka mara")));
    assert!(narrows(&words(""), &words("anything")));
    assert!(
        narrows(&words("ka"), &words("ka")),
        "the same query (reveal, show hidden)"
    );
    assert!(
        !narrows(&words("kal"), &words("ka")),
        "a deleted letter widens the search"
    );
    assert!(!narrows(&words("ka mara"), &words("mara")));
    assert!(!narrows(&words("ka"), &words("k a")));
}
