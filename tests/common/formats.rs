//! The EPUB, HTML and FanFicFare fixtures (`tests/fixtures/formats/`), read as stories.

use std::path::{Path, PathBuf};

use ficshelf::engine::{Inline, Story};

/// The path of a fixture.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// A fixture read as a story (a failure is the test's failure).
pub fn read(name: &str) -> Story {
    Story::read(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// Every styled run of the story, as (text, style).
pub fn runs(story: &Story) -> Vec<(String, Inline)> {
    let doc = &story.document;
    doc.blocks()
        .iter()
        .flat_map(|b| {
            let text = doc.text(b);
            doc.spans(b)
                .map(|s| (text[s.range].to_string(), s.style))
                .collect::<Vec<_>>()
        })
        .collect()
}
