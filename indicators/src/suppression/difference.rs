//! Guards against differencing two overlapping queries (filters, API calls).
//!
//! Two results that are each above the threshold can still reveal a small group by
//! subtraction: "unit X" (n = 40) and "unit X, aged under 50" (n = 38) together give the
//! 2 people aged 50 or over. The caller keeps, per base population (e.g. a unit in a
//! wave), the respondent counts of results it has already released, and before releasing
//! a new filtered result checks it against each of them:
//!
//! - nested queries (one filter refines the other): [`check_difference`] on the two n;
//! - overlapping queries: [`check_overlap`] with the size of the intersection.
//!
//! Only when every check is [`DifferenceCheck::Safe`] may the new result be shown; else
//! it is reported as suppressed. Categories of one filter (e.g. each gender) that
//! partition a unit are better handled as children in a
//! [`UnitTree`](crate::suppression::UnitTree), which also protects the last category.

use serde::Serialize;

use crate::suppression::threshold::Threshold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceCheck {
    Safe,
    /// The two results differ by 1 to threshold - 1 respondents.
    TooSmallDifference,
}

impl DifferenceCheck {
    pub fn is_safe(self) -> bool {
        self == Self::Safe
    }
}

/// For nested queries B ⊆ A (or A ⊆ B) with n_a and n_b respondents: safe when they
/// are the same people (difference 0) or differ by at least the threshold.
pub fn check_difference(threshold: Threshold, n_a: u64, n_b: u64) -> DifferenceCheck {
    if small_nonzero(threshold, n_a.abs_diff(n_b)) {
        DifferenceCheck::TooSmallDifference
    } else {
        DifferenceCheck::Safe
    }
}

/// For overlapping queries A and B with `n_both` respondents in both: each of A \ B and
/// B \ A must be empty or at least the threshold.
pub fn check_overlap(threshold: Threshold, n_a: u64, n_b: u64, n_both: u64) -> DifferenceCheck {
    let only_a = n_a.saturating_sub(n_both);
    let only_b = n_b.saturating_sub(n_both);
    if small_nonzero(threshold, only_a) || small_nonzero(threshold, only_b) {
        DifferenceCheck::TooSmallDifference
    } else {
        DifferenceCheck::Safe
    }
}

fn small_nonzero(threshold: Threshold, n: u64) -> bool {
    n > 0 && !threshold.allows(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences() {
        let t = Threshold::DEFAULT;
        assert!(check_difference(t, 40, 40).is_safe());
        assert!(!check_difference(t, 40, 38).is_safe());
        assert!(!check_difference(t, 38, 40).is_safe());
        assert!(check_difference(t, 40, 35).is_safe());
        assert!(check_overlap(t, 20, 20, 15).is_safe());
        assert!(!check_overlap(t, 20, 17, 16).is_safe());
        assert!(check_overlap(t, 20, 20, 20).is_safe());
    }
}
