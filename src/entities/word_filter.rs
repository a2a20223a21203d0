//! A filter on the first two words of a mention. Under the whole-word rule a mention
//! that starts with a word starts with a whole word of the text, and the words of the
//! text, folded, are the words of the alias key. Most words of news text begin no alias
//! (`said`, `would`, `minister`), and most of those that do (`the`, `san`, `north`, an
//! initial) are not followed by the second word of one, so the walker asks this filter
//! before it walks the trie:
//!
//! * [`WordFilter::verdict`]: is some key this one word ([`Verdict::MAY_END`])? Then
//!   walk now. Does some key of two or more words start with it
//!   ([`Verdict::MAY_CONTINUE`])? Then wait for the next word of the text, and
//! * [`WordFilter::may_pair`]: do some key's first two words read like these two? Only
//!   then walk from the first.
//!
//! Words are separated by anything that is not a word character, and the filter ignores
//! what separates them (the walk checks it). It is a blocked one-hash Bloom filter over
//! all three kinds of entry, sized at 16 bits per distinct entry (about 6% false
//! positives, which cost a walk and nothing else). A word's two entries live in the
//! 64-byte block of the word, so a word of the text costs one cache line; a pair's entry
//! lives in the block of the pair's hash, asked for only after a word that may begin a
//! key of several words. (Pairs used to share their first word's block too, which
//! saturated the blocks of words that begin thousands of keys, `the` or an initial: at
//! 100k names every `the` of the text then looked like a key, and the failed walks from
//! them took 14% of the scan's instructions.) A word's hash is mixed once, as it is
//! made; the block comes from its top bits and its two entries from its low ones, with
//! no second mixing per look-up. Words are compared by their first [`MAX_WORD`] folded
//! bytes; longer words share their prefix's hash, which is never a false negative
//! either.

use crate::text::normalize::is_word_char;
use crate::text::space::decode_at;
use crate::text::swar;

/// Folded bytes of a word that the filter looks at.
pub(super) const MAX_WORD: usize = 64;

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Seed of the pair hash.
const PAIR: u64 = 0xA409_3822_299F_31D0;

/// Bits in a block: one cache line.
const BLOCK_BITS: usize = 512;

/// What [`WordFilter::verdict`] says of a word: two flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Verdict(u8);

impl Verdict {
    /// Some key may be this one word.
    pub(super) const MAY_END: u8 = 1;
    /// Some key of several words may start with this word.
    pub(super) const MAY_CONTINUE: u8 = 2;

    /// Neither: the word begins no key.
    #[inline(always)]
    pub(super) fn is_none(self) -> bool {
        self.0 == 0
    }

    /// True when the flag is set.
    #[inline(always)]
    pub(super) fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

/// The first words and first word pairs of the alias keys.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct WordFilter {
    blocks: Vec<[u64; BLOCK_BITS / 64]>,
    /// `64 - log2(block count)`: a hash's top bits pick the block.
    shift: u32,
}

impl WordFilter {
    /// The filter for `keys` (normalised alias keys). Keys that start with a character
    /// that is not a word character are not in it: the walker tries them from that
    /// character.
    pub(super) fn new(keys: &[String]) -> WordFilter {
        // (first word, entry) pairs.
        let mut entries = Vec::with_capacity(keys.len() * 2);
        for key in keys {
            let mut words = words(key);
            match (words.next(), words.next()) {
                (Some((0, first)), None) => entries.push((hash(first), whole(hash(first)))),
                (Some((0, first)), Some((_, second))) => {
                    let first = hash(first);
                    entries.push((first, first_of_many(first)));
                    let pair = pair(first, hash(second));
                    entries.push((pair, pair));
                }
                _ => {}
            }
        }
        // Keys share first words: count each entry once.
        entries.sort_unstable();
        entries.dedup();
        let block_count = (entries.len() * 16 / BLOCK_BITS).next_power_of_two().max(128);
        let mut filter = WordFilter {
            blocks: vec![[0; BLOCK_BITS / 64]; block_count],
            shift: 64 - block_count.trailing_zeros(),
        };
        for (word, entry) in entries {
            let block = filter.block_index(word);
            let (lane, bit) = bit_of(entry);
            filter.blocks[block][lane] |= bit;
        }
        filter
    }

