//! What a wave is doing at a given moment, from its state and its schedule.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{WaveSchedule, WaveState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveStatus {
    /// Being prepared.
    Draft,
    /// Opened, but its opening instant is still to come.
    Scheduled,
    /// Accepting answers now.
    Open,
    /// Opened, and its closing instant has passed; not yet closed by an administrator.
    Ended,
    /// Closed by an administrator.
    Closed,
}

impl WaveStatus {
    /// Whether an answer given now is stored.
    pub fn accepts_responses(self) -> bool {
        self == WaveStatus::Open
    }
}

/// The status at `now` of a wave in `state` with `schedule`: an open wave accepts answers from
/// its opening instant up to, not including, its closing instant.
pub fn status(state: WaveState, schedule: &WaveSchedule, now: DateTime<Utc>) -> WaveStatus {
    match state {
        WaveState::Draft => WaveStatus::Draft,
        WaveState::Closed => WaveStatus::Closed,
        WaveState::Open if now < schedule.opens_at() => WaveStatus::Scheduled,
        WaveState::Open if now >= schedule.closes_at() => WaveStatus::Ended,
        WaveState::Open => WaveStatus::Open,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::{TimeDelta, TimeZone};

    use super::*;

    #[test]
    fn an_open_wave_accepts_from_opening_to_just_before_closing() {
        let opens = Utc.with_ymd_and_hms(2025, 3, 1, 1, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2025, 3, 15, 1, 0, 0).unwrap();
        let schedule = WaveSchedule::new(opens, closes).unwrap();
        let tick = TimeDelta::microseconds(1);
        let open = |now| status(WaveState::Open, &schedule, now);
        assert_eq!(open(opens - tick), WaveStatus::Scheduled);
        assert_eq!(open(opens), WaveStatus::Open);
        assert_eq!(open(closes - tick), WaveStatus::Open);
        assert_eq!(open(closes), WaveStatus::Ended);
        assert!(open(opens).accepts_responses());
        for (state, expected) in [
            (WaveState::Draft, WaveStatus::Draft),
            (WaveState::Closed, WaveStatus::Closed),
        ] {
            for now in [opens - tick, opens, closes] {
                assert_eq!(status(state, &schedule, now), expected);
                assert!(!expected.accepts_responses());
            }
        }
        for other in [WaveStatus::Scheduled, WaveStatus::Ended] {
            assert!(!other.accepts_responses());
        }
    }
}
