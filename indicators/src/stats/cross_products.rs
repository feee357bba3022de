//! Exact complete-case cross-product accumulator for k variables.
//!
//! Cronbach's alpha needs the item covariance matrix on complete cases; key drivers need
//! the covariance matrix of dimension scores. Both are functions of (n, per-variable
//! sums, cross-product matrix), kept as exact integers of shifted, scaled values so that
//! merging units is exact.
//!
//! The totals are u128 (no overflow for any admissible instrument and 10^9 cases). Cases
//! are first added to u64 running sums, which are cheaper and vectorise, and folded into
//! the totals before they could overflow: with every key at most `max_key`, a u64 holds the
//! sums of u64::MAX / max_key^2 cases. Every reading combines both, so the figures are
//! those of the plain u128 sums, bit for bit.

use crate::error::{IndicatorError, Result};
#[cfg(test)]
use crate::instrument::{MAX_DIMENSIONS, MAX_ITEMS_PER_DIMENSION};

/// The most variables `add` narrows (dimensions for key drivers, items of one dimension
/// for alpha).
#[cfg(test)]
const WIDEST: usize = if MAX_DIMENSIONS > MAX_ITEMS_PER_DIMENSION {
    MAX_DIMENSIONS
} else {
    MAX_ITEMS_PER_DIMENSION
};

#[derive(Debug, Clone)]
pub(crate) struct CrossProducts {
    k: usize,
    /// Every case, folded or recent.
    n: u64,
    sums: Vec<u128>,
    /// Upper triangle, row-major, diagonal included: sum of x_i * x_j for i <= j.
    products: Vec<u128>,
    recent: Recent,
}

/// Sums of the cases added since the last fold into the u128 totals.
#[derive(Debug, Clone)]
struct Recent {
    /// Bound of the keys added through `add_narrow`.
    max_key: u32,
    /// Cases that fit before a fold: u64::MAX / max_key^2.
    capacity: u64,
    n: u64,
    sums: Vec<u64>,
    products: Vec<u64>,
}

impl PartialEq for CrossProducts {
    fn eq(&self, other: &Self) -> bool {
        self.k == other.k
            && self.n == other.n
            && (0..self.k).all(|i| self.sum(i) == other.sum(i))
            && (0..self.products.len()).all(|s| self.product(s) == other.product(s))
    }
}

impl Eq for CrossProducts {}

impl CrossProducts {
    /// For keys of any size (those above 65 535 go straight to the u128 totals).
    #[cfg(test)]
    pub(crate) fn new(k: usize) -> Self {
        Self::with_max_key(k, u64::from(u16::MAX))
    }

    /// For keys at most `max_key`.
    pub(crate) fn with_max_key(k: usize, max_key: u64) -> Self {
        let max_key = u32::try_from(max_key).unwrap_or(u32::MAX);
        let square = u64::from(max_key).pow(2).max(1);
        let triangle = k * (k + 1) / 2;
        Self {
            k,
            n: 0,
            sums: vec![0; k],
            products: vec![0; triangle],
            recent: Recent {
                max_key,
                capacity: u64::MAX / square,
                n: 0,
                sums: vec![0; k],
                products: vec![0; triangle],
            },
        }
    }

    fn slot(&self, i: usize, j: usize) -> usize {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        i * (2 * self.k - i + 1) / 2 + (j - i)
    }

    fn sum(&self, i: usize) -> u128 {
        self.sums[i] + u128::from(self.recent.sums[i])
    }

    fn product(&self, slot: usize) -> u128 {
        self.products[slot] + u128::from(self.recent.products[slot])
    }

    /// Adds one complete case of keys of any size; `keys.len()` must be k.
    #[cfg(test)]
    pub(crate) fn add(&mut self, keys: &[u64]) {
        debug_assert_eq!(keys.len(), self.k);
        let mut narrow = [0u32; WIDEST];
        let max_key = u64::from(self.recent.max_key);
        if keys.len() > WIDEST || keys.iter().any(|&key| key > max_key) {
            self.n += 1;
            self.add_wide(keys);
            return;
        }
        let narrow = &mut narrow[..keys.len()];
        for (n, &key) in narrow.iter_mut().zip(keys) {
            *n = key as u32; // <= max_key <= u32::MAX
        }
        self.add_narrow(narrow);
    }

