//! Guarding exported texts against spreadsheet formula injection.
//!
//! Exports are opened in Excel, where a cell starting with `=`, `+`, `-` or `@` is run as a
//! formula (OWASP "CSV injection"); the texts come from people (respondents' comments, unit
//! names typed by an administrator). The exporter puts a `'` in front of such a text, which
//! spreadsheets read as "this is text". The importer takes one leading `'` off again wherever
//! the exporter could have put it, so export then import gives back exactly the text:
//!
//! - export: a text that, after its leading `'`s, starts with a trigger gets one more `'`
//!   (unless it has neither a trigger nor a `'` at the very start);
//! - import: a text that starts with `'` and, after its leading `'`s, starts with a trigger
//!   loses one `'`.
//!
//! OWASP also lists tab and carriage return. They are left out on purpose: both formats trim
//! every value on import (and unit names refuse control characters), so no stored text starts
//! with one, and adding them would only change how hand-typed `'`+tab cells are read.

use std::borrow::Cow;

const TRIGGERS: [char; 4] = ['=', '+', '-', '@'];

fn after_quotes_starts_with_trigger(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The text as written to a cell.
pub fn guard(text: &str) -> Cow<'_, str> {
    if after_quotes_starts_with_trigger(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text as answered, from a cell written by [`guard`].
pub(crate) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if after_quotes_starts_with_trigger(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_shape() {
        for text in [
            "=SUM(A1)", "-saran", "'=x", "''@x", "'biasa", "biasa", "", "'",
        ] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("biasa"), "biasa");
    }

    #[test]
    fn guards_every_trigger_and_nothing_else() {
        for text in ["=x", "+x", "-x", "@x", "'=x"] {
            assert_eq!(guard(text), format!("'{text}"), "{text:?}");
        }
        for text in ["x=", " =x", "'x", "Dinas", "1"] {
            assert!(matches!(guard(text), Cow::Borrowed(_)), "{text:?}");
        }
    }
}
