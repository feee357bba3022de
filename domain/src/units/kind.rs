//! What sort of body a unit is in Jakarta's regional government (perangkat daerah).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Locale, UnitError};

/// The kind of a unit. Serialised with its Indonesian name, the term the users work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Provinsi,
    SekretariatDaerah,
    SekretariatDprd,
    Biro,
    Dinas,
    Badan,
    Inspektorat,
    KotaAdministrasi,
    KabupatenAdministrasi,
    SukuDinas,
    Kecamatan,
    Kelurahan,
    Bidang,
    Seksi,
    Uptd,
    Lainnya,
}

impl UnitKind {
    /// Every kind, in the order of the public documentation.
    pub const ALL: [UnitKind; 16] = [
        UnitKind::Provinsi,
        UnitKind::SekretariatDaerah,
        UnitKind::SekretariatDprd,
        UnitKind::Biro,
        UnitKind::Dinas,
        UnitKind::Badan,
        UnitKind::Inspektorat,
        UnitKind::KotaAdministrasi,
        UnitKind::KabupatenAdministrasi,
        UnitKind::SukuDinas,
        UnitKind::Kecamatan,
        UnitKind::Kelurahan,
        UnitKind::Bidang,
        UnitKind::Seksi,
        UnitKind::Uptd,
        UnitKind::Lainnya,
    ];

    /// The machine name used in CSV files and JSON (`suku_dinas`).
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Provinsi => "provinsi",
            UnitKind::SekretariatDaerah => "sekretariat_daerah",
            UnitKind::SekretariatDprd => "sekretariat_dprd",
            UnitKind::Biro => "biro",
            UnitKind::Dinas => "dinas",
            UnitKind::Badan => "badan",
            UnitKind::Inspektorat => "inspektorat",
            UnitKind::KotaAdministrasi => "kota_administrasi",
            UnitKind::KabupatenAdministrasi => "kabupaten_administrasi",
            UnitKind::SukuDinas => "suku_dinas",
            UnitKind::Kecamatan => "kecamatan",
            UnitKind::Kelurahan => "kelurahan",
            UnitKind::Bidang => "bidang",
            UnitKind::Seksi => "seksi",
            UnitKind::Uptd => "uptd",
            UnitKind::Lainnya => "lainnya",
        }
    }

    /// Parses a kind. Case, surrounding whitespace and the separator between words (space,
    /// `-` or `_`) do not matter, so both `suku_dinas` and "Suku Dinas" as typed in a
    /// spreadsheet are accepted.
    pub fn parse(raw: &str) -> Result<Self, UnitError> {
        let key: String = raw
            .trim()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|part| !part.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("_");
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == key)
            .ok_or(UnitError::KindUnknown)
    }

    /// The label shown to people in the given language.
    pub fn label(self, locale: Locale) -> &'static str {
        let (id, en) = match self {
            UnitKind::Provinsi => ("Provinsi", "Province"),
            UnitKind::SekretariatDaerah => ("Sekretariat Daerah", "Regional Secretariat"),
            UnitKind::SekretariatDprd => ("Sekretariat DPRD", "Regional Parliament Secretariat"),
            UnitKind::Biro => ("Biro", "Bureau"),
            UnitKind::Dinas => ("Dinas", "Department"),
            UnitKind::Badan => ("Badan", "Agency"),
            UnitKind::Inspektorat => ("Inspektorat", "Inspectorate"),
            UnitKind::KotaAdministrasi => ("Kota Administrasi", "Administrative City"),
            UnitKind::KabupatenAdministrasi => ("Kabupaten Administrasi", "Administrative Regency"),
            UnitKind::SukuDinas => ("Suku Dinas", "Department Branch Office"),
            UnitKind::Kecamatan => ("Kecamatan", "District"),
            UnitKind::Kelurahan => ("Kelurahan", "Urban Village"),
            UnitKind::Bidang => ("Bidang", "Division"),
            UnitKind::Seksi => ("Seksi", "Section"),
            UnitKind::Uptd => ("UPTD", "Technical Implementation Unit"),
            UnitKind::Lainnya => ("Lainnya", "Other"),
        };
        locale.pick(id, en)
    }

    /// The accepted machine names, comma-separated, for error messages.
    pub fn accepted_list() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for UnitKind {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn machine_names_round_trip_and_match_serde() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::parse(kind.as_str()), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<UnitKind>(&json).unwrap(), kind);
        }
    }

    #[test]
    fn accepts_spreadsheet_spellings() {
        assert_eq!(UnitKind::parse(" Suku Dinas "), Ok(UnitKind::SukuDinas));
        assert_eq!(
            UnitKind::parse("KOTA-ADMINISTRASI"),
            Ok(UnitKind::KotaAdministrasi)
        );
        assert_eq!(UnitKind::parse("UPTD"), Ok(UnitKind::Uptd));
        assert_eq!(
            UnitKind::parse("Sekretariat  DPRD"),
            Ok(UnitKind::SekretariatDprd)
        );
    }

    #[test]
    fn rejects_unknown() {
        assert_eq!(UnitKind::parse("kantor"), Err(UnitError::KindUnknown));
        assert_eq!(UnitKind::parse(""), Err(UnitError::KindUnknown));
        assert_eq!(UnitKind::parse("sukudinas"), Err(UnitError::KindUnknown));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(UnitKind::Kelurahan.label(Locale::Id), "Kelurahan");
        assert_eq!(UnitKind::Kelurahan.label(Locale::En), "Urban Village");
        for kind in UnitKind::ALL {
            assert!(!kind.label(Locale::Id).is_empty());
            assert!(!kind.label(Locale::En).is_empty());
        }
    }

    #[test]
    fn accepted_list_names_every_kind() {
        let list = UnitKind::accepted_list();
        assert!(list.starts_with("provinsi, sekretariat_daerah"));
        assert_eq!(list.split(", ").count(), 16);
    }
}
