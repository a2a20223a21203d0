//! What the walker needs to know of a non-ASCII character, worked out once per matcher
//! for the characters news text is full of.
//!
//! Folding a character ([`Normalizer::fold_char`]: its typographic and case folds) and
//! asking whether it continues a word take Unicode table look-ups and a dozen branches
//! each; curly quotes, dashes, no-break spaces, `°`, `€` and accented letters come by
//! the thousand per megabyte of news. The table answers for every two-byte character
//! (U+0080–U+07FF: Latin, Greek, Cyrillic, Hebrew, Arabic) and for General Punctuation and
//! Currency Symbols (U+2000–U+20FF) with one indexed load; other characters, and the few
//! whose fold is longer than four bytes, go the slow way.

use super::word_filter::continues_word;
use crate::text::normalize::{Normalizer, Replacement};
use crate::text::space::is_space;

/// The two ranges the table covers, one after the other.
const TWO_BYTE: std::ops::Range<u32> = 0x80..0x800;
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2100;

const WORD: u8 = 1;
const SPACE: u8 = 2;
const MAY_START: u8 = 4;

/// One character's facts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct CharFacts {
    /// Its folded form, UTF-8 (`'` for `’`, `ss` for `ß`, nothing for a soft hyphen).
    folded: [u8; 4],
    len: u8,
    flags: u8,
}

impl CharFacts {
    /// The bytes the character feeds the trie (unused for folded white space).
    #[inline]
    pub(super) fn folded(&self) -> &[u8] {
        &self.folded[..usize::from(self.len)]
    }

    /// Whether it continues a word (a letter, digit, combining mark or soft hyphen).
    #[inline]
    pub(super) fn continues_word(&self) -> bool {
        self.flags & WORD != 0
    }

    /// Whether it is white space that the normaliser folds with its neighbours.
    #[inline]
    pub(super) fn is_folded_space(&self) -> bool {
        self.flags & SPACE != 0
    }

    /// Whether a key may start with what it folds to.
    #[inline]
    pub(super) fn may_start(&self) -> bool {
        self.flags & MAY_START != 0
    }
}

/// [`CharFacts`] of the covered characters; `None` where the slow way must answer.
#[derive(Clone, Debug)]
pub(super) struct CharTable {
    facts: Box<[Option<CharFacts>]>,
}

impl CharTable {
    /// The facts under `normalizer`, with `key_starts` saying which bytes begin a key.
    pub(super) fn new(normalizer: &Normalizer, key_starts: &[bool; 256]) -> CharTable {
        let facts = TWO_BYTE
            .chain(PUNCTUATION)
            .map(|code| char::from_u32(code).and_then(|c| facts_of(c, normalizer, key_starts)))
            .collect();
        CharTable { facts }
    }

    /// A table that knows nothing (every character goes the slow way).
    pub(super) fn empty() -> CharTable {
        CharTable { facts: Box::new([]) }
    }

    /// The facts of `c`, when the table has them.
    #[inline]
    pub(super) fn get(&self, c: char) -> Option<&CharFacts> {
        let code = u32::from(c);
        let index = if TWO_BYTE.contains(&code) {
            code - TWO_BYTE.start
        } else if PUNCTUATION.contains(&code) {
            code - PUNCTUATION.start + TWO_BYTE.len() as u32
        } else {
            return None;
        };
        self.facts.get(index as usize)?.as_ref()
    }

    /// Heap bytes held.
    pub(super) fn memory_usage(&self) -> usize {
        std::mem::size_of_val(&*self.facts)
    }
}

/// Works out `c`'s facts the slow way; `None` when its fold is longer than four bytes.
fn facts_of(c: char, normalizer: &Normalizer, key_starts: &[bool; 256]) -> Option<CharFacts> {
    let mut facts = CharFacts::default();
    if continues_word(c) {
        facts.flags |= WORD;
    }
    if normalizer.spaces && is_space(c) {
        facts.flags |= SPACE;
        if key_starts[usize::from(b' ')] || key_starts[usize::from(b'\n')] {
            facts.flags |= MAY_START;
        }
        return Some(facts);
    }
    let mut folded = String::new();
    match normalizer.fold_char(c) {
        Replacement::Keep => folded.push(c),
        Replacement::Char(r) => folded.push(r),
        Replacement::Str(s) => folded.push_str(s),
        Replacement::Lower(lower) => folded.extend(lower),
    }
    if folded.len() > facts.folded.len() {
        return None;
    }
    facts.folded[..folded.len()].copy_from_slice(folded.as_bytes());
    facts.len = folded.len() as u8;
    // A character that folds to nothing lets a key start with whatever follows it.
    if folded
        .bytes()
        .next()
        .is_none_or(|first| key_starts[usize::from(first)])
    {
        facts.flags |= MAY_START;
    }
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::MatchOptions;

    fn table(options: MatchOptions, starts: &[u8]) -> CharTable {
        let mut key_starts = [false; 256];
        for &b in starts {
            key_starts[usize::from(b)] = true;
        }
        CharTable::new(&options.normalizer(), &key_starts)
    }

    #[test]
    fn agrees_with_the_slow_way() {
        let options = MatchOptions::default();
        let normalizer = options.normalizer();
        let table = table(options, b"'\"as");
        let facts = |c: char| *table.get(c).expect("tabled");
        assert_eq!(facts('’').folded(), b"'");
        assert!(facts('’').may_start() && !facts('’').continues_word());
        assert_eq!(facts('“').folded(), b"\"");
        assert_eq!(facts('—').folded(), b"-");
        assert!(!facts('—').may_start());
        assert_eq!(facts('É').folded(), "é".as_bytes());
        assert!(facts('É').continues_word());
        assert_eq!(facts('ß').folded(), b"ss");
        assert!(facts('ß').may_start());
        assert_eq!(facts('\u{AD}').folded(), b"");
        assert!(facts('\u{AD}').may_start() && facts('\u{AD}').continues_word());
        assert!(facts('\u{A0}').is_folded_space());
        assert!(facts('€').folded() == "€".as_bytes() && !facts('€').continues_word());
        assert_eq!(facts('…').folded(), b"...");
        assert!(table.get('漢').is_none() && table.get('a').is_none());
        for c in ['°', 'ø', 'Ж', 'ά', '\u{2009}'] {
            assert_eq!(facts(c).continues_word(), continues_word(c), "{c}");
            assert_eq!(
                facts(c).is_folded_space(),
                normalizer.spaces && is_space(c),
                "{c}"
            );
        }
    }

    #[test]
    fn follows_the_options() {
        let plain = MatchOptions {
            case_sensitive: true,
            normalize_punctuation: false,
            normalize_spaces: false,
            ..MatchOptions::default()
        };
        let table = table(plain, b"");
        let facts = |c: char| *table.get(c).expect("tabled");
        assert_eq!(facts('’').folded(), "’".as_bytes());
        assert_eq!(facts('É').folded(), "É".as_bytes());
        assert!(!facts('\u{A0}').is_folded_space());
        assert!(!facts('É').may_start());
    }
}
