//! Facet counts at 10,000 works (issue 14): the library frame with the filter sidebar,
//! headless (egui run + tessellate at 1280x800), at 10,000 stories against 10, idle and on
//! a facet click (the list filtered again and every facet counted again in that frame);
//! goal: under 1.5x. Also the time to group series and multi-file works and to index the
//! facet values once per collection, against the cold index of the same collection as the
//! README gives it.
//!
//! The collection is made in memory, not on disk: `gen_library.py` (in ../shared/tools,
//! not ours to change) writes no fandoms, relationships, characters, tags or series, so
//! every card here is a parsed sample header with those fields drawn with realistic skew:
//! a few huge fandoms and a long tail (Zipf), 2,000 authors, 3,000 tags, 15% of works in
//! series of 2 to 6 parts.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use common::median;
use egui::{Context, RawInput, Rect, Ui, Vec2};
use ficshelf::collection::filter::Filters;
use ficshelf::collection::filter::facets::{Facet, FacetIndex, Mark};
use ficshelf::collection::reading::{ReadingLog, ReadingState};
use ficshelf::collection::series::SeriesIndex;
use ficshelf::collection::{Collection, Entry, SortKey, StoryMeta, works};
use ficshelf::engine::{RatingLevel, SeriesPart, Story};
use ficshelf::ui::library::{LibraryState, facets_ui, library_ui};

const FRAMES: usize = 60;
const STORIES: usize = 10_000;

/// A small deterministic generator (xorshift), so every run draws the same collection.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Zipf-like: rank r is drawn with weight about 1/(r+1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }
}

fn collection(count: usize) -> Collection {
    let header = "Title: X\nAuthor: Y\nRating: T\nWarnings: None\n\nA story.\n";
    let template = Story::parse_file(std::path::Path::new("x.txt"), header.as_bytes())
        .map(|s| StoryMeta::of(&s))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut draw = Draw(0x9e37_79b9_7f4a_7c15);
    let mut series_left = 0;
    let mut series_name = String::new();
    let mut series_pos = 0;
    let entries = (0..count)
        .map(|i| {
            let mut meta = template.clone();
            meta.title = format!(
                "Story {i} of the {} tide",
                ["spring", "neap", "king"][i % 3]
            );
            meta.author = Some(format!("author{}", draw.zipf(2_000)));
            meta.rating = RatingLevel::ALL[draw.below(5)];
            meta.words = 500 + draw.zipf(200_000);
            meta.complete = Some(draw.below(10) < 7);
            let m = &mut meta.metadata;
            let fandom = draw.zipf(300);
            m.fandoms = vec![format!("Fandom {fandom}")];
            if draw.below(10) == 0 {
                m.fandoms.push(format!("Fandom {}", draw.zipf(300)));
            }
            m.relationships = (0..draw.below(4))
                .map(|_| {
                    format!(
                        "Name {fandom}-{}/Name {fandom}-{}",
                        draw.zipf(30),
                        draw.zipf(30)
                    )
                })
                .collect();
            m.characters = (0..2 + draw.below(5))
                .map(|_| format!("Name {fandom}-{}", draw.zipf(40)))
                .collect();
            m.tags = (0..3 + draw.below(10))
                .map(|_| format!("Tag {}", draw.zipf(3_000)))
                .collect();
            m.categories = vec![["F/M", "M/M", "F/F", "Gen", "Multi"][draw.below(5)].into()];
            m.language = Some(if draw.below(20) == 0 { "de" } else { "en" }.into());
            if series_left == 0 && draw.below(100) < 4 {
                series_left = 2 + draw.below(5);
                series_name = format!("Series {i}");
                series_pos = 0;
            }
            if series_left > 0 {
                series_left -= 1;
                series_pos += 1;
                m.series = vec![SeriesPart {
                    name: series_name.clone(),
                    position: Some(series_pos),
                }];
            }
            let hash = format!("{i:032x}");
            Entry::from_parts(PathBuf::from(format!("s/{i}.txt")), meta, hash, 10_000, 0)
        })
        .collect();
    Collection {
        root: PathBuf::from("s"),
        entries,
        ..Default::default()
    }
}

