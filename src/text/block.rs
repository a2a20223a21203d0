//! Sixty-four bytes at a time: the ASCII classes of a block of text as bitmasks, bit
//! `i` for byte `i`, so that a loop over the words of the block walks set bits
//! (`trailing_zeros`) instead of bytes, and mispredicts once a block rather than once a
//! word.
//!
//! On x86_64 the masks come from SSE2 (part of the architecture's baseline, so no
//! run-time detection): sixteen bytes a step, three comparisons and a `movemask` per
//! class. Elsewhere a plain loop gives the same masks.
//!
//! ```text
//! text   "Putin said, “we…"      (“ is E2 80 9C)
//! alnum   11111 1111   11         bit set: an ASCII letter or digit
//! high                ^^^  ^^^    bit set: a byte of 0x80 and above
//! ```

/// Bytes in a block.
pub(crate) const BLOCK: usize = 64;

/// The classes of a block's bytes: bit `i` is byte `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BlockClasses {
    /// ASCII letters and digits.
    pub(crate) alnum: u64,
    /// Bytes of `0x80` and above: parts of non-ASCII characters.
    pub(crate) high: u64,
    /// Bytes equal to one of the marked bytes given to [`classify`].
    pub(crate) marked: u64,
}

/// Classifies the 64 bytes at `at` (which must leave 64 bytes). `marks` are ASCII
/// bytes to flag in [`BlockClasses::marked`]; at most [`MAX_MARKS`].
#[inline]
pub(crate) fn classify(text: &[u8], at: usize, marks: &[u8]) -> BlockClasses {
    let block: &[u8; BLOCK] = text[at..at + BLOCK].try_into().expect("a whole block");
    debug_assert!(marks.len() <= MAX_MARKS && marks.iter().all(u8::is_ascii));
    imp::classify(block, marks)
}

/// The 64 bytes at `at` (which must leave 64 bytes) that may begin a capitalised word:
/// ASCII capitals and the lead bytes of multi-byte characters (`0xC0` and above), bit
/// `i` for byte `i`.
#[inline]
pub(crate) fn capitals(text: &[u8], at: usize) -> u64 {
    let block: &[u8; BLOCK] = text[at..at + BLOCK].try_into().expect("a whole block");
    imp::capitals(block)
}

/// Most marked bytes [`classify`] takes.
pub(crate) const MAX_MARKS: usize = 4;

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };

    use super::{BlockClasses, BLOCK};

    #[inline(always)]
    pub(super) fn classify(block: &[u8; BLOCK], marks: &[u8]) -> BlockClasses {
        let mut classes = BlockClasses::default();
        for lane in 0..BLOCK / 16 {
            // SAFETY: SSE2 is part of x86_64's baseline; the load reads 16 bytes of
            // `block` at `16 * lane`, inside its 64 (an unaligned load is allowed).
            let (alnum, high, marked) = unsafe {
                let v = _mm_loadu_si128(block.as_ptr().add(16 * lane).cast::<__m128i>());
                // Signed comparisons: bytes of 0x80 and above are negative, so they fall
                // in no ASCII range.
                let within = |v: __m128i, lo: u8, hi: u8| {
                    _mm_and_si128(
                        _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
                        _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
                    )
                };
                let letters = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
                let alnum = _mm_or_si128(letters, within(v, b'0', b'9'));
                let mut marked = 0;
                for &mark in marks {
                    marked |= _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(mark as i8)));
                }
                (_mm_movemask_epi8(alnum), _mm_movemask_epi8(v), marked)
            };
            let shift = 16 * lane;
            classes.alnum |= u64::from(alnum as u16) << shift;
            classes.high |= u64::from(high as u16) << shift;
            classes.marked |= u64::from(marked as u16) << shift;
        }
        classes
    }

    #[inline(always)]
    pub(super) fn capitals(block: &[u8; BLOCK]) -> u64 {
        let mut mask = 0u64;
        for lane in 0..BLOCK / 16 {
            // SAFETY: as in `classify`.
            let bits = unsafe {
                let v = _mm_loadu_si128(block.as_ptr().add(16 * lane).cast::<__m128i>());
                let upper = _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8(b'A' as i8 - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(b'Z' as i8 + 1)),
                );
                // Lead bytes 0xC0..=0xFF are the signed bytes -64..=-1.
                let lead = _mm_cmpgt_epi8(v, _mm_set1_epi8(-65));
                let lead = _mm_and_si128(lead, _mm_cmplt_epi8(v, _mm_set1_epi8(0)));
                _mm_movemask_epi8(_mm_or_si128(upper, lead))
            };
            mask |= u64::from(bits as u16) << (16 * lane);
        }
        mask
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::{BlockClasses, BLOCK};

    #[inline(always)]
    pub(super) fn classify(block: &[u8; BLOCK], marks: &[u8]) -> BlockClasses {
        let mut classes = BlockClasses::default();
        for (i, &b) in block.iter().enumerate() {
            classes.alnum |= u64::from(b.is_ascii_alphanumeric()) << i;
            classes.high |= u64::from(b >= 0x80) << i;
            classes.marked |= u64::from(marks.contains(&b)) << i;
        }
        classes
    }

    #[inline(always)]
    pub(super) fn capitals(block: &[u8; BLOCK]) -> u64 {
        let mut mask = 0u64;
        for (i, &b) in block.iter().enumerate() {
            mask |= u64::from(b.is_ascii_uppercase() || b >= 0xC0) << i;
        }
        mask
    }
}

#[cfg(test)]
mod capitals_tests {
    use super::*;

    #[test]
    fn capitals_and_lead_bytes() {
        let text = "said Putin, “É” and ZzAa ...............................................";
        let bytes = text.as_bytes();
        let mask = capitals(bytes, 0);
        let expected: u64 = (0..BLOCK)
            .filter(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0xC0)
            .fold(0, |m, i| m | 1 << i);
        assert_eq!(mask, expected);
        assert!(mask & 1 << 5 != 0); // P
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_in_every_lane_is_classified_like_the_scalar_tests() {
        let marks = [b'"', b'\'', b'-'];
        for b in 0..=255u8 {
            for offset in 0..BLOCK {
                let mut text = [b'.'; BLOCK];
                let sample = b"Putin said, \"we are\" 9 - \xE2\x80\x9Cok\xE2\x80\x9D A1z0Z@[`{/: \xC3\xA9 x";
                text[..sample.len()].copy_from_slice(sample);
                text[offset] = b;
                let mut padded = vec![b'x'; 3];
                padded.extend_from_slice(&text);
                let classes = classify(&padded, 3, &marks);
                for (i, &c) in text.iter().enumerate() {
                    let bit = 1u64 << i;
                    assert_eq!(
                        classes.alnum & bit != 0,
                        c.is_ascii_alphanumeric(),
                        "{c:#x} at {i}"
                    );
                    assert_eq!(classes.high & bit != 0, c >= 0x80, "{c:#x} at {i}");
                    assert_eq!(classes.marked & bit != 0, marks.contains(&c), "{c:#x} at {i}");
                }
            }
        }
    }
}
