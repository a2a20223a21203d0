//! The matching form of a text: case folded, typographic variants folded, white space
//! runs folded, with a map back to the original byte offsets.
//!
//! Nothing is rewritten in place. [`Normalizer::normalize_into`] writes the matching
//! form into a scratch buffer and records an [`Edit`] wherever a replacement is not one
//! character of the same byte length (`’` → `'`, `İ` → `i`, `ß` → `ss`, a run of spaces
//! → one space, a soft hyphen → nothing). Everywhere else a byte offset in the matching
//! form and in the original differ by the edits before it, so the map holds only the
//! edits: plain ASCII text with single spaces has none.
//!
//! ```
//! use presswork::text::normalize::{Normalized, Normalizer, Side};
//! let text = "Kremlin’s  İmamoğlu";
//! let mut out = Normalized::default();
//! Normalizer::default().normalize_into(text, &mut out);
//! assert_eq!(out.as_str(), "kremlin's imamoğlu");
//! let start = out.as_str().find("imamoğlu").unwrap();
//! let (start, end) = (out.original(start, Side::Start), out.original(out.len(), Side::End));
//! assert_eq!(&text[start..end], "İmamoğlu");
//! ```

use super::space::{decode_at, is_ascii_space, is_space};

/// Which foldings to apply. Every one is on by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Normalizer {
    /// Unicode case folding (full folding where it matters: `ß` → `ss`, `ﬁ` → `fi`,
    /// final `ς` → `σ`; `İ` folds to a plain `i`, so `İstanbul` matches `Istanbul`).
    pub case_fold: bool,
    /// Typographic variants: `’ ‘ ʼ ′ ´ ` → `'`, `“ ” „ ″ « »` → `"`, `‐ ‑ ‒ – — ― −`
    /// → `-`, `…` → `...`; soft hyphens vanish.
    pub punctuation: bool,
    /// Any run of white space (non-breaking, thin and ideographic spaces, line breaks)
    /// becomes one space, or one line break where the run holds a blank line, so no
    /// match crosses a paragraph.
    pub spaces: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            case_fold: true,
            punctuation: true,
            spaces: true,
        }
    }
}

/// One replacement whose output is not one character of the input's byte length:
/// original bytes `orig_start..orig_end` became `norm_start..norm_end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Where the replacement starts in the matching form.
    pub norm_start: usize,
    /// Where it ends in the matching form.
    pub norm_end: usize,
    /// Where the replaced text starts in the original.
    pub orig_start: usize,
    /// Where it ends in the original.
    pub orig_end: usize,
}

/// Which end of a span an offset is: an offset inside a replacement (between the two
/// `s` of `ß` → `ss`) maps to the start of the original character for a span's start
/// and to its end for a span's end, so spans always land on character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// A span's first byte.
    Start,
    /// One past a span's last byte.
    End,
}

/// A text's matching form and the edits that map it back. Reuse one per thread: the
/// buffers keep their capacity.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    bytes: Vec<u8>,
    edits: Vec<Edit>,
    /// True when the matching form is the original text itself (nothing to fold).
    identity: bool,
}

impl Normalized {
    /// The matching form.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The matching form as text.
    pub fn as_str(&self) -> &str {
        // SAFETY: `bytes` is built from whole characters of valid UTF-8 text and
        // ASCII replacements only (see `Normalizer::normalize_into`).
        unsafe { std::str::from_utf8_unchecked(&self.bytes) }
    }

    /// Length of the matching form in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The edits, in order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The original byte offset of matching-form offset `at`, which must lie on a
    /// character boundary of the matching form.
    pub fn original(&self, at: usize, side: Side) -> usize {
        let edits = &self.edits;
        match side {
            Side::Start => {
                // The last edit starting at or before `at`: a deletion there is skipped.
                let k = edits.partition_point(|e| e.norm_start <= at);
                let Some(edit) = k.checked_sub(1).map(|k| edits[k]) else {
                    return at;
                };
                if at >= edit.norm_end {
                    edit.orig_end + (at - edit.norm_end)
                } else {
                    edit.orig_start
                }
            }
            Side::End => {
                // An edit starting exactly at `at` is not part of the span.
                let k = edits.partition_point(|e| e.norm_start < at);
                if let Some(edit) = edits.get(k).filter(|e| e.norm_start == at) {
                    return edit.orig_start;
                }
                let Some(edit) = k.checked_sub(1).map(|k| edits[k]) else {
                    return at;
                };
                if at >= edit.norm_end {
                    edit.orig_end + (at - edit.norm_end)
                } else {
                    edit.orig_end
                }
            }
        }
    }

    /// True when no folding applies and the matching form is the original itself.
    pub fn is_identity(&self) -> bool {
        self.identity
    }
}

