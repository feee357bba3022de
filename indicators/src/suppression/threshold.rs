//! The anonymity threshold and the output wrapper that enforces it.

use serde::{Deserialize, Serialize};

use crate::error::{IndicatorError, Result};

/// Minimum number of respondents a figure may be based on.
///
/// Peers (Qualtrics, Culture Amp, Glint) default to 5 and allow 3 at the lowest; open
/// comments need 10. A `Threshold` below 3 cannot be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Threshold(u32);

impl Threshold {
    pub const MINIMUM: u32 = 3;
    /// Default for closed questions.
    pub const DEFAULT: Threshold = Threshold(5);
    /// Default for open comments (free text identifies more easily).
    pub const COMMENTS: Threshold = Threshold(10);

    pub fn new(value: u32) -> Result<Self> {
        if value < Self::MINIMUM {
            Err(IndicatorError::ThresholdTooLow(value))
        } else {
            Ok(Self(value))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether a group of `n` respondents may be shown.
    pub fn allows(self, n: u64) -> bool {
        n >= u64::from(self.0)
    }

    /// Computes `value` only for a group that may be shown. The closure is not even run
    /// for a small group, so nothing derived from it can leak.
    pub fn gate<T>(self, n: u64, value: impl FnOnce() -> T) -> Suppressible<T> {
        if self.allows(n) {
            Suppressible::Visible(value())
        } else {
            Suppressible::Suppressed
        }
    }

    /// Like [`Threshold::gate`] for computations that can fail.
    pub fn try_gate<T>(self, n: u64, value: impl FnOnce() -> Result<T>) -> Result<Suppressible<T>> {
        if self.allows(n) {
            value().map(Suppressible::Visible)
        } else {
            Ok(Suppressible::Suppressed)
        }
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for Threshold {
    type Error = IndicatorError;
    fn try_from(value: u32) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Threshold> for u32 {
    fn from(t: Threshold) -> u32 {
        t.0
    }
}

/// A figure that is shown only when the anonymity rules allow it.
///
/// `Suppressed` carries nothing — not the statistics, not even n — so no consumer can
/// get a suppressed value. Serialized as `{"status":"suppressed"}` or
/// `{"status":"visible","value":{...}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Suppressible<T> {
    Visible(T),
    Suppressed,
}

impl<T> Suppressible<T> {
    pub fn visible(&self) -> Option<&T> {
        match self {
            Self::Visible(v) => Some(v),
            Self::Suppressed => None,
        }
    }

    pub fn into_visible(self) -> Option<T> {
        match self {
            Self::Visible(v) => Some(v),
            Self::Suppressed => None,
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Self::Suppressed)
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Suppressible<U> {
        match self {
            Self::Visible(v) => Suppressible::Visible(f(v)),
            Self::Suppressed => Suppressible::Suppressed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_bounds_and_gate() {
        assert_eq!(Threshold::new(2), Err(IndicatorError::ThresholdTooLow(2)));
        assert_eq!(Threshold::default().get(), 5);
        assert_eq!(Threshold::COMMENTS.get(), 10);
        let t = Threshold::new(3).expect("valid");
        assert!(!t.allows(2));
        assert!(t.allows(3));
        let mut ran = false;
        let hidden = Threshold::DEFAULT.gate(4, || {
            ran = true;
            1
        });
        assert!(hidden.is_suppressed());
        assert!(!ran, "a suppressed figure is never computed");
        assert_eq!(Threshold::DEFAULT.gate(5, || 1), Suppressible::Visible(1));
    }

    #[test]
    fn serializes_without_content_when_suppressed() {
        let s: Suppressible<u64> = Suppressible::Suppressed;
        assert_eq!(
            serde_json::to_string(&s).expect("serializable"),
            r#"{"status":"suppressed"}"#
        );
        let v = Suppressible::Visible(7u64);
        assert_eq!(
            serde_json::to_string(&v).expect("serializable"),
            r#"{"status":"visible","value":7}"#
        );
        let bad: std::result::Result<Threshold, _> = serde_json::from_str("2");
        assert!(bad.is_err());
    }
}
