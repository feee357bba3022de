//! Selecting part of the published indicators: by depth, subtree and dimension.
//!
//! Filters only select figures that were already planned together, so a filtered answer
//! can never reveal more than the whole one: the API obeys the same rules as the dashboard
//! by construction.

use domain::units::UnitCode;
use serde::{Deserialize, Serialize};

use super::error::OrganisationError;
use super::output::{OrganisationIndicators, ScopeIndicators, UnitIndicators};
use crate::suppression::Suppressible;

/// A selection, e.g. from a query string `?root=DKI.JAKPUS&depth=2&dimension=kesesuaian`.
/// Every part is optional; the parts combine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorFilter {
    /// Only units at this depth (0 = the top unit), e.g. every kecamatan.
    pub depth: Option<usize>,
    /// Only units at most this deep.
    pub max_depth: Option<usize>,
    /// Only this unit and its descendants.
    pub root: Option<UnitCode>,
    /// Only this dimension: its items, its dimension figures and its heatmap cells.
    pub dimension: Option<String>,
}

impl OrganisationIndicators {
    /// The indicators of one unit.
    pub fn unit(&self, code: &str) -> Option<&UnitIndicators> {
        UnitCode::parse(code)
            .ok()
            .and_then(|code| self.units.get(&code))
    }

    /// The units at `depth` (0 = the top unit), by code.
    pub fn at_depth(&self, depth: usize) -> impl Iterator<Item = &UnitIndicators> + '_ {
        self.units.values().filter(move |unit| unit.depth == depth)
    }

    /// The unit `root` and its descendants, parents before children.
    pub fn subtree_of(&self, root: &str) -> Result<Vec<&UnitIndicators>, OrganisationError> {
        let top = self
            .unit(root)
            .ok_or_else(|| OrganisationError::UnknownUnit(root.to_owned()))?;
        let mut out = Vec::new();
        let mut stack = vec![top];
        while let Some(unit) = stack.pop() {
            out.push(unit);
            stack.extend(
                unit.children
                    .iter()
                    .rev()
                    .filter_map(|code| self.units.get(code)),
            );
        }
        Ok(out)
    }

    /// The same shape with only the selected units and dimension.
    pub fn filtered(
        &self,
        filter: &IndicatorFilter,
    ) -> Result<OrganisationIndicators, OrganisationError> {
        let candidates: Vec<&UnitIndicators> = match &filter.root {
            Some(root) => self.subtree_of(root.as_str())?,
            None => self.units.values().collect(),
        };
        if let Some(dimension) = &filter.dimension {
            if !self.dimensions.contains(dimension) {
                return Err(OrganisationError::UnknownDimension(dimension.clone()));
            }
        }
        let units = candidates
            .into_iter()
            .filter(|unit| filter.depth.is_none_or(|d| unit.depth == d))
            .filter(|unit| filter.max_depth.is_none_or(|d| unit.depth <= d))
            .map(|unit| {
                let mut unit = unit.clone();
                if let Some(dimension) = &filter.dimension {
                    keep_dimension(&mut unit.unit, dimension);
                    keep_dimension(&mut unit.subtree, dimension);
                    unit.vs_rest.retain(|cell| cell.dimension_id == *dimension);
                }
                (unit.code.clone(), unit)
            })
            .collect();
        Ok(OrganisationIndicators {
            threshold: self.threshold,
            root: self.root.clone(),
            dimensions: match &filter.dimension {
                Some(dimension) => vec![dimension.clone()],
                None => self.dimensions.clone(),
            },
            units,
        })
    }
}

fn keep_dimension(scope: &mut ScopeIndicators, dimension: &str) {
    if let Suppressible::Visible(report) = &mut scope.report {
        report.items.retain(|item| item.dimension_id == dimension);
        report.dimensions.retain(|d| d.dimension_id == dimension);
    }
}