/// Runs one frame; returns its cost in milliseconds.
fn frame(ctx: &Context, ui_fn: &mut dyn FnMut(&mut Ui)) -> f64 {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(
            egui::Pos2::ZERO,
            Vec2::new(1280.0, 800.0),
        )),
        ..RawInput::default()
    };
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| ui_fn(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed().as_secs_f64() * 1000.0
}

/// What each frame does to the chosen facets.
#[derive(Clone, Copy, PartialEq)]
enum Click {
    /// Nothing: an idle frame.
    None,
    /// Include the biggest fandom, then let it go (back to the whole collection).
    Toggle,
    /// Exclude a different tag each frame (nearly the whole collection, counted anew).
    Exclude,
}

/// One library with its sidebar, drawn frame after frame as `click` says.
struct Pane<'a> {
    collection: &'a Collection,
    click: Click,
    reading: ReadingState,
    ctx: Context,
    state: LibraryState,
    filters: Filters,
    frames: usize,
}

impl<'a> Pane<'a> {
    fn new(collection: &'a Collection, click: Click) -> Self {
        let mut state = LibraryState::new();
        state.group_series = true;
        state.set_facets_open(true);
        Pane {
            collection,
            click,
            reading: ReadingState::in_memory(ReadingLog::default()),
            ctx: Context::default(),
            state,
            filters: Filters::default(),
            frames: 0,
        }
    }

    /// Clicks as told and draws one frame; returns its cost in milliseconds.
    fn frame(&mut self) -> f64 {
        let (i, state, filters) = (self.frames, &mut self.state, &mut self.filters);
        self.frames += 1;
        match self.click {
            Click::None => {}
            Click::Toggle => {
                let mark = if i % 2 == 0 {
                    Mark::Included
                } else {
                    Mark::Off
                };
                filters.facets.set(Facet::Fandom, "Fandom 0", mark);
                state.stale = true;
            }
            Click::Exclude => {
                filters.facets = Default::default();
                let tag = format!("Tag {}", 100 + i % 2_000);
                filters.facets.set(Facet::Tag, &tag, Mark::Excluded);
                state.stale = true;
            }
        }
        let (collection, reading) = (self.collection, &self.reading);
        frame(&self.ctx, &mut |ui| {
            let mut commands = Vec::new();
            let mut sort = SortKey::Title;
            egui::Panel::left("library").show(ui, |ui| {
                library_ui(
                    ui,
                    state,
                    collection,
                    reading,
                    &mut sort,
                    filters,
                    &mut commands,
                );
            });
            egui::Panel::left("facets").show(ui, |ui| {
                facets_ui(ui, state, filters);
            });
        })
    }
}

/// The median frames of the small and the big library, clicking as `click` says: their
/// frames taken in turn, so a busy moment on this shared machine weighs on both alike.
fn cost(small: &Collection, big: &Collection, click: Click) -> (f64, f64) {
    let (mut a, mut b) = (Pane::new(small, click), Pane::new(big, click));
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..FRAMES * 2 + 20 {
        let (x, y) = (a.frame(), b.frame());
        if i >= 20 {
            ta.push(x);
            tb.push(y);
        }
    }
    (median(&mut ta), median(&mut tb))
}

