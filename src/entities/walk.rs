//! Matching by walking the alias trie, folding the text on the fly.
//!
//! An unanchored Aho-Corasick scan reports the leftmost-longest match of the raw
//! patterns; with whole words that match may fail the word rule and hide a shorter one
//! that passes, and with folded text the scan needs a folded copy of the document and a
//! map back to its offsets. The [`Walker`] avoids both. It visits every position where a
//! mention may start (a character boundary that does not continue a word) and walks the
//! anchored automaton of the alias keys from there, folding each character of the
//! original text as it feeds it (ASCII case through a table, everything else through
//! [`Normalizer::fold_char`] and [`space_run`]), so
//!
//! * every match already lies on character boundaries of the original: no copy of the
//!   text and no offset map;
//! * a match counts only where it ends at a word end, and the longest such match at the
//!   leftmost start wins, which is exactly "leftmost-longest among whole-word
//!   candidates";
//! * overlapping mode reports every match of every walk, already sorted by start then end.
//!
//! A walk from a position stops at the first byte that leaves the trie, so it costs a
//! few transitions at most positions, and never more than the longest alias. Inside a
//! word no walk starts at all, and a word that begins no alias, or is not followed by
//! the second word of one, is skipped whole (see [`super::word_filter`]).
//!
//! Most of news text is plain ASCII words, spaces, punctuation and the odd curly quote.
//! The walker takes such text 64 bytes at a time ([`Walker::block_step`]): the block's
//! byte classes as bitmasks ([`crate::text::block`]), its words listed, hashed and
//! looked up in the filter in one pass ([`super::block_words`]), and only the words the
//! filter lets through taken one by one. Everything else (a letter with an accent, a
//! character that may start a key, a word that runs past the block) goes through the
//! byte loop ([`Walker::byte_step`]), one character or word at a time; both make the
//! same decisions, which a randomized test checks against walking from every boundary.

use super::block_words::BlockWords;
use super::char_table::{CharFacts, CharTable};
use super::matcher::{BuildError, MatchOptions, PatternIndex};
use super::trie::{ChainRun, State, Trie};
use super::word_filter::{continues_word, hash_ascii_word, Verdict, WordFilter, WordHasher};
use crate::text::normalize::{space_run, Normalizer, Replacement};
use crate::text::space::{decode_at, decode_before, is_ascii_space, is_space};
use crate::text::{block, swar};

/// In [`Walker::feeds`]: this byte needs [`Walker::feed_char`].
const SLOW: u8 = 0xFF;

/// Finds mentions by walking the alias trie from every position where one may start.
///
/// The trie is [`Trie`], laid out for anchored walks. aho-corasick's DFA was measured
/// too: no faster on news text at 1k aliases and slower from 10k on, where its tables
/// (4 bytes × byte classes × states) leave the cache.
#[derive(Clone, Debug)]
pub(super) struct Walker {
    trie: Trie,
    /// By byte: whether any key starts with it (in its folded form).
    key_starts: [bool; 256],
    /// By the first byte at a position (ASCII only; every non-ASCII byte says yes):
    /// whether any key starts with what that byte folds to.
    may_start: [bool; 256],
    /// The ASCII bytes outside words for which `may_start` says yes.
    starters: Vec<u8>,
    /// By byte: what an ASCII byte feeds the trie (lower-cased when folding case), or
    /// [`SLOW`] for the first byte of a non-ASCII character and, when folding white
    /// space, for white space: one table look-up and one branch per byte of a walk.
    feeds: [u8; 256],
    /// The folds and classes of common non-ASCII characters.
    chars: CharTable,
    /// The keys' first two words, with the whole-word rule.
    words: Option<WordFilter>,
    normalizer: Normalizer,
    overlapping: bool,
}

