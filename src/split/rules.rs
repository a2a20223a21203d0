//! Sentence ends inside one segment (a line, or joined lines of wrapped text).
//!
//! One forward pass over the bytes. A sentence may end at a terminal mark — a run of
//! `.`, `?`, `!`, `…` (and spaced `. . .`) plus the closing quotes and brackets after
//! it — followed by white space. Whether it does depends on three things:
//!
//! * the mark: `?` and `!` end a sentence unless a lower-case word follows; a
//!   three-dot ellipsis ends one only before a capital (and never when spaced, which
//!   marks an omission); four dots are an ellipsis plus a period;
//! * for a period, the word before it: a title (`Dr.`), a month or `No.` before a
//!   number, an initial (`J.`), an abbreviation that may end a sentence (`U.S.`,
//!   `Inc.`, `etc.`), `a.m.`/`p.m.`, or a plain word (see `data/abbreviations.txt`);
//! * the word after it: lower case, capitalised, a sentence opener (`The`, `He`,
//!   `However`: `data/openers.txt`), a number, or an opening quote.
//!
//! Besides terminal marks, a bullet (`•`) and the next item of an enumerated list
//! (`1.)` … `2.)`, `a.` … `b.`) start a new sentence.

use memchr::{memchr, memchr3};

use super::lexicon::{AbbreviationKind, Lexicon};
use crate::text::space::{decode_at, decode_before};
use crate::text::{space_len_at, space_len_before, trim_span, Span};

/// Bytes that may start something the scan must look at: terminal marks, and the
/// lead byte of `…` and of the bullets (all in U+2000..U+27FF).
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[0xE2] = true;
    table
};

/// How far back the word before a period is read; longer words are plain words.
const MAX_WORD_BEFORE: usize = 64;

/// Calls `emit(span)` for each sentence of `segment`, trimmed, in order.
pub(crate) fn split_segment(text: &str, segment: Span, lexicon: &Lexicon, emit: &mut impl FnMut(Span)) {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        end: segment.end,
        lexicon,
        sentence_start: segment.start,
        list: None,
        expected_marker: None,
        marker_end: segment.start,
    };
    scan.start_sentence(segment.start, false);
    let mut finder = Finder::default();
    let mut i = segment.start;
    while let Some(found) = finder.next(&scan, i) {
        i = found;
        let b = scan.bytes[i];
        if scan.expected_marker == Some(b) && scan.next_list_item_at(i) {
            scan.end_sentence(i, emit);
            scan.start_sentence(i, true);
            i = scan.marker_end;
            continue;
        }
        if b == 0xE2 && is_bullet(scan.bytes, i) {
            if space_len_before(scan.bytes, i) > 0 && scan.has_content_before(i) {
                scan.end_sentence(i, emit);
                scan.start_sentence(i, false);
                i = scan.marker_end;
            } else {
                i += 3;
            }
            continue;
        }
        let Some(mark) = scan.terminal_at(i) else {
            i += 1;
            continue;
        };
        if mark.start >= scan.marker_end && scan.ends_sentence(&mark) {
            scan.end_sentence(mark.end, emit);
            scan.start_sentence(mark.end, false);
            i = mark.end.max(scan.marker_end);
        } else {
            i = mark.end;
        }
    }
    scan.end_sentence(scan.end, emit);
}

/// Finds the next byte the scan must look at. Outside lists that is a `.`, `?`, `!` or
/// the lead byte 0xE2 (of `…` and the bullets), found with memchr and remembered
/// until the scan passes it, so each byte is searched once. Inside a list the first
/// byte of the next item's marker counts too, and a plain loop looks for all five.
#[derive(Default)]
struct Finder {
    mark: Option<usize>,
    lead: Option<usize>,
}

impl Finder {
    fn next(&mut self, scan: &Scan<'_, '_>, from: usize) -> Option<usize> {
        let (bytes, end) = (scan.bytes, scan.end);
        if from >= end {
            return None;
        }
        if let Some(marker) = scan.expected_marker {
            return bytes[from..end]
                .iter()
                .position(|&b| INTERESTING[usize::from(b)] || b == marker)
                .map(|k| from + k);
        }
        if self.mark.is_none_or(|m| m < from) {
            self.mark = Some(memchr3(b'.', b'?', b'!', &bytes[from..end]).map_or(end, |k| from + k));
        }
        if self.lead.is_none_or(|l| l < from) {
            self.lead = Some(memchr(0xE2, &bytes[from..end]).map_or(end, |k| from + k));
        }
        let next = self.mark.min(self.lead)?;
        (next < end).then_some(next)
    }
}

