//! The sentences shown for each import problem, in Bahasa Indonesia and English.

use super::{ProblemKind, COLUMNS};
use crate::units::{UnitCode, UnitKind};

fn accepted_columns() -> String {
    COLUMNS.join(", ")
}

fn path(codes: &[UnitCode]) -> String {
    let codes: Vec<&str> = codes.iter().map(UnitCode::as_str).collect();
    codes.join(" → ")
}

impl ProblemKind {
    /// The problem as a sentence in Bahasa Indonesia.
    pub fn message_id(&self) -> String {
        match self {
            ProblemKind::FileTooLarge { bytes, limit } => format!(
                "Berkas berukuran {bytes} byte, melebihi batas {limit} byte. \
                 Bagi menjadi beberapa berkas."
            ),
            ProblemKind::EmptyFile => format!(
                "Berkas kosong. Baris pertama harus berisi judul kolom: {}.",
                accepted_columns()
            ),
            ProblemKind::NotUtf8 => "Berkas bukan UTF-8 (mulai baris ini). \
                                     Simpan ulang sebagai \"CSV UTF-8\"."
                .to_owned(),
            ProblemKind::UnterminatedQuote => {
                "Tanda kutip (\") yang dibuka di baris ini tidak pernah ditutup.".to_owned()
            }
            ProblemKind::MissingColumn { column } => {
                format!("Kolom wajib \"{column}\" tidak ada di baris judul.")
            }
            ProblemKind::UnknownColumn { column } => format!(
                "Kolom \"{column}\" tidak dikenal. Kolom yang diterima: {}.",
                accepted_columns()
            ),
            ProblemKind::DuplicateColumn { column } => {
                format!("Kolom \"{column}\" muncul lebih dari sekali di baris judul.")
            }
            ProblemKind::WrongFieldCount { expected, found } => {
                format!("Baris ini berisi {found} kolom, padahal judul berisi {expected} kolom.")
            }
            ProblemKind::TooManyRows { limit } => format!(
                "Berkas berisi lebih dari {limit} baris data; baris setelah ini tidak dibaca. \
                 Bagi menjadi beberapa berkas."
            ),
            ProblemKind::InvalidCode { value, reason } => {
                format!("Kode \"{value}\" tidak sah: {}.", reason.message_id())
            }
            ProblemKind::DuplicateCode { code, first_line } => {
                format!("Kode \"{code}\" sudah dipakai di baris {first_line}.")
            }
            ProblemKind::InvalidName { reason } => {
                format!("Nama tidak sah: {}.", reason.message_id())
            }
            ProblemKind::UnknownKind { value } => format!(
                "Jenis unit \"{value}\" tidak dikenal. Jenis yang diterima: {}.",
                UnitKind::accepted_list()
            ),
            ProblemKind::InvalidHeadcount { value, reason } => format!(
                "Jumlah pegawai \"{value}\" tidak sah: {}. \
                 Tulis bilangan bulat 0 sampai 1000000 tanpa pemisah ribuan.",
                reason.message_id()
            ),
            ProblemKind::InvalidParentCode { value, reason } => {
                format!("Kode induk \"{value}\" tidak sah: {}.", reason.message_id())
            }
            ProblemKind::UnknownParent { parent } => format!(
                "Unit induk \"{parent}\" tidak ada di berkas ini \
                 maupun di data unit yang sudah ada."
            ),
            ProblemKind::OwnParent { code } => {
                format!("Unit \"{code}\" tidak boleh menjadi induk dirinya sendiri.")
            }
            ProblemKind::Cycle { codes } => format!(
                "Hubungan induk membentuk lingkaran: {}. \
                 Setiap unit harus bermuara ke unit teratas.",
                path(codes)
            ),
            ProblemKind::SecondRoot { code, root } => format!(
                "Unit \"{code}\" tidak memiliki induk, padahal \"{root}\" sudah menjadi \
                 unit teratas. Hanya boleh ada satu unit teratas; isi kode induknya."
            ),
            ProblemKind::TooManyProblems { limit } => format!(
                "Terlalu banyak masalah; hanya {limit} yang pertama ditampilkan. \
                 Perbaiki lalu impor ulang."
            ),
        }
    }

