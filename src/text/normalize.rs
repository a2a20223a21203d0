//! The matching form of an alias: case folded, typographic variants folded, white-space
//! runs folded.
//!
//! Text is never normalised as a whole: the entity matcher folds each character of a
//! document as it walks it (see `entities::walk`), with the same primitives as
//! [`Normalizer::normalize`] uses here, `Normalizer::fold_char` and `space_run`, so
//! aliases and text fold alike and offsets stay those of the original text.
//!
//! ```
//! use presswork::text::normalize::Normalizer;
//! let folded = Normalizer::default().normalize("  Kremlin’s\u{a0}\u{a0}İmamoğlu — ﬁnal ");
//! assert_eq!(folded, "kremlin's imamoğlu - final");
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

impl Normalizer {
    /// True when no folding is switched on.
    pub fn is_identity(&self) -> bool {
        !(self.case_fold || self.punctuation || self.spaces)
    }

    /// The matching form of `text` on its own (an alias): folded, and trimmed of the
    /// space or line break that white space at either end folds to.
    pub fn normalize(&self, text: &str) -> String {
        let trim = |s: &str| s.trim_matches(|c: char| c == ' ' || c == '\n').to_string();
        if self.is_identity() {
            return trim(text);
        }
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.spaces
                && (if b < 0x80 {
                    is_ascii_space(b)
                } else {
                    is_space(decode_at(bytes, i))
                })
            {
                let (end, folded) = space_run(bytes, i);
                out.push(folded);
                i = end;
                continue;
            }
            if b < 0x80 {
                out.push(if self.case_fold { b.to_ascii_lowercase() } else { b });
                i += 1;
                continue;
            }
            let c = decode_at(bytes, i);
            match self.fold_char(c) {
                Replacement::Keep => out.extend_from_slice(&bytes[i..i + c.len_utf8()]),
                Replacement::Char(r) => push_char(&mut out, r),
                Replacement::Str(s) => out.extend_from_slice(s.as_bytes()),
                Replacement::Lower(lower) => lower.for_each(|r| push_char(&mut out, r)),
            }
            i += c.len_utf8();
        }
        // Whole characters of valid UTF-8 and ASCII or `char` replacements only.
        trim(&String::from_utf8(out).expect("folding keeps UTF-8 valid"))
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

    fn fold(text: &str) -> String {
        Normalizer::default().normalize(text)
    }

    #[test]
    fn folds_case_punctuation_and_spaces() {
        assert_eq!(fold("Kremlin’s “Putin”"), "kremlin's \"putin\"");
        assert_eq!(fold("Frank-Walter\u{a0}Steinmeier"), "frank-walter steinmeier");
        assert_eq!(fold("A \t B\r\nC\n\nD"), "a b c\nd");
        assert_eq!(
            fold("STRASSE Straße ﬁnal ΣΊΣΥΦΟΣ"),
            "strasse strasse final σίσυφοσ"
        );
        assert_eq!(fold("Pu\u{ad}tin — ok…"), "putin - ok...");
        assert_eq!(fold("Ekrem İmamoğlu’s  ﬁrm"), "ekrem imamoğlu's firm");
        assert_eq!(fold(" \n\n lead and trail \u{3000}"), "lead and trail");
    }

    #[test]
    fn odd_text_stays_valid() {
        for text in [
            "",
            "ß",
            "\u{ad}",
            "a\u{ad}\u{ad}b",
            "İİ  ß\r\n\r\n‘x’ 😀 e\u{301}",
            "…",
            "Ⱥ",
        ] {
            let folded = fold(text);
            assert!(folded.len() <= text.len() * 3, "{text:?}");
        }
        assert_eq!(fold("Ⱥ"), "ⱥ");
    }

    #[test]
    fn identity_when_everything_is_off() {
        let none = Normalizer {
            case_fold: false,
            punctuation: false,
            spaces: false,
        };
        assert!(none.is_identity());
        assert_eq!(none.normalize(" Kremlin’s\u{a0}"), "Kremlin’s\u{a0}");
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('é') && is_word_char('7') && is_word_char('\u{301}'));
        assert!(!is_word_char('\'') && !is_word_char('’') && !is_word_char('-'));
    }
}