impl Walker {
    /// Compiles `keys`, the matching forms of the aliases (distinct, non-empty,
    /// normalised with `options.normalizer()`); key `k` is reported as pattern `k`.
    pub(super) fn new(keys: &[String], options: &MatchOptions) -> Result<Walker, BuildError> {
        let trie = Trie::new(keys)?;
        let normalizer = options.normalizer();
        let mut walker = Walker {
            trie,
            key_starts: [true; 256],
            may_start: [true; 256],
            starters: Vec::new(),
            feeds: [SLOW; 256],
            chars: CharTable::empty(),
            words: options.whole_words.then(|| WordFilter::new(keys)),
            normalizer,
            overlapping: options.overlapping,
        };
        let can_start = |byte: u8| !walker.trie.next(walker.trie.start(), byte).is_dead();
        let key_starts: [bool; 256] = std::array::from_fn(|b| can_start(b as u8));
        let mut may_start = [true; 256];
        for b in 0..0x80u8 {
            may_start[usize::from(b)] = if walker.normalizer.spaces && is_ascii_space(b) {
                can_start(b' ') || can_start(b'\n')
            } else {
                can_start(walker.fold_ascii(b))
            };
        }
        walker.may_start = may_start;
        walker.key_starts = key_starts;
        walker.chars = CharTable::new(&walker.normalizer, &key_starts);
        for b in 0..0x80u8 {
            if !(walker.normalizer.spaces && is_ascii_space(b)) {
                walker.feeds[usize::from(b)] = walker.fold_ascii(b);
            }
        }
        walker.starters = (0..0x80u8)
            .filter(|&b| may_start[usize::from(b)] && !b.is_ascii_alphanumeric())
            .collect();
        Ok(walker)
    }

    /// Heap bytes held by the trie, the first-word filter and the character table.
    pub(super) fn memory_usage(&self) -> usize {
        self.trie.memory_usage()
            + self.words.as_ref().map_or(0, WordFilter::memory_usage)
            + self.chars.memory_usage()
    }

    /// Every match in `text`, in order of start then end.
    pub(super) fn find(&self, text: &[u8], emit: &mut impl FnMut(usize, usize, PatternIndex)) {
        match &self.words {
            Some(words) => self.find_words(words, text, emit),
            None => self.find_anywhere(text, emit),
        }
    }

    /// Whole words: walks from word starts whose words pass the filter, and from
    /// characters outside words that may start a key. Runs of plain ASCII words go
    /// through [`Walker::block_step`], 64 bytes at a time; the rest through
    /// [`Walker::byte_step`], one word or character at a time.
    fn find_words(
        &self,
        filter: &WordFilter,
        text: &[u8],
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) {
        // A word that only begins keys of several words, waiting for the next word of
        // the text: its start and hash.
        let mut pending: Option<(usize, u64)> = None;
        let blocks = self.starters.len() <= block::MAX_MARKS;
        let mut words = BlockWords::default();
        let mut at = 0;
        while at < text.len() {
            if blocks && at + block::BLOCK + 8 <= text.len() {
                let next = self.block_step(filter, text, at, &mut words, &mut pending, emit);
                if next > at {
                    at = next;
                    continue;
                }
            }
            at = self.byte_step(filter, text, at, &mut pending, emit);
        }
    }

    /// The plain ASCII words of the 64-byte block at `at` (see [`BlockWords`]), each
    /// listed with the filter's verdict, then taken as [`Walker::byte_step`] would
    /// (words that begin no key, with nothing waiting, in one test). Returns where to go on, `at` itself when the block
    /// starts with something only the byte loop handles.
    #[inline]
    fn block_step(
        &self,
        filter: &WordFilter,
        text: &[u8],
        at: usize,
        words: &mut BlockWords,
        pending: &mut Option<(usize, u64)>,
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) -> usize {
        let mut classes = block::classify(text, at, &self.starters);
        if classes.high != 0 {
            classes.high = self.passable(text, at, classes.high);
        }
        words.read(text, at, classes, self.normalizer.case_fold, filter);
        let listed = words.words();
        let mut next = at;
        let mut i = 0;
        while let Some(word) = listed.get(i) {
            if word.start < next || (word.verdict.is_none() && pending.is_none()) {
                // Inside a mention just found, or a word that begins no key.
                i += 1;
                continue;
            }
            match self.word_step(filter, text, word.start, word.hash, word.verdict, pending, emit) {
                // Go on from the mention's end (the word again if it ends before it).
                Some(end) => next = end,
                None => i += 1,
            }
        }
        next.max(words.resume)
    }