    /// Adds one complete case whose keys are all at most the `max_key` given to
    /// [`CrossProducts::with_max_key`] (the caller's guarantee; checked in debug builds);
    /// `keys.len()` must be k.
    #[inline]
    pub(crate) fn add_narrow(&mut self, keys: &[u32]) {
        debug_assert_eq!(keys.len(), self.k);
        debug_assert!(keys.iter().all(|&key| key <= self.recent.max_key));
        self.n += 1;
        if self.recent.n == self.recent.capacity {
            self.fold();
        }
        let recent = &mut self.recent;
        recent.n += 1;
        let mut rest = &mut recent.products[..];
        for (i, (&a, sum)) in keys.iter().zip(&mut recent.sums).enumerate() {
            *sum += u64::from(a);
            let row = &keys[i..];
            let (head, tail) = rest.split_at_mut(row.len());
            for (p, &b) in head.iter_mut().zip(row) {
                *p += u64::from(a) * u64::from(b);
            }
            rest = tail;
        }
    }

    /// One case straight into the u128 totals.
    #[cfg(test)]
    fn add_wide(&mut self, keys: &[u64]) {
        let mut slot = 0;
        for (i, &a) in keys.iter().enumerate() {
            self.sums[i] += u128::from(a);
            for &b in &keys[i..] {
                self.products[slot] += u128::from(a) * u128::from(b);
                slot += 1;
            }
        }
    }

    /// Moves the recent sums into the totals.
    fn fold(&mut self) {
        let recent = &mut self.recent;
        for (total, part) in self.sums.iter_mut().zip(&mut recent.sums) {
            *total += u128::from(std::mem::take(part));
        }
        for (total, part) in self.products.iter_mut().zip(&mut recent.products) {
            *total += u128::from(std::mem::take(part));
        }
        recent.n = 0;
    }

    pub(crate) fn merge(&mut self, other: &CrossProducts) -> Result<()> {
        if self.k != other.k {
            return Err(IndicatorError::InstrumentMismatch);
        }
        self.n += other.n;
        for (i, a) in self.sums.iter_mut().enumerate() {
            *a += other.sum(i);
        }
        for (slot, a) in self.products.iter_mut().enumerate() {
            *a += other.product(slot);
        }
        Ok(())
    }

    pub(crate) fn k(&self) -> usize {
        self.k
    }

    pub(crate) fn n(&self) -> u64 {
        self.n
    }

    /// n * sum(x_i x_j) - sum(x_i) sum(x_j) = n (n - 1) cov(x_i, x_j), exactly, in
    /// scaled units. The common factor n (n - 1) cancels in alpha and correlations.
    pub(crate) fn covariance_numerator(&self, i: usize, j: usize) -> i128 {
        let n = i128::from(self.n);
        let product = self.product(self.slot(i, j)) as i128;
        let (si, sj) = (self.sum(i) as i128, self.sum(j) as i128);
        n * product - si * sj
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covariance_numerators() {
        let mut c = CrossProducts::new(2);
        c.add(&[1, 2]);
        c.add(&[2, 4]);
        c.add(&[3, 3]);
        // x = 1,2,3 ; y = 2,4,3: var x = 1, cov = 0.5, var y = 1 -> times n(n-1) = 6
        assert_eq!(c.covariance_numerator(0, 0), 6);
        assert_eq!(c.covariance_numerator(0, 1), 3);
        assert_eq!(c.covariance_numerator(1, 0), 3);
        assert_eq!(c.covariance_numerator(1, 1), 6);
    }

    /// Cases folded into the u128 totals (every 9 cases for the largest keys) or not:
    /// the same figures as the plain u128 sums.
    #[test]
    fn folding_is_exact() {
        let max_key = 6 * 232_792_560u64;
        let mut folded = CrossProducts::with_max_key(3, max_key);
        let mut wide = CrossProducts::with_max_key(3, 0);
        let mut state = 12345u64;
        for case in 0..1000u64 {
            let keys: Vec<u64> = (0..3)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    if case % 7 == 0 {
                        max_key
                    } else {
                        (state >> 33) % (max_key + 1)
                    }
                })
                .collect();
            folded.add(&keys);
            wide.add(&keys);
            if case == 500 {
                let mut merged = CrossProducts::with_max_key(3, max_key);
                merged.merge(&folded).expect("same k");
                assert_eq!(merged, wide);
            }
        }
        assert_eq!(folded.recent.capacity, 9);
        assert!(folded.recent.n > 0);
        assert_eq!(wide.recent.n, 0);
        assert_eq!(folded, wide);
        for i in 0..3 {
            for j in 0..3 {
                assert_eq!(
                    folded.covariance_numerator(i, j),
                    wide.covariance_numerator(i, j)
                );
            }
        }
    }
}
