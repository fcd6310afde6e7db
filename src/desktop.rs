//! Ficshelf in the desktop menu (Linux): the desktop entry and icons, embedded in the binary,
//! installed for the current user under the XDG data folder and recorded in a manifest, so
//! that uninstalling removes exactly what was installed and nothing else.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::collection::content_hash;
use crate::storage::{SaveError, write_atomic};

/// The desktop entry as shipped in `assets/` (`Exec=ficshelf %F`: a `ficshelf` on `PATH`).
pub const DESKTOP_ENTRY: &str = include_str!("../assets/ficshelf.desktop");

/// The scalable icon.
pub const ICON_SVG: &[u8] = include_bytes!("../assets/icons/ficshelf.svg");

/// One size of the PNG icon, as rendered by `assets/icons/render.sh`.
macro_rules! png {
    ($n:literal) => {
        (
            $n,
            include_bytes!(concat!(
                "../assets/icons/hicolor/",
                $n,
                "x",
                $n,
                "/apps/ficshelf.png"
            )),
        )
    };
}

/// The icon as PNGs: (width and height in pixels, PNG bytes).
pub const ICON_PNGS: &[(u32, &[u8])] = &[
    png!(16),
    png!(24),
    png!(32),
    png!(48),
    png!(64),
    png!(128),
    png!(256),
    png!(512),
];

/// The PNG for the window icon: 256 px, sharp in a HiDPI task switcher; window managers
/// scale it down for title bars.
pub fn window_icon_png() -> &'static [u8] {
    ICON_PNGS
        .iter()
        .find(|(size, _)| *size == 256)
        .map_or(ICON_PNGS[0].1, |(_, png)| png)
}

/// The per-user XDG data folder (`$XDG_DATA_HOME`, else `~/.local/share`) that desktops
/// search for menu entries and icons; `None` when the system names no home folder.
pub fn data_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.data_dir().to_path_buf())
}

/// Why an install or uninstall stopped.
#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    /// A desktop entry is UTF-8 text, so it cannot name this program.
    #[error(
        "the path of the ficshelf program ({}) is not valid UTF-8, so a desktop entry cannot name it",
        .0.display()
    )]
    ExeNotUtf8(PathBuf),
    /// A file could not be read or removed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The record of an earlier install is damaged: guessing could remove the wrong files.
    #[error(
        "the install record {} could not be understood ({reason}); nothing was changed",
        path.display()
    )]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
}

/// What an install or uninstall did, one line per file or folder, for the user.
#[derive(Debug, Default)]
pub struct Report {
    /// Files and folders written, found up to date, or removed.
    pub done: Vec<String>,
    /// Files left alone, each with why: they are not Ficshelf's, or were changed since.
    pub left: Vec<String>,
}

/// The record of an install: exactly the files and folders it made.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Manifest {
    /// The XDG data folder the files went into (for the desktop caches on uninstall).
    data_home: PathBuf,
    /// Every file written, with the fingerprint of what was written.
    files: Vec<InstalledFile>,
    /// Folders that did not exist before the install.
    dirs: Vec<PathBuf>,
}

/// One file an install wrote.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct InstalledFile {
    /// Where it is.
    path: PathBuf,
    /// [`content_hash`] of what was written: a different hash means the user changed it.
    hash: String,
}

