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
    /// Run surveys: instruments, waves (create, open, close), response imports.
    ManageSurveys,
    /// Issue and print invitation tokens for a unit of an open or draft wave, and follow its
    /// response rate: the change agent's part of running a wave in their units.
    DistributeInvitations,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::ViewUnit,
        Action::EditUnit,
        Action::ImportUnits,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::PlanInterventions,
        Action::ApproveInterventions,
        Action::ManageSurveys,
        Action::DistributeInvitations,
    ];
}
