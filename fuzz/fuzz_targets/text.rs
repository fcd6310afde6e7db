//! A text file through the app's front door (`formats::read`): FanFicFare's TXT layout when
//! it looks like one, and the marked emphasis (`*`, `_`, `/`) of every text story turned
//! into styled runs. The blocks cover the text exactly and every run lies on character
//! boundaries inside its block.
#![no_main]

use std::path::Path;

use ficshelf::collection::StoryMeta;
use ficshelf::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(story) = formats::read(Path::new("fuzzed story.txt"), data) else {
        return;
    };
    assert!(!story.title.is_empty(), "a story without a title");
    let doc = &story.document;
    let covered: usize = doc.blocks().iter().map(|b| doc.text(b).len()).sum();
    assert_eq!(covered, doc.full_text().len(), "blocks cover the text exactly");
    for block in doc.blocks() {
        let text = doc.text(block);
        for span in doc.spans(block) {
            assert!(
                text.get(span.range.clone()).is_some(),
                "a run {:?} outside its block's {} bytes or off a character",
                span.range,
                text.len()
            );
        }
    }
    let _ = StoryMeta::of(&story);
});
