//! Speakers: the person a quote's cue refers to, found with a small discourse state
//! kept as the document is read.
//!
//! The state holds the persons named so far: each with the span of the first mention
//! of the full name (`Irina Volk`), the words of the name (so that `Volk` later is the
//! same person), and the roles written next to the name (`spokeswoman` in `Russian
//! Interior Ministry spokeswoman Irina Volk`, `minister` in `Interior Minister Vladimir
//! Kolokoltsev`). A cue's speaker mention is resolved against it:
//!
//! * a name: the person whose name ends with it ([`Resolution::Named`]);
//! * a pronoun (`he wrote`): the person named last before the cue
//!   ([`Resolution::Pronoun`]);
//! * a role (`the spokeswoman`): the person last named with that role; a generic role
//!   (`the official`) the speaker quoted last ([`Resolution::Role`]);
//! * no cue, a statement right after a quote of the same paragraph or continuing the
//!   quote of the paragraph before: that quote's speaker ([`Resolution::Continuation`]).
//!
//! Names are found without a model: runs of two or more capitalised words outside
//! quotes, cut after a possessive (`Carnegie Center’s Alexei Malashenko`) and after
//! title words (`President`, `Minister`), and left out when they name an organisation
//! or place (`Interior Ministry`, `Islamic State`).

use std::collections::HashMap;

use super::cues::{is_determiner, is_pronoun, starts_upper, tokens, Cue, Token};
use super::kinds::QuoteKind;
use super::roles::is_role_noun;
use super::QuotedSpan;
use crate::text::Span;

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// The cue names the speaker.
    Named,
    /// The cue's pronoun, resolved to the person named last.
    Pronoun,
    /// The cue's role noun, resolved to the person with that role.
    Role,
    /// No cue: the quote continues the one before it.
    Continuation,
    /// Not found.
    None,
}

impl Resolution {
    /// The resolution's name: `named`, `pronoun`, `role`, `continuation` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Named => "named",
            Resolution::Pronoun => "pronoun",
            Resolution::Role => "role",
            Resolution::Continuation => "continuation",
            Resolution::None => "none",
        }
    }
}

/// Who said a quote: the mention in its cue as written, the mention it was resolved
/// to (the first mention of the person's full name), and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attribution {
    /// The speaker mention in the cue (`he`, `the spokeswoman`, `Volk`).
    pub mention: Option<Span>,
    /// The person's full name where it was first written (`Irina Volk`).
    pub speaker: Option<Span>,
    /// How the speaker was found.
    pub how: Resolution,
}

/// Title words that stand before a name and are not part of it.
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Chancellor",
    "Premier",
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Mayor",
    "Governor",
    "Senator",
    "General",
    "Gen",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Director",
    "Chief",
    "Deputy",
    "Head",
    "Leader",
];

/// Words that make a run of capitals an organisation, place or event, not a person.
const NOT_PERSONS: &[&str] = &[
    "Ministry",
    "Embassy",
    "Council",
    "Committee",
    "Agency",
    "Center",
    "Centre",
    "Party",
    "Union",
    "State",
    "States",
    "Kremlin",
    "Government",
    "Office",
    "Department",
    "Service",
    "Army",
    "Forces",
    "Republic",
    "House",
    "Parliament",
    "Assembly",
    "Nations",
    "Court",
    "Bank",
    "University",
    "Institute",
    "News",
    "Times",
    "Post",
    "Street",
    "Square",
    "Church",
    "Summit",
    "Coalition",
    "Front",
    "Group",
    "Europe",
    "Syria",
    "Russia",
    "France",
    "Paris",
    "Moscow",
    "Washington",
    "Iraq",
    "West",
    "East",
    "Twitter",
];

/// Most person mentions a role noun looks back over.
const LOOK_BACK: usize = 256;

/// Role nouns that name no particular office: resolved to the speaker quoted last.
const GENERIC_ROLES: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "representative",
    "person",
];

/// A person of the discourse state.
#[derive(Clone, Debug)]
struct Person {
    /// The first mention of the full name.
    name: Span,
    /// Role words written next to the name, lower-cased.
    roles: Vec<String>,
}

