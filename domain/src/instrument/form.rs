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
                if !answers.barriers.iter().any(|b| b == value) {
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
