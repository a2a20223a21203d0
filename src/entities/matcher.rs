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
//! leftmost-longest matches, not after (see [`super::walk`]): a longer non-word match
//! (`Paris` in `Parisian`) never hides a shorter whole-word one.
//!
//! Under plain options (case-sensitive, nothing folded, no word rule, no overlaps) the
//! matcher is a straight unanchored Aho-Corasick scan; every other combination walks the
//! anchored trie of the keys from each position where a mention may start.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use rayon::prelude::*;

use super::gazetteer::{EntityIndex, Gazetteer};
use super::walk::Walker;
use crate::text::normalize::Normalizer;
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
    /// True for exact substrings, leftmost-longest: nothing folded, no word rule, no
    /// overlaps.
    pub fn is_plain(&self) -> bool {
        self.normalizer().is_identity() && !self.whole_words && !self.overlapping
    }

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

impl BuildError {
    pub(super) fn new(reason: String) -> BuildError {
        BuildError(reason)
    }
}

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

/// How the keys are searched.
#[derive(Clone, Debug)]
enum Engine {
    /// Plain options: one unanchored leftmost-longest scan.
    Scan(AhoCorasick),
    /// Everything else: anchored walks with folding and the word rule.
    Walk(Box<Walker>),
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
    engine: Engine,
    patterns: Vec<Pattern>,
    candidates: Vec<EntityIndex>,
}

impl EntityMatcher {
    /// Compiles every name and alias of `gazetteer`.
    pub fn new(gazetteer: Arc<Gazetteer>, options: MatchOptions) -> Result<EntityMatcher, BuildError> {
        let normalizer = options.normalizer();
        // Every (key, entity, which name) once, sorted by key: equal keys become one
        // pattern, and the automaton is built from sorted keys, whose trie insertions
        // follow each other through shared prefixes (several times faster to build at
        // a million aliases, and the states of similar names end up side by side).
        let mut names: Vec<(String, EntityIndex, u32)> = Vec::with_capacity(gazetteer.alias_count());
        for (entity, record) in gazetteer.entities().iter().enumerate() {
            for (name, alias) in record.names().enumerate() {
                let key = normalizer.normalize(alias);
                if !key.is_empty() {
                    names.push((key, entity as EntityIndex, name as u32));
                }
            }
        }
        names.sort_unstable();
        let mut keys: Vec<String> = Vec::new();
        let mut first: Vec<(EntityIndex, u32)> = Vec::new();
        let mut candidates: Vec<EntityIndex> = Vec::with_capacity(names.len());
        let mut ranges: Vec<Range<u32>> = Vec::new();
        for (key, entity, name) in names {
            if keys.last() != Some(&key) {
                keys.push(key);
                first.push((entity, name));
                ranges.push(candidates.len() as u32..candidates.len() as u32);
            }
            // Sorted by entity within a key: a repeat is the same entity again.
            let range = ranges.last_mut().expect("pushed above");
            if range.start == range.end || candidates[range.end as usize - 1] != entity {
                candidates.push(entity);
                range.end += 1;
            }
        }
        let engine = if options.is_plain() {
            Engine::Scan(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&keys)
                    .map_err(|e| BuildError(e.to_string()))?,
            )
        } else {
            Engine::Walk(Box::new(Walker::new(&keys, &options)?))
        };
        drop(keys);
        let patterns = first
            .into_iter()
            .zip(ranges)
            .map(|((entity, name), candidates)| Pattern {
                entity,
                name,
                candidates,
            })
            .collect();
        Ok(EntityMatcher {
            gazetteer,
            options,
            engine,
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
        match &self.engine {
            Engine::Scan(automaton) => automaton.memory_usage(),
            Engine::Walk(walker) => walker.memory_usage(),
        }
    }

    /// Every mention in `text`, in document order.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut mentions = Vec::new();
        self.find_into(text, &mut mentions);
        mentions
    }

    /// Like [`EntityMatcher::find`], reusing the output vector (cleared first).
    pub fn find_into(&self, text: &str, out: &mut Vec<Mention>) {
        out.clear();
        let mut emit = |start: usize, end: usize, pattern: PatternIndex| {
            out.push(Mention {
                span: Span::new(start, end),
                pattern,
            });
        };
        match &self.engine {
            Engine::Scan(automaton) => {
                for m in automaton.find_iter(Input::new(text)) {
                    emit(m.start(), m.end(), m.pattern().as_u32());
                }
            }
            Engine::Walk(walker) => walker.find(text.as_bytes(), &mut emit),
        }
    }

    /// Mentions of many documents, found in parallel; results in input order.
    pub fn find_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<Mention>> {
        texts.par_iter().map(|text| self.find(text.as_ref())).collect()
    }
}
