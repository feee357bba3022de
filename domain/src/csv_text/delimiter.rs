//! Which delimiter a file uses. Spreadsheets pick it from the regional settings (Excel in an
//! Indonesian locale writes `;`), and a CSV file does not say which, so it is guessed from the
//! header line, whose names never contain either character.

/// The delimiter of the file, decided on its first non-blank line: `;` when it has more
/// semicolons than commas outside quotes, else `,`.
pub(crate) fn detect_delimiter(text: &str) -> char {
    let first_line = text
        .split(['\n', '\r'])
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_delimiter_from_the_first_line() {
        // Headers of both formats.
        assert_eq!(detect_delimiter("code;name;kind\nA,B;C"), ';');
        assert_eq!(detect_delimiter("code,name,kind\n;;;;;;"), ',');
        assert_eq!(detect_delimiter("\n\n  \ncode;name"), ';');
        assert_eq!(detect_delimiter("unit_code;a-1;a-2\nX,1;2"), ';');
        assert_eq!(detect_delimiter("unit_code,a-1\n;;;;;;"), ',');
        assert_eq!(detect_delimiter("\n\n  \nunit_code;a"), ';');
        assert_eq!(detect_delimiter("\"a;b;c\",d"), ',');
        assert_eq!(detect_delimiter(""), ',');
    }
}
