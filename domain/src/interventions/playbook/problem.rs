//! Why a playbook text was rejected. [`Playbook::parse`](super::Playbook::parse) collects every
//! problem rather than stopping at the first, so an admin editing the text sees them all at
//! once; each names the rule (1-based, in file order) and, when it can be found, the line of
//! the rule's `[[rules]]` header.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::units::Locale;

/// One problem of a playbook text: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybookProblem {
    /// The rule concerned, 1-based in file order; `None` for the text as a whole.
    pub rule: Option<usize>,
    /// The 1-based line: of a syntax error, or of the rule's `[[rules]]` header.
    pub line: Option<usize>,
    pub kind: PlaybookProblemKind,
}

/// The kinds of value a field holds, for [`PlaybookProblemKind::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A text in quotes.
    Text,
    /// A list of texts, `["a", "b"]`.
    TextList,
    /// A text in both languages: `id` and `en`.
    Translations,
    /// The rules: a list of `[[rules]]` tables.
    Rules,
    /// One rule: a `[[rules]]` table.
    Rule,
}

impl ValueKind {
    fn en(self) -> &'static str {
        match self {
            ValueKind::Text => "a text in quotes",
            ValueKind::TextList => "a list of texts such as [\"pelatihan\", \"coaching\"]",
            ValueKind::Translations => "a table with the texts `id` and `en`",
            ValueKind::Rules => "a list of [[rules]] tables",
            ValueKind::Rule => "a [[rules]] table",
        }
    }

    fn id(self) -> &'static str {
        match self {
            ValueKind::Text => "teks di antara tanda kutip",
            ValueKind::TextList => "daftar teks seperti [\"pelatihan\", \"coaching\"]",
            ValueKind::Translations => "tabel berisi teks `id` dan `en`",
            ValueKind::Rules => "daftar tabel [[rules]]",
            ValueKind::Rule => "tabel [[rules]]",
        }
    }
}

const KINDS_EN: &str =
    "pelatihan, sosialisasi, coaching, process_redesign, it_system, resourcing, policy or other";
const KINDS_ID: &str =
    "pelatihan, sosialisasi, coaching, process_redesign, it_system, resourcing, policy atau other";
const STAGES_EN: &str =
    "adoption_awareness, adoption_desire, adoption_knowledge, adoption_ability or adoption_reinforcement";
const STAGES_ID: &str =
    "adoption_awareness, adoption_desire, adoption_knowledge, adoption_ability atau adoption_reinforcement";
const BARRIERS_EN: &str =
    "anggaran, sdm, sarana_prasarana, ti, pelatihan, regulasi, dukungan_pimpinan, beban_kerja or lainnya";
const BARRIERS_ID: &str =
    "anggaran, sdm, sarana_prasarana, ti, pelatihan, regulasi, dukungan_pimpinan, beban_kerja atau lainnya";

/// What is wrong. `field` values are the keys as written in the rule, e.g. `title.en`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlaybookProblemKind {
    /// The text is not TOML; `column` is 1-based, on [`PlaybookProblem::line`].
    Syntax {
        message: String,
        column: Option<usize>,
    },
    /// The text is blank.
    Empty,
    /// The text has no `[[rules]]`.
    NoRules,
    /// More rules than [`super::RULES_MAX`].
    TooManyRules { count: usize, max: usize },
    /// A key the format does not have (often a typo).
    UnknownField { field: String },
    /// A field holds the wrong kind of value.
    WrongType { field: String, expected: ValueKind },
    /// A rule says neither `construct`, `stage` nor `barrier`.
    NoTrigger,
    /// A rule says more than one of `construct`, `stage` and `barrier`.
    SeveralTriggers { fields: Vec<String> },
    /// `construct` names no known construct.
    UnknownConstruct { value: String },
    /// `construct = "custom"`: custom dimensions measure different things in every
    /// instrument, so no advice fits them all.
    CustomConstruct,
    /// `stage` names no adoption stage.
    NotAStage { value: String },
    /// `barrier` names no barrier code.
    UnknownBarrier { value: String },
    /// `kinds` is missing or empty.
    NoKinds,
    /// An entry of `kinds` is no intervention type.
    UnknownKind { value: String },
    /// The same trigger already suggests this type, in rule `first_rule` (possibly this one).
    Duplicate {
        trigger: String,
        kind: String,
        first_rule: usize,
    },
    /// A text of `title` or `rationale` is missing or blank.
    MissingText { field: String },
    /// A text is longer than allowed.
    TextTooLong {
        field: String,
        length: usize,
        max: usize,
    },
    /// A text contains a control character (a title also no line break).
    ControlCharacter { field: String },
}

impl PlaybookProblem {
    pub(super) fn whole(kind: PlaybookProblemKind) -> Self {
        Self {
            rule: None,
            line: None,
            kind,
        }
    }

