//! Boilerplate lines: the page furniture a scraper keeps with an article (comment
//! forms, `Also read:` and `Recommended` link lines, share bars, stray URL fragments
//! such as `?s=96&d=mm&r=g`). The pipeline flags the paragraphs made of such lines and
//! keeps them: offsets still point into the text as given.
//!
//! The line openings are data (`data/boilerplate.txt`, compiled in); URL fragments and
//! bare URLs are recognised by their shape.

use std::sync::OnceLock;

use crate::text::Span;

/// The list's text.
const RULES: &str = include_str!("data/boilerplate.txt");

/// Longest line (in bytes) a rule of the list flags: page furniture is short, and an
/// article's sentence that happens to open with `More from` or `Click here` is not.
const MAX_LINE: usize = 160;

/// What kind of page furniture a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Boilerplate {
    /// A comment form (`Please enter your comment!`).
    CommentForm,
    /// A link line or box (`Also read: "…"`, `Recommended to you`).
    Link,
    /// A share or subscribe bar (`Share this`, `Follow us on`).
    Share,
    /// A URL or the residue of one (`?s=96&d=mm&r=g`, `https://…`).
    Url,
}

impl Boilerplate {
    /// Every kind, in the order of their codes.
    pub const ALL: [Boilerplate; 4] = [
        Boilerplate::CommentForm,
        Boilerplate::Link,
        Boilerplate::Share,
        Boilerplate::Url,
    ];

    /// The kind's name (`comment_form`, `link`, `share`, `url`).
    pub fn as_str(self) -> &'static str {
        match self {
            Boilerplate::CommentForm => "comment_form",
            Boilerplate::Link => "link",
            Boilerplate::Share => "share",
            Boilerplate::Url => "url",
        }
    }

    fn from_name(name: &str) -> Option<Boilerplate> {
        Boilerplate::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// The rules of the list: (line opening in lower case, kind).
fn rules() -> &'static [(&'static str, Boilerplate)] {
    static PARSED: OnceLock<Vec<(&'static str, Boilerplate)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        RULES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| {
                let (kind, opening) = line.split_once(char::is_whitespace).expect("kind and words");
                let kind = Boilerplate::from_name(kind).unwrap_or_else(|| panic!("unknown kind {kind:?}"));
                (opening.trim(), kind)
            })
            .collect()
    })
}

/// Which bytes (lower case) open a rule of the list.
fn first_letters() -> &'static [bool; 256] {
    static FIRST: OnceLock<[bool; 256]> = OnceLock::new();
    FIRST.get_or_init(|| {
        let mut first = [false; 256];
        for (opening, _) in rules() {
            first[usize::from(opening.as_bytes()[0])] = true;
        }
        first
    })
}

/// The kind of boilerplate `line` is (trimmed of white space), if it is one.
///
/// ```
/// use presswork::pipeline::{boilerplate_line, Boilerplate};
/// assert_eq!(boilerplate_line("Please enter your comment!"), Some(Boilerplate::CommentForm));
/// assert_eq!(boilerplate_line("?s=96&d=mm&r=g Putin Tells …"), Some(Boilerplate::Url));
/// assert_eq!(boilerplate_line("Also read: \"Moscow supports victims\""), Some(Boilerplate::Link));
/// assert_eq!(boilerplate_line("Putin said the attacks were barbaric."), None);
/// ```
pub fn boilerplate_line(line: &str) -> Option<Boilerplate> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if is_url_residue(line) {
        return Some(Boilerplate::Url);
    }
    if line.len() > MAX_LINE {
        return None;
    }
    let bytes = line.as_bytes();
    // Every opening starts with a letter: most lines fail on their first byte.
    if !first_letters()[usize::from(bytes[0].to_ascii_lowercase())] {
        return None;
    }
    rules()
        .iter()
        .find(|(opening, _)| {
            bytes.len() >= opening.len() && bytes[..opening.len()].eq_ignore_ascii_case(opening.as_bytes())
        })
        .map(|&(_, kind)| kind)
}

/// Whether `line` opens with a query string (`?s=96&d=mm&r=g`, what is left of an
/// avatar's URL) or is one bare URL.
fn is_url_residue(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    if let Some(query) = first.strip_prefix('?') {
        return !query.is_empty()
            && query.split('&').all(|pair| {
                pair.split_once('=').is_some_and(|(key, _)| {
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                })
            });
    }
    let bare = first.len() == line.len();
    bare && (first.starts_with("http://") || first.starts_with("https://") || first.starts_with("www."))
}

/// The kind of boilerplate the paragraph `span` of `text` is: every line of it is
/// boilerplate (the kind is its first line's), or `None`.
pub fn boilerplate_paragraph(text: &str, span: Span) -> Option<Boilerplate> {
    let mut lines = span.as_str(text).lines().filter(|line| !line.trim().is_empty());
    let first = boilerplate_line(lines.next()?)?;
    lines
        .all(|line| boilerplate_line(line).is_some())
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_furniture_is_flagged() {
        for (line, kind) in [
            ("Please enter your comment!", Boilerplate::CommentForm),
            ("Please enter your name here", Boilerplate::CommentForm),
            ("You might also likeRELATED", Boilerplate::Link),
            ("Recommended to you", Boilerplate::Link),
            (
                "Recommended: \"Egyptian air crash will not lead to Russia-West coalition\"",
                Boilerplate::Link,
            ),
            ("ALSO READ: Moscow supports victims", Boilerplate::Link),
            ("?s=96&d=mm&r=g Putin Tells Western Leaders", Boilerplate::Url),
            ("https://example.com/news/1", Boilerplate::Url),
            ("Share this:", Boilerplate::Share),
        ] {
            assert_eq!(boilerplate_line(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn article_text_is_not() {
        for line in [
            "Recommended doses were doubled, the ministry said.",
            "More from the interview will be published on Monday, and the minister, who spoke at length about the attacks, the investigation and the cooperation with France, said more would follow soon.",
            "? What now, asked the mayor.",
            "?= not a query",
            "See https://example.com for the report.",
            "",
        ] {
            assert_eq!(boilerplate_line(line), None, "{line}");
        }
    }

    #[test]
    fn a_paragraph_is_boilerplate_only_when_every_line_is() {
        let text = "Please enter your comment!\nPlease enter your name here\n\nAlso read: x\nPutin spoke.";
        assert_eq!(
            boilerplate_paragraph(text, Span::new(0, 54)),
            Some(Boilerplate::CommentForm)
        );
        assert_eq!(boilerplate_paragraph(text, Span::new(56, text.len())), None);
        assert_eq!(boilerplate_paragraph(text, Span::new(0, 0)), None);
    }

    #[test]
    fn every_rule_parses() {
        assert!(rules().len() > 30);
        assert!(rules()
            .iter()
            .all(|(opening, _)| *opening == opening.to_lowercase()));
    }
}