/// Installs the desktop entry (its `Exec=` naming `exe`) and the icons under `data_home`,
/// and records them in the manifest at `manifest`. Running it again updates what it wrote
/// before; a file at one of its paths that it did not write, or that was changed since,
/// is left alone and listed in [`Report::left`].
pub fn install(data_home: &Path, manifest: &Path, exe: &Path) -> Result<Report, DesktopError> {
    let entry = installed_entry(exe)?;
    let previous = read_manifest(manifest)?.unwrap_or_default();
    let mut next = Manifest {
        data_home: data_home.to_path_buf(),
        files: Vec::new(),
        dirs: previous.dirs.clone(),
    };
    let mut report = Report::default();
    let installed = install_files(data_home, &entry, &previous, &mut next, &mut report);
    // Saved even when a write failed, so that an uninstall still finds what was written.
    if next.files.is_empty() && next.dirs.is_empty() {
        remove_if_present(manifest)?;
    } else {
        for dir in missing_dirs(manifest.parent().unwrap_or(Path::new(""))) {
            if !next.dirs.contains(&dir) {
                next.dirs.push(dir);
            }
        }
        let text = ron::ser::to_string_pretty(&next, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        write_atomic(manifest, text.as_bytes())?;
    }
    installed?;
    refresh_caches(data_home, &mut report);
    Ok(report)
}

/// Writes each file of the install, recording it in `next`.
fn install_files(
    data_home: &Path,
    entry: &str,
    previous: &Manifest,
    next: &mut Manifest,
    report: &mut Report,
) -> Result<(), DesktopError> {
    for (rel, bytes) in payload(entry) {
        let path = data_home.join(rel);
        let hash = content_hash(bytes);
        let recorded = previous.files.iter().find(|f| f.path == path);
        let on_disk = match std::fs::read(&path) {
            Ok(bytes) => Some(content_hash(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(DesktopError::Io { path, source }),
        };
        let shown = path.display();
        match (on_disk, recorded) {
            (Some(disk), Some(_)) if disk == hash => {
                report.done.push(format!("up to date: {shown}"));
            }
            (Some(disk), Some(file)) if disk == file.hash => {
                write_atomic(&path, bytes)?;
                report.done.push(format!("updated:    {shown}"));
            }
            (Some(_), Some(_)) => {
                report.left.push(format!(
                    "left alone: {shown} (changed since Ficshelf installed it)"
                ));
                continue;
            }
            (Some(_), None) => {
                report.left.push(format!(
                    "left alone: {shown} (not installed by Ficshelf; remove it and install again to replace it)"
                ));
                continue;
            }
            (None, _) => {
                for dir in missing_dirs(path.parent().unwrap_or(data_home)) {
                    if !next.dirs.contains(&dir) {
                        next.dirs.push(dir);
                    }
                }
                write_atomic(&path, bytes)?;
                report.done.push(format!("installed:  {shown}"));
            }
        }
        next.files.push(InstalledFile { path, hash });
    }
    Ok(())
}

/// Removes what the install recorded in `manifest`: each file still as it was installed,
/// then the folders the install created if they are empty, then the manifest. A file
/// changed since is left alone and listed in [`Report::left`].
pub fn uninstall(manifest: &Path) -> Result<Report, DesktopError> {
    let mut report = Report::default();
    let Some(record) = read_manifest(manifest)? else {
        report.done.push(format!(
            "nothing to remove: no record of an install ({} does not exist)",
            manifest.display()
        ));
        return Ok(report);
    };
    for file in &record.files {
        let shown = file.path.display();
        match std::fs::read(&file.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.done.push(format!("already gone: {shown}"));
            }
            Err(e) => report.left.push(format!("left alone: {shown} ({e})")),
            Ok(bytes) if content_hash(&bytes) != file.hash => report.left.push(format!(
                "left alone: {shown} (changed since Ficshelf installed it)"
            )),
            Ok(_) => match std::fs::remove_file(&file.path) {
                Ok(()) => report.done.push(format!("removed: {shown}")),
                Err(e) => report.left.push(format!("left alone: {shown} ({e})")),
            },
        }
    }
    remove_if_present(manifest)?;
    report.done.push(format!(
        "removed: {} (the install record)",
        manifest.display()
    ));
    let mut dirs = record.dirs.clone();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        // remove_dir only removes an empty folder: anything else in it stays, with it.
        match std::fs::remove_dir(&dir) {
            Ok(()) => report.done.push(format!("removed: {}/", dir.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => report
                .done
                .push(format!("kept:    {}/ (not empty)", dir.display())),
        }
    }
    refresh_caches(&record.data_home, &mut report);
    Ok(report)
}

/// The files of an install, relative to the data folder: icons first, so the menu entry
/// never appears without its icon.
fn payload(entry: &str) -> Vec<(PathBuf, &[u8])> {
    let hicolor = Path::new("icons/hicolor");
    let mut files: Vec<(PathBuf, &[u8])> = ICON_PNGS
        .iter()
        .map(|&(n, png)| (hicolor.join(format!("{n}x{n}/apps/ficshelf.png")), png))
        .collect();
    files.push((hicolor.join("scalable/apps/ficshelf.svg"), ICON_SVG));
    files.push((
        PathBuf::from("applications/ficshelf.desktop"),
        entry.as_bytes(),
    ));
    files
}

/// The shipped desktop entry with `Exec=` running `exe` (and `TryExec=` naming it, so the
/// entry hides itself if the program is deleted).
pub fn installed_entry(exe: &Path) -> Result<String, DesktopError> {
    let program = exec_program(exe)?;
    let mut out = String::with_capacity(DESKTOP_ENTRY.len() + 2 * program.len());
    for line in DESKTOP_ENTRY.lines() {
        if line.starts_with("Exec=") {
            out.push_str(&format!("Exec={program} %F\n"));
            out.push_str(&format!(
                "TryExec={}\n",
                escape_value(&exe.to_string_lossy())
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// `exe` as the program of an `Exec=` line, per the Desktop Entry spec: in double quotes
/// (with `"`, `` ` ``, `$` and `\` escaped) if it has a reserved character, `%` doubled,
/// then the escapes every string value has (`\` doubled, so a quoted backslash is four).
pub fn exec_program(exe: &Path) -> Result<String, DesktopError> {
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`',
    ];
    let path = exe
        .to_str()
        .ok_or_else(|| DesktopError::ExeNotUtf8(exe.to_path_buf()))?;
    let quoted = if path.contains(RESERVED) {
        let mut q = String::from('"');
        for c in path.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        q
    } else {
        path.to_owned()
    };
    Ok(escape_value(&quoted.replace('%', "%%")))
}

/// The escapes of a desktop entry string value.
fn escape_value(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
}

/// The manifest, `None` if there is none.
fn read_manifest(path: &Path) -> Result<Option<Manifest>, DesktopError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(DesktopError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    ron::from_str(&text)
        .map(Some)
        .map_err(|e| DesktopError::Manifest {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
}

fn remove_if_present(path: &Path) -> Result<(), DesktopError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(DesktopError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The folders from the first missing ancestor of `dir` down to `dir`: those that writing
/// a file into `dir` would create.
fn missing_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

/// Brings the desktop's caches up to date, but only caches that already exist: without
/// them desktops read the folders directly, and creating one would leave a file behind
/// that uninstalling could not remove. Missing tools are fine.
fn refresh_caches(data_home: &Path, report: &mut Report) {
    let applications = data_home.join("applications");
    let hicolor = data_home.join("icons/hicolor");
    let runs: [(&Path, &str, &str, &[&str]); 2] = [
        (
            &applications,
            "mimeinfo.cache",
            "update-desktop-database",
            &["-q"],
        ),
        (
            &hicolor,
            "icon-theme.cache",
            "gtk-update-icon-cache",
            &["-q", "-t", "-f"],
        ),
    ];
    for (dir, cache, tool, flags) in runs {
        if !dir.join(cache).exists() {
            continue;
        }
        let ran = std::process::Command::new(tool)
            .args(flags)
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        if ran.is_ok_and(|s| s.success()) {
            report
                .done
                .push(format!("refreshed: {}", dir.join(cache).display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exec(path: &str) -> String {
        exec_program(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_plain_path_is_not_quoted() {
        assert_eq!(
            exec("/home/ann/.cargo/bin/ficshelf"),
            "/home/ann/.cargo/bin/ficshelf"
        );
    }

    #[test]
    fn a_path_with_spaces_is_quoted() {
        assert_eq!(exec("/opt/my apps/ficshelf"), "\"/opt/my apps/ficshelf\"");
    }

    #[test]
    fn quoting_escapes_dollar_and_backslash_and_doubles_percent() {
        // Quote level: `$` -> `\$`, `\` -> `\\`; then the string level doubles each `\`.
        assert_eq!(exec("/a b/$x"), "\"/a b/\\\\$x\"");
        assert_eq!(exec("/a\\b"), "\"/a\\\\\\\\b\"");
        assert_eq!(exec("/100%/ficshelf"), "/100%%/ficshelf");
    }

    #[test]
    fn the_installed_entry_runs_the_given_program() {
        let entry =
            installed_entry(Path::new("/opt/my apps/ficshelf")).unwrap_or_else(|e| panic!("{e}"));
        let execs: Vec<&str> = entry.lines().filter(|l| l.starts_with("Exec=")).collect();
        assert_eq!(execs, ["Exec=\"/opt/my apps/ficshelf\" %F"]);
        assert!(entry.contains("\nTryExec=/opt/my apps/ficshelf\n"));
        assert!(entry.contains("\nIcon=ficshelf\n"));
    }

    #[test]
    fn the_shipped_entry_runs_ficshelf_from_path() {
        assert!(DESKTOP_ENTRY.contains("\nExec=ficshelf %F\n"));
        assert!(DESKTOP_ENTRY.contains("\nStartupWMClass=ficshelf\n"));
    }

    #[test]
    fn every_png_is_the_size_it_claims() {
        for (size, png) in ICON_PNGS {
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{size} px is a PNG");
            // IHDR comes first: width and height, big-endian, at bytes 16..24.
            let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
            assert_eq!((width, height), (*size, *size));
        }
        assert_eq!(window_icon_png().len(), ICON_PNGS[6].1.len());
    }

    #[test]
    fn missing_dirs_lists_what_would_be_created_parents_first() {
        let root = crate::testing::TestDir::named("desktop-dirs");
        assert_eq!(
            missing_dirs(&root.join("a/b")),
            [root.join("a"), root.join("a/b")]
        );
        assert!(missing_dirs(&root).is_empty());
    }
}
