//! The barriers (resource gaps) checklist: what stands in the way of the change. The codes are
//! fixed and their labels live here rather than in instrument files, so a code means the same
//! thing in every survey and counts can be compared across units and waves.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::Bilingual;

/// One kind of barrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BarrierCode {
    Anggaran,
    Sdm,
    SaranaPrasarana,
    Ti,
    Pelatihan,
    Regulasi,
    DukunganPimpinan,
    BebanKerja,
    /// "Other": the only option that takes a short free text.
    Lainnya,
}

impl BarrierCode {
    /// Every code, in the default display order ("lainnya" last).
    pub const ALL: [BarrierCode; 9] = [
        BarrierCode::Anggaran,
        BarrierCode::Sdm,
        BarrierCode::SaranaPrasarana,
        BarrierCode::Ti,
        BarrierCode::Pelatihan,
        BarrierCode::Regulasi,
        BarrierCode::DukunganPimpinan,
        BarrierCode::BebanKerja,
        BarrierCode::Lainnya,
    ];

    /// The code as written in files and submissions.
    pub fn as_str(self) -> &'static str {
        match self {
            BarrierCode::Anggaran => "anggaran",
            BarrierCode::Sdm => "sdm",
            BarrierCode::SaranaPrasarana => "sarana_prasarana",
            BarrierCode::Ti => "ti",
            BarrierCode::Pelatihan => "pelatihan",
            BarrierCode::Regulasi => "regulasi",
            BarrierCode::DukunganPimpinan => "dukungan_pimpinan",
            BarrierCode::BebanKerja => "beban_kerja",
            BarrierCode::Lainnya => "lainnya",
        }
    }

    /// The code with this name, if any.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.as_str() == code)
    }

    /// The checkbox label.
    pub fn label(self) -> Bilingual {
        let (id, en) = match self {
            BarrierCode::Anggaran => ("Anggaran", "Budget"),
            BarrierCode::Sdm => (
                "Jumlah atau kompetensi pegawai (SDM)",
                "Staff numbers or skills",
            ),
            BarrierCode::SaranaPrasarana => {
                ("Sarana dan prasarana kerja", "Equipment and facilities")
            }
            BarrierCode::Ti => (
                "Aplikasi, jaringan atau perangkat TI",
                "Applications, network or IT devices",
            ),
            BarrierCode::Pelatihan => ("Pelatihan atau pendampingan", "Training or coaching"),
            BarrierCode::Regulasi => (
                "Regulasi atau aturan yang belum mendukung",
                "Regulations or rules that do not yet support it",
            ),
            BarrierCode::DukunganPimpinan => ("Dukungan pimpinan", "Leadership support"),
            BarrierCode::BebanKerja => ("Beban kerja", "Workload"),
            BarrierCode::Lainnya => ("Lainnya", "Other"),
        };
        Bilingual::known(id, en)
    }
}

impl fmt::Display for BarrierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A validated checklist: a prompt and the distinct codes offered, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Barriers {
    pub(super) prompt: Bilingual,
    pub(super) codes: Vec<BarrierCode>,
    pub(super) other_max_length: u32,
}

impl Barriers {
    /// The question above the checkboxes.
    pub fn prompt(&self) -> &Bilingual {
        &self.prompt
    }

    /// The codes offered, in display order; never empty, no repeats.
    pub fn codes(&self) -> &[BarrierCode] {
        &self.codes
    }

    /// Whether `code` is offered.
    pub fn offers(&self, code: BarrierCode) -> bool {
        self.codes.contains(&code)
    }

    /// Whether respondents may describe an "other" barrier in their own words.
    pub fn allows_other_text(&self) -> bool {
        self.offers(BarrierCode::Lainnya)
    }

    /// The longest "lainnya" text accepted, in characters.
    pub fn other_max_length(&self) -> u32 {
        self.other_max_length
    }
}
