//! Where Ficshelf keeps things: the per-user config folder (settings), the per-user data
//! folder (reading state, the default collection), both overridable for tests and portable
//! use with `--config-dir` / `--data-dir` or `FICSHELF_CONFIG_DIR` / `FICSHELF_DATA_DIR`.

use std::path::PathBuf;

/// The folders the app reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Settings live here (`settings.ron`).
    pub config: PathBuf,
    /// Reading state and, by default, the collection live here.
    pub data: PathBuf,
}

impl AppDirs {
    /// The platform's per-user folders (`~/.config/ficshelf`, `~/.local/share/ficshelf` on
    /// Linux), with overrides applied; `None` only when the system names no home folder.
    pub fn resolve(config: Option<PathBuf>, data: Option<PathBuf>) -> Option<AppDirs> {
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let config = config.or_else(|| env("FICSHELF_CONFIG_DIR"));
        let data = data.or_else(|| env("FICSHELF_DATA_DIR"));
        if let (Some(config), Some(data)) = (&config, &data) {
            return Some(AppDirs {
                config: config.clone(),
                data: data.clone(),
            });
        }
        let project = directories::ProjectDirs::from("", "", "ficshelf")?;
        Some(AppDirs {
            config: config.unwrap_or_else(|| project.config_dir().to_path_buf()),
            data: data.unwrap_or_else(|| project.data_dir().to_path_buf()),
        })
    }

    /// Both folders under one root (tests, portable installs).
    pub fn under(root: impl Into<PathBuf>) -> AppDirs {
        let root = root.into();
        AppDirs {
            config: root.join("config"),
            data: root.join("data"),
        }
    }

    /// The default collection folder.
    pub fn default_collection(&self) -> PathBuf {
        self.data.join("Stories")
    }

    /// The window's size, position and pane widths (written by eframe).
    pub fn window_state(&self) -> PathBuf {
        self.data.join("window.ron")
    }

    /// The index cache for a collection folder (one per folder, named by its path).
    pub fn index_file(&self, collection: &std::path::Path) -> PathBuf {
        let key = xxhash_rust::xxh3::xxh3_64(collection.as_os_str().as_encoded_bytes());
        self.data.join("index").join(format!("{key:016x}.bin"))
    }

    /// The record of what `--install-desktop` put in the desktop menu, for
    /// `--uninstall-desktop`.
    pub fn desktop_manifest(&self) -> PathBuf {
        self.data.join("desktop-install.ron")
    }

    /// The settings file.
    pub fn settings(&self) -> PathBuf {
        self.config.join("settings.ron")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_folders_win() {
        let dirs = AppDirs::resolve(Some("/c".into()), Some("/d".into()));
        assert_eq!(
            dirs,
            Some(AppDirs {
                config: "/c".into(),
                data: "/d".into()
            })
        );
        let dirs = AppDirs::under("/r");
        assert_eq!(dirs.settings(), PathBuf::from("/r/config/settings.ron"));
        assert_eq!(dirs.default_collection(), PathBuf::from("/r/data/Stories"));
    }
}
