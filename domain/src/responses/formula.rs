//! Guarding exported free texts against spreadsheet formula injection.
//!
//! Comments are written by respondents and opened by analysts in Excel, where a cell starting
//! with `=`, `+`, `-` or `@` is run as a formula (OWASP "CSV injection"). The exporter puts a
//! `'` in front of such a text, which spreadsheets read as "this is text". The importer takes
//! one leading `'` off again wherever the exporter could have put it, so export then import
//! gives back exactly the text that was answered:
//!
//! - export: a text that, after its leading `'`s, starts with a trigger gets one more `'`
//!   (unless it has neither a trigger nor a `'` at the very start);
//! - import: a text that starts with `'` and, after its leading `'`s, starts with a trigger
//!   loses one `'`.

const TRIGGERS: [char; 4] = ['=', '+', '-', '@'];

fn after_quotes_starts_with_trigger(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The text as written to a cell.
pub(super) fn guard(text: &str) -> String {
    if after_quotes_starts_with_trigger(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text as answered, from a cell written by [`guard`].
pub(super) fn unguard(cell: &str) -> &str {
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
}