/// True when `line` opens with a bullet or a list enumerator (`1.`, `2)`, `a.`, `(3)`).
pub(crate) fn opens_list_item(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    if matches!(bytes[0], b'-' | b'*' | b'+') && space_len_at(bytes, 1) > 0 {
        return true;
    }
    (bytes[0] == 0xE2 && is_bullet(bytes, 0)) || ListMarker::parse(bytes, 0, true).is_some()
}

/// The state of the scan through one segment.
struct Scan<'t, 'l> {
    text: &'t str,
    bytes: &'t [u8],
    end: usize,
    lexicon: &'l Lexicon,
    /// Where the current sentence starts (untrimmed).
    sentence_start: usize,
    /// The list marker the current sentence opened with, if any.
    list: Option<ListMarker>,
    /// The first byte of the marker of the list's next item.
    expected_marker: Option<u8>,
    /// End of the bullet / list marker that opens the current sentence: marks
    /// before it (the `.` of `1.`) end nothing.
    marker_end: usize,
}

impl Scan<'_, '_> {
    fn end_sentence(&mut self, end: usize, emit: &mut impl FnMut(Span)) {
        let (start, end) = trim_span(self.bytes, self.sentence_start, end);
        if start < end {
            emit(Span::new(start, end));
        }
    }

    /// Starts a sentence at `at`: notes the bullet or list marker it opens with.
    /// `continuing` says a list split put it there (letter lists may go on past `a`).
    fn start_sentence(&mut self, at: usize, continuing: bool) {
        self.sentence_start = at;
        let mut i = skip_space(self.bytes, at, self.end);
        if i < self.end && self.bytes[i] == 0xE2 && is_bullet(self.bytes, i) {
            i = skip_space(self.bytes, i + 3, self.end);
        }
        self.list = ListMarker::parse(&self.bytes[..self.end], i, continuing);
        self.expected_marker = self.list.map(ListMarker::first_byte);
        self.marker_end = match self.list {
            Some(marker) => i + marker.len,
            None => i,
        };
    }

    fn has_content_before(&self, i: usize) -> bool {
        let (start, end) = trim_span(self.bytes, self.sentence_start, i);
        start < end
    }

    /// True when the next item of the current list starts at `i`: the marker that
    /// follows the current one, after white space and before white space.
    fn next_list_item_at(&self, i: usize) -> bool {
        let Some(list) = self.list else {
            return false;
        };
        if space_len_before(self.bytes, i) == 0 {
            return false;
        }
        ListMarker::parse(&self.bytes[..self.end], i, true)
            .is_some_and(|next| next.style == list.style && next.value == list.value + 1)
    }

    /// The terminal mark starting at byte `i`, if one does.
    fn terminal_at(&self, i: usize) -> Option<Mark> {
        let bytes = &self.bytes[..self.end];
        let mut mark = Mark {
            start: i,
            end: i,
            dots: 0,
            question_or_exclamation: false,
            spaced: false,
            closed: false,
        };
        if bytes[i..].starts_with(b". . .") {
            mark.spaced = true;
            mark.dots = 1;
            mark.end = i + 1;
            while bytes[mark.end..].starts_with(b" .") {
                mark.dots += 1;
                mark.end += 2;
            }
        } else {
            loop {
                match bytes.get(mark.end) {
                    Some(b'.') => mark.dots += 1,
                    Some(b'?' | b'!') => mark.question_or_exclamation = true,
                    Some(0xE2) if bytes[mark.end..].starts_with("…".as_bytes()) => {
                        mark.dots += 3;
                        mark.end += 2;
                    }
                    _ => break,
                }
                mark.end += 1;
            }
        }
        if mark.end == i {
            return None;
        }
        loop {
            if let Some(len) = closer_len_at(bytes, mark.end) {
                mark.end += len;
                mark.closed = true;
                continue;
            }
            // French typography spaces the closing guillemet: `« Non. »`.
            let spaced = spaces_in_line(bytes, mark.end);
            if spaced > 0 && bytes[mark.end + spaced..].starts_with("»".as_bytes()) {
                mark.end += spaced + "»".len();
                mark.closed = true;
                continue;
            }
            break;
        }
        Some(mark)
    }

