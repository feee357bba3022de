//! The state an administrator moves a wave through: prepared, opened, closed for good.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::WaveError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveState {
    /// Being prepared: units and invitations can be set up, nobody can answer yet.
    Draft,
    /// Answers are accepted between the schedule's opening and closing instants.
    Open,
    /// Finished: no more answers, whatever the schedule says.
    Closed,
}

impl WaveState {
    pub const ALL: [WaveState; 3] = [WaveState::Draft, WaveState::Open, WaveState::Closed];

    /// The stored name: `draft`, `open` or `closed`.
    pub fn as_str(self) -> &'static str {
        match self {
            WaveState::Draft => "draft",
            WaveState::Open => "open",
            WaveState::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Result<Self, WaveError> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == value)
            .ok_or_else(|| WaveError::UnknownState {
                value: value.to_owned(),
            })
    }

    /// Whether a wave in this state may be moved to `to`: only forward, one step at a time. A
    /// closed wave never reopens, so its response rates and results stay what was reported.
    pub fn can_become(self, to: WaveState) -> bool {
        matches!(
            (self, to),
            (WaveState::Draft, WaveState::Open) | (WaveState::Open, WaveState::Closed)
        )
    }
}

impl fmt::Display for WaveState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WaveState {
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
        for state in WaveState::ALL {
            assert_eq!(WaveState::parse(state.as_str()), Ok(state));
            assert_eq!(
                serde_json::to_value(state).unwrap(),
                serde_json::Value::String(state.as_str().to_owned())
            );
        }
        assert!(matches!(
            WaveState::parse("Open"),
            Err(WaveError::UnknownState { .. })
        ));
    }

    #[test]
    fn only_draft_to_open_and_open_to_closed() {
        use WaveState::*;
        for from in WaveState::ALL {
            for to in WaveState::ALL {
                let allowed = matches!((from, to), (Draft, Open) | (Open, Closed));
                assert_eq!(from.can_become(to), allowed, "{from} -> {to}");
            }
        }
    }
}
