//! What a name or title shown to other people may hold (issue #16). Besides control
//! characters (a line break would break lists, exports and printed reports), two kinds of
//! invisible character are refused: direction controls, which make one string display as
//! another (a reversed code, a spoofed name), and text made only of zero-width characters,
//! which looks empty but is not.

/// Bidirectional embeddings, overrides, isolates and marks: they change how the text around
/// them is displayed without being visible themselves.
pub fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// A character a name or title may not hold: a control character (`\n` and `\t` aside where
/// `multiline`) or a direction control.
pub fn is_hidden_control(c: char, multiline: bool) -> bool {
    (c.is_control() && !(multiline && (c == '\n' || c == '\t'))) || is_direction_control(c)
}

/// Whether `text` holds a character a name or title may not hold ([`is_hidden_control`]).
pub fn holds_hidden_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| is_hidden_control(c, multiline))
}

/// Whether `text` shows nothing: only whitespace and zero-width characters (zero-width
/// space, joiners, word joiner, byte-order mark, soft hyphen).
pub fn shows_nothing(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_and_line_breaks_are_hidden_controls() {
        for c in ['\u{202E}', '\u{2066}', '\u{200F}', '\0', '\n', '\u{7}'] {
            assert!(is_hidden_control(c, false), "{c:?}");
        }
        assert!(!is_hidden_control('\n', true));
        assert!(!is_hidden_control('é', false));
    }

    #[test]
    fn names_and_titles_refuse_spoofing_and_invisible_text() {
        use crate::{interventions::InterventionTitle, units::UnitName, waves::WaveTitle};
        // "Dinas \u{202E}ATAD" displays as "Dinas DATA" reversed: a spoofed name.
        for raw in [
            "Dinas \u{202E}ATAD",
            "Dinas\u{0}",
            "Dinas\nKota",
            "\u{200B}\u{200B}",
        ] {
            assert!(UnitName::parse(raw).is_err(), "unit name {raw:?}");
            assert!(WaveTitle::parse(raw).is_err(), "wave title {raw:?}");
            assert!(InterventionTitle::parse(raw).is_err(), "plan title {raw:?}");
        }
        assert!(UnitName::parse("Kelurahan Gambir").is_ok());
    }

    #[test]
    fn zero_width_only_text_shows_nothing() {
        assert!(shows_nothing("\u{200B}\u{200B} \u{FEFF}"));
        assert!(shows_nothing(""));
        assert!(!shows_nothing("\u{200B}Dinas"));
    }
}
