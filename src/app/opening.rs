//! Opening a story file for the reader: a big plain-text story shows its first chunk at once
//! while a thread reads the whole (see [`crate::engine::opening`] and the reader's
//! [`crate::ui::reader::Rest`]); anything else is read whole, in place, before it shows.

use std::path::Path;
use std::sync::mpsc;

use crate::collection::{ContentHash, content_hash};
use crate::engine::{ReadError, Story, opening, read_bytes};
use crate::ui::reader::{ReaderView, Rest};

/// A story file opened for the reader.
pub struct Opened {
    /// The story, or its first chunk while `rest` reads the whole.
    pub story: Story,
    /// The file's fingerprint.
    pub hash: ContentHash,
    /// The whole story, being read.
    pub rest: Option<Rest>,
}

impl Opened {
    /// The reader's view of it, at the saved `place` (once the whole story is in, if that
    /// place lies beyond the first chunk).
    pub fn into_view(
        self,
        path: &Path,
        place: Option<crate::collection::reading::Place>,
    ) -> ReaderView {
        let path = path.to_path_buf();
        match self.rest {
            Some(rest) => ReaderView::reading(self.hash, path, self.story, place, rest),
            None => ReaderView::new(self.hash, path, self.story, place),
        }
    }
}

/// Opens the story at `path`: its first screen now, the rest beside the window.
pub fn open(path: &Path) -> Result<Opened, ReadError> {
    let bytes = read_bytes(path)?;
    let hash = content_hash(&bytes);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first =
        opening::first_chunk(&bytes, &name).map(|chunk| Story::parse_text_file(path, chunk));
    let Some(Ok(first)) = first else {
        // Small, not cuttable, or a first chunk that can't be read: the whole file decides.
        let story = opening::read_owned(path, bytes)?;
        return Ok(Opened {
            story,
            hash,
            rest: None,
        });
    };
    let (send, rest) = mpsc::channel();
    let whole_path = path.to_path_buf();
    let reader = std::thread::Builder::new()
        .name("ficshelf-open".into())
        .spawn(move || {
            let whole = opening::read_owned(&whole_path, bytes).map_err(|e| e.to_string());
            let _ = send.send(whole); // the reader may have moved on to another story
        });
    match reader {
        Ok(_) => Ok(Opened {
            story: first,
            hash,
            rest: Some(rest),
        }),
        // No thread to be had: read the file again, here.
        Err(_) => Ok(Opened {
            story: Story::read(path)?,
            hash,
            rest: None,
        }),
    }
}