/// The median time to list again and count after a click, without drawing.
fn refresh_cost(collection: &Collection, click: Click) -> f64 {
    let reading = ReadingState::in_memory(ReadingLog::default());
    let mut state = LibraryState::new();
    state.group_series = true;
    state.set_facets_open(true);
    let mut filters = Filters::default();
    let mut times = Vec::new();
    for i in 0..FRAMES + 5 {
        if click == Click::Toggle {
            let mark = if i % 2 == 0 {
                Mark::Included
            } else {
                Mark::Off
            };
            filters.facets.set(Facet::Fandom, "Fandom 0", mark);
        } else {
            filters.facets = Default::default();
            let tag = format!("Tag {}", 100 + i % 2_000);
            filters.facets.set(Facet::Tag, &tag, Mark::Excluded);
        }
        state.stale = true;
        let start = Instant::now();
        state.refresh(
            collection,
            reading.log(),
            reading.lists(),
            SortKey::Title,
            &filters,
        );
        if i >= 5 {
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    median(&mut times)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let big = collection(STORIES);
    // A focused loop for a profiler: `FACETS_PROFILE=exclude` (or `toggle`) runs only that
    // click's 10,000-story frames (10 with `FACETS_SMALL=1`), many times, and prints
    // nothing; `FACETS_PROFILE=refresh` lists and counts after exclude clicks, undrawn.
    if let Ok(what) = std::env::var("FACETS_PROFILE") {
        if what == "refresh" {
            let reading = ReadingState::in_memory(ReadingLog::default());
            let mut state = LibraryState::new();
            state.group_series = true;
            state.set_facets_open(true);
            let mut filters = Filters::default();
            // The sections the drawn sidebar has open on an exclude click.
            state.sidebar.open = [Facet::Status, Facet::Fandom, Facet::Tag].into();
            for i in 0..100_000 {
                filters.facets = Default::default();
                let tag = format!("Tag {}", 100 + i % 2_000);
                filters.facets.set(Facet::Tag, &tag, Mark::Excluded);
                state.stale = true;
                state.refresh(
                    &big,
                    reading.log(),
                    reading.lists(),
                    SortKey::Title,
                    &filters,
                );
            }
            return;
        }
        let click = match what.as_str() {
            "toggle" => Click::Toggle,
            _ => Click::Exclude,
        };
        let small = Collection {
            entries: big.entries[..10].to_vec(),
            ..big.clone()
        };
        let which = match std::env::var("FACETS_SMALL") {
            Ok(_) => &small,
            Err(_) => &big,
        };
        let mut pane = Pane::new(which, click);
        for _ in 0..5_000 {
            std::hint::black_box(pane.frame());
        }
        return;
    }
    let small = Collection {
        entries: big.entries[..10].to_vec(),
        ..big.clone()
    };
    let (small_idle, big_idle) = cost(&small, &big, Click::None);
    let (small_click, big_click) = cost(&small, &big, Click::Toggle);
    let (small_ex, big_ex) = cost(&small, &big, Click::Exclude);
    println!("library + sidebar frame, 10 stories:       {small_idle:7.3} ms");
    println!(
        "library + sidebar frame, 10,000 stories:   {big_idle:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        big_idle / small_idle
    );
    println!("include / let go a fandom, 10 stories:   {small_click:7.3} ms");
    println!(
        "include / let go a fandom, 10,000:        {big_click:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        big_click / small_click
    );
    println!("a new tag excluded each frame, 10 stories: {small_ex:7.3} ms");
    println!(
        "a new tag excluded each frame, 10,000:    {big_ex:7.3} ms   ratio {:.2}x (goal < 1.5x)",
        big_ex / small_ex
    );
    for (name, c) in [("10", &small), ("10,000", &big)] {
        println!(
            "  of which listing and counting, {name} stories: {:7.3} ms (include / let go), {:7.3} ms (exclude)",
            refresh_cost(c, Click::Toggle),
            refresh_cost(c, Click::Exclude)
        );
    }
    let (mut group, mut multi) = (Vec::new(), Vec::new());
    let mut facet_index = Vec::new();
    for _ in 0..9 {
        let start = Instant::now();
        std::hint::black_box(SeriesIndex::build(&big.entries));
        group.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        std::hint::black_box(works::works(&big.entries));
        multi.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        std::hint::black_box(FacetIndex::build(&big.entries));
        facet_index.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "series grouped, 10,000 stories:           {:7.3} ms",
        median(&mut group)
    );
    println!(
        "multi-file works grouped, 10,000 stories: {:7.3} ms",
        median(&mut multi)
    );
    println!(
        "facet values indexed, 10,000 stories:     {:7.3} ms",
        median(&mut facet_index)
    );
}
