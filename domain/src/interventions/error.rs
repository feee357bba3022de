//! Why a value of an intervention plan or a resource gap was rejected. The user interface
//! shows [`InterventionError::message`] in the reader's language; each variant names one
//! mistake.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::InterventionStatus;
use crate::units::Locale;

/// Which text field a text error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// An intervention plan's or a milestone's title.
    Title,
    /// A plan's or a resource gap's description.
    Description,
    /// Where a plan's money comes from (e.g. "APBD 2026").
    FundingSource,
    /// A comment on a plan, or a note on a status change.
    Comment,
}

impl TextField {
    /// The field's name inside a sentence, in the given language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            TextField::Title => locale.pick("judul", "the title"),
            TextField::Description => locale.pick("uraian", "the description"),
            TextField::FundingSource => locale.pick("sumber dana", "the funding source"),
            TextField::Comment => locale.pick("komentar", "the comment"),
        }
    }

    fn en(self) -> &'static str {
        self.label(Locale::En)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InterventionError {
    #[error("{} is empty", field.en())]
    TextEmpty { field: TextField },
    #[error("{} has {length} characters; at most {max} are allowed", field.en())]
    TextTooLong {
        field: TextField,
        length: usize,
        max: usize,
    },
    #[error("{} contains a control character or a text-direction control", field.en())]
    TextControlCharacter { field: TextField },
    #[error("unknown intervention type {value:?}; expected pelatihan, sosialisasi, coaching, process_redesign, it_system, resourcing, policy or other")]
    UnknownKind { value: String },
    #[error("unknown intervention status {value:?}; expected planned, approved, in_progress, done or cancelled")]
    UnknownStatus { value: String },
    #[error("unknown severity {value:?}; expected rendah, sedang or tinggi")]
    UnknownSeverity { value: String },
    #[error("unknown resource gap type {value:?}; expected anggaran, sdm, sarana_prasarana, ti, pelatihan or other")]
    UnknownGapKind { value: String },
    #[error("unknown resource gap status {value:?}; expected open, planned or resolved")]
    UnknownGapStatus { value: String },
    #[error("{value:?} is not a dimension id")]
    BadDimension { value: String },
    #[error("{value:?} is not a barrier code")]
    UnknownBarrier { value: String },
    #[error("a target names either a dimension or a barrier")]
    BadTarget,
    #[error("the amount is empty")]
    RupiahEmpty,
    #[error("the amount is negative")]
    RupiahNegative,
    #[error("rupiah amounts are whole numbers: no decimals (write 1.250.000 or 1250000)")]
    RupiahDecimal,
    #[error("{value:?} is not an amount in rupiah (write Rp 1.250.000, 1.250.000 or 1250000)")]
    RupiahNotANumber { value: String },
    #[error("the amount is larger than Rp {max}")]
    RupiahTooLarge { max: u64 },
    #[error("{value:?} is not a date of the form YYYY-MM-DD")]
    BadDate { value: String },
    #[error("the end date {end} is before the start date {start}")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("a plan that is {from} cannot become {to}")]
    MoveNotAllowed {
        from: InterventionStatus,
        to: InterventionStatus,
    },
    #[error("you prepared this plan (or its latest change); another leader must approve it")]
    OwnApproval,
}

impl InterventionError {
    /// The reason in the given language.
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::Id => self.message_id(),
            Locale::En => self.message_en(),
        }
    }

    /// The reason in English.
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The reason in Bahasa Indonesia.
    pub fn message_id(&self) -> String {
        use InterventionError as E;
        let id = Locale::Id;
        match self {
            E::TextEmpty { field } => format!("{} kosong", field.label(id)),
            E::TextTooLong { field, length, max } => format!(
                "{} terdiri dari {length} karakter; paling banyak {max}",
                field.label(id)
            ),
            E::TextControlCharacter { field } => {
                format!("{} memuat karakter kontrol atau pengatur arah teks", field.label(id))
            }
            E::UnknownKind { value } => format!(
                "jenis intervensi {value:?} tidak dikenal; gunakan pelatihan, sosialisasi, coaching, process_redesign, it_system, resourcing, policy atau other"
            ),
            E::UnknownStatus { value } => format!(
                "status intervensi {value:?} tidak dikenal; gunakan planned, approved, in_progress, done atau cancelled"
            ),
            E::UnknownSeverity { value } => format!(
                "tingkat keparahan {value:?} tidak dikenal; gunakan rendah, sedang atau tinggi"
            ),
            E::UnknownGapKind { value } => format!(
                "jenis kesenjangan sumber daya {value:?} tidak dikenal; gunakan anggaran, sdm, sarana_prasarana, ti, pelatihan atau other"
            ),
            E::UnknownGapStatus { value } => format!(
                "status kesenjangan sumber daya {value:?} tidak dikenal; gunakan open, planned atau resolved"
            ),
            E::BadDimension { value } => format!("{value:?} bukan id dimensi"),
            E::UnknownBarrier { value } => format!("{value:?} bukan kode hambatan"),
            E::BadTarget => "sasaran menyebut satu dimensi atau satu hambatan".to_owned(),
            E::RupiahEmpty => "jumlah kosong".to_owned(),
            E::RupiahNegative => "jumlah negatif".to_owned(),
            E::RupiahDecimal => {
                "jumlah rupiah berupa bilangan bulat, tanpa desimal (tulis 1.250.000 atau 1250000)"
                    .to_owned()
            }
            E::RupiahNotANumber { value } => format!(
                "{value:?} bukan jumlah rupiah (tulis Rp 1.250.000, 1.250.000 atau 1250000)"
            ),
            E::RupiahTooLarge { max } => format!("jumlah lebih dari Rp {max}"),
            E::BadDate { value } => format!("{value:?} bukan tanggal berbentuk TTTT-BB-HH"),
            E::EndBeforeStart { start, end } => {
                format!("tanggal selesai {end} sebelum tanggal mulai {start}")
            }
            E::MoveNotAllowed { from, to } => format!(
                "rencana berstatus {} tidak dapat menjadi {}",
                from.label(id),
                to.label(id)
            ),
            E::OwnApproval => "Anda menyusun rencana ini (atau perubahan terakhirnya); pimpinan lain yang harus menyetujuinya".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages() {
        let errors = [
            InterventionError::TextEmpty {
                field: TextField::Title,
            },
            InterventionError::TextTooLong {
                field: TextField::Description,
                length: 4001,
                max: 4000,
            },
            InterventionError::RupiahDecimal,
            InterventionError::MoveNotAllowed {
                from: InterventionStatus::Done,
                to: InterventionStatus::Approved,
            },
        ];
        for error in errors {
            let (id, en) = (error.message(Locale::Id), error.message(Locale::En));
            assert!(!id.is_empty() && !en.is_empty());
            assert_ne!(id, en, "{error:?}");
        }
        assert_eq!(
            InterventionError::TextEmpty {
                field: TextField::Title
            }
            .message(Locale::Id),
            "judul kosong"
        );
        assert_eq!(
            InterventionError::MoveNotAllowed {
                from: InterventionStatus::Done,
                to: InterventionStatus::Approved,
            }
            .message(Locale::En),
            "a plan that is done cannot become approved"
        );
    }
}
