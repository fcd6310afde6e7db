//! EPUB bytes as the app reads them: the container, package, spine and markup, then the
//! story's library card.
#![no_main]

use ficshelf::collection::StoryMeta;
use ficshelf::formats::epub;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match epub::parse(data, "fuzzed story.epub") {
        Ok(story) => {
            assert!(!story.title.is_empty(), "a story without a title");
            let _ = (story.summary(), story.pairing());
            let _ = StoryMeta::of(&story);
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an error without words"),
    }
});
