//! Real faults, where the machine allows them: a full disk (a 1 MB tmpfs holding the data
//! folder and the collection), and files and folders the user may not read (read by a
//! child process running as `nobody`). Both need root, to mount and to change user; CI
//! runs as root. Elsewhere each test prints that it was skipped and passes.
#![cfg(target_os = "linux")]

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestDir;
use ficshelf::collection::Collection;
use ficshelf::collection::import::import;
use ficshelf::collection::reading::{Place, ReadingState};
use ficshelf::settings::{Settings, Theme};
use serde_json::Value;

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .is_ok_and(|s| s.lines().any(|l| l.starts_with("Uid:\t0\t")))
}

/// A tmpfs of a given size, mounted for one test and unmounted when dropped.
struct Tmpfs {
    point: PathBuf,
    _dir: TestDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            println!("skipped: mounting a small tmpfs needs root");
            return None;
        }
        let dir = TestDir::named("full-disk");
        let point = dir.join("disk");
        std::fs::create_dir(&point).expect("the mount point");
        let mounted = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(&point)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            println!("skipped: mount -t tmpfs failed (no mount permission in this container)");
            return None;
        }
        Some(Tmpfs { point, _dir: dir })
    }

    /// Fills what space is left, to the last byte the file system will give.
    fn fill(&self) {
        use std::io::Write as _;
        let mut filler = std::fs::File::create(self.point.join("filler")).expect("filler");
        let chunk = vec![0u8; 4096];
        while filler.write_all(&chunk).is_ok() {}
        for byte in 0.. {
            if filler.write_all(&[0]).is_err() || byte > 4096 {
                break;
            }
        }
        let more = std::fs::write(self.point.join("more"), [0u8; 512]);
        assert!(more.is_err(), "the disk is full");
    }

    fn free(&self) {
        std::fs::remove_file(self.point.join("filler")).expect("filler removed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.point).status();
    }
}

