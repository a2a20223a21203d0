//! UTF-8 from fixed-width code units: the three ways CPython stores a `str` (PEP 393:
//! Latin-1 bytes, UCS-2, UCS-4).
//!
//! The Python layer hands non-ASCII documents to the core through these functions
//! instead of asking CPython for the string's UTF-8 form, which CPython would build and
//! then keep inside every `str` object for as long as it lives (a second copy of the
//! corpus). News text is nearly all ASCII with a curly quote here and there, so the
//! loops narrow sixteen ASCII units at a time and encode only the others one by one.
//!
//! ```
//! use presswork::text::transcode::push_ucs2;
//! let units: Vec<u16> = "“Hi,” said Zoë".encode_utf16().collect();
//! let mut utf8 = String::new();
//! assert_eq!(push_ucs2(&mut utf8, &units), Ok(()));
//! assert_eq!(utf8, "“Hi,” said Zoë");
//! assert_eq!(push_ucs2(&mut String::new(), &[0x41, 0xDC80]), Err(1));
//! ```

/// Code units checked and narrowed together on the ASCII fast path.
const LANES: usize = 16;

/// Appends Latin-1 text (each byte one code point, U+0000–U+00FF) to `out`.
pub fn push_latin1(out: &mut String, units: &[u8]) {
    push_units(out, units, u32::from).expect("Latin-1 has no surrogates")
}

/// Appends UCS-2 text to `out`, or gives the index of the first lone surrogate (which
/// UTF-8 cannot carry; `out` then holds the text before it).
pub fn push_ucs2(out: &mut String, units: &[u16]) -> Result<(), usize> {
    #[cfg(target_arch = "x86_64")]
    return ucs2_sse2::push(out, units);
    #[cfg(not(target_arch = "x86_64"))]
    return push_units(out, units, u32::from);
}

/// UCS-2, the form of nearly every news article with a curly quote in it, with SSE2
/// (part of x86_64's baseline): sixteen units checked and narrowed in a few
/// instructions, written into room reserved up front (three bytes a unit at most)
/// rather than pushed.
#[cfg(target_arch = "x86_64")]
mod ucs2_sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi16, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_packus_epi16, _mm_set1_epi16, _mm_setzero_si128, _mm_storeu_si128,
    };

    pub(super) fn push(out: &mut String, units: &[u16]) -> Result<(), usize> {
        // SAFETY: only whole UTF-8 sequences are written (ASCII bytes, or the two- or
        // three-byte encoding of a non-surrogate code point), so `out` stays valid.
        let bytes = unsafe { out.as_mut_vec() };
        let start = bytes.len();
        bytes.reserve(3 * units.len());
        // SAFETY: `reserve` made room for three bytes per unit after `start`, the most
        // UCS-2 can take; `written` never passes that.
        unsafe {
            let dst = bytes.as_mut_ptr().add(start);
            let mut written = 0;
            let mut i = 0;
            let result = loop {
                if i + 16 <= units.len() {
                    let src = units.as_ptr().add(i).cast::<__m128i>();
                    let low = _mm_loadu_si128(src);
                    let high = _mm_loadu_si128(src.add(1));
                    let above_ascii = _mm_and_si128(_mm_or_si128(low, high), _mm_set1_epi16(!0x7F));
                    if _mm_movemask_epi8(_mm_cmpeq_epi16(above_ascii, _mm_setzero_si128())) == 0xFFFF {
                        _mm_storeu_si128(dst.add(written).cast::<__m128i>(), _mm_packus_epi16(low, high));
                        written += 16;
                        i += 16;
                        continue;
                    }
                }
                // One unit at a time until the next sixteen-unit step (or the end).
                let stop = (i + 16).min(units.len());
                if i == stop {
                    break Ok(());
                }
                let mut failed = None;
                while i < stop {
                    let unit = units[i];
                    if unit < 0x80 {
                        *dst.add(written) = unit as u8;
                        written += 1;
                    } else if unit < 0x800 {
                        *dst.add(written) = 0xC0 | (unit >> 6) as u8;
                        *dst.add(written + 1) = 0x80 | (unit & 0x3F) as u8;
                        written += 2;
                    } else if unit & 0xF800 == 0xD800 {
                        failed = Some(i);
                        break;
                    } else {
                        *dst.add(written) = 0xE0 | (unit >> 12) as u8;
                        *dst.add(written + 1) = 0x80 | ((unit >> 6) & 0x3F) as u8;
                        *dst.add(written + 2) = 0x80 | (unit & 0x3F) as u8;
                        written += 3;
                    }
                    i += 1;
                }
                if let Some(index) = failed {
                    break Err(index);
                }
            };
            bytes.set_len(start + written);
            result
        }
    }
}

/// Appends UCS-4 text to `out`, or gives the index of the first surrogate (`out` then
/// holds the text before it). CPython keeps an astral character as one UCS-4 unit, never
/// as a pair, so any surrogate in a `str` is a lone one (from `surrogateescape` decoding,
/// say). A value past U+10FFFF, which CPython never stores, becomes U+FFFD.
pub fn push_ucs4(out: &mut String, units: &[u32]) -> Result<(), usize> {
    push_units(out, units, |unit| unit)
}

