//! Exact frequency table of a discrete variable (item answers or dimension scores).
//!
//! Medians, quartiles, distributions, favourable counts and Kruskal-Wallis mid-ranks all
//! need the distribution, not just moments. Values are finitely many integers over a
//! fixed denominator, so the table merges exactly and so do every statistic derived from
//! it.

use std::collections::BTreeMap;

use crate::error::{IndicatorError, Result};
use crate::stats::moments::Moments;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Scale minimum: keys are shifted by it.
    origin: u8,
    /// Keys are values multiplied by it.
    denominator: u64,
    /// key -> count; zero counts are never stored, so equal data give equal tallies.
    counts: BTreeMap<u64, u64>,
}

impl Tally {
    pub(crate) fn new(origin: u8, denominator: u64) -> Self {
        Self {
            origin,
            denominator,
            counts: BTreeMap::new(),
        }
    }

    pub(crate) fn add(&mut self, key: u64) {
        *self.counts.entry(key).or_insert(0) += 1;
    }

    /// Pools `other` into `self`; exact.
    pub fn merge(&mut self, other: &Tally) -> Result<()> {
        self.check_units(other)?;
        for (&key, &count) in &other.counts {
            *self.counts.entry(key).or_insert(0) += count;
        }
        Ok(())
    }

    /// `self` minus `part` (e.g. the organisation without one unit); exact.
    pub(crate) fn subtract(&self, part: &Tally) -> Result<Tally> {
        self.check_units(part)?;
        let mut rest = self.clone();
        for (&key, &count) in &part.counts {
            let entry = rest
                .counts
                .get_mut(&key)
                .ok_or(IndicatorError::NotASubset)?;
            *entry = entry.checked_sub(count).ok_or(IndicatorError::NotASubset)?;
            if *entry == 0 {
                rest.counts.remove(&key);
            }
        }
        Ok(rest)
    }

    fn check_units(&self, other: &Tally) -> Result<()> {
        if (self.origin, self.denominator) == (other.origin, other.denominator) {
            Ok(())
        } else {
            Err(IndicatorError::InstrumentMismatch)
        }
    }

    pub(crate) fn n(&self) -> u64 {
        self.counts.values().sum()
    }

    pub(crate) fn denominator(&self) -> u64 {
        self.denominator
    }

    pub(crate) fn moments(&self) -> Moments {
        let mut m = Moments::new(self.origin, self.denominator);
        for (&key, &count) in &self.counts {
            m.add_many(key, count);
        }
        m
    }

    /// The value a key stands for: min + key / denominator.
    pub(crate) fn value(&self, key: u64) -> f64 {
        f64::from(self.origin) + key as f64 / self.denominator as f64
    }

    /// Key of a value on the scale (whole scale points only).
    pub(crate) fn key_of(&self, value: u8) -> u64 {
        u64::from(value.saturating_sub(self.origin)) * self.denominator
    }

    /// (key, count) in ascending order of value.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.counts.iter().map(|(&k, &c)| (k, c))
    }

    pub(crate) fn count_at_least(&self, key: u64) -> u64 {
        self.counts.range(key..).map(|(_, &c)| c).sum()
    }

    /// Sample quantile by linear interpolation between order statistics, Hyndman & Fan
    /// type 7 (R's default, numpy's default "linear"): h = (n - 1) p, x[floor h] +
    /// (h - floor h) (x[floor h + 1] - x[floor h]), 0-based.
    pub(crate) fn quantile(&self, p: f64) -> Option<f64> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * p;
        let lower_rank = h.floor();
        let fraction = h - lower_rank;
        let lower_rank = lower_rank as u64;
        let lower = self.order_statistic(lower_rank)?;
        if fraction == 0.0 || lower_rank + 1 >= n {
            return Some(lower);
        }
        let upper = self.order_statistic(lower_rank + 1)?;
        Some(lower + fraction * (upper - lower))
    }

    /// The value at 0-based position `rank` of the sorted data.
    fn order_statistic(&self, rank: u64) -> Option<f64> {
        let mut seen = 0;
        for (key, count) in self.iter() {
            seen += count;
            if rank < seen {
                return Some(self.value(key));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(values: &[u64]) -> Tally {
        let mut t = Tally::new(1, 1);
        for &v in values {
            t.add(v - 1);
        }
        t
    }

    #[test]
    fn quantiles_match_type_7() {
        // numpy.percentile([1, 2, 2, 4, 5], [25, 50, 75]) = [2, 2, 4]
        let t = tally(&[1, 2, 2, 4, 5]);
        assert_eq!(t.quantile(0.25), Some(2.0));
        assert_eq!(t.quantile(0.5), Some(2.0));
        assert_eq!(t.quantile(0.75), Some(4.0));
        // numpy.percentile([1, 3, 4, 5], [25, 50, 75]) = [2.5, 3.5, 4.25]
        let t = tally(&[5, 1, 4, 3]);
        assert_eq!(t.quantile(0.25), Some(2.5));
        assert_eq!(t.quantile(0.5), Some(3.5));
        assert_eq!(t.quantile(0.75), Some(4.25));
        assert_eq!(tally(&[3]).quantile(0.75), Some(3.0));
        assert_eq!(tally(&[]).quantile(0.5), None);
    }

    #[test]
    fn subtract_is_exact_and_rejects_non_subsets() {
        let whole = tally(&[1, 2, 2, 5]);
        let part = tally(&[2, 5]);
        assert_eq!(whole.subtract(&part), Ok(tally(&[1, 2])));
        assert_eq!(
            whole.subtract(&tally(&[3])),
            Err(IndicatorError::NotASubset)
        );
        assert_eq!(
            whole.subtract(&tally(&[5, 5])),
            Err(IndicatorError::NotASubset)
        );
    }
}
