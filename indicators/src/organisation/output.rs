//! What the pipeline publishes: every figure already gated by the threshold and the
//! disclosure plan, in a stable JSON shape shared by the server's endpoint, the dashboard
//! and the analyst CLI.

use std::collections::BTreeMap;

use domain::units::{UnitCode, UnitKind};
use serde::Serialize;

use super::heatmap::DimensionVsRest;
use super::scope::Scope;
use crate::report::GroupReport;
use crate::suppression::{Suppressible, Threshold};

/// Indicators of every unit of an organisation, in both scopes.
///
/// ```json
/// { "threshold": 5, "root": "DKI", "dimensions": ["kesesuaian", ...],
///   "units": { "DKI": { "code": "DKI", "name": "...", "kind": "provinsi", "parent": null,
///                       "depth": 0, "children": ["DKI.SETDA", ...],
///                       "unit":    { "headcount": 12,    "report": {...} },
///                       "subtree": { "headcount": 65000, "report": {...} },
///                       "vs_rest": [ {"dimension_id": "kesesuaian", "result": {...}}, ... ] },
///              ... } }
/// ```
///
/// `report` is a [`GroupReport`] as `{"status":"visible","value":{...}}` or
/// `{"status":"suppressed"}`; `vs_rest` has one heatmap cell per dimension, in instrument
/// order, for the subtree scope (the rows of a heatmap are units with everything under them;
/// for a unit without children that is the unit itself). Units are keyed (and ordered) by code; `children` and `parent` give the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganisationIndicators {
    pub threshold: Threshold,
    pub root: UnitCode,
    /// Dimension ids in instrument order.
    pub dimensions: Vec<String>,
    pub units: BTreeMap<UnitCode, UnitIndicators>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitIndicators {
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<UnitCode>,
    /// 0 for the top unit.
    pub depth: usize,
    pub children: Vec<UnitCode>,
    /// The unit's own respondents.
    pub unit: ScopeIndicators,
    /// The unit and all its descendants.
    pub subtree: ScopeIndicators,
    /// Heatmap cells: the unit's subtree against the rest of the organisation, one per
    /// dimension in instrument order.
    pub vs_rest: Vec<DimensionVsRest>,
}

impl UnitIndicators {
    pub fn scope(&self, scope: Scope) -> &ScopeIndicators {
        match scope {
            Scope::Unit => &self.unit,
            Scope::Subtree => &self.subtree,
        }
    }

    pub(crate) fn scope_mut(&mut self, scope: Scope) -> &mut ScopeIndicators {
        match scope {
            Scope::Unit => &mut self.unit,
            Scope::Subtree => &mut self.subtree,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeIndicators {
    /// Employees in the group: the unit's own headcount, or its subtree's sum. Public
    /// (it is the denominator of the response rate), unlike the respondents.
    pub headcount: u64,
    pub report: Suppressible<GroupReport>,
}
