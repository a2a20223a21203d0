//! The plain ASCII words of a 64-byte block, hashed, for the walker's fast path.
//!
//! The walker's byte loop ([`super::walk`]) handles everything: non-ASCII letters,
//! curly quotes, characters that may start a key, words that run past the end of the
//! text. Most of news text needs none of that: ASCII words separated by spaces and
//! plain punctuation. [`BlockWords::read`] takes a block's byte classes
//! ([`crate::text::block`]) and lists the words it can vouch for, from the start of
//! the block up to the first byte that needs the byte loop, each with the hash
//! [`super::word_filter::WordHasher`] gives its folded bytes and the filter's verdict
//! on it ([`WordFilter::verdict`]). The look-ups of a block's words do not depend on
//! each other, so their cache misses overlap, and the walker then passes over the
//! words that begin no key (most of them) with one test each.
//!
//! A word is listed when it starts in the block before the first high or marked byte
//! (see [`BlockClasses`]), and ends inside the block at an ASCII byte: a word that
//! runs into a non-ASCII character may go on (`Zoë`), and one that runs past the block
//! is not known whole.

use super::word_filter::{hash_known_ascii_word, Verdict, WordFilter};
use crate::text::block::{BlockClasses, BLOCK};

/// Most words a block can hold: one letter and one separator each.
const MAX_WORDS: usize = BLOCK / 2;

/// A listed word: byte offsets in the text, the hash of its folded bytes and what the
/// filter says of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct BlockWord {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) hash: u64,
    pub(super) verdict: Verdict,
}

/// The listed words of one block, and where the fast path stops.
#[derive(Clone, Debug)]
pub(super) struct BlockWords {
    words: [BlockWord; MAX_WORDS],
    len: usize,
    /// Text offset where the byte loop must take over: the first word not listed, or
    /// the first high or marked byte, or the end of the block.
    pub(super) resume: usize,
}

impl Default for BlockWords {
    fn default() -> Self {
        BlockWords {
            words: [BlockWord::default(); MAX_WORDS],
            len: 0,
            resume: 0,
        }
    }
}

impl BlockWords {
    /// Lists the words of the block at `at`, whose classes are `classes`, with the
    /// verdict of `filter` on each. `at` must be where no word goes on from before (a
    /// letter there starts a word), with eight bytes of text after the block (words
    /// are hashed eight bytes at a time). The look-ups of a block's words are
    /// independent of each other, so their cache misses overlap.
    #[inline]
    pub(super) fn read(
        &mut self,
        text: &[u8],
        at: usize,
        classes: BlockClasses,
        case_fold: bool,
        filter: &WordFilter,
    ) {
        debug_assert!(at + BLOCK + 8 <= text.len());
        let stops = classes.high | classes.marked;
        // Bits from the first stop on are out.
        let before_stop = stops.wrapping_sub(1) & !stops;
        let alnum = classes.alnum;
        let mut starts = alnum & !(alnum << 1) & before_stop;
        self.len = 0;
        self.resume = at + (stops.trailing_zeros() as usize).min(BLOCK);
        while starts != 0 {
            let start = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let end = start + (!(alnum >> start)).trailing_zeros() as usize;
            if end >= BLOCK || classes.high & (1 << end) != 0 {
                self.resume = at + start;
                break;
            }
            let hash = hash_known_ascii_word(text, at + start, end - start, case_fold);
            // A block of 64 bytes holds at most 32 words, each followed by a byte.
            debug_assert!(self.len < MAX_WORDS);
            // SAFETY: every listed word is followed by a byte of the block that is not
            // a letter or digit, so at most BLOCK / 2 = MAX_WORDS words are listed.
            *unsafe { self.words.get_unchecked_mut(self.len) } = BlockWord {
                start: at + start,
                end: at + end,
                hash,
                verdict: filter.verdict(hash),
            };
            self.len += 1;
        }
    }

    /// The listed words, in order.
    #[inline]
    pub(super) fn words(&self) -> &[BlockWord] {
        &self.words[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::super::word_filter::hash_ascii_word;
    use super::*;
    use crate::text::block::classify;

    fn listed(text: &str, marks: &[u8]) -> (Vec<String>, usize) {
        let padded = format!("{text:<80}");
        let bytes = padded.as_bytes();
        let mut words = BlockWords::default();
        let filter = WordFilter::new(&["putin".to_string(), "said it".to_string()]);
        words.read(bytes, 0, classify(bytes, 0, marks), true, &filter);
        let found = words
            .words()
            .iter()
            .map(|w| padded[w.start..w.end].to_string())
            .collect();
        for w in words.words() {
            assert_eq!(hash_ascii_word(bytes, w.start, true), Some((w.end, w.hash)));
            assert_eq!(w.verdict, filter.verdict(w.hash));
        }
        (found, words.resume)
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn lists_words_up_to_the_first_stop() {
        assert_eq!(
            listed("Putin said, it is", &[]),
            (strings(&["Putin", "said", "it", "is"]), 64)
        );
        assert_eq!(listed("He said “no”", &[]), (strings(&["He", "said"]), 8));
        // A word running into a non-ASCII byte may go on: not listed.
        assert_eq!(listed("Putin met Zoë", &[]), (strings(&["Putin", "met"]), 10));
        assert_eq!(listed("say 'Ndrangheta", b"'"), (strings(&["say"]), 4));
        assert_eq!(listed("'x", b"'"), (strings(&[]), 0));
    }

    #[test]
    fn a_word_running_past_the_block_is_left_to_the_byte_loop() {
        let text = format!("{} {}", "a".repeat(60), "abcdefghij");
        assert_eq!(listed(&text, &[]), (strings(&[&text[..60]]), 61));
        let long = "x".repeat(70);
        assert_eq!(listed(&long, &[]), (strings(&[]), 0));
        let exact = format!("{} ", "y".repeat(63));
        assert_eq!(listed(&exact, &[]), (strings(&[&exact[..63]]), 64));
    }
}
