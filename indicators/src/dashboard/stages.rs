//! Adoption-stage barrier point from the published dimension means.
//!
//! [`barrier_point`](crate::barrier_point) needs the group's statistics; the dashboard
//! has only the gated reports. The rule is the same ([`first_barrier`]): the first stage,
//! in sequence, whose mean is at or below the scale midpoint. It is only stated when all
//! five stages are visible: "the first barrier" read from a partial sequence could point
//! past a hidden stage that is the real one.

use crate::estimate::stages::{
    first_barrier, AdoptionStage, BarrierPoint, StageDimensions, StageMean,
};
use crate::report::GroupReport;
use crate::scale::Scale;

/// Barrier point from the five stage means in sequence (awareness, desire, knowledge,
/// ability, reinforcement), each `None` when hidden. None when any stage is hidden;
/// otherwise the same [`BarrierPoint`] as [`barrier_point`](crate::barrier_point), whose
/// `first_barrier` is `None` when no stage is at or below the midpoint.
pub fn barrier_from_means(scale: Scale, stage_means: [Option<f64>; 5]) -> Option<BarrierPoint> {
    let mut means = [0.0; 5];
    for (mean, visible) in means.iter_mut().zip(stage_means) {
        *mean = visible?;
    }
    Some(BarrierPoint {
        stages: AdoptionStage::SEQUENCE
            .into_iter()
            .zip(means)
            .map(|(stage, mean)| StageMean { stage, mean })
            .collect(),
        cutoff: scale.midpoint(),
        first_barrier: first_barrier(scale, means),
    })
}

/// The visible means of the five stage dimensions in a (visible) report, in sequence,
/// ready for [`barrier_from_means`]. `stages` must come from the report's instrument (the
/// report lists dimensions in instrument order); a missing dimension counts as hidden.
pub fn stage_means(report: &GroupReport, stages: &StageDimensions) -> [Option<f64>; 5] {
    stages.in_sequence().map(|d| {
        report
            .dimensions
            .get(d.0)
            .and_then(|r| r.score.visible())
            .map(|s| s.descriptive.mean)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_stage_gives_nothing() {
        let five = Scale::new(1, 5).expect("valid");
        let bp = barrier_from_means(
            five,
            [Some(4.0), Some(3.5), Some(3.0), Some(2.0), Some(4.0)],
        )
        .expect("all visible");
        assert_eq!(bp.first_barrier, Some(AdoptionStage::Knowledge));
        assert_eq!(bp.cutoff, 3.0);
        assert_eq!(bp.stages.len(), 5);
        let none = barrier_from_means(five, [Some(4.0); 5]).expect("all visible");
        assert_eq!(none.first_barrier, None);
        assert_eq!(
            barrier_from_means(five, [Some(4.0), None, Some(2.0), Some(2.0), Some(2.0)]),
            None
        );
    }
}
