//! The text a `<textarea>` starts with, for every page that fills one.
//!
//! Why this exists: Leptos 0.8's renderer (tachys 0.2) writes a textarea's children without
//! escaping them (`ESCAPE_CHILDREN = false`; an upstream fix was merged and then reverted), so a
//! value holding `</textarea>` closes the element and whatever follows becomes live markup: a
//! `<meta http-equiv=refresh>`, or a form posting on the reader's behalf. Given as
//! `inner_html`, the escaped text is written as is by the server render and read back by the
//! browser as plain text: a textarea's content is RCDATA, where entities are decoded and tags
//! are not. Never give a textarea children; `app/tests/textarea_text.rs` checks the sources.

/// `text` escaped for a textarea's `inner_html`: `&`, `<` and `>` become entities.
pub fn textarea_text(text: impl AsRef<str>) -> String {
    html_escape::encode_text(text.as_ref()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_tag_cannot_leave_the_textarea() {
        let payload = "</textarea><meta http-equiv=\"refresh\" content=\"0;url=https://x\">&amp;";
        let escaped = textarea_text(payload);
        assert!(!escaped.contains('<'), "{escaped}");
        assert!(!escaped.contains('>'), "{escaped}");
        assert_eq!(
            escaped,
            "&lt;/textarea&gt;&lt;meta http-equiv=\"refresh\" content=\"0;url=https://x\"&gt;&amp;amp;"
        );
    }

    #[test]
    fn ordinary_text_is_kept() {
        assert_eq!(
            textarea_text("Pelatihan TI, 3 hari\nRp 5.000.000"),
            "Pelatihan TI, 3 hari\nRp 5.000.000"
        );
    }
}
