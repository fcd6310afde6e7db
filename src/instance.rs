//! One window per user: the first start listens on a local socket, and a later
//! `ficshelf FILE...` hands its files to that window instead of opening a second one (two
//! windows would each keep, and save, their own copy of the reading state).
//!
//! The socket is named after the data folder, so a test or portable instance with its own
//! `--data-dir` runs its own window. It lives in the user's runtime folder
//! (`$XDG_RUNTIME_DIR/ficshelf`), or in the data folder where there is none, in a folder
//! only the user may enter. A socket left by a killed window answers no one and is
//! replaced. Files arrive in an [`Inbox`], which the window polls each frame.
//!
//! Unix only (a Unix-domain socket); elsewhere every start opens its own window.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{claim, send, socket_path};

/// What a start should do, found by asking the socket.
#[derive(Debug)]
pub enum Claim {
    /// A window was running and took the files: this start is done.
    HandedOff,
    /// No window was running: this start opens one, and later starts' files arrive here.
    Serve(Inbox),
    /// One window per user is not available on this platform: open a window.
    Alone,
}

/// Why the socket could not be used (the start then opens a window of its own).
#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    /// The private folder for the socket could not be made.
    #[error("the folder {path} could not be made private: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The socket could not be reached or opened.
    #[error("the socket {path} could not be used: {source}")]
    Socket {
        /// The socket.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// No window is listening on the socket.
    #[error("no Ficshelf window is running")]
    NoWindow,
    /// The running window answered, but not with a yes.
    #[error("the running window did not take the files: {0}")]
    Refused(String),
}

/// Something to call when files arrive: the window's repaint, so it wakes to open them.
type Waker = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

/// Files handed over by later starts, for the window to open.
pub struct Inbox {
    files: Receiver<Vec<PathBuf>>,
    waker: Waker,
    /// Removes the socket when the window is gone (a clean exit leaves nothing behind).
    _socket: Option<Box<dyn Send>>,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    /// Calls `wake` whenever files arrive (from the listening thread).
    pub fn wake_with(&self, wake: impl Fn() + Send + 'static) {
        if let Ok(mut waker) = self.waker.lock() {
            *waker = Some(Box::new(wake));
        }
    }

    /// The files of the latest start that sent any since the last call, if one did. An
    /// empty list means "come to the front" (a start with no files).
    pub fn take(&self) -> Option<Vec<PathBuf>> {
        let mut latest = None;
        loop {
            match self.files.try_recv() {
                Ok(files) => latest = Some(files),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return latest,
            }
        }
    }
}

/// Elsewhere than Unix there is no socket: every start opens its own window.
#[cfg(not(unix))]
pub fn claim(_socket: &std::path::Path, _files: &[PathBuf]) -> Result<Claim, InstanceError> {
    Ok(Claim::Alone)
}

/// Elsewhere than Unix there is no socket; this names where it would be.
#[cfg(not(unix))]
pub fn socket_path(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("window.sock")
}
