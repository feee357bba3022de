//! Exact frequency table of a discrete variable (item answers or dimension scores).
//!
//! Medians, quartiles, distributions, favourable counts and Kruskal-Wallis mid-ranks all
//! need the distribution, not just moments. Values are finitely many integers over a
//! fixed denominator, so the table merges exactly and so do every statistic derived from
//! it.
//!
//! The table is dense: the values a variable can take are known in advance (the scale
//! points of an item; the admissible means of a dimension), so they are listed once,
//! ascending, and shared by every table of the same variable, and the counts are a plain
//! array beside them. Counting a response is an array increment at a precomputed slot,
//! merging two tables of the same variable is element-wise integer addition. Values
//! outside the list (tables built key by key, or merged with a table of other keys) are
//! inserted in order.

use std::sync::Arc;

use crate::error::{IndicatorError, Result};
use crate::stats::moments::Moments;

#[derive(Debug, Clone)]
pub struct Tally {
    /// Scale minimum: keys are shifted by it.
    origin: u8,
    /// Keys are values multiplied by it.
    denominator: u64,
    /// The keys that can be counted, strictly ascending; shared by the tables of one
    /// variable.
    keys: Arc<Vec<u64>>,
    /// `counts[i]` counts `keys[i]`; zero counts are never reported, so equal data give
    /// equal tallies whatever keys are listed.
    counts: Vec<u64>,
}

impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        (self.origin, self.denominator) == (other.origin, other.denominator)
            && self.iter().eq(other.iter())
    }
}

impl Eq for Tally {}

impl Tally {
    /// An empty table that lists keys as they are first added.
    #[cfg(test)]
    pub(crate) fn new(origin: u8, denominator: u64) -> Self {
        Self::with_keys(origin, denominator, Arc::new(Vec::new()))
    }

    /// An empty table over `keys` (strictly ascending), counted by slot with
    /// [`Tally::add_at`].
    pub(crate) fn with_keys(origin: u8, denominator: u64, keys: Arc<Vec<u64>>) -> Self {
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        Self {
            origin,
            denominator,
            counts: vec![0; keys.len()],
            keys,
        }
    }

    /// The keys 0, 1, ..., `last` (the scored, shifted points of a scale when `last` is
    /// max - min); slot and key coincide.
    pub(crate) fn points(last: u64) -> Arc<Vec<u64>> {
        Arc::new((0..=last).collect())
    }

    #[cfg(test)]
    pub(crate) fn add(&mut self, key: u64) {
        self.add_many(key, 1);
    }

    /// Counts one observation of `self.keys()[slot]`: the hot path, an array increment.
    #[inline]
    pub(crate) fn add_at(&mut self, slot: usize) {
        self.counts[slot] += 1;
    }

    fn add_many(&mut self, key: u64, count: u64) {
        match self.keys.binary_search(&key) {
            Ok(slot) => self.counts[slot] += count,
            Err(slot) => {
                if count > 0 {
                    Arc::make_mut(&mut self.keys).insert(slot, key);
                    self.counts.insert(slot, count);
                }
            }
        }
    }

    fn same_keys(&self, other: &Tally) -> bool {
        Arc::ptr_eq(&self.keys, &other.keys) || self.keys == other.keys
    }

    /// Pools `other` into `self`; exact.
    pub fn merge(&mut self, other: &Tally) -> Result<()> {
        self.check_units(other)?;
        if self.same_keys(other) {
            for (a, b) in self.counts.iter_mut().zip(&other.counts) {
                *a += b;
            }
        } else {
            for (key, count) in other.iter() {
                self.add_many(key, count);
            }
        }
        Ok(())
    }

    /// `self` minus `part` (e.g. the organisation without one unit); exact.
    pub(crate) fn subtract(&self, part: &Tally) -> Result<Tally> {
        self.check_units(part)?;
        let mut rest = self.clone();
        if self.same_keys(part) {
            for (a, b) in rest.counts.iter_mut().zip(&part.counts) {
                *a = a.checked_sub(*b).ok_or(IndicatorError::NotASubset)?;
            }
        } else {
            for (key, count) in part.iter() {
                let slot = rest
                    .keys
                    .binary_search(&key)
                    .map_err(|_| IndicatorError::NotASubset)?;
                let entry = &mut rest.counts[slot];
                *entry = entry.checked_sub(count).ok_or(IndicatorError::NotASubset)?;
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
        self.counts.iter().sum()
    }

    pub(crate) fn denominator(&self) -> u64 {
        self.denominator
    }

    pub(crate) fn moments(&self) -> Moments {
        let mut m = Moments::new(self.origin, self.denominator);
        for (key, count) in self.iter() {
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
        self.keys
            .iter()
            .zip(&self.counts)
            .filter(|&(_, &c)| c > 0)
            .map(|(&k, &c)| (k, c))
    }

    pub(crate) fn count_at_least(&self, key: u64) -> u64 {
        let first = self.keys.partition_point(|&k| k < key);
        self.counts[first..].iter().sum()
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

/// A tally of integer answers on a 1-based scale, for unit tests across the crate.
#[cfg(test)]
pub(crate) fn tally(values: &[u64]) -> Tally {
    let mut t = Tally::new(1, 1);
    for &v in values {
        t.add(v - 1);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn dense_and_listed_tables_agree() {
        let mut dense = Tally::with_keys(1, 1, Tally::points(4));
        for v in [1, 2, 2, 5] {
            dense.add_at(v - 1);
        }
        // Zero counts at the listed keys 2 and 3 do not show.
        assert_eq!(dense, tally(&[1, 2, 2, 5]));
        assert_eq!(
            dense.iter().collect::<Vec<_>>(),
            vec![(0, 1), (1, 2), (4, 1)]
        );
        assert_eq!(dense.count_at_least(2), 1);
        assert_eq!(dense.count_at_least(1), 3);
        // Merging tables of other keys inserts them in order.
        let mut listed = tally(&[3, 3]);
        listed.merge(&dense).expect("same units");
        assert_eq!(listed, tally(&[1, 2, 2, 3, 3, 5]));
        dense.merge(&tally(&[3, 3])).expect("same units");
        assert_eq!(dense, listed);
        assert_eq!(dense.subtract(&tally(&[2, 3])), Ok(tally(&[1, 2, 3, 5])));
        assert_eq!(
            dense.subtract(&Tally::with_keys(1, 1, Tally::points(4))),
            Ok(dense.clone())
        );
        assert_eq!(
            Tally::with_keys(1, 1, Tally::points(4)).subtract(&tally(&[2])),
            Err(IndicatorError::NotASubset)
        );
        assert_ne!(Tally::with_keys(1, 2, Tally::points(4)), Tally::new(1, 1));
    }
}
