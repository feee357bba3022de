//! When a plan runs: from a start day to an end day, both included (Jakarta calendar days).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{InterventionError, InterventionStatus};

/// What an `<input type="date">` sends.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// A plan's start and end days; the end is not before the start (a one-day plan starts and
/// ends on the same day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DateFields")]
pub struct PlanDates {
    start: NaiveDate,
    end: NaiveDate,
}

impl PlanDates {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, InterventionError> {
        if end < start {
            return Err(InterventionError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    /// Reads two `YYYY-MM-DD` texts.
    pub fn parse(start: &str, end: &str) -> Result<Self, InterventionError> {
        Self::new(parse_date(start)?, parse_date(end)?)
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// How many days the plan runs, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether a plan with these dates and this status is overdue on `today`: still active
    /// (planned, approved or in progress) after its end day.
    pub fn is_overdue(&self, status: InterventionStatus, today: NaiveDate) -> bool {
        status.is_active() && self.end < today
    }
}

/// Reads one `YYYY-MM-DD` text (surrounding whitespace ignored).
pub fn parse_date(raw: &str) -> Result<NaiveDate, InterventionError> {
    let value = raw.trim();
    NaiveDate::parse_from_str(value, DATE_FORMAT).map_err(|_| InterventionError::BadDate {
        value: value.to_owned(),
    })
}

#[derive(Deserialize)]
struct DateFields {
    start: NaiveDate,
    end: NaiveDate,
}

impl TryFrom<DateFields> for PlanDates {
    type Error = InterventionError;

    fn try_from(fields: DateFields) -> Result<Self, Self::Error> {
        Self::new(fields.start, fields.end)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn end_is_not_before_start() {
        let dates = PlanDates::parse("2026-01-05", " 2026-03-31 ").unwrap();
        assert_eq!(
            (dates.start(), dates.end()),
            (day("2026-01-05"), day("2026-03-31"))
        );
        assert_eq!(dates.days(), 86);
        assert_eq!(
            PlanDates::parse("2026-02-01", "2026-02-01").unwrap().days(),
            1
        );
        assert_eq!(
            PlanDates::parse("2026-02-02", "2026-02-01"),
            Err(InterventionError::EndBeforeStart {
                start: day("2026-02-02"),
                end: day("2026-02-01")
            })
        );
    }

    #[test]
    fn refuses_what_is_no_date() {
        for text in ["", "2026-02-30", "05/01/2026", "2026-1-5x"] {
            assert!(
                matches!(parse_date(text), Err(InterventionError::BadDate { .. })),
                "{text:?}"
            );
        }
    }

    #[test]
    fn overdue_means_active_after_the_end_day() {
        let dates = PlanDates::parse("2026-01-01", "2026-01-31").unwrap();
        assert!(!dates.is_overdue(InterventionStatus::InProgress, day("2026-01-31")));
        assert!(dates.is_overdue(InterventionStatus::InProgress, day("2026-02-01")));
        assert!(dates.is_overdue(InterventionStatus::Planned, day("2026-02-01")));
        assert!(!dates.is_overdue(InterventionStatus::Done, day("2026-02-01")));
        assert!(!dates.is_overdue(InterventionStatus::Cancelled, day("2026-02-01")));
    }

    #[test]
    fn serde_validates() {
        let dates: PlanDates =
            serde_json::from_str(r#"{"start":"2026-01-01","end":"2026-01-31"}"#).unwrap();
        assert_eq!(dates.days(), 31);
        assert_eq!(
            serde_json::to_string(&dates).unwrap(),
            r#"{"start":"2026-01-01","end":"2026-01-31"}"#
        );
        assert!(
            serde_json::from_str::<PlanDates>(r#"{"start":"2026-02-01","end":"2026-01-31"}"#)
                .is_err()
        );
    }
}