impl Normalizer {
    /// True when no folding is switched on.
    pub fn is_identity(&self) -> bool {
        !(self.case_fold || self.punctuation || self.spaces)
    }

    /// The matching form of `text` on its own (for aliases): trimmed of white space.
    pub fn normalize(&self, text: &str) -> String {
        let mut out = Normalized::default();
        self.normalize_into(text, &mut out);
        out.as_str()
            .trim_matches(|c: char| c == ' ' || c == '\n')
            .to_string()
    }

    /// Writes the matching form of `text` into `out` (cleared first), with its edits.
    pub fn normalize_into(&self, text: &str, out: &mut Normalized) {
        out.bytes.clear();
        out.edits.clear();
        out.identity = self.is_identity();
        if out.identity {
            out.bytes.extend_from_slice(text.as_bytes());
            return;
        }
        out.bytes.reserve(text.len());
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if self.spaces && is_ascii_space(b) {
                    i = push_space_run(bytes, i, out);
                } else {
                    out.bytes
                        .push(if self.case_fold { b.to_ascii_lowercase() } else { b });
                    i += 1;
                }
                continue;
            }
            let c = decode_at(bytes, i);
            if self.spaces && is_space(c) {
                i = push_space_run(bytes, i, out);
                continue;
            }
            let len = c.len_utf8();
            let norm_start = out.bytes.len();
            let mut single_same_width = true;
            match self.fold_char(c) {
                Replacement::Keep => out.bytes.extend_from_slice(&bytes[i..i + len]),
                Replacement::Char(r) => {
                    push_char(&mut out.bytes, r);
                    single_same_width = r.len_utf8() == len;
                }
                Replacement::Str(s) => {
                    out.bytes.extend_from_slice(s.as_bytes());
                    single_same_width = false;
                }
                Replacement::Lower(lower) => {
                    let mut count = 0;
                    for r in lower {
                        push_char(&mut out.bytes, r);
                        count += 1;
                    }
                    single_same_width = count == 1 && out.bytes.len() - norm_start == len;
                }
            }
            if !single_same_width {
                out.edits.push(Edit {
                    norm_start,
                    norm_end: out.bytes.len(),
                    orig_start: i,
                    orig_end: i + len,
                });
            }
            i += len;
        }
    }

    /// What a non-ASCII character that is not white space becomes.
    pub(crate) fn fold_char(&self, c: char) -> Replacement {
        if self.punctuation {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '\u{FF07}' => {
                    return Replacement::Char('\'')
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}'
                | '\u{FF02}' => return Replacement::Char('"'),
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}'
                | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => return Replacement::Char('-'),
                '\u{2026}' => return Replacement::Str("..."),
                '\u{00AD}' => return Replacement::Str(""),
                _ => {}
            }
        }
        if !self.case_fold {
            return Replacement::Keep;
        }
        match c {
            // Full case folding where simple lower-casing falls short.
            'ß' | 'ẞ' => Replacement::Str("ss"),
            'İ' => Replacement::Char('i'),
            'ς' => Replacement::Char('σ'),
            'ſ' => Replacement::Char('s'),
            'ϐ' => Replacement::Char('β'),
            'ϑ' => Replacement::Char('θ'),
            'ϕ' => Replacement::Char('φ'),
            'ϖ' => Replacement::Char('π'),
            'ϰ' => Replacement::Char('κ'),
            'ϱ' => Replacement::Char('ρ'),
            'ϵ' => Replacement::Char('ε'),
            'ﬀ' => Replacement::Str("ff"),
            'ﬁ' => Replacement::Str("fi"),
            'ﬂ' => Replacement::Str("fl"),
            'ﬃ' => Replacement::Str("ffi"),
            'ﬄ' => Replacement::Str("ffl"),
            'ﬅ' | 'ﬆ' => Replacement::Str("st"),
            _ if c.is_lowercase() || !c.is_alphabetic() => Replacement::Keep,
            _ => Replacement::Lower(c.to_lowercase()),
        }
    }
}

