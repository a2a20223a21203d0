//! Cues: the reporting verb and the speaker mention, as written, that attribute a
//! quote, found in the words around it within a window (the quote's sentence).
//!
//! The patterns of news text:
//!
//! | pattern | example |
//! |---|---|
//! | [`CuePattern::SpeakerVerbAfter`] | `"…," he said.` / `"…," Peskov told reporters.` |
//! | [`CuePattern::VerbSpeakerAfter`] | `"…," said Moscow Carnegie Center’s Alexei Malashenko.` |
//! | [`CuePattern::SpeakerVerbBefore`] | `Obama said, "…"` / `Obama said that "…"` |
//! | [`CuePattern::AccordingTo`] | `According to Volk, "…"` |
//! | [`CuePattern::Colon`] | `Peskov: "…"` / `The minister wrote: "…"` |
//! | [`CuePattern::Reported`] | `Sobyanin, the mayor of Moscow, said the killings were "another reason …"` |
//!
//! Variants of these: a cue that opens the next sentence (`"…." Volk wrote on her
//! Telegram channel.`, taken as `SpeakerVerbAfter`), an inverted one (`"…," was the
//! verdict of Marie Claes`), `according to X` after the quote, `quoted X as saying "…"`,
//! a participle sharing its sentence's subject (`…, calling the rise "alarming"`), a verb
//! after `and` sharing a compound subject (`The embassy and spokesman Dmitry Peskov
//! expressed … and denounced these "inhuman murders."`), and a news agency's `reported`
//! after a quote yielding to the speaker named before it (`Putin said, "…," Tass
//! reported`). Appositives, auxiliaries and time adverbials between subject and verb are
//! passed over (`Whitfield, a Democrat from Oregon, on Sunday accused`).
//!
//! The speaker mention is the phrase the cue names: a pronoun (`he`), a name with its
//! titles (`Russian Interior Ministry spokeswoman Irina Volk`), or a role (`the
//! spokeswoman`). Resolving it to a person is the next step's work.

use super::roles::{is_org_role, is_role_noun};
use super::verbs::ReportingVerbs;
use super::words::{ceil_boundary, floor_boundary};
use super::{link_labels, QuotedSpan};
use crate::text::Span;

/// How a cue stands to its quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CuePattern {
    /// After the quote, speaker then verb: `"…," he said`.
    SpeakerVerbAfter,
    /// After the quote, verb then speaker: `"…," said Alexei Malashenko`.
    VerbSpeakerAfter,
    /// Before the quote: `Obama said, "…"`, `Obama said that "…"`.
    SpeakerVerbBefore,
    /// Before the quote: `According to Volk, "…"`.
    AccordingTo,
    /// Before the quote, a colon: `Peskov: "…"`, `The minister wrote: "…"`.
    Colon,
    /// Before the quote in reported speech, the verb some words back: `Sobyanin, the
    /// mayor of Moscow, said the killings were "another reason …"`.
    Reported,
    /// The sentence before a quote that opens its own: its subject (`Ilić, meanwhile,
    /// dismissed talk of a title race. "There are 14 games left."`), or its cue when it
    /// ends with a colon (`He wrote:` closing the paragraph before).
    Setup,
}

impl CuePattern {
    /// The pattern's name: `speaker-verb-after` (`"…," he said`), `verb-speaker-after`
    /// (`"…," said Volk`), `speaker-verb-before` (`Volk said: "…"`), `according-to`,
    /// `colon` (`Volk: "…"`) or `reported` (`Volk said the killings were "…"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CuePattern::SpeakerVerbAfter => "speaker-verb-after",
            CuePattern::VerbSpeakerAfter => "verb-speaker-after",
            CuePattern::SpeakerVerbBefore => "speaker-verb-before",
            CuePattern::AccordingTo => "according-to",
            CuePattern::Colon => "colon",
            CuePattern::Reported => "reported",
            CuePattern::Setup => "setup",
        }
    }
}

/// A cue: its pattern, the speaker mention as written, and the reporting verb (none
/// for `according to` and a bare colon).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cue {
    /// How it stands to the quote.
    pub pattern: CuePattern,
    /// The speaker mention: `he`, `the spokeswoman`, `Irina Volk`.
    pub speaker: Span,
    /// The reporting verb.
    pub verb: Option<Span>,
}

/// Most words between a reporting verb and the colon, comma or `that` before its quote
/// (`told reporters on Monday:`).
const MAX_ADJUNCT: usize = 5;

/// Bytes read before a quote for its cue (a cue before a quote is a few words; an
/// appositive and a reported clause make it longer).
const NEAR_BEFORE: usize = 240;

/// Most words between a quote and its cue's far end.
const REACH: usize = 12;

/// Bytes read on either side of a quote for its cue: a cue is a few words, and a
/// bound keeps the work per quote constant on any input (a megabyte of quote marks in
/// one sentence stays linear).
const NEAR_BYTES: usize = 400;

/// Most words in a speaker mention.
const MAX_SPEAKER_WORDS: usize = 8;

/// A word of the text, or one punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) span: Span,
    pub(super) word: bool,
}

