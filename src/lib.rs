//! Ficshelf: a reader for plain-text fan fiction that knows what a header, a rating and a
//! warning are.
//!
//! The library holds everything that is not drawing: the story [`engine`] and the
//! [`inspect`] report. The binary adds the command line (and, later, the window).

pub mod engine;
pub mod inspect;
