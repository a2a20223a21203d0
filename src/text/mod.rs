//! Text primitives shared by every engine: byte spans, whitespace classes, and the
//! conversion from UTF-8 byte offsets (what the core computes) to code-point offsets
//! (what Python slices with), and UTF-8 from the fixed-width units CPython stores
//! strings in.
//!
//! ```
//! use presswork::text::{CodePointCursor, Span};
//! let text = "Zoë said hi.";
//! let span = Span::new(5, 13); // bytes: "said hi." starts after "Zoë " (ë is two bytes)
//! let mut cursor = CodePointCursor::new(text);
//! assert_eq!(cursor.advance_to(span.start), 4);
//! assert_eq!(cursor.advance_to(span.end), 12);
//! ```

pub(crate) mod block;
pub mod normalize;
mod offsets;
pub(crate) mod space;
pub(crate) mod swar;
pub mod transcode;

pub use offsets::{code_point_offsets, CodePointCursor};
pub use space::{is_space, space_len_at, space_len_before, trim_span};

/// A half-open byte range `start..end` into a document's UTF-8 text.
///
/// Both ends always fall on character boundaries of the text the span came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes). Debug builds check `start <= end`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    /// When the span does not lie on character boundaries of `text`.
    #[inline]
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}
