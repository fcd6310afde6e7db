//! Reading-state loading: any `reading.ron` (an earlier version's file, imported once into
//! the state database) gives a log or an error, and a log that loads saves to text that
//! loads back the same.
#![no_main]

use ficshelf::collection::reading::ReadingLog;
use ficshelf::storage::from_ron;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // What `storage::load_ron` does with the file's text, under `ReadingLog::load`.
    let Ok((log, _dropped)) = from_ron::<ReadingLog>(text) else {
        return;
    };
    for hash in log.stories.keys().take(16) {
        let _ = (log.progress(hash), log.last_opened(hash));
    }
    // What earlier versions wrote. Compared as text: a hand-written NaN never equals
    // itself, but it must save and load all the same.
    let saved = ron::ser::to_string_pretty(&log, ron::ser::PrettyConfig::default())
        .expect("a loaded log serialises");
    let again = from_ron::<ReadingLog>(&saved);
    let (again, dropped) = again.unwrap_or_else(|e| panic!("the saved log does not load: {e}"));
    assert!(dropped.is_empty(), "the saved log drops {dropped:?}");
    let resaved = ron::ser::to_string_pretty(&again, ron::ser::PrettyConfig::default())
        .expect("a loaded log serialises");
    assert_eq!(resaved, saved, "the saved log loads differently");
});
