//! The user's settings, saved as `settings.ron` in the config folder. Every field has a
//! default (`#[serde(default)]`), so files from older and newer versions load; values out
//! of range (a hand-edited file) are brought back into range; a file that can't be read is
//! kept aside as `settings.ron.bad` and the defaults are used.

use std::path::{Path, PathBuf};

use crate::collection::SortKey;
use crate::collection::filter::Filters;
use crate::storage::{SaveError, load_ron, write_atomic};

/// Smallest and largest reading text size, in points.
pub const TEXT_SIZE_RANGE: std::ops::RangeInclusive<f32> = 10.0..=48.0;
/// The reading text size a new user starts with.
pub const DEFAULT_TEXT_SIZE: f32 = 19.0;
/// Line height, as a multiple of the text size.
pub const LINE_HEIGHT_RANGE: std::ops::RangeInclusive<f32> = 1.0..=2.5;
/// Space between paragraphs, in ems.
pub const PARAGRAPH_SPACING_RANGE: std::ops::RangeInclusive<f32> = 0.0..=2.0;
/// Column width, in average characters.
pub const COLUMN_RANGE: std::ops::RangeInclusive<u32> = 35..=120;
/// Side margins, in ems.
pub const MARGIN_RANGE: std::ops::RangeInclusive<f32> = 0.0..=8.0;
/// Scale of the panels and menus (not of the story text).
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

/// The face story text is set in: one of the bundled fonts, or a file the reader picked.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ReadingFont {
    /// Literata, a book serif made for long reading on screens.
    #[default]
    Literata,
    /// Source Serif, a second serif with a crisper, more modern voice.
    SourceSerif,
    /// Atkinson Hyperlegible, a sans designed so that every letter is told apart.
    Atkinson,
    /// OpenDyslexic, a face designed for readers with dyslexia.
    OpenDyslexic,
    /// A font file the reader picked.
    Custom(PathBuf),
}

impl ReadingFont {
    /// The bundled fonts, in menu order.
    pub const BUNDLED: [ReadingFont; 4] = [
        ReadingFont::Literata,
        ReadingFont::SourceSerif,
        ReadingFont::Atkinson,
        ReadingFont::OpenDyslexic,
    ];

    /// The name in the settings panel.
    pub fn label(&self) -> String {
        match self {
            ReadingFont::Literata => "Literata".into(),
            ReadingFont::SourceSerif => "Source Serif".into(),
            ReadingFont::Atkinson => "Atkinson Hyperlegible".into(),
            ReadingFont::OpenDyslexic => "OpenDyslexic".into(),
            ReadingFont::Custom(path) => path
                .file_stem()
                .map_or_else(|| "Your font".into(), |s| s.to_string_lossy().into_owned()),
        }
    }
}

/// How story text is set.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Typography {
    /// The face.
    pub font: ReadingFont,
    /// Size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Space after each paragraph, in ems.
    pub paragraph_spacing: f32,
    /// Indent the first line of each paragraph (with no spacing, the book style).
    pub first_line_indent: bool,
    /// Justify paragraphs instead of setting them ragged-right.
    pub justify: bool,
    /// Width of the text column, in average characters.
    pub column_chars: u32,
    /// Least space left and right of the column, in ems.
    pub margin: f32,
    /// Show authors' notes (an A/N, AO3's chapter and end notes) among the story; off
    /// leaves them out of the reader.
    pub show_notes: bool,
}

impl Default for Typography {
    fn default() -> Self {
        Typography {
            font: ReadingFont::Literata,
            size: DEFAULT_TEXT_SIZE,
            line_height: 1.55,
            paragraph_spacing: 0.75,
            first_line_indent: false,
            justify: false,
            column_chars: 65,
            margin: 2.0,
            show_notes: true,
        }
    }
}

/// The colours of the whole window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    /// Follow the system's light or dark choice.
    #[default]
    System,
    /// Dark text on white paper.
    Light,
    /// Dark brown on warm paper.
    Sepia,
    /// Light text on dark grey.
    Dark,
    /// Grey text on true black (OLED screens).
    Black,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Theme; 5] = [
        Theme::System,
        Theme::Light,
        Theme::Sepia,
        Theme::Dark,
        Theme::Black,
    ];

    /// The name in the settings panel.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Sepia => "Sepia",
            Theme::Dark => "Dark",
            Theme::Black => "Black (OLED)",
        }
    }
}

