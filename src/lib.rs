//! Ficshelf: a reader for plain-text fan fiction that knows what a header, a rating and a
//! warning are.
//!
//! The library holds everything that is not drawing: the story [`engine`], the
//! [`collection`] (stories on disk, reading state, import), [`paths`] and safe [`storage`],
//! the [`inspect`] report, and the one-window-per-user [`instance`] socket. Only [`app`]
//! and [`ui`] draw; the binary adds the command line.

#[cfg(feature = "gui")]
pub mod app;
pub mod collection;
pub mod desktop;
pub mod engine;
pub mod formats;
pub mod inspect;
pub mod instance;
pub mod paths;
pub mod settings;
pub mod storage;
#[cfg(test)]
mod testing;
#[cfg(feature = "gui")]
pub mod ui;
pub mod window_state;
