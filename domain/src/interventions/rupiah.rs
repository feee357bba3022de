//! Money in whole rupiah: budgets and estimated costs. The rupiah has no subunit in use, so an
//! amount is an integer, never a float.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InterventionError;

/// An amount of money in whole rupiah, from 0 to [`Rupiah::MAX`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(try_from = "u64", into = "u64")]
pub struct Rupiah(u64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    /// Rp 1.000.000.000.000.000 (one quadrillion; the province's yearly budget is under a
    /// hundredth of it). Below `i64::MAX`, so every amount fits a BIGINT column, and below
    /// 2^53, so it survives a JSON number in the browser exactly.
    pub const MAX: u64 = 1_000_000_000_000_000;

    pub fn new(amount: u64) -> Result<Self, InterventionError> {
        if amount > Self::MAX {
            return Err(InterventionError::RupiahTooLarge { max: Self::MAX });
        }
        Ok(Self(amount))
    }

    /// A stored BIGINT value.
    pub fn from_i64(amount: i64) -> Result<Self, InterventionError> {
        let amount = u64::try_from(amount).map_err(|_| InterventionError::RupiahNegative)?;
        Self::new(amount)
    }

    pub fn get(self) -> u64 {
        self.0
    }

    /// The amount as a BIGINT value; exact, since [`Rupiah::MAX`] < `i64::MAX`.
    pub fn to_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }

    /// The sum, if it stays within [`Rupiah::MAX`].
    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0
            .checked_add(other.0)
            .and_then(|sum| Rupiah::new(sum).ok())
    }

    /// Reads an amount as people write it: `Rp 1.250.000`, `Rp1.250.000,-`, `1.250.000` or
    /// `1250000`. Dots separate thousands (Indonesian style) and must group the digits by
    /// three; a trailing `,-` ("whole rupiah") is allowed. Negative amounts and decimals (a
    /// comma, or a dot followed by one or two digits, as in `1250000.50`) are refused.
    pub fn parse(raw: &str) -> Result<Self, InterventionError> {
        let not_a_number = || InterventionError::RupiahNotANumber {
            value: raw.trim().to_owned(),
        };
        let mut text = raw.trim();
        let mut negative = false;
        if let Some(rest) = strip_minus(text) {
            negative = true;
            text = rest.trim_start();
        }
        if let Some(rest) = strip_currency(text) {
            text = rest;
        }
        if let Some(rest) = strip_minus(text) {
            negative = true;
            text = rest.trim_start();
        }
        let text = text.strip_suffix(",-").unwrap_or(text).trim_end();
        if text.is_empty() {
            return Err(InterventionError::RupiahEmpty);
        }
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(not_a_number());
        }
        if negative {
            return Err(InterventionError::RupiahNegative);
        }
        if text.contains(',') {
            return Err(InterventionError::RupiahDecimal);
        }
        let groups: Vec<&str> = text.split('.').collect();
        if let [first, rest @ ..] = groups.as_slice() {
            let grouped = !rest.is_empty()
                && (1..=3).contains(&first.len())
                && rest.iter().all(|group| group.len() == 3);
            if !rest.is_empty() && !grouped {
                return Err(match rest {
                    [last] if !first.is_empty() && (1..=2).contains(&last.len()) => {
                        InterventionError::RupiahDecimal
                    }
                    _ => not_a_number(),
                });
            }
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        if digits.len() > 19 {
            return Err(InterventionError::RupiahTooLarge { max: Self::MAX });
        }
        let amount = if digits.is_empty() {
            0
        } else {
            digits.parse::<u64>().map_err(|_| not_a_number())?
        };
        Self::new(amount)
    }
}

// Every amount fits a BIGINT column and a JSON number read by JavaScript, exactly.
const _: () = assert!(Rupiah::MAX < i64::MAX as u64 && Rupiah::MAX < (1 << 53));

fn strip_minus(text: &str) -> Option<&str> {
    text.strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'))
}

/// `Rp`, `rp`, `RP` or `Rp.`, with any spacing after it.
fn strip_currency(text: &str) -> Option<&str> {
    let prefix = text.get(..2)?;
    if !prefix.eq_ignore_ascii_case("rp") {
        return None;
    }
    let rest = &text[2..];
    Some(rest.strip_prefix('.').unwrap_or(rest).trim_start())
}

