//! Word classes for the speaker layer, looked up once per capitalised word: one Fx-hash
//! probe (two for a word listed only in lower case) instead of scanning the title,
//! organisation, place and time lists; and the small text helpers the quote layers
//! share (lower case without allocating, character boundaries).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::gender::{self, Gender};
use super::roles::role_nouns;

/// English function words (lower case): capitalised, they open sentences.
const FUNCTION_WORDS: &str = "the a an he she it they we i you in on at for as but and or if \
    when after before this that these those there his her their its our my your with from by to \
    of while since during not no yes so also then meanwhile however although though because \
    what who why how where which some many most all one two three earlier later last next \
    according despite under over about among between against into until unless both each \
    every such here now today yesterday asked speaking even still only just more other \
    another instead indeed";

/// What a word is, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Class(u16);

impl Class {
    /// A title before a name (`President`, `Dr`, `Sen`, `Spokeswoman`, `Mrs`).
    pub(super) const TITLE: u16 = 1;
    /// A word of an organisation's name (`Ministry`, `Corp`).
    pub(super) const ORG: u16 = 2;
    /// A word of a place's name (`States`, `Hall`).
    pub(super) const PLACE: u16 = 4;
    /// A weekday or month (`Monday`, `Sept`).
    pub(super) const TIME: u16 = 8;
    /// A title or role word that says the person is a woman.
    pub(super) const FEMALE: u16 = 16;
    /// A title or role word that says the person is a man.
    pub(super) const MALE: u16 = 32;
    /// An English function word (`The`, `He`, `After`), which opens sentences and
    /// never names anyone.
    pub(super) const FUNCTION: u16 = 64;

    /// Whether every flag of `flags` is set.
    pub(super) fn has(self, flags: u16) -> bool {
        self.0 & flags == flags
    }

    /// The gender the word tells, if it tells one.
    pub(super) fn gender(self) -> Option<Gender> {
        if self.has(Class::FEMALE) {
            Some(Gender::Female)
        } else if self.has(Class::MALE) {
            Some(Gender::Male)
        } else {
            None
        }
    }
}

/// The class of `word` (a final period ignored), built once from the speaker layer's
/// lists: the exact word first, then its lower-case form for the role nouns and the
/// gendered titles.
pub(super) fn class_of(word: &str) -> Class {
    use super::speakers::{COMPANY_WORDS, ORG_WORDS, PLACE_WORDS, TIME_WORDS, TITLES, TITLE_ROLES};
    static MAP: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map: FxHashMap<&'static str, u16> = FxHashMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &'static str>, flag: u16| {
            for w in words {
                *map.entry(w).or_default() |= flag;
            }
        };
        add(&mut TITLES.iter().copied(), Class::TITLE);
        add(&mut TITLE_ROLES.iter().map(|(t, _)| *t), Class::TITLE);
        // `Co` tells which organisation `the company` is, but does not make a run one.
        let company = COMPANY_WORDS.iter().filter(|w| **w != "Co");
        add(&mut ORG_WORDS.iter().chain(company).copied(), Class::ORG);
        add(&mut PLACE_WORDS.iter().copied(), Class::PLACE);
        add(&mut TIME_WORDS.iter().copied(), Class::TIME);
        for word in FUNCTION_WORDS.split_whitespace() {
            let capitalised: &'static str = Box::leak(capitalise(word).into_boxed_str());
            *map.entry(capitalised).or_default() |= Class::FUNCTION;
        }
        // Role nouns and gendered titles, lower case and capitalised (`Spokeswoman`).
        for (word, flag) in role_nouns()
            .map(|w| (w, Class::TITLE))
            .chain(gender::titles().map(|(w, g)| (w, gender_flags(Some(g)))))
        {
            *map.entry(word).or_default() |= flag;
            let capitalised: &'static str = Box::leak(capitalise(word).into_boxed_str());
            *map.entry(capitalised).or_default() |= flag;
        }
        map
    });
    let word = word.strip_suffix('.').unwrap_or(word);
    if let Some(&flags) = map.get(word) {
        return Class(flags);
    }
    // Not capitalised as listed: its lower-case form may still be a role or a title
    // (`SPOKESWOMAN`). Every listed word is in the map capitalised too, so a word with
    // no capital past its first letter (most names) has no other form to try.
    if !word.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
        return Class(0);
    }
    with_lower(word, |lower| {
        let flags = map.get(lower).copied().unwrap_or(0);
        Class(flags & (Class::TITLE | Class::FEMALE | Class::MALE))
    })
}

/// Calls `f` with `word` in lower case, without allocating for a short ASCII word.
pub(super) fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    const SHORT: usize = 32;
    if word.len() <= SHORT && word.is_ascii() {
        let mut buffer = [0u8; SHORT];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
    } else {
        f(&word.to_lowercase())
    }
}

/// The last character boundary of `text` at or before `at`.
pub(super) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first character boundary of `text` at or after `at`.
pub(super) fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn gender_flags(gender: Option<Gender>) -> u16 {
    match gender {
        Some(Gender::Female) => Class::FEMALE,
        Some(Gender::Male) => Class::MALE,
        None => 0,
    }
}

/// `word` with its first letter in upper case.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
