//! The indicators of one group: what a unit page or a heatmap row shows.

use serde::Serialize;

use crate::error::Result;
use crate::estimate::agreement::{rwg_j, Rwg};
use crate::estimate::descriptive::{
    describe, distribution, favourable, Descriptive, Favourable, LevelCount,
};
use crate::estimate::interval::Headcount;
use crate::estimate::reliability::{reliability, Reliability};
use crate::instrument::Instrument;
use crate::scale::Scale;
use crate::stats::{GroupStats, Tally};
use crate::suppression::{Suppressible, Threshold};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    /// Responses received (a response with every item skipped still counts).
    pub respondents: u64,
    pub response_rate: Option<ResponseRate>,
    pub items: Vec<ItemReport>,
    pub dimensions: Vec<DimensionReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseRate {
    pub headcount: u64,
    /// respondents / headcount; above 1 means the headcount is out of date.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    pub item_id: String,
    pub dimension_id: String,
    /// Values below are after reverse-keying (higher is always more favourable).
    pub reverse_keyed: bool,
    /// Gated on the number of answers to this item.
    pub result: Suppressible<VariableSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionReport {
    pub dimension_id: String,
    /// Gated on the number of respondents with a dimension score.
    pub score: Suppressible<VariableSummary>,
    /// Gated on the number of complete cases; `null` inside when alpha is undefined
    /// (one item, or no variance).
    pub reliability: Suppressible<Option<Reliability>>,
    /// rwg(J); gated on the smallest item n; `null` inside when undefined.
    pub agreement: Suppressible<Option<Rwg>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariableSummary {
    pub descriptive: Descriptive,
    pub favourable: Favourable,
    /// Per scale point; items only (empty for dimension scores, whose distribution is
    /// not on scale points).
    pub distribution: Vec<LevelCount>,
}

/// Indicators of one group. The whole report is `Suppressed` when the group has fewer
/// respondents than the threshold; inside a visible report each figure is gated again
/// on its own n (an item few people answered stays hidden).
pub fn group_report(
    instrument: &Instrument,
    stats: &GroupStats,
    headcount: Option<Headcount>,
    threshold: Threshold,
) -> Result<Suppressible<GroupReport>> {
    stats.check(instrument)?;
    threshold.try_gate(stats.respondents(), || {
        let scale = instrument.scale();
        let items = instrument
            .items()
            .iter()
            .zip(stats.items())
            .map(|(item, tally)| {
                Ok(ItemReport {
                    item_id: item.id.clone(),
                    dimension_id: item.dimension.clone(),
                    reverse_keyed: item.reverse_keyed,
                    result: threshold
                        .try_gate(tally.n(), || summarise(tally, scale, headcount, true))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let dimensions = instrument
            .dimensions()
            .iter()
            .enumerate()
            .map(|(d, dimension)| {
                let dim_stats = stats.dimension(crate::instrument::DimensionIndex(d))?;
                let item_tallies: Vec<&Tally> = dimension
                    .positions()
                    .iter()
                    .map(|&p| &stats.items()[p])
                    .collect();
                let smallest_item_n = item_tallies.iter().map(|t| t.n()).min().unwrap_or(0);
                Ok(DimensionReport {
                    dimension_id: dimension.id().to_owned(),
                    score: threshold.try_gate(dim_stats.scores.n(), || {
                        summarise(&dim_stats.scores, scale, headcount, false)
                    })?,
                    reliability: threshold.try_gate(dim_stats.complete_items.n(), || {
                        reliability(&dim_stats.complete_items, dimension.items())
                    })?,
                    agreement: threshold.gate(smallest_item_n, || rwg_j(&item_tallies, scale)),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(GroupReport {
            respondents: stats.respondents(),
            response_rate: headcount.map(|h| ResponseRate {
                headcount: h.get(),
                rate: stats.respondents() as f64 / h.get() as f64,
            }),
            items,
            dimensions,
        })
    })
}

/// Only called behind a threshold gate, so n >= 3.
fn summarise(
    tally: &Tally,
    scale: Scale,
    headcount: Option<Headcount>,
    with_distribution: bool,
) -> Result<VariableSummary> {
    Ok(VariableSummary {
        descriptive: describe(tally, scale, headcount)?
            .expect("gated on the threshold (>= 3), so n >= 2"),
        favourable: favourable(tally, scale)?.expect("gated on the threshold, so n > 0"),
        distribution: if with_distribution {
            distribution(tally, scale)
        } else {
            Vec::new()
        },
    })
}
