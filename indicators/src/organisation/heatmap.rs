//! Heatmap cells: each unit against the rest of the organisation, per dimension.

use serde::Serialize;

use crate::error::Result;
use crate::instrument::{DimensionIndex, Instrument, Variable};
use crate::report::{units_vs_rest, UnitVsRest};
use crate::stats::GroupStats;
use crate::suppression::{Suppressible, Threshold};

/// The level at which an adjusted p-value is flagged as a notable difference.
pub const SIGNIFICANCE_LEVEL: f64 = 0.05;

/// One heatmap cell: a unit's dimension score against the rest of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionVsRest {
    pub dimension_id: String,
    pub result: Suppressible<VsRestCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VsRestCell {
    #[serde(flatten)]
    pub comparison: UnitVsRest,
    /// Holm-adjusted p <= [`SIGNIFICANCE_LEVEL`] (family: the units shown in this scope,
    /// per dimension). Controls the chance of any false flag.
    pub significant_holm: bool,
    /// The same with Benjamini-Hochberg: controls the share of false flags, so it flags
    /// more cells in a large heatmap.
    pub significant_benjamini_hochberg: bool,
}

/// Cells for the groups of one scope. `shown[i]` tells whether group i may be shown (the
/// disclosure plan); hidden groups are left out of the comparison altogether, so that not
/// even the multiple-testing adjustment depends on them. Nothing is shown when the
/// organisation itself is hidden, as "rest" = organisation - unit would then be new
/// information.
pub(crate) fn vs_rest_cells(
    instrument: &Instrument,
    organisation: &GroupStats,
    organisation_shown: bool,
    groups: &[&GroupStats],
    shown: &[bool],
    threshold: Threshold,
) -> Result<Vec<Vec<DimensionVsRest>>> {
    let mut cells: Vec<Vec<DimensionVsRest>> = vec![Vec::new(); groups.len()];
    let visible: Vec<usize> = (0..groups.len())
        .filter(|&g| organisation_shown && shown[g])
        .collect();
    let compared: Vec<&GroupStats> = visible.iter().map(|&g| groups[g]).collect();
    for (d, dimension) in instrument.dimensions().iter().enumerate() {
        let results = units_vs_rest(
            instrument,
            organisation,
            &compared,
            Variable::Dimension(DimensionIndex(d)),
            threshold,
        )?;
        let mut results = visible.iter().copied().zip(results).peekable();
        for (g, row) in cells.iter_mut().enumerate() {
            let result = match results.next_if(|&(v, _)| v == g) {
                Some((_, result)) => result.map(flag),
                None => Suppressible::Suppressed,
            };
            row.push(DimensionVsRest {
                dimension_id: dimension.id().to_owned(),
                result,
            });
        }
    }
    Ok(cells)
}

fn flag(comparison: UnitVsRest) -> VsRestCell {
    let significant = |p: Option<f64>| p.is_some_and(|p| p <= SIGNIFICANCE_LEVEL);
    VsRestCell {
        significant_holm: significant(comparison.p_holm),
        significant_benjamini_hochberg: significant(comparison.p_benjamini_hochberg),
        comparison,
    }
}
