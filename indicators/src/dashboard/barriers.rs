//! Barrier shares: how many respondents cite each barrier of the instrument's checklist
//! (anggaran, sdm, sarana-prasarana, ti, pelatihan, regulasi, dukungan-pimpinan,
//! beban-kerja, lainnya).
//!
//! The tally is kept as exact counts so that a parent's tally is the sum of its
//! children's (like [`GroupStats`](crate::GroupStats)); shares are published only through
//! [`barrier_shares`], behind the same gate as the group's report.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Result;
use crate::estimate::interval::{wilson, Interval};
use crate::suppression::{Suppressible, Threshold};

/// Counts of barrier codes over the respondents of one group.
///
/// Opaque like `GroupStats`: the raw counts leave only through [`barrier_shares`], which
/// applies the threshold and the caller's disclosure decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BarrierTally {
    respondents: u64,
    counts: BTreeMap<String, u64>,
}

impl BarrierTally {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one respondent and the barrier codes they ticked. A respondent who cites
    /// nothing still counts: shares are of all respondents of the group, the same n the
    /// disclosure plan was made for. A code ticked twice by one respondent counts once.
    /// Codes are kept as given, also ones the caller will not list (e.g. retired codes).
    pub fn add(&mut self, codes: &[impl AsRef<str>]) {
        self.respondents += 1;
        let distinct: BTreeSet<&str> = codes.iter().map(AsRef::as_ref).collect();
        for code in distinct {
            *self.counts.entry(code.to_owned()).or_insert(0) += 1;
        }
    }

    /// Pools `other` into `self` (a parent unit from its children). Exact: the result
    /// equals the tally of the union of both groups' respondents.
    pub fn merge(&mut self, other: &BarrierTally) {
        self.respondents += other.respondents;
        for (code, count) in &other.counts {
            *self.counts.entry(code.clone()).or_insert(0) += count;
        }
    }

    fn count(&self, code: &str) -> u64 {
        self.counts.get(code).copied().unwrap_or(0)
    }
}

/// Share of a group's respondents citing one barrier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarrierShare {
    pub code: String,
    pub count: u64,
    /// count / respondents.
    pub proportion: f64,
    /// Wilson score 95% interval of the proportion (stays inside [0, 1], sensible at 0%
    /// and 100%, which small units reach often).
    pub ci: Interval,
}

/// Share of respondents citing each code of `codes_in_order`, in that (the instrument's)
/// order; codes nobody cited are listed with 0. The caller can re-sort by share.
///
/// `shown` is the disclosure decision already made for this group (its report is
/// visible: threshold and complementary suppression). The barrier figures follow it, so
/// they never reveal a group the plan hides. Suppressed as well when the tally has fewer
/// respondents than `threshold`. Errors only if the normal quantile cannot be computed.
pub fn barrier_shares(
    tally: &BarrierTally,
    codes_in_order: &[String],
    threshold: Threshold,
    shown: bool,
) -> Result<Suppressible<Vec<BarrierShare>>> {
    if !shown {
        return Ok(Suppressible::Suppressed);
    }
    let n = tally.respondents;
    threshold.try_gate(n, || {
        codes_in_order
            .iter()
            .map(|code| {
                let count = tally.count(code);
                Ok(BarrierShare {
                    code: code.clone(),
                    count,
                    proportion: count as f64 / n as f64,
                    ci: wilson(count, n)?,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threshold() -> Threshold {
        Threshold::new(3).expect("valid")
    }

    #[test]
    fn duplicates_count_once_and_silent_respondents_count() {
        let mut t = BarrierTally::new();
        t.add(&["ti", "ti", "sdm"]);
        t.add(&[] as &[&str]);
        t.add(&[String::from("ti")]);
        let codes = vec!["sdm".to_owned(), "ti".to_owned(), "regulasi".to_owned()];
        let shares = barrier_shares(&t, &codes, threshold(), true).expect("valid");
        let shares = shares.visible().expect("3 respondents");
        let counts: Vec<(&str, u64)> = shares.iter().map(|s| (s.code.as_str(), s.count)).collect();
        assert_eq!(counts, vec![("sdm", 1), ("ti", 2), ("regulasi", 0)]);
        assert_eq!(shares[1].proportion, 2.0 / 3.0);
        assert!(shares[2].ci.lower.abs() < 1e-15 && shares[2].ci.upper > 0.0);
    }

    #[test]
    fn hidden_when_not_shown_or_too_small() {
        let mut t = BarrierTally::new();
        for _ in 0..2 {
            t.add(&["ti"]);
        }
        let codes = vec!["ti".to_owned()];
        assert!(barrier_shares(&t, &codes, threshold(), true)
            .expect("valid")
            .is_suppressed());
        t.add(&["ti"]);
        assert!(!barrier_shares(&t, &codes, threshold(), true)
            .expect("valid")
            .is_suppressed());
        assert!(barrier_shares(&t, &codes, threshold(), false)
            .expect("valid")
            .is_suppressed());
    }
}
