//! Why an instrument was rejected. One error type for the whole module: parsing, validation,
//! composing from the library and versioning. Every variant names the offending field or id,
//! so an admin who uploads a file can fix it without reading the code.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::units::Locale;

/// A reason an instrument file, draft or composition is not a valid [`super::Instrument`].
///
/// `field` values are paths into the file such as `items["kesesuaian-1"].text.en`,
/// `dimensions["komitmen"].construct` or `scale.labels`.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InstrumentError {
    #[error("{}the file is not valid TOML or does not have the expected fields: {message}", position(*line, *column))]
    Syntax {
        message: String,
        line: Option<usize>,
        column: Option<usize>,
    },
    #[error("{field}: `{value}` is not a valid id; use 1-64 lowercase letters and digits joined by single '-' or '_', starting with a letter")]
    InvalidId { field: String, value: String },
    #[error("version: {value} is not a positive whole number (1, 2, 3, ...)")]
    InvalidVersion { value: i64 },
    #[error("{field}: the {} text is missing", language_en(*language))]
    MissingTranslation { field: String, language: Locale },
    #[error("{field}: the {} text has {length} characters; at most {max} are allowed", language_en(*language))]
    TextTooLong {
        field: String,
        language: Locale,
        length: usize,
        max: usize,
    },
    #[error("scale.points: {points} points is not allowed; use 4 to 7")]
    ScalePoints { points: i64 },
    #[error("scale.labels: a {points}-point scale needs {points} labels, one per point, but {labels} are given")]
    ScaleLabelCount { points: i64, labels: usize },
    #[error("{field}: the id `{id}` is used more than once")]
    DuplicateId { field: String, id: String },
    #[error("{field}: `{value}` is not a known construct")]
    UnknownConstruct { field: String, value: String },
    #[error("dimensions[\"{second}\"].construct: construct `{construct}` is already measured by dimension `{first}`; only `custom` may repeat")]
    DuplicateConstruct {
        construct: String,
        first: String,
        second: String,
    },
    #[error("dimensions[\"{dimension}\"].higher_is_more_ready: construct `{construct}` is always scored so that higher means more ready; reverse-key its items instead (only `custom` dimensions may set false)")]
    DirectionNotAllowed {
        dimension: String,
        construct: String,
    },
    #[error("items[\"{item}\"].dimension: there is no dimension `{dimension}`")]
    UnknownDimension { item: String, dimension: String },
    #[error("items[\"{item}\"].section: there is no section `{section}`")]
    UnknownSection { item: String, section: String },
    #[error("sections: the instrument has no section; it needs at least one section with items")]
    NoSections,
    #[error("sections[\"{section}\"]: the section has no items")]
    EmptySection { section: String },
    #[error("dimensions[\"{dimension}\"]: no item measures this dimension")]
    DimensionWithoutItems { dimension: String },
    #[error("{field}: {count} given; at most {max} are allowed")]
    TooMany {
        field: String,
        count: usize,
        max: usize,
    },
    #[error("barriers.codes: `{value}` is not a barrier code; use anggaran, sdm, sarana_prasarana, ti, pelatihan, regulasi, dukungan_pimpinan, beban_kerja or lainnya")]
    UnknownBarrierCode { value: String },
    #[error("barriers.codes: `{code}` is listed more than once")]
    DuplicateBarrierCode { code: String },
    #[error("barriers.codes: the checklist offers no option; list at least one code or leave out [barriers]")]
    NoBarrierCodes,
    #[error("{field}: {value} is outside the allowed range {min} to {max}")]
    LengthLimitOutOfRange {
        field: String,
        value: i64,
        min: u32,
        max: u32,
    },
    #[error("library item `{id}` does not exist")]
    UnknownLibraryItem { id: String },
    #[error("id: a new version must keep the instrument id `{expected}`, not `{found}`")]
    IdChanged { expected: String, found: String },
    #[error("version: {version} is the largest version number; it cannot be increased")]
    VersionOverflow { version: u32 },
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}: "),
        (Some(line), None) => format!("line {line}: "),
        _ => String::new(),
    }
}

fn posisi(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("baris {line}, kolom {column}: "),
        (Some(line), None) => format!("baris {line}: "),
        _ => String::new(),
    }
}

