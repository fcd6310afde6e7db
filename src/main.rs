//! The `ficshelf` command: the reading window, and `inspect` to show what the story engine
//! sees in files.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::engine::Story;
use ficshelf::inspect::{Report, body_text};
use ficshelf::paths::AppDirs;

const USAGE: &str = "\
Ficshelf: a reader for plain-text fan fiction.

Usage:
  ficshelf [OPTIONS] [FILE...]                  open the reading window (FILE in the reader)
  ficshelf inspect [--json] [--body] FILE...   show what Ficshelf reads in each file
  ficshelf index [--json] [--data-dir DIR] DIR  index a collection folder (with the app's cache)
  ficshelf --install-desktop [--data-dir DIR]    add Ficshelf and its icon to your menu (Linux)
  ficshelf --uninstall-desktop [--data-dir DIR]  remove what --install-desktop added
  ficshelf --help | --version

Options:
  --config-dir DIR     keep settings in DIR (or FICSHELF_CONFIG_DIR)
  --data-dir DIR       keep reading state and the default collection in DIR (or FICSHELF_DATA_DIR)
  --screenshot PATH    draw the window, save it as a PNG at PATH, and quit

Inspect options:
  --json   one JSON array with an object per file (see README.md for the keys)
  --body   the rebuilt story text: one paragraph per line, `* * *` scene breaks,
           `## Title` part headings (with --json: a \"body\" key)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(&args[1..]),
        Some("index") => index(&args[1..]),
        Some(flag @ ("--install-desktop" | "--uninstall-desktop")) => desktop(flag, &args[1..]),
        Some("--version" | "-V") => {
            println!("ficshelf {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => window(&args),
    }
}

/// `ficshelf [--config-dir DIR] [--data-dir DIR] [--screenshot PATH] [FILE...]`
fn window(args: &[String]) -> ExitCode {
    let (mut config, mut data, mut launch) = (None, None, Launch::default());
    let mut it = args.iter();
    let mut only_files = false;
    while let Some(arg) = it.next() {
        let mut value = |name: &str| -> Result<PathBuf, ExitCode> {
            it.next().map(PathBuf::from).ok_or_else(|| {
                eprintln!("ficshelf: {name} needs a value\n\n{USAGE}");
                ExitCode::from(2)
            })
        };
        let parsed = match arg.as_str() {
            "--" if !only_files => {
                only_files = true;
                Ok(())
            }
            "--config-dir" if !only_files => value("--config-dir").map(|v| config = Some(v)),
            "--data-dir" if !only_files => value("--data-dir").map(|v| data = Some(v)),
            "--screenshot" if !only_files => {
                value("--screenshot").map(|v| launch.screenshot = Some(v))
            }
            flag if flag.starts_with("--") && !only_files => {
                eprintln!("ficshelf: unknown option {flag:?}\n\n{USAGE}");
                Err(ExitCode::from(2))
            }
            file => {
                launch.files.push(PathBuf::from(file));
                Ok(())
            }
        };
        if let Err(code) = parsed {
            return code;
        }
    }
    let Some(dirs) = AppDirs::resolve(config, data) else {
        eprintln!("ficshelf: no home folder found; use --config-dir and --data-dir");
        return ExitCode::FAILURE;
    };
    // The app id is the desktop entry's name (Wayland) and WM_CLASS (X11): the desktop
    // matches the window to `ficshelf.desktop` by it (see its StartupWMClass).
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Ficshelf")
        .with_app_id("ficshelf")
        .with_min_inner_size([560.0, 400.0]);
    // As the reader left it (the window itself is the app's to save, atomically).
    let (window, _) = ficshelf::window_state::WindowState::load(&dirs.window_state());
    viewport = viewport
        .with_inner_size(window.size.unwrap_or([1280.0, 800.0]))
        .with_maximized(window.maximized);
    if let Some(position) = window.position {
        viewport = viewport.with_position(position);
    }
    match eframe::icon_data::from_png_bytes(ficshelf::desktop::window_icon_png()) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("ficshelf: the window icon could not be read: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Ficshelf",
        options,
        Box::new(move |_cc| Ok(Box::new(FicshelfApp::new(dirs, launch)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ficshelf: the window could not be opened: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `ficshelf --install-desktop | --uninstall-desktop [--data-dir DIR]`: the menu entry and
/// icons for this user; the record of what was installed is kept in the data folder.
#[cfg(target_os = "linux")]
fn desktop(flag: &str, args: &[String]) -> ExitCode {
    use ficshelf::desktop;
    let mut data = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--data-dir"
            && let Some(dir) = it.next()
        {
            data = Some(PathBuf::from(dir));
        } else {
            eprintln!("ficshelf {flag}: unexpected {arg:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(dirs) = AppDirs::resolve(None, data) else {
        eprintln!("ficshelf: no home folder found; use --data-dir");
        return ExitCode::FAILURE;
    };
    let result = if flag == "--install-desktop" {
        let Some(home) = desktop::data_home() else {
            eprintln!("ficshelf: no home folder found, so there is no menu to add Ficshelf to");
            return ExitCode::FAILURE;
        };
        let exe = match std::env::current_exe() {
            Ok(exe) => exe,
            Err(e) => {
                eprintln!("ficshelf: the path of this program could not be found: {e}");
                return ExitCode::FAILURE;
            }
        };
        desktop::install(&home, &dirs.desktop_manifest(), &exe)
    } else {
        desktop::uninstall(&dirs.desktop_manifest())
    };
    match result {
        Ok(report) => {
            report.done.iter().for_each(|line| println!("{line}"));
            report.left.iter().for_each(|line| eprintln!("{line}"));
            if report.left.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("ficshelf {flag}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Desktop entries and the XDG folders are a Linux (freedesktop) thing.
#[cfg(not(target_os = "linux"))]
fn desktop(flag: &str, _args: &[String]) -> ExitCode {
    eprintln!("ficshelf {flag}: this is for Linux desktops only");
    ExitCode::FAILURE
}

/// `ficshelf index [--json] [--data-dir DIR] DIR`: the app's scan, headless, with its cache.
fn index(args: &[String]) -> ExitCode {
    let (mut json, mut data, mut root) = (false, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--data-dir" => data = it.next().map(PathBuf::from),
            flag if flag.starts_with("--") => {
                eprintln!("ficshelf index: unknown option {flag:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            dir => root = Some(PathBuf::from(dir)),
        }
    }
    let Some(root) = root else {
        eprintln!("ficshelf index: no folder given\n\n{USAGE}");
        return ExitCode::from(2);
    };
    if !root.is_dir() {
        eprintln!("ficshelf index: {} is not a folder", root.display());
        return ExitCode::FAILURE;
    }
    let root = root.canonicalize().unwrap_or(root);
    let Some(dirs) = AppDirs::resolve(None, data) else {
        eprintln!("ficshelf: no home folder found; use --data-dir");
        return ExitCode::FAILURE;
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let scan = ficshelf::collection::index::scan(&root, Some(&dirs.index_file(&root)), threads);
    let c = &scan.collection;
    if let Some(e) = &scan.cache_error {
        eprintln!("ficshelf index: the cache could not be saved: {e}");
    }
    if json {
        let unreadable: Vec<serde_json::Value> = c
            .unreadable
            .iter()
            .map(|u| serde_json::json!({"path": u.path.display().to_string(), "reason": u.reason}))
            .collect();
        let report = serde_json::json!({
            "root": root.display().to_string(),
            "stories": c.entries.len(),
            "unreadable": unreadable,
            "bytes": scan.bytes,
            "reused": scan.reused,
            "seconds": scan.seconds,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!(
            "{}: {} stories ({} from the cache), {} unreadable, {:.1} MB, {:.3} s",
            root.display(),
            c.entries.len(),
            scan.reused,
            c.unreadable.len(),
            scan.bytes as f64 / 1e6,
            scan.seconds
        );
        for u in &c.unreadable {
            println!("  unreadable: {}: {}", u.path.display(), u.reason);
        }
    }
    ExitCode::SUCCESS
}

/// `ficshelf inspect [--json] [--body] FILE...`
fn inspect(args: &[String]) -> ExitCode {
    let (mut json, mut body) = (false, false);
    let mut files = Vec::new();
    let mut only_files = false;
    for arg in args {
        match arg.as_str() {
            "--json" if !only_files => json = true,
            "--body" if !only_files => body = true,
            "--" if !only_files => only_files = true,
            flag if flag.starts_with("--") && !only_files => {
                eprintln!("ficshelf inspect: unknown option {flag:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    if files.is_empty() {
        eprintln!("ficshelf inspect: no files given\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    let mut values = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let (report, text) = match Story::read(path) {
            Ok(story) => {
                let text = body.then(|| body_text(&story));
                (Report::of_story(path.display().to_string(), &story), text)
            }
            Err(e) => (Report::failed(path.display().to_string(), &e), None),
        };
        failed |= report.error.is_some();
        if json {
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            if let (Some(text), Some(map)) = (text, value.as_object_mut()) {
                map.insert("body".into(), text.into());
            }
            values.push(value);
            continue;
        }
        let printed = match text {
            Some(text) if files.len() == 1 => write!(out, "{text}"),
            Some(text) => write!(
                out,
                "{}==> {} <==\n{text}",
                if i > 0 { "\n" } else { "" },
                path.display()
            ),
            None => write!(out, "{}", report.to_text()),
        };
        if printed.is_err() {
            return ExitCode::FAILURE; // stdout closed (a pager quit): nothing more to say
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".into());
        if writeln!(out, "{text}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
