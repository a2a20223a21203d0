//! Quotes: who said what in news text.
//!
//! [`QuoteExtractor`] runs every layer over a document and links the speakers to a
//! gazetteer's entities when it has an [`crate::entities::EntityMatcher`]. The layers:
//! where the quotes are (this module and [`marks`]); the reporting verbs ([`verbs`]); the
//! cue of each quote, the verb and the speaker mention as written ([`cues`]); what each
//! quote is, a statement, a partial quote or a title ([`kinds`]); and who said it, from a
//! discourse state of the persons and organisations named so far ([`speakers`], with
//! [`gender`]). Every layer reads a bounded stretch of text per quote or reads each
//! stretch once, so time is linear on any input.
//!
//! Marks ([`marks`]) pair within a paragraph, never across the document, so one stray
//! mark costs at most the rest of its paragraph:
//!
//! * a closer closes the nearest open quote of its family (double or single, whatever
//!   the style: `“hideous"` pairs), and any quote opened inside it that was left open;
//! * a straight mark with words on both sides closes an open quote of its family, or
//!   opens one;
//! * a double quote still open at the end of its paragraph ends there
//!   ([`QuotedSpan::close`] is `None`); if the next paragraph opens with a double mark,
//!   its quote continues this one ([`QuotedSpan::continues`]), the news convention for
//!   a quote of several paragraphs;
//! * a single quote still open at the end of its paragraph is dropped: a lone `‘` or
//!   `'` is more often an apostrophe or a typo than a quote that runs on.
//!
//! Each paragraph is read once, with a stack of open marks in which each mark knows the
//! open mark of its family below it (so the nearest open quote of a family is one step
//! away, however many of the other family lie above it): time is linear in the text on
//! any input.
//!
//! ```
//! use presswork::quotes::quoted_spans;
//! use presswork::text::Span;
//! let text = "“We stand with France,” he said. Let’s see.";
//! let quotes = quoted_spans(text, &[Span::new(0, text.len())]);
//! assert_eq!(quotes.len(), 1);
//! assert_eq!(quotes[0].inner.as_str(text), "We stand with France,");
//! ```

pub mod cues;
mod extractor;
pub mod gender;
mod keys;
pub mod kinds;
pub mod marks;
mod roles;
pub mod speakers;
pub mod verbs;
mod words;

use std::sync::OnceLock;

pub use cues::CuePattern;
pub use extractor::{Quote, QuoteExtractor};
pub use kinds::QuoteKind;
pub use speakers::Resolution;

use crate::split::lexicon::Lexicon;
use crate::text::Span;
use marks::{Family, Mark, Role};

/// A quoted span: its marks and what lies between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuotedSpan {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quote runs to the end of its paragraph.
    pub close: Option<Span>,
    /// What is quoted: from after the opening mark to before the closing one (or to
    /// the end of the paragraph).
    pub inner: Span,
    /// Double or single marks.
    pub family: Family,
    /// Index of the paragraph (in the list given).
    pub paragraph: usize,
    /// How many quotes this one is inside.
    pub depth: usize,
    /// True when it continues the unclosed quote of the paragraph before.
    pub continues: bool,
}

/// The quoted spans of `text`, whose paragraphs (byte spans, in order, as
/// [`crate::split::Splitter::paragraphs`] gives them) are `paragraphs`; in order of
/// their opening marks.
pub fn quoted_spans(text: &str, paragraphs: &[Span]) -> Vec<QuotedSpan> {
    let mut quotes = Vec::new();
    let mut open_before = false;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let first = quotes.len();
        let open_at_end = pair_paragraph(text, *paragraph, index, &mut quotes);
        // The paragraph's quotes in order of their opening marks (they were found in
        // order of their closing ones).
        quotes[first..].sort_by_key(|q: &QuotedSpan| q.open.start);
        if open_before {
            if let Some(q) = quotes[first..].first_mut() {
                if q.family == Family::Double && q.open.start == paragraph.start {
                    q.continues = true;
                }
            }
        }
        open_before = open_at_end;
    }
    quotes
}

/// Pairs the marks of one paragraph into `out`; returns whether a double quote was left
/// open at its end.
fn pair_paragraph(text: &str, paragraph: Span, index: usize, out: &mut Vec<QuotedSpan>) -> bool {
    // Open marks, each with the stack index of the open mark of its family below it,
    // and the index of the top-most open mark of each family: the nearest open mark of
    // a family is found in one step, however many of the other family lie above it.
    let mut stack: Vec<(Mark, Option<usize>)> = Vec::new();
    let mut last: [Option<usize>; 2] = [None, None];
    let slot = |family: Family| match family {
        Family::Double => 0,
        Family::Single => 1,
    };
    for mark in marks::marks(text, paragraph.start, paragraph.end) {
        let nearest = last[slot(mark.family)];
        let closes = match mark.role {
            Role::Close | Role::Either | Role::CloseOrApostrophe => true,
            // `“` closes an open `„`, `‘` an open `‚`.
            Role::Open => {
                mark.low_closer && nearest.is_some_and(|i| text[stack[i].0.at..].starts_with(['„', '‚']))
            }
        };
        match nearest.filter(|_| closes) {
            Some(opener) => {
                let open = stack[opener].0;
                // Marks opened inside this quote and left open are dropped; each mark
                // is pushed and popped once, so pairing is linear.
                for (popped, below) in stack.drain(opener..).rev() {
                    last[slot(popped.family)] = below;
                }
                out.push(QuotedSpan {
                    open: Span::new(open.at, open.at + open.len),
                    close: Some(Span::new(mark.at, mark.at + mark.len)),
                    inner: Span::new(open.at + open.len, mark.at),
                    family: mark.family,
                    paragraph: index,
                    depth: stack.len(),
                    continues: false,
                });
            }
            // A closer with nothing of its family open, or an apostrophe: no quote.
            None if !matches!(mark.role, Role::Open | Role::Either) => {}
            None => {
                let below = last[slot(mark.family)];
                last[slot(mark.family)] = Some(stack.len());
                stack.push((mark, below));
            }
        }
    }
    // The outermost double quote left open runs to the end of the paragraph.
    let Some(depth) = stack.iter().position(|(m, _)| m.family == Family::Double) else {
        return false;
    };
    let open = stack[depth].0;
    out.push(QuotedSpan {
        open: Span::new(open.at, open.at + open.len),
        close: None,
        inner: Span::new(open.at + open.len, paragraph.end),
        family: Family::Double,
        paragraph: index,
        depth,
        continues: false,
    });
    true
}

/// The link labels of the splitter's lexicon (`Also read`, `Recommended`, …), which
/// open lines whose quotes are titles.
fn link_labels() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new::<&str>(&[]))
}

#[cfg(test)]
mod tests;
