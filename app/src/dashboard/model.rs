//! What the dashboard shows, as plain data: built on the server from the engine's published
//! (already suppressed) figures, rendered by the pages and the exports. Nothing here is
//! computed from raw answers, and a hidden figure is absent, not zero.

use serde::{Deserialize, Serialize};

/// Which part of the organisation and which wave the dashboard shows, as the page's query
/// string carries it. Everything is optional: the server picks the latest wave and the
/// user's top unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub wave: Option<i64>,
    pub unit: Option<String>,
    /// The readiness index under which a unit is at risk (0-100).
    pub risk_index: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Waves with the user's units, newest first, to choose from.
    pub waves: Vec<WaveChoice>,
    pub wave: WaveChoice,
    /// Smallest group whose figures are shown.
    pub threshold: u32,
    /// Smallest group whose open comments are shown.
    pub comment_threshold: u32,
    pub risk_index: u8,
    /// From the user's top visible unit down to the unit shown (the last one).
    pub breadcrumbs: Vec<UnitLink>,
    /// The unit shown, with everything under it.
    pub unit: UnitRow,
    pub dimensions: Vec<DimensionHead>,
    /// One heatmap row per child of the unit in this wave, the user may see.
    pub rows: Vec<UnitRow>,
    /// Units at or below the unit shown with at least one reason for concern, the most
    /// serious first, at most 25 of them.
    pub at_risk: Vec<RiskUnit>,
    /// How many units have a reason for concern in all.
    pub at_risk_total: usize,
    /// Active plans for the unit, units under it or above it.
    pub interventions: Vec<InterventionBrief>,
    /// The unit's readiness per dimension across the waves it took part in, oldest first.
    pub trends: Vec<TrendSeries>,
    /// Answers per item for the unit shown.
    pub items: Vec<ItemDistribution>,
    pub scale: ScaleLabels,
    pub barriers: BarrierView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveChoice {
    pub id: i64,
    pub title: String,
    /// `draft`, `scheduled`, `open`, `ended` or `closed`.
    pub status: String,
    /// Jakarta date the wave opens, YYYY-MM-DD.
    pub opens_on: String,
    pub closes_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLink {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionHead {
    pub id: String,
    pub name_id: String,
    pub name_en: String,
}

/// A unit with everything under it: one heatmap row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    /// `dinas`, `kota`, `kelurahan`...
    pub kind: String,
    /// Has children in this wave the user may see: the row drills down.
    pub drills_down: bool,
    /// Staff asked (the wave's headcount snapshot).
    pub headcount: u64,
    /// Responses received; public like the response rate, which needs it.
    pub responses: u64,
    /// Unweighted mean of the visible dimension indices; `None` when the group is hidden.
    pub overall: Option<f64>,
    /// One per dimension, in instrument order.
    pub cells: Vec<Cell>,
}

impl UnitRow {
    pub fn response_rate(&self) -> Option<f64> {
        (self.headcount > 0).then(|| self.responses as f64 / self.headcount as f64)
    }

    pub fn suppressed(&self) -> bool {
        self.cells
            .iter()
            .all(|cell| matches!(cell, Cell::Suppressed))
    }
}

/// One heatmap cell: a dimension's readiness index (0-100) for a unit's subtree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Cell {
    /// Too few respondents (or hidden so that a small group cannot be worked out).
    Suppressed,
    Visible {
        index: f64,
        /// 95% CI of the index.
        low: f64,
        high: f64,
        n: u64,
        /// Significantly different from the rest of the organisation (Holm-adjusted).
        versus_rest: Option<Versus>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Versus {
    Above,
    Below,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskUnit {
    pub code: String,
    pub name: String,
    /// Path from the unit shown, for context ("Kota Jakarta Pusat › Gambir").
    pub path: String,
    pub reasons: Vec<RiskReason>,
    /// Active plans (planned, approved, in progress) for the unit or a unit above it.
    pub covered_by: Vec<InterventionBrief>,
}

/// An intervention plan as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionBrief {
    pub id: i64,
    pub title: String,
    /// `planned`, `approved`, `in_progress` (active plans only).
    pub status: String,
    /// `pelatihan`, `sosialisasi`, ...
    pub kind: String,
    pub start_on: String,
    pub end_on: String,
    pub budget_rupiah: u64,
    /// Names of the plan's units the user may see.
    pub units: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RiskReason {
    BelowThreshold {
        dimension_id: String,
        index: f64,
        threshold: f64,
    },
    BelowOrganisation {
        dimension_id: String,
        /// Unit minus rest of the organisation, on the index scale.
        difference: f64,
        p_holm: f64,
    },
    Falling {
        dimension_id: String,
        from_index: f64,
        to_index: f64,
        p: f64,
    },
}

impl RiskReason {
    pub fn dimension_id(&self) -> &str {
        match self {
            RiskReason::BelowThreshold { dimension_id, .. }
            | RiskReason::BelowOrganisation { dimension_id, .. }
            | RiskReason::Falling { dimension_id, .. } => dimension_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendSeries {
    pub dimension_id: String,
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub wave_id: i64,
    pub wave_title: String,
    pub opens_on: String,
    /// `None` when the unit's figures were hidden in that wave.
    pub value: Option<IndexInterval>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndexInterval {
    pub index: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemDistribution {
    pub item_id: String,
    pub dimension_id: String,
    pub text_id: String,
    pub text_en: String,
    pub reverse_keyed: bool,
    /// Share per scale point, lowest first (after reverse-keying: higher is more favourable);
    /// `None` when hidden.
    pub shares: Option<Vec<f64>>,
    pub n: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLabels {
    pub labels_id: Vec<String>,
    pub labels_en: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarrierView {
    /// Share of the unit's respondents citing each barrier, most cited first; `None` when
    /// hidden.
    pub shares: Option<Vec<BarrierShare>>,
    /// The first adoption stage at or below the scale midpoint (`awareness`, `desire`,
    /// `knowledge`, `ability`, `reinforcement`); `None` when no stage is a barrier or hidden.
    pub stage_barrier: Option<String>,
    /// Whether every stage mean was visible (so `stage_barrier: None` means "no barrier").
    pub stages_visible: bool,
    /// The most cited barrier per child row, in the order of `rows`.
    pub top_per_row: Vec<Option<BarrierShare>>,
    /// Open comments of the unit's subtree (a sample, see `comments.rs`); `None` when the
    /// group is under the comment threshold.
    pub comments: Option<CommentSample>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarrierShare {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub count: u64,
    pub proportion: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentSample {
    /// Comments written in the group.
    pub total: u64,
    /// The ones shown: the most repeated first.
    pub lines: Vec<CommentLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentLine {
    pub text: String,
    /// How many respondents wrote exactly this.
    pub count: u64,
}
