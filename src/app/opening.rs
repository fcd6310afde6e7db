//! Opening a story file for the reader: a big plain-text story shows its first chunk at once
//! while a thread reads the whole (see [`crate::engine::opening`] and the reader's
//! [`crate::ui::reader::Rest`]); anything else is read whole, in place, before it shows.
//! For a big story only its first 256 KB are read before the first frame: the thread reads
//! the whole file and takes its fingerprint (which keys the saved place, the marks and the
//! story in the collection) from the same bytes, so the first frame waits for neither.

use std::io::Read as _;
use std::path::Path;
use std::sync::mpsc;

use crate::collection::reading::Place;
use crate::collection::{ContentHash, content_hash};
use crate::engine::opening::{FIRST_CHUNK_BYTES, head_chunk, read_owned};
use crate::engine::{MAX_STORY_BYTES, ReadError, Story, read_bytes};
use crate::ui::reader::{ReaderView, Rest, START_ANYWAY};

/// A story file opened for the reader.
pub struct Opened {
    /// The story, or its first chunk while `rest` reads the whole.
    pub story: Story,
    /// The file's fingerprint; for a big story, the one the collection's index knows, or
    /// `None` until `rest` takes it with the whole story.
    pub hash: Option<ContentHash>,
    /// The whole story, being read.
    pub rest: Option<Rest>,
}

impl Opened {
    /// The reader's view of it, at the saved `place` (see [`ReaderView::reading`] for a big
    /// story being read).
    pub fn into_view(self, path: &Path, place: Option<Place>) -> ReaderView {
        let path = path.to_path_buf();
        match (self.rest, self.hash) {
            (Some(rest), hash) => ReaderView::reading(path, self.story, rest, (hash, place)),
            (None, hash) => ReaderView::new(hash.unwrap_or_default(), path, self.story, place),
        }
    }
}

/// Opens the story at `path`: its first screen now, the rest beside the window.
pub fn open(path: &Path) -> Result<Opened, ReadError> {
    open_known(path, None)
}

/// As [`open`], with the file's fingerprint when the collection's index already knows it
/// (the file unchanged since it was indexed): a big story's first screen then costs its
/// first chunk only, not a pass over the whole file.
pub fn open_known(path: &Path, known: Option<ContentHash>) -> Result<Opened, ReadError> {
    let big = std::fs::metadata(path).is_ok_and(|m| {
        m.is_file() && m.len() > 2 * FIRST_CHUNK_BYTES as u64 && m.len() <= MAX_STORY_BYTES
    });
    if big && let Some((first, rest)) = first_screen(path, &head(path)?) {
        return Ok(Opened {
            story: first,
            hash: known,
            rest: Some(rest),
        });
    }
    // Small, not cuttable, or a first chunk that can't be read: the whole file decides.
    let bytes = read_bytes(path)?;
    let hash = content_hash(&bytes);
    let story = read_owned(path, bytes)?;
    Ok(Opened {
        story,
        hash: Some(hash),
        rest: None,
    })
}

/// The first chunk's story, and the whole story being read on a thread.
fn first_screen(path: &Path, head: &[u8]) -> Option<(Story, Rest)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Read as the whole will be (its marked emphasis too), so that the two agree.
    let first = crate::formats::read(path, head_chunk(head, &name)?).ok()?;
    let (send, whole) = mpsc::channel();
    let (start, started) = mpsc::channel();
    let whole_path = path.to_path_buf();
    std::thread::Builder::new()
        .name("ficshelf-open".into())
        .spawn(move || {
            // Not while the first screen is drawn: on two cores it would slow it down.
            let _ = started.recv_timeout(START_ANYWAY);
            let whole = read_bytes(&whole_path)
                .and_then(|bytes| {
                    let hash = content_hash(&bytes);
                    Ok((hash, read_owned(&whole_path, bytes)?))
                })
                .map_err(|e| e.to_string());
            let _ = send.send(whole); // the reader may have moved on to another story
        })
        .ok()?; // no thread to be had: the file is read whole, here
    Some((first, Rest::new(whole, start)))
}

/// The file's first [`FIRST_CHUNK_BYTES`] (fewer if it is shorter).
fn head(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut head = Vec::with_capacity(FIRST_CHUNK_BYTES);
    file.take(FIRST_CHUNK_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_story_opens_on_its_first_chunk_and_its_fingerprint_comes_with_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        let mut text = String::from("Title: Long\nAuthor: Jo\n\n\n");
        while text.len() < 3 * FIRST_CHUNK_BYTES + 12_345 {
            text.push_str("The road went on and on, and the lanterns with it.\n\n");
        }
        std::fs::write(&path, &text).unwrap();
        let opened = open(&path).unwrap();
        assert_eq!(opened.hash, None, "not taken before the first screen");
        assert!(opened.story.document.full_text().len() < FIRST_CHUNK_BYTES);
        let rest = opened.rest.expect("the rest is read");
        rest.start.expect("not started yet").send(()).unwrap();
        let (hash, whole) = rest.whole.recv().unwrap().unwrap();
        assert_eq!(hash, content_hash(text.as_bytes()), "the whole file's");
        assert_eq!(whole, Story::read(&path).unwrap());

        let short = dir.path().join("short.txt");
        std::fs::write(&short, "Title: Short\n\nA line.\n").unwrap();
        let opened = open(&short).unwrap();
        assert!(opened.rest.is_none());
        assert_eq!(
            opened.hash,
            Some(content_hash(b"Title: Short\n\nA line.\n"))
        );

        // A fingerprint the index knows is taken as it is, and the first chunk is the same.
        let known = open_known(&path, Some("known".into())).unwrap();
        assert_eq!(known.hash.as_deref(), Some("known"));
        let first = open(&path).unwrap().story;
        assert_eq!(known.story, first);
    }
}