    /// One step of the byte loop from `at`, a place no word goes on from: skips what
    /// cannot start a key, then takes one character outside words or one word.
    /// Returns where to go on.
    fn byte_step(
        &self,
        filter: &WordFilter,
        text: &[u8],
        mut at: usize,
        pending: &mut Option<(usize, u64)>,
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) -> usize {
        while at + 8 <= text.len() {
            let word = swar::load(text, at);
            let stop = swar::alphanumeric(word) | swar::non_ascii(word) | self.starters(word);
            if stop != 0 {
                at += (stop.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        let Some(&b) = text.get(at) else {
            return text.len();
        };
        let outside_word = if b < 0x80 {
            (!b.is_ascii_alphanumeric()).then(|| (1, self.may_start[usize::from(b)]))
        } else {
            let c = decode_at(text, at);
            self.outside_word(c).map(|may_start| (c.len_utf8(), may_start))
        };
        if let Some((len, may_start)) = outside_word {
            if may_start {
                if let Some(end) = self.walk_here(text, at, pending, emit) {
                    return end;
                }
            }
            return at + len;
        }
        // A word starts here.
        let (end, hash) = match hash_ascii_word(text, at, self.normalizer.case_fold) {
            Some(hashed) => hashed,
            None => {
                let (end, word) = self.fold_word(text, at);
                if word.is_empty() {
                    // Soft hyphens only, which fold to nothing: a key may start with
                    // whatever follows them, as after a character outside words.
                    return self.walk_here(text, at, pending, emit).unwrap_or(end);
                }
                (end, word.finish())
            }
        };
        self.word_step(filter, text, at, hash, filter.verdict(hash), pending, emit)
            .unwrap_or(end)
    }

    /// Takes the word at `start` (of hash `hash`, of which the filter said `verdict`):
    /// walks from the waiting word if the two may begin a key, else from this word if
    /// it may be a key; or makes it the waiting word if it may begin one of several
    /// words. Returns the end of the mention found, if any.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn word_step(
        &self,
        filter: &WordFilter,
        text: &[u8],
        start: usize,
        hash: u64,
        verdict: Verdict,
        pending: &mut Option<(usize, u64)>,
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) -> Option<usize> {
        if let Some((first_start, first)) = pending.take() {
            if filter.may_pair(first, hash) {
                if let Some(end) = self.walk(text, first_start, true, emit) {
                    return Some(end);
                }
            }
        }
        if verdict.has(Verdict::MAY_END) {
            if let Some(end) = self.walk(text, start, true, emit) {
                return Some(end);
            }
        } else if verdict.has(Verdict::MAY_CONTINUE) {
            *pending = Some((start, hash));
        }
        None
    }

    /// Walks from `at`, a place outside words where a key may start, after the waiting
    /// word, if any: leftmost first, and the waiting word's mention would start earlier.
    #[inline]
    fn walk_here(
        &self,
        text: &[u8],
        at: usize,
        pending: &mut Option<(usize, u64)>,
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) -> Option<usize> {
        if let Some((start, _)) = pending.take() {
            if let Some(end) = self.walk(text, start, true, emit) {
                return Some(end);
            }
        }
        self.walk(text, at, true, emit)
    }

    /// For a non-ASCII character outside words, whether a key may start there; `None`
    /// for one that continues a word.
    #[inline]
    fn outside_word(&self, c: char) -> Option<bool> {
        match self.chars.get(c) {
            Some(facts) => (!facts.continues_word()).then(|| facts.may_start()),
            None => (!continues_word(c)).then(|| self.may_start_char(c)),
        }
    }

    /// `high` (the block's bytes of `0x80` and above, bit `i` for `text[at + i]`)
    /// without the characters the block step may pass over as over a space: those
    /// of the [`CharTable`] (curly quotes, dashes, no-break spaces, `°`, `£`, `€`, …)
    /// that are outside words and start no key, when they lie whole in the block.
    #[inline]
    fn passable(&self, text: &[u8], at: usize, mut high: u64) -> u64 {
        let mut left = high;
        while left != 0 {
            let i = left.trailing_zeros() as usize;
            // `at` is a character boundary and every character before `i` was taken
            // whole: `i` starts one.
            let c = decode_at(text, at + i);
            let len = c.len_utf8();
            let bits = ((1u64 << len) - 1) << i;
            let passable = || {
                self.chars
                    .get(c)
                    .is_some_and(|facts| !facts.continues_word() && !facts.may_start())
            };
            if i + len <= block::BLOCK && passable() {
                high &= !bits;
            }
            left &= !bits;
        }
        high
    }

    /// Whether a key may start at a non-ASCII character outside words (a curly quote
    /// folds to `"`, which may start one; an em dash to `-`).
    #[inline]
    fn may_start_char(&self, c: char) -> bool {
        if self.normalizer.spaces && is_space(c) {
            return self.key_starts[usize::from(b' ')] || self.key_starts[usize::from(b'\n')];
        }
        let mut buffer = [0; 4];
        let first = match self.normalizer.fold_char(c) {
            Replacement::Keep => c.encode_utf8(&mut buffer).as_bytes()[0],
            Replacement::Char(r) => r.encode_utf8(&mut buffer).as_bytes()[0],
            Replacement::Str(s) => match s.as_bytes().first() {
                Some(&b) => b,
                None => return true,
            },
            Replacement::Lower(mut lower) => match lower.next() {
                Some(r) => r.encode_utf8(&mut buffer).as_bytes()[0],
                None => return true,
            },
        };
        self.key_starts[usize::from(first)]
    }

    /// Lanes of `word` holding an ASCII byte outside words that may start a key (none
    /// for most gazetteers; every such byte when there are more than a few).
    #[inline(always)]
    fn starters(&self, word: u64) -> u64 {
        match self.starters.as_slice() {
            [] => 0,
            few if few.len() <= 4 => few.iter().fold(0, |mask, &b| mask | swar::equal(word, b)),
            _ => !swar::alphanumeric(word) & swar::HIGH,
        }
    }

    /// No word rule: walks from every character boundary that may start a key.
    fn find_anywhere(&self, text: &[u8], emit: &mut impl FnMut(usize, usize, PatternIndex)) {
        let mut at = 0;
        while at < text.len() {
            let b = text[at];
            if self.may_start[usize::from(b)] {
                if let Some(end) = self.walk(text, at, false, emit) {
                    at = end;
                    continue;
                }
            }
            at += if b < 0x80 {
                1
            } else {
                decode_at(text, at).len_utf8()
            };
        }
    }

    /// Folds the word starting at `from` into a hasher; returns where the word ends.
    #[inline]
    fn fold_word(&self, text: &[u8], from: usize) -> (usize, WordHasher) {
        let mut word = WordHasher::default();
        let mut at = from;
        while let Some(&b) = text.get(at) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                word.push(self.fold_ascii(b));
                at += 1;
                continue;
            }
            let c = decode_at(text, at);
            if let Some(facts) = self.chars.get(c) {
                if !facts.continues_word() {
                    break;
                }
                at += c.len_utf8();
                word.push_all(facts.folded());
                continue;
            }
            if !continues_word(c) {
                break;
            }
            at += c.len_utf8();
            let mut buffer = [0; 4];
            match self.normalizer.fold_char(c) {
                Replacement::Keep => word.push_all(c.encode_utf8(&mut buffer).as_bytes()),
                Replacement::Char(r) => word.push_all(r.encode_utf8(&mut buffer).as_bytes()),
                Replacement::Str(s) => word.push_all(s.as_bytes()),
                Replacement::Lower(lower) => {
                    for r in lower {
                        word.push_all(r.encode_utf8(&mut buffer).as_bytes());
                    }
                }
            }
        }
        (at, word)
    }