    /// Both questions about one word in one look-up: [`Verdict::MAY_END`] unless no
    /// key is this word, [`Verdict::MAY_CONTINUE`] unless no key of several words
    /// starts with it.
    #[inline(always)]
    pub(super) fn verdict(&self, word: u64) -> Verdict {
        let block = self.block(word);
        let (end_lane, end_bit) = bit_of(whole(word));
        let (first_lane, first_bit) = bit_of(first_of_many(word));
        let ends = u8::from(block[end_lane] & end_bit != 0);
        let continues = u8::from(block[first_lane] & first_bit != 0);
        Verdict(ends | continues << 1)
    }

    /// False when no key's first two words are these.
    #[inline]
    pub(super) fn may_pair(&self, first: u64, second: u64) -> bool {
        let pair = pair(first, second);
        self.has(pair, pair)
    }

    /// Heap bytes of the filter.
    pub(super) fn memory_usage(&self) -> usize {
        self.blocks.len() * BLOCK_BITS / 8
    }

    #[inline]
    fn has(&self, word: u64, entry: u64) -> bool {
        let (lane, bit) = bit_of(entry);
        self.block(word)[lane] & bit != 0
    }

    /// The block of a word's entries.
    #[inline(always)]
    fn block(&self, word: u64) -> &[u64; BLOCK_BITS / 64] {
        let index = self.block_index(word);
        debug_assert!(index < self.blocks.len());
        // SAFETY: `shift` is 64 - log2(block count), so the index has at most
        // log2(block count) bits: it is in bounds.
        unsafe { self.blocks.get_unchecked(index) }
    }

    /// The block of a word's entries: the top bits of its hash, already well mixed.
    #[inline(always)]
    fn block_index(&self, word: u64) -> usize {
        (word >> self.shift) as usize
    }
}

/// The lane and bit of an entry inside its block: the entry's low nine bits.
#[inline(always)]
fn bit_of(entry: u64) -> (usize, u64) {
    let bit = entry as usize % BLOCK_BITS;
    (bit / 64, 1 << (bit % 64))
}

/// The entry "some key is this one word": low bits of the word's hash (the block
/// takes the top ones).
#[inline(always)]
fn whole(word: u64) -> u64 {
    word
}

/// The entry "some key of several words starts with this word": the next nine bits.
#[inline(always)]
fn first_of_many(word: u64) -> u64 {
    word >> 9
}

/// The entry "some key starts with these two words".
#[inline(always)]
fn pair(first: u64, second: u64) -> u64 {
    mix(first.rotate_left(23) ^ second ^ PAIR)
}

/// The words of a key (maximal runs of word characters) with their byte offsets.
fn words(key: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = key.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = *rest.by_ref().find(|&(_, c)| continues_word(c)).as_ref()?;
        let mut end = key.len();
        while let Some(&(i, c)) = rest.peek() {
            if !continues_word(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &key[start..end]))
    })
}

/// The [`WordHasher`] hash of a key's word.
fn hash(word: &str) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.push_all(word.as_bytes());
    hasher.finish()
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
            if self.count % 8 == 0 && self.count > 0 {
                // Eight bytes are in, and more come: mix them in.
                self.hash = mix(self.hash ^ self.pending);
                self.pending = 0;
            }
            self.pending |= u64::from(byte) << (8 * (self.count % 8));
            self.count += 1;
        }
    }

    /// Adds the next bytes of the word.
    #[inline]
    pub(super) fn push_all(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// True when no byte was pushed (a word of soft hyphens, which fold to nothing).
    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The word's hash: one multiplication for a word of up to eight bytes, one more
    /// for every eight after. The length goes into the top byte, which no ASCII
    /// letter or digit of the eighth place can turn into another length's.
    #[inline]
    pub(super) fn finish(self) -> u64 {
        mix(self.hash ^ self.pending ^ (self.count as u64) << 56)
    }
}

