//! Units at risk: a plain, documented rule set over published figures.
//!
//! Rules, per dimension, in this order:
//! - [`RiskReason::BelowThreshold`]: the visible dimension index (0-100) is below the
//!   chosen threshold ([`DEFAULT_RISK_INDEX`] = 60 unless configured);
//! - [`RiskReason::BelowOrganisation`]: the heatmap cell is significant after Holm's
//!   adjustment and the unit's mean is below the rest of the organisation's;
//! - [`RiskReason::Falling`]: the change from the previous wave's visible summary to this
//!   wave's is negative and significant: two-sided Welch p, Holm-adjusted over the unit's
//!   dimensions with a previous figure, <= 0.05. Unadjusted, a unit that did not change at
//!   all would be flagged on about one of its sixteen dimensions in every second wave.
//!
//! Only visible figures go in: a suppressed score, cell or previous summary is simply
//! absent (`None`), so no reason is ever inferred from hidden data, and a flag never tells
//! more than the figures it cites.

use serde::Serialize;

use super::wave_change::{wave_change, WaveChange};
use crate::compare::holm;
use crate::estimate::descriptive::Descriptive;
use crate::organisation::{UnitIndicators, VsRestCell, SIGNIFICANCE_LEVEL};
use crate::report::GroupReport;
use crate::suppression::Suppressible;

/// Default index (0-100) below which a dimension counts as at risk (the product's
/// default; 60 is a mean of 3.4 on a 1-5 scale, 4.0 on 1-6).
pub const DEFAULT_RISK_INDEX: f64 = 60.0;

/// The published figures the rules look at, for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskInput<'a> {
    /// Index 0-100 below which a visible dimension is flagged.
    pub index_threshold: f64,
    pub dimensions: Vec<DimensionRiskInput<'a>>,
}

/// One dimension of a unit. `None` wherever the figure is suppressed or not available.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimensionRiskInput<'a> {
    pub dimension_id: &'a str,
    /// This wave's visible dimension score.
    pub current: Option<&'a Descriptive>,
    /// This wave's visible heatmap cell (unit against the rest of the organisation).
    pub vs_rest: Option<&'a VsRestCell>,
    /// The previous wave's visible dimension score of the same unit.
    pub previous: Option<&'a Descriptive>,
}

impl<'a> RiskInput<'a> {
    /// The figures of one unit from the pipeline's output, for the subtree scope (the
    /// scope of the heatmap rows, so that all three rules speak of the same group), with
    /// the [`DEFAULT_RISK_INDEX`]. `previous` is the same unit in the previous wave's
    /// indicators; its dimensions are matched by id, so a dimension new in this wave
    /// simply has no previous figure.
    pub fn from_unit(current: &'a UnitIndicators, previous: Option<&'a UnitIndicators>) -> Self {
        let previous_report = previous.map(|p| &p.subtree.report);
        let dimensions = current
            .vs_rest
            .iter()
            .map(|cell| {
                let id = cell.dimension_id.as_str();
                DimensionRiskInput {
                    dimension_id: id,
                    current: visible_score(&current.subtree.report, id),
                    vs_rest: cell.result.visible(),
                    previous: previous_report.and_then(|r| visible_score(r, id)),
                }
            })
            .collect();
        Self {
            index_threshold: DEFAULT_RISK_INDEX,
            dimensions,
        }
    }

    /// The same rules with another index threshold (0-100).
    pub fn with_index_threshold(mut self, index_threshold: f64) -> Self {
        self.index_threshold = index_threshold;
        self
    }
}

/// The visible summary of dimension `id` in a report, if the report and the score are
/// both shown.
fn visible_score<'a>(report: &'a Suppressible<GroupReport>, id: &str) -> Option<&'a Descriptive> {
    let dimension = report
        .visible()?
        .dimensions
        .iter()
        .find(|d| d.dimension_id == id)?;
    dimension.score.visible().map(|s| &s.descriptive)
}

