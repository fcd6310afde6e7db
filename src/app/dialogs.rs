//! Native file dialogs (rfd) on a thread of their own, so the window keeps drawing while a
//! dialog is open; the answer arrives over a channel. Where the system has no dialog
//! backend (no xdg-desktop-portal, no zenity), rfd answers at once with nothing: that is
//! told apart from a cancel by how fast it came, and reported instead of silently ignored.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::collection;

/// An answer sooner than this is the system saying it has no dialog, not a person.
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(250);

/// What the user wanted a dialog for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Files to import.
    Import,
    /// A new collection folder.
    CollectionFolder,
    /// A font file to read in.
    Font,
    /// Where to export marks: the story open's (`false`) or all of them (`true`).
    ExportMarks(bool),
}

/// A dialog in flight.
pub struct Dialog {
    /// What it is for.
    pub purpose: Purpose,
    started: Instant,
    answer: Receiver<Option<Vec<PathBuf>>>,
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Still open.
    Pending,
    /// The user chose these.
    Chosen(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown on this system.
    Unavailable,
}

impl Dialog {
    /// Shows the dialog for `purpose`; `wake` is called when it closes.
    pub fn open(purpose: Purpose, wake: impl Fn() + Send + 'static) -> Dialog {
        let (tx, answer) = channel();
        std::thread::spawn(move || {
            let chosen = match purpose {
                Purpose::Import => pollster::block_on(
                    rfd::AsyncFileDialog::new()
                        .set_title("Import stories")
                        .add_filter("Stories (text, EPUB, HTML)", collection::STORY_EXTENSIONS)
                        .add_filter("All files", &["*"])
                        .pick_files(),
                )
                .map(|files| files.into_iter().map(|f| f.path().to_path_buf()).collect()),
                Purpose::Font => pollster::block_on(
                    rfd::AsyncFileDialog::new()
                        .set_title("Choose a font")
                        .add_filter("Fonts", &["ttf", "otf", "ttc"])
                        .pick_file(),
                )
                .map(|f| vec![f.path().to_path_buf()]),
                Purpose::ExportMarks(all) => pollster::block_on(
                    rfd::AsyncFileDialog::new()
                        .set_title(if all {
                            "Export all marks"
                        } else {
                            "Export marks"
                        })
                        .set_file_name("marks.md")
                        .add_filter("Markdown", &["md"])
                        .add_filter("JSON", &["json"])
                        .save_file(),
                )
                .map(|f| vec![f.path().to_path_buf()]),
                Purpose::CollectionFolder => pollster::block_on(
                    rfd::AsyncFileDialog::new()
                        .set_title("Choose your collection folder")
                        .pick_folder(),
                )
                .map(|f| vec![f.path().to_path_buf()]),
            };
            let _ = tx.send(chosen); // the app may have closed meanwhile
            wake();
        });
        Dialog {
            purpose,
            started: Instant::now(),
            answer,
        }
    }

    /// Checks for the answer without waiting.
    pub fn poll(&self) -> Answer {
        match self.answer.try_recv() {
            Err(TryRecvError::Empty) => Answer::Pending,
            Err(TryRecvError::Disconnected) => Answer::Unavailable,
            Ok(Some(paths)) if !paths.is_empty() => Answer::Chosen(paths),
            Ok(_) if self.started.elapsed() < TOO_FAST_FOR_A_PERSON => Answer::Unavailable,
            Ok(_) => Answer::Cancelled,
        }
    }
}

/// What to tell the user when no dialog can be shown.
pub const UNAVAILABLE: &str = "No file dialog is available on this system (Ficshelf uses xdg-desktop-portal or zenity). \
You can drop story files onto the window, or open them with `ficshelf FILE…`.";