    /// The problem in the given language.
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::Id => self.message_id(),
            Locale::En => self.message_en(),
        }
    }

    /// The problem in English, e.g. `rule 3 (line 41): kinds: "training" is not an
    /// intervention type; ...`.
    pub fn message_en(&self) -> String {
        format!("{}{}", self.place(Locale::En), self.kind.message_en())
    }

    /// The problem in Bahasa Indonesia.
    pub fn message_id(&self) -> String {
        format!("{}{}", self.place(Locale::Id), self.kind.message_id())
    }

    fn place(&self, locale: Locale) -> String {
        let (rule, line, column) = (
            locale.pick("aturan ke-", "rule "),
            locale.pick("baris", "line"),
            locale.pick("kolom", "column"),
        );
        let column_number = match &self.kind {
            PlaybookProblemKind::Syntax { column, .. } => *column,
            _ => None,
        };
        match (self.rule, self.line, column_number) {
            (Some(number), Some(at), _) => format!("{rule}{number} ({line} {at}): "),
            (Some(number), None, _) => format!("{rule}{number}: "),
            (None, Some(at), Some(col)) => format!("{line} {at}, {column} {col}: "),
            (None, Some(at), None) => format!("{line} {at}: "),
            (None, None, _) => String::new(),
        }
    }
}

impl fmt::Display for PlaybookProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for PlaybookProblem {}

impl PlaybookProblemKind {
    /// The problem in English, without its place.
    pub fn message_en(&self) -> String {
        use PlaybookProblemKind as K;
        match self {
            K::Syntax { message, .. } => format!("the text is not valid TOML: {message}"),
            K::Empty => "the playbook is empty; write at least one [[rules]] table".to_owned(),
            K::NoRules => "the playbook has no rules; write at least one [[rules]] table".to_owned(),
            K::TooManyRules { count, max } => {
                format!("the playbook has {count} rules; at most {max} are allowed")
            }
            K::UnknownField { field } => format!(
                "`{field}` is not a field of the playbook; a rule has construct, stage or barrier, kinds, title.id, title.en, rationale.id and rationale.en"
            ),
            K::WrongType { field, expected } => format!("{field}: expected {}", expected.en()),
            K::NoTrigger => {
                "the rule needs one trigger: construct, stage or barrier".to_owned()
            }
            K::SeveralTriggers { fields } => format!(
                "the rule has {} triggers ({}); give exactly one of construct, stage or barrier, and write a rule for each",
                fields.len(),
                fields.join(", ")
            ),
            K::UnknownConstruct { value } => {
                format!("construct: `{value}` is not a known construct")
            }
            K::CustomConstruct => "construct: `custom` dimensions measure something different in every survey, so a rule cannot apply to them".to_owned(),
            K::NotAStage { value } => {
                format!("stage: `{value}` is not an adoption stage; use {STAGES_EN}")
            }
            K::UnknownBarrier { value } => {
                format!("barrier: `{value}` is not a barrier code; use {BARRIERS_EN}")
            }
            K::NoKinds => {
                "kinds: list at least one intervention type, e.g. kinds = [\"pelatihan\"]"
                    .to_owned()
            }
            K::UnknownKind { value } => {
                format!("kinds: `{value}` is not an intervention type; use {KINDS_EN}")
            }
            K::Duplicate {
                trigger,
                kind,
                first_rule,
            } => format!(
                "kinds: `{trigger}` already suggests `{kind}` in rule {first_rule}; each trigger suggests each type once"
            ),
            K::MissingText { field } => format!("{field}: the text is missing"),
            K::TextTooLong { field, length, max } => {
                format!("{field}: the text has {length} characters; at most {max} are allowed")
            }
            K::ControlCharacter { field } => format!(
                "{field}: the text contains a control character{}",
                if field.starts_with("title") {
                    " (a title is one line)"
                } else {
                    ""
                }
            ),
        }
    }

