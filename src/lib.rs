//! # presswork
//!
//! News text to tidy tables. This crate is the pure-Rust core of the `presswork`
//! Python package; it has no Python in it and is usable on its own.
//!
//! * [`text`]: byte spans, white space, and byte → code-point offsets;
//! * [`split`]: paragraphs and sentences of news text;
//! * [`entities`]: a gazetteer of known entities and the matcher that finds them;
//! * [`quotes`]: quoted spans, their cues, kinds and speakers, linked to the gazetteer;
//! * [`pipeline`]: the three over one document or many, with repeated and boilerplate
//!   paragraphs flagged.
//!
//! Every engine reads the original text and returns byte spans into it.
//!
//! ```
//! use presswork::split::Splitter;
//! let splitter = Splitter::new(Default::default());
//! let text = "Gen. Smith arrived at 9 a.m. Friday. He left.";
//! let sentences: Vec<&str> =
//!     splitter.sentences(text).iter().map(|s| s.span.as_str(text)).collect();
//! assert_eq!(sentences, ["Gen. Smith arrived at 9 a.m. Friday.", "He left."]);
//! ```
#![deny(missing_docs)]

pub mod entities;
pub mod pipeline;
pub mod quotes;
pub mod split;
pub mod text;

#[cfg(test)]
mod test_support;

#[cfg(feature = "python")]
mod python;
