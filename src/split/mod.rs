//! Splitting news text into paragraphs and sentences.
//!
//! A paragraph is a run of non-blank lines; blank lines (white space only, including
//! non-breaking spaces) separate paragraphs. What a single line break inside a
//! paragraph means is an option ([`NewlineMode`]). Inside the pieces that lines give,
//! sentence ends are found by rules that look at the terminal mark, the word before
//! it and the word after it (see `rules.rs`, and the word lists in `data/`).
//!
//! Every span is a byte range into the text given, trimmed of white space; no
//! non-white-space character falls outside the sentences. Work is one forward pass:
//! time is linear in the text on any input, and memory beyond the output is O(1).
//!
//! ```
//! use presswork::split::{Splitter, SplitterOptions};
//! let text = "U.S. President Barack Obama spoke on Nov. 13. \"It is an attack on all of \
//!             humanity,\" he said.\n\nDr. J. K. Smith agreed.";
//! let splitter = Splitter::new(SplitterOptions::default());
//! let split = splitter.split(text);
//! let sentences: Vec<&str> = split.sentences.iter().map(|s| s.span.as_str(text)).collect();
//! assert_eq!(sentences, [
//!     "U.S. President Barack Obama spoke on Nov. 13.",
//!     "\"It is an attack on all of humanity,\" he said.",
//!     "Dr. J. K. Smith agreed.",
//! ]);
//! assert_eq!(split.sentences[2].paragraph, 1);
//! ```

pub(crate) mod lexicon;
mod lines;
mod rules;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;

use crate::text::Span;
use lexicon::Lexicon;
pub(crate) use lines::is_title_case_small_word;

/// What a single line break inside a paragraph means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NewlineMode {
    /// A line break ends the sentence; the paragraph goes on (scraped news, where
    /// headlines, bylines and link lines sit on lines of their own).
    #[default]
    Sentence,
    /// Every line is a paragraph of its own.
    Paragraph,
    /// A line break is a space (hard-wrapped text). Lines that open a list item or
    /// a link label, and headline-like lines, still stand alone.
    Space,
}

impl NewlineMode {
    /// The option's name, as [`FromStr`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            NewlineMode::Sentence => "sentence",
            NewlineMode::Paragraph => "paragraph",
            NewlineMode::Space => "space",
        }
    }
}

impl fmt::Display for NewlineMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a newline mode name that is not `sentence`, `paragraph` or `space`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownNewlineMode(pub String);

impl fmt::Display for UnknownNewlineMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown newline mode {:?}: expected \"sentence\", \"paragraph\" or \"space\"",
            self.0
        )
    }
}

impl std::error::Error for UnknownNewlineMode {}

impl FromStr for NewlineMode {
    type Err = UnknownNewlineMode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sentence" => Ok(NewlineMode::Sentence),
            "paragraph" => Ok(NewlineMode::Paragraph),
            "space" => Ok(NewlineMode::Space),
            other => Err(UnknownNewlineMode(other.to_string())),
        }
    }
}

/// Options of a [`Splitter`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitterOptions {
    /// Abbreviations beyond the built-in lists, without their final period. A period
    /// after one ends a sentence only before a typical sentence opener.
    pub abbreviations: Vec<String>,
    /// What a single line break inside a paragraph means.
    pub newline: NewlineMode,
    /// In [`NewlineMode::Space`], let headline-like lines (no terminal punctuation,
    /// title case) stand alone.
    pub headlines: bool,
}

impl Default for SplitterOptions {
    fn default() -> Self {
        SplitterOptions {
            abbreviations: Vec::new(),
            newline: NewlineMode::Sentence,
            headlines: true,
        }
    }
}

/// A sentence: its byte span and the index of the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// Byte span, trimmed of white space.
    pub span: Span,
    /// Index of the paragraph (in [`Split::paragraphs`]).
    pub paragraph: usize,
}

/// Paragraphs and sentences of one document, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// Paragraph byte spans, trimmed of white space.
    pub paragraphs: Vec<Span>,
    /// Sentences, each inside its paragraph.
    pub sentences: Vec<Sentence>,
}

/// Splits documents into paragraphs and sentences. Cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Splitter {
    options: SplitterOptions,
    lexicon: Lexicon,
}

impl Splitter {
    /// A splitter with `options`.
    pub fn new(options: SplitterOptions) -> Splitter {
        let lexicon = Lexicon::new(&options.abbreviations);
        Splitter { options, lexicon }
    }

    /// The options this splitter was built with.
    pub fn options(&self) -> &SplitterOptions {
        &self.options
    }

    /// Paragraphs and sentences of `text`.
    pub fn split(&self, text: &str) -> Split {
        let mut split = Split::default();
        self.split_into(text, &mut split);
        split
    }

    /// Like [`Splitter::split`], but reuses the vectors of `out` (cleared first).
    pub fn split_into(&self, text: &str, out: &mut Split) {
        out.paragraphs.clear();
        out.sentences.clear();
        let Split {
            paragraphs,
            sentences,
        } = out;
        lines::scan(text, &self.options, &self.lexicon, |piece| match piece {
            lines::Piece::Segment(segment) => {
                let paragraph = paragraphs.len();
                rules::split_segment(text, segment, &self.lexicon, &mut |span| {
                    sentences.push(Sentence { span, paragraph });
                });
            }
            lines::Piece::ParagraphEnd(span) => paragraphs.push(span),
        });
    }

    /// Sentences of `text`.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        self.split(text).sentences
    }

    /// Paragraphs of `text` (without finding sentences).
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        let mut paragraphs = Vec::new();
        lines::scan(text, &self.options, &self.lexicon, |piece| {
            if let lines::Piece::ParagraphEnd(span) = piece {
                paragraphs.push(span);
            }
        });
        paragraphs
    }

    /// Splits many documents in parallel (rayon); results are in input order.
    pub fn split_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Split> {
        texts.par_iter().map(|text| self.split(text.as_ref())).collect()
    }
}

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<super::Splitter>();
        assert_send_sync::<super::Split>();
        assert_send_sync::<super::SplitterOptions>();
    }
}
