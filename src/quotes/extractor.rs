//! The quote extractor: every layer of [`crate::quotes`] run over a document, with the
//! speakers linked to a gazetteer's entities when an [`EntityMatcher`] is given.
//!
//! ```
//! use presswork::quotes::{QuoteExtractor, QuoteKind, Resolution};
//! let extractor = QuoteExtractor::default();
//! let text = "Foreign Minister Sergei Lavrov spoke on Monday. \
//!             “We stand with France,” he told reporters.";
//! let quotes = extractor.extract(text);
//! assert_eq!(quotes[0].content.as_str(text), "We stand with France,");
//! assert_eq!(quotes[0].kind, QuoteKind::Statement);
//! assert_eq!(quotes[0].mention.map(|s| s.as_str(text)), Some("he"));
//! assert_eq!(quotes[0].speaker.map(|s| s.as_str(text)), Some("Sergei Lavrov"));
//! assert_eq!(quotes[0].how, Resolution::Pronoun);
//! ```

use std::sync::Arc;

use rayon::prelude::*;

use super::cues::{cues_of, sentence_window, CuePattern};
use super::kinds::{quote_kind, QuoteKind};
use super::quoted_spans;
use super::speakers::{attribute, Resolution};
use crate::entities::{EntityIndex, EntityMatcher, Mention};
use crate::split::{Split, Splitter, SplitterOptions};
use crate::text::Span;

/// One quote of a document, with its speaker. Spans are byte spans of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quote {
    /// What is quoted, without the marks (to the end of the paragraph when the quote is
    /// never closed).
    pub content: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quote runs to the end of its paragraph.
    pub close: Option<Span>,
    /// Statement, partial quote or title.
    pub kind: QuoteKind,
    /// Index of the paragraph the quote opens in.
    pub paragraph: usize,
    /// Index (in the document) of the sentence the quote opens in.
    pub sentence: usize,
    /// How many quotes this one is inside (0 unless nested quotes are kept).
    pub depth: usize,
    /// True when it continues the unclosed quote of the paragraph before.
    pub continues: bool,
    /// How the cue stands to the quote; `None` when no cue was found.
    pub cue: Option<CuePattern>,
    /// The reporting verb of the cue (`said`, `wrote`).
    pub verb: Option<Span>,
    /// The speaker mention as written in the cue (`he`, `the spokeswoman`, `Volk`).
    pub mention: Option<Span>,
    /// The mention the speaker was resolved to: the first full mention of the person
    /// (`Irina Volk`).
    pub speaker: Option<Span>,
    /// How the speaker was found.
    pub how: Resolution,
    /// The gazetteer entity of the speaker, when a matcher was given and it names one
    /// (and only one) entity.
    pub entity: Option<EntityIndex>,
}

/// Finds the quotes of news documents and their speakers.
///
/// Cheap to share between threads: batches run in parallel with rayon.
#[derive(Clone, Debug)]
pub struct QuoteExtractor {
    splitter: Splitter,
    matcher: Option<Arc<EntityMatcher>>,
    nested: bool,
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new(Splitter::new(SplitterOptions::default()), None)
    }
}

impl QuoteExtractor {
    /// An extractor splitting with `splitter` and linking speakers with `matcher`.
    pub fn new(splitter: Splitter, matcher: Option<Arc<EntityMatcher>>) -> QuoteExtractor {
        QuoteExtractor {
            splitter,
            matcher,
            nested: false,
        }
    }

    /// Whether quotes inside quotes are reported too (off by default: a quote within a
    /// statement is the speaker's words, not a quote of its own).
    pub fn with_nested(mut self, nested: bool) -> QuoteExtractor {
        self.nested = nested;
        self
    }

    /// The splitter.
    pub fn splitter(&self) -> &Splitter {
        &self.splitter
    }

    /// The matcher, if one was given.
    pub fn matcher(&self) -> Option<&Arc<EntityMatcher>> {
        self.matcher.as_ref()
    }

    /// Whether nested quotes are reported.
    pub fn nested(&self) -> bool {
        self.nested
    }

    /// The quotes of `text`, in document order.
    pub fn extract(&self, text: &str) -> Vec<Quote> {
        let split = self.splitter.split(text);
        let mentions = self.matcher.as_ref().map(|m| m.find(text));
        self.extract_split(text, &split, mentions.as_deref())
    }

