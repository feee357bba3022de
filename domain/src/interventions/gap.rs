//! The resource-gap register: what a unit lacks to carry a change (budget, staff, equipment,
//! IT, training), how severe it is, and whether it is being dealt with.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::InterventionError;
use crate::{instrument::BarrierCode, units::Locale};

/// A fixed list of named values: stored name, parse, bilingual label, `Display`, `FromStr`.
macro_rules! named_values {
    (
        $(#[$meta:meta])*
        $name:ident, $error:ident {
            $($(#[$vmeta:meta])* $variant:ident => $stored:literal, $id:literal, $en:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $stored,)+
                }
            }

            /// Parses a stored name (surrounding whitespace ignored).
            pub fn parse(value: &str) -> Result<Self, InterventionError> {
                let value = value.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|known| known.as_str() == value)
                    .ok_or_else(|| InterventionError::$error {
                        value: value.to_owned(),
                    })
            }

            /// The label shown to people in the given language.
            pub fn label(self, locale: Locale) -> &'static str {
                match self {
                    $($name::$variant => locale.pick($id, $en),)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = InterventionError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

named_values! {
    /// How badly a gap holds the change back; ordered, `Rendah` < `Sedang` < `Tinggi`.
    Severity, UnknownSeverity {
        Rendah => "rendah", "Rendah", "Low";
        Sedang => "sedang", "Sedang", "Medium";
        Tinggi => "tinggi", "Tinggi", "High";
    }
}

named_values! {
    /// What a unit lacks.
    GapKind, UnknownGapKind {
        Anggaran => "anggaran", "Anggaran", "Budget";
        /// Staff numbers or skills (sumber daya manusia).
        Sdm => "sdm", "Sumber daya manusia (SDM)", "Staff (human resources)";
        SaranaPrasarana => "sarana_prasarana", "Sarana dan prasarana", "Equipment and facilities";
        /// Information technology: applications, network, devices.
        Ti => "ti", "Teknologi informasi (TI)", "Information technology (IT)";
        Pelatihan => "pelatihan", "Pelatihan", "Training";
        Other => "other", "Lainnya", "Other";
    }
}

named_values! {
    /// Whether a gap is being dealt with.
    GapStatus, UnknownGapStatus {
        /// Recorded, nothing planned yet.
        Open => "open", "Terbuka", "Open";
        /// An intervention or budget request is planned for it.
        Planned => "planned", "Direncanakan", "Planned";
        Resolved => "resolved", "Teratasi", "Resolved";
    }
}

impl GapKind {
    /// The register's kind for a barrier respondents cite in a survey, so that a unit's most
    /// cited barrier can be matched with its recorded gaps. Barriers that are no resource
    /// (regulation, leadership support, workload) and "lainnya" map to `Other`.
    pub fn for_barrier(code: BarrierCode) -> GapKind {
        match code {
            BarrierCode::Anggaran => GapKind::Anggaran,
            BarrierCode::Sdm => GapKind::Sdm,
            BarrierCode::SaranaPrasarana => GapKind::SaranaPrasarana,
            BarrierCode::Ti => GapKind::Ti,
            BarrierCode::Pelatihan => GapKind::Pelatihan,
            BarrierCode::Regulasi
            | BarrierCode::DukunganPimpinan
            | BarrierCode::BebanKerja
            | BarrierCode::Lainnya => GapKind::Other,
        }
    }
}

impl GapStatus {
    /// Whether the gap still stands (open or planned).
    pub fn is_unresolved(self) -> bool {
        self != GapStatus::Resolved
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::HashSet;

    use super::*;

    fn check_names<T>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Result<T, InterventionError>,
        label: fn(T, Locale) -> &'static str,
    ) where
        T: Copy + PartialEq + fmt::Debug + Serialize,
    {
        for value in all {
            assert_eq!(parse(as_str(*value)), Ok(*value));
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                serde_json::Value::String(as_str(*value).to_owned())
            );
        }
        assert!(parse("nope").is_err());
        for locale in [Locale::Id, Locale::En] {
            let labels: HashSet<&str> = all.iter().map(|value| label(*value, locale)).collect();
            assert_eq!(labels.len(), all.len(), "distinct labels");
        }
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        check_names(
            Severity::ALL,
            Severity::as_str,
            Severity::parse,
            Severity::label,
        );
        check_names(
            GapKind::ALL,
            GapKind::as_str,
            GapKind::parse,
            GapKind::label,
        );
        check_names(
            GapStatus::ALL,
            GapStatus::as_str,
            GapStatus::parse,
            GapStatus::label,
        );
        assert_eq!(
            GapKind::parse("SDM"),
            Err(InterventionError::UnknownGapKind {
                value: "SDM".to_owned()
            })
        );
        assert_eq!(
            GapKind::parse(" sarana_prasarana"),
            Ok(GapKind::SaranaPrasarana)
        );
        assert_eq!(Severity::Tinggi.label(Locale::En), "High");
    }

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Rendah < Severity::Sedang && Severity::Sedang < Severity::Tinggi);
    }

    #[test]
    fn barriers_map_to_gap_kinds() {
        assert_eq!(GapKind::for_barrier(BarrierCode::Ti), GapKind::Ti);
        assert_eq!(GapKind::for_barrier(BarrierCode::Regulasi), GapKind::Other);
        for code in BarrierCode::ALL {
            let kind = GapKind::for_barrier(code);
            if kind != GapKind::Other {
                assert_eq!(kind.as_str(), code.as_str(), "same code, same name");
            }
        }
        assert!(GapStatus::Open.is_unresolved() && !GapStatus::Resolved.is_unresolved());
    }
}