impl fmt::Display for Rupiah {
    /// `Rp 1.250.000`: Indonesian thousands separators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        write!(f, "Rp {grouped}")
    }
}

impl TryFrom<u64> for Rupiah {
    type Error = InterventionError;

    fn try_from(value: u64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Rupiah> for u64 {
    fn from(amount: Rupiah) -> Self {
        amount.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parsed(text: &str) -> Result<u64, InterventionError> {
        Rupiah::parse(text).map(Rupiah::get)
    }

    #[test]
    fn reads_the_ways_people_write_amounts() {
        for text in [
            "Rp 1.250.000",
            "1250000",
            "1.250.000",
            "Rp1.250.000",
            "rp. 1.250.000",
            "RP 1250000",
            "Rp 1.250.000,-",
            "  1.250.000  ",
            "Rp\u{a0}1.250.000",
        ] {
            assert_eq!(parsed(text), Ok(1_250_000), "{text:?}");
        }
        assert_eq!(parsed("0"), Ok(0));
        assert_eq!(parsed("Rp 0"), Ok(0));
        assert_eq!(parsed("12.345.678.901"), Ok(12_345_678_901));
        assert_eq!(parsed("999"), Ok(999));
    }

    #[test]
    fn refuses_negatives_and_decimals() {
        for text in ["-1000", "Rp -1.000", "-Rp 1.000", "\u{2212}5"] {
            assert_eq!(
                parsed(text),
                Err(InterventionError::RupiahNegative),
                "{text:?}"
            );
        }
        for text in [
            "1.250.000,50",
            "1250000,5",
            "1250000.50",
            "12.5",
            "Rp 1.000,00",
        ] {
            assert_eq!(
                parsed(text),
                Err(InterventionError::RupiahDecimal),
                "{text:?}"
            );
        }
    }

    #[test]
    fn refuses_what_is_no_amount() {
        assert_eq!(parsed(""), Err(InterventionError::RupiahEmpty));
        assert_eq!(parsed("  Rp "), Err(InterventionError::RupiahEmpty));
        for text in [
            "1.2345",
            "1250.000.5",
            ".250",
            "1..250",
            "12a",
            "satu juta",
            "1 250 000",
            "+5",
            "1e6",
        ] {
            assert!(
                matches!(
                    parsed(text),
                    Err(InterventionError::RupiahNotANumber { .. })
                ),
                "{text:?}: {:?}",
                parsed(text)
            );
        }
    }

    #[test]
    fn has_a_ceiling_that_fits_storage_and_json() {
        assert_eq!(Rupiah::new(Rupiah::MAX).unwrap().get(), Rupiah::MAX);
        assert_eq!(
            Rupiah::new(Rupiah::MAX + 1),
            Err(InterventionError::RupiahTooLarge { max: Rupiah::MAX })
        );
        assert_eq!(
            parsed("99999999999999999999999"),
            Err(InterventionError::RupiahTooLarge { max: Rupiah::MAX })
        );
        let max = Rupiah::new(Rupiah::MAX).unwrap();
        assert_eq!(Rupiah::from_i64(max.to_i64()), Ok(max));
        assert_eq!(Rupiah::from_i64(-1), Err(InterventionError::RupiahNegative));
        assert_eq!(max.checked_add(Rupiah::new(1).unwrap()), None);
    }

    #[test]
    fn displays_with_indonesian_separators() {
        let show = |amount: u64| Rupiah::new(amount).unwrap().to_string();
        assert_eq!(show(0), "Rp 0");
        assert_eq!(show(999), "Rp 999");
        assert_eq!(show(1000), "Rp 1.000");
        assert_eq!(show(1_250_000), "Rp 1.250.000");
        assert_eq!(show(12_345_678_901), "Rp 12.345.678.901");
        for amount in [0, 7, 1000, 123_456, 12_345_678_901, Rupiah::MAX] {
            assert_eq!(parsed(&show(amount)), Ok(amount));
        }
    }

    #[test]
    fn serde_is_a_number_and_validates() {
        let amount = Rupiah::new(12_345_678_901).unwrap();
        assert_eq!(serde_json::to_string(&amount).unwrap(), "12345678901");
        assert_eq!(
            serde_json::from_str::<Rupiah>("12345678901").unwrap(),
            amount
        );
        assert!(serde_json::from_str::<Rupiah>("-1").is_err());
        assert!(serde_json::from_str::<Rupiah>("1000000000000000001").is_err());
    }
}
