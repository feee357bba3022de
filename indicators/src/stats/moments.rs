//! Exact first and second moments of a discrete variable.
//!
//! Answers are integers and dimension scores are integers over a fixed denominator, so
//! n, sum and sum of squares are kept as exact integers of the shifted, scaled value
//! `(x - min) * denominator`. Merging is integer addition: merged statistics are
//! bit-for-bit those of the pooled data, in any merge order, which the floating-point
//! pairwise update of Chan et al. cannot promise. The variance is formed from the exact
//! integer n*SS - S^2 before a single conversion to f64, so the textbook cancellation
//! problem of the naive formula does not arise either.

use crate::error::{IndicatorError, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moments {
    n: u64,
    sum: u128,
    sum_sq: u128,
    /// Scale minimum: values are stored shifted by it.
    origin: u8,
    /// Values are stored multiplied by it.
    denominator: u64,
}

impl Moments {
    pub(crate) fn new(origin: u8, denominator: u64) -> Self {
        Self {
            n: 0,
            sum: 0,
            sum_sq: 0,
            origin,
            denominator,
        }
    }

    /// Adds `count` observations of the scaled, shifted value `key`.
    pub(crate) fn add_many(&mut self, key: u64, count: u64) {
        let key = u128::from(key);
        let count128 = u128::from(count);
        self.n += count;
        self.sum += key * count128;
        self.sum_sq += key * key * count128;
    }

    /// Pools `other` into `self`; exact.
    pub fn merge(&mut self, other: &Moments) -> Result<()> {
        if (self.origin, self.denominator) != (other.origin, other.denominator) {
            return Err(IndicatorError::InstrumentMismatch);
        }
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
        Ok(())
    }

    pub(crate) fn n(&self) -> u64 {
        self.n
    }

    pub(crate) fn mean(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let scaled = u128::from(self.n) * u128::from(self.denominator);
        Some(f64::from(self.origin) + self.sum as f64 / scaled as f64)
    }

    /// Sum of squared deviations from the mean, in value units.
    pub(crate) fn sum_sq_deviations(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        // n*SS - S^2 >= 0 exactly (Cauchy-Schwarz on integers); one rounding here.
        let numerator = u128::from(self.n) * self.sum_sq - self.sum * self.sum;
        let d = self.denominator as f64;
        numerator as f64 / self.n as f64 / d / d
    }

    /// Sample variance (n - 1 denominator); needs n >= 2.
    pub(crate) fn variance(&self) -> Option<f64> {
        (self.n >= 2).then(|| self.sum_sq_deviations() / (self.n - 1) as f64)
    }

    pub(crate) fn sd(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_single() {
        let mut m = Moments::new(1, 1);
        assert_eq!(m.mean(), None);
        assert_eq!(m.variance(), None);
        m.add_many(2, 1);
        assert_eq!(m.mean(), Some(3.0));
        assert_eq!(m.variance(), None);
    }

    #[test]
    fn variance_of_constant_is_exactly_zero() {
        let mut m = Moments::new(1, 6);
        m.add_many(13, 1_000_000);
        assert_eq!(m.variance(), Some(0.0));
    }

    #[test]
    fn merge_is_exact_and_checks_units() {
        let mut a = Moments::new(1, 1);
        let mut b = Moments::new(1, 1);
        let mut all = Moments::new(1, 1);
        for (i, k) in [0u64, 4, 2, 3, 3, 1, 4].iter().enumerate() {
            if i % 2 == 0 {
                a.add_many(*k, 1)
            } else {
                b.add_many(*k, 1)
            }
            all.add_many(*k, 1);
        }
        a.merge(&b).expect("same units");
        assert_eq!(a, all);
        assert!(a.merge(&Moments::new(0, 1)).is_err());
    }
}
