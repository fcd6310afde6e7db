//! The whole engine as the app calls it: bytes to a story, then to its library card.
#![no_main]

use ficshelf::collection::StoryMeta;
use ficshelf::engine::Story;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Story::parse(data, "fuzzed story.txt") {
        Ok(story) => {
            assert!(!story.title.is_empty(), "a story without a title");
            let _ = (story.summary(), story.pairing());
            let _ = StoryMeta::of(&story);
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an error without words"),
    }
});
