//! The answer scale of an instrument (a Likert-type scale of 4 to 7 points).

use serde::{Deserialize, Serialize};

use crate::error::{IndicatorError, Result};

/// An ordinal answer scale `min..=max` with 4 to 7 points.
///
/// Fewer than 4 points gives no room for "top-2 boxes" to mean favourable; more than 7
/// is not a Likert-type item any more. Fields are private so that a `Scale` is valid
/// wherever it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawScale")]
pub struct Scale {
    min: u8,
    max: u8,
}

#[derive(Deserialize)]
struct RawScale {
    min: u8,
    max: u8,
}

impl TryFrom<RawScale> for Scale {
    type Error = IndicatorError;
    fn try_from(raw: RawScale) -> Result<Self> {
        Scale::new(raw.min, raw.max)
    }
}

impl Scale {
    pub const MIN_POINTS: u8 = 4;
    pub const MAX_POINTS: u8 = 7;

    pub fn new(min: u8, max: u8) -> Result<Self> {
        let points = max.checked_sub(min).map(|d| u16::from(d) + 1);
        match points {
            Some(p) if (u16::from(Self::MIN_POINTS)..=u16::from(Self::MAX_POINTS)).contains(&p) => {
                Ok(Self { min, max })
            }
            _ => Err(IndicatorError::InvalidScale { min, max }),
        }
    }

    pub fn min(self) -> u8 {
        self.min
    }

    pub fn max(self) -> u8 {
        self.max
    }

    /// Number of answer options (A in the rwg null variance).
    pub fn points(self) -> u8 {
        self.max - self.min + 1
    }

    pub fn contains(self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Reverse-keyed scoring: x' = min + max - x. `value` must be on the scale.
    pub fn reverse(self, value: u8) -> u8 {
        // Computed in u16: min + max can exceed 255 even though the result cannot.
        let reversed = u16::from(self.min) + u16::from(self.max) - u16::from(value);
        u8::try_from(reversed).expect("a reversed on-scale value stays on the scale")
    }

    /// Lowest favourable value: "top-2 boxes", i.e. max - 1 (4-5 of 5, 5-6 of 6). A
    /// dimension score counts as favourable when it is >= this value too.
    pub fn favourable_floor(self) -> u8 {
        self.max - 1
    }

    /// Midpoint (min + max) / 2: 3 on a 1-5 scale, 3.5 on 1-6.
    pub fn midpoint(self) -> f64 {
        (f64::from(self.min) + f64::from(self.max)) / 2.0
    }

    /// Index 0-100 of a score on this scale: (score - min) / (max - min) * 100.
    pub fn index(self, score: f64) -> f64 {
        (score - f64::from(self.min)) / f64::from(self.max - self.min) * 100.0
    }

    /// Variance of the uniform ("no agreement") null distribution over A options,
    /// (A^2 - 1) / 12, used by rwg(J) (James, Demaree & Wolf 1984).
    pub fn uniform_null_variance(self) -> f64 {
        let a = f64::from(self.points());
        (a * a - 1.0) / 12.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_four_to_seven_points() {
        assert!(Scale::new(1, 3).is_err());
        assert!(Scale::new(1, 4).is_ok());
        assert!(Scale::new(0, 6).is_ok());
        assert!(Scale::new(1, 8).is_err());
        assert!(Scale::new(5, 1).is_err());
        assert!(Scale::new(250, 255).is_ok());
    }

    #[test]
    fn scoring_rules() {
        let s = Scale::new(1, 5).expect("valid");
        assert_eq!(s.reverse(1), 5);
        assert_eq!(s.reverse(4), 2);
        assert_eq!(s.favourable_floor(), 4);
        assert_eq!(s.midpoint(), 3.0);
        assert_eq!(s.index(5.0), 100.0);
        assert_eq!(s.index(3.0), 50.0);
        assert_eq!(s.uniform_null_variance(), 2.0);
        let wide = Scale::new(250, 255).expect("valid");
        assert_eq!(wide.reverse(250), 255);
    }

    #[test]
    fn deserialization_validates() {
        let ok: std::result::Result<Scale, _> = serde_json::from_str(r#"{"min":1,"max":6}"#);
        assert!(ok.is_ok());
        let bad: std::result::Result<Scale, _> = serde_json::from_str(r#"{"min":1,"max":2}"#);
        assert!(bad.is_err());
    }
}
