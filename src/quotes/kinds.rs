//! What a quote is: a statement, a partial quote woven into reported speech, or a
//! title (a headline, a link's title, a hashtag, a slogan) that no one is quoted
//! saying.
//!
//! | kind | examples |
//! |---|---|
//! | [`QuoteKind::Statement`] | `"We stand with France," he said.` / `Volk said: "No one was hurt."` |
//! | [`QuoteKind::Partial`] | `denounced these "inhuman murders."` / `described as a “hideous" act` / `said that "this is an attack …"` |
//! | [`QuoteKind::Title`] | `Also read: "…"` / `the hashtag "Paris Is Burning"` / `shouts of “Allahu akbar!”` / a quote in a headline |

use super::cues::is_alnum;
use super::words::{ceil_boundary, floor_boundary};
use super::{link_labels, QuotedSpan};
use crate::text::Span;

/// The kind of a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Someone's words as a sentence or more: the quote opens its sentence, or follows
    /// its cue's comma or colon, with a capital letter.
    Statement,
    /// A few of someone's words inside the reporter's own sentence.
    Partial,
    /// A title, headline, hashtag or slogan in quote marks: no speaker.
    Title,
}

impl QuoteKind {
    /// The kind's name: `statement`, `partial` or `title`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Statement => "statement",
            QuoteKind::Partial => "partial",
            QuoteKind::Title => "title",
        }
    }
}

/// Words that, just before a quote, say it is a title or a slogan.
const TITLE_WORDS: &[&str] = &[
    "hashtag",
    "hashtags",
    "slogan",
    "slogans",
    "headline",
    "headlined",
    "titled",
    "entitled",
    "title",
    "motto",
    "banner",
    "shouts",
    "shouting",
    "chants",
    "chanting",
    "cries",
    "crying",
    "shouted",
];

/// Words that, right before a quote, say it names a work, an operation or a banner
/// (`new film “The Last Winter”`).
const WORK_WORDS: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "song",
    "album",
    "documentary",
    "series",
    "play",
    "programme",
    "program",
    "exhibition",
    "campaign",
    "operation",
    "newspaper",
    "magazine",
    "dubbed",
    "nicknamed",
    "banner",
    "placard",
    "placards",
    "poster",
    "sign",
];

/// Function words a title may keep in lower case (`Snow on the Embassy Roof`).
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "but", "is", "with", "from", "by",
    "as",
];

/// Whether a quote's words are a title in Title Case: two to eight words, every word
/// capitalised but small function words, and no stop at the end (`The Last Winter`,
/// `Paris Is Burning`, `Birch Road,`).
fn is_title_case(inner: &str) -> bool {
    let body = inner.trim().trim_end_matches(',');
    if body.len() > 160 || body.ends_with(['.', '!', '?', ':', ';']) {
        return false;
    }
    // One pass, no allocation: a long quote fails at its ninth word or its first
    // lower-case word that is not a small one.
    let (mut words, mut capitalised) = (0, 0);
    for w in body.split_whitespace() {
        words += 1;
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if words == 1
            || !(first.is_numeric() || TITLE_SMALL_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s)))
        {
            return false;
        }
        if words > 8 {
            return false;
        }
    }
    words >= 2 && capitalised >= 2
}

/// The kind of `quote`, whose sentence window is `window`.
pub fn quote_kind(text: &str, quote: &QuotedSpan, window: Span) -> QuoteKind {
    if let Some(line) = short_line(text, quote.open.start) {
        if link_labels().starts_with_link_label(&text[line.start..]) || is_headline(line.as_str(text)) {
            return QuoteKind::Title;
        }
    }
    // The words just before the quote: a bounded stretch of its sentence (a sentence of a
    // megabyte of quote marks costs each quote the same).
    let from = ceil_boundary(
        text,
        window
            .start
            .min(quote.open.start)
            .max(quote.open.start.saturating_sub(NEAR_BEFORE)),
    );
    let before = &text[from..quote.open.start];
    let last_words = last_words(before);
    let title_word = last_words
        .iter()
        .any(|w| TITLE_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)));
    let named_work = last_words
        .first()
        .is_some_and(|w| WORK_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)));
    if title_word || named_work || is_title_case(quote.inner.as_str(text)) {
        return QuoteKind::Title;
    }
    let inner = quote
        .inner
        .as_str(text)
        .trim_start_matches(|c: char| !is_alnum(c));
    let starts_lower = inner.chars().next().is_some_and(char::is_lowercase);
    // `said that "the pain will be real,"`: a whole clause after `that` is a statement.
    let last_word = before
        .trim_end()
        .rsplit(|c: char| !is_alnum(c))
        .next()
        .unwrap_or("");
    if last_word.eq_ignore_ascii_case("that") && inner.split_whitespace().nth(3).is_some() {
        return QuoteKind::Statement;
    }
    match before.trim_end().chars().last() {
        // `According to Peskov, "journalists should rely on official sources."`
        Some(',' | ':') if starts_lower && is_clause(inner) => QuoteKind::Statement,
        // The quote opens its sentence, or follows a cue's comma or colon.
        None | Some(',' | ':' | '—' | '–') if !starts_lower => QuoteKind::Statement,
        None | Some(',' | ':' | '—' | '–') => QuoteKind::Partial,
        // Inside the reporter's sentence: `these "inhuman murders."`.
        Some(c) if is_alnum(c) => QuoteKind::Partial,
        Some(_) if starts_lower => QuoteKind::Partial,
        Some(_) => QuoteKind::Statement,
    }
}

