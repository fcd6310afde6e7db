//! A big story opens on its first chunk (see [`crate::engine::opening`]) while the rest is
//! read beside the window, with the file's fingerprint. Until they arrive the reader shows
//! the chunk's title page and first screens, keeps no place (the chunk knows neither the
//! story's length nor its end, and the fingerprint that keys the place is not known) and the
//! bars say "reading…"; then the whole reading takes the chunk's place, with the heights
//! already measured carried over, so the text under the reader's eyes does not move. The
//! saved place, looked up by the app under the fingerprint, is jumped to then, once.

use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use super::{Heights, Jump, ReaderView};
use crate::collection::ContentHash;
use crate::collection::reading::Place;
use crate::engine::Story;

/// The whole story being read beside the window.
pub struct Rest {
    /// The file's fingerprint and the whole story, or why they could not be read.
    pub whole: Receiver<Result<(ContentHash, Story), String>>,
    /// Told when the first screen is on show: the reading waits for it (or for
    /// [`START_ANYWAY`]), so that it does not compete with the first frame.
    pub start: Option<Sender<()>>,
    /// A frame has been drawn since the story opened.
    drawn: bool,
}

/// How long the reading of the rest waits for the first screen at most.
pub const START_ANYWAY: std::time::Duration = std::time::Duration::from_secs(2);

impl Rest {
    /// The reading `whole`, to be started through `start`.
    pub fn new(whole: Receiver<Result<(ContentHash, Story), String>>, start: Sender<()>) -> Rest {
        Rest {
            whole,
            start: Some(start),
            drawn: false,
        }
    }
}

/// Where the reading of the rest stands, after a look.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Still reading.
    Going,
    /// The whole story is in (or was from the start).
    Done,
    /// The whole story and its fingerprint, unknown till now, have just come in (the view's
    /// `hash` is set): the app looks up the saved place ([`ReaderView::go_to_saved`]).
    Arrived(ContentHash),
    /// The rest could not be read; the first chunk stays.
    Failed(String),
}

/// The reading the chunk's view is replaced by, waiting for the next frame's layout.
pub(super) struct Replaced {
    story: Story,
    heights: Heights,
}

impl ReaderView {
    /// Opens the first chunk of a story whose rest is being read. With its fingerprint
    /// known (`hash`, from the collection's index), `place` is the saved one: a place inside
    /// the chunk (short of its last tenth, whose blocks may yet change) is gone to at once,
    /// one further when the whole story is in. Without it, the view starts at the start and
    /// the app looks the place up when the fingerprint arrives ([`Reading::Arrived`]).
    pub fn reading(
        path: std::path::PathBuf,
        first: Story,
        rest: Rest,
        (hash, place): (Option<ContentHash>, Option<Place>),
    ) -> ReaderView {
        let known = first.document.blocks().len() * 9 / 10;
        let (now, later) = match place {
            Some(p) if p.block <= known => (Some(p), None),
            other => (None, other),
        };
        let mut view = ReaderView::new(ContentHash::new(), path, first, now);
        view.hash = hash;
        view.rest = Some(rest);
        view.waiting_place = later;
        view
    }

    /// Goes to the saved place once the whole story is in (call on [`Reading::Arrived`]).
    pub fn go_to_saved(&mut self, place: Option<Place>) {
        if let Some(place) = place {
            self.jump = Some(Jump::Place(place));
        }
    }

    /// True while the rest of the story is being read.
    pub fn is_reading(&self) -> bool {
        self.rest.is_some()
    }

    /// Takes in the whole story if it has been read; call once a frame.
    pub fn follow_reading(&mut self) -> Reading {
        let Some(rest) = &mut self.rest else {
            return Reading::Done;
        };
        // The frame before this one showed the first screen: the rest may be read now.
        if rest.drawn
            && let Some(start) = rest.start.take()
        {
            let _ = start.send(()); // gone: the reading is under way or over
        }
        let whole = match rest.whole.try_recv() {
            Err(TryRecvError::Empty) => return Reading::Going,
            Ok(whole) => whole,
            Err(TryRecvError::Disconnected) => Err("the reading stopped".to_string()),
        };
        self.rest = None;
        match whole {
            Ok((hash, story)) => {
                self.take_whole(story);
                match self.hash {
                    Some(_) => Reading::Done, // the index's, for the same file unchanged
                    None => {
                        self.hash = Some(hash.clone());
                        Reading::Arrived(hash)
                    }
                }
            }
            Err(e) => {
                self.waiting_place = None;
                Reading::Failed(e)
            }
        }
    }

    /// Puts the whole story in the chunk's place, to be laid out next frame at the same
    /// place (or the saved one it was waiting for).
    fn take_whole(&mut self, story: Story) {
        let first = std::mem::replace(&mut self.story, story);
        let heights = std::mem::take(&mut self.heights);
        self.replaced = Some(Box::new(Replaced {
            story: first,
            heights,
        }));
        self.layout_key = None;
        let place = self.waiting_place.take().unwrap_or(self.place);
        self.jump = Some(Jump::Place(place));
        // The marks are found again in the whole text (the chunk held only the first).
        self.marks.read_at = None;
        // Find starts over on the whole text (it searched nothing while reading).
        let (open, query) = (self.find.open, std::mem::take(&mut self.find.query));
        self.find = super::Find::default();
        (self.find.open, self.find.query) = (open, query);
    }

    /// Notes that a frame of the first screen has been drawn.
    pub(super) fn drawn(&mut self) {
        if let Some(rest) = &mut self.rest {
            rest.drawn = true;
        }
    }

    /// After the whole story's heights are estimated: the chunk's measured heights, for the
    /// blocks that are the same in both readings, so that nothing on screen moves.
    pub(super) fn carry_heights(&mut self) {
        let Some(old) = self.replaced.take() else {
            return;
        };
        let (a, b) = (&old.story.document, &self.story.document);
        for (k, (x, y)) in a.blocks().iter().zip(b.blocks()).enumerate() {
            let i = k + 1;
            if old.heights.is_measured(i) && x.kind == y.kind && a.text(x) == b.text(y) {
                self.heights.measure(i, old.heights.get(i));
            }
        }
    }
}
