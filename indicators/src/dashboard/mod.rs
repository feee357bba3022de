//! The leadership dashboard's figures beyond the [`GroupReport`](crate::report::GroupReport):
//! barrier shares, change between waves from published summaries, units at risk and the
//! adoption-stage barrier point from published means.
//! An intervention's effect: [`difference_in_differences`] of summaries, [`pool`]ed per group.
//!
//! Everything here works on figures that are already gated (visible summaries, heatmap
//! cells) or gates its own output ([`barrier_shares`]), so the dashboard can hold only
//! published data and still never show anything the disclosure plan hides.

mod barriers;
mod evaluation;
mod risk;
mod stages;
mod wave_change;

pub use barriers::{barrier_shares, BarrierShare, BarrierTally};
pub use evaluation::{difference_in_differences, pool, DiffInDiff, GroupSummary};
pub use risk::{assess_risk, DimensionRiskInput, RiskInput, RiskReason, DEFAULT_RISK_INDEX};
pub use stages::{barrier_from_means, stage_means};
pub use wave_change::{wave_change, WaveChange};