fn language_en(language: Locale) -> &'static str {
    language.pick("Indonesian (id)", "English (en)")
}

fn bahasa(language: Locale) -> &'static str {
    language.pick("bahasa Indonesia (id)", "bahasa Inggris (en)")
}

impl InstrumentError {
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
        use InstrumentError as E;
        match self {
            E::Syntax { message, line, column } => format!(
                "{}berkas bukan TOML yang sah atau isiannya tidak sesuai: {message}",
                posisi(*line, *column)
            ),
            E::InvalidId { field, value } => format!(
                "{field}: `{value}` bukan id yang sah; gunakan 1-64 huruf kecil dan angka yang dihubungkan dengan satu '-' atau '_', diawali huruf"
            ),
            E::InvalidVersion { value } => {
                format!("version: {value} bukan bilangan bulat positif (1, 2, 3, ...)")
            }
            E::MissingTranslation { field, language } => {
                format!("{field}: teks {} belum diisi", bahasa(*language))
            }
            E::TextTooLong { field, language, length, max } => format!(
                "{field}: teks {} terdiri dari {length} karakter; paling banyak {max}",
                bahasa(*language)
            ),
            E::ScalePoints { points } => {
                format!("scale.points: skala {points} titik tidak diperbolehkan; gunakan 4 sampai 7")
            }
            E::ScaleLabelCount { points, labels } => format!(
                "scale.labels: skala {points} titik memerlukan {points} label, satu untuk tiap titik, tetapi ada {labels}"
            ),
            E::DuplicateId { field, id } => format!("{field}: id `{id}` dipakai lebih dari sekali"),
            E::UnknownConstruct { field, value } => {
                format!("{field}: `{value}` bukan konstruk yang dikenal")
            }
            E::DuplicateConstruct { construct, first, second } => format!(
                "dimensions[\"{second}\"].construct: konstruk `{construct}` sudah diukur oleh dimensi `{first}`; hanya `custom` yang boleh berulang"
            ),
            E::DirectionNotAllowed { dimension, construct } => format!(
                "dimensions[\"{dimension}\"].higher_is_more_ready: konstruk `{construct}` selalu diskor sehingga nilai lebih tinggi berarti lebih siap; balik skor (reverse_keyed) butirnya (hanya dimensi `custom` yang boleh false)"
            ),
            E::UnknownDimension { item, dimension } => {
                format!("items[\"{item}\"].dimension: tidak ada dimensi `{dimension}`")
            }
            E::UnknownSection { item, section } => {
                format!("items[\"{item}\"].section: tidak ada bagian `{section}`")
            }
            E::NoSections => {
                "sections: instrumen tidak memiliki bagian; paling sedikit satu bagian berisi butir"
                    .to_owned()
            }
            E::EmptySection { section } => {
                format!("sections[\"{section}\"]: bagian ini tidak berisi butir")
            }
            E::DimensionWithoutItems { dimension } => {
                format!("dimensions[\"{dimension}\"]: tidak ada butir yang mengukur dimensi ini")
            }
            E::TooMany { field, count, max } => {
                format!("{field}: ada {count}; paling banyak {max}")
            }
            E::UnknownBarrierCode { value } => format!(
                "barriers.codes: `{value}` bukan kode hambatan; gunakan anggaran, sdm, sarana_prasarana, ti, pelatihan, regulasi, dukungan_pimpinan, beban_kerja atau lainnya"
            ),
            E::DuplicateBarrierCode { code } => {
                format!("barriers.codes: `{code}` tercantum lebih dari sekali")
            }
            E::NoBarrierCodes => "barriers.codes: daftar hambatan kosong; cantumkan paling sedikit satu kode atau hapus [barriers]".to_owned(),
            E::LengthLimitOutOfRange { field, value, min, max } => {
                format!("{field}: {value} di luar rentang yang diperbolehkan, {min} sampai {max}")
            }
            E::UnknownLibraryItem { id } => format!("butir pustaka `{id}` tidak ada"),
            E::IdChanged { expected, found } => format!(
                "id: versi baru harus tetap memakai id instrumen `{expected}`, bukan `{found}`"
            ),
            E::VersionOverflow { version } => {
                format!("version: {version} adalah nomor versi terbesar; tidak dapat dinaikkan")
            }
        }
    }
}