    /// The quotes of `text` already split (and its gazetteer mentions already found,
    /// in document order, when the extractor has a matcher): for a pipeline that needs
    /// the split and the mentions anyway.
    pub fn extract_split(&self, text: &str, split: &Split, mentions: Option<&[Mention]>) -> Vec<Quote> {
        let sentences: Vec<Span> = split.sentences.iter().map(|s| s.span).collect();
        let quoted = quoted_spans(text, &split.paragraphs);
        let windows: Vec<Span> = quoted.iter().map(|q| sentence_window(&sentences, q)).collect();
        let cues = cues_of(text, &quoted, &windows, &sentences);
        let kinds: Vec<QuoteKind> = quoted
            .iter()
            .zip(&windows)
            .map(|(q, w)| quote_kind(text, q, *w))
            .collect();
        let who = attribute(text, &quoted, &windows, &cues, &kinds);
        let linker = self
            .matcher
            .as_deref()
            .zip(mentions)
            .map(|(matcher, mentions)| Linker { matcher, mentions });
        let mut quotes = Vec::with_capacity(quoted.len());
        for (i, q) in quoted.iter().enumerate() {
            if q.depth > 0 && !self.nested {
                continue;
            }
            let attribution = who[i];
            let entity = linker
                .as_ref()
                .and_then(|l| attribution.speaker.and_then(|s| l.entity(s)))
                .or_else(|| {
                    let l = linker.as_ref()?;
                    attribution
                        .speaker
                        .and(attribution.mention)
                        .and_then(|m| l.entity(m))
                });
            quotes.push(Quote {
                content: q.inner,
                open: q.open,
                close: q.close,
                kind: kinds[i],
                paragraph: q.paragraph,
                sentence: sentences
                    .partition_point(|s| s.end <= q.open.start)
                    .min(sentences.len().saturating_sub(1)),
                depth: q.depth,
                continues: q.continues,
                // A title, headline or slogan has no speaker, so no cue either.
                cue: cues[i]
                    .filter(|_| kinds[i] != QuoteKind::Title)
                    .map(|c| c.pattern),
                verb: cues[i]
                    .filter(|_| kinds[i] != QuoteKind::Title)
                    .and_then(|c| c.verb),
                mention: attribution.mention,
                speaker: attribution.speaker,
                how: attribution.how,
                entity,
            });
        }
        quotes
    }

    /// The quotes of many documents, found in parallel; results in input order.
    pub fn extract_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<Quote>> {
        texts.par_iter().map(|text| self.extract(text.as_ref())).collect()
    }
}

/// Links a speaker span to the gazetteer mention that overlaps it.
struct Linker<'a> {
    matcher: &'a EntityMatcher,
    mentions: &'a [Mention],
}

impl Linker<'_> {
    /// The one entity of the longest mention overlapping `span`, if any.
    fn entity(&self, span: Span) -> Option<EntityIndex> {
        let first = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .max_by_key(|m| m.span.len())
            .and_then(|m| match self.matcher.candidates(m.pattern) {
                [one] => Some(*one),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::person_matcher as matcher;

    #[test]
    fn speakers_link_to_one_entity_whatever_alias_the_text_uses() {
        let matcher = matcher(&[
            ("Vladimir Putin", &["Putin", "President Putin"]),
            ("Dmitry Peskov", &["Peskov"]),
        ]);
        let extractor = QuoteExtractor::new(Splitter::new(SplitterOptions::default()), Some(matcher.clone()));
        let text = "\"We will respond,\" President Putin said.\n\n\"No comment,\" said Kremlin spokesman \
                    Dmitry Peskov.\n\nLater Putin added: \"It is a tragedy.\" \"Who said so?\" asked Ivan Ivanov.";
        let names: Vec<Option<&str>> = extractor
            .extract(text)
            .iter()
            .map(|q| q.entity.map(|e| matcher.gazetteer().entity(e).name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                Some("Vladimir Putin"),
                Some("Dmitry Peskov"),
                Some("Vladimir Putin"),
                None
            ]
        );
    }

    #[test]
    fn a_split_document_gives_the_same_quotes_and_batches_keep_order() {
        let extractor = QuoteExtractor::default();
        let texts = [
            "Spokeswoman Irina Volk spoke. “No one was hurt,” she said. “We are checking.”",
            "",
            "« C'est la guerre », a dit Hollande. \"Unclosed",
        ];
        let batch = extractor.extract_batch(&texts);
        for (text, quotes) in texts.iter().zip(&batch) {
            let split = extractor.splitter().split(text);
            assert_eq!(&extractor.extract_split(text, &split, None), quotes);
            assert_eq!(&extractor.extract(text), quotes);
        }
        assert_eq!(batch[0].len(), 2);
        assert_eq!(batch[0][1].how, Resolution::Continuation);
        assert!(batch[1].is_empty());
        assert_eq!(batch[2].last().map(|q| q.close), Some(None));
    }

    #[test]
    fn nested_quotes_only_on_request() {
        let text = "\"He told me 'never again' twice,\" she said.";
        assert_eq!(QuoteExtractor::default().extract(text).len(), 1);
        let nested = QuoteExtractor::default().with_nested(true).extract(text);
        assert_eq!(nested.iter().map(|q| q.depth).collect::<Vec<_>>(), [0, 1]);
    }
}
