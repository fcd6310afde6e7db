//! HTML bytes as the app reads them (decoding, markup, the AO3 and FanFicFare layouts),
//! then the story's library card; an HTML page never fails to give a story.
#![no_main]

use ficshelf::collection::StoryMeta;
use ficshelf::engine::BlockKind;
use ficshelf::formats::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let story = html::parse(data, "fuzzed story.html");
    assert!(!story.title.is_empty(), "a story without a title");
    let doc = &story.document;
    for part in doc.parts() {
        let block = doc.blocks().get(part.block).expect("a part names a block");
        assert_eq!(block.kind, BlockKind::Heading, "a part is a heading");
    }
    let covered: usize = doc.blocks().iter().map(|b| doc.text(b).len()).sum();
    assert_eq!(
        covered,
        doc.full_text().len(),
        "blocks cover the text exactly"
    );
    let _ = StoryMeta::of(&story);
});