/// The shared loop: `LANES` units at a time, narrowed in one go when all are ASCII.
/// Surrogates are only looked for among the other units, so finding them costs nothing
/// on the fast path and the text is read once.
#[inline(always)]
fn push_units<U: Copy>(out: &mut String, units: &[U], code_point: impl Fn(U) -> u32) -> Result<(), usize> {
    // SAFETY: only whole UTF-8 sequences are appended below (ASCII bytes, or the
    // encoding of a `char`), so `out` stays valid UTF-8.
    let bytes = unsafe { out.as_mut_vec() };
    bytes.reserve(units.len());
    let mut chunks = units.chunks_exact(LANES);
    let mut base = 0;
    for chunk in &mut chunks {
        let chunk: &[U; LANES] = chunk.try_into().expect("chunks_exact gives LANES units");
        let ored = chunk.iter().fold(0, |acc, &unit| acc | code_point(unit));
        if ored < 0x80 {
            let narrowed: [u8; LANES] = chunk.map(|unit| code_point(unit) as u8);
            bytes.extend_from_slice(&narrowed);
        } else {
            for (i, &unit) in chunk.iter().enumerate() {
                push_code_point(bytes, code_point(unit)).map_err(|()| base + i)?;
            }
        }
        base += LANES;
    }
    for (i, &unit) in chunks.remainder().iter().enumerate() {
        push_code_point(bytes, code_point(unit)).map_err(|()| base + i)?;
    }
    Ok(())
}

#[inline]
fn push_code_point(bytes: &mut Vec<u8>, code_point: u32) -> Result<(), ()> {
    if code_point < 0x80 {
        bytes.push(code_point as u8);
    } else if code_point & !0x7FF == 0xD800 {
        return Err(());
    } else {
        let ch = char::from_u32(code_point).unwrap_or(char::REPLACEMENT_CHARACTER);
        bytes.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        "ascii only, longer than sixteen bytes so the fast path runs",
        "Zoë and José",
        "“Curly,” she said — then İstanbul… 漢字 and 😀 at the end of a longer line",
        "short é",
        "0123456789abcdef0123456789abcdeé",
    ];

    #[test]
    fn every_width_gives_the_same_utf8() {
        for sample in SAMPLES {
            let ucs4: Vec<u32> = sample.chars().map(u32::from).collect();
            let mut from_ucs4 = String::new();
            push_ucs4(&mut from_ucs4, &ucs4).unwrap();
            assert_eq!(&from_ucs4, sample);
            if ucs4.iter().all(|&c| c <= 0xFFFF) {
                let ucs2: Vec<u16> = ucs4.iter().map(|&c| c as u16).collect();
                let mut from_ucs2 = String::new();
                push_ucs2(&mut from_ucs2, &ucs2).unwrap();
                assert_eq!(&from_ucs2, sample);
            }
            if ucs4.iter().all(|&c| c <= 0xFF) {
                let latin1: Vec<u8> = ucs4.iter().map(|&c| c as u8).collect();
                let mut from_latin1 = String::new();
                push_latin1(&mut from_latin1, &latin1);
                assert_eq!(&from_latin1, sample);
            }
        }
    }

    #[test]
    fn every_character_class_in_every_lane_of_a_long_text() {
        for c in [
            'a', '\u{7F}', '\u{80}', 'é', '\u{100}', '\u{7FF}', '\u{800}', '’', '\u{FFFF}',
        ] {
            for at in 0..40 {
                let mut text: Vec<char> = "plain ascii text that runs past two steps".chars().collect();
                text[at] = c;
                let text: String = text.into_iter().collect();
                let units: Vec<u16> = text.encode_utf16().collect();
                let mut out = String::from(">");
                assert_eq!(push_ucs2(&mut out, &units), Ok(()));
                assert_eq!(&out[1..], text, "{c:?} at {at}");
                let mut bad = units.clone();
                bad[at] = 0xDC00;
                let mut before = String::new();
                assert_eq!(push_ucs2(&mut before, &bad), Err(at), "surrogate at {at}");
                assert_eq!(before.encode_utf16().count(), at);
            }
        }
    }

    #[test]
    fn appends_after_existing_text() {
        let mut out = String::from("ab");
        push_latin1(&mut out, &[0xE9, b'c']);
        assert_eq!(out, "abéc");
    }

    #[test]
    fn lone_surrogates_are_found_on_either_path() {
        let mut units: Vec<u16> = "a fairly long run of ascii text".encode_utf16().collect();
        units[20] = 0xDC80;
        let mut out = String::new();
        assert_eq!(push_ucs2(&mut out, &units), Err(20));
        assert_eq!(out, "a fairly long run of");
        assert_eq!(push_ucs2(&mut String::new(), &[0x41, 0xD800]), Err(1));
        assert_eq!(push_ucs4(&mut String::new(), &[0x41, 0x1F600, 0xDFFF]), Err(2));
        let mut wide = String::new();
        assert_eq!(push_ucs4(&mut wide, &[0x110000, 0x41]), Ok(()));
        assert_eq!(wide, "\u{FFFD}A");
    }
}
