//! Exact complete-case cross-product accumulator for k variables.
//!
//! Cronbach's alpha needs the item covariance matrix on complete cases; key drivers need
//! the covariance matrix of dimension scores. Both are functions of (n, per-variable
//! sums, cross-product matrix), kept as exact integers of shifted, scaled values so that
//! merging units is exact.

use crate::error::{IndicatorError, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CrossProducts {
    k: usize,
    n: u64,
    sums: Vec<u128>,
    /// Upper triangle, row-major, diagonal included: sum of x_i * x_j for i <= j.
    products: Vec<u128>,
}

impl CrossProducts {
    pub(crate) fn new(k: usize) -> Self {
        Self {
            k,
            n: 0,
            sums: vec![0; k],
            products: vec![0; k * (k + 1) / 2],
        }
    }

    fn slot(&self, i: usize, j: usize) -> usize {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        i * (2 * self.k - i + 1) / 2 + (j - i)
    }

    /// Adds one complete case; `keys.len()` must be k.
    pub(crate) fn add(&mut self, keys: &[u64]) {
        debug_assert_eq!(keys.len(), self.k);
        self.n += 1;
        let mut slot = 0;
        for (i, &a) in keys.iter().enumerate() {
            self.sums[i] += u128::from(a);
            for &b in &keys[i..] {
                self.products[slot] += u128::from(a) * u128::from(b);
                slot += 1;
            }
        }
    }

    pub(crate) fn merge(&mut self, other: &CrossProducts) -> Result<()> {
        if self.k != other.k {
            return Err(IndicatorError::InstrumentMismatch);
        }
        self.n += other.n;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.products.iter_mut().zip(&other.products) {
            *a += b;
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
        let product = self.products[self.slot(i, j)] as i128;
        let (si, sj) = (self.sums[i] as i128, self.sums[j] as i128);
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
}
