//! Byte offsets to code-point offsets, in one forward pass per document.

use super::swar;

/// Converts a non-decreasing sequence of UTF-8 byte offsets into code-point offsets.
///
/// Spans come out of every engine in document order, so one cursor walking forward
/// converts all of them in time linear in the text and with no per-document table
/// (O(1) memory). Between two non-ASCII characters byte and code-point offsets move
/// together, so the cursor only looks for the next byte of `0x80` and above (sixteen
/// bytes a step) and counts the characters it finds there: news text, ASCII but for a
/// curly quote every hundred bytes or so, costs a comparison per offset. Asking for an
/// offset behind the cursor restarts it from the beginning, which is still correct,
/// only slower.
#[derive(Debug, Clone)]
pub struct CodePointCursor<'t> {
    bytes: &'t [u8],
    /// Where the cursor is, in bytes and in code points.
    byte: usize,
    code_points: usize,
    /// The first byte of `0x80` and above at or after `byte` (the text's length if
    /// there is none).
    next_wide: usize,
}

impl<'t> CodePointCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        CodePointCursor {
            bytes,
            byte: 0,
            code_points: 0,
            next_wide: find_non_ascii(bytes, 0),
        }
    }

    /// True when the text is pure ASCII (byte and code-point offsets coincide),
    /// wherever the cursor is.
    pub fn is_ascii(&self) -> bool {
        self.next_wide == self.bytes.len() && self.code_points == self.byte
    }

    /// The code-point offset of byte offset `byte`, which must lie on a character
    /// boundary and not past the end of the text.
    #[inline]
    pub fn advance_to(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            *self = CodePointCursor {
                bytes: self.bytes,
                byte: 0,
                code_points: 0,
                next_wide: find_non_ascii(self.bytes, 0),
            };
        }
        while self.next_wide < byte {
            // ASCII up to the non-ASCII character at `next_wide`, then that character.
            let lead = self.bytes[self.next_wide];
            let len = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            self.code_points += self.next_wide - self.byte + 1;
            self.byte = self.next_wide + len;
            self.next_wide = find_non_ascii(self.bytes, self.byte);
        }
        self.code_points += byte - self.byte;
        self.byte = byte;
        self.code_points
    }
}

/// Converts byte offsets in any order, in place, to code-point offsets: one pass over
/// the text after sorting (nothing is sorted when the text is ASCII). Each offset must
/// lie on a character boundary, not past the end of the text.
///
/// ```
/// let text = "«Да», he said";
/// let mut offsets = [text.find("he").unwrap(), 2, 0];
/// presswork::text::code_point_offsets(text, &mut offsets);
/// assert_eq!(offsets, [6, 1, 0]);
/// ```
pub fn code_point_offsets(text: &str, offsets: &mut [usize]) {
    let mut cursor = CodePointCursor::new(text);
    if cursor.is_ascii() {
        return;
    }
    if offsets.windows(2).all(|w| w[0] <= w[1]) {
        for offset in offsets.iter_mut() {
            *offset = cursor.advance_to(*offset);
        }
        return;
    }
    let mut order: Vec<u32> = (0..offsets.len() as u32).collect();
    order.sort_unstable_by_key(|&i| offsets[i as usize]);
    for i in order {
        let slot = &mut offsets[i as usize];
        *slot = cursor.advance_to(*slot);
    }
}

/// The first byte of `0x80` and above at or after `from`, or `bytes.len()`.
#[inline]
fn find_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    #[cfg(target_arch = "x86_64")]
    while at + 16 <= bytes.len() {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_movemask_epi8};
        // SAFETY: SSE2 is part of x86_64's baseline; the load reads the 16 bytes at
        // `at`, inside `bytes`.
        let high = unsafe { _mm_movemask_epi8(_mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>())) };
        if high != 0 {
            return at + high.trailing_zeros() as usize;
        }
        at += 16;
    }
    while at + 8 <= bytes.len() {
        let high = swar::non_ascii(swar::load(bytes, at));
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| b >= 0x80)
        .map_or(bytes.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::CodePointCursor;

    #[test]
    fn matches_char_indices_on_mixed_text() {
        let text = "İstanbul — “quoted” 😀 e\u{301} 漢字 end";
        let mut cursor = CodePointCursor::new(text);
        for (code_point, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(cursor.advance_to(byte), code_point);
        }
        assert_eq!(cursor.advance_to(text.len()), text.chars().count());
    }

    #[test]
    fn every_step_between_offsets_gives_char_counts() {
        let text = "a’b“c”dé漢😀 ".repeat(100);
        for step in [1, 3, 7, 8, 9, 50, 255, 256, 257, 1000] {
            let mut cursor = CodePointCursor::new(&text);
            let mut byte = 0;
            while byte <= text.len() {
                while !text.is_char_boundary(byte) {
                    byte += 1;
                }
                assert_eq!(
                    cursor.advance_to(byte),
                    text[..byte].chars().count(),
                    "step {step}"
                );
                byte += step;
            }
        }
    }

    #[test]
    fn going_backwards_restarts() {
        let text = "ééé abc";
        let mut cursor = CodePointCursor::new(text);
        assert_eq!(cursor.advance_to(6), 3);
        assert_eq!(cursor.advance_to(2), 1);
    }

    #[test]
    fn ascii_is_identity() {
        let mut cursor = CodePointCursor::new("plain ascii");
        assert!(cursor.is_ascii());
        assert_eq!(cursor.advance_to(7), 7);
        assert!(cursor.is_ascii(), "wherever the cursor is");
        let mut wide = CodePointCursor::new("é and ascii");
        wide.advance_to(8);
        assert!(!wide.is_ascii());
    }
}
