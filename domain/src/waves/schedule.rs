//! When a wave accepts answers, entered and shown in Jakarta time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::WaveError;

/// Asia/Jakarta (WIB), UTC+07:00. Indonesia has kept no daylight saving time since 1964, so
/// a fixed offset is exact for every date a survey can have, without a time zone database in
/// the browser bundle.
pub const JAKARTA: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+07:00 is a valid offset"),
};

/// What an `<input type="datetime-local">` sends; browsers add seconds only when a value has
/// them, so both are read.
const LOCAL_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"];
const LOCAL_OUT: &str = "%Y-%m-%dT%H:%M";

/// The Jakarta calendar day of an instant: the only time a stored response or a used
/// invitation keeps, so that neither can be matched to the other by the moment of answering.
pub fn jakarta_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&JAKARTA).date_naive()
}

/// The instants a wave opens and closes; it closes after it opens. Answers are accepted from
/// `opens_at` (included) to `closes_at` (excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScheduleFields")]
pub struct WaveSchedule {
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

impl WaveSchedule {
    pub fn new(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>) -> Result<Self, WaveError> {
        if closes_at <= opens_at {
            return Err(WaveError::CloseNotAfterOpen);
        }
        Ok(Self {
            opens_at,
            closes_at,
        })
    }

    /// Reads two `YYYY-MM-DDTHH:MM` texts as Jakarta wall-clock times.
    pub fn from_jakarta_local(opens: &str, closes: &str) -> Result<Self, WaveError> {
        Self::new(parse_jakarta_local(opens)?, parse_jakarta_local(closes)?)
    }

    pub fn opens_at(&self) -> DateTime<Utc> {
        self.opens_at
    }

    pub fn closes_at(&self) -> DateTime<Utc> {
        self.closes_at
    }

    /// The opening and closing as `YYYY-MM-DDTHH:MM` Jakarta wall-clock texts, to prefill a
    /// form: the inverse of [`WaveSchedule::from_jakarta_local`] (seconds are dropped).
    pub fn to_jakarta_local(&self) -> (String, String) {
        (jakarta_local(self.opens_at), jakarta_local(self.closes_at))
    }
}

fn parse_jakarta_local(text: &str) -> Result<DateTime<Utc>, WaveError> {
    let text = text.trim();
    LOCAL_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .and_then(|local| local.and_local_timezone(JAKARTA).single())
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| WaveError::BadDateTime {
            value: text.to_owned(),
        })
}

fn jakarta_local(at: DateTime<Utc>) -> String {
    at.with_timezone(&JAKARTA).format(LOCAL_OUT).to_string()
}

/// The serialized shape, checked again on the way in.
#[derive(Deserialize)]
struct ScheduleFields {
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

impl TryFrom<ScheduleFields> for WaveSchedule {
    type Error = WaveError;

    fn try_from(fields: ScheduleFields) -> Result<Self, Self::Error> {
        Self::new(fields.opens_at, fields.closes_at)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn jakarta_local_text_is_utc_plus_seven() {
        let schedule =
            WaveSchedule::from_jakarta_local("2025-03-01T08:00", "2025-03-15T06:30").unwrap();
        assert_eq!(schedule.opens_at(), utc(2025, 3, 1, 1, 0));
        // 06:30 WIB is the evening before in UTC.
        assert_eq!(schedule.closes_at(), utc(2025, 3, 14, 23, 30));
        assert_eq!(
            schedule.to_jakarta_local(),
            ("2025-03-01T08:00".to_owned(), "2025-03-15T06:30".to_owned())
        );
    }

    #[test]
    fn seconds_are_accepted() {
        let schedule =
            WaveSchedule::from_jakarta_local("2025-03-01T08:00:30", "2025-03-02T08:00").unwrap();
        assert_eq!(
            schedule.opens_at(),
            Utc.with_ymd_and_hms(2025, 3, 1, 1, 0, 30).unwrap()
        );
    }

    #[test]
    fn closing_must_follow_opening() {
        let at = utc(2025, 1, 1, 0, 0);
        assert_eq!(WaveSchedule::new(at, at), Err(WaveError::CloseNotAfterOpen));
        assert_eq!(
            WaveSchedule::from_jakarta_local("2025-03-02T08:00", "2025-03-01T08:00"),
            Err(WaveError::CloseNotAfterOpen)
        );
    }

    #[test]
    fn malformed_texts_are_named() {
        for bad in [
            "",
            "2025-03-01",
            "01/03/2025 08:00",
            "2025-02-30T08:00",
            "2025-03-01T25:00",
        ] {
            assert_eq!(
                WaveSchedule::from_jakarta_local(bad, "2025-03-02T08:00"),
                Err(WaveError::BadDateTime {
                    value: bad.to_owned()
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_jakarta_day_turns_at_17_00_utc() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(jakarta_date(utc(2025, 3, 1, 16, 59)), date(2025, 3, 1));
        assert_eq!(jakarta_date(utc(2025, 3, 1, 17, 0)), date(2025, 3, 2));
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let schedule = WaveSchedule::new(utc(2025, 1, 1, 0, 0), utc(2025, 2, 1, 0, 0)).unwrap();
        let json = serde_json::to_string(&schedule).unwrap();
        assert_eq!(
            serde_json::from_str::<WaveSchedule>(&json).unwrap(),
            schedule
        );
        let backwards = r#"{"opens_at":"2025-02-01T00:00:00Z","closes_at":"2025-01-01T00:00:00Z"}"#;
        assert!(serde_json::from_str::<WaveSchedule>(backwards).is_err());
    }
}
