//! Descriptive statistics of one variable in one group.

use serde::Serialize;

use crate::error::Result;
use crate::estimate::interval::{mean_interval, wilson, Headcount, Interval, MeanInterval};
use crate::scale::Scale;
use crate::stats::Tally;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Descriptive {
    pub n: u64,
    pub mean: f64,
    /// Sample standard deviation (n - 1 denominator).
    pub sd: f64,
    /// Quantiles by linear interpolation (Hyndman & Fan type 7, numpy's default).
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    /// q3 - q1.
    pub iqr: f64,
    /// The mean on 0-100: (mean - min) / (max - min) * 100.
    pub index: f64,
    pub mean_ci: MeanInterval,
}

/// Share of favourable answers: top-2 boxes, value >= max - 1 (for dimension scores:
/// score >= max - 1, i.e. on average in the top two boxes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Favourable {
    pub count: u64,
    pub proportion: f64,
    /// Wilson score 95% interval of the proportion.
    pub ci: Interval,
}

/// Count and share of one scale point (items only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelCount {
    pub level: u8,
    pub count: u64,
    pub proportion: f64,
}

/// None when n < 2 (no SD); the threshold (>= 3) normally rules that out first.
pub(crate) fn describe(
    tally: &Tally,
    scale: Scale,
    headcount: Option<Headcount>,
) -> Result<Option<Descriptive>> {
    let moments = tally.moments();
    let n = moments.n();
    let (Some(mean), Some(sd), Some(median), Some(q1), Some(q3)) = (
        moments.mean(),
        moments.sd(),
        tally.quantile(0.5),
        tally.quantile(0.25),
        tally.quantile(0.75),
    ) else {
        return Ok(None);
    };
    Ok(Some(Descriptive {
        n,
        mean,
        sd,
        median,
        q1,
        q3,
        iqr: q3 - q1,
        index: scale.index(mean),
        mean_ci: mean_interval(n, mean, sd, headcount)?,
    }))
}

pub(crate) fn favourable_count(tally: &Tally, scale: Scale) -> u64 {
    tally.count_at_least(tally.key_of(scale.favourable_floor()))
}

/// None when n = 0.
pub(crate) fn favourable(tally: &Tally, scale: Scale) -> Result<Option<Favourable>> {
    let n = tally.n();
    if n == 0 {
        return Ok(None);
    }
    let count = favourable_count(tally, scale);
    Ok(Some(Favourable {
        count,
        proportion: count as f64 / n as f64,
        ci: wilson(count, n)?,
    }))
}

/// Every scale point, including those nobody chose (item tallies only).
pub(crate) fn distribution(tally: &Tally, scale: Scale) -> Vec<LevelCount> {
    let n = tally.n();
    (scale.min()..=scale.max())
        .map(|level| {
            let key = tally.key_of(level);
            let count = tally.iter().find(|&(k, _)| k == key).map_or(0, |(_, c)| c);
            LevelCount {
                level,
                count,
                proportion: if n == 0 { 0.0 } else { count as f64 / n as f64 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tally::tally;

    #[test]
    fn edge_cases() {
        let scale = Scale::new(1, 5).expect("valid");
        assert_eq!(describe(&tally(&[]), scale, None), Ok(None));
        assert_eq!(describe(&tally(&[4]), scale, None), Ok(None));
        assert_eq!(favourable(&tally(&[]), scale), Ok(None));
        let d = describe(&tally(&[4, 4, 4]), scale, None)
            .expect("valid")
            .expect("n >= 2");
        assert_eq!((d.sd, d.mean_ci.lower, d.mean_ci.upper), (0.0, 4.0, 4.0));
        assert_eq!(d.index, 75.0);
        let f = favourable(&tally(&[4, 5, 3, 1]), scale)
            .expect("valid")
            .expect("n > 0");
        assert_eq!(f.count, 2);
        let dist = distribution(&tally(&[4, 5, 3, 1]), scale);
        assert_eq!(
            dist.iter().map(|l| l.count).collect::<Vec<_>>(),
            vec![1, 0, 1, 1, 1]
        );
    }
}
