//! Eight bytes at a time: byte classes of a `u64` word read from text ("SIMD within a
//! register"), for loops that skip over text faster than a byte per step.
//!
//! Each mask function returns the high bit (`0x80`) of every byte lane that has the
//! property, so `mask.trailing_zeros() / 8` is the offset of the first such byte.

/// `0x01` in every lane.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every lane: the flag bit of every mask.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// `0x20` in every lane: ASCII letters OR this are lower case (digits already have it).
pub(crate) const CASE_BIT: u64 = 0x2020_2020_2020_2020;

/// The eight bytes at `at` (which must leave eight bytes), first byte lowest.
#[inline(always)]
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(eight)
}

/// Lanes holding a byte in `lo..=hi`, for ASCII `lo <= hi < 0x7F`; bytes of `0x80` and
/// above are never in range.
#[inline(always)]
fn in_range(word: u64, lo: u8, hi: u8) -> u64 {
    // With the flag bit forced on, no lane can borrow from the next: `b | 0x80 >= lo`.
    let at_least_lo = (word | HIGH).wrapping_sub(ONES * u64::from(lo));
    let above_hi = (word | HIGH).wrapping_sub(ONES * u64::from(hi + 1));
    at_least_lo & !above_hi & !word & HIGH
}

/// Lanes holding an ASCII letter or digit.
#[inline(always)]
pub(crate) fn alphanumeric(word: u64) -> u64 {
    in_range(word, b'0', b'9') | in_range(word | CASE_BIT, b'a', b'z')
}

/// Lanes holding an ASCII letter.
#[inline(always)]
pub(crate) fn alphabetic(word: u64) -> u64 {
    in_range(word | CASE_BIT, b'a', b'z')
}

/// Lanes holding ASCII white space: a space, a tab, a line or page break (`\t` to `\r`).
#[inline(always)]
pub(crate) fn ascii_space(word: u64) -> u64 {
    in_range(word, b'\t', b'\r') | equal(word, b' ')
}

/// Lanes where the two words hold the same byte.
#[inline(always)]
pub(crate) fn same(a: u64, b: u64) -> u64 {
    zero(a ^ b)
}

/// Lanes holding a zero byte.
#[inline(always)]
fn zero(x: u64) -> u64 {
    // A lane is zero iff adding 0x7F to its low seven bits leaves the flag bit clear
    // and its own flag bit is clear.
    !(((x & !HIGH).wrapping_add(!HIGH)) | x | !HIGH)
}

/// Lanes holding a byte of `0x80` and above (part of a non-ASCII character).
#[inline(always)]
pub(crate) fn non_ascii(word: u64) -> u64 {
    word & HIGH
}

/// Lanes holding exactly `byte`.
#[inline(always)]
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    zero(word ^ (ONES * u64::from(byte)))
}

/// The first `n` lanes (`n <= 8`) of a word, the rest zeroed.
#[inline(always)]
pub(crate) fn first_lanes(word: u64, n: usize) -> u64 {
    if n >= 8 {
        word
    } else {
        word & ((1u64 << (8 * n)) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lanes(mask: u64) -> Vec<usize> {
        (0..8).filter(|i| mask & (0x80 << (8 * i)) != 0).collect()
    }

    #[test]
    fn classes_match_the_scalar_tests_for_every_byte() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b'-', b, b'x', 0xC3, b'0', b, 0, 0x7F]);
            let expect_alnum: Vec<usize> = [b'-', b, b'x', 0xC3, b'0', b, 0, 0x7F]
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_ascii_alphanumeric())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(lanes(alphanumeric(word)), expect_alnum, "{b:#x}");
            let expect_eq: Vec<usize> = [b'-', b, b'x', 0xC3, b'0', b, 0, 0x7F]
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == b)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(lanes(equal(word, b)), expect_eq, "{b:#x}");
            let expect_high: Vec<usize> = [b'-', b, b'x', 0xC3, b'0', b, 0, 0x7F]
                .iter()
                .enumerate()
                .filter(|(_, &c)| c >= 0x80)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(lanes(non_ascii(word)), expect_high, "{b:#x}");
            let bytes = word.to_le_bytes();
            let expect = |f: fn(&u8) -> bool| -> Vec<usize> { (0..8).filter(|&i| f(&bytes[i])).collect() };
            assert_eq!(lanes(alphabetic(word)), expect(u8::is_ascii_alphabetic), "{b:#x}");
            assert_eq!(
                lanes(ascii_space(word)),
                expect(|c| b"\t\n\x0b\x0c\r ".contains(c)),
                "{b:#x}"
            );
            let other = u64::from_le_bytes([b'-', b'x', b, 0xC3, b'0', 0, b, 0x7F]);
            let other_bytes = other.to_le_bytes();
            let expect_same: Vec<usize> = (0..8).filter(|&i| bytes[i] == other_bytes[i]).collect();
            assert_eq!(lanes(same(word, other)), expect_same, "{b:#x}");
        }
    }

    #[test]
    fn loads_little_endian_and_cuts_lanes() {
        let word = load(b"abcdefghij", 2);
        assert_eq!(word.to_le_bytes(), *b"cdefghij");
        assert_eq!(first_lanes(word, 3).to_le_bytes(), *b"cde\0\0\0\0\0");
        assert_eq!(first_lanes(word, 8), word);
        assert_eq!(first_lanes(word, 0), 0);
    }
}