fn place(block: usize) -> Place {
    Place {
        block,
        within: 0.0,
        progress: 0.5,
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_full_disk_fails_each_save_with_a_clear_message_and_keeps_what_was_saved() {
    let Some(disk) = Tmpfs::mount("1m") else {
        return;
    };
    let (data, settings_path) = (disk.point.join("data"), disk.point.join("settings.ron"));
    let collection = Collection {
        root: data.join("Stories"),
        ..Collection::default()
    };
    std::fs::create_dir_all(&collection.root).expect("the collection folder");
    let sources = TestDir::named("sources");
    let small = sources.join("small.txt");
    let big = sources.join("big.txt");
    std::fs::write(&small, "Title: Small\n\nA short story about a lamp.\n").expect("source");
    let line = "The tide came in over the stones and went out again, as tides do.\n";
    std::fs::write(&big, format!("Title: Big\n\n{}", line.repeat(3000))).expect("source");

    // Before the disk fills: a place, the settings, a story.
    let (mut state, note) = ReadingState::open(&data);
    assert_eq!(note, None);
    state.set_place("first", place(7), false);
    state.save().expect("a place saved");
    let settings = Settings {
        theme: Theme::Dark,
        ..Settings::default()
    };
    settings.save(&settings_path).expect("settings saved");
    let report = import(std::slice::from_ref(&small), &collection, |_| {});
    assert_eq!(report.added.len(), 1, "{}", report.summary());
    let stories_before = names(&collection.root);

    disk.fill();

    // Each save fails, and says why.
    state.set_place("second", place(9), false);
    let err = state.save().expect_err("no room for a place");
    assert!(err.to_string().contains("full"), "{err}");
    let changed = Settings {
        theme: Theme::Sepia,
        ..settings.clone()
    };
    let err = changed
        .save_over(&settings, &settings_path)
        .expect_err("no room for the settings");
    assert!(err.to_string().contains("No space left"), "{err}");
    let report = import(std::slice::from_ref(&big), &collection, |_| {});
    assert!(report.added.is_empty());
    assert!(
        report.summary().contains("No space left"),
        "{}",
        report.summary()
    );

    // What was saved before is whole, and no half-written file is left.
    assert_eq!(names(&collection.root), stories_before);
    assert_eq!(Settings::load(&settings_path), (settings, None));
    let (other_window, note) = ReadingState::open(&data);
    assert_eq!(note, None);
    assert_eq!(
        other_window.log().get("first").map(|r| r.place),
        Some(place(7))
    );
    drop(other_window);

    // With room again, the place that failed is saved at the next try.
    disk.free();
    state.save().expect("saved once there is room");
    drop(state);
    let (after, _) = ReadingState::open(&data);
    assert_eq!(after.log().get("second").map(|r| r.place), Some(place(9)));
    assert_eq!(after.log().get("first").map(|r| r.place), Some(place(7)));
}

/// Runs the `ficshelf` binary as user `nobody`; `None` where that can't be done.
fn as_nobody(dir: &Path, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    if !is_root() || !Path::new("/usr/bin/setpriv").exists() {
        println!("skipped: running a child as nobody needs root and setpriv (util-linux)");
        return None;
    }
    // A copy nobody may run: the build folder can sit in a home folder only root enters.
    let exe = dir.join("ficshelf");
    std::fs::copy(env!("CARGO_BIN_EXE_ficshelf"), &exe).expect("the binary copied");
    let output = Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&exe)
        .args(args)
        .env("HOME", dir)
        .output()
        .expect("setpriv runs");
    Some(output)
}

#[test]
fn files_and_folders_the_user_may_not_read_are_listed_with_the_reason() {
    let dir = TestDir::named("no-permission");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let stories = dir.join("Stories");
    let story = |title: &str| format!("Title: {title}\n\nThe lamp had to be lit by six.\n");
    common::write_at(&stories.join("open.txt"), story("Open").as_bytes());
    common::write_at(
        &stories.join("shelf/also-open.txt"),
        story("Also").as_bytes(),
    );
    common::write_at(&stories.join("locked.txt"), story("Locked").as_bytes());
    common::write_at(
        &stories.join("closed/inside.txt"),
        story("Inside").as_bytes(),
    );
    let data = dir.join("data");
    std::fs::create_dir(&data).expect("the data folder");
    for (path, mode) in [
        (&data, 0o777),
        (&stories.join("locked.txt"), 0o000),
        (&stories.join("closed"), 0o000),
    ] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let args = ["index", "--json", "--data-dir"].map(std::ffi::OsStr::new);
    let Some(out) = as_nobody(
        &dir,
        &[&args[..], &[data.as_os_str(), stories.as_os_str()]].concat(),
    ) else {
        return;
    };
    // Back to readable, so the folder can be removed.
    for path in [stories.join("locked.txt"), stories.join("closed")] {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}: {stderr}", out.status);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["stories"], 2, "the readable stories are listed: {v}");
    let unreadable = v["unreadable"].as_array().cloned().unwrap_or_default();
    for name in ["locked.txt", "closed"] {
        let listed = unreadable.iter().find(|u| {
            u["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(&format!("/{name}")))
        });
        let reason = listed
            .and_then(|u| u["reason"].as_str())
            .unwrap_or_default();
        assert!(
            reason.to_lowercase().contains("permission"),
            "{name} is listed with the reason: {v}"
        );
    }
}

#[test]
fn the_window_on_a_full_disk_says_so_once_and_saves_the_place_when_there_is_room() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    let Some(disk) = Tmpfs::mount("2m") else {
        return;
    };
    let size = egui::Vec2::new(1280.0, 800.0);
    let root = disk.point.join("ficshelf");
    let mut h = common::window::harness(&root, ficshelf::app::Launch::default(), size);
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, "The Winter Mooring")
            .click();
        h.step();
    }
    h.run_steps(4);
    disk.fill();
    for _ in 0..3 {
        h.key_press(egui::Key::PageDown);
        h.run_steps(2);
    }
    let place = h.state().reader().map(|r| r.place()).unwrap_or_default();
    assert!(place.block > 0, "three screens down: {place:?}");
    h.get_by_label("Close").click();
    h.run_steps(2);
    let told = common::window::notice(&h);
    assert!(
        told.contains("could not be saved") && told.contains("full"),
        "{told}"
    );
    // Tried again every few seconds, without saying it again.
    h.get_by_label("×").click();
    h.run_steps(2);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run_steps(2);
    assert_eq!(common::window::notice(&h), "");

    disk.free();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run_steps(2);
    drop(h);
    let (state, _) = ReadingState::open(&root.join("data"));
    let saved = state.log().stories.values().map(|r| r.place.block).max();
    assert_eq!(
        saved,
        Some(place.block),
        "the place was saved once there was room"
    );
}