/// The word of ASCII letters and digits at `from`, eight bytes at a time: where it ends
/// and the hash that [`WordHasher`] gives its folded bytes (lower-cased when
/// `case_fold`). `None` when the word runs into a non-ASCII character that continues
/// it (`é`), or into the last eight bytes of the text: fold it character by character
/// then. A non-ASCII character that ends it (`’`, `”`, `—`, a no-break space) does not.
#[inline]
pub(super) fn hash_ascii_word(text: &[u8], from: usize, case_fold: bool) -> Option<(usize, u64)> {
    let mut at = from;
    loop {
        if at + 8 > text.len() {
            return None;
        }
        let stop = !swar::alphanumeric(swar::load(text, at)) & swar::HIGH;
        if stop == 0 {
            at += 8;
            continue;
        }
        let end = at + (stop.trailing_zeros() / 8) as usize;
        if text[end] >= 0x80 && continues_word(decode_at(text, end)) {
            return None;
        }
        // The last eight-byte read of the hash starts before `end`, and eight bytes
        // from `at` (at most `end`) are text: so are seven past `end`.
        return Some((end, hash_known_ascii_word(text, from, end - from, case_fold)));
    }
}

/// The hash [`WordHasher`] gives the folded bytes of the ASCII word of `len` letters
/// and digits at `from` (lower-cased when `case_fold`), read eight bytes at a time:
/// the text must go on for eight bytes past the word.
#[inline(always)]
pub(super) fn hash_known_ascii_word(text: &[u8], from: usize, len: usize, case_fold: bool) -> u64 {
    let case = if case_fold { swar::CASE_BIT } else { 0 };
    let hashed = len.min(MAX_WORD);
    let mut hash = 0;
    let mut at = from;
    let mut left = hashed;
    while left > 8 {
        hash = mix(hash ^ (swar::load(text, at) | case));
        at += 8;
        left -= 8;
    }
    let last = if left > 0 {
        swar::first_lanes(swar::load(text, at) | case, left)
    } else {
        0
    };
    mix(hash ^ last ^ (hashed as u64) << 56)
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

    fn may_end(filter: &WordFilter, word: u64) -> bool {
        filter.verdict(word).has(Verdict::MAY_END)
    }

    fn may_continue(filter: &WordFilter, word: u64) -> bool {
        filter.verdict(word).has(Verdict::MAY_CONTINUE)
    }

    fn keys(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn splits_keys_into_words() {
        let found: Vec<(usize, &str)> = words("u.s. army's 'x").collect();
        assert_eq!(found, [(0, "u"), (2, "s"), (5, "army"), (10, "s"), (13, "x")]);
        assert_eq!(words("kremlin").collect::<Vec<_>>(), [(0, "kremlin")]);
        assert_eq!(words("").count(), 0);
    }

    #[test]
    fn never_misses_a_key() {
        let filter = WordFilter::new(&keys(&[
            "vladimir putin",
            "u.s. army",
            "'ndrangheta",
            "straße",
            "kremlin",
        ]));
        for word in ["straße", "kremlin"] {
            assert!(may_end(&filter, hash(word)), "{word}");
        }
        for (first, second) in [("vladimir", "putin"), ("u", "s")] {
            assert!(may_continue(&filter, hash(first)), "{first}");
            assert!(filter.may_pair(hash(first), hash(second)), "{first} {second}");
        }
        // A key that starts outside a word is left to the walker: it adds nothing.
        let without = WordFilter::new(&keys(&["vladimir putin", "u.s. army", "straße", "kremlin"]));
        assert_eq!(filter, without);
        let absent = [
            may_end(&filter, hash("vladimir")),
            may_end(&filter, hash("said")),
            may_continue(&filter, hash("kremlin")),
            may_continue(&filter, hash("putin")),
            filter.may_pair(hash("vladimir"), hash("lenin")),
            filter.may_pair(hash("putin"), hash("vladimir")),
        ];
        assert!(absent.iter().filter(|&&yes| yes).count() <= 1, "{absent:?}");
    }

    #[test]
    fn long_words_compare_by_their_prefix() {
        let long = "a".repeat(200);
        let filter = WordFilter::new(std::slice::from_ref(&long));
        assert!(may_end(&filter, hashed(&long[..MAX_WORD]).finish()));
        assert!(may_end(&filter, hashed(&long[..150]).finish()));
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
            for tail in [
                " said",
                ", and the rest of it",
                "’s",
                "’s own words",
                "\u{a0}etc",
                "",
            ] {
                let text = format!("{word}{tail}");
                let folded = word.to_ascii_lowercase();
                let fast = hash_ascii_word(text.as_bytes(), 0, true);
                let goes_on = format!("{word}é and more");
                assert_eq!(
                    hash_ascii_word(goes_on.as_bytes(), 0, true),
                    None,
                    "{goes_on:?} goes on after the ASCII letters"
                );
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
