//! Frame costs, headless (egui::Context run + tessellate at 1280x800), each beside its
//! baseline measured in the same run:
//!
//! 1. the library pane with 10,000 stories against 10, idle and on a search keystroke
//!    (goal: under 1.5x);
//! 2. the reader scrolling a 50 MB story against a 20 KB one, and a jump to the end
//!    (goal: under 1.5x);
//! 3. opening the 50 MB story whole (read, decode, parse, first frame) against `wc -w` over
//!    the same file (goal: under 3x);
//! 4. opening a story as the app does, from its path to the first frame with its text (the
//!    first chunk of a big one, the rest read on a thread): 5 MB and 50 MB against 20 KB
//!    (goal: the 50 MB story within 1.2x the 20 KB one).
//!
//! Uses `target/bench-library-10k/` (made by the index bench) and makes
//! `target/bench-huge/` with `gen_library.py --count 0 --huge-mb 50` on first use.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use egui::{Context, Event, FontFamily, Key, Modifiers, RawInput, Rect, Ui, Vec2};
use ficshelf::collection::filter::Filters;
mod common;

use common::{generated, median, run, time};
use ficshelf::collection::index::scan;
use ficshelf::collection::reading::{ReadingLog, ReadingState};
use ficshelf::collection::{Collection, SortKey, content_hash};
use ficshelf::engine::{Story, read_bytes};
use ficshelf::ui::library::{LibraryState, library_ui};
use ficshelf::ui::reader::{ReaderView, Typography, reader_ui};

const FRAMES: usize = 60;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `FICSHELF_FRAMES_ONLY=open` times the opening of a story alone.
    if std::env::var("FICSHELF_FRAMES_ONLY").as_deref() != Ok("open") {
        library(root);
        reader(root);
    }
    first_frames(root);
}

/// Runs one frame; returns its cost in milliseconds.
fn frame(ctx: &Context, events: Vec<Event>, ui_fn: &mut dyn FnMut(&mut Ui)) -> f64 {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(
            egui::Pos2::ZERO,
            Vec2::new(1280.0, 800.0),
        )),
        events,
        ..RawInput::default()
    };
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| ui_fn(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed().as_secs_f64() * 1000.0
}

fn library(root: &Path) {
    let dir = root.join("target/bench-library-10k");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let big = scan(
        &dir,
        Some(&root.join("target/bench-index-cache.bin")),
        threads,
    )
    .collection;
    if big.entries.len() < 10_000 {
        println!(
            "frames bench: run `cargo bench --bench index` first to make {}",
            dir.display()
        );
        return;
    }
    let small = Collection {
        entries: big.entries[..10].to_vec(),
        ..big.clone()
    };
    let reading = ReadingState::in_memory(ReadingLog::default());
    let filters = Filters::default();
    // The small and the big library's frames are taken in turn, so a busy moment on this
    // shared machine weighs on both alike.
    let cost = |query: Option<&[&str]>| {
        let panes = [&small, &big].map(|c| (c, Context::default(), LibraryState::new()));
        let mut panes = panes;
        let mut sort = SortKey::Title;
        let mut times = [Vec::new(), Vec::new()];
        for i in 0..FRAMES * 2 + 10 {
            for (k, (collection, ctx, state)) in panes.iter_mut().enumerate() {
                if let Some(words) = query {
                    state.query = words[i % words.len()].to_string();
                    state.stale = true;
                }
                let t = frame(ctx, Vec::new(), &mut |ui| {
                    let mut commands = Vec::new();
                    library_ui(
                        ui,
                        state,
                        collection,
                        &reading,
                        &mut sort,
                        &filters,
                        &mut commands,
                    );
                });
                if i >= 10 {
                    times[k].push(t);
                }
            }
        }
        let [mut a, mut b] = times;
        (median(&mut a), median(&mut b))
    };
    let (small_idle, big_idle) = cost(None);
    // Typing and correcting a word: later rounds find these queries remembered.
    let typing: &[&str] = &["k", "ka", "kal", "ka"];
    let (small_key, big_key) = cost(Some(typing));
    // A different word every keystroke, more than the library remembers: always a full search.
    let fresh: &[&str] = &[
        "ro", "mi", "ta", "ne", "lo", "vi", "sa", "du", "fe", "ra", "an", "el", "or", "is", "um",
        "en", "al", "ir", "ol", "mar", "tel", "von", "dri", "ses",
    ];
    let (small_fresh, big_fresh) = cost(Some(fresh));
    println!("library frame, 10 stories:        {small_idle:7.3} ms");
    println!(
        "library frame, 10,000 stories:    {big_idle:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        big_idle / small_idle
    );
    println!("typing a search, 10 stories:      {small_key:7.3} ms");
    println!(
        "typing a search, 10,000 stories:  {big_key:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        big_key / small_key
    );
    println!("a new word, 10 stories:           {small_fresh:7.3} ms");
    println!(
        "a new word, 10,000 stories:       {big_fresh:7.3} ms   ratio {:.2}x (no cache can help)",
        big_fresh / small_fresh
    );
}

