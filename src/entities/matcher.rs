//! The entity matcher: every alias of a gazetteer compiled into one Aho-Corasick
//! automaton over the matching form of the text.
//!
//! Aliases and text go through the same [`Normalizer`], so case, typographic variants
//! and runs of white space never stop a match, and spans map back to the original
//! text through the normaliser's edits. Aliases that fold to the same key become one
//! pattern whose candidates are every entity that has it (an ambiguous alias).
//!
//! Whole words: a span must not start right after a letter or digit when its first
//! character is one, nor end right before one when its last character is one
//! (combining marks count as letters). The rule is applied *while* choosing
//! leftmost-longest matches, not after: when the longest candidate at a position fails
//! it, the next shorter candidate at the same position is tried, so a longer non-word
//! match (`Paris` in `Parisian`) never hides a shorter whole-word one, and the search
//! resumes right behind a failed start instead of after the failed match.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use rayon::prelude::*;

use super::gazetteer::{EntityIndex, Gazetteer};
use crate::text::normalize::{is_word_char, Normalized, Normalizer, Side};
use crate::text::space::{decode_at, decode_before};
use crate::text::Span;

/// Index of a pattern (one distinct alias key) of an [`EntityMatcher`].
pub type PatternIndex = u32;

/// How an [`EntityMatcher`] matches. The default is what news text needs: whole
/// words, case, punctuation and spaces folded, leftmost-longest without overlaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MatchOptions {
    /// Match case exactly (default: Unicode case folding).
    pub case_sensitive: bool,
    /// Treat `’ ‘ ʼ` as `'`, `“ ”` as `"`, dashes as `-` (default: on).
    pub normalize_punctuation: bool,
    /// Treat any run of white space, non-breaking spaces included, as one space
    /// (default: on; a blank line still separates).
    pub normalize_spaces: bool,
    /// Only whole words (default: on).
    pub whole_words: bool,
    /// Report every match, overlapping ones included (default: off, leftmost-longest).
    pub overlapping: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            case_sensitive: false,
            normalize_punctuation: true,
            normalize_spaces: true,
            whole_words: true,
            overlapping: false,
        }
    }
}

impl MatchOptions {
    /// The normaliser that text and aliases go through.
    pub fn normalizer(&self) -> Normalizer {
        Normalizer {
            case_fold: !self.case_sensitive,
            punctuation: self.normalize_punctuation,
            spaces: self.normalize_spaces,
        }
    }
}

/// A mention: a span of the original text and the pattern that matched there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mention {
    /// Byte span in the original text.
    pub span: Span,
    /// The pattern; [`EntityMatcher::candidates`] gives its entities.
    pub pattern: PatternIndex,
}

