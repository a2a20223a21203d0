//! The alias keys as a compact byte trie, laid out for anchored walks.
//!
//! The [`super::walk::Walker`] walks from a word start, byte by byte, and stops at the
//! first byte no key continues with. Past the first word or two almost every walk
//! follows a single key, so the layout is made for that: nodes are written in
//! depth-first order, and a run of nodes with one child each (where no key ends) is one
//! `CHAIN` node that lists the run's labels, followed by the node the run leads to. The
//! rest of a name is then a run of consecutive bytes, usually one cache line, which the
//! walker compares with the text eight bytes at a time ([`Trie::chain`]). A node with
//! a few children lists their labels and offsets; one with many (the root, common
//! first letters) has a 256-entry table. A node where a key ends carries the key's
//! number.
//!
//! aho-corasick's contiguous NFA, which the walker used before, spends more bytes per
//! state, moves every match state to the front of the automaton (away from its path)
//! and builds failure transitions an anchored walk never follows. At 100k names (255k
//! keys) the walker's tables (this trie, the word filter, the character table) take
//! 6.9 MiB against its 20.5 and build in 0.2 s against 0.7; the scan got faster too
//! (see `BENCHMARKS.md`).
//!
//! ```text
//! node    := header [pattern: u32, if MATCH] body
//! header  := kind (2 bits) | MATCH (bit 2)
//! LEAF    := (no body)
//! CHAIN   := n: u8, labels: [u8; n]                     (1 <= n; the last child follows)
//! SPARSE  := n: u8, labels: [u8; n], children: [u32; n] (n <= 16, ascending labels)
//! DENSE   := children: [u32; 256]                       (NONE where absent)
//! ```
//!
//! A walk may stop inside a chain (to feed a folded character byte by byte), so a
//! [`State`] is a node or a place inside a chain: the next label and how many are left.

use super::matcher::{BuildError, PatternIndex};
use crate::text::swar;

const LEAF: u8 = 0;
const CHAIN: u8 = 1;
const SPARSE: u8 = 2;
const DENSE: u8 = 3;
const KIND: u8 = 0b11;
const MATCH: u8 = 0b100;

/// Most children a node lists in its `SPARSE` form (two words of labels); more get a
/// `DENSE` table.
const SPARSE_MAX: usize = 16;

/// Labels a `CHAIN` node holds at most (its length is one byte).
const CHAIN_MAX: usize = u8::MAX as usize;

/// Zero bytes after the last node, so that reading labels eight bytes at a time (two
/// words of a sparse node's, or the tail of a chain's) never runs off the end.
const PADDING: usize = 16;

/// Where a walk is: a node of the trie (its offset, nothing `left`), a place inside a
/// chain (the offset of its next label, and how many labels are `left`), or
/// [`State::DEAD`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct State {
    at: u32,
    left: u32,
}

impl State {
    /// No key continues: the walk is over.
    pub(super) const DEAD: State = State {
        at: u32::MAX,
        left: 0,
    };

    /// True for [`State::DEAD`].
    #[inline(always)]
    pub(super) fn is_dead(self) -> bool {
        self.at == u32::MAX
    }

    #[inline(always)]
    fn node(at: usize) -> State {
        State {
            at: at as u32,
            left: 0,
        }
    }
}

/// The labels still to match in a chain: `labels` is their offset in the trie's code
/// (readable eight bytes at a time from there), `left` their number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ChainRun {
    pub(super) labels: usize,
    pub(super) left: usize,
}

/// The keys' trie; key `k` (in the order given) is reported as pattern `k`.
#[derive(Clone, Debug)]
pub(super) struct Trie {
    code: Vec<u8>,
}