/// Continuous scrolling or page by page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ReadingMode {
    /// One long scroll.
    #[default]
    Continuous,
    /// A screenful at a time, turned with Space, arrows or clicks on the page edges.
    Paged,
}

/// Everything Ficshelf remembers about how the user likes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The collection folder; `None` means the default one in the data folder.
    pub collection_dir: Option<PathBuf>,
    /// How story text is set.
    pub typography: Typography,
    /// The window's colours.
    pub theme: Theme,
    /// Scale of the panels and menus.
    pub ui_scale: f32,
    /// Continuous or paged reading.
    pub reading_mode: ReadingMode,
    /// How the library is sorted.
    pub sort: SortKey,
    /// Reading speed for "time left", in words per minute.
    pub words_per_minute: u32,
    /// Which stories the library hides.
    pub filters: Filters,
    /// Show a series as one row in the library.
    pub group_series: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            collection_dir: None,
            typography: Typography::default(),
            theme: Theme::System,
            ui_scale: 1.0,
            reading_mode: ReadingMode::Continuous,
            sort: SortKey::Title,
            words_per_minute: 250,
            filters: Filters::default(),
            group_series: true,
        }
    }
}

impl Settings {
    /// Parses settings text; never fails: bad text gives the defaults and the reason.
    pub fn parse(text: &str) -> (Settings, Option<String>) {
        match crate::storage::from_ron::<Settings>(text) {
            Ok((s, dropped)) if dropped.is_empty() => (s.sanitised(), None),
            Ok((s, dropped)) => (
                s.sanitised(),
                Some(format!(
                    "values this version doesn't know: {}",
                    dropped.join("; ")
                )),
            ),
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

    /// Saves this window's changes (its values that differ from `base`, the settings as
    /// it last read or saved them) over the file as it is now, so that the changes another
    /// window saved meanwhile are kept. After it, `self` is the next save's base.
    pub fn save_over(&self, base: &Settings, path: &Path) -> Result<(), SaveError> {
        let on_disk = match std::fs::read_to_string(path) {
            Ok(text) => match Settings::parse(&text) {
                (disk, None) => Some(disk),
                (_, Some(_)) => None, // damaged since: this window's settings, whole
            },
            Err(_) => None,
        };
        let merged = on_disk
            .and_then(|disk| crate::storage::merge_changes(&disk, base, self))
            .map_or_else(|| self.clone(), Settings::sanitised);
        merged.save(path)
    }

    /// Values out of range (a hand-edited file) brought back into range.
    fn sanitised(mut self) -> Settings {
        let t = &mut self.typography;
        t.size = clamp(t.size, TEXT_SIZE_RANGE, DEFAULT_TEXT_SIZE);
        t.line_height = clamp(t.line_height, LINE_HEIGHT_RANGE, 1.55);
        t.paragraph_spacing = clamp(t.paragraph_spacing, PARAGRAPH_SPACING_RANGE, 0.75);
        t.margin = clamp(t.margin, MARGIN_RANGE, 2.0);
        t.column_chars = t
            .column_chars
            .clamp(*COLUMN_RANGE.start(), *COLUMN_RANGE.end());
        self.ui_scale = clamp(self.ui_scale, UI_SCALE_RANGE, 1.0);
        self.words_per_minute = self.words_per_minute.clamp(50, 2000);
        self
    }
}

/// `value` within `range`; `fallback` when it is not a number at all.
fn clamp(value: f32, range: std::ops::RangeInclusive<f32>, fallback: f32) -> f32 {
    if value.is_finite() {
        value.clamp(*range.start(), *range.end())
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RatingLevel;

    #[test]
    fn missing_unknown_and_out_of_range_fields() {
        let (s, e) = Settings::parse("(typography: (size: 30.0), from_the_future: [1, 2])");
        assert_eq!(
            (s.typography.size, s.typography.line_height, s.sort, e),
            (30.0, 1.55, SortKey::Title, None)
        );
        let (s, _) = Settings::parse(
            "(typography: (size: 400.0, column_chars: 5, line_height: -1.0), words_per_minute: 0, ui_scale: 9.0)",
        );
        let t = &s.typography;
        assert_eq!(
            (
                t.size,
                t.column_chars,
                t.line_height,
                s.words_per_minute,
                s.ui_scale
            ),
            (48.0, 35, 1.0, 50, 2.0)
        );
        let (s, e) = Settings::parse("(typography: (size: \"big\")");
        assert_eq!(s, Settings::default());
        assert!(e.is_some());
    }

    #[test]
    fn files_from_newer_versions_keep_what_this_one_knows() {
        let newer = r#"(
            theme: Solarized,
            typography: (size: 24.0, font: Variable(weight: 450), hyphenate: true),
            reading_mode: Paged,
            filters: (max_rating: mature, excluded: [character_death, time_travel]),
            ui_scale: "large",
        )"#;
        let (s, note) = Settings::parse(newer);
        assert_eq!(s.typography.size, 24.0);
        assert_eq!(s.typography.font, ReadingFont::Literata);
        assert_eq!(s.theme, Theme::System);
        assert_eq!(s.reading_mode, ReadingMode::Paged);
        assert_eq!(s.ui_scale, 1.0, "the field's default, not zero");
        assert_eq!(s.filters.max_rating, RatingLevel::Mature);
        // The warning the reader excluded is still excluded; the unknown one is skipped.
        let excluded: Vec<_> = s.filters.excluded.iter().copied().collect();
        assert_eq!(excluded, [crate::engine::WarningCategory::CharacterDeath]);
        let note = note.unwrap_or_default();
        assert!(
            note.contains("Solarized") && note.contains("\"large\""),
            "{note}"
        );
    }

    #[test]
    fn a_file_from_another_version_is_kept_before_it_is_overwritten() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = temp.path();
        let path = dir.join("settings.ron");
        write_atomic(&path, b"(theme: Solarized, words_per_minute: 300)")
            .unwrap_or_else(|e| panic!("{e}"));
        let (s, note) = Settings::load(&path);
        assert_eq!(s.words_per_minute, 300);
        assert!(note.is_some_and(|n| n.contains("settings.ron.other-version")));
        let kept = std::fs::read_to_string(dir.join("settings.ron.other-version"));
        assert!(kept.is_ok_and(|k| k.contains("Solarized")));
    }

    #[test]
    fn every_part_round_trips() {
        let s = Settings {
            typography: Typography {
                font: ReadingFont::Custom("/fonts/My Font.ttf".into()),
                justify: true,
                show_notes: false,
                ..Typography::default()
            },
            theme: Theme::Sepia,
            reading_mode: ReadingMode::Paged,
            filters: Filters {
                max_rating: RatingLevel::Teen,
                ..Filters::default()
            },
            ..Settings::default()
        };
        let text =
            ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).unwrap_or_default();
        assert_eq!(Settings::parse(&text), (s, None));
    }

