//! Writing one field of an exported file (RFC 4180 quoting).

/// Appends a field, quoted when it holds a delimiter (either one, since the reader of the
/// file may guess `;`), a quote or a line break; plain otherwise, so a simple file stays
/// readable as it is.
pub fn push_field(out: &mut String, field: &str) {
    if field.contains([',', ';', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, text);
        out
    }

    #[test]
    fn quotes_only_what_needs_it() {
        for (text, written) in [
            ("Dinas A", "Dinas A"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("a;b", "\"a;b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\r\nlines", "\"two\r\nlines\""),
        ] {
            assert_eq!(field(text), written, "{text:?}");
        }
    }
}