    /// The problem as a sentence in English.
    pub fn message_en(&self) -> String {
        match self {
            ProblemKind::FileTooLarge { bytes, limit } => format!(
                "The file has {bytes} bytes, over the limit of {limit} bytes. \
                 Split it into several files."
            ),
            ProblemKind::EmptyFile => format!(
                "The file is empty. The first line must name the columns: {}.",
                accepted_columns()
            ),
            ProblemKind::NotUtf8 => "The file is not UTF-8 (from this line on). \
                                     Save it again as \"CSV UTF-8\"."
                .to_owned(),
            ProblemKind::UnterminatedQuote => {
                "A quote (\") opened on this line is never closed.".to_owned()
            }
            ProblemKind::MissingColumn { column } => {
                format!("The required column \"{column}\" is missing from the header.")
            }
            ProblemKind::UnknownColumn { column } => format!(
                "Unknown column \"{column}\". The accepted columns are: {}.",
                accepted_columns()
            ),
            ProblemKind::DuplicateColumn { column } => {
                format!("The column \"{column}\" appears more than once in the header.")
            }
            ProblemKind::WrongFieldCount { expected, found } => {
                format!("This line has {found} fields, but the header has {expected} columns.")
            }
            ProblemKind::TooManyRows { limit } => format!(
                "The file has more than {limit} data rows; rows after this one were not read. \
                 Split it into several files."
            ),
            ProblemKind::InvalidCode { value, reason } => {
                format!("The code \"{value}\" is invalid: {}.", reason.message_en())
            }
            ProblemKind::DuplicateCode { code, first_line } => {
                format!("The code \"{code}\" is already used on line {first_line}.")
            }
            ProblemKind::InvalidName { reason } => {
                format!("The name is invalid: {}.", reason.message_en())
            }
            ProblemKind::UnknownKind { value } => format!(
                "Unknown unit kind \"{value}\". The accepted kinds are: {}.",
                UnitKind::accepted_list()
            ),
            ProblemKind::InvalidHeadcount { value, reason } => format!(
                "The headcount \"{value}\" is invalid: {}. \
                 Write a whole number from 0 to 1000000 without thousands separators.",
                reason.message_en()
            ),
            ProblemKind::InvalidParentCode { value, reason } => {
                format!(
                    "The parent code \"{value}\" is invalid: {}.",
                    reason.message_en()
                )
            }
            ProblemKind::UnknownParent { parent } => format!(
                "The parent unit \"{parent}\" is neither in this file \
                 nor among the existing units."
            ),
            ProblemKind::OwnParent { code } => {
                format!("The unit \"{code}\" cannot be its own parent.")
            }
            ProblemKind::Cycle { codes } => format!(
                "The parent links form a loop: {}. Every unit must lead up to the top unit.",
                path(codes)
            ),
            ProblemKind::SecondRoot { code, root } => format!(
                "The unit \"{code}\" has no parent, but \"{root}\" is already the top unit. \
                 Only one top unit is allowed; fill in its parent code."
            ),
            ProblemKind::TooManyProblems { limit } => format!(
                "Too many problems; only the first {limit} are listed. \
                 Fix them and import again."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::units::UnitError;

    #[test]
    fn every_kind_has_a_sentence_in_both_languages() {
        let code = UnitCode::parse("A").unwrap();
        let kinds = [
            ProblemKind::FileTooLarge { bytes: 2, limit: 1 },
            ProblemKind::EmptyFile,
            ProblemKind::NotUtf8,
            ProblemKind::UnterminatedQuote,
            ProblemKind::MissingColumn { column: "x".into() },
            ProblemKind::UnknownColumn { column: "x".into() },
            ProblemKind::DuplicateColumn { column: "x".into() },
            ProblemKind::WrongFieldCount {
                expected: 5,
                found: 4,
            },
            ProblemKind::TooManyRows { limit: 1 },
            ProblemKind::InvalidCode {
                value: "x".into(),
                reason: UnitError::CodeEmpty,
            },
            ProblemKind::DuplicateCode {
                code: code.clone(),
                first_line: 2,
            },
            ProblemKind::InvalidName {
                reason: UnitError::NameEmpty,
            },
            ProblemKind::UnknownKind { value: "x".into() },
            ProblemKind::InvalidHeadcount {
                value: "x".into(),
                reason: UnitError::HeadcountNegative,
            },
            ProblemKind::InvalidParentCode {
                value: "x".into(),
                reason: UnitError::CodeEmpty,
            },
            ProblemKind::UnknownParent {
                parent: code.clone(),
            },
            ProblemKind::OwnParent { code: code.clone() },
            ProblemKind::Cycle {
                codes: vec![code.clone(), code.clone()],
            },
            ProblemKind::SecondRoot {
                code: code.clone(),
                root: code,
            },
            ProblemKind::TooManyProblems { limit: 1 },
        ];
        for kind in kinds {
            let (id, en) = (kind.message_id(), kind.message_en());
            assert!(id.ends_with('.') && en.ends_with('.'), "{id} / {en}");
            assert_ne!(id, en);
            assert!(!id.contains("  ") && !en.contains("  "), "{id} / {en}");
        }
    }
}