fn typography() -> Typography {
    Typography {
        size: 19.0,
        line_height: 1.55,
        paragraph_gap: 0.75,
        column: 620.0,
        family: FontFamily::Proportional,
        heading_family: FontFamily::Proportional,
        justify: false,
        indent: false,
        spoiler_free: false,
        ink: egui::Color32::BLACK,
        faint: egui::Color32::GRAY,
        highlight: egui::Color32::YELLOW,
        current_highlight: egui::Color32::GOLD,
        link: egui::Color32::BLUE,
        show_notes: true,
    }
}

fn open(path: &Path) -> ReaderView {
    let bytes = read_bytes(path).unwrap_or_default();
    let story = Story::parse_file(path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    ReaderView::new(content_hash(&bytes), path.to_path_buf(), story, None)
}

fn reader(root: &Path) {
    let Some(huge) = huge_story(root) else {
        println!("frames bench: gen_library.py could not make the 50 MB story");
        return;
    };
    let Some(short) = story_near(&root.join("target/bench-library-10k"), 20_000) else {
        println!("frames bench: no 20 KB story in target/bench-library-10k");
        return;
    };
    let t = typography();
    // Frames of the two stories alternate, so both see the same load on a noisy machine.
    let scroll = |end: bool| {
        let (ctx_short, ctx_huge) = (Context::default(), Context::default());
        let (mut view_short, mut view_huge) = (open(&short), open(&huge));
        let (mut times_short, mut times_huge) = (Vec::new(), Vec::new());
        for i in 0..FRAMES * 3 + 5 {
            let key = match (end && i >= 5, i % 2) {
                (true, 0) => Key::End,
                (true, _) => Key::Home,
                (false, _) => Key::ArrowDown,
            };
            let press = || {
                vec![Event::Key {
                    key,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                }]
            };
            let a = frame(&ctx_short, press(), &mut |ui| {
                reader_ui(ui, &mut view_short, &t, false);
            });
            let b = frame(&ctx_huge, press(), &mut |ui| {
                reader_ui(ui, &mut view_huge, &t, false);
            });
            if i >= 5 {
                times_short.push(a);
                times_huge.push(b);
            }
        }
        (median(&mut times_short), median(&mut times_huge))
    };
    let (short_scroll, huge_scroll) = scroll(false);
    let (short_jump, huge_jump) = scroll(true);
    println!("reader scrolling, 20 KB story:    {short_scroll:7.3} ms");
    println!(
        "reader scrolling, 50 MB story:    {huge_scroll:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        huge_scroll / short_scroll
    );
    println!("jump to the end/start, 20 KB:     {short_jump:7.3} ms");
    println!(
        "jump to the end/start, 50 MB:     {huge_jump:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        huge_jump / short_jump
    );

    let mut opening: Vec<f64> = (0..3)
        .map(|_| {
            time(|| {
                let ctx = Context::default();
                let mut view = open(&huge);
                frame(&ctx, Vec::new(), &mut |ui| {
                    reader_ui(ui, &mut view, &t, false);
                });
            })
            .0
        })
        .collect();
    let mut wc: Vec<f64> = (0..3)
        .filter_map(|_| {
            run(Command::new("wc")
                .arg("-w")
                .arg(&huge)
                .env("LC_ALL", "C.UTF-8"))
        })
        .collect();
    let opening = median(&mut opening);
    println!("open 50 MB story (read, parse, first frame): {opening:.3} s");
    if !wc.is_empty() {
        let wc = median(&mut wc);
        println!(
            "wc -w over it:                               {wc:.3} s   ratio {:.2}x (goal < 3x)",
            opening / wc
        );
    }
}

fn huge_story(root: &Path) -> Option<PathBuf> {
    let dir = root.join("target/bench-huge");
    generated(&dir, 1, &["--count", "0", "--huge-mb", "50"]).ok()?;
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
}

/// The story in `dir` closest in size to `bytes`.
fn story_near(dir: &Path, bytes: u64) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .min_by_key(|(len, _)| len.abs_diff(bytes))
        .map(|(_, p)| p)
}