/// The cue of `quote`, looked for in `window` (a byte span that holds the quote, such
/// as its sentence): after the quote first, then before it.
pub fn find_cue(text: &str, quote: &QuotedSpan, window: Span) -> Option<Cue> {
    // Nothing quoted (`“”`, `"…"`): no one said it.
    if !quote.inner.as_str(text).chars().any(is_alnum) {
        return None;
    }
    let verbs = ReportingVerbs::english();
    let after_start = quote.close.map_or(quote.inner.end, |c| c.end);
    let after_end = floor_boundary(text, window.end.max(after_start).min(after_start + NEAR_BYTES));
    let after = tokens(text, after_start, after_end, REACH + 2);
    let mut reported_by = None;
    if quote.close.is_some() {
        if let Some(cue) = cue_after(text, verbs, &after).or_else(|| cue_inverted(text, verbs, &after)) {
            // `Putin said, "…," Tass news agency reported`: the agency reports the
            // speaker named before the quote, if one is.
            let reports = cue
                .verb
                .is_some_and(|v| verbs.lemma(v.as_str(text)) == Some("report"));
            if !reports {
                return Some(cue);
            }
            reported_by = Some(cue);
        }
    }
    let sentence_start = window.start.min(quote.open.start);
    let before_start = sentence_start.max(quote.open.start.saturating_sub(NEAR_BEFORE));
    let before = tokens(
        text,
        ceil_boundary(text, before_start),
        quote.open.start,
        usize::MAX,
    );
    // The sentence's first words (for a subject shared by a participle or by verbs in
    // `and`), read only when asked for.
    let opening = || {
        let end = floor_boundary(text, quote.open.start.min(sentence_start + NEAR_BEFORE));
        tokens(text, sentence_start, end.max(sentence_start), usize::MAX)
    };
    cue_before(text, verbs, &before)
        .or(reported_by)
        .or_else(|| cue_reported(text, verbs, &before, opening))
        .or_else(|| {
            // A quote that ends its sentence may have its cue open the next one.
            let ends_sentence = quote.close.is_some()
                && window.end.saturating_sub(after_start) <= 8
                && text[after_start..window.end.max(after_start)]
                    .chars()
                    .all(|c| !is_alnum(c));
            if !ends_sentence {
                return None;
            }
            // Never past the end of the line: the next paragraph is not a cue.
            let limit = floor_boundary(text, (after_start + NEAR_BYTES).min(text.len()));
            let next_end = memchr::memchr(b'\n', &text.as_bytes()[after_start..limit])
                .map_or(limit, |i| after_start + i);
            let next = tokens(text, after_start, next_end, 2 * REACH);
            cue_next_sentence(text, verbs, &next).or_else(|| cue_inverted(text, verbs, &next))
        })
}

/// Words that may follow the verb of a cue standing as a sentence of its own (`Volk
/// wrote on her Telegram channel.`, `Duval said at a news conference`): a place, a
/// time, an audience; not a clause of new reported speech (`Volk said the men …`).
const CUE_ADJUNCTS: &[&str] = &[
    "at",
    "on",
    "in",
    "to",
    "during",
    "after",
    "before",
    "from",
    "outside",
    "via",
    "while",
    "when",
    "as",
    "reporters",
    "journalists",
    "lawmakers",
    "later",
    "afterwards",
    "then",
    "adding",
    "laughing",
    "smiling",
];

