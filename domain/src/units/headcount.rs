//! How many employees a unit has: the denominator of its response rate.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::UnitError;

/// A headcount from 0 to 1,000,000. The bound is far above any single unit (all of Pemprov DKI
/// is about 65 thousand) and catches typing slips such as an extra digit group.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct Headcount(u32);

impl Headcount {
    /// The largest headcount accepted.
    pub const MAX: u32 = 1_000_000;

    /// A headcount from a number.
    pub fn new(value: u32) -> Result<Self, UnitError> {
        if value > Self::MAX {
            return Err(UnitError::HeadcountTooLarge { max: Self::MAX });
        }
        Ok(Self(value))
    }

    /// Parses a headcount written as plain decimal digits (surrounding whitespace trimmed).
    /// Thousands separators are refused: "1.234" means 1234 in Indonesian spreadsheets but
    /// 1.234 elsewhere, and guessing would silently corrupt response rates.
    pub fn parse(raw: &str) -> Result<Self, UnitError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(UnitError::HeadcountEmpty);
        }
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(UnitError::HeadcountNotInteger);
        }
        if negative {
            return Err(UnitError::HeadcountNegative);
        }
        // Any run of digits that does not fit in u32 is too large, not "not a number".
        match digits.parse::<u32>() {
            Ok(value) => Self::new(value),
            Err(_) => Err(UnitError::HeadcountTooLarge { max: Self::MAX }),
        }
    }

    /// The number of employees.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Headcount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<u32> for Headcount {
    type Error = UnitError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Headcount> for u32 {
    fn from(headcount: Headcount) -> Self {
        headcount.0
    }
}

impl std::str::FromStr for Headcount {
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
    fn parses_plain_digits() {
        assert_eq!(Headcount::parse(" 0 ").unwrap().get(), 0);
        assert_eq!(Headcount::parse("1000000").unwrap().get(), 1_000_000);
        assert_eq!(Headcount::parse("007").unwrap().get(), 7);
    }

    #[test]
    fn names_each_kind_of_bad_value() {
        assert_eq!(Headcount::parse(""), Err(UnitError::HeadcountEmpty));
        assert_eq!(Headcount::parse("12a"), Err(UnitError::HeadcountNotInteger));
        assert_eq!(
            Headcount::parse("1.234"),
            Err(UnitError::HeadcountNotInteger)
        );
        assert_eq!(Headcount::parse("2,5"), Err(UnitError::HeadcountNotInteger));
        assert_eq!(Headcount::parse("+3"), Err(UnitError::HeadcountNotInteger));
        assert_eq!(Headcount::parse("-"), Err(UnitError::HeadcountNotInteger));
        assert_eq!(Headcount::parse("-5"), Err(UnitError::HeadcountNegative));
        let too_large = Err(UnitError::HeadcountTooLarge { max: 1_000_000 });
        assert_eq!(Headcount::parse("1000001"), too_large);
        assert_eq!(Headcount::parse("99999999999999999999"), too_large);
    }

    #[test]
    fn new_enforces_the_bound() {
        assert!(Headcount::new(1_000_000).is_ok());
        assert!(Headcount::new(1_000_001).is_err());
    }

    #[test]
    fn serde_validates() {
        assert_eq!(
            serde_json::to_string(&Headcount::new(42).unwrap()).unwrap(),
            "42"
        );
        assert!(serde_json::from_str::<Headcount>("2000000").is_err());
        assert!(serde_json::from_str::<Headcount>("-1").is_err());
    }
}