impl Trie {
    /// Builds the trie of `keys`, which must be sorted, distinct and non-empty.
    pub(super) fn new(keys: &[String]) -> Result<Trie, BuildError> {
        debug_assert!(
            keys.windows(2).all(|pair| pair[0] < pair[1]),
            "keys not sorted and distinct"
        );
        let mut code: Vec<u8> = Vec::with_capacity(keys.iter().map(String::len).sum::<usize>() + 64);
        // Nodes still to write: the keys under it (a range sharing `depth` bytes) and
        // where its parent wants its offset. Children are pushed last first, so the
        // first child is written right after its parent.
        let mut stack = vec![Pending {
            keys: 0..keys.len(),
            depth: 0,
            slot: None,
        }];
        let mut children: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
        while let Some(Pending {
            keys: range,
            depth,
            slot,
        }) = stack.pop()
        {
            let here = u32::try_from(code.len())
                .ok()
                .filter(|&offset| offset != State::DEAD.at)
                .ok_or_else(|| BuildError::new("the alias keys' trie would exceed 4 GiB".to_string()))?;
            if let Some(slot) = slot {
                code[slot..slot + 4].copy_from_slice(&here.to_le_bytes());
            }
            let mut first = range.start;
            let pattern = (first < range.end && keys[first].len() == depth).then(|| {
                first += 1;
                first - 1
            });
            children.clear();
            for (k, key) in keys.iter().enumerate().take(range.end).skip(first) {
                let label = key.as_bytes()[depth];
                match children.last_mut() {
                    Some((last, under)) if *last == label => under.end = k + 1,
                    _ => children.push((label, k..k + 1)),
                }
            }
            let kind = match children.len() {
                0 => LEAF,
                1 => CHAIN,
                n if n <= SPARSE_MAX => SPARSE,
                _ => DENSE,
            };
            code.push(kind | if pattern.is_some() { MATCH } else { 0 });
            if let Some(pattern) = pattern {
                let pattern = PatternIndex::try_from(pattern)
                    .map_err(|_| BuildError::new("more than 2^32 alias keys".to_string()))?;
                code.extend_from_slice(&pattern.to_le_bytes());
            }
            let table = match kind {
                LEAF => continue,
                CHAIN => {
                    // Every key under the child goes on with the same bytes for as long
                    // as none ends: sorted, the first and the last key say so.
                    let (_, under) = children.pop().expect("one child");
                    let (low, high) = (keys[under.start].as_bytes(), keys[under.end - 1].as_bytes());
                    let mut end = depth + 1;
                    while end - depth < CHAIN_MAX
                        && low.len() > end
                        && high.len() > end
                        && low[end] == high[end]
                    {
                        end += 1;
                    }
                    code.push((end - depth) as u8);
                    code.extend_from_slice(&low[depth..end]);
                    stack.push(Pending {
                        keys: under,
                        depth: end,
                        slot: None,
                    });
                    continue;
                }
                SPARSE => {
                    code.push(children.len() as u8);
                    code.extend(children.iter().map(|(label, _)| *label));
                    code.len()
                }
                _ => code.len(),
            };
            let entries = if kind == SPARSE { children.len() } else { 256 };
            code.resize(table + 4 * entries, 0xFF);
            for (i, (label, under)) in children.drain(..).enumerate().rev() {
                let entry = if kind == SPARSE { i } else { usize::from(label) };
                stack.push(Pending {
                    keys: under,
                    depth: depth + 1,
                    slot: Some(table + 4 * entry),
                });
            }
        }
        code.resize(code.len() + PADDING, 0);
        code.shrink_to_fit();
        Ok(Trie { code })
    }

    /// Where every walk starts.
    #[inline(always)]
    pub(super) fn start(&self) -> State {
        State::node(0)
    }

    /// The state after `byte` from `state` (which must not be dead).
    #[inline(always)]
    pub(super) fn next(&self, state: State, byte: u8) -> State {
        let code = self.code.as_slice();
        let mut at = state.at as usize;
        if state.left > 0 {
            // Inside a chain: `at` is the next label.
            return if code[at] == byte {
                State {
                    at: state.at + 1,
                    left: state.left - 1,
                }
            } else {
                State::DEAD
            };
        }
        let header = code[at];
        at = body(header, at);
        // Tested in order of frequency along a walk, by bits (compared with the kind
        // constants, the tests became a jump table, whose indirect branch the
        // processor predicts worse).
        if header & KIND == CHAIN {
            if code[at + 1] == byte {
                State {
                    at: at as u32 + 2,
                    left: u32::from(code[at]) - 1,
                }
            } else {
                State::DEAD
            }
        } else if header & SPARSE != 0 && header & CHAIN == 0 {
            // The labels compared eight at a time: a search loop's exit would be
            // mispredicted at every other node.
            let n = usize::from(code[at]);
            let labels = at + 1;
            let low = swar::equal(swar::load(code, labels), byte) & first_lanes(n);
            let high = swar::equal(swar::load(code, labels + 8), byte) & first_lanes(n.saturating_sub(8));
            let lanes = u128::from(low) | u128::from(high) << 64;
            if lanes == 0 {
                return State::DEAD;
            }
            let i = (lanes.trailing_zeros() / 8) as usize;
            State::node(read_u32(code, labels + n + 4 * i) as usize)
        } else if header & DENSE == DENSE {
            let child = read_u32(code, at + 4 * usize::from(byte));
            State { at: child, left: 0 }
        } else {
            State::DEAD
        }
    }

    /// The chain labels `state` (which must not be dead) goes on with, if it is in a
    /// chain or at the start of one.
    #[inline(always)]
    pub(super) fn chain(&self, state: State) -> Option<ChainRun> {
        let at = state.at as usize;
        if state.left > 0 {
            return Some(ChainRun {
                labels: at,
                left: state.left as usize,
            });
        }
        let header = self.code[at];
        if header & KIND != CHAIN {
            return None;
        }
        let at = body(header, at);
        Some(ChainRun {
            labels: at + 1,
            left: usize::from(self.code[at]),
        })
    }

    /// The state after the first `count` labels of `run` (at most `run.left`).
    #[inline(always)]
    pub(super) fn advance(&self, run: ChainRun, count: usize) -> State {
        debug_assert!(count <= run.left);
        State {
            at: (run.labels + count) as u32,
            left: (run.left - count) as u32,
        }
    }