/// The cue that opens the sentence after a quote: `"…." Volk wrote on her Telegram
/// channel.` — a speaker and verb first, then only punctuation or an adjunct.
fn cue_next_sentence(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Cue> {
    let cue = cue_after(text, verbs, tokens).filter(|c| c.pattern == CuePattern::SpeakerVerbAfter)?;
    let verb = cue.verb?;
    let next = tokens.iter().find(|t| t.span.start >= verb.end)?;
    let word = next.span.as_str(text);
    let fits = if next.word {
        CUE_ADJUNCTS.contains(&word)
    } else {
        matches!(word, "." | "," | "!" | ";")
    };
    fits.then_some(cue)
}

/// The cue of each quote, looked for in its sentence but not before the end of a quote
/// before it (words inside another quote are no cue): each stretch of text is read for
/// the cue of at most one quote, so a sentence of a million quote marks stays linear.
pub fn cues_of(text: &str, quoted: &[QuotedSpan], windows: &[Span], sentences: &[Span]) -> Vec<Option<Cue>> {
    let mut last_end = 0;
    quoted
        .iter()
        .zip(windows)
        .map(|(q, w)| {
            // A quote opened inside an earlier one (nested) keeps its whole sentence.
            let from = if last_end <= q.open.start {
                w.start.max(last_end)
            } else {
                w.start
            };
            let cue = find_cue(text, q, Span::new(from, w.end)).or_else(|| {
                // A quote that opens its sentence may be introduced by the sentence
                // before it (not one read for another quote's cue).
                let opens = text[w.start..q.open.start].trim().is_empty();
                let before = sentences.partition_point(|s| s.end <= q.open.start);
                let previous = before.checked_sub(1).map(|i| sentences[i]);
                previous
                    .filter(|p| opens && p.start >= last_end)
                    .and_then(|p| setup_cue(text, q, p))
            });
            last_end = last_end.max(q.close.map_or(q.inner.end, |c| c.end));
            cue
        })
        .collect()
}

/// The cue a quote with none of its own takes from the sentence before it (`previous`,
/// a byte span): a cue ending that sentence with a colon (`Justice Robert Haines … He
/// wrote:`), or its subject, when that is a name, a pronoun or a role and the sentence
/// holds no quote of its own. Whether the subject is someone is for the speaker layer
/// to say ([`CuePattern::Setup`] speakers are never taken as written).
pub fn setup_cue(text: &str, quote: &QuotedSpan, previous: Span) -> Option<Cue> {
    let sentence = previous.as_str(text);
    if sentence.contains(['"', '“', '”', '«', '»', '„']) {
        return None;
    }
    let verbs = ReportingVerbs::english();
    if sentence.trim_end().ends_with(':') {
        let from = ceil_boundary(text, previous.start.max(previous.end.saturating_sub(NEAR_BEFORE)));
        let cue = cue_before(text, verbs, &tokens(text, from, previous.end, usize::MAX))?;
        return Some(Cue {
            pattern: CuePattern::Setup,
            ..cue
        });
    }
    let end = floor_boundary(text, previous.end.min(previous.start + NEAR_BEFORE));
    let opening = tokens(text, previous.start, end.min(quote.open.start), usize::MAX);
    let speaker = sentence_subject(text, &opening)?;
    Some(Cue {
        pattern: CuePattern::Setup,
        speaker,
        verb: None,
    })
}

/// The window a quote's cue is looked for in: from the start of the sentence its
/// opening mark is in to the end of the sentence its text ends in. `sentences` are
/// byte spans in document order (as [`crate::split::Splitter`] gives them).
pub fn sentence_window(sentences: &[Span], quote: &QuotedSpan) -> Span {
    let first = sentences.partition_point(|s| s.end <= quote.open.start);
    let start = sentences
        .get(first)
        .map_or(quote.open.start, |s| s.start.min(quote.open.start));
    let end_at = quote.close.map_or(quote.inner.end, |c| c.end);
    let last = sentences.partition_point(|s| s.end < end_at);
    let end = sentences.get(last).map_or(end_at, |s| s.end.max(end_at));
    Span::new(start, end)
}

/// `"…," he said` or `"…," said Volk`.
fn cue_after(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Cue> {
    // Skip the punctuation that follows the closing mark (`,` or `—`), not a full stop.
    let start = tokens.iter().position(|t| t.word || is_stop(text, t))?;
    let tokens = &tokens[start..];
    let first = *tokens.first().filter(|t| t.word)?;
    // `"…," according to Roman Gurin, chief economist at Arktika Capital.`
    if first.span.as_str(text).eq_ignore_ascii_case("according")
        && tokens.get(1).is_some_and(|t| t.span.as_str(text) == "to")
    {
        let speaker = speaker_forward(text, verbs, &tokens[2..])?;
        return Some(Cue {
            pattern: CuePattern::AccordingTo,
            speaker,
            verb: None,
        });
    }
    if is_verb(text, verbs, &first) {
        let speaker = speaker_forward(text, verbs, &tokens[1..])?;
        return Some(Cue {
            pattern: CuePattern::VerbSpeakerAfter,
            speaker,
            verb: Some(first.span),
        });
    }
    // Speaker words up to a reporting verb, with no punctuation between (an
    // appositive in commas is allowed: `Volk, the spokeswoman, said`).
    let mut words = Vec::new();
    for token in tokens.iter().take(REACH) {
        if token.word {
            if is_verb(text, verbs, token) && !words.is_empty() {
                let speaker = speaker_phrase(text, without_auxiliaries(text, &words))?;
                return Some(Cue {
                    pattern: CuePattern::SpeakerVerbAfter,
                    speaker,
                    verb: Some(token.span),
                });
            }
            words.push(*token);
        } else if !is_comma(text, token) {
            return None;
        }
    }
    None
}

/// `Obama said, "…"`, `… said that "…"`, `According to Volk, "…"`, `Peskov: "…"`.
fn cue_before(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Cue> {
    let mut end = tokens.len();
    // What may stand between the cue and the quote: `,`, `:`, `that`.
    let mut colon = false;
    while let Some(last) = end.checked_sub(1).map(|i| tokens[i]) {
        let s = last.span.as_str(text);
        match s {
            "," => {}
            ":" => colon = true,
            _ if last.word && s.eq_ignore_ascii_case("that") => {}
            _ => break,
        }
        end -= 1;
    }
    let connector = end < tokens.len();
    let tokens = &tokens[..end];
    // `In Tuilagi’s words: "…"`, `In the minister's words, "…"`.
    if let [.., in_, name, words] = tokens {
        let possessive = name.span.as_str(text);
        if connector
            && in_.span.as_str(text).eq_ignore_ascii_case("in")
            && words.span.as_str(text) == "words"
            && (possessive.ends_with("’s") || possessive.ends_with("'s"))
        {
            let cut = possessive.len()
                - if possessive.ends_with("’s") {
                    "’s".len()
                } else {
                    2
                };
            return Some(Cue {
                pattern: CuePattern::AccordingTo,
                speaker: Span::new(name.span.start, name.span.start + cut),
                verb: None,
            });
        }
    }
    let last = *tokens.last()?;
    if !last.word {
        return None;
    }
    // The verb ends the cue (`Obama said,`), or, before a connector, a few words of
    // its own follow it (`Peskov told reporters:`, `Volk said in a statement that`).
    let reach = if connector { MAX_ADJUNCT + 1 } else { 1 };
    let verb = tokens
        .iter()
        .enumerate()
        .rev()
        .take(reach)
        .take_while(|(_, t)| t.word)
        .find(|(_, t)| is_verb(text, verbs, t));
    if let Some((at, verb)) = verb {
        if verb.span.as_str(text) == "saying" {
            // `Tass quoted an unnamed government source as saying that "…"`.
            let speaker = quoted_as_saying(text, &tokens[..at])?;
            return Some(Cue {
                pattern: CuePattern::SpeakerVerbBefore,
                speaker,
                verb: Some(verb.span),
            });
        }
        let subject = subject_with_appositive(text, &tokens[..at]);
        if let Some(speaker) = speaker_phrase(text, subject) {
            return Some(Cue {
                pattern: CuePattern::SpeakerVerbBefore,
                speaker,
                verb: Some(verb.span),
            });
        }
        // A verb whose subject is not found: a colon after it is not a bare `X:` cue.
        colon = false;
    }
    // `according to SPEAKER,`
    let words: Vec<Token> = tokens.iter().rev().take(MAX_SPEAKER_WORDS + 2).copied().collect();
    for (i, pair) in words.windows(2).enumerate() {
        let (to, according) = (pair[0], pair[1]);
        if according.span.as_str(text).eq_ignore_ascii_case("according") && to.span.as_str(text) == "to" {
            let phrase: Vec<Token> = words[..i].iter().rev().copied().collect();
            let speaker = speaker_phrase(text, &phrase)?;
            return Some(Cue {
                pattern: CuePattern::AccordingTo,
                speaker,
                verb: None,
            });
        }
    }
    if colon {
        // A name or a role before a bare colon; `Also read:` and other link labels
        // have a lower-case word in them.
        let subject = subject_backward(text, tokens);
        let name_like = subject.iter().all(|t| {
            let word = t.span.as_str(text);
            starts_upper(word) || is_role_word(word) || is_determiner(word)
        });
        let speaker = speaker_phrase(text, subject).filter(|_| name_like)?;
        if link_labels().starts_with_link_label(&text[speaker.start..]) {
            return None; // `Recommended: "…"`
        }
        return Some(Cue {
            pattern: CuePattern::Colon,
            speaker,
            verb: None,
        });
    }
    None
}

/// Most words of an appositive between a subject and its verb (`Sobyanin, a close
/// Putin ally and the mayor of Moscow, said`).
const MAX_APPOSITIVE: usize = 14;

/// Reported speech: the nearest reporting verb back in the sentence (no stop between)
/// whose subject is a name, a pronoun or a role (`the ministry's spokeswoman`), past an
/// appositive in commas.
fn cue_reported(
    text: &str,
    verbs: &ReportingVerbs,
    tokens: &[Token],
    opening: impl Fn() -> Vec<Token>,
) -> Option<Cue> {
    let mut weak = None;
    for (i, token) in tokens.iter().enumerate().rev().take(3 * REACH) {
        if !token.word {
            if is_stop(text, token) {
                return None;
            }
            continue;
        }
        if !is_verb(text, verbs, token) {
            continue;
        }
        let before = without_auxiliaries(text, &tokens[..i]);
        // `…, calling the threat "…"`: a participle's subject is the sentence's, and so
        // is an infinitive's (`He declined to comment except to say that she was "…"`).
        let word = token.span.as_str(text);
        let infinitive = before.last().is_some_and(|t| t.span.as_str(text) == "to");
        if infinitive || (word.ends_with("ing") && before.last().is_some_and(|t| is_comma(text, t))) {
            let speaker = sentence_subject(text, &opening())?;
            return Some(Cue {
                pattern: CuePattern::Reported,
                speaker,
                verb: Some(token.span),
            });
        }
        // `The Russian embassy … and the Kremlin's spokesperson Dmitry Peskov expressed
        // solidarity … and denounced these "inhuman murders."`: a verb after `and` shares
        // the sentence's subject; a person named in it is the speaker.
        if before.last().is_some_and(|t| t.span.as_str(text) == "and") {
            if let Some(speaker) = compound_subject(text, verbs, &opening()) {
                return Some(Cue {
                    pattern: CuePattern::Reported,
                    speaker,
                    verb: Some(token.span),
                });
            }
        }
        // `Tass quoted an unnamed government source as saying "…"`.
        if word == "saying" {
            if let Some(speaker) = quoted_as_saying(text, &tokens[..i]) {
                return Some(Cue {
                    pattern: CuePattern::Reported,
                    speaker,
                    verb: Some(token.span),
                });
            }
        }
        let subject = subject_with_appositive(text, before);
        let (Some(first), Some(last)) = (subject.first(), subject.last()) else {
            continue;
        };
        let (first, last) = (first.span.as_str(text), last.span.as_str(text));
        let lower = last.to_lowercase();
        // A name, a pronoun or a person's role is the speaker; an organisation's role
        // (`the company would publish …`) only if no verb further back has one (`Morimoto
        // said the company would publish full test data "within weeks"`).
        let strength = if is_determiner(first) {
            if is_role_noun(&lower) || starts_upper(last) {
                2
            } else if is_org_role(&lower) {
                1
            } else {
                0
            }
        } else if (subject.len() == 1 && is_pronoun(first)) || starts_upper(first) {
            2
        } else {
            0
        };
        let Some(speaker) = speaker_phrase(text, subject).filter(|_| strength > 0) else {
            continue;
        };
        let cue = Cue {
            pattern: CuePattern::Reported,
            speaker,
            verb: Some(token.span),
        };
        if strength == 2 {
            return Some(cue);
        }
        weak = weak.or(Some(cue));
    }
    weak
}

/// The person named last in the subject of a sentence (its words up to the first
/// verb): `Dmitry Peskov` in `The Russian embassy in Paris and the Kremlin's spokesperson
/// Dmitry Peskov expressed …`.
fn compound_subject(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Span> {
    let dash = tokens
        .iter()
        .take(10)
        .position(|t| matches!(t.span.as_str(text), "—" | "–" | "-"));
    let rest = &tokens[dash.map_or(0, |d| d + 1)..];
    let end = rest.iter().take(3 * MAX_SPEAKER_WORDS).position(|t| {
        let w = t.span.as_str(text);
        (t.word && (is_verb(text, verbs, t) || is_verb_like(w))) || is_stop(text, t)
    })?;
    let subject = &rest[..end];
    // The last run of two or more capitalised words after a possessive or a role.
    let mut run_end = None;
    let mut i = subject.len();
    while i > 0 {
        i -= 1;
        let w = subject[i].span.as_str(text);
        let cap = subject[i].word && starts_upper(w) && !w.ends_with("’s") && !w.ends_with("'s");
        match (cap, run_end) {
            (true, None) => run_end = Some(i + 1),
            (false, Some(e)) if e - (i + 1) >= 2 => {
                return Some(Span::new(subject[i + 1].span.start, subject[e - 1].span.end))
            }
            (false, Some(_)) => run_end = None,
            _ => {}
        }
    }
    None
}

/// The speaker of `quoted SPEAKER as` (the tokens before `saying`).
fn quoted_as_saying(text: &str, before: &[Token]) -> Option<Span> {
    let (as_, object) = before.split_last()?;
    if as_.span.as_str(text) != "as" {
        return None;
    }
    let back = object
        .iter()
        .rev()
        .take(MAX_SPEAKER_WORDS + 1)
        .position(|t| t.span.as_str(text) == "quoted")?;
    speaker_phrase(text, &object[object.len() - back..])
}

/// Words that may open an inverted cue after a quote: `That was how X described it`,
/// `The words were those of X`, `was the verdict of X`.
const INVERTED_OPENERS: &[&str] = &[
    "that",
    "this",
    "it",
    "was",
    "were",
    "is",
    "the",
    "words",
    "verdict",
    "view",
    "assessment",
    "reaction",
    "response",
    "comment",
    "those",
    "reply",
    "message",
    "judgement",
    "judgment",
];

/// An inverted cue: `"…." That was how the new acting governor, Nikolai Verin,
/// described his mandate`, `"…," was the verdict of Marie Claes`. The speaker is the
/// phrase after `of` or `how`, up to a verb or a stop.
fn cue_inverted(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Cue> {
    let start = tokens.iter().position(|t| t.word)?;
    let opener = tokens[start..]
        .iter()
        .take_while(|t| t.word && INVERTED_OPENERS.contains(&t.span.as_str(text).to_lowercase().as_str()))
        .count();
    let pivot = tokens.get(start + opener)?;
    if opener < 2 || !matches!(pivot.span.as_str(text), "of" | "how") {
        return None;
    }
    // The phrase, in groups between commas: a name among them is the speaker (`the new
    // acting governor of the Tambov region, Nikolai Verin,`).
    let mut groups: Vec<Vec<Token>> = vec![Vec::new()];
    let mut verb = None;
    for token in tokens[start + opener + 1..].iter().take(3 * MAX_SPEAKER_WORDS) {
        if token.word && is_verb(text, verbs, token) {
            verb = Some(token.span);
            break;
        }
        if is_comma(text, token) {
            groups.push(Vec::new());
        } else if !token.word {
            break;
        } else if let Some(group) = groups.last_mut() {
            group.push(*token);
        }
    }
    let group = groups
        .iter()
        .find(|g| is_name(text, g))
        .or_else(|| groups.first())?;
    let speaker = speaker_phrase(text, group)?;
    Some(Cue {
        pattern: CuePattern::SpeakerVerbAfter,
        speaker,
        verb,
    })
}

/// The subject before a verb, past an appositive in commas: the name before it
/// (`Sobyanin, the mayor of Moscow, said`), or the name in it (`Britain's chief medical
/// officer, Dr. Simon Ashworth, had told`); auxiliaries and time adverbials before the
/// verb are passed over (`Whitfield, a Democrat from Oregon, on Sunday accused`).
fn subject_with_appositive<'a>(text: &str, before: &'a [Token]) -> &'a [Token] {
    let before = without_auxiliaries(text, before);
    if let Some((_, inner)) = before.split_last().filter(|(comma, _)| is_comma(text, comma)) {
        if let Some(open) = inner.iter().rposition(|t| is_comma(text, t)) {
            let appositive = &inner[open + 1..];
            if appositive.len() <= MAX_APPOSITIVE {
                return if is_name(text, appositive) {
                    appositive
                } else {
                    subject_backward(text, &inner[..open])
                };
            }
        }
    }
    subject_backward(text, before)
}

/// Whether `token` is a reporting verb: a form of one, in lower case (`State` in
/// `Islamic State` is not the verb).
fn is_verb(text: &str, verbs: &ReportingVerbs, token: &Token) -> bool {
    let word = token.span.as_str(text);
    token.word && !starts_upper(word) && verbs.lemma(word).is_some()
}

/// Whether `words` are a name: capitalised words (titles, initials and possessives
/// among them), the first not a determiner or pronoun.
fn is_name(text: &str, words: &[Token]) -> bool {
    !words.is_empty()
        && words.len() <= MAX_SPEAKER_WORDS
        && words.iter().all(|t| t.word && starts_upper(t.span.as_str(text)))
        && !is_determiner(words[0].span.as_str(text))
        && !is_pronoun(words[0].span.as_str(text))
}

/// The subject at the start of a sentence (after a dateline such as `WASHINGTON (AP)
/// —`): a pronoun, or the run of a name or role phrase (`U.S. President Barack Obama on
/// Tuesday urged …`, `The World Health Organization on Monday warned …`).
fn sentence_subject(text: &str, tokens: &[Token]) -> Option<Span> {
    let dash = tokens
        .iter()
        .take(10)
        .position(|t| matches!(t.span.as_str(text), "—" | "–" | "-"));
    let mut rest = &tokens[dash.map_or(0, |d| d + 1)..];
    // An opening clause before the subject (`Asked which opponent she would prefer,
    // she laughed`, `Before the sentence was announced, Mr. Kessler stood`): the subject
    // follows its comma.
    let opener = rest.first().map(|t| t.span.as_str(text)).unwrap_or_default();
    if is_clause_opener(opener) {
        if let Some(comma) = rest
            .iter()
            .take(3 * MAX_SPEAKER_WORDS)
            .position(|t| is_comma(text, t))
        {
            rest = &rest[comma + 1..];
        }
    }
    let first = rest.first()?;
    if first.word && is_pronoun(first.span.as_str(text)) {
        return Some(first.span);
    }
    let run = rest
        .iter()
        .enumerate()
        .take_while(|(i, t)| {
            let w = t.span.as_str(text);
            t.word && (starts_upper(w) || is_role_word(w) || (*i == 0 && is_determiner(w)))
        })
        .count()
        .min(MAX_SPEAKER_WORDS);
    speaker_phrase(text, &rest[..run])
}

/// Whether a sentence's first word opens a clause before its subject: a preposition,
/// a conjunction or an adverb (`After`, `When`, `Meanwhile`), or a participle
/// (`Asked`, `Speaking`).
fn is_clause_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "after",
        "before",
        "when",
        "while",
        "as",
        "although",
        "though",
        "if",
        "since",
        "because",
        "despite",
        "in",
        "on",
        "at",
        "during",
        "meanwhile",
        "however",
        "later",
        "earlier",
        "still",
        "instead",
        "for",
        "with",
        "without",
        "unlike",
        "like",
        "by",
    ];
    (word.len() > 4 && starts_upper(word) && (word.ends_with("ed") || word.ends_with("ing")))
        || OPENERS.iter().any(|o| word.eq_ignore_ascii_case(o))
}

/// The speaker after a verb (`said Moscow Carnegie Center’s Alexei Malashenko`): the
/// words of a name or role up to punctuation or to a lower-case word that is neither
/// (`during the discussion`), at most [`MAX_SPEAKER_WORDS`].
fn speaker_forward(text: &str, verbs: &ReportingVerbs, tokens: &[Token]) -> Option<Span> {
    let words: Vec<Token> = tokens
        .iter()
        .enumerate()
        .take_while(|(i, t)| {
            let word = t.span.as_str(text);
            t.word
                && verbs.lemma(word).is_none()
                && (starts_upper(word) || is_role_word(word) || (*i == 0 && is_determiner(word)))
        })
        .map(|(_, t)| *t)
        .take(MAX_SPEAKER_WORDS)
        .collect();
    speaker_phrase(text, &words)
}

/// Words that stand between a subject and its reporting verb: auxiliaries and a few
/// adverbs (`Ashworth had told`, `Volk also said`, `Peskov later added`).
fn is_auxiliary(word: &str) -> bool {
    [
        "had",
        "has",
        "have",
        "was",
        "is",
        "were",
        "will",
        "would",
        "also",
        "later",
        "then",
        "again",
        "previously",
        "earlier",
        "repeatedly",
        "once",
        "has",
        "already",
        "publicly",
        "reportedly",
        "separately",
        "quickly",
        "flatly",
        "bluntly",
        "simply",
        "only",
        "even",
    ]
    .iter()
    .any(|a| word.eq_ignore_ascii_case(a))
}

/// Words of a time adverbial between a subject and its verb (`Albers on Monday
/// warned`, `Peskov late on Wednesday said`).
fn is_time_word(word: &str) -> bool {
    [
        "on",
        "late",
        "early",
        "last",
        "this",
        "next",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "today",
        "yesterday",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "weekend",
    ]
    .contains(&word)
}

/// `tokens` without the auxiliaries and time adverbials at their end.
fn without_auxiliaries<'a>(text: &str, tokens: &'a [Token]) -> &'a [Token] {
    let keep = tokens
        .iter()
        .rposition(|t| {
            let w = t.span.as_str(text);
            !(t.word && (is_auxiliary(w) || is_time_word(w)))
        })
        .map_or(0, |p| p + 1);
    &tokens[..keep]
}