    /// Walks the trie from `from`. Reports every accepted match in overlapping mode
    /// (and returns `None`); otherwise reports the longest and returns its end.
    #[inline]
    fn walk(
        &self,
        text: &[u8],
        from: usize,
        whole_words: bool,
        emit: &mut impl FnMut(usize, usize, PatternIndex),
    ) -> Option<usize> {
        let trie = &self.trie;
        let mut state = trie.start();
        let mut at = from;
        let mut longest = None;
        while at < text.len() {
            // In a chain, up to eight of its labels against the text at once.
            let run = if at + 8 <= text.len() {
                trie.chain(state)
            } else {
                None
            };
            let matched = run.map_or(0, |run| self.chain_match(text, at, run));
            if let Some(run) = run.filter(|_| matched > 0) {
                state = trie.advance(run, matched);
                at += matched;
                if matched < run.left {
                    continue;
                }
            } else {
                let feed = self.feeds[usize::from(text[at])];
                if feed != SLOW {
                    state = trie.next(state, feed);
                    at += 1;
                } else if text[at] == b' '
                    && text
                        .get(at + 1)
                        .is_none_or(|&next| self.feeds[usize::from(next)] != SLOW)
                {
                    // One space between words, the common case of a folded run.
                    state = trie.next(state, b' ');
                    at += 1;
                } else {
                    (state, at) = self.feed_char(state, text, at);
                }
                if state.is_dead() {
                    break;
                }
            }
            if let Some(pattern) = trie.pattern(state) {
                if !whole_words || ends_word(text, at) {
                    if self.overlapping {
                        emit(from, at, pattern);
                    } else {
                        longest = Some((at, pattern));
                    }
                }
            }
        }
        let (end, pattern) = longest?;
        emit(from, end, pattern);
        Some(end)
    }

