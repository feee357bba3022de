//! What sort of action an intervention plan is.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::InterventionError;
use crate::units::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionKind {
    /// Training (pelatihan).
    Pelatihan,
    /// Information and awareness sessions (sosialisasi).
    Sosialisasi,
    /// Coaching or mentoring.
    Coaching,
    /// Redesigning a work process (perbaikan proses bisnis).
    ProcessRedesign,
    /// An application or other IT system.
    ItSystem,
    /// Staff, equipment or budget (pemenuhan sumber daya).
    Resourcing,
    /// A regulation, rule or policy.
    Policy,
    Other,
}

impl InterventionKind {
    /// Every kind, in display order ("other" last).
    pub const ALL: [InterventionKind; 8] = [
        InterventionKind::Pelatihan,
        InterventionKind::Sosialisasi,
        InterventionKind::Coaching,
        InterventionKind::ProcessRedesign,
        InterventionKind::ItSystem,
        InterventionKind::Resourcing,
        InterventionKind::Policy,
        InterventionKind::Other,
    ];

    /// The stored name, e.g. `process_redesign`.
    pub fn as_str(self) -> &'static str {
        match self {
            InterventionKind::Pelatihan => "pelatihan",
            InterventionKind::Sosialisasi => "sosialisasi",
            InterventionKind::Coaching => "coaching",
            InterventionKind::ProcessRedesign => "process_redesign",
            InterventionKind::ItSystem => "it_system",
            InterventionKind::Resourcing => "resourcing",
            InterventionKind::Policy => "policy",
            InterventionKind::Other => "other",
        }
    }

    /// Parses a stored name (surrounding whitespace ignored).
    pub fn parse(value: &str) -> Result<Self, InterventionError> {
        let value = value.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| InterventionError::UnknownKind {
                value: value.to_owned(),
            })
    }

    /// The label shown to people in the given language.
    pub fn label(self, locale: Locale) -> &'static str {
        let (id, en) = match self {
            InterventionKind::Pelatihan => ("Pelatihan", "Training"),
            InterventionKind::Sosialisasi => ("Sosialisasi", "Awareness sessions"),
            InterventionKind::Coaching => ("Coaching dan mentoring", "Coaching and mentoring"),
            InterventionKind::ProcessRedesign => ("Perbaikan proses bisnis", "Process redesign"),
            InterventionKind::ItSystem => ("Sistem TI", "IT system"),
            InterventionKind::Resourcing => ("Pemenuhan sumber daya", "Resourcing"),
            InterventionKind::Policy => ("Kebijakan", "Policy"),
            InterventionKind::Other => ("Lainnya", "Other"),
        };
        locale.pick(id, en)
    }
}

impl fmt::Display for InterventionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InterventionKind {
    type Err = InterventionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in InterventionKind::ALL {
            assert_eq!(InterventionKind::parse(kind.as_str()), Ok(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(kind.as_str().to_owned())
            );
        }
        assert_eq!(
            InterventionKind::parse(" it_system "),
            Ok(InterventionKind::ItSystem)
        );
        assert_eq!(
            InterventionKind::parse("IT System"),
            Err(InterventionError::UnknownKind {
                value: "IT System".to_owned()
            })
        );
    }

    #[test]
    fn labels_in_both_languages_are_distinct() {
        for locale in [Locale::Id, Locale::En] {
            let labels: HashSet<&str> = InterventionKind::ALL
                .iter()
                .map(|kind| kind.label(locale))
                .collect();
            assert_eq!(labels.len(), InterventionKind::ALL.len());
        }
        assert_eq!(InterventionKind::Pelatihan.label(Locale::En), "Training");
    }
}
