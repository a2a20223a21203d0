//! Paragraphs repeated inside one document (a page that prints its article twice, a
//! pull quote set again): each repeat names the first paragraph it repeats, so an
//! analysis can count its quotes and mentions once while the offsets still point into
//! the text as given.

use std::hash::{BuildHasher, Hasher};

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::text::Span;

/// For each paragraph of `text` (spans in document order): `Some(first)` when its text,
/// white space aside, is that of the earlier paragraph `first`, else `None`.
///
/// ```
/// use presswork::pipeline::repeated_paragraphs;
/// use presswork::text::Span;
/// let text = "Putin said so.\n\nHe left.\n\nPutin  said\nso.";
/// let spans = [Span::new(0, 14), Span::new(16, 24), Span::new(26, 41)];
/// assert_eq!(repeated_paragraphs(text, &spans), [None, None, Some(0)]);
/// ```
pub fn repeated_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<Option<usize>> {
    // Paragraphs by the hash of their first and last words (reading a few bytes at each
    // end, not the whole text); paragraphs that share both are compared word by word.
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut out = Vec::with_capacity(paragraphs.len());
    for (index, span) in paragraphs.iter().enumerate() {
        let words = span.as_str(text);
        let hash = hash_ends(words);
        let earlier = seen.entry(hash).or_default();
        let first = earlier
            .iter()
            .copied()
            .find(|&e| same_words(paragraphs[e].as_str(text), words));
        if first.is_none() {
            earlier.push(index);
        }
        out.push(first);
    }
    out
}

/// A hash of the first and the last word of `text`.
fn hash_ends(text: &str) -> u64 {
    let mut words = text.split_whitespace();
    let mut hasher = FxBuildHasher.build_hasher();
    for word in [words.next(), words.next_back()].into_iter().flatten() {
        hasher.write(word.as_bytes());
        hasher.write_u8(0xff); // a byte no UTF-8 text holds: `ab c` ≠ `a bc`
    }
    hasher.finish()
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        for part in text.split("\n\n") {
            out.push(Span::new(at, at + part.len()));
            at += part.len() + 2;
        }
        out
    }

    #[test]
    fn repeats_name_their_first_paragraph() {
        let text = "A b.\n\nC d.\n\nA b.\n\nA  b.\n\nC d!\n\nC\nd.";
        assert_eq!(
            repeated_paragraphs(text, &spans(text)),
            [None, None, Some(0), Some(0), None, Some(1)]
        );
    }

    #[test]
    fn word_boundaries_count() {
        let text = "ab c\n\na bc";
        assert_eq!(repeated_paragraphs(text, &spans(text)), [None, None]);
    }

    #[test]
    fn the_doubled_corpus_article() {
        let Ok(text) = std::fs::read_to_string("../shared/corpus/001_077868484105991a.txt") else {
            eprintln!("skipped: ../shared/corpus is not beside the checkout");
            return;
        };
        let split = crate::split::Splitter::new(Default::default()).split(&text);
        let repeats = repeated_paragraphs(&text, &split.paragraphs);
        // The article's eleven paragraphs are printed a second time after the comment form.
        assert_eq!(repeats.iter().filter(|r| r.is_some()).count(), 11);
        assert_eq!(repeats[16], Some(2));
    }
}
