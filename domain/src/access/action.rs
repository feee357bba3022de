use serde::{Deserialize, Serialize};

/// Everything a signed-in user can ask the platform to do. Each endpoint names the one
/// action it performs, and the unit it concerns, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See a unit, its place in the tree and its indicators.
    ViewUnit,
    /// Change a unit's name, kind, parent or headcount.
    EditUnit,
    /// Import or export the units CSV.
    ImportUnits,
    /// Create users, change roles and unit scopes.
    ManageUsers,
    /// Read and export the audit log.
    ViewAudit,
    /// Create and edit intervention plans and resource gaps for a unit.
    PlanInterventions,
    /// Approve an intervention plan for a unit.
    ApproveInterventions,
    /// Run surveys: instruments, waves, invitations, response imports.
    ManageSurveys,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::ViewUnit,
        Action::EditUnit,
        Action::ImportUnits,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::PlanInterventions,
        Action::ApproveInterventions,
        Action::ManageSurveys,
    ];
}