/// The subject right before a verb: the words back to punctuation or to a word that
/// cannot be part of a name or role phrase, at most [`MAX_SPEAKER_WORDS`]; auxiliaries
/// right before the verb are passed over.
fn subject_backward<'a>(text: &str, tokens: &'a [Token]) -> &'a [Token] {
    let tokens = without_auxiliaries(text, tokens);
    let mut start = tokens.len();
    while start > 0 && tokens.len() - start < MAX_SPEAKER_WORDS {
        let token = tokens[start - 1];
        if !token.word {
            break;
        }
        let word = token.span.as_str(text);
        // A lower-case word other than a determiner or role noun ends the subject
        // going backwards (`France, Hollande said`; `in a statement, the ministry said`).
        if !starts_upper(word) && start < tokens.len() && !is_determiner(word) && !is_role_word(word) {
            break;
        }
        start -= 1;
        if is_determiner(word) || is_pronoun(word) {
            break;
        }
    }
    &tokens[start..]
}

/// A speaker phrase from `words`: a pronoun alone, a name (capitalised words, with
/// possessives and titles), or a determiner with a role (`the spokeswoman`). `None`
/// when the words are none of these.
fn speaker_phrase(text: &str, words: &[Token]) -> Option<Span> {
    // `president Denise Carter`, `agency president Denise Carter`: the lower-case
    // words before a name are the role written before it; the phrase is the name.
    let lower = words
        .iter()
        .take_while(|t| {
            let w = t.span.as_str(text);
            !starts_upper(w) && !is_determiner(w) && !is_pronoun(w)
        })
        .count();
    let words = if lower > 0 && lower < words.len() && starts_upper(words[lower].span.as_str(text)) {
        &words[lower..]
    } else {
        words
    };
    let first = *words.first()?;
    let last = *words.last()?;
    let head = first.span.as_str(text);
    if words.len() > MAX_SPEAKER_WORDS || !words.iter().all(|t| t.word) {
        return None;
    }
    let fits = if words.len() == 1 && is_pronoun(head) {
        true
    } else if is_determiner(head) {
        // `the spokeswoman`, `a senior State Department official`, `the company's chief
        // executive`; not a clause (`the interests of Chinese companies after
        // Washington`).
        words.len() >= 2
            && !words[1..].iter().any(|t| {
                let w = t.span.as_str(text);
                CLAUSE_WORDS.contains(&w) || (is_verb_like(w) && !is_role_noun(w))
            })
    } else {
        starts_upper(head)
    };
    fits.then(|| Span::new(first.span.start, last.span.end))
}

