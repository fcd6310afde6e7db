//! The app in an egui_kittest harness with folders of its own.

use std::path::Path;

use egui_kittest::Harness;
use ficshelf::app::{FicshelfApp, Launch};
use ficshelf::paths::AppDirs;

/// An empty folder for one test's config and data, removed when dropped.
pub fn fresh_root(name: &str) -> super::TestDir {
    super::TestDir::named(name)
}

/// The app at `size`, started with `launch`, with its folders under `root`, a few frames in.
pub fn harness(root: &Path, launch: Launch, size: egui::Vec2) -> Harness<'static, FicshelfApp> {
    let dirs = AppDirs::under(root);
    // kittest runs a frame per input event; at a real frame time two clicks are a double-click.
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| FicshelfApp::start(&cc.egui_ctx, dirs, launch));
    // A first start scans the collection beside the window: wait for it, in real time.
    let start = std::time::Instant::now();
    while harness.state().is_scanning() && start.elapsed() < std::time::Duration::from_secs(10) {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!harness.state().is_scanning(), "the first scan finished");
    harness.run_steps(3);
    harness
}

/// The message at the top of the window, or "".
pub fn notice(h: &Harness<'_, FicshelfApp>) -> String {
    h.state()
        .notice()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}
