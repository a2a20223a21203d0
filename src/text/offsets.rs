//! Byte offsets to code-point offsets, in one forward pass per document.

use super::swar;

/// Converts a non-decreasing sequence of UTF-8 byte offsets into code-point offsets.
///
/// Spans come out of every engine in document order, so one cursor walking forward
/// converts all of them in time linear in the text and with no per-document table
/// (O(1) memory). ASCII text, the common case, takes a fast path: offsets are equal.
/// Asking for an offset behind the cursor restarts it from the beginning, which is
/// still correct, only slower.
#[derive(Debug, Clone)]
pub struct CodePointCursor<'t> {
    bytes: &'t [u8],
    ascii: bool,
    byte: usize,
    code_points: usize,
}

impl<'t> CodePointCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        CodePointCursor {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            code_points: 0,
        }
    }

    /// True when the text is pure ASCII (byte and code-point offsets coincide).
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The code-point offset of byte offset `byte`, which must lie on a character
    /// boundary and not past the end of the text.
    #[inline]
    pub fn advance_to(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.code_points = 0;
        }
        self.code_points += count_code_points(&self.bytes[self.byte..byte]);
        self.byte = byte;
        self.code_points
    }
}

/// Number of code points in a UTF-8 byte slice: every byte that is not a
/// continuation byte (`0b10xx_xxxx`) starts one. Long slices go to `bytecount`, which
/// counts them with SIMD (AVX2 when the CPU has it; a plain `filter().count()` widens
/// every byte to a 64-bit lane and ran at a quarter of the speed). The gaps between
/// the spans of one document are mostly short, and there the call and its dispatch
/// cost more than the count: eight bytes at a time in registers, inline.
#[inline]
fn count_code_points(bytes: &[u8]) -> usize {
    if bytes.len() >= SHORT {
        return bytecount::num_chars(bytes);
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A continuation byte has its top bit set and the next one clear.
        continuation += (word & !(word << 1) & swar::HIGH).count_ones() as usize;
    }
    continuation += chunks.remainder().iter().filter(|&&b| b & 0xC0 == 0x80).count();
    bytes.len() - continuation
}

/// Slices shorter than this are counted inline (see [`count_code_points`]).
const SHORT: usize = 256;

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
    fn short_and_long_gaps_count_alike() {
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
    }
}