/// Words that cannot stand inside a speaker phrase after its determiner.
const CLAUSE_WORDS: &[&str] = &[
    "after", "before", "in", "on", "at", "with", "by", "from", "to", "into", "that", "which", "who", "whose",
    "than", "as", "when", "while", "if", "because", "but", "or", "not", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would",
];

/// A word with a verb's ending (`-ed`, `-ing`), not a speaker's.
fn is_verb_like(word: &str) -> bool {
    const ADJECTIVES: &[&str] = &[
        "unnamed",
        "unidentified",
        "retired",
        "elected",
        "appointed",
        "acting",
        "leading",
        "ruling",
        "governing",
        "outgoing",
        "incoming",
        "named",
        "detained",
        "jailed",
        "exiled",
        "veteran",
        "unnamed",
        "designated",
    ];
    word.len() > 4
        && (word.ends_with("ed") || word.ends_with("ing"))
        && !starts_upper(word)
        && !ADJECTIVES.contains(&word)
}

pub(super) fn is_pronoun(word: &str) -> bool {
    ["he", "she", "they", "i", "we", "it", "him", "them"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p))
}

pub(super) fn is_determiner(word: &str) -> bool {
    ["the", "a", "an", "his", "her", "their", "its"]
        .iter()
        .any(|d| word.eq_ignore_ascii_case(d))
}

