//! `ficshelf --install-desktop` / `--uninstall-desktop`, run as the real binary against a
//! private home: what is installed, that it validates, that installing twice changes
//! nothing, and that uninstalling puts the tree back exactly as it was.
// Runs the binary, which needs the `gui` feature; desktop entries are for Linux only.
#![cfg(all(feature = "gui", target_os = "linux"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder for one test, under the target folder (the same file system as the
/// binary, so it can be hard-linked).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("desktop-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch folder");
    dir
}

/// Runs `exe FLAG` with HOME, XDG_DATA_HOME and the app's data folder inside `root`.
fn run(exe: &Path, root: &Path, flag: &str) -> (i32, String, String) {
    let out = Command::new(exe)
        .arg(flag)
        .env("HOME", root.join("home"))
        .env("XDG_DATA_HOME", root.join("home/.local/share"))
        .env("FICSHELF_DATA_DIR", root.join("app-data"))
        .env_remove("FICSHELF_CONFIG_DIR")
        .output()
        .expect("the ficshelf binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// Every file and folder under `root`, with the contents of the files.
fn tree(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if path.is_dir() {
                out.insert(rel, None);
                walk(&path, root, out);
            } else {
                out.insert(rel, std::fs::read(&path).ok());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn validate(entry: &Path) {
    match Command::new("desktop-file-validate").arg(entry).output() {
        Ok(out) => assert!(
            out.status.success() && out.stdout.is_empty(),
            "desktop-file-validate {}:\n{}{}",
            entry.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => println!("note: desktop-file-validate is not installed; not validated"),
    }
}

const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

#[test]
fn install_twice_then_uninstall_leaves_the_tree_as_it_was() {
    let root = scratch("roundtrip");
    // Something of the user's own already in the folders the install writes into.
    let own = root.join("home/.local/share/applications/editor.desktop");
    std::fs::create_dir_all(own.parent().expect("a parent")).expect("create applications");
    std::fs::write(
        &own,
        "[Desktop Entry]\nType=Application\nName=Editor\nExec=ed\n",
    )
    .expect("write the user's entry");
    let before = tree(&root);
    let exe = Path::new(env!("CARGO_BIN_EXE_ficshelf"));

    let (code, out, err) = run(exe, &root, "--install-desktop");
    assert_eq!(code, 0, "install: {out}{err}");
    let share = root.join("home/.local/share");
    let entry_path = share.join("applications/ficshelf.desktop");
    let entry = std::fs::read_to_string(&entry_path).expect("the entry is installed");
    let exe_abs = exe.canonicalize().expect("the binary's path");
    assert!(
        entry.contains(&format!("\nExec={} %F\n", exe_abs.display())),
        "Exec runs this binary:\n{entry}"
    );
    for n in SIZES {
        let png = share.join(format!("icons/hicolor/{n}x{n}/apps/ficshelf.png"));
        assert!(png.is_file(), "{} is installed", png.display());
    }
    assert!(
        share
            .join("icons/hicolor/scalable/apps/ficshelf.svg")
            .is_file()
    );
    assert!(
        out.contains("installed:") && out.contains("ficshelf.desktop"),
        "{out}"
    );
    validate(&entry_path);

    let installed = tree(&root);
    let (code, out, err) = run(exe, &root, "--install-desktop");
    assert_eq!(code, 0, "second install: {out}{err}");
    assert!(
        !out.contains("installed:"),
        "nothing new the second time:\n{out}"
    );
    assert_eq!(tree(&root), installed, "installing twice changes nothing");

    let (code, out, err) = run(exe, &root, "--uninstall-desktop");
    assert_eq!(code, 0, "uninstall: {out}{err}");
    assert!(out.contains("removed:"), "{out}");
    assert_eq!(tree(&root), before, "uninstall puts everything back");

    let (code, out, _) = run(exe, &root, "--uninstall-desktop");
    assert_eq!(code, 0);
    assert!(out.contains("nothing to remove"), "{out}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn files_the_user_changed_or_owns_are_left_alone() {
    let root = scratch("left");
    let exe = Path::new(env!("CARGO_BIN_EXE_ficshelf"));
    let share = root.join("home/.local/share");
    // The user's own 48 px icon is there before the install.
    let own_icon = share.join("icons/hicolor/48x48/apps/ficshelf.png");
    std::fs::create_dir_all(own_icon.parent().expect("a parent")).expect("create icon folder");
    std::fs::write(&own_icon, b"mine").expect("write the user's icon");

    let (code, _, err) = run(exe, &root, "--install-desktop");
    assert_eq!(code, 1, "an install that left something alone says so");
    assert!(
        err.contains("48x48") && err.contains("not installed by Ficshelf"),
        "{err}"
    );
    assert_eq!(std::fs::read(&own_icon).ok().as_deref(), Some(&b"mine"[..]));

    // The user edits the installed entry.
    let entry = share.join("applications/ficshelf.desktop");
    let mut text = std::fs::read_to_string(&entry).expect("the entry is installed");
    text.push_str("X-Edited=true\n");
    std::fs::write(&entry, &text).expect("edit the entry");

    let (code, out, err) = run(exe, &root, "--uninstall-desktop");
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("ficshelf.desktop (changed since"), "{err}");
    assert_eq!(std::fs::read(&own_icon).ok().as_deref(), Some(&b"mine"[..]));
    assert_eq!(std::fs::read_to_string(&entry).ok(), Some(text));
    assert!(
        !share.join("icons/hicolor/64x64").exists(),
        "the rest is gone"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_program_path_with_spaces_is_quoted_and_validates() {
    let root = scratch("spaces");
    let dir = root.join("my apps");
    std::fs::create_dir_all(&dir).expect("create the program folder");
    let exe = dir.join("ficshelf");
    // A hard link keeps its own path in /proc/self/exe; copy where that is not possible.
    if std::fs::hard_link(env!("CARGO_BIN_EXE_ficshelf"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_ficshelf"), &exe).expect("copy the binary");
    }
    let (code, out, err) = run(&exe, &root, "--install-desktop");
    assert_eq!(code, 0, "{out}{err}");
    let entry_path = root.join("home/.local/share/applications/ficshelf.desktop");
    let entry = std::fs::read_to_string(&entry_path).expect("the entry is installed");
    // The entry names the program as the system resolves it (a folder on the way may be
    // a link, as the build folder is in some checkouts).
    let exe = exe.canonicalize().unwrap_or(exe);
    assert!(
        entry.contains(&format!("\nExec=\"{}\" %F\n", exe.display())),
        "{entry}"
    );
    validate(&entry_path);
    let _ = std::fs::remove_dir_all(&root);
}
