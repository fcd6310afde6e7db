//! Document building: any lines give blocks whose ranges are valid, never a panic.
#![no_main]

use ficshelf::engine::decode::normalise;
use ficshelf::engine::{BlockKind, document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = normalise(String::from_utf8_lossy(data));
    let lines: Vec<&str> = text.split('\n').collect();
    let doc = document::build(&lines);
    let full = doc.full_text();
    let mut joined = 0;
    for block in doc.blocks() {
        let offset = doc.text_offset(block);
        assert_eq!(offset, joined, "blocks are not contiguous in the text");
        assert!(
            full.is_char_boundary(offset),
            "a block starts inside a character"
        );
        joined += doc.text(block).len();
    }
    assert!(joined <= full.len());
    for part in doc.parts() {
        let block = doc.blocks().get(part.block);
        assert!(
            block.is_some_and(|b| b.kind == BlockKind::Heading),
            "a part that is no heading"
        );
    }
    let _ = (doc.words(), doc.ending(), doc.hard_wrapped());
});
