//! What is wrong with a submission, addressed to the respondent in both languages. Problems are
//! collected rather than stopping at the first, so the form can mark every field at once.

use serde::{Deserialize, Serialize};

use super::text::Bilingual;
use crate::units::Locale;

/// What kind of problem a submission has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AnswerProblemKind {
    /// A required item has no answer.
    RequiredItemMissing,
    /// An answer is not a point of the scale.
    OutOfScale { value: u8, min: u8, max: u8 },
    /// An answer to an item the instrument does not have.
    UnknownItem,
    /// A barrier code that is not offered (or the instrument has no checklist).
    UnknownBarrier,
    /// "Lainnya" text without "lainnya" being ticked or offered.
    OtherTextWithoutOther,
    /// A free text longer than allowed.
    TextTooLong { length: usize, max: u32 },
    /// A required comment question is blank.
    RequiredCommentMissing,
    /// An answer to a comment question the instrument does not have.
    UnknownComment,
}

/// One problem: what it concerns, what kind it is, and a message for the respondent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerProblem {
    target: String,
    kind: AnswerProblemKind,
    message: Bilingual,
}

/// The `target` of problems with the "lainnya" text, which has no id of its own.
pub const BARRIER_OTHER_TARGET: &str = "barrier_other";

/// What a problem is about, in words for the respondent: "Pernyataan nomor 3" /
/// "Statement 3". Numbers, not ids, because respondents see numbered questions.
#[derive(Debug, Clone)]
pub(super) struct Subject {
    id: String,
    en: String,
}

impl Subject {
    /// The item at 1-based position `number` in the survey.
    pub(super) fn item(number: usize) -> Self {
        Self {
            id: format!("Pernyataan nomor {number}"),
            en: format!("Statement {number}"),
        }
    }

    /// An item id the survey does not have.
    pub(super) fn unknown_item(id: &str) -> Self {
        Self {
            id: format!("Pernyataan `{id}`"),
            en: format!("Statement `{id}`"),
        }
    }

    /// A barrier option by its code.
    pub(super) fn barrier(code: &str) -> Self {
        Self {
            id: format!("Pilihan hambatan `{code}`"),
            en: format!("Barrier option `{code}`"),
        }
    }

    /// The "lainnya" text.
    pub(super) fn barrier_other() -> Self {
        Self {
            id: "Keterangan hambatan lainnya".to_owned(),
            en: "The description of the other barrier".to_owned(),
        }
    }

    /// The open question at 1-based position `number`.
    pub(super) fn comment(number: usize) -> Self {
        Self {
            id: format!("Pertanyaan terbuka nomor {number}"),
            en: format!("Open question {number}"),
        }
    }

    /// A comment id the survey does not have.
    pub(super) fn unknown_comment(id: &str) -> Self {
        Self {
            id: format!("Pertanyaan terbuka `{id}`"),
            en: format!("Open question `{id}`"),
        }
    }
}

impl AnswerProblem {
    pub(super) fn new(target: &str, subject: Subject, kind: AnswerProblemKind) -> Self {
        Self {
            message: message(subject, kind),
            target: target.to_owned(),
            kind,
        }
    }

    /// What the problem concerns: an item id, a barrier code, a comment id, or
    /// [`BARRIER_OTHER_TARGET`].
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The kind of problem.
    pub fn kind(&self) -> AnswerProblemKind {
        self.kind
    }

    /// The message in both languages.
    pub fn message(&self) -> &Bilingual {
        &self.message
    }

    /// The message in `locale`.
    pub fn message_in(&self, locale: Locale) -> &str {
        self.message.get(locale)
    }
}

fn message(subject: Subject, kind: AnswerProblemKind) -> Bilingual {
    use AnswerProblemKind as K;
    let Subject { id: s_id, en: s_en } = subject;
    let (id, en) = match kind {
        K::RequiredItemMissing => (
            format!("{s_id} wajib dijawab."),
            format!("{s_en} must be answered."),
        ),
        K::OutOfScale { value, min, max } => (
            format!("{s_id}: jawaban {value} tidak ada pada skala {min}-{max}."),
            format!("{s_en}: answer {value} is not on the {min}-{max} scale."),
        ),
        K::UnknownItem | K::UnknownComment => (
            format!("{s_id} tidak ada dalam survei ini."),
            format!("{s_en} is not part of this survey."),
        ),
        K::UnknownBarrier => (
            format!("{s_id} tidak tersedia dalam survei ini."),
            format!("{s_en} is not offered in this survey."),
        ),
        K::OtherTextWithoutOther => (
            format!("{s_id} hanya diisi bila pilihan \"Lainnya\" dicentang."),
            format!("{s_en} is only filled in when \"Other\" is ticked."),
        ),
        K::TextTooLong { length, max } => (
            format!("{s_id} terdiri dari {length} karakter; paling banyak {max}."),
            format!("{s_en} has {length} characters; at most {max} are allowed."),
        ),
        K::RequiredCommentMissing => (
            format!("{s_id} wajib diisi."),
            format!("{s_en} must be answered."),
        ),
    };
    Bilingual::known(id, en)
}