/// Lower-case words that may stand inside a name or role phrase: role nouns and the
/// words that join them (`minister of foreign affairs`, `press secretary`).
pub(super) fn is_role_word(word: &str) -> bool {
    is_role_noun(word)
        || [
            "prime", "foreign", "interior", "ministry", "press", "of", "for", "and",
        ]
        .contains(&word)
}

/// Titles and name parts written with a period (`Dr.`, `Sen.`, `Corp.`), which does
/// not end the sentence.
pub(super) fn is_title_abbreviation(word: &str) -> bool {
    // A `match` compiles to a switch on the length, then a compare: this runs at every
    // period after a word.
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Prof"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Maj"
            | "Adm"
            | "Amb"
            | "Rev"
            | "Supt"
            | "Insp"
            | "Cmdr"
            | "Pres"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Jr"
            | "Sr"
            | "St"
            | "Bros"
    )
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_comma(text: &str, token: &Token) -> bool {
    token.span.as_str(text) == ","
}

fn is_stop(text: &str, token: &Token) -> bool {
    matches!(token.span.as_str(text), "." | "!" | "?" | ";")
}

/// The words and punctuation characters of `text[from..to]`, at most `limit`. A word
/// is a run of letters and digits, with an apostrophe, hyphen or period inside it
/// (`Center’s`, `Frank-Walter`, `U.S.`, whose last period it keeps).
pub(super) fn tokens(text: &str, from: usize, to: usize, limit: usize) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_into(text, from, to, limit, &mut out);
    out
}