/// The persons named in `text[from..to]`, with their roles, in order of their
/// mentions: (mention span, surname, roles).
fn names_in(text: &str, from: usize, to: usize) -> Vec<(Span, String, Vec<String>)> {
    let words: Vec<Token> = tokens(text, from, to, usize::MAX);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let is_cap =
            |t: &Token| t.word && starts_upper(t.span.as_str(text)) && !is_acronym(t.span.as_str(text));
        if !is_cap(&words[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && is_cap(&words[i]) {
            i += 1;
        }
        let run = &words[start..i];
        // The name: after the last possessive and the last title word of the run.
        let cut = run
            .iter()
            .rposition(|t| {
                let w = t.span.as_str(text);
                w.ends_with("’s") || w.ends_with("'s") || TITLES.contains(&w.trim_end_matches('.'))
            })
            .map_or(0, |p| p + 1);
        let name = &run[cut..];
        if name.len() < 2 || name.iter().any(|t| NOT_PERSONS.contains(&t.span.as_str(text))) {
            continue;
        }
        let mut roles: Vec<String> = run[..cut]
            .iter()
            .map(|t| t.span.as_str(text).trim_end_matches('.'))
            .filter(|w| TITLES.contains(w))
            .map(str::to_lowercase)
            .collect();
        if let Some(before) = start.checked_sub(1).map(|b| words[b]) {
            let w = before.span.as_str(text).to_lowercase();
            if is_role_noun(&w) {
                roles.push(w); // spokeswoman Irina Volk
            }
        }
        let last = name[name.len() - 1].span.as_str(text).to_lowercase();
        found.push((
            Span::new(name[0].span.start, name[name.len() - 1].span.end),
            last,
            roles,
        ));
    }
    found
}

fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// The attributions of `quotes` (in document order, with their sentence windows, cues
/// and kinds), with the discourse state built from `text` as it goes.
pub fn attribute(
    text: &str,
    quotes: &[QuotedSpan],
    windows: &[Span],
    cues: &[Option<Cue>],
    kinds: &[QuoteKind],
) -> Vec<Attribution> {
    let mut state = State::default();
    let mut read_to = 0;
    // The first quote whose opening mark the state has not read up to.
    let mut unread = 0;
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    let mut last_speaker: Option<Said> = None;
    for (q, quote) in quotes.iter().enumerate() {
        // Read the text before the cue or quote into the state, skipping quotes (each
        // stretch of text once: linear).
        let cue = cues[q];
        let horizon = cue.map_or(quote.open.start, |c| c.speaker.end.max(quote.open.start));
        while let Some(other) = quotes.get(unread).filter(|o| o.open.start < horizon) {
            if other.open.start > read_to {
                state.read(text, read_to, other.open.start);
            }
            read_to = read_to.max(other.close.map_or(other.inner.end, |c| c.end));
            unread += 1;
        }
        if read_to < horizon {
            state.read(text, read_to, horizon);
            read_to = horizon;
        }
        let attribution = resolve(text, quote, windows[q], cue, kinds[q], &state, last_speaker);
        if let Some(speaker) = attribution.speaker {
            last_speaker = Some(Said {
                paragraph: quote.paragraph,
                window: windows[q],
                speaker,
            });
        }
        out.push(attribution);
    }
    out
}

/// The discourse state: the persons named so far, by surname, and their mentions in
/// order: (position, person index).
#[derive(Default)]
struct State {
    persons: Vec<Person>,
    by_surname: HashMap<String, usize>,
    mentions: Vec<(usize, usize)>,
}

impl State {
    /// Adds the persons named in `text[from..to]`.
    fn read(&mut self, text: &str, from: usize, to: usize) {
        for (span, surname, roles) in names_in(text, from, to) {
            let index = match self.by_surname.get(&surname) {
                Some(&index) => index,
                None => {
                    self.persons.push(Person {
                        name: span,
                        roles: Vec::new(),
                    });
                    self.by_surname.insert(surname, self.persons.len() - 1);
                    self.persons.len() - 1
                }
            };
            let person = &mut self.persons[index];
            for role in roles {
                if !person.roles.contains(&role) {
                    person.roles.push(role);
                }
            }
            self.mentions.push((span.start, index));
        }
    }
}

/// The last quote with a speaker: where it was and who.
#[derive(Clone, Copy, Debug)]
struct Said {
    paragraph: usize,
    window: Span,
    speaker: Span,
}

/// The attribution of one quote.
#[allow(clippy::too_many_arguments)]
fn resolve(
    text: &str,
    quote: &QuotedSpan,
    window: Span,
    cue: Option<Cue>,
    kind: QuoteKind,
    state: &State,
    last_speaker: Option<Said>,
) -> Attribution {
    let none = Attribution {
        mention: cue.map(|c| c.speaker),
        speaker: None,
        how: Resolution::None,
    };
    if kind == QuoteKind::Title {
        return Attribution {
            mention: None,
            ..none
        };
    }
    let Some(cue) = cue else {
        // A statement with no cue goes on from the quote before it in its paragraph,
        // or from the paragraph before when it continues that one's quote; a partial
        // quote from a quote of its own sentence (`“…,” said Malashenko, pointing out
        // that it is perennial and “it will never disappear.”`).
        return match last_speaker {
            Some(said)
                if (kind == QuoteKind::Statement
                    && (said.paragraph == quote.paragraph
                        || (quote.continues && said.paragraph + 1 == quote.paragraph)))
                    || (kind == QuoteKind::Partial && said.window == window) =>
            {
                Attribution {
                    mention: None,
                    speaker: Some(said.speaker),
                    how: Resolution::Continuation,
                }
            }
            _ => none,
        };
    };
    // The attribution to the person of a mention found in the state, if one was.
    let to_person = |mention: Option<&(usize, usize)>, how| match mention {
        Some(&(_, person)) => Attribution {
            speaker: Some(state.persons[person].name),
            how,
            ..none
        },
        None => none,
    };
    let mention = cue.speaker.as_str(text);
    let words: Vec<&str> = mention.split_whitespace().collect();
    let head = words.first().copied().unwrap_or_default();
    if words.len() == 1 && is_pronoun(head) {
        let last = state
            .mentions
            .iter()
            .rev()
            .find(|(at, _)| *at < cue.speaker.start);
        return to_person(last, Resolution::Pronoun);
    }
    if is_determiner(head) {
        let role = words.last().copied().unwrap_or_default().to_lowercase();
        if GENERIC_ROLES.contains(&role.as_str()) {
            if let Some(said) = last_speaker {
                return Attribution {
                    speaker: Some(said.speaker),
                    how: Resolution::Role,
                    ..none
                };
            }
        }
        let with_role = state
            .mentions
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|(at, p)| *at < cue.speaker.start && state.persons[*p].roles.contains(&role));
        return to_person(with_role, Resolution::Role);
    }
    // A name: the person whose surname is the mention's last word, as named first.
    let surname = words.last().copied().unwrap_or_default().to_lowercase();
    let speaker = state
        .by_surname
        .get(&surname)
        .map_or(cue.speaker, |&p| state.persons[p].name);
    Attribution {
        speaker: Some(speaker),
        how: Resolution::Named,
        ..none
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_titles_possessives_and_roles() {
        let text =
            "Russian Interior Ministry spokeswoman Irina Volk said. U.S. President Barack Obama agreed \
                    with Moscow Carnegie Center’s Alexei Malashenko and the Islamic State.";
        let found: Vec<(&str, String, Vec<String>)> = names_in(text, 0, text.len())
            .into_iter()
            .map(|(span, surname, roles)| (span.as_str(text), surname, roles))
            .collect();
        assert_eq!(
            found,
            [
                ("Irina Volk", "volk".to_string(), vec!["spokeswoman".to_string()]),
                ("Barack Obama", "obama".to_string(), vec!["president".to_string()]),
                ("Alexei Malashenko", "malashenko".to_string(), vec![]),
            ]
        );
    }
}