/// From "open this path" to the first frame with the story's text, as the app opens it.
fn first_frames(root: &Path) {
    let stories = [("20 KB", 20.0 / 1024.0), ("5 MB", 5.0), ("50 MB", 50.0)];
    let mut paths = Vec::new();
    for (label, mb) in stories {
        let dir = root.join(format!("target/bench-open-{}", label.replace(' ', "")));
        let args = ["--count", "0", "--huge-mb", &mb.to_string()];
        match generated(&dir, 1, &args)
            .ok()
            .and_then(|_| common::story_files(&dir).pop())
        {
            Some(path) => paths.push((label, path)),
            None => return println!("frames bench: gen_library.py could not make {label}"),
        }
    }
    let t = typography();
    // Opened from the library, the file's fingerprint is the index's (taken at scan time).
    let known: Vec<String> = (paths.iter())
        .map(|(_, p)| ficshelf::collection::content_hash(&std::fs::read(p).unwrap_or_default()))
        .collect();
    // Each story opened by path (fingerprint taken), then from the library (known).
    let mut times = vec![Vec::new(); paths.len() * 2];
    // Rounds of all, so each sees the same load on a noisy machine.
    for _ in 0..7 {
        for k in 0..paths.len() * 2 {
            let (path, hash) = (&paths[k % paths.len()].1, known[k % paths.len()].clone());
            let from_library = k >= paths.len();
            let ctx = Context::default();
            let (ms, mut view) = time(|| {
                let opened = if from_library {
                    ficshelf::app::opening::open_known(path, Some(hash))
                } else {
                    ficshelf::app::opening::open(path)
                };
                let opened = opened.unwrap_or_else(|e| panic!("{e}"));
                let mut view = opened.into_view(path, None);
                frame(&ctx, Vec::new(), &mut |ui| {
                    reader_ui(ui, &mut view, &t, false);
                });
                view
            });
            times[k].push(ms * 1000.0);
            // The rest is read before the next story opens, outside the timing.
            while view.follow_reading() == ficshelf::ui::reader::Reading::Going {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }
    let base = median(&mut times[0]);
    for k in 0..paths.len() * 2 {
        let label = paths[k % paths.len()].0;
        let how = if k >= paths.len() {
            "from the library"
        } else {
            "by path"
        };
        let ms = median(&mut times[k]);
        println!(
            "open to first story frame, {how:>16}, {label:>5}: {ms:7.1} ms   ratio {:.2}x to 20 KB by path (goal: 50 MB < 1.2x)",
            ms / base
        );
    }
}
