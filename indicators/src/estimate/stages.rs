//! Individual adoption stages: awareness, desire, knowledge, ability, reinforcement.
//!
//! The stages are sequential: a later stage cannot hold while an earlier one fails, so
//! the first stage scoring at or below the scale midpoint (3 on 1-5, the published
//! "<= 3 of 5" rule; 3.5 on 1-6) is the barrier point where action should start.

use serde::{Deserialize, Serialize};

use crate::instrument::DimensionIndex;
use crate::scale::Scale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionStage {
    Awareness,
    Desire,
    Knowledge,
    Ability,
    Reinforcement,
}

impl AdoptionStage {
    pub const SEQUENCE: [AdoptionStage; 5] = [
        Self::Awareness,
        Self::Desire,
        Self::Knowledge,
        Self::Ability,
        Self::Reinforcement,
    ];
}

/// The first stage, in sequence, whose mean is <= the scale midpoint.
pub fn first_barrier(scale: Scale, stage_means: [f64; 5]) -> Option<AdoptionStage> {
    AdoptionStage::SEQUENCE
        .into_iter()
        .zip(stage_means)
        .find(|&(_, mean)| mean <= scale.midpoint())
        .map(|(stage, _)| stage)
}

/// Which dimension of the instrument measures each stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDimensions {
    pub awareness: DimensionIndex,
    pub desire: DimensionIndex,
    pub knowledge: DimensionIndex,
    pub ability: DimensionIndex,
    pub reinforcement: DimensionIndex,
}

impl StageDimensions {
    pub(crate) fn in_sequence(&self) -> [DimensionIndex; 5] {
        [
            self.awareness,
            self.desire,
            self.knowledge,
            self.ability,
            self.reinforcement,
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageMean {
    pub stage: AdoptionStage,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarrierPoint {
    pub stages: Vec<StageMean>,
    /// Means at or below this are barriers: the scale midpoint.
    pub cutoff: f64,
    pub first_barrier: Option<AdoptionStage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_stage_at_or_below_midpoint() {
        let five = Scale::new(1, 5).expect("valid");
        assert_eq!(
            first_barrier(five, [4.0, 3.5, 3.0, 2.0, 4.0]),
            Some(AdoptionStage::Knowledge)
        );
        assert_eq!(first_barrier(five, [4.0, 3.5, 3.1, 3.2, 4.0]), None);
        let six = Scale::new(1, 6).expect("valid");
        assert_eq!(
            first_barrier(six, [3.5, 2.0, 2.0, 2.0, 2.0]),
            Some(AdoptionStage::Awareness)
        );
    }
}
