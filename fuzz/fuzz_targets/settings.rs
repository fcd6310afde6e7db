//! Settings loading: any `settings.ron` gives settings (the defaults when it is damaged),
//! and settings that load save to text that loads back the same.
#![no_main]

use ficshelf::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `load_ron` reads the file as UTF-8 and gives the defaults when it is not.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (settings, note) = Settings::parse(text);
    if note.is_some() {
        assert_eq!(
            settings,
            Settings::default(),
            "a damaged file gives the defaults"
        );
        return;
    }
    // What `Settings::save` writes.
    let saved = ron::ser::to_string_pretty(&settings, ron::ser::PrettyConfig::default())
        .expect("loaded settings serialise");
    let (again, note) = Settings::parse(&saved);
    assert_eq!(note, None, "saved settings do not load: {saved}");
    assert_eq!(again, settings, "saved settings load differently: {saved}");
});
