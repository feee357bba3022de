//! Intervention plans and the resource-gap register (issue #7): what a unit does about its
//! readiness, checked against the next survey wave, and what it lacks to do it.
//!
//! A plan has a title, a type ([`InterventionKind`]), target units, dimensions and barriers
//! ([`InterventionTarget`]), an owner, dates ([`PlanDates`]), a budget in whole rupiah
//! ([`Rupiah`]) and a status that moves by one rule ([`can_move`]); approving needs
//! `Action::ApproveInterventions`, every other move `Action::PlanInterventions`
//! ([`required_action`]). A resource gap has a [`GapKind`], a [`Severity`], an estimated
//! cost and a [`GapStatus`].
//!
//! The suggestions [`playbook`] maps a unit's evidence (its adoption-stage barrier point,
//! weakest dimensions and most-cited barriers) to intervention types; [`suggest`] turns it
//! into suggestions that prefill a plan.

mod dates;
mod error;
mod gap;
mod kind;
pub mod playbook;
mod rupiah;
mod status;
mod stewardship;
mod target;
mod text;

pub use dates::{parse_date, PlanDates};
pub use error::{InterventionError, TextField};
pub use gap::{GapKind, GapStatus, Severity};
pub use kind::InterventionKind;
pub use playbook::{
    suggest, suggestion_by_key, Evidence, Playbook, PlaybookProblem, PlaybookProblemKind, Rule,
    Suggestion, Trigger, UnitProfile, WeakDimension,
};
pub use rupiah::Rupiah;
pub use status::{
    can_move, check_approver, check_move, required_action, status_after_edit, InterventionStatus,
    APPROVED_CONTENT,
};
pub use stewardship::{may_change_plan, may_set_owner, PlanPeople};
pub use target::InterventionTarget;
pub use text::{FundingSource, InterventionTitle, LongText};
