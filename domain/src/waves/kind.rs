//! Whether a wave is the first measurement or a repeat that is compared with an earlier one.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::WaveError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveKind {
    /// The first measurement, before interventions.
    Baseline,
    /// A later measurement, compared with the wave it follows.
    FollowUp,
}

impl WaveKind {
    pub const ALL: [WaveKind; 2] = [WaveKind::Baseline, WaveKind::FollowUp];

    /// The stored name: `baseline` or `follow_up`.
    pub fn as_str(self) -> &'static str {
        match self {
            WaveKind::Baseline => "baseline",
            WaveKind::FollowUp => "follow_up",
        }
    }

    pub fn parse(value: &str) -> Result<Self, WaveError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| WaveError::UnknownKind {
                value: value.to_owned(),
            })
    }
}

impl fmt::Display for WaveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WaveKind {
    type Err = WaveError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in WaveKind::ALL {
            assert_eq!(WaveKind::parse(kind.as_str()), Ok(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(kind.as_str().to_owned())
            );
        }
        assert_eq!(
            WaveKind::parse("followup"),
            Err(WaveError::UnknownKind {
                value: "followup".to_owned()
            })
        );
    }
}
