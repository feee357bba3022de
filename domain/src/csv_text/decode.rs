//! From the uploaded bytes to text: a UTF-8 byte-order mark is dropped (Excel's
//! "CSV UTF-8" writes one), and a file that is not UTF-8 is still read, lossily, so that the
//! importer can report every other problem along with the line of the first bad byte.

use std::borrow::Cow;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file, and where it stopped being UTF-8 if it did.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text without its byte-order mark; bad bytes replaced by U+FFFD.
    pub text: Cow<'a, str>,
    /// The 1-based line of the first byte that is not UTF-8; `None` for a UTF-8 file.
    pub not_utf8_line: Option<usize>,
}

/// Decodes a file, borrowing it when it is UTF-8 (the usual case, no copy).
pub(crate) fn decode(input: &[u8]) -> Decoded<'_> {
    let bytes = input.strip_prefix(UTF8_BOM).unwrap_or(input);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            not_utf8_line: None,
        },
        Err(error) => Decoded {
            text: String::from_utf8_lossy(bytes),
            not_utf8_line: Some(line_of_offset(bytes, error.valid_up_to())),
        },
    }
}

/// The 1-based line of a byte offset, counting `\r\n`, `\n` and a lone `\r` as one break each
/// (the same rule as [`RecordReader`](super::RecordReader), so lines agree across problems).
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, byte) in before.iter().enumerate() {
        match byte {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_offsets_follow_the_same_rule() {
        let bytes = b"a\r\nb\rc\nd";
        assert_eq!(line_of_offset(bytes, 0), 1);
        assert_eq!(line_of_offset(bytes, 3), 2);
        assert_eq!(line_of_offset(bytes, 5), 3);
        assert_eq!(line_of_offset(bytes, 7), 4);
    }

    #[test]
    fn drops_the_byte_order_mark_and_borrows_utf8() {
        let decoded = decode(b"\xEF\xBB\xBFcode,name\n");
        assert!(matches!(decoded.text, Cow::Borrowed("code,name\n")));
        assert_eq!(decoded.not_utf8_line, None);
    }

    #[test]
    fn reports_the_line_of_the_first_bad_byte_and_reads_on() {
        let decoded = decode(b"\xEF\xBB\xBFh\r\na\rb\xE9,c\nd\xFF");
        assert_eq!(decoded.not_utf8_line, Some(3));
        assert_eq!(decoded.text, "h\r\na\rb\u{FFFD},c\nd\u{FFFD}");
    }
}