/// What [`Normalizer::fold_char`] turns a character into.
pub(crate) enum Replacement {
    /// The character itself.
    Keep,
    /// Another single character.
    Char(char),
    /// A fixed string (`ß` → `ss`, `…` → `...`, a soft hyphen → nothing).
    Str(&'static str),
    /// Its Unicode lower case.
    Lower(std::char::ToLowercase),
}

/// Folds the run of white space starting at byte `start` of `bytes` (which must be
/// white space): returns where the run ends and the byte it becomes, `\n` when it holds
/// a blank line (two or more line breaks) and a space otherwise.
#[inline]
pub(crate) fn space_run(bytes: &[u8], start: usize) -> (usize, u8) {
    let mut i = start;
    let mut line_breaks = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !is_ascii_space(b) {
                break;
            }
            // `\r\n` counts once: its `\n` is not counted after a `\r`.
            if b == b'\r' || (b == b'\n' && (i == start || bytes[i - 1] != b'\r')) {
                line_breaks += 1;
            }
            i += 1;
        } else {
            let c = decode_at(bytes, i);
            if !is_space(c) {
                break;
            }
            if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
                line_breaks += 1;
            }
            i += c.len_utf8();
        }
    }
    (i, if line_breaks >= 2 { b'\n' } else { b' ' })
}

/// Writes the folded run of white space starting at `start`, with its edit when it is
/// not one byte long; returns where the run ends.
fn push_space_run(bytes: &[u8], start: usize, out: &mut Normalized) -> usize {
    let (end, folded) = space_run(bytes, start);
    let norm_start = out.bytes.len();
    out.bytes.push(folded);
    if end - start != 1 {
        out.edits.push(Edit {
            norm_start,
            norm_end: norm_start + 1,
            orig_start: start,
            orig_end: end,
        });
    }
    end
}

#[inline]
fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buffer = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

/// True for characters that continue a word: letters, digits and combining marks
/// (`e` + U+0301 is one letter to a reader).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The combining-mark blocks (diacritics written as separate code points).
#[inline]
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> Normalized {
        let mut out = Normalized::default();
        Normalizer::default().normalize_into(text, &mut out);
        out
    }

    /// Every character boundary of the matching form maps to a character boundary of
    /// the original, monotonically.
    fn assert_boundaries(text: &str) {
        let out = fold(text);
        let mut last = (0, 0);
        for (at, _) in out.as_str().char_indices().chain([(out.len(), ' ')]) {
            let (start, end) = (out.original(at, Side::Start), out.original(at, Side::End));
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{text:?} {at}"
            );
            assert!(start >= last.0 && end >= last.1, "{text:?} {at}: not monotonic");
            last = (start, end);
        }
        assert_eq!(out.original(out.len(), Side::Start), text.len());
    }

    #[test]
    fn folds_case_punctuation_and_spaces() {
        assert_eq!(fold("Kremlin’s “Putin”").as_str(), "kremlin's \"putin\"");
        assert_eq!(
            fold("Frank-Walter\u{a0}Steinmeier").as_str(),
            "frank-walter steinmeier"
        );
        assert_eq!(fold("A \t B\r\nC\n\nD").as_str(), "a b c\nd");
        assert_eq!(
            fold("STRASSE Straße ﬁnal ΣΊΣΥΦΟΣ").as_str(),
            "strasse strasse final σίσυφοσ"
        );
        assert_eq!(fold("Pu\u{ad}tin — ok…").as_str(), "putin - ok...");
        assert_eq!(fold("plain ascii text").edits().len(), 0);
    }

    #[test]
    fn offsets_map_back() {
        let text = "Ekrem İmamoğlu’s  ﬁrm";
        let out = fold(text);
        let norm = out.as_str();
        assert_eq!(norm, "ekrem imamoğlu's firm");
        let start = norm.find("imamoğlu").unwrap();
        let end = start + "imamoğlu".len();
        let span = out.original(start, Side::Start)..out.original(end, Side::End);
        assert_eq!(&text[span], "İmamoğlu");
        let firm = norm.find("firm").unwrap();
        assert_eq!(&text[out.original(firm, Side::Start)..], "ﬁrm");
        // Inside `ﬁ` → `fi`: a start rounds down, an end rounds up.
        assert_eq!(out.original(firm + 1, Side::Start), text.find('ﬁ').unwrap());
        assert_eq!(out.original(firm + 1, Side::End), text.find('ﬁ').unwrap() + 3);
    }

    #[test]
    fn boundaries_on_odd_text() {
        for text in [
            "",
            "ß",
            "\u{ad}",
            "a\u{ad}\u{ad}b",
            "İİ  ß\r\n\r\n‘x’ 😀 e\u{301}",
            "  lead and trail  ",
            "…",
        ] {
            assert_boundaries(text);
        }
    }

    #[test]
    fn identity_when_everything_is_off() {
        let none = Normalizer {
            case_fold: false,
            punctuation: false,
            spaces: false,
        };
        let mut out = Normalized::default();
        none.normalize_into("Kremlin’s", &mut out);
        assert!(out.is_identity());
        assert_eq!(out.as_str(), "Kremlin’s");
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('é') && is_word_char('7') && is_word_char('\u{301}'));
        assert!(!is_word_char('\'') && !is_word_char('’') && !is_word_char('-'));
    }
}