/// The automaton could not be built (too many patterns or states for its limits).
#[derive(Clone, Debug)]
pub struct BuildError(String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the matcher: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

/// One distinct alias key.
#[derive(Clone, Debug)]
struct Pattern {
    /// The entity whose alias produced the key first, and which of its names
    /// (0: the display name, k: alias k - 1).
    entity: EntityIndex,
    name: u32,
    /// Its candidates in `EntityMatcher::candidates`.
    candidates: Range<u32>,
}

/// Finds every mention of a gazetteer's entities. Cheap to share between threads.
///
/// ```
/// use std::sync::Arc;
/// use presswork::entities::{EntityMatcher, EntityRecord, Gazetteer, MatchOptions};
/// let mut builder = Gazetteer::builder().ids_from_names(true);
/// builder.add(0, EntityRecord {
///     name: Some("Carnegie Center".into()),
///     ..Default::default()
/// }).unwrap();
/// let matcher = EntityMatcher::new(Arc::new(builder.build()), MatchOptions::default()).unwrap();
/// let text = "said Moscow CARNEGIE\u{a0}Center’s Alexei Malashenko";
/// let mentions = matcher.find(text);
/// assert_eq!(mentions[0].span.as_str(text), "CARNEGIE\u{a0}Center");
/// ```
#[derive(Clone, Debug)]
pub struct EntityMatcher {
    gazetteer: Arc<Gazetteer>,
    options: MatchOptions,
    normalizer: Normalizer,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    candidates: Vec<EntityIndex>,
}

impl EntityMatcher {
    /// Compiles every name and alias of `gazetteer`.
    pub fn new(gazetteer: Arc<Gazetteer>, options: MatchOptions) -> Result<EntityMatcher, BuildError> {
        let normalizer = options.normalizer();
        let mut keys: Vec<String> = Vec::with_capacity(gazetteer.alias_count());
        let mut first: Vec<(EntityIndex, u32)> = Vec::with_capacity(gazetteer.alias_count());
        let mut entities_of: Vec<Vec<EntityIndex>> = Vec::with_capacity(gazetteer.alias_count());
        let mut by_key: HashMap<String, PatternIndex> = HashMap::with_capacity(gazetteer.alias_count());
        for (entity, record) in gazetteer.entities().iter().enumerate() {
            let entity = entity as EntityIndex;
            for (name, alias) in record.names().enumerate() {
                let key = normalizer.normalize(alias);
                if key.is_empty() {
                    continue;
                }
                match by_key.get(&key) {
                    Some(&pattern) => {
                        let entities = &mut entities_of[pattern as usize];
                        if !entities.contains(&entity) {
                            entities.push(entity);
                        }
                    }
                    None => {
                        by_key.insert(key.clone(), keys.len() as PatternIndex);
                        keys.push(key);
                        first.push((entity, name as u32));
                        entities_of.push(vec![entity]);
                    }
                }
            }
        }
        drop(by_key);
        let kind = if options.overlapping {
            MatchKind::Standard
        } else {
            MatchKind::LeftmostLongest
        };
        let automaton = AhoCorasick::builder()
            .match_kind(kind)
            .build(&keys)
            .map_err(|e| BuildError(e.to_string()))?;
        drop(keys);
        let mut candidates = Vec::with_capacity(entities_of.iter().map(Vec::len).sum());
        let patterns = first
            .into_iter()
            .zip(entities_of)
            .map(|((entity, name), entities)| {
                let start = candidates.len() as u32;
                candidates.extend(entities);
                Pattern {
                    entity,
                    name,
                    candidates: start..candidates.len() as u32,
                }
            })
            .collect();
        Ok(EntityMatcher {
            gazetteer,
            options,
            normalizer,
            automaton,
            patterns,
            candidates,
        })
    }

    /// The gazetteer the matcher was built from.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// The options it was built with.
    pub fn options(&self) -> &MatchOptions {
        &self.options
    }

    /// Number of patterns (distinct alias keys).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The entities a pattern may refer to: one, or several for an ambiguous alias.
    pub fn candidates(&self, pattern: PatternIndex) -> &[EntityIndex] {
        let range = &self.patterns[pattern as usize].candidates;
        &self.candidates[range.start as usize..range.end as usize]
    }

    /// The alias as written in the gazetteer (the first one that folds to the pattern).
    pub fn alias(&self, pattern: PatternIndex) -> &str {
        let pattern = &self.patterns[pattern as usize];
        let entity = self.gazetteer.entity(pattern.entity);
        match pattern.name {
            0 => &entity.name,
            k => &entity.aliases[k as usize - 1],
        }
    }

    /// Heap bytes held by the automaton.
    pub fn automaton_memory(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Every mention in `text`, in document order.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut mentions = Vec::new();
        self.find_into(text, &mut Normalized::default(), &mut mentions);
        mentions
    }

    /// Like [`EntityMatcher::find`], reusing a scratch buffer and the output vector
    /// (cleared first).
    pub fn find_into(&self, text: &str, scratch: &mut Normalized, out: &mut Vec<Mention>) {
        out.clear();
        let haystack: &[u8] = if self.normalizer.is_identity() {
            text.as_bytes()
        } else {
            self.normalizer.normalize_into(text, scratch);
            scratch.as_bytes()
        };
        let mut emit = |start: usize, end: usize, pattern: PatternIndex| {
            out.push(Mention {
                span: Span::new(start, end),
                pattern,
            });
        };
        if self.options.overlapping {
            self.find_overlapping(haystack, &mut emit);
        } else if self.options.whole_words {
            self.find_whole_words(haystack, &mut emit);
        } else {
            for m in self.automaton.find_iter(Input::new(haystack)) {
                emit(m.start(), m.end(), m.pattern().as_u32());
            }
        }
        if !self.normalizer.is_identity() && !scratch.edits().is_empty() {
            for mention in out.iter_mut() {
                mention.span = Span::new(
                    scratch.original(mention.span.start, Side::Start),
                    scratch.original(mention.span.end, Side::End),
                );
            }
        }
    }

    /// Mentions of many documents, found in parallel; results in input order.
    pub fn find_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<Mention>> {
        texts
            .par_iter()
            .map_init(Normalized::default, |scratch, text| {
                let mut mentions = Vec::new();
                self.find_into(text.as_ref(), scratch, &mut mentions);
                mentions
            })
            .collect()
    }

    /// Leftmost-longest among the candidates that are whole words.
    fn find_whole_words(&self, haystack: &[u8], emit: &mut impl FnMut(usize, usize, PatternIndex)) {
        let end = haystack.len();
        let mut at = 0;
        while at < end {
            let Some(found) = self.automaton.find(Input::new(haystack).span(at..end)) else {
                break;
            };
            let start = found.start();
            if !starts_word(haystack, start) {
                at = next_possible_start(haystack, start);
                continue;
            }
            let mut candidate = found;
            loop {
                if ends_word(haystack, candidate.end()) {
                    emit(start, candidate.end(), candidate.pattern().as_u32());
                    at = candidate.end();
                    break;
                }
                // The longest at `start` failed: the longest that ends before it.
                let shorter = self
                    .automaton
                    .find(Input::new(haystack).span(start..candidate.end() - 1));
                match shorter {
                    Some(shorter) if shorter.start() == start => candidate = shorter,
                    _ => {
                        at = next_possible_start(haystack, start);
                        break;
                    }
                }
            }
        }
    }

    /// Every match, overlapping ones included, sorted by start then end.
    fn find_overlapping(&self, haystack: &[u8], emit: &mut impl FnMut(usize, usize, PatternIndex)) {
        let mut found: Vec<(usize, usize, PatternIndex)> = self
            .automaton
            .find_overlapping_iter(Input::new(haystack))
            .filter(|m| {
                !self.options.whole_words
                    || (starts_word(haystack, m.start()) && ends_word(haystack, m.end()))
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
            .collect();
        found.sort_unstable();
        for (start, end, pattern) in found {
            emit(start, end, pattern);
        }
    }
}

/// Whether a whole word may start at byte `at`: not between two word characters.
#[inline]
fn starts_word(haystack: &[u8], at: usize) -> bool {
    at >= haystack.len()
        || !is_word_char(decode_at(haystack, at))
        || decode_before(haystack, at).is_none_or(|(c, _)| !is_word_char(c))
}

/// Whether a whole word may end at byte `at`: not between two word characters.
#[inline]
fn ends_word(haystack: &[u8], at: usize) -> bool {
    at >= haystack.len()
        || decode_before(haystack, at).is_none_or(|(c, _)| !is_word_char(c))
        || !is_word_char(decode_at(haystack, at))
}

/// The first byte after `at` where a whole-word match could start: past the
/// character at `at` and the rest of its word.
#[inline]
fn next_possible_start(haystack: &[u8], at: usize) -> usize {
    let mut next = at + decode_at(haystack, at).len_utf8();
    while next < haystack.len() && !starts_word(haystack, next) {
        next += decode_at(haystack, next).len_utf8();
    }
    next
}
