//! A filter on first words: under the whole-word rule a mention that starts with a word
//! starts with a whole word of the text, and that word, folded, is the first word of the
//! alias key. Most words of news text begin no alias (`said`, `would`, `minister`), so
//! the walker asks this filter before it walks the trie from a word.
//!
//! The filter is a one-hash Bloom filter over the keys' first words, sized at 16 bits
//! per word (about 6% false positives, which cost a walk and nothing else). Words are
//! compared by their first [`MAX_WORD`] folded bytes; longer words share their prefix's
//! hash, which is still never a false negative.

use crate::text::normalize::is_word_char;
use crate::text::swar;

/// Folded bytes of a word that the filter looks at.
pub(super) const MAX_WORD: usize = 64;

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// The first words of the alias keys.
#[derive(Clone, Debug)]
pub(super) struct FirstWords {
    bits: Vec<u64>,
    /// `64 - log2(bit count)`: a hash's top bits index the filter.
    shift: u32,
}

impl FirstWords {
    /// The filter for `keys` (normalised alias keys). Keys that start with a character
    /// that is not a word character have no first word and are not in it.
    pub(super) fn new(keys: &[String]) -> FirstWords {
        let words: Vec<&str> = keys
            .iter()
            .map(|key| first_word(key))
            .filter(|w| !w.is_empty())
            .collect();
        let bit_count = (words.len() * 16).next_power_of_two().max(1 << 16);
        let mut filter = FirstWords {
            bits: vec![0; bit_count / 64],
            shift: 64 - bit_count.trailing_zeros(),
        };
        for word in words {
            let mut hasher = WordHasher::default();
            hasher.push_all(word.as_bytes());
            let bit = filter.bit(hasher.finish());
            filter.bits[bit / 64] |= 1 << (bit % 64);
        }
        filter
    }

    /// False when no key starts with the word of this hash (see [`WordHasher`]).
    #[inline]
    pub(super) fn may_contain(&self, hash: u64) -> bool {
        let bit = self.bit(hash);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Heap bytes of the filter.
    pub(super) fn memory_usage(&self) -> usize {
        self.bits.len() * 8
    }

    #[inline]
    fn bit(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }
}

/// The leading run of word characters of a key.
fn first_word(key: &str) -> &str {
    let end = key
        .char_indices()
        .find(|&(_, c)| !continues_word(c))
        .map_or(key.len(), |(i, _)| i);
    &key[..end]
}

/// Word characters as the walker sees them: letters, digits, combining marks, and the
/// soft hyphen, which only ever sits inside a word.
#[inline]
pub(super) fn continues_word(c: char) -> bool {
    // General punctuation (curly quotes, dashes, spaces) first: no letter lives there,
    // and news text is full of them.
    !matches!(c, '\u{2000}'..='\u{206F}') && (is_word_char(c) || c == '\u{AD}')
}

/// Hashes a word byte by byte, eight bytes to a step, in registers: the walker feeds
/// it while it folds a word of the text, the filter while it reads a key. Bytes past
/// [`MAX_WORD`] are ignored.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct WordHasher {
    hash: u64,
    pending: u64,
    count: usize,
}

impl WordHasher {
    /// Adds the next byte of the word.
    #[inline(always)]
    pub(super) fn push(&mut self, byte: u8) {
        if self.count < MAX_WORD {
            self.pending |= u64::from(byte) << (8 * (self.count % 8));
            self.count += 1;
            if self.count % 8 == 0 {
                self.hash = mix(self.hash ^ self.pending);
                self.pending = 0;
            }
        }
    }

