//! Lines and paragraphs, and the segments of a paragraph that sentences never cross.

use memchr::memchr2;

use super::lexicon::Lexicon;
use super::rules;
use super::{NewlineMode, SplitterOptions};
use crate::text::{trim_span, Span};

/// Calls `f(paragraph, lines)` for every paragraph of `text`, where `lines` are the
/// paragraph's non-blank lines, trimmed. A line ends at `\n`, `\r\n` or a lone `\r`.
/// `buffer` is scratch space reused across paragraphs.
pub(crate) fn for_each_paragraph(
    text: &str,
    mode: NewlineMode,
    buffer: &mut Vec<Span>,
    mut f: impl FnMut(Span, &[Span]),
) {
    let bytes = text.as_bytes();
    buffer.clear();
    let mut flush = |buffer: &mut Vec<Span>| {
        if let (Some(first), Some(last)) = (buffer.first(), buffer.last()) {
            f(Span::new(first.start, last.end), buffer);
        }
        buffer.clear();
    };
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
            flush(buffer);
        } else {
            buffer.push(Span::new(line_start, line_end));
            if mode == NewlineMode::Paragraph {
                flush(buffer);
            }
        }
        start = next;
    }
    flush(buffer);
}

/// Calls `f(segment)` for the pieces of a paragraph that sentences never cross.
///
/// With [`NewlineMode::Sentence`] and [`NewlineMode::Paragraph`] every line is a
/// segment. With [`NewlineMode::Space`] lines join, except that a line opening a list
/// item or a link label starts a segment, a link-label line ends one, and (with the
/// `headlines` option) so does a headline-like line.
pub(crate) fn for_each_segment(
    text: &str,
    lines: &[Span],
    options: &SplitterOptions,
    lexicon: &Lexicon,
    mut f: impl FnMut(Span),
) {
    if options.newline != NewlineMode::Space {
        lines.iter().copied().for_each(f);
        return;
    }
    let mut segment_start = lines[0].start;
    for pair in lines.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        let line_text = line.as_str(text);
        let next_text = next.as_str(text);
        // A headline opens its paragraph or follows a finished sentence: a wrapped
        // line in mid-sentence ("... said President Vladimir" / "Putin on ...") is not one.
        let at_sentence_start = segment_start == line.start || ends_with_terminal(&text[..line.start]);
        let stands_alone = lexicon.starts_with_link_label(line_text)
            || (options.headlines && at_sentence_start && is_headline_like(line_text, next_text));
        let opens_unit = lexicon.starts_with_link_label(next_text) || rules::opens_list_item(next_text);
        if stands_alone || opens_unit {
            f(Span::new(segment_start, line.end));
            segment_start = next.start;
        }
    }
    f(Span::new(segment_start, lines[lines.len() - 1].end));
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
        let small = TITLE_CASE_SMALL_WORDS.iter().any(|w| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case(w)
        });
        if !(first.is_uppercase() || first.is_numeric() || small) {
            return false;
        }
    }
    words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str, mode: NewlineMode) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut buffer = Vec::new();
        for_each_paragraph(text, mode, &mut buffer, |p, lines| {
            out.push((p.as_str(text).to_string(), lines.len()))
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
