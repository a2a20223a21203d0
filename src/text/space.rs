//! Whitespace as news text has it: ASCII spaces and line breaks, but also the
//! non-breaking space of CMS exports, the thin and ideographic spaces, and the
//! invisible zero-width space and byte-order mark that scrapers leave behind.

/// True for every character presswork treats as white space: Unicode `White_Space`,
/// the ASCII separators U+001C..U+001F (white space to Python's `str.isspace`), and
/// the zero-width space (U+200B), word joiner (U+2060) and BOM (U+FEFF).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1C}'..='\u{1F}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// True for ASCII white space as [`is_space`] counts it.
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1F)
}

/// Byte length of the white-space character starting at byte `i`, or 0 when the
/// character there is not white space (or `i` is at the end).
#[inline]
pub fn space_len_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        None => 0,
        Some(&b) if b < 0x80 => usize::from(is_ascii_space(b)),
        Some(_) => {
            let c = decode_at(bytes, i);
            if is_space(c) {
                c.len_utf8()
            } else {
                0
            }
        }
    }
}

/// Byte length of the white-space character ending just before byte `i`, or 0.
#[inline]
pub fn space_len_before(bytes: &[u8], i: usize) -> usize {
    if i == 0 {
        return 0;
    }
    let last = bytes[i - 1];
    if last < 0x80 {
        return usize::from(is_ascii_space(last));
    }
    let mut start = i - 1;
    while start > 0 && (bytes[start] as i8) < -0x40 {
        start -= 1;
    }
    if is_space(decode_at(bytes, start)) {
        i - start
    } else {
        0
    }
}

/// The part of `start..end` left after removing white space from both ends.
/// Returns an empty span at `end` when everything is white space.
#[inline]
pub fn trim_span(bytes: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        let n = space_len_at(bytes, start);
        if n == 0 || start >= end {
            break;
        }
        start += n;
    }
    while end > start {
        let n = space_len_before(bytes, end);
        if n == 0 {
            break;
        }
        end -= n;
    }
    if start >= end {
        (end, end)
    } else {
        (start, end)
    }
}

/// Decodes the character starting at byte `i` of valid UTF-8.
#[inline]
pub(crate) fn decode_at(bytes: &[u8], i: usize) -> char {
    let b0 = u32::from(bytes[i]);
    let cp = if b0 < 0x80 {
        b0
    } else if b0 < 0xE0 {
        ((b0 & 0x1F) << 6) | (u32::from(bytes[i + 1]) & 0x3F)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12) | ((u32::from(bytes[i + 1]) & 0x3F) << 6) | (u32::from(bytes[i + 2]) & 0x3F)
    } else {
        ((b0 & 0x07) << 18)
            | ((u32::from(bytes[i + 1]) & 0x3F) << 12)
            | ((u32::from(bytes[i + 2]) & 0x3F) << 6)
            | (u32::from(bytes[i + 3]) & 0x3F)
    };
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}

/// Decodes the character ending just before byte `i` of valid UTF-8, with its length.
#[inline]
pub(crate) fn decode_before(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    if i == 0 {
        return None;
    }
    let mut start = i - 1;
    while start > 0 && (bytes[start] as i8) < -0x40 {
        start -= 1;
    }
    Some((decode_at(bytes, start), i - start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_spaces() {
        for s in [
            "\u{a0}", "\u{2009}", "\u{3000}", "\u{200b}", "\u{feff}", "\r", "\t",
        ] {
            assert_eq!(space_len_at(s.as_bytes(), 0), s.len(), "{s:?}");
            assert_eq!(space_len_before(s.as_bytes(), s.len()), s.len(), "{s:?}");
        }
        assert_eq!(space_len_at("é".as_bytes(), 0), 0);
        assert_eq!(space_len_before("é".as_bytes(), 2), 0);
    }

    #[test]
    fn trims_both_ends() {
        let text = "\u{a0} hello\u{2009} ";
        let (s, e) = trim_span(text.as_bytes(), 0, text.len());
        assert_eq!(&text[s..e], "hello");
        assert_eq!(trim_span(b"   ", 0, 3), (3, 3));
    }

    #[test]
    fn decodes_every_width() {
        for s in ["a", "é", "—", "😀"] {
            assert_eq!(decode_at(s.as_bytes(), 0), s.chars().next().unwrap());
            assert_eq!(
                decode_before(s.as_bytes(), s.len()),
                Some((s.chars().next().unwrap(), s.len()))
            );
        }
    }
}