    /// Adds the next bytes of the word.
    #[inline]
    pub(super) fn push_all(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// The word's hash; its top bits are the well-mixed ones.
    #[inline]
    pub(super) fn finish(self) -> u64 {
        let hash = if self.count % 8 == 0 {
            self.hash
        } else {
            mix(self.hash ^ self.pending)
        };
        mix(hash ^ self.count as u64)
    }
}

/// The word of ASCII letters and digits at `from`, eight bytes at a time: where it ends
/// and the hash that [`WordHasher`] gives its folded bytes (lower-cased when
/// `case_fold`). `None` when the word runs into a non-ASCII character, which may
/// continue it, or into the last eight bytes of the text: fold it character by
/// character then.
#[inline]
pub(super) fn hash_ascii_word(text: &[u8], from: usize, case_fold: bool) -> Option<(usize, u64)> {
    let mut hash = 0;
    let mut count = 0;
    let mut at = from;
    loop {
        if at + 8 > text.len() {
            return None;
        }
        let word = swar::load(text, at);
        let folded = if case_fold { word | swar::CASE_BIT } else { word };
        let stop = !swar::alphanumeric(word) & swar::HIGH;
        if stop == 0 {
            if count < MAX_WORD {
                hash = mix(hash ^ folded);
                count += 8;
            }
            at += 8;
            continue;
        }
        let run = (stop.trailing_zeros() / 8) as usize;
        if text[at + run] >= 0x80 {
            return None;
        }
        if run > 0 && count < MAX_WORD {
            hash = mix(hash ^ swar::first_lanes(folded, run));
            count += run;
        }
        return Some((at + run, mix(hash ^ count as u64)));
    }
}

#[inline(always)]
fn mix(h: u64) -> u64 {
    let h = h.wrapping_mul(MULTIPLIER);
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(word: &str) -> WordHasher {
        let mut hasher = WordHasher::default();
        hasher.push_all(word.as_bytes());
        hasher
    }

    #[test]
    fn never_misses_a_first_word() {
        let keys: Vec<String> = [
            "vladimir putin",
            "u.s. army",
            "'ndrangheta",
            "ßtraße x",
            "kremlin",
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        let filter = FirstWords::new(&keys);
        for word in ["vladimir", "u", "ßtraße", "kremlin"] {
            assert!(filter.may_contain(hashed(word).finish()), "{word}");
        }
        let absent = ["said", "would", "minister", "the", "putin", "army"];
        assert!(
            absent
                .iter()
                .filter(|w| filter.may_contain(hashed(w).finish()))
                .count()
                <= 1
        );
    }

    #[test]
    fn long_words_compare_by_their_prefix() {
        let long = "a".repeat(200);
        let filter = FirstWords::new(std::slice::from_ref(&long));
        assert!(filter.may_contain(hashed(&long[..MAX_WORD]).finish()));
        assert!(filter.may_contain(hashed(&long[..150]).finish()));
        assert_eq!(hashed(&long).finish(), hashed(&long[..MAX_WORD]).finish());
        assert_ne!(hashed("abcdefgh").finish(), hashed("abcdefg").finish());
    }

    #[test]
    fn the_ascii_fast_path_hashes_like_the_hasher() {
        let words = [
            "a",
            "Putin",
            "Kremlin",
            "Ministry",
            "Internationalisation",
            "U2",
            "x".repeat(70).leak(),
        ];
        for word in words {
            for tail in [" said", ", and the rest of it", "’s", ""] {
                let text = format!("{word}{tail}");
                let folded = word.to_ascii_lowercase();
                let fast = hash_ascii_word(text.as_bytes(), 0, true);
                if tail.starts_with('’') {
                    assert_eq!(fast, None, "{text:?} may go on after the word");
                    continue;
                }
                if tail.len() >= 8 {
                    assert!(fast.is_some(), "{text:?}");
                }
                let Some(fast) = fast else { continue };
                assert_eq!(fast, (word.len(), hashed(&folded).finish()), "{text:?}");
                let exact = hash_ascii_word(text.as_bytes(), 0, false);
                assert_eq!(exact, Some((word.len(), hashed(word).finish())), "{text:?}");
            }
        }
    }
}