    /// Whether `mark` ends the sentence.
    fn ends_sentence(&self, mark: &Mark) -> bool {
        let after = skip_space(self.bytes, mark.end, self.end);
        if after >= self.end {
            return true;
        }
        if after == mark.end {
            // No white space after the mark: `U.S.-led`, `3.5`, `example.com`, `Yahoo!'s`.
            return false;
        }
        let next = NextWord::at(self.bytes, after, self.end);
        if mark.question_or_exclamation {
            return !next.lower;
        }
        if mark.dots >= 4 {
            return !next.lower;
        }
        if mark.dots == 3 {
            // `[...]` marks an omission inside a quotation, never an end.
            let bracketed = mark.start > 0 && self.bytes[mark.start - 1] == b'[';
            return !mark.spaced && !bracketed && next.upper;
        }
        self.period_ends_sentence(mark, &next)
    }

    /// Whether a period (not part of an ellipsis) followed by white space and `next`
    /// ends the sentence, judging by the word before it.
    fn period_ends_sentence(&self, mark: &Mark, next: &NextWord) -> bool {
        let plain = !next.lower;
        if mark.closed {
            // `U.S."` — a closing quote or bracket after the period ends the sentence
            // whatever the word was.
            return plain;
        }
        let word = self.word_before(mark.start);
        let next_word = &self.text[next.word.start..next.word.end];
        match self.classify(word) {
            WordKind::Plain => plain,
            WordKind::Abbreviation(AbbreviationKind::Title | AbbreviationKind::Never) => false,
            WordKind::Abbreviation(AbbreviationKind::Number) => plain && !next.digit,
            WordKind::Abbreviation(AbbreviationKind::Month) if next.digit => false,
            WordKind::Abbreviation(AbbreviationKind::Month | AbbreviationKind::Ambiguous) => {
                (next.opened && !next.lower) || (next.upper && self.lexicon.is_opener(next_word))
            }
            WordKind::Abbreviation(AbbreviationKind::Time) => {
                (next.opened && !next.lower) || (next.upper && !self.lexicon.is_time_word(next_word))
            }
            WordKind::Initial(letter) => {
                if next.lower {
                    false
                } else if next.opened || !next.upper || self.lexicon.is_opener(next_word) {
                    true
                } else {
                    // `you and I. Did you see Albert I. Jones?` — the pronoun I after a
                    // lower-case word ends a sentence; an initial does not.
                    letter == 'I' && self.word_before_is_lower(mark.start - word.len())
                }
            }
        }
    }

    /// The word that ends at byte `end` (the period), without opening punctuation.
    fn word_before(&self, end: usize) -> &str {
        let limit = end.saturating_sub(MAX_WORD_BEFORE);
        let mut start = end;
        while start > limit {
            match decode_before(self.bytes, start) {
                Some((c, len)) if !crate::text::is_space(c) => start -= len,
                _ => break,
            }
        }
        if start <= limit && limit > 0 && space_len_before(self.bytes, start) == 0 {
            // Longer than any abbreviation: treat it as a plain word.
            return "";
        }
        self.text[start..end].trim_start_matches(is_opening_punctuation)
    }

    /// True when the word before byte `at` starts with a lower-case letter.
    fn word_before_is_lower(&self, at: usize) -> bool {
        let end = at - {
            let mut n = 0;
            while space_len_before(self.bytes, at - n) > 0 {
                n += space_len_before(self.bytes, at - n);
            }
            n
        };
        let word = self.word_before(end);
        word.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    }

