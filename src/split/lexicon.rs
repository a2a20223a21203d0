//! The word lists the splitting rules consult, compiled in from `data/*.txt` so a
//! linguist can read and extend them without reading the algorithm.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the words looked up are a few bytes long and come from the text, not from
/// an adversary who could pick collisions that matter (the tables are fixed), so a
/// simple multiplicative hash beats SipHash by a wide margin here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// How a period after an abbreviation behaves (see `data/abbreviations.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbreviationKind {
    /// Before a name: never ends a sentence (`Mr.`, `Gen.`).
    Title,
    /// Before a number it never ends a sentence (`No. 5`); otherwise a plain word.
    Number,
    /// Before a number it never ends a sentence (`Nov. 13`); otherwise ambiguous.
    Month,
    /// `a.m.` / `p.m.`: ends before a capitalised word that is not a time word.
    Time,
    /// Mid-sentence only (`e.g.`, `vs.`).
    Never,
    /// Ends a sentence only before a sentence opener (`Inc.`, `U.S.`, `etc.`).
    Ambiguous,
}

const ABBREVIATIONS: &str = include_str!("data/abbreviations.txt");
const OPENERS: &str = include_str!("data/openers.txt");
const TIME_WORDS: &str = include_str!("data/time_words.txt");
const LINK_LABELS: &str = include_str!("data/link_labels.txt");

/// Longest abbreviation looked up, in bytes; longer words are never abbreviations.
const MAX_ABBREVIATION_LEN: usize = 24;

/// Every word list, parsed once per [`Splitter`](super::Splitter).
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// Entries written with capitals: matched as written and in all capitals.
    cased: FastMap<Box<str>, AbbreviationKind>,
    /// Entries written in lower case: matched in any case (keys are lower case).
    caseless: FastMap<Box<str>, AbbreviationKind>,
    openers: FastSet<Box<str>>,
    time_words: FastSet<Box<str>>,
    /// Lower-cased labels, longest first.
    link_labels: Vec<Box<str>>,
}

impl Lexicon {
    /// The built-in lists plus `extra` abbreviations (treated as ambiguous).
    pub(crate) fn new<S: AsRef<str>>(extra: &[S]) -> Lexicon {
        let mut lexicon = Lexicon {
            cased: FastMap::default(),
            caseless: FastMap::default(),
            openers: words(OPENERS).map(Box::from).collect(),
            time_words: words(TIME_WORDS).map(Box::from).collect(),
            link_labels: lines(LINK_LABELS).map(|l| l.to_lowercase().into()).collect(),
        };
        lexicon.link_labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        let mut kind = AbbreviationKind::Ambiguous;
        for line in lines(ABBREVIATIONS) {
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                kind = section_kind(section);
                continue;
            }
            for word in line.split_whitespace() {
                lexicon.insert(word, kind);
            }
        }
        for word in extra {
            let word = word.as_ref().trim().trim_end_matches('.');
            if !word.is_empty() {
                lexicon.insert(word, AbbreviationKind::Ambiguous);
            }
        }
        lexicon
    }

    fn insert(&mut self, word: &str, kind: AbbreviationKind) {
        if word.chars().any(char::is_uppercase) {
            self.cased.insert(word.into(), kind);
            self.cased.insert(word.to_uppercase().into(), kind);
        } else {
            self.caseless.insert(word.into(), kind);
        }
    }

    /// The kind of abbreviation `word` (without its final period) is, if any.
    pub(crate) fn abbreviation(&self, word: &str) -> Option<AbbreviationKind> {
        if word.is_empty() || word.len() > MAX_ABBREVIATION_LEN {
            return None;
        }
        if let Some(&kind) = self.cased.get(word) {
            return Some(kind);
        }
        let mut buffer = [0u8; MAX_ABBREVIATION_LEN];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lower-casing ASCII bytes keeps valid UTF-8 valid.
        let lower = std::str::from_utf8(lower).ok()?;
        self.caseless.get(lower).copied()
    }

    /// True when `word` typically opens a sentence (`The`, `He`, `However`).
    pub(crate) fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(word)
    }

    /// True for weekdays, months and time zones (words that follow `a.m.`).
    pub(crate) fn is_time_word(&self, word: &str) -> bool {
        self.time_words.contains(word)
    }

    /// True when `line` opens with a link label and a colon (`Also read: ...`).
    pub(crate) fn starts_with_link_label(&self, line: &str) -> bool {
        // A label is short: its colon is among the first few bytes (and only those are
        // read, whatever the caller passes).
        let Some(colon) = line.bytes().take(48).position(|b| b == b':') else {
            return false;
        };
        let head = line[..colon].trim();
        head.len() <= 32
            && self
                .link_labels
                .iter()
                .any(|label| head.eq_ignore_ascii_case(label))
    }

    /// The abbreviations added beyond the built-in lists are not kept separately;
    /// this lists every abbreviation known, for introspection and tests.
    #[cfg(test)]
    pub(crate) fn knows(&self, word: &str) -> bool {
        self.abbreviation(word).is_some()
    }
}

fn section_kind(section: &str) -> AbbreviationKind {
    match section {
        "title" => AbbreviationKind::Title,
        "number" => AbbreviationKind::Number,
        "month" => AbbreviationKind::Month,
        "time" => AbbreviationKind::Time,
        "never" => AbbreviationKind::Never,
        "ambiguous" => AbbreviationKind::Ambiguous,
        other => panic!("data/abbreviations.txt: unknown section [{other}]"),
    }
}

/// Non-comment, non-blank lines of a data file, trimmed.
fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// White-space separated words of the non-comment lines of a data file.
fn words(data: &str) -> impl Iterator<Item = &str> {
    lines(data).flat_map(str::split_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_rules() {
        let lexicon = Lexicon::new::<&str>(&[]);
        assert_eq!(lexicon.abbreviation("Mr"), Some(AbbreviationKind::Title));
        assert_eq!(lexicon.abbreviation("MR"), Some(AbbreviationKind::Title));
        assert_eq!(lexicon.abbreviation("mr"), None);
        assert_eq!(lexicon.abbreviation("Co"), Some(AbbreviationKind::Ambiguous));
        assert_eq!(lexicon.abbreviation("CO"), Some(AbbreviationKind::Ambiguous));
        assert_eq!(lexicon.abbreviation("Ill"), Some(AbbreviationKind::Ambiguous));
        assert_eq!(lexicon.abbreviation("ill"), None);
        assert_eq!(lexicon.abbreviation("A.M"), Some(AbbreviationKind::Time));
        assert_eq!(lexicon.abbreviation("e.g"), Some(AbbreviationKind::Never));
        assert_eq!(lexicon.abbreviation("Sept"), Some(AbbreviationKind::Month));
    }

    #[test]
    fn extra_abbreviations_are_ambiguous() {
        let lexicon = Lexicon::new(&["Brgy.", "approx", "  "]);
        assert!(lexicon.knows("Brgy"));
        assert!(lexicon.knows("BRGY"));
        assert_eq!(lexicon.abbreviation("Brgy"), Some(AbbreviationKind::Ambiguous));
    }

    #[test]
    fn link_labels() {
        let lexicon = Lexicon::new::<&str>(&[]);
        assert!(lexicon.starts_with_link_label("Also read: \"Moscow supports victims\""));
        assert!(lexicon.starts_with_link_label("RECOMMENDED: more"));
        assert!(!lexicon.starts_with_link_label("The minister said: no"));
        assert!(!lexicon.starts_with_link_label("No colon here"));
    }
}
