//! Lines and paragraphs, and the segments of a paragraph that sentences never cross.

use memchr::memchr2;

use super::lexicon::Lexicon;
use super::rules;
use super::{NewlineMode, SplitterOptions};
use crate::text::{trim_span, Span};

/// What the line scan reports, in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A segment: a span sentences never cross, trimmed (see [`Segmenter`]).
    Segment(Span),
    /// The paragraph that the segments since the last paragraph belong to has ended.
    ParagraphEnd(Span),
}

/// Scans `text` line by line and reports segments and paragraph ends, in one pass with
/// O(1) memory. A line ends at `\n`, `\r\n` or a lone `\r`; a paragraph is a run of
/// non-blank lines (white space only, non-breaking spaces included, is blank).
pub(crate) fn scan(text: &str, options: &SplitterOptions, lexicon: &Lexicon, mut f: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut segmenter = Segmenter::new(text, options, lexicon);
    let mut start = 0;
    while start <= bytes.len() {
        let (end, next) = match memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(offset) => {
                let end = start + offset;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                (end, end + 1 + usize::from(crlf))
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        let (line_start, line_end) = trim_span(bytes, start, end);
        if line_start == line_end {
            segmenter.end_paragraph(&mut f);
        } else {
            segmenter.line(Span::new(line_start, line_end), &mut f);
            if options.newline == NewlineMode::Paragraph {
                segmenter.end_paragraph(&mut f);
            }
        }
        start = next;
    }
    segmenter.end_paragraph(&mut f);
}

/// Groups the lines of a paragraph into segments, the pieces sentences never cross.
///
/// With [`NewlineMode::Sentence`] and [`NewlineMode::Paragraph`] every line is a
/// segment. With [`NewlineMode::Space`] lines join, except that a line opening a list
/// item or a link label starts a segment, a link-label line ends one, and (with the
/// `headlines` option) so does a headline-like line.
struct Segmenter<'a> {
    text: &'a str,
    options: &'a SplitterOptions,
    lexicon: &'a Lexicon,
    /// First byte of the current paragraph.
    paragraph_start: Option<usize>,
    /// First byte of the segment being built (space mode).
    segment_start: usize,
    /// The previous line of the paragraph.
    previous: Option<Span>,
}

impl<'a> Segmenter<'a> {
    fn new(text: &'a str, options: &'a SplitterOptions, lexicon: &'a Lexicon) -> Self {
        Segmenter {
            text,
            options,
            lexicon,
            paragraph_start: None,
            segment_start: 0,
            previous: None,
        }
    }

    fn line(&mut self, line: Span, f: &mut impl FnMut(Piece)) {
        self.paragraph_start.get_or_insert(line.start);
        if self.options.newline != NewlineMode::Space {
            f(Piece::Segment(line));
            self.previous = Some(line);
            return;
        }
        match self.previous {
            None => self.segment_start = line.start,
            Some(previous) if self.breaks_between(previous, line) => {
                f(Piece::Segment(Span::new(self.segment_start, previous.end)));
                self.segment_start = line.start;
            }
            Some(_) => {}
        }
        self.previous = Some(line);
    }

    fn end_paragraph(&mut self, f: &mut impl FnMut(Piece)) {
        let (Some(start), Some(last)) = (self.paragraph_start.take(), self.previous.take()) else {
            return;
        };
        if self.options.newline == NewlineMode::Space {
            f(Piece::Segment(Span::new(self.segment_start, last.end)));
        }
        f(Piece::ParagraphEnd(Span::new(start, last.end)));
    }

    /// In space mode: whether a segment ends between two consecutive lines.
    fn breaks_between(&self, line: Span, next: Span) -> bool {
        let line_text = line.as_str(self.text);
        let next_text = next.as_str(self.text);
        // A headline opens its paragraph or follows a finished sentence: a wrapped
        // line in mid-sentence ("... said President Vladimir" / "Putin on ...") is not one.
        let at_sentence_start =
            self.segment_start == line.start || ends_with_terminal(&self.text[..line.start]);
        let stands_alone = self.lexicon.starts_with_link_label(line_text)
            || (self.options.headlines && at_sentence_start && is_headline_like(line_text, next_text));
        stands_alone || self.lexicon.starts_with_link_label(next_text) || rules::opens_list_item(next_text)
    }
}

/// True when the last non-space character before the end of `before` is a
/// sentence-final mark, possibly followed by closing quotes or brackets.
fn ends_with_terminal(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
        .ends_with(['.', '?', '!', '…'])
}

/// Short function words that title case leaves in lower case.
const TITLE_CASE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over",
    "the", "to", "up", "vs", "with", "via", "is", "its",
];

/// Whether `word` (punctuation around it aside) is one of the short function words title
/// case leaves in lower case (`of`, `the`, `on`).
pub(crate) fn is_title_case_small_word(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    TITLE_CASE_SMALL_WORDS
        .iter()
        .any(|w| bare.eq_ignore_ascii_case(w))
}

/// A line that reads as a headline or byline: no terminal punctuation or trailing
/// comma, at least two words, and every word but short function words capitalised
/// (or the line in capitals), followed by a line that opens like a sentence.
pub(crate) fn is_headline_like(line: &str, next_line: &str) -> bool {
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if matches!(
        last,
        '.' | '?' | '!' | '…' | ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/'
    ) {
        return false;
    }
    let opens_like_sentence = next_line
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !opens_like_sentence {
        return false;
    }
    let mut words = 0;
    for word in line.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        words += 1;
        if !(first.is_uppercase() || first.is_numeric() || is_title_case_small_word(word)) {
            return false;
        }
    }
    words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str, newline: NewlineMode) -> Vec<(String, usize)> {
        let options = SplitterOptions {
            newline,
            ..Default::default()
        };
        let lexicon = Lexicon::new::<&str>(&[]);
        let mut out = Vec::new();
        let mut segments = 0;
        scan(text, &options, &lexicon, |piece| match piece {
            Piece::Segment(_) => segments += 1,
            Piece::ParagraphEnd(p) => {
                out.push((p.as_str(text).to_string(), segments));
                segments = 0;
            }
        });
        out
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "\u{a0}Title\r\n\r\nOne.\nTwo.\n \u{a0}\n\nThree.\rFour.  ";
        assert_eq!(
            paragraphs(text, NewlineMode::Sentence),
            [
                ("Title".into(), 1),
                ("One.\nTwo.".into(), 2),
                ("Three.\rFour.".into(), 2)
            ]
        );
        assert_eq!(paragraphs(text, NewlineMode::Paragraph).len(), 5);
        assert!(paragraphs(" \n\t\r\n\u{a0}", NewlineMode::Sentence).is_empty());
        assert!(paragraphs("", NewlineMode::Sentence).is_empty());
    }

    #[test]
    fn headline_like_lines() {
        assert!(is_headline_like(
            "Putin Tells Western Leaders: Let’s Bury Our Differences",
            "In a telegram"
        ));
        assert!(is_headline_like("By Maria Lopez", "GENEVA (Presswire) — The"));
        assert!(!is_headline_like("the talks would continue and", "Then"));
        assert!(!is_headline_like("He Said So.", "Then"));
        assert!(!is_headline_like("Russian President Vladimir", "putin said"));
        assert!(!is_headline_like("Headline", "Next"));
    }
}
