//! Quote marks: which characters are quote marks, of which family, and whether each
//! one opens, closes or may do either, judged by its neighbours.
//!
//! Two families pair with each other's members, whatever the style: double marks
//! (`"` `“` `”` `„` `«` `»`) and single marks (`'` `‘` `’` `‚` `‹` `›`), so a
//! mismatched pair such as `“hideous"` still closes. An apostrophe is not a mark at
//! all: `’` or `'` between two letters (`Let’s`, `Russia’s`), before a digit after no
//! letter (`the ’90s`), or in `’n’` (`rock ’n’ roll`). A `’` after a letter and before
//! a space may be a plural possessive (`the leaders’ talks`) or a closing quote: it is
//! [`Role::CloseOrApostrophe`], and only closes a single quote that is open.

use crate::text::block::{classify as classify_block, BLOCK};
use crate::text::space::{decode_at, decode_before};

/// Which marks pair with which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `"` `“` `”` `„` `«` `»`.
    Double,
    /// `'` `‘` `’` `‚` `‹` `›`.
    Single,
}

/// What a mark may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// It opens a quote (`“`, `„`, `«`, `‘`, or a straight mark before a word).
    Open,
    /// It closes one (`”`, `»`, or a straight mark after a word).
    Close,
    /// A straight mark with words, or spaces, on both sides: the pairing decides.
    Either,
    /// `’` or `'` after a letter: closes a single quote if one is open, else an
    /// apostrophe (`the leaders’ talks`).
    CloseOrApostrophe,
}

/// A quote mark: where it is (bytes), its family, what it may do, and whether it is
/// `“` or `‘`, which also close a German `„…“` or `‚…‘`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Byte offset of the mark.
    pub at: usize,
    /// Its length in bytes.
    pub len: usize,
    /// Double or single.
    pub family: Family,
    /// Open, close or either.
    pub role: Role,
    /// `“` or `‘`: opens, except after a `„` or `‚` that is open.
    pub low_closer: bool,
}

/// The quote marks of `text[from..to]`, in order; apostrophes are left out.
pub fn marks(text: &str, from: usize, to: usize) -> Vec<Mark> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = from;
    let is_candidate = |b: u8| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2);
    while at < to {
        // Quote marks are ASCII `"` `'` or start with 0xC2 (« ») or 0xE2 (the rest):
        // sixty-four bytes at a time, then byte by byte.
        let mut next = None;
        while next.is_none() && at + BLOCK <= to {
            let classes = classify_block(bytes, at, b"\"'");
            let mut mask = classes.marked | classes.high;
            while mask != 0 {
                let i = at + mask.trailing_zeros() as usize;
                if is_candidate(bytes[i]) {
                    next = Some(i);
                    break;
                }
                mask &= mask - 1;
            }
            if next.is_none() {
                at += BLOCK;
            }
        }
        let Some(position) = next.or_else(|| {
            bytes[at..to]
                .iter()
                .position(|&b| is_candidate(b))
                .map(|o| at + o)
        }) else {
            break;
        };
        at = position;
        let c = decode_at(bytes, at);
        let len = c.len_utf8();
        if let Some(mark) = classify(text, at, c) {
            found.push(mark);
        }
        at += len;
    }
    found
}

/// The mark at `at`, or `None` for a character that is no quote mark here.
fn classify(text: &str, at: usize, c: char) -> Option<Mark> {
    let (family, fixed) = match c {
        '"' => (Family::Double, None),
        '“' => (Family::Double, Some(Role::Open)),
        '”' => (Family::Double, Some(Role::Close)),
        '„' | '«' => (Family::Double, Some(Role::Open)),
        '»' => (Family::Double, Some(Role::Close)),
        '\'' | '’' => (Family::Single, None),
        '‘' | '‚' | '‹' => (Family::Single, Some(Role::Open)),
        '›' => (Family::Single, Some(Role::Close)),
        _ => return None,
    };
    let len = c.len_utf8();
    let before = decode_before(text.as_bytes(), at).map(|(c, _)| c);
    let after = text[at + len..].chars().next();
    let role = match fixed {
        Some(role) => role,
        None if family == Family::Single => single_role(text, at, len, before, after)?,
        None => straight_role(before, after),
    };
    Some(Mark {
        at,
        len,
        family,
        role,
        low_closer: matches!(c, '“' | '‘'),
    })
}

/// `'` or `’`: an apostrophe (`None`) or a mark.
fn single_role(text: &str, at: usize, len: usize, before: Option<char>, after: Option<char>) -> Option<Role> {
    let letter_before = before.is_some_and(char::is_alphanumeric);
    let letter_after = after.is_some_and(char::is_alphanumeric);
    if letter_before && letter_after {
        return None; // Let’s, Russia’s, O’Hara
    }
    if !letter_before && after.is_some_and(|c| c.is_ascii_digit()) {
        return None; // the ’90s
    }
    let rest = &text[at + len..];
    if !letter_before && (rest.starts_with("n’") || rest.starts_with("n'")) {
        return None; // the first mark of ’n’
    }
    if before == Some('n') && is_n_apostrophe(text, at) {
        return None; // the second mark of ’n’
    }
    if letter_before {
        return Some(Role::CloseOrApostrophe);
    }
    Some(straight_role(before, after))
}

/// Whether the mark at `at` closes `’n’` / `'n'` (a space, a mark, `n`, then it).
fn is_n_apostrophe(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let Some(rest) = head.strip_suffix('n') else {
        return false;
    };
    let Some(rest) = rest.strip_suffix('’').or_else(|| rest.strip_suffix('\'')) else {
        return false;
    };
    rest.is_empty() || rest.ends_with(char::is_whitespace)
}

/// A straight mark, or a `‘'` that is no apostrophe, by its neighbours: after a space or
/// an opening bracket and before a word it opens; after a word and before a space or
/// punctuation it closes.
fn straight_role(before: Option<char>, after: Option<char>) -> Role {
    let open_side = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c) || is_opening_mark(c));
    let close_side =
        after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-/…".contains(c) || is_closing_mark(c));
    match (open_side, close_side) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '\'' | '‘' | '‚' | '‹')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '»' | '\'' | '’' | '›')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(char, Role)> {
        marks(text, 0, text.len())
            .iter()
            .map(|m| (text[m.at..].chars().next().unwrap(), m.role))
            .collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for text in [
            "Let’s go",
            "Russia’s view",
            "the ’90s",
            "rock ’n’ roll",
            "rock 'n' roll",
            "O'Hara",
            "don't",
        ] {
            assert_eq!(roles(text), [], "{text}");
        }
    }

    #[test]
    fn marks_by_style_and_context() {
        use Role::*;
        assert_eq!(roles("“Hi,” he said"), [('“', Open), ('”', Close)]);
        assert_eq!(roles("said \"no.\" Then"), [('"', Open), ('"', Close)]);
        assert_eq!(roles("a “hideous\" act"), [('“', Open), ('"', Close)]);
        assert_eq!(
            roles("« Oui » et „ja“"),
            [('«', Open), ('»', Close), ('„', Open), ('“', Open)]
        );
        assert_eq!(roles("the leaders’ talks"), [('’', CloseOrApostrophe)]);
        assert_eq!(
            roles("he said 'never'."),
            [('\'', Open), ('\'', CloseOrApostrophe)]
        );
        assert_eq!(roles("a \" b"), [('"', Either)]);
    }
}