    /// How many of the next (up to eight) labels of `run` the text at `at` (which
    /// must leave eight bytes) feeds, one byte each: ASCII bytes other than white
    /// space, folded as [`Walker::feeds`] says, and single spaces before such a byte.
    /// Anything else stops the count, for the byte-by-byte step to take.
    #[inline(always)]
    fn chain_match(&self, text: &[u8], at: usize, run: ChainRun) -> usize {
        let bytes = swar::load(text, at);
        let plain = !bytes & swar::HIGH & !swar::ascii_space(bytes);
        let fed = plain | (swar::equal(bytes, b' ') & (plain >> 8));
        let folded = if self.normalizer.case_fold {
            bytes | (swar::alphabetic(bytes) >> 2)
        } else {
            bytes
        };
        let same = swar::same(folded, self.trie.load(run.labels)) & fed;
        let matched = (!same & swar::HIGH).trailing_zeros() as usize / 8;
        matched.min(run.left)
    }

    /// Feeds the folded form of the white-space run or non-ASCII character at `at`;
    /// returns the new state and where the next character starts.
    #[inline(never)]
    fn feed_char(&self, state: State, text: &[u8], at: usize) -> (State, usize) {
        let c = decode_at(text, at);
        let end = at + c.len_utf8();
        let facts = self.chars.get(c);
        if facts.map_or_else(
            || self.normalizer.spaces && is_space(c),
            CharFacts::is_folded_space,
        ) {
            let (end, folded) = space_run(text, at);
            return (self.trie.next(state, folded), end);
        }
        if let Some(facts) = facts {
            return (self.feed(state, facts.folded()), end);
        }
        let mut buffer = [0; 4];
        let state = match self.normalizer.fold_char(c) {
            Replacement::Keep => self.feed(state, &text[at..end]),
            Replacement::Char(r) => self.feed(state, r.encode_utf8(&mut buffer).as_bytes()),
            Replacement::Str(s) => self.feed(state, s.as_bytes()),
            Replacement::Lower(lower) => {
                let mut state = state;
                for r in lower {
                    state = self.feed(state, r.encode_utf8(&mut buffer).as_bytes());
                }
                state
            }
        };
        (state, end)
    }

    /// Feeds `bytes`; a dead state stays dead.
    #[inline]
    fn feed(&self, mut state: State, bytes: &[u8]) -> State {
        for &b in bytes {
            if state.is_dead() {
                break;
            }
            state = self.trie.next(state, b);
        }
        state
    }

