//! Role nouns: the words news text uses for a person's office or function
//! (`spokeswoman`, `minister`, `the official`), as data (`data/role_nouns.txt`, compiled
//! in) that cues and speakers both consult.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The list's text.
const ROLE_NOUNS: &str = include_str!("data/role_nouns.txt");

/// Every role noun of the list.
pub(super) fn role_nouns() -> impl Iterator<Item = &'static str> {
    ROLE_NOUNS
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .flat_map(str::split_whitespace)
}

/// Whether `word` (lower case) is a role noun.
pub(super) fn is_role_noun(word: &str) -> bool {
    role_noun(word).is_some()
}

/// The list's own copy of `word` (lower case) if it is a role noun, so a role can be
/// kept without allocating.
pub(super) fn role_noun(word: &str) -> Option<&'static str> {
    static NOUNS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    NOUNS.get_or_init(|| role_nouns().collect()).get(word).copied()
}

/// Role nouns that stand for an organisation (`the company`, `the ministry`).
pub(super) const ORG_ROLES: &[&str] = &[
    "company",
    "firm",
    "group",
    "regulator",
    "ministry",
    "agency",
    "bank",
    "government",
    "embassy",
    "department",
    "retailer",
    "chain",
    "carmaker",
    "maker",
    "organisation",
    "organization",
    "office",
    "administration",
    "committee",
    "council",
    "party",
    "newspaper",
    "broadcaster",
    "kremlin",
    "commission",
    "court",
    "union",
    "army",
    "police",
];

/// Whether `word` (lower case) is a role noun of an organisation.
pub(super) fn is_org_role(word: &str) -> bool {
    ORG_ROLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read() {
        for word in ["spokeswoman", "minister", "official", "eyewitness"] {
            assert!(is_role_noun(word), "{word}");
        }
        for word in ["said", "the", "#", "Spokeswoman"] {
            assert!(!is_role_noun(word), "{word}");
        }
    }
}
