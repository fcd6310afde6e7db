//! Settings loading: any `settings.ron` gives settings (the defaults when it is damaged,
//! its readable values when it comes from another version), and settings that load save
//! to text that loads back the same.
#![no_main]

use ficshelf::settings::Settings;
use ficshelf::storage::from_ron;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `load_ron` reads the file as UTF-8 and gives the defaults when it is not.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (settings, _note) = Settings::parse(text);
    // What `load_ron` does with the text, under `Settings::load`.
    if from_ron::<Settings>(text).is_err() {
        assert_eq!(
            settings,
            Settings::default(),
            "a damaged file gives the defaults"
        );
    }
    // What `Settings::save` writes must load, and load to what was saved.
    let saved = ron::ser::to_string_pretty(&settings, ron::ser::PrettyConfig::default())
        .expect("loaded settings serialise");
    let (again, note) = Settings::parse(&saved);
    assert_eq!(note, None, "saved settings do not load: {saved}");
    let resaved = ron::ser::to_string_pretty(&again, ron::ser::PrettyConfig::default())
        .expect("loaded settings serialise");
    assert_eq!(resaved, saved, "saved settings load differently");
});
