//! The `ficshelf` command: the reading window, `inspect` to show what the story engine sees
//! in files, and `index` to index a collection folder. The command line itself is in
//! [`cli`].

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use cli::{Cli, Command, IndexArgs, InspectArgs, SearchArgs, WindowArgs};
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::collection::fulltext::FullText;
use ficshelf::engine::Story;
use ficshelf::inspect::{Report, body_text};
use ficshelf::instance::{self, Claim};
use ficshelf::paths::AppDirs;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Inspect(args)) => inspect(&args),
        Some(Command::Index(args)) => index(args),
        Some(Command::Search(args)) => search(args),
        None if cli.window.install_desktop => desktop("--install-desktop", cli.window),
        None if cli.window.uninstall_desktop => desktop("--uninstall-desktop", cli.window),
        None => window(cli.window),
    }
}

/// `ficshelf [--config-dir DIR] [--data-dir DIR] [--screenshot PATH] [--new-window] [FILE...]`
fn window(args: WindowArgs) -> ExitCode {
    let Some(dirs) = AppDirs::resolve(args.config_dir, args.data_dir) else {
        eprintln!("ficshelf: no home folder found; use --config-dir and --data-dir");
        return ExitCode::FAILURE;
    };
    // A screenshot is of a window of its own, never of the one already running.
    let inbox = if args.screenshot.is_none() && !args.new_window {
        match instance::claim(&instance::socket_path(&dirs.data), &args.files) {
            Ok(Claim::HandedOff) => return ExitCode::SUCCESS,
            Ok(Claim::Serve(inbox)) => Some(inbox),
            Ok(Claim::Alone) => None,
            Err(e) => {
                eprintln!("ficshelf: opening a window of its own: {e}");
                None
            }
        }
    } else {
        None
    };
    let launch = Launch {
        files: args.files,
        screenshot: args.screenshot,
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
        Box::new(move |cc| {
            let mut app = FicshelfApp::start(&cc.egui_ctx, dirs, launch);
            if let Some(inbox) = inbox {
                let ctx = cc.egui_ctx.clone();
                inbox.wake_with(move || ctx.request_repaint());
                app.listen(inbox);
            }
            Ok(Box::new(app))
        }),
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
fn desktop(flag: &str, args: WindowArgs) -> ExitCode {
    use ficshelf::desktop;
    let Some(dirs) = AppDirs::resolve(None, args.data_dir) else {
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
fn desktop(flag: &str, _args: WindowArgs) -> ExitCode {
    eprintln!("ficshelf {flag}: this is for Linux desktops only");
    ExitCode::FAILURE
}

/// `ficshelf index [--json] [--data-dir DIR] DIR`: the app's scan, headless, with its cache.
fn index(args: IndexArgs) -> ExitCode {
    let (json, root) = (args.json, args.dir);
    if !root.is_dir() {
        eprintln!("ficshelf index: {} is not a folder", root.display());
        return ExitCode::FAILURE;
    }
    let root = root.canonicalize().unwrap_or(root);
    let Some(dirs) = AppDirs::resolve(None, args.data_dir) else {
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
            "works": works_json(c, &splits_kept(&dirs.data)),
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

/// `ficshelf search [--json] [--data-dir DIR] [--in FOLDER] QUERY`: brings the collection's
/// index and its full-text index up to date as the window does, then prints the best
/// passages.
fn search(args: SearchArgs) -> ExitCode {
    let Some(dirs) = AppDirs::resolve(args.config_dir, args.data_dir) else {
        eprintln!("ficshelf: no home folder found; use --data-dir");
        return ExitCode::FAILURE;
    };
    let root = args.folder.unwrap_or_else(|| {
        let (settings, _) = ficshelf::settings::Settings::load(&dirs.settings());
        settings
            .collection_dir
            .unwrap_or_else(|| dirs.default_collection())
    });
    if !root.is_dir() {
        eprintln!("ficshelf search: {} is not a folder", root.display());
        return ExitCode::FAILURE;
    }
    let root = root.canonicalize().unwrap_or(root);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let scan = ficshelf::collection::index::scan(&root, Some(&dirs.index_file(&root)), threads);
    let result = ficshelf::collection::fulltext::FullText::open(&FullText::path_for(
        &dirs.index_file(&root),
    ))
    .and_then(|mut index| {
        index.update(&scan.collection, |done, all| {
            if all >= 100 && done % 100 == 0 {
                eprint!("\rindexing {done} of {all}");
            }
        })?;
        index.search(&args.query.join(" "), 20)
    });
    let hits = match result {
        Ok(hits) => hits,
        Err(e) => {
            eprintln!("\nficshelf search: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A closed pipe (`| head`) ends the output quietly.
    let mut out = std::io::stdout().lock();
    if args.json {
        let list: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "path": h.path.display().to_string(),
                    "title": h.title,
                    "chapter": h.chapter,
                    "snippet": h.snippet,
                    "score": h.score,
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    } else {
        for h in &hits {
            let chapter = h
                .chapter
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let shown = writeln!(
                out,
                "{}\n  {}{chapter}\n  {}\n",
                h.path.display(),
                h.title,
                h.snippet
            );
            if shown.is_err() {
                break;
            }
        }
        if hits.is_empty() {
            let _ = writeln!(out, "nothing found");
        }
    }
    ExitCode::SUCCESS
}

/// The reader's splits of works kept in the data folder's reading state (none when there
/// is none yet: nothing is created for it).
fn splits_kept(data: &std::path::Path) -> ficshelf::collection::works::Splits {
    if !data.join("state.sqlite").exists() {
        return Default::default();
    }
    match ficshelf::collection::reading::ReadingStore::open(data) {
        Ok((store, _)) => store.splits().unwrap_or_else(|e| {
            eprintln!("ficshelf index: the splits of works could not be read: {e}");
            Default::default()
        }),
        Err(e) => {
            eprintln!("ficshelf index: the reading state could not be read: {e}");
            Default::default()
        }
    }
}

/// The collection's works (files grouped into works, with the reader's splits; their
/// series) as `index --json` prints them.
fn works_json(
    c: &ficshelf::collection::Collection,
    splits: &ficshelf::collection::works::Splits,
) -> Vec<serde_json::Value> {
    let works = ficshelf::collection::works::works_with(&c.entries, splits);
    let editions = ficshelf::collection::editions::Editions::build(&c.entries, &c.grown);
    let path = |i: usize| c.entries.get(i).map(|e| e.path.display().to_string());
    works
        .iter()
        .map(|w| {
            let files: Vec<String> = w
                .files
                .iter()
                .filter_map(|&i| c.entries.get(i))
                .map(|e| e.path.display().to_string())
                .collect();
            let series: Vec<serde_json::Value> = w
                .series
                .iter()
                .map(|s| serde_json::json!({"name": s.name, "position": s.position}))
                .collect();
            serde_json::json!({
                "title": w.title,
                "author": w.author,
                "files": files,
                "parts_found": w.parts_found,
                "parts_total": w.parts_total,
                "series": series,
                "complete": w.complete,
                // Older copies of a work saved again, oldest first.
                "editions": w.files.first().map_or_else(Vec::new, |&f| {
                    editions.older(f).iter().rev().filter_map(|&i| path(i)).collect()
                }),
            })
        })
        .collect()
}

/// `ficshelf inspect [--json] [--body] FILE...`
fn inspect(args: &InspectArgs) -> ExitCode {
    let (json, body, files) = (args.json, args.body, &args.files);
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
