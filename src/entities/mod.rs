//! Entity matching: a [`Gazetteer`] of known entities (id, name, type, aliases, extra
//! fields) compiled into an [`EntityMatcher`] that finds their mentions.
//!
//! By default a mention is a whole-word, leftmost-longest, non-overlapping match,
//! insensitive to case (Unicode case folding), to typographic variants (`’` vs `'`,
//! `“` vs `"`, dashes) and to runs of white space; each of these is a
//! [`MatchOptions`] field. Spans are byte ranges of the original text, whatever the
//! folding did (see [`crate::text::normalize`]).
//!
//! ```
//! use std::sync::Arc;
//! use presswork::entities::{io, EntityMatcher, MatchOptions};
//! let gazetteer = io::read_jsonl(concat!(
//!     r#"{"id": "putin", "name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"]}"#, "\n",
//!     r#"{"id": "kremlin", "name": "Kremlin", "type": "ORG"}"#, "\n",
//! ).as_bytes()).unwrap();
//! let matcher = EntityMatcher::new(Arc::new(gazetteer), MatchOptions::default()).unwrap();
//! let text = "The Kremlin’s spokesman said PUTIN and Vladimir Putin are one man.";
//! let found: Vec<(&str, &str)> = matcher
//!     .find(text)
//!     .iter()
//!     .map(|m| (m.span.as_str(text), matcher.gazetteer().entity(matcher.candidates(m.pattern)[0]).id.as_str()))
//!     .collect();
//! assert_eq!(found, [("Kremlin", "kremlin"), ("PUTIN", "putin"), ("Vladimir Putin", "putin")]);
//! ```

mod block_words;
mod char_table;
mod gazetteer;
pub mod io;
mod matcher;
mod trie;
mod walk;
mod word_filter;

#[cfg(test)]
mod tests;

pub use gazetteer::{
    Entity, EntityIndex, EntityRecord, ErrorKind, Extra, Gazetteer, GazetteerBuilder, GazetteerError,
    RowNumbering,
};
pub use matcher::{BuildError, EntityMatcher, MatchOptions, Mention, PatternIndex};
