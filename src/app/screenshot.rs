//! `ficshelf --screenshot PATH.png`: renders a few frames of the real window, saves a PNG
//! of it and closes, for the README's pictures and a smoke test under Xvfb.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use egui::{ColorImage, ViewportCommand};

/// Frames drawn before the picture is taken, so fonts, layout and scroll have settled.
const SETTLE_FRAMES: u32 = 12;

const WAITING: u8 = 0;
const SAVED: u8 = 1;
const FAILED: u8 = 2;

/// A screenshot to take.
pub struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    state: Arc<AtomicU8>,
}

impl Screenshot {
    /// A screenshot to save at `path`.
    pub fn new(path: PathBuf) -> Screenshot {
        Screenshot {
            path,
            frames: 0,
            requested: false,
            state: Arc::new(AtomicU8::new(WAITING)),
        }
    }

    /// Called every frame: asks for the picture once settled, closes the window once saved.
    pub fn frame(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        ctx.request_repaint();
        match self.state.load(Ordering::Acquire) {
            WAITING if !self.requested && self.frames >= SETTLE_FRAMES => {
                self.requested = true;
                let (path, state) = (self.path.clone(), self.state.clone());
                ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                    move |image| {
                        let result = save_png(&path, &image);
                        if let Err(e) = &result {
                            eprintln!(
                                "ficshelf: could not save the screenshot {}: {e}",
                                path.display()
                            );
                        }
                        state.store(
                            if result.is_ok() { SAVED } else { FAILED },
                            Ordering::Release,
                        );
                    },
                )));
            }
            SAVED | FAILED => ctx.send_viewport_cmd(ViewportCommand::Close),
            _ => {}
        }
    }
}

/// Writes an image as PNG (atomically, like every file Ficshelf writes).
pub fn save_png(path: &Path, image: &ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let rgba: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
        writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    }
    crate::storage::write_atomic(path, &bytes).map_err(|e| e.to_string())
}