    #[test]
    fn damaged_file_is_kept_aside() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = temp.path().join("settings.ron");
        write_atomic(&path, b"(typography: ").unwrap_or_else(|e| panic!("{e}"));
        let (s, note) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        assert!(note.is_some_and(|n| n.contains("settings.ron.bad")));
        assert!(path.with_extension("ron.bad").exists());
        let saved = Settings {
            theme: Theme::Black,
            ..Settings::default()
        };
        saved.save(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Settings::load(&path), (saved, None));
    }

    #[test]
    fn two_windows_keep_each_others_changes() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = temp.path().join("settings.ron");
        let start = Settings::default();
        start.save(&path).unwrap_or_else(|e| panic!("{e}"));
        // Both windows start from the same file; each changes something else.
        let mut one = start.clone();
        one.theme = Theme::Dark;
        one.typography.size = 24.0;
        one.save_over(&start, &path)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut two = start.clone();
        two.reading_mode = ReadingMode::Paged;
        two.typography.justify = true;
        two.save_over(&start, &path)
            .unwrap_or_else(|e| panic!("{e}"));
        let (saved, note) = Settings::load(&path);
        assert_eq!(note, None);
        assert_eq!(saved.theme, Theme::Dark);
        assert_eq!(saved.typography.size, 24.0);
        assert_eq!(saved.reading_mode, ReadingMode::Paged);
        assert!(saved.typography.justify);
        // The first window changes its theme again: the second one's choices stay.
        let base = one.clone();
        one.theme = Theme::Sepia;
        one.save_over(&base, &path)
            .unwrap_or_else(|e| panic!("{e}"));
        let (saved, _) = Settings::load(&path);
        assert_eq!(
            (saved.theme, saved.reading_mode),
            (Theme::Sepia, ReadingMode::Paged)
        );
    }
}
