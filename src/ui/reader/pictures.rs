//! Pictures in the reader: an image block whose picture is inside the story's EPUB (or
//! beside its HTML page) is drawn, read and decoded on a thread when it first comes near
//! the screen, scaled down to fit the column, and shown at its own size when smaller. Until
//! it is in, and when it can't be (missing, damaged, too large, on the web), the block is a
//! framed placeholder with the picture's words.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{Color32, ColorImage, Context, Rect, TextureHandle, TextureOptions, Vec2};

/// A decoded picture's longest side is cut to this many pixels (a 6000-pixel scan would
/// cost 140 MB as a texture; the column is never that wide).
const MAX_SIDE: u32 = 2048;
/// Pictures larger than this many pixels before decoding are refused.
const MAX_PIXELS_SIDE: u32 = 16_384;
/// The most memory the decoder may take for one picture.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// At most this many pictures are read at once (a book of a thousand drawings asks for
/// the ones on screen first, a few at a time, not a thousand threads).
const MAX_IN_FLIGHT: usize = 4;

/// The pictures of the story open in the reader.
#[derive(Default)]
pub struct Pictures {
    state: RefCell<HashMap<usize, State>>,
    channel: Option<(Sender<Decoded>, Receiver<Decoded>)>,
    /// Pictures being read now.
    in_flight: Cell<usize>,
}

/// A picture's state, by story block.
enum State {
    Loading,
    Ready(TextureHandle),
    Failed,
}

/// What a thread sends back: the story block and its picture, or why not.
type Decoded = (usize, Result<ColorImage, String>);

impl Pictures {
    /// Starts reading block `block`'s picture `src` of the story at `path`, once.
    pub fn request(&self, ctx: &Context, path: &Path, block: usize, src: &str) {
        let Some((tx, _)) = &self.channel else {
            return;
        };
        let mut state = self.state.borrow_mut();
        if state.contains_key(&block) || self.in_flight.get() >= MAX_IN_FLIGHT {
            return; // asked again when next drawn
        }
        state.insert(block, State::Loading);
        self.in_flight.set(self.in_flight.get() + 1);
        let (tx, ctx, path, src) = (tx.clone(), ctx.clone(), path.to_path_buf(), src.to_string());
        let spawned = std::thread::Builder::new()
            .name("ficshelf-picture".into())
            .spawn(move || {
                // A decoder's panic on a hostile file is this picture's failure, not the
                // window's, and the count of pictures being read still goes down.
                let image = std::panic::catch_unwind(|| {
                    crate::formats::pictures::picture_bytes(&path, &src)
                        .map_err(|e| e.to_string())
                        .and_then(|bytes| decode(&bytes))
                })
                .unwrap_or_else(|_| Err("the picture could not be decoded".to_string()));
                let _ = tx.send((block, image));
                ctx.request_repaint();
            });
        if spawned.is_err() {
            state.insert(block, State::Failed);
            self.in_flight.set(self.in_flight.get() - 1);
        }
    }

    /// Takes in the pictures decoded since the last frame; returns their story blocks,
    /// whose heights change.
    pub fn poll(&mut self, ctx: &Context) -> Vec<usize> {
        let (_, rx) = self.channel.get_or_insert_with(channel);
        let mut changed = Vec::new();
        let state = self.state.get_mut();
        while let Ok((block, image)) = rx.try_recv() {
            self.in_flight.set(self.in_flight.get().saturating_sub(1));
            let new = match image {
                Ok(image) => State::Ready(ctx.load_texture(
                    format!("picture-{block}"),
                    image,
                    TextureOptions::LINEAR,
                )),
                Err(_) => State::Failed,
            };
            state.insert(block, new);
            changed.push(block);
        }
        changed
    }

    /// The size block `block`'s picture is drawn at in a column `width` wide with text of
    /// `text_size` points, once it is in.
    pub fn size(&self, block: usize, width: f32, text_size: f32) -> Option<Vec2> {
        let state = self.state.borrow();
        let State::Ready(texture) = state.get(&block)? else {
            return None;
        };
        // A pixel of the picture is a CSS pixel, as a browser shows it beside 16-pixel
        // text, scaled with the reader's text; never wider than the column nor taller
        // than one and a half columns.
        let [w, h] = texture.size().map(|n| n.max(1) as f32);
        let natural = Vec2::new(w, h) * (text_size / 16.0);
        let scale = (width / natural.x).min(width * 1.5 / natural.y).min(1.0);
        Some(natural * scale)
    }

    /// Draws block `block`'s picture in `rect`, if it is in.
    pub fn paint(&self, painter: &egui::Painter, block: usize, rect: Rect) -> bool {
        let state = self.state.borrow();
        let Some(State::Ready(texture)) = state.get(&block) else {
            return false;
        };
        let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        painter.image(texture.id(), rect, uv, Color32::WHITE);
        true
    }
}

/// Decodes a picture's bytes (PNG, JPEG, GIF, WebP; the first frame of an animation), with
/// limits on its size and the decoder's memory, its longest side cut to [`MAX_SIDE`].
fn decode(bytes: &[u8]) -> Result<ColorImage, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut picture = reader.decode().map_err(|e| e.to_string())?;
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.thumbnail(MAX_SIDE, MAX_SIDE);
    }
    let rgba = picture.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 30, 30, 255]));
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn pictures_decode_and_big_ones_are_cut_down() {
        let small = decode(&png(40, 20)).unwrap();
        assert_eq!(small.size, [40, 20]);
        let big = decode(&png(4096, 1024)).unwrap();
        assert_eq!(big.size, [2048, 512]);
        assert!(decode(b"not a picture").is_err());
    }
}
