//! The user's settings, saved as `settings.ron` in the config folder. Every field has a
//! default (`#[serde(default)]`), so files from older and newer versions load; a file that
//! can't be read is kept aside as `settings.ron.bad` and the defaults are used.

use std::path::{Path, PathBuf};

use crate::collection::SortKey;
use crate::storage::{SaveError, load_ron, write_atomic};

/// Smallest and largest reading text size, in points.
pub const TEXT_SIZE_RANGE: std::ops::RangeInclusive<f32> = 10.0..=48.0;
/// The reading text size a new user starts with.
pub const DEFAULT_TEXT_SIZE: f32 = 19.0;

/// Everything Ficshelf remembers about how the user likes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The collection folder; `None` means the default one in the data folder.
    pub collection_dir: Option<PathBuf>,
    /// Reading text size in points.
    pub text_size: f32,
    /// How the library is sorted.
    pub sort: SortKey,
    /// Reading speed for "time left", in words per minute.
    pub words_per_minute: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            collection_dir: None,
            text_size: DEFAULT_TEXT_SIZE,
            sort: SortKey::Title,
            words_per_minute: 250,
        }
    }
}

impl Settings {
    /// Parses settings text; never fails: bad text gives the defaults and the reason.
    pub fn parse(text: &str) -> (Settings, Option<String>) {
        match ron::from_str::<Settings>(text) {
            Ok(s) => (s.sanitised(), None),
            Err(e) => (Settings::default(), Some(e.to_string())),
        }
    }

    /// Loads `path`: a missing file gives the defaults quietly; a damaged one gives the
    /// defaults, is kept aside as `.bad`, and yields a message to show the user once.
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let (settings, note) = load_ron::<Settings>(path, "Your settings");
        (settings.sanitised(), note)
    }

    /// Saves atomically.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        write_atomic(path, text.as_bytes())
    }

    /// Values out of range (a hand-edited file) brought back into range.
    fn sanitised(mut self) -> Settings {
        if !self.text_size.is_finite() {
            self.text_size = DEFAULT_TEXT_SIZE;
        }
        self.text_size = self
            .text_size
            .clamp(*TEXT_SIZE_RANGE.start(), *TEXT_SIZE_RANGE.end());
        self.words_per_minute = self.words_per_minute.clamp(50, 2000);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_unknown_and_out_of_range_fields() {
        let (s, e) = Settings::parse("(text_size: 30.0, from_the_future: [1, 2])");
        assert_eq!((s.text_size, s.sort, e), (30.0, SortKey::Title, None));
        let (s, _) = Settings::parse("(text_size: 400.0, words_per_minute: 0)");
        assert_eq!((s.text_size, s.words_per_minute), (48.0, 50));
        let (s, e) = Settings::parse("(text_size: \"big\"");
        assert_eq!(s, Settings::default());
        assert!(e.is_some());
    }

    #[test]
    fn damaged_file_is_kept_aside() {
        let dir = std::env::temp_dir().join(format!("ficshelf-settings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("settings.ron");
        write_atomic(&path, b"(text_size: ").unwrap_or_else(|e| panic!("{e}"));
        let (s, note) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        assert!(note.is_some_and(|n| n.contains("settings.ron.bad")));
        assert!(path.with_extension("ron.bad").exists());
        let saved = Settings {
            text_size: 24.0,
            ..Settings::default()
        };
        saved.save(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Settings::load(&path), (saved, None));
    }
}