/// The character at byte `at` of `text[..to]` and its length (ASCII without decoding).
#[inline]
fn char_at(text: &str, at: usize, to: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes()[..to].get(at)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = text[at..to].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether `c` is a letter or digit: ASCII directly, typographic punctuation (quote
/// marks, dashes, no-break spaces) without Unicode's table look-up, the rest by it.
#[inline]
pub(super) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{a0}'..='\u{bf}' | '\u{2000}'..='\u{206f}') {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// [`tokens`] into `out` (appended), reading bytes with an ASCII fast path.
pub(super) fn tokens_into(text: &str, from: usize, to: usize, limit: usize, out: &mut Vec<Token>) {
    let first = out.len();
    let mut i = from;
    while let Some((c, len)) = char_at(text, i, to) {
        if out.len() - first >= limit {
            break;
        }
        let start = i;
        i += len;
        if c.is_whitespace() {
            continue;
        }
        if !is_alnum(c) {
            out.push(Token {
                span: Span::new(start, i),
                word: false,
            });
            continue;
        }
        let mut end = i;
        let bytes = &text.as_bytes()[..to];
        loop {
            // ASCII letters and digits, a byte at a time; anything else below.
            while i < to && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            end = end.max(i);
            let Some((d, len)) = char_at(text, i, to) else {
                break;
            };
            if is_alnum(d) {
                i += len;
                end = i;
                continue;
            }
            let joins = matches!(d, '’' | '\'' | '-' | '.')
                && char_at(text, i + len, to).is_some_and(|(n, _)| is_alnum(n));
            // The last period of an initialism (`U.S.`), of a title (`Dr.`) or of a
            // middle initial (`Margaret L. Holloway`) belongs to it.
            let word = &text[start..end];
            let initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
            let initialism = d == '.' && (initial || word.contains('.') || is_title_abbreviation(word));
            if !joins && !initialism {
                break;
            }
            i += len;
            if initialism && !joins {
                end = i;
                break;
            }
        }
        out.push(Token {
            span: Span::new(start, end),
            word: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::quoted_spans;
    use super::*;

    /// Speaker, verb and pattern of a cue, as written.
    type Found<'t> = (&'t str, Option<&'t str>, CuePattern);

    /// The cue of the first quote of `text`, one sentence.
    fn cue(text: &str) -> Option<Found<'_>> {
        let whole = Span::new(0, text.len());
        let quote = *quoted_spans(text, &[whole]).first()?;
        find_cue(text, &quote, whole)
            .map(|c| (c.speaker.as_str(text), c.verb.map(|v| v.as_str(text)), c.pattern))
    }

    #[test]
    fn the_patterns_of_news_text() {
        use CuePattern::*;
        let cases: &[(&str, Found<'_>)] = &[
            (
                "\"We will respond,\" he said.",
                ("he", Some("said"), SpeakerVerbAfter),
            ),
            (
                "\"We will respond,\" Peskov told reporters.",
                ("Peskov", Some("told"), SpeakerVerbAfter),
            ),
            (
                "\"It is time,\" the spokeswoman wrote on Twitter.",
                ("the spokeswoman", Some("wrote"), SpeakerVerbAfter),
            ),
            (
                "“Russia is fighting,” said Moscow Carnegie Center’s Alexei Malashenko.",
                (
                    "Moscow Carnegie Center’s Alexei Malashenko",
                    Some("said"),
                    VerbSpeakerAfter,
                ),
            ),
            (
                "U.S. President Barack Obama said that \"this is an attack.\"",
                ("U.S. President Barack Obama", Some("said"), SpeakerVerbBefore),
            ),
            (
                "Russian Interior Ministry spokeswoman Irina Volk said, “No one was hurt.”",
                (
                    "Russian Interior Ministry spokeswoman Irina Volk",
                    Some("said"),
                    SpeakerVerbBefore,
                ),
            ),
            (
                "According to Volk, \"the embassy is safe.\"",
                ("Volk", None, AccordingTo),
            ),
            ("Peskov: \"Moscow condemns it.\"", ("Peskov", None, Colon)),
            (
                "The minister wrote: \"We stand with France.\"",
                ("The minister", Some("wrote"), SpeakerVerbBefore),
            ),
            (
                "Sergei Sobyanin, a close Putin ally and the mayor of Moscow, said the killings were \"a reason.\"",
                ("Sergei Sobyanin", Some("said"), Reported),
            ),
            ("a tragedy, which she described as a “hideous\" act", ("she", Some("described"), Reported)),
        ];
        for (text, expected) in cases {
            assert_eq!(cue(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn a_megabyte_of_quotes_in_one_sentence_stays_linear() {
        for unit in ["\"a,\" he said ", "“", "\"x\" ", "said \"", "’ "] {
            let text = unit.repeat(100_000 / unit.len());
            let whole = Span::new(0, text.len());
            for quote in quoted_spans(&text, &[whole]) {
                if let Some(c) = find_cue(&text, &quote, whole) {
                    assert!(c.speaker.end <= text.len());
                }
            }
        }
    }

    #[test]
    fn titles_and_speakerless_quotes_have_no_cue() {
        assert_eq!(
            cue("Also read: \"Moscow supports victims of terror attacks\""),
            None
        );
        assert_eq!(
            cue("Recommended: \"Egyptian air crash will not lead to a coalition\""),
            None
        );
        assert_eq!(cue("the hashtag \"Paris Is Burning\" spread fast."), None);
        assert_eq!(cue("a video threatening attacks in Russia \"very soon.\""), None);
        assert_eq!(
            cue("Police said so. It was, in effect, \"a victory\" online."),
            None
        );
    }
}
