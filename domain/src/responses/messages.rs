//! The sentences of [`ResponseProblemKind`] in Bahasa Indonesia and English.

use super::problem::ResponseProblemKind as K;
use crate::instrument::Bilingual;
use crate::units::Locale;

/// Labels quoted one by one: a barrier label may hold a comma itself.
fn listed(labels: &[Bilingual], locale: Locale) -> String {
    labels
        .iter()
        .map(|label| format!("{:?}", label.get(locale)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl K {
    /// The reason in Bahasa Indonesia.
    pub fn message_id(&self) -> String {
        match self {
            K::FileTooLarge { bytes, limit } => {
                format!("berkas berukuran {bytes} byte; paling besar {limit} byte")
            }
            K::EmptyFile => "berkas kosong: baris judul kolom tidak ada".to_owned(),
            K::NotUtf8 => "berkas bukan UTF-8; simpan ulang sebagai \"CSV UTF-8\"".to_owned(),
            K::UnterminatedQuote => "tanda kutip dibuka tetapi tidak pernah ditutup".to_owned(),
            K::MissingColumn { column } => format!("kolom {column} tidak ada"),
            K::UnknownItem { column } => {
                format!("kolom {column} bukan pernyataan dalam survei ini")
            }
            K::UnknownColumn { column } => format!("kolom {column} tidak dikenal"),
            K::DuplicateColumn { column } => format!("kolom {column} muncul lebih dari sekali"),
            K::WrongFieldCount { expected, found } => {
                format!("baris ini memiliki {found} kolom; seharusnya {expected}")
            }
            K::TooManyRows { limit } => {
                format!("lebih dari {limit} baris data; baris berikutnya tidak dibaca")
            }
            K::InvalidUnitCode { value, reason } => {
                format!("kode unit {value:?} tidak sah: {}", reason.message_id())
            }
            K::UnknownUnit { code } => format!("unit {code} tidak ada dalam organisasi"),
            K::NotAnInteger { value } => {
                format!("nilai {value:?} bukan bilangan bulat; kosongkan bila tidak dijawab")
            }
            K::OutOfScale { value, min, max } => {
                format!("nilai {value} di luar skala {min}-{max}")
            }
            K::InvalidBarrierFlag { value } => {
                format!("nilai {value:?} tidak sah; isi 1 (dipilih), 0 atau kosong")
            }
            K::InvalidAnswer { problem } => problem.message_in(Locale::Id).to_owned(),
            K::InvalidMapping { problem } => problem.kind.message(Locale::Id),
            K::NotInMapping { column } => format!(
                "kolom {column} tidak ada dalam pemetaan kolom; petakan ulang kolom berkas ini"
            ),
            K::UnknownScaleLabel { value, labels } => format!(
                "nilai {value:?} bukan pilihan skala; isi angka 1-{} atau salah satu dari: {}",
                labels.len(),
                listed(labels, Locale::Id)
            ),
            K::UnknownBarrierLabel { value, labels } => format!(
                "{value:?} bukan hambatan dalam survei ini; pilihannya: {}",
                listed(labels, Locale::Id)
            ),
            K::TooManyProblems { limit } => {
                format!("lebih dari {limit} masalah; perbaiki yang tercantum lalu impor lagi")
            }
        }
    }

    /// The reason in English.
    pub fn message_en(&self) -> String {
        match self {
            K::FileTooLarge { bytes, limit } => {
                format!("the file has {bytes} bytes; at most {limit} are read")
            }
            K::EmptyFile => "the file is empty: there is no header line".to_owned(),
            K::NotUtf8 => "the file is not UTF-8; save it again as \"CSV UTF-8\"".to_owned(),
            K::UnterminatedQuote => "a quote is opened but never closed".to_owned(),
            K::MissingColumn { column } => format!("column {column} is missing"),
            K::UnknownItem { column } => {
                format!("column {column} is not a statement of this survey")
            }
            K::UnknownColumn { column } => format!("column {column} is not known"),
            K::DuplicateColumn { column } => format!("column {column} appears more than once"),
            K::WrongFieldCount { expected, found } => {
                format!("this line has {found} fields; expected {expected}")
            }
            K::TooManyRows { limit } => {
                format!("more than {limit} data rows; the rest was not read")
            }
            K::InvalidUnitCode { value, reason } => {
                format!("unit code {value:?} is not valid: {}", reason.message_en())
            }
            K::UnknownUnit { code } => format!("unit {code} is not in the organisation"),
            K::NotAnInteger { value } => {
                format!("{value:?} is not a whole number; leave it empty when not answered")
            }
            K::OutOfScale { value, min, max } => {
                format!("{value} is outside the {min}-{max} scale")
            }
            K::InvalidBarrierFlag { value } => {
                format!("{value:?} is not valid; write 1 (ticked), 0 or leave it empty")
            }
            K::InvalidAnswer { problem } => problem.message_in(Locale::En).to_owned(),
            K::InvalidMapping { problem } => problem.kind.message(Locale::En),
            K::NotInMapping { column } => format!(
                "column {column} is not in the column mapping; map this file's columns again"
            ),
            K::UnknownScaleLabel { value, labels } => format!(
                "{value:?} is not a scale answer; write a number 1-{} or one of: {}",
                labels.len(),
                listed(labels, Locale::En)
            ),
            K::UnknownBarrierLabel { value, labels } => format!(
                "{value:?} is not a barrier of this survey; the choices are: {}",
                listed(labels, Locale::En)
            ),
            K::TooManyProblems { limit } => {
                format!("more than {limit} problems; fix those listed and import again")
            }
        }
    }
}
