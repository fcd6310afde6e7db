//! Header parsing: the header scan, the rating and the warnings over any text.
#![no_main]

use ficshelf::engine::decode::normalise;
use ficshelf::engine::{FieldKey, Rating, Warnings, header};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The scan sees what the decoder gives it: normalised text, split at `\n`.
    let text = normalise(String::from_utf8_lossy(data));
    let lines: Vec<&str> = text.split('\n').collect();
    let scan = header::scan(&lines);
    assert!(
        scan.body_start <= lines.len(),
        "the body starts past the end"
    );
    let rating = Rating::parse(scan.get(FieldKey::Rating));
    let mut warnings = Warnings::parse(scan.get(FieldKey::Warnings));
    if let Some(reasons) = &rating.reasons {
        warnings.add_categories_from(reasons);
    }
    // The rating and warning parsers also read any single line as a value.
    for line in lines.iter().take(8) {
        let _ = Rating::parse(Some(line));
        let _ = Warnings::parse(Some(line));
    }
});