    fn classify(&self, word: &str) -> WordKind {
        let Some(last) = word.chars().next_back() else {
            return WordKind::Plain;
        };
        if !last.is_alphanumeric() && last != '°' {
            // `(AP).`, `"murders".`, `$5bn%.`
            return WordKind::Plain;
        }
        if let Some(kind) = self.lexicon.abbreviation(word) {
            return WordKind::Abbreviation(kind);
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_uppercase() {
                WordKind::Initial(c)
            } else if c.is_alphabetic() {
                WordKind::Abbreviation(AbbreviationKind::Ambiguous)
            } else {
                WordKind::Plain
            };
        }
        if is_dotted_abbreviation(word) {
            return WordKind::Abbreviation(AbbreviationKind::Ambiguous);
        }
        WordKind::Plain
    }
}

/// What the word before a period is.
enum WordKind {
    Plain,
    Abbreviation(AbbreviationKind),
    /// A single capital letter.
    Initial(char),
}

/// A terminal mark: `start..end` covers the marks and the closers after them.
struct Mark {
    start: usize,
    end: usize,
    /// Periods, counting `…` as three.
    dots: usize,
    question_or_exclamation: bool,
    /// Written `. . .`.
    spaced: bool,
    /// Followed by closing quotes or brackets.
    closed: bool,
}

/// The word after a terminal mark and the white space after it.
struct NextWord {
    /// Opening quotes or brackets come first.
    opened: bool,
    lower: bool,
    upper: bool,
    digit: bool,
    /// The word's letters (apostrophes included), for the lexicon look-ups.
    word: Span,
}

impl NextWord {
    fn at(bytes: &[u8], mut i: usize, end: usize) -> NextWord {
        let mut opened = false;
        while i < end {
            let c = decode_at(bytes, i);
            if !is_opening_punctuation(c) {
                break;
            }
            opened = true;
            i += c.len_utf8();
        }
        let word_start = i;
        let mut first = None;
        let mut later_upper = false;
        while i < end {
            let c = decode_at(bytes, i);
            if !(c.is_alphanumeric() || c == '\'' || c == '’') {
                break;
            }
            match first {
                None => first = Some(c),
                Some(_) => later_upper |= c.is_uppercase(),
            }
            i += c.len_utf8();
        }
        let first = first.unwrap_or(' ');
        // `iPhone`, `eBay` open sentences like capitalised words.
        let lower = first.is_lowercase() && !later_upper;
        NextWord {
            opened,
            lower,
            upper: first.is_uppercase() || (first.is_lowercase() && later_upper),
            digit: first.is_ascii_digit(),
            word: Span::new(word_start, i),
        }
    }
}

