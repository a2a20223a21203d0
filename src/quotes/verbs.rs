//! The reporting-verb lexicon: the verbs that introduce direct speech (`said`,
//! `told`, `wrote`, `stressed`, `tweeted`, …) in every form a cue takes, each mapped
//! to its lemma. The list is data (`data/reporting_verbs.txt`, compiled in), so a
//! linguist can read and extend it without reading the algorithm.
//!
//! ```
//! use presswork::quotes::verbs::ReportingVerbs;
//! let verbs = ReportingVerbs::english();
//! assert_eq!(verbs.lemma("Said"), Some("say"));
//! assert_eq!(verbs.lemma("wrote"), Some("write"));
//! assert_eq!(verbs.lemma("table"), None);
//! ```

use rustc_hash::FxHashMap;

use super::words::with_lower;
use std::sync::OnceLock;

/// The lexicon's text: one verb a line, lemma first, then its forms.
const ENGLISH: &str = include_str!("data/reporting_verbs.txt");

/// Longest form looked up (longer words are no reporting verb).
const MAX_FORM: usize = 32;

/// Reporting verbs by form.
#[derive(Debug)]
pub struct ReportingVerbs {
    /// Lower-case form → index of its lemma in `lemmas`.
    forms: FxHashMap<&'static str, usize>,
    lemmas: Vec<&'static str>,
}

impl ReportingVerbs {
    /// The English lexicon, parsed once.
    pub fn english() -> &'static ReportingVerbs {
        static ENGLISH_VERBS: OnceLock<ReportingVerbs> = OnceLock::new();
        ENGLISH_VERBS.get_or_init(|| ReportingVerbs::parse(ENGLISH))
    }

    /// Parses a lexicon in the format of `data/reporting_verbs.txt`.
    ///
    /// # Panics
    /// When a form belongs to two lemmas, or a form is longer than 32 bytes or not
    /// lower-case ASCII: the compiled-in list is checked by a test.
    fn parse(text: &'static str) -> ReportingVerbs {
        let mut forms = FxHashMap::default();
        let mut lemmas = Vec::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let mut words = line.split_whitespace();
            let Some(lemma) = words.next() else {
                continue;
            };
            let index = lemmas.len();
            lemmas.push(lemma);
            for form in std::iter::once(lemma).chain(words) {
                assert!(
                    form.len() <= MAX_FORM && form.bytes().all(|b| b.is_ascii_lowercase()),
                    "reporting verb form {form:?} is not a lower-case ASCII word"
                );
                if let Some(&other) = forms.get(form) {
                    assert_eq!(
                        lemmas[other], lemma,
                        "reporting verb form {form:?} belongs to two lemmas"
                    );
                } else {
                    forms.insert(form, index);
                }
            }
        }
        ReportingVerbs { forms, lemmas }
    }

    /// The lemma of `word` (any case) if it is a form of a reporting verb.
    pub fn lemma(&self, word: &str) -> Option<&'static str> {
        if word.len() > MAX_FORM || !word.is_ascii() {
            return None;
        }
        with_lower(word, |lower| self.forms.get(lower).map(|&i| self.lemmas[i]))
    }

    /// Number of verbs (lemmas).
    pub fn len(&self) -> usize {
        self.lemmas.len()
    }

    /// True when the lexicon lists no verb.
    pub fn is_empty(&self) -> bool {
        self.lemmas.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_list_parses_and_maps_forms_to_lemmas() {
        let verbs = ReportingVerbs::english();
        assert!(verbs.len() >= 90, "{}", verbs.len());
        for (form, lemma) in [
            ("said", "say"),
            ("SAYS", "say"),
            ("told", "tell"),
            ("written", "write"),
            ("tweeted", "tweet"),
            ("stressed", "stress"),
            ("insisting", "insist"),
            ("denied", "deny"),
            ("quoth", "quoth"),
        ] {
            assert_eq!(verbs.lemma(form), Some(lemma), "{form}");
        }
        for word in ["", "the", "sayings", "Paris", "saïd", &"said".repeat(20)] {
            assert_eq!(verbs.lemma(word), None, "{word}");
        }
    }

    #[test]
    #[should_panic(expected = "belongs to two lemmas")]
    fn a_form_of_two_lemmas_is_refused() {
        ReportingVerbs::parse("say said\nsaid told\n");
    }
}
