//! Intervention plans as change agents and leaders work on them (issue #7): the list with its
//! filters, the board by status, the timeline, a plan's page (milestones, comments, status,
//! evaluation against the next wave) and the form that starts a plan, pre-filled from a
//! playbook suggestion for a unit.
//!
//! Who may do what is decided on the server: a plan is visible to anyone whose scope holds
//! one of its units; changing it needs the permission on every one of its units (change
//! agents and leaders plan, only leaders and administrators approve).

mod board;
#[cfg(feature = "ssr")]
mod changes;
mod detail_page;
mod edit_page;
mod endpoints;
#[cfg(feature = "ssr")]
mod evaluation_ssr;
mod evaluation_view;
pub mod labels;
mod list_page;
mod new_page;
#[cfg(feature = "ssr")]
mod plain_form;
mod plan_fields;
mod playbook_page;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
mod suggestions_ssr;
mod timeline;

use serde::{Deserialize, Serialize};

pub use detail_page::PlanPage;
pub use edit_page::EditPlanPage;
pub use endpoints::*;
pub use list_page::InterventionsPage;
pub use new_page::NewPlanPage;
#[cfg(feature = "ssr")]
pub use plain_form::{answer_plain_form, is_plain_form_post};
pub use playbook_page::PlaybookPage;

/// Which plans to list, as the list page's address carries it (Indonesian keys).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanQuery {
    /// A unit code: plans for it or any unit under it.
    pub unit: Option<String>,
    /// `planned`, `approved`...
    pub status: Option<String>,
    /// The owner's user id.
    pub owner: Option<i64>,
    /// `pelatihan`, `sosialisasi`...
    pub kind: Option<String>,
    /// Only plans past their end day and not finished.
    pub overdue: bool,
}

/// A unit as plans name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitName {
    pub code: String,
    pub name: String,
}

/// A plan in the list, on the board and on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub owner_name: String,
    /// The plan's units the user may see.
    pub units: Vec<UnitName>,
    /// YYYY-MM-DD.
    pub start_on: String,
    pub end_on: String,
    pub budget_rupiah: u64,
    pub overdue: bool,
    pub milestones_done: usize,
    pub milestones_total: usize,
    /// The statuses this user may move the plan to now.
    pub moves: Vec<String>,
}

/// A unit at risk in the newest wave with no active plan for it or a unit above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UncoveredUnit {
    pub code: String,
    pub name: String,
    pub path: String,
    /// The dimensions that put it at risk, by name (Indonesian, English).
    pub dimensions_id: Vec<String>,
    pub dimensions_en: Vec<String>,
}

/// A person who can own a plan (a change agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub id: i64,
    pub name: String,
}

/// What the list page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionsView {
    pub plans: Vec<PlanRow>,
    /// Active plans past their end day, in the user's scope (whatever the filter).
    pub overdue: Vec<PlanRow>,
    /// Units at risk without a plan; `None` when there is no wave with figures.
    pub uncovered: Option<Vec<UncoveredUnit>>,
    /// The wave the at-risk units come from.
    pub risk_wave: Option<String>,
    pub owners: Vec<PersonChoice>,
    /// Today in Jakarta, YYYY-MM-DD (the timeline's "now").
    pub today: String,
    /// The user may start plans.
    pub can_plan: bool,
}

/// One status a plan took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub from: Option<String>,
    pub to: String,
    pub by: String,
    /// RFC 3339.
    pub at: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub id: i64,
    pub title: String,
    pub due_on: String,
    pub done_on: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentRow {
    pub author: String,
    /// RFC 3339.
    pub at: String,
    pub body: String,
}

/// A target of a plan, named for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetName {
    /// `dimension` or `barrier`.
    pub kind: String,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
}

/// One plan with everything about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDetail {
    pub row: PlanRow,
    pub owner_id: i64,
    pub collaborator_ids: Vec<i64>,
    pub description: String,
    pub collaborators: Vec<String>,
    pub targets: Vec<TargetName>,
    pub funding_source: Option<String>,
    pub created_by: String,
    pub history: Vec<HistoryRow>,
    pub milestones: Vec<MilestoneRow>,
    pub comments: Vec<CommentRow>,
    /// The user may add milestones and mark them (the plan is open and in their units).
    pub can_edit: bool,
    pub evaluation: Evaluation,
}

/// Whether the plan worked: its target dimensions in the wave before it started and in the
/// first wave closed after it started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Evaluation {
    /// No closed wave before the plan started that covers its units.
    NoBaseline,
    /// The baseline is known; the follow-up wave has not closed yet.
    Waiting {
        baseline: String,
        /// The wave that will give the follow-up, when one is running.
        follow_up: Option<String>,
    },
    Ready {
        baseline: String,
        follow_up: String,
        /// The follow-up wave opened before the plan began: some of its answers predate it.
        overlaps: bool,
        rows: Vec<EvaluationRow>,
    },
}

/// One target unit × dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRow {
    pub unit: String,
    pub dimension_id: String,
    pub dimension_name_id: String,
    pub dimension_name_en: String,
    /// Index 0-100 before and after; `None` when hidden.
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// After minus before on the index with its 95% CI; `None` when either is hidden.
    pub change: Option<Estimate>,
    /// The change minus the change of comparable units without a plan.
    pub versus_comparison: Option<Estimate>,
    /// How many comparison units, and their respondents in each wave.
    pub comparison_units: usize,
    pub comparison_n: (u64, u64),
    /// Why a figure is missing or weak, as plain-language caveat keys.
    pub caveats: Vec<Caveat>,
}

/// A difference in index points with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub p: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Caveat {
    /// The unit's figures are hidden in a wave (too few respondents).
    Suppressed,
    /// Fewer than two comparable units with visible figures in both waves.
    FewComparisonUnits,
    /// A group under 30 respondents: the interval is wide.
    SmallGroups,
}

/// A playbook suggestion for a unit, ready to start a plan from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionRow {
    pub key: String,
    pub kind: String,
    pub title_id: String,
    pub title_en: String,
    pub rationale_id: String,
    pub rationale_en: String,
    /// What it answers, e.g. "Tahap adopsi: Pengetahuan" with its figure.
    pub evidence_id: String,
    pub evidence_en: String,
    /// `dimension:<id>` / `barrier:<code>`.
    pub targets: Vec<String>,
}

/// What the new-plan page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanForm {
    pub unit: UnitName,
    /// The wave the suggestions come from; `None` when no wave has figures for the unit.
    pub wave: Option<String>,
    pub suggestions: Vec<SuggestionRow>,
    pub owners: Vec<PersonChoice>,
    /// The signed-in user's id when they are a change agent (the default owner).
    pub default_owner: Option<i64>,
    /// Dimensions and barriers a plan can aim at: (`dimension:<id>`, Indonesian, English).
    pub target_choices: Vec<(String, String, String)>,
    /// Today in Jakarta, YYYY-MM-DD: the default start.
    pub today: String,
    /// Three months on: the default end.
    pub default_end: String,
}