/// Why a unit is flagged, one entry per rule and dimension that fired. Serialized with
/// `"kind"`: `below_threshold`, `below_organisation` or `falling`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RiskReason {
    /// The dimension index is below the configured threshold.
    BelowThreshold {
        dimension_id: String,
        index: f64,
        threshold: f64,
    },
    /// Significantly below the rest of the organisation (Holm-adjusted).
    BelowOrganisation {
        dimension_id: String,
        /// unit mean - rest mean (negative).
        difference: f64,
        p_holm: f64,
    },
    /// Significantly lower than in the previous wave.
    Falling {
        dimension_id: String,
        from_index: f64,
        to_index: f64,
        /// Holm-adjusted over the unit's dimensions.
        p: f64,
    },
}

/// Applies the rules (see the module documentation) to every dimension, in input order.
/// An empty list means no rule fired on the visible figures, not that the unit is fine:
/// a hidden unit has no reasons either.
pub fn assess_risk(input: &RiskInput) -> Vec<RiskReason> {
    let changes: Vec<Option<WaveChange>> = input
        .dimensions
        .iter()
        .map(|d| match (d.previous, d.current) {
            (Some(previous), Some(current)) => wave_change(previous, current),
            _ => None,
        })
        .collect();
    let raw: Vec<f64> = changes.iter().flatten().map(|c| c.p).collect();
    // Finite p-values (wave_change returns None otherwise), so the adjustment cannot fail;
    // should it, nothing is flagged as falling rather than flagging on unadjusted p.
    let mut adjusted = holm(&raw)
        .unwrap_or_else(|_| vec![1.0; raw.len()])
        .into_iter();
    let mut reasons = Vec::new();
    for (d, change) in input.dimensions.iter().zip(&changes) {
        let id = || d.dimension_id.to_owned();
        if let Some(current) = d.current {
            if current.index < input.index_threshold {
                reasons.push(RiskReason::BelowThreshold {
                    dimension_id: id(),
                    index: current.index,
                    threshold: input.index_threshold,
                });
            }
        }
        if let Some(cell) = d.vs_rest {
            let c = &cell.comparison;
            if let (true, Some(p_holm)) = (cell.significant_holm, c.p_holm) {
                if c.unit_mean < c.rest_mean {
                    reasons.push(RiskReason::BelowOrganisation {
                        dimension_id: id(),
                        difference: c.unit_mean - c.rest_mean,
                        p_holm,
                    });
                }
            }
        }
        if let (Some(change), Some(previous), Some(current)) = (change, d.previous, d.current) {
            let p_holm = adjusted.next().unwrap_or(1.0);
            if p_holm <= SIGNIFICANCE_LEVEL && change.mean_difference < 0.0 {
                reasons.push(RiskReason::Falling {
                    dimension_id: id(),
                    from_index: previous.index,
                    to_index: current.index,
                    p: p_holm,
                });
            }
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::wave_change::tests::summary;
    use crate::report::UnitVsRest;

    fn cell(unit_mean: f64, rest_mean: f64, p_holm: f64) -> VsRestCell {
        VsRestCell {
            comparison: UnitVsRest {
                unit_mean,
                rest_mean,
                welch: None,
                p_holm: Some(p_holm),
                p_benjamini_hochberg: Some(p_holm),
            },
            significant_holm: p_holm <= SIGNIFICANCE_LEVEL,
            significant_benjamini_hochberg: p_holm <= SIGNIFICANCE_LEVEL,
        }
    }

    fn one(d: DimensionRiskInput) -> Vec<RiskReason> {
        assess_risk(&RiskInput {
            index_threshold: DEFAULT_RISK_INDEX,
            dimensions: vec![d],
        })
    }

    fn dim<'a>() -> DimensionRiskInput<'a> {
        DimensionRiskInput {
            dimension_id: "kesiapan",
            current: None,
            vs_rest: None,
            previous: None,
        }
    }

    #[test]
    fn threshold_rule() {
        let low = summary(20, 3.3, 0.8); // index 57.5
        let mut ok = summary(20, 3.4, 0.8);
        ok.index = 60.0; // at the threshold is not below it
        assert!(matches!(
            one(DimensionRiskInput { current: Some(&low), ..dim() })[..],
            [RiskReason::BelowThreshold { index, threshold, .. }]
                if (index - 57.5).abs() < 1e-12 && threshold == 60.0
        ));
        assert!(one(DimensionRiskInput {
            current: Some(&ok),
            ..dim()
        })
        .is_empty());
    }

    #[test]
    fn organisation_rule_needs_significant_and_below() {
        let below = cell(3.0, 3.6, 0.01);
        let above = cell(4.0, 3.6, 0.01);
        let not_significant = cell(3.0, 3.6, 0.2);
        assert!(matches!(
            one(DimensionRiskInput { vs_rest: Some(&below), ..dim() })[..],
            [RiskReason::BelowOrganisation { difference, p_holm, .. }]
                if (difference + 0.6).abs() < 1e-12 && p_holm == 0.01
        ));
        assert!(one(DimensionRiskInput {
            vs_rest: Some(&above),
            ..dim()
        })
        .is_empty());
        assert!(one(DimensionRiskInput {
            vs_rest: Some(&not_significant),
            ..dim()
        })
        .is_empty());
    }

    #[test]
    fn falling_rule_needs_significant_drop() {
        let before = summary(60, 4.2, 0.6);
        let after = summary(60, 3.8, 0.6); // index 70: above the threshold
        let slight = summary(60, 4.15, 0.6);
        let reasons = one(DimensionRiskInput {
            current: Some(&after),
            previous: Some(&before),
            ..dim()
        });
        assert!(matches!(
            reasons[..],
            [RiskReason::Falling { from_index, to_index, p, .. }]
                if from_index == 80.0 && (to_index - 70.0).abs() < 1e-12 && p < 0.05
        ));
        // rising, or not significant
        for (a, b) in [(&after, &before), (&before, &slight)] {
            assert!(one(DimensionRiskInput {
                current: Some(b),
                previous: Some(a),
                ..dim()
            })
            .is_empty());
        }
        // no previous visible figure: no inference
        assert!(one(DimensionRiskInput {
            current: Some(&after),
            ..dim()
        })
        .is_empty());
    }

    /// A drop with raw p about 0.03 is flagged alone, but not among sixteen dimensions that
    /// did not move: Holm's adjustment multiplies its p by 16.
    #[test]
    fn falling_is_adjusted_over_the_units_dimensions() {
        let before = summary(100, 4.0, 0.8);
        let after = summary(100, 3.75, 0.8);
        let raw = wave_change(&before, &after).expect("defined").p;
        assert!(raw < 0.05 && raw * 16.0 > 0.05, "raw p {raw}");
        let drop = || DimensionRiskInput {
            current: Some(&after),
            previous: Some(&before),
            ..dim()
        };
        assert_eq!(one(drop()).len(), 1);
        let mut dimensions = vec![drop()];
        dimensions.extend((0..15).map(|_| DimensionRiskInput {
            current: Some(&before),
            previous: Some(&before),
            ..dim()
        }));
        let reasons = assess_risk(&RiskInput {
            index_threshold: 0.0,
            dimensions,
        });
        assert!(reasons.is_empty(), "{reasons:?}");
    }

    #[test]
    fn serialized_with_kind() {
        let r = RiskReason::Falling {
            dimension_id: "x".into(),
            from_index: 80.0,
            to_index: 70.0,
            p: 0.01,
        };
        let json = serde_json::to_value(&r).expect("serializable");
        assert_eq!(json["kind"], "falling");
        assert_eq!(json["from_index"], 80.0);
    }
}
