//! The survey form's field names, shared by the server-rendered form, the handler that reads a
//! posted form (with or without JavaScript) and the browser's draft: one place decides that an
//! item's radio group is called `item.<id>`.

use super::answers::Answers;

/// Prefix of an item's radio group: `item.kesiapan_1`.
pub const ITEM_FIELD_PREFIX: &str = "item.";
/// The name of every barrier checkbox (one value per ticked barrier).
pub const BARRIER_FIELD: &str = "barrier";
/// The "lainnya" free text.
pub const BARRIER_OTHER_FIELD: &str = "barrier_other";
/// Prefix of a comment question's text area: `comment.saran`.
pub const COMMENT_FIELD_PREFIX: &str = "comment.";

/// Most fields a posted survey form may have. The largest instrument posts every item
/// ([`ITEMS_MAX`](super::limits::ITEMS_MAX)), comment and barrier once, plus the language: far
/// fewer. A bound on fields bounds the work an unauthenticated post can cause.
pub const FORM_FIELDS_MAX: usize = 512;
/// Largest posted survey form in bytes: every comment at its longest, percent-encoded
/// (up to 9 bytes per character), fits several times over.
pub const FORM_BYTES_MAX: usize = 256 * 1024;

/// Why a posted form was not read at all: it cannot come from the survey form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OversizedForm {
    #[error("the form has more than {FORM_FIELDS_MAX} fields")]
    TooManyFields,
    #[error("the form is larger than {FORM_BYTES_MAX} bytes")]
    TooLarge,
}

/// Checks a posted `application/x-www-form-urlencoded` body's size before it is parsed: one
/// pass over the bytes, so refusing costs no more than reading.
pub fn check_form_size(body: &[u8]) -> Result<(), OversizedForm> {
    if body.len() > FORM_BYTES_MAX {
        return Err(OversizedForm::TooLarge);
    }
    let fields = body.split(|b| *b == b'&').filter(|f| !f.is_empty()).count();
    if fields > FORM_FIELDS_MAX {
        return Err(OversizedForm::TooManyFields);
    }
    Ok(())
}

/// The field name of an item's radio group.
pub fn item_field(item: &str) -> String {
    format!("{ITEM_FIELD_PREFIX}{item}")
}

/// The field name of a comment question.
pub fn comment_field(question: &str) -> String {
    format!("{COMMENT_FIELD_PREFIX}{question}")
}

impl Answers {
    /// Reads a posted form (`application/x-www-form-urlencoded` pairs, in order). Fields the
    /// survey form does not have are ignored (e.g. the language choice); values that are not
    /// a number become 0, which validation reports as off the scale rather than dropping them
    /// silently.
    pub fn from_form<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut answers = Answers::default();
        // Repeats are dropped in linear time: a checklist of n ticks costs n, not n².
        let mut seen_barriers = std::collections::HashSet::new();
        for (name, value) in pairs {
            if let Some(item) = name.strip_prefix(ITEM_FIELD_PREFIX) {
                let value = value.trim();
                let point = if value.is_empty() {
                    None
                } else {
                    Some(value.parse::<u8>().unwrap_or(0))
                };
                answers.items.insert(item.to_owned(), point);
            } else if let Some(question) = name.strip_prefix(COMMENT_FIELD_PREFIX) {
                answers
                    .comments
                    .insert(question.to_owned(), value.to_owned());
            } else if name == BARRIER_FIELD {
                if seen_barriers.insert(value) {
                    answers.barriers.push(value.to_owned());
                }
            } else if name == BARRIER_OTHER_FIELD {
                answers.barrier_other = Some(value.to_owned());
            }
        }
        answers
    }

    /// Whether anything at all was answered (an empty draft is not worth restoring).
    pub fn is_empty(&self) -> bool {
        self.items.values().all(Option::is_none)
            && self.barriers.is_empty()
            && self
                .barrier_other
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
            && self.comments.values().all(|t| t.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_of_the_largest_survey_fits_and_a_flood_does_not() {
        let largest: Vec<String> = (0..super::super::limits::ITEMS_MAX)
            .map(|i| format!("item.i{i}=4"))
            .chain((0..40).map(|i| format!("barrier=b{i}")))
            .collect();
        assert_eq!(check_form_size(largest.join("&").as_bytes()), Ok(()));
        let flood = "barrier=b0&".repeat(FORM_FIELDS_MAX + 1);
        assert_eq!(
            check_form_size(flood.as_bytes()),
            Err(OversizedForm::TooManyFields)
        );
        let huge = format!("comment.saran={}", "x".repeat(FORM_BYTES_MAX));
        assert_eq!(
            check_form_size(huge.as_bytes()),
            Err(OversizedForm::TooLarge)
        );
    }

    #[test]
    fn repeated_barriers_are_kept_once_in_order() {
        let pairs: Vec<(String, String)> = (0..2000)
            .map(|i| ("barrier".to_owned(), format!("b{}", i % 3)))
            .collect();
        let answers = Answers::from_form(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert_eq!(answers.barriers, ["b0", "b1", "b2"]);
    }

    #[test]
    fn reads_items_barriers_and_comments() {
        let answers = Answers::from_form([
            ("lang", "en"),
            ("item.a", "4"),
            ("item.b", ""),
            ("item.c", "x"),
            ("barrier", "anggaran"),
            ("barrier", "ti"),
            ("barrier", "ti"),
            ("barrier_other", "  "),
            ("comment.saran", "Lebih banyak pelatihan"),
        ]);
        assert_eq!(answers.items["a"], Some(4));
        assert_eq!(answers.items["b"], None);
        assert_eq!(
            answers.items["c"],
            Some(0),
            "not a number is kept, to be refused"
        );
        assert_eq!(answers.barriers, vec!["anggaran", "ti"]);
        assert_eq!(answers.comments["saran"], "Lebih banyak pelatihan");
        assert!(!answers.is_empty());
    }

    #[test]
    fn blank_form_is_empty() {
        let answers = Answers::from_form([("item.a", ""), ("comment.saran", " ")]);
        assert!(answers.is_empty());
        assert_eq!(item_field("a"), "item.a");
        assert_eq!(comment_field("saran"), "comment.saran");
    }
}
