//! The window as the reader left it: size, position, maximised, and the panes' sizes,
//! saved atomically in the data folder (in points, free of GUI types).

use std::path::Path;

use crate::storage::{SaveError, load_ron, write_atomic};

/// Where the window was and how its panes were sized.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct WindowState {
    /// Inner size of the window when it was neither maximised nor full screen.
    pub size: Option<[f32; 2]>,
    /// Outer position of that window (the desktop may ignore it, as Wayland does).
    pub position: Option<[f32; 2]>,
    /// Maximised.
    pub maximized: bool,
    /// Width of the library pane.
    pub library_width: Option<f32>,
    /// Height of the details pane under the library.
    pub details_height: Option<f32>,
    /// Width of the filter sidebar.
    pub facets_width: Option<f32>,
    /// The filter sidebar was closed. It starts closed: a story opened from the file
    /// manager gets the room, and the library's Filters button (F8) opens it.
    pub facets_closed: bool,
}

impl Default for WindowState {
    fn default() -> Self {
        WindowState {
            size: None,
            position: None,
            maximized: false,
            library_width: None,
            details_height: None,
            facets_width: None,
            facets_closed: true,
        }
    }
}

/// Sizes outside this range are not restored (a damaged file, a monitor since removed).
const SANE: std::ops::RangeInclusive<f32> = 100.0..=16_384.0;

impl WindowState {
    /// Loads the state; anything missing or damaged gives the defaults (and a message).
    pub fn load(path: &Path) -> (WindowState, Option<String>) {
        let (state, note) = load_ron::<WindowState>(path, "The window's size and place");
        (state.sanitised(), note)
    }

    /// Saves atomically.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        let text = ron::to_string(self).unwrap_or_default();
        write_atomic(path, text.as_bytes())
    }

    fn sanitised(mut self) -> WindowState {
        let sane = |v: f32| v.is_finite() && SANE.contains(&v);
        self.size = self.size.filter(|s| s.iter().all(|&v| sane(v)));
        self.position = self
            .position
            .filter(|p| p.iter().all(|v| v.is_finite() && v.abs() < 65_536.0));
        self.library_width = self.library_width.filter(|&w| sane(w));
        self.details_height = self.details_height.filter(|&h| sane(h));
        self.facets_width = self.facets_width.filter(|&w| sane(w));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_drops_impossible_values() {
        let dir = crate::testing::TestDir::named("window");
        let path = dir.join("window.ron");
        let state = WindowState {
            size: Some([900.0, 650.0]),
            position: Some([-1280.0, 40.0]),
            maximized: true,
            library_width: Some(420.0),
            details_height: Some(240.0),
            facets_width: Some(230.0),
            facets_closed: true,
        };
        state.save(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(WindowState::load(&path), (state, None));
        write_atomic(
            &path,
            b"(size: Some((0.0, 1e30)), library_width: Some(NaN))",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let (loaded, _) = WindowState::load(&path);
        assert_eq!((loaded.size, loaded.library_width), (None, None));
    }
}