    /// What an ASCII byte that is not folded white space becomes.
    #[inline(always)]
    fn fold_ascii(&self, b: u8) -> u8 {
        if self.normalizer.case_fold {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }
}

/// Whether the character before byte `at` continues a word.
#[inline]
fn word_before(text: &[u8], at: usize) -> bool {
    match at.checked_sub(1).map(|i| text[i]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => decode_before(text, at).is_some_and(|(c, _)| continues_word(c)),
    }
}

/// Whether a whole word may end at byte `at`: not between two word characters.
#[inline]
fn ends_word(text: &[u8], at: usize) -> bool {
    let Some(&b) = text.get(at) else {
        return true;
    };
    let word_at = if b < 0x80 {
        b.is_ascii_alphanumeric()
    } else {
        continues_word(decode_at(text, at))
    };
    !word_at || !word_before(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule without the shortcuts: a walk from every character boundary that does
    /// not continue a word, in order (no skipping, no filter, no waiting word).
    fn reference(walker: &Walker, text: &[u8]) -> Vec<(usize, usize, PatternIndex)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let c = decode_at(text, at);
            if !(word_before(text, at) && continues_word(c)) {
                if let Some(end) = walker.walk(text, at, true, &mut |s, e, p| out.push((s, e, p))) {
                    at = end;
                    continue;
                }
            }
            at += c.len_utf8();
        }
        out
    }

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        }
    }

    const TOKENS: &[&str] = &[
        "a",
        "b",
        "ab",
        "A",
        "B",
        "ß",
        "SS",
        "ss",
        "İ",
        "i",
        "\u{ad}",
        "’",
        "'",
        " ",
        "  ",
        "\n\n",
        "\u{a0}",
        ".",
        "-",
        "—",
        "é",
        "e\u{301}",
        "x1",
        "ﬁ",
        "fi",
        "“",
        "\"",
        "abcdefghij",
        " ",
        ", ",
        "°",
        "€",
    ];

    fn random_text(rng: &mut Rng, tokens: usize) -> String {
        (0..tokens).map(|_| TOKENS[rng.below(TOKENS.len())]).collect()
    }

    #[test]
    fn the_shortcuts_find_what_walking_everywhere_finds() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for options in [
            MatchOptions::default(),
            MatchOptions {
                overlapping: true,
                ..MatchOptions::default()
            },
            MatchOptions {
                case_sensitive: true,
                normalize_punctuation: false,
                ..MatchOptions::default()
            },
        ] {
            let normalizer = options.normalizer();
            for case in 0..4000 {
                let mut keys: Vec<String> = (0..1 + rng.below(6))
                    .map(|_| {
                        let tokens = 1 + rng.below(4);
                        normalizer.normalize(&random_text(&mut rng, tokens))
                    })
                    .filter(|k| k.chars().any(char::is_alphanumeric))
                    .collect();
                keys.sort();
                keys.dedup();
                if keys.is_empty() {
                    continue;
                }
                let walker = Walker::new(&keys, &options).expect("build");
                // Long texts too, for the 64-byte blocks of plain ASCII words.
                let tokens = rng.below(if case % 2 == 0 { 40 } else { 200 });
                let text = random_text(&mut rng, tokens);
                let mut found = Vec::new();
                walker.find(text.as_bytes(), &mut |s, e, p| found.push((s, e, p)));
                let expected = if options.overlapping {
                    let mut all = Vec::new();
                    let mut at = 0;
                    while at < text.len() {
                        let c = decode_at(text.as_bytes(), at);
                        if !(word_before(text.as_bytes(), at) && continues_word(c)) {
                            walker.walk(text.as_bytes(), at, true, &mut |s, e, p| all.push((s, e, p)));
                        }
                        at += c.len_utf8();
                    }
                    all
                } else {
                    reference(&walker, text.as_bytes())
                };
                assert_eq!(
                    found, expected,
                    "case {case}: keys {keys:?} text {text:?} {options:?}"
                );
            }
        }
    }
}