/// Whether a quote's words are a whole clause: several words, ending with the
/// punctuation that ends a sentence or a clause inside the marks.
fn is_clause(inner: &str) -> bool {
    let words = inner.split_whitespace().take(6).count();
    words >= 6 && inner.trim_end().ends_with(['.', ',', '!', '?'])
}

/// The last three words of `before`, last first; at most 64 characters between words
/// are passed over (a run of quote marks costs each quote the same).
fn last_words(before: &str) -> Vec<&str> {
    let mut words = Vec::with_capacity(3);
    let mut end = None;
    let mut gap = 0;
    for (i, c) in before.char_indices().rev() {
        match (is_alnum(c), end) {
            (true, None) => end = Some(i + c.len_utf8()),
            (false, Some(e)) => {
                words.push(&before[i + c.len_utf8()..e]);
                end = None;
                gap = 0;
                if words.len() == 3 {
                    return words;
                }
            }
            (false, None) => {
                gap += 1;
                if gap > 64 {
                    return words;
                }
            }
            (true, Some(_)) => {}
        }
    }
    if let Some(e) = end {
        words.push(&before[..e]);
    }
    words
}

/// Bytes before a quote looked at for the words that tell its kind.
const NEAR_BEFORE: usize = 160;

/// Longest line looked at for a link label or a headline.
const SHORT_LINE: usize = 400;

/// The line around byte `at` if it is at most [`SHORT_LINE`] bytes long (only that
/// much text is read, so each quote costs a bounded amount).
fn short_line(text: &str, at: usize) -> Option<Span> {
    let from = ceil_boundary(text, at.saturating_sub(SHORT_LINE));
    let start = match text[from..at].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let to = floor_boundary(text, (start + SHORT_LINE).min(text.len()).max(at));
    let end = match text[at..to].find('\n') {
        Some(i) => at + i,
        None if to == text.len() => to,
        None => return None,
    };
    Some(Span::new(start, end))
}

/// A headline: a line without a final stop whose longer words are capitalised
/// (`Putin Tells Western Leaders: Let’s Bury Our Differences`).
fn is_headline(line: &str) -> bool {
    // A sentence ends with a stop, before or after its closing mark.
    let body = line.trim().trim_end_matches(['"', '”', '’', '\'', ')']);
    if body.ends_with(['.', '!', '?']) {
        return false;
    }
    let (mut long, mut capitalised) = (0usize, 0usize);
    for w in body.split(|c: char| !is_alnum(c) && c != '’' && c != '\'') {
        if w.chars().nth(3).is_none() {
            continue; // shorter than four characters
        }
        long += 1;
        capitalised += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    long >= 3 && capitalised * 10 >= long * 8
}

#[cfg(test)]
mod tests {
    use super::super::quoted_spans;
    use super::*;

    fn kind(text: &str) -> QuoteKind {
        let whole = Span::new(0, text.len());
        let quote = quoted_spans(text, &[whole])[0];
        quote_kind(text, &quote, whole)
    }

    #[test]
    fn statements_partials_and_titles() {
        use QuoteKind::*;
        let cases = [
            ("\"We stand with France,\" he said.", Statement),
            ("Volk said: \"No one was hurt.\"", Statement),
            ("Obama said, “It is an attack on all of us.”", Statement),
            ("He denounced these \"inhuman murders.\"", Partial),
            ("She described it as a “hideous\" act.", Partial),
            ("Obama said that \"this is an attack.\"", Statement),
            ("He said, \"very soon\" and left.", Partial),
            ("Also read: \"Moscow supports victims of terror attacks\"", Title),
            (
                "Recommended: \"Egyptian air crash will not lead to a coalition\"",
                Title,
            ),
            (
                "accounts began using the hashtag \"Paris Is Burning\" to celebrate",
                Title,
            ),
            ("he heard shouts of “Allahu akbar!” at the hall.", Title),
            (
                "Putin Tells Western Leaders: Let’s Bury Our Differences and Strike at ‘Barbarian’ ISIS",
                Title,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(kind(text), expected, "{text}");
        }
    }
}