    /// The problem in Bahasa Indonesia, without its place.
    pub fn message_id(&self) -> String {
        use PlaybookProblemKind as K;
        match self {
            K::Syntax { message, .. } => format!("teks bukan TOML yang sah: {message}"),
            K::Empty => "panduan kosong; tulis paling sedikit satu tabel [[rules]]".to_owned(),
            K::NoRules => {
                "panduan tidak memiliki aturan; tulis paling sedikit satu tabel [[rules]]"
                    .to_owned()
            }
            K::TooManyRules { count, max } => {
                format!("panduan memiliki {count} aturan; paling banyak {max}")
            }
            K::UnknownField { field } => format!(
                "`{field}` bukan isian panduan; sebuah aturan berisi construct, stage atau barrier, kinds, title.id, title.en, rationale.id dan rationale.en"
            ),
            K::WrongType { field, expected } => {
                format!("{field}: seharusnya berisi {}", expected.id())
            }
            K::NoTrigger => {
                "aturan memerlukan satu pemicu: construct, stage atau barrier".to_owned()
            }
            K::SeveralTriggers { fields } => format!(
                "aturan memiliki {} pemicu ({}); isi tepat satu dari construct, stage atau barrier, dan tulis aturan terpisah untuk masing-masing",
                fields.len(),
                fields.join(", ")
            ),
            K::UnknownConstruct { value } => {
                format!("construct: `{value}` bukan konstruk yang dikenal")
            }
            K::CustomConstruct => "construct: dimensi `custom` mengukur hal yang berbeda di setiap survei, sehingga tidak dapat diberi aturan".to_owned(),
            K::NotAStage { value } => {
                format!("stage: `{value}` bukan tahap adopsi; gunakan {STAGES_ID}")
            }
            K::UnknownBarrier { value } => {
                format!("barrier: `{value}` bukan kode hambatan; gunakan {BARRIERS_ID}")
            }
            K::NoKinds => {
                "kinds: cantumkan paling sedikit satu jenis intervensi, misalnya kinds = [\"pelatihan\"]"
                    .to_owned()
            }
            K::UnknownKind { value } => {
                format!("kinds: `{value}` bukan jenis intervensi; gunakan {KINDS_ID}")
            }
            K::Duplicate {
                trigger,
                kind,
                first_rule,
            } => format!(
                "kinds: `{trigger}` sudah menyarankan `{kind}` pada aturan ke-{first_rule}; setiap pemicu menyarankan setiap jenis satu kali"
            ),
            K::MissingText { field } => format!("{field}: teks belum diisi"),
            K::TextTooLong { field, length, max } => {
                format!("{field}: teks terdiri dari {length} karakter; paling banyak {max}")
            }
            K::ControlCharacter { field } => format!(
                "{field}: teks memuat karakter kontrol{}",
                if field.starts_with("title") {
                    " (judul ditulis dalam satu baris)"
                } else {
                    ""
                }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place_in_both_languages() {
        let problem = PlaybookProblem {
            rule: Some(3),
            line: Some(41),
            kind: PlaybookProblemKind::UnknownKind {
                value: "training".to_owned(),
            },
        };
        assert_eq!(
            problem.message(Locale::En),
            "rule 3 (line 41): kinds: `training` is not an intervention type; use pelatihan, sosialisasi, coaching, process_redesign, it_system, resourcing, policy or other"
        );
        assert!(problem
            .message(Locale::Id)
            .starts_with("aturan ke-3 (baris 41): kinds: `training` bukan jenis intervensi"));
        assert_eq!(problem.to_string(), problem.message_en());

        let syntax = PlaybookProblem {
            rule: None,
            line: Some(2),
            kind: PlaybookProblemKind::Syntax {
                message: "invalid string".to_owned(),
                column: Some(7),
            },
        };
        assert_eq!(
            syntax.message(Locale::Id),
            "baris 2, kolom 7: teks bukan TOML yang sah: invalid string"
        );
        assert_eq!(
            PlaybookProblem::whole(PlaybookProblemKind::Empty).message(Locale::En),
            "the playbook is empty; write at least one [[rules]] table"
        );
    }

    #[test]
    fn every_kind_has_distinct_messages() {
        use PlaybookProblemKind as K;
        let field = || "title.en".to_owned();
        let kinds = [
            K::Syntax {
                message: "x".to_owned(),
                column: None,
            },
            K::Empty,
            K::NoRules,
            K::TooManyRules { count: 9, max: 8 },
            K::UnknownField { field: field() },
            K::WrongType {
                field: field(),
                expected: ValueKind::Text,
            },
            K::NoTrigger,
            K::SeveralTriggers {
                fields: vec!["construct".to_owned(), "barrier".to_owned()],
            },
            K::UnknownConstruct { value: field() },
            K::CustomConstruct,
            K::NotAStage { value: field() },
            K::UnknownBarrier { value: field() },
            K::NoKinds,
            K::UnknownKind { value: field() },
            K::Duplicate {
                trigger: "barrier:ti".to_owned(),
                kind: "it_system".to_owned(),
                first_rule: 1,
            },
            K::MissingText { field: field() },
            K::TextTooLong {
                field: field(),
                length: 200,
                max: 160,
            },
            K::ControlCharacter { field: field() },
        ];
        let mut english = std::collections::HashSet::new();
        for kind in kinds {
            let (id, en) = (kind.message_id(), kind.message_en());
            assert!(!id.is_empty() && !en.is_empty());
            assert_ne!(id, en, "{kind:?}");
            assert!(english.insert(en), "{kind:?}");
        }
    }
}
