//! The three engines over one document in one pass, and over many in parallel.
//!
//! [`Pipeline::analyze`] splits a document, finds its gazetteer mentions (when the
//! pipeline has a matcher) and its quotes, and returns an [`Analysis`]: plain vectors
//! of byte spans into the text as given, plus what the tables of an analysis need on
//! top — the sentence each mention is in, the mentions inside each quote, and flags on
//! the paragraphs that are boilerplate ([`boilerplate_paragraph`]) or repeat an earlier
//! one ([`repeated_paragraphs`]). Flagged paragraphs are kept, never cut out: a user
//! filters them, and every offset still slices the original text.
//!
//! ```
//! use presswork::pipeline::Pipeline;
//! let pipeline = Pipeline::default();
//! let text = "\"We will help,\" Putin said.\n\nPlease enter your comment!\n\n\"We will help,\" Putin said.";
//! let analysis = pipeline.analyze(text);
//! assert_eq!(analysis.split.paragraphs.len(), 3);
//! assert_eq!(analysis.quotes.len(), 2);
//! // The second copy of the quote is in a repeated paragraph: count it once.
//! assert_eq!(analysis.counted_quotes().count(), 1);
//! assert!(analysis.paragraphs[1].boilerplate.is_some());
//! ```

mod boilerplate;
mod repeats;

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::entities::{EntityMatcher, Mention};
use crate::quotes::{Quote, QuoteExtractor};
use crate::split::{Split, Splitter};
use crate::text::Span;

pub use boilerplate::{boilerplate_line, boilerplate_paragraph, Boilerplate};
pub use repeats::repeated_paragraphs;

/// The splitter, the entity matcher (optional) and the quote extractor, run together.
/// Cheap to share between threads.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    quotes: QuoteExtractor,
}

/// What the pipeline says of a paragraph beyond its span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParagraphFlags {
    /// The earlier paragraph this one repeats word for word, if it does.
    pub repeat_of: Option<usize>,
    /// The kind of page furniture it is, if it is some.
    pub boilerplate: Option<Boilerplate>,
}

impl ParagraphFlags {
    /// Whether the paragraph's quotes and mentions count in an analysis: it neither
    /// repeats an earlier paragraph nor is boilerplate.
    pub fn counts(self) -> bool {
        self.repeat_of.is_none() && self.boilerplate.is_none()
    }
}

/// The analysis of one document: spans are bytes of its text, everything in document
/// order.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Paragraphs and sentences.
    pub split: Split,
    /// Flags of each paragraph (as many as `split.paragraphs`).
    pub paragraphs: Vec<ParagraphFlags>,
    /// Gazetteer mentions (none without a matcher), by start.
    pub mentions: Vec<Mention>,
    /// The sentence each mention is in (as many as `mentions`).
    pub mention_sentences: Vec<usize>,
    /// Quotes and their speakers.
    pub quotes: Vec<Quote>,
    /// The mentions inside each quote's text, as a range of `mentions` (as many as
    /// `quotes`).
    pub quote_mentions: Vec<Range<usize>>,
}

impl Analysis {
    /// The flags of the paragraph `paragraph`.
    pub fn flags(&self, paragraph: usize) -> ParagraphFlags {
        self.paragraphs.get(paragraph).copied().unwrap_or_default()
    }

    /// The paragraph of mention `index`.
    pub fn mention_paragraph(&self, index: usize) -> usize {
        self.split
            .sentences
            .get(self.mention_sentences[index])
            .map_or(0, |s| s.paragraph)
    }

    /// The quotes that count in an analysis: those of paragraphs that neither repeat
    /// an earlier one nor are boilerplate.
    pub fn counted_quotes(&self) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(|q| self.flags(q.paragraph).counts())
    }
}

impl Pipeline {
    /// A pipeline of `splitter` and, when given, `matcher` (whose entities speakers are
    /// linked to).
    pub fn new(splitter: Splitter, matcher: Option<Arc<EntityMatcher>>) -> Pipeline {
        Pipeline::from_extractor(QuoteExtractor::new(splitter, matcher))
    }

    /// A pipeline around a configured quote extractor (its splitter and matcher are the
    /// pipeline's).
    pub fn from_extractor(quotes: QuoteExtractor) -> Pipeline {
        Pipeline { quotes }
    }

    /// The splitter.
    pub fn splitter(&self) -> &Splitter {
        self.quotes.splitter()
    }

    /// The entity matcher, if the pipeline has one.
    pub fn matcher(&self) -> Option<&Arc<EntityMatcher>> {
        self.quotes.matcher()
    }

    /// The quote extractor.
    pub fn extractor(&self) -> &QuoteExtractor {
        &self.quotes
    }

    /// The analysis of `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let mut analysis = Analysis::default();
        self.analyze_into(text, &mut analysis);
        analysis
    }

    /// The analysis of `text` into `out` (its vectors cleared and reused, so a loop over
    /// documents allocates little).
    pub fn analyze_into(&self, text: &str, out: &mut Analysis) {
        self.splitter().split_into(text, &mut out.split);
        let paragraphs = &out.split.paragraphs;
        let repeats = repeated_paragraphs(text, paragraphs);
        out.paragraphs.clear();
        out.paragraphs.extend(
            paragraphs
                .iter()
                .zip(repeats)
                .map(|(&span, repeat_of)| ParagraphFlags {
                    repeat_of,
                    boilerplate: boilerplate_paragraph(text, span),
                }),
        );
        out.mentions.clear();
        if let Some(matcher) = self.matcher() {
            matcher.find_into(text, &mut out.mentions);
            if matcher.options().overlapping {
                // Overlapping matches come by their ends; the tables want starts.
                out.mentions.sort_by_key(|m| (m.span.start, m.span.end));
            }
        }
        let mentions = self.matcher().map(|_| &out.mentions[..]);
        out.quotes = self.quotes.extract_split(text, &out.split, mentions);
        out.mention_sentences.clear();
        let sentences = &out.split.sentences;
        out.mention_sentences.extend(out.mentions.iter().map(|m| {
            sentences
                .partition_point(|s| s.span.end <= m.span.start)
                .min(sentences.len().saturating_sub(1))
        }));
        out.quote_mentions.clear();
        out.quote_mentions
            .extend(out.quotes.iter().map(|q| inside(&out.mentions, q.content)));
    }

    /// The analyses of many documents, in parallel; results in input order.
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        texts.par_iter().map(|text| self.analyze(text.as_ref())).collect()
    }
}

/// The range of `mentions` (sorted by start) that lie wholly inside `span`.
fn inside(mentions: &[Mention], span: Span) -> Range<usize> {
    let first = mentions.partition_point(|m| m.span.start < span.start);
    let end = first + mentions[first..].partition_point(|m| m.span.start < span.end);
    // Drop a mention that starts inside and runs past the end (and any after it).
    let end = first
        + mentions[first..end]
            .iter()
            .take_while(|m| m.span.end <= span.end)
            .count();
    first..end
}

#[cfg(test)]
mod tests;
