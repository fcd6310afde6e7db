//! Reading-state loading: any `reading.ron` gives a log or an error, and a log that loads
//! saves to text that loads back the same.
#![no_main]

use ficshelf::collection::reading::ReadingLog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // What `storage::load_ron` does with the file's text.
    let Ok(log) = ron::from_str::<ReadingLog>(text) else {
        return;
    };
    for hash in log.stories.keys().take(16) {
        let _ = (log.progress(hash), log.last_opened(hash));
    }
    // What `ReadingLog::save` writes.
    let saved = ron::ser::to_string_pretty(&log, ron::ser::PrettyConfig::default())
        .expect("a loaded log serialises");
    let again = ron::from_str::<ReadingLog>(&saved);
    assert!(
        again.is_ok_and(|a| a == log),
        "the saved log loads differently: {saved}"
    );
});