    /// The eight bytes of code at `at` (labels of a chain, and what follows them).
    #[inline(always)]
    pub(super) fn load(&self, at: usize) -> u64 {
        swar::load(&self.code, at)
    }

    /// The key that ends at `state` (which must not be dead), if one does.
    #[inline(always)]
    pub(super) fn pattern(&self, state: State) -> Option<PatternIndex> {
        let at = state.at as usize;
        (state.left == 0 && self.code[at] & MATCH != 0).then(|| read_u32(&self.code, at + 1))
    }

    /// Heap bytes held.
    pub(super) fn memory_usage(&self) -> usize {
        self.code.capacity()
    }
}

/// A node waiting to be written.
struct Pending {
    keys: std::ops::Range<usize>,
    depth: usize,
    slot: Option<usize>,
}

/// The flag bits of the first `n` lanes of a word (all eight from `n = 8` on).
#[inline(always)]
fn first_lanes(n: usize) -> u64 {
    swar::HIGH & u64::MAX.checked_shr(64 - 8 * n.min(8) as u32).unwrap_or(0)
}

/// Where the body of the node at `at`, whose header is `header`, starts: after the
/// header and, for a node where a key ends, the key's number.
#[inline(always)]
fn body(header: u8, at: usize) -> usize {
    at + 1 + if header & MATCH != 0 { 4 } else { 0 }
}

#[inline(always)]
fn read_u32(code: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(code[at..at + 4].try_into().expect("four bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(keys: &[&str]) -> (Trie, Vec<String>) {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys.dedup();
        (Trie::new(&keys).unwrap(), keys)
    }

    /// Every key reached by a walk over its bytes, and no other string.
    fn walk(trie: &Trie, text: &str) -> Option<PatternIndex> {
        let mut state = trie.start();
        for &b in text.as_bytes() {
            state = trie.next(state, b);
            if state.is_dead() {
                return None;
            }
        }
        trie.pattern(state)
    }

    /// Builds the trie of `keys`; checks that each key's walk ends at its pattern and
    /// that no string of `absent` reaches one.
    fn check(keys: &[String], absent: &[&str]) -> Trie {
        let borrowed: Vec<&str> = keys.iter().map(String::as_str).collect();
        let (trie, keys) = trie(&borrowed);
        for (k, key) in keys.iter().enumerate() {
            assert_eq!(walk(&trie, key), Some(k as PatternIndex), "{key}");
        }
        for absent in absent {
            assert_eq!(walk(&trie, absent), None, "{absent:?}");
        }
        trie
    }

    #[test]
    fn finds_exactly_the_keys() {
        let mut many: Vec<String> = (0..300).map(|i| format!("k{i}")).collect();
        many.extend(["a", "ab", "abc", "abd", "b", "zzzz", "é", "\u{0}x"].map(String::from));
        check(&many, &["", "abe", "k", "k300", "zz", "zzzzz", "c", "\u{0}"]);
    }

    #[test]
    fn uses_every_node_form() {
        // Root: dense (20 first bytes); "a": sparse; "ab…": chains; "b": leaf.
        // "z": sparse with 12 children, so its labels take a second word.
        let mut keys: Vec<String> = ('a'..='t').map(|c| format!("{c}")).collect();
        keys.extend(["ab", "ac", "abcdef"].map(String::from));
        keys.extend(('a'..='l').map(|c| format!("z{c}")));
        let absent = ["abcde", "u", "ad", "zm", "z", "za\u{0}", "a\u{0}", "\u{0}"];
        let trie = check(&keys, &absent);
        assert_eq!(trie.code[0] & KIND, DENSE);
    }

    #[test]
    fn chains_stop_where_keys_end_and_branch() {
        let long = "x".repeat(600);
        let keys = [
            "vladimir putin".to_string(),
            "vladimir putin's".to_string(),
            "vladimir zelensky".to_string(),
            long.clone(),
            format!("{long}y"),
            long[..300].to_string(),
        ];
        let absent = [
            "vladimir",
            "vladimir putin'",
            "vladimir z",
            &long[..299],
            &long[..301],
        ];
        let trie = check(&keys, &absent);
        // A chain met at its start or inside lists the labels left, eight at a time.
        let mut state = trie.start();
        for &b in b"vlad" {
            state = trie.next(state, b);
        }
        let run = trie.chain(state).expect("inside the chain of \"vladimir \"");
        assert_eq!(run.left, 5);
        assert_eq!(&trie.load(run.labels).to_le_bytes()[..5], b"imir ");
        let after = trie.advance(run, 5);
        assert_eq!(after, b"imir ".iter().fold(state, |s, &b| trie.next(s, b)));
        assert!(trie.chain(after).is_none(), "\"vladimir \" branches");
    }

    #[test]
    fn empty_and_single_key() {
        let (empty, _) = trie(&[]);
        assert!(empty.next(empty.start(), b'a').is_dead());
        let (one, _) = trie(&["putin"]);
        assert_eq!(walk(&one, "putin"), Some(0));
        assert_eq!(walk(&one, "puti"), None);
        assert!(one.memory_usage() < 48);
    }
}