/// An enumerator that opens a list item: `1.`, `2)`, `3.)`, `(4)`, `a.`, `b)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ListMarker {
    style: ListStyle,
    value: u32,
    /// Bytes the marker covers.
    len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStyle {
    /// `1.`, `1)`, `1.)` or `(1)`, by `Punctuation`, with digits.
    Number(Punctuation),
    /// The same with lower-case letters `a`, `b`, ….
    Letter(Punctuation),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Punctuation {
    Period,
    Parenthesis,
    PeriodParenthesis,
    Enclosed,
}

impl ListMarker {
    /// The marker at `bytes[i..]`, followed by white space. Numbers have at most three
    /// digits (`2015.` is a year); a letter list starts at `a` unless `continuing`.
    fn parse(bytes: &[u8], i: usize, continuing: bool) -> Option<ListMarker> {
        let enclosed = bytes.get(i) == Some(&b'(');
        let body = i + usize::from(enclosed);
        let digits = bytes[body.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let (value, letter) = match digits {
            1..=3 => {
                let digits = std::str::from_utf8(&bytes[body..body + digits]).ok()?;
                (digits.parse::<u32>().ok()?, false)
            }
            0 => match bytes.get(body) {
                Some(&b) if b.is_ascii_lowercase() => (u32::from(b - b'a') + 1, true),
                _ => return None,
            },
            _ => return None,
        };
        if letter && value != 1 && !continuing {
            return None;
        }
        let after = body + digits.max(usize::from(letter));
        let rest = &bytes[after.min(bytes.len())..];
        let (punctuation, punctuation_len) = if enclosed {
            (rest.starts_with(b")").then_some(Punctuation::Enclosed)?, 1)
        } else if rest.starts_with(b".)") {
            (Punctuation::PeriodParenthesis, 2)
        } else if rest.starts_with(b".") {
            (Punctuation::Period, 1)
        } else if rest.starts_with(b")") {
            (Punctuation::Parenthesis, 1)
        } else {
            return None;
        };
        let end = after + punctuation_len;
        if space_len_at(bytes, end) == 0 {
            return None;
        }
        let style = if letter {
            ListStyle::Letter(punctuation)
        } else {
            ListStyle::Number(punctuation)
        };
        Some(ListMarker {
            style,
            value,
            len: end - i,
        })
    }

    /// The first byte of the marker that follows this one.
    fn first_byte(self) -> u8 {
        match self.style {
            ListStyle::Number(Punctuation::Enclosed) | ListStyle::Letter(Punctuation::Enclosed) => b'(',
            ListStyle::Number(_) => {
                let next = self.value + 1;
                let mut first = next;
                while first >= 10 {
                    first /= 10;
                }
                b'0' + first as u8
            }
            // Past `z` no byte matches: the list ends.
            ListStyle::Letter(_) => b'a'.wrapping_add(self.value as u8),
        }
    }
}

/// White space from `i` on, up to `end`.
fn skip_space(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        let n = space_len_at(bytes, i);
        if n == 0 {
            break;
        }
        i += n;
    }
    i.min(end)
}

/// Bytes of white space other than line breaks from `i` on (at most a few).
fn spaces_in_line(bytes: &[u8], i: usize) -> usize {
    let mut n = 0;
    while n < 8 && !matches!(bytes.get(i + n), Some(b'\n' | b'\r') | None) {
        let len = space_len_at(bytes, i + n);
        if len == 0 {
            break;
        }
        n += len;
    }
    n
}

/// Byte length of a closing quote or bracket at `i`.
fn closer_len_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' | b'\'' | b')' | b']' | b'}' => Some(1),
        0xE2 => {
            // ” ’ › “ (a mismatched closer, as in `“hideous“`) and ‘
            let c = decode_at(bytes, i);
            matches!(c, '”' | '’' | '›' | '“' | '‘').then_some(3)
        }
        0xC2 if bytes.get(i + 1) == Some(&0xBB) => Some(2), // »
        _ => None,
    }
}

fn is_opening_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '„' | '‚' | '¿' | '¡'
    )
}

/// `•`, `‣`, `⁃`, `◦`, `●`, `▪`, `►` at byte `i` (all three bytes long, lead 0xE2).
fn is_bullet(bytes: &[u8], i: usize) -> bool {
    matches!(
        bytes.get(i..i + 3),
        Some(
            [0xE2, 0x80, 0xA2 | 0xA3]
                | [0xE2, 0x81, 0x83]
                | [0xE2, 0x97, 0xA6 | 0x8F]
                | [0xE2, 0x96, 0xAA | 0xBA]
        )
    )
}

/// `U.S`, `a.m`, `Ph.D`, `U.S.A`: letter groups of one or two joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        let parse = |s: &str, continuing| ListMarker::parse(s.as_bytes(), 0, continuing);
        assert_eq!(parse("1.) x", false).map(|m| (m.value, m.len)), Some((1, 3)));
        assert_eq!(parse("(12) x", false).map(|m| (m.value, m.len)), Some((12, 4)));
        assert_eq!(parse("a. x", false).map(|m| m.value), Some(1));
        assert_eq!(parse("b. x", false), None);
        assert_eq!(parse("b. x", true).map(|m| m.value), Some(2));
        assert_eq!(parse("2015. x", false), None);
        assert_eq!(parse("3.5 x", false), None);
        assert_eq!(parse("1.", false), None);
        let nine = parse("9. x", false).unwrap();
        assert_eq!(nine.first_byte(), b'1');
    }

    #[test]
    fn dotted_abbreviations() {
        for w in ["U.S", "a.m", "Ph.D", "U.S.A", "e.g"] {
            assert!(is_dotted_abbreviation(w), "{w}");
        }
        for w in ["example.com", "Jane.Doe@example", "3.5", "U.S.-led"] {
            assert!(!is_dotted_abbreviation(w), "{w}");
        }
    }
}
