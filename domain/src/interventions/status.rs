//! Where an intervention plan stands, and the moves between statuses: planned → approved →
//! in progress → done, or cancelled from any of the first three. Nothing leaves done or
//! cancelled, so what was reported against a survey wave stays what it was.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::InterventionError;
use crate::{access::Action, units::Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionStatus {
    /// Written by a change agent, waiting for a leader's approval.
    Planned,
    /// Approved by a leader, not started yet.
    Approved,
    InProgress,
    Done,
    Cancelled,
}

impl InterventionStatus {
    pub const ALL: [InterventionStatus; 5] = [
        InterventionStatus::Planned,
        InterventionStatus::Approved,
        InterventionStatus::InProgress,
        InterventionStatus::Done,
        InterventionStatus::Cancelled,
    ];

    /// The statuses of a plan that still covers its units: planned, approved, in progress.
    pub const ACTIVE: [InterventionStatus; 3] = [
        InterventionStatus::Planned,
        InterventionStatus::Approved,
        InterventionStatus::InProgress,
    ];

    /// The stored name, e.g. `in_progress`.
    pub fn as_str(self) -> &'static str {
        match self {
            InterventionStatus::Planned => "planned",
            InterventionStatus::Approved => "approved",
            InterventionStatus::InProgress => "in_progress",
            InterventionStatus::Done => "done",
            InterventionStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name (surrounding whitespace ignored).
    pub fn parse(value: &str) -> Result<Self, InterventionError> {
        let value = value.trim();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
            .ok_or_else(|| InterventionError::UnknownStatus {
                value: value.to_owned(),
            })
    }

    /// The label shown to people in the given language.
    pub fn label(self, locale: Locale) -> &'static str {
        let (id, en) = match self {
            InterventionStatus::Planned => ("Direncanakan", "Planned"),
            InterventionStatus::Approved => ("Disetujui", "Approved"),
            InterventionStatus::InProgress => ("Berjalan", "In progress"),
            InterventionStatus::Done => ("Selesai", "Done"),
            InterventionStatus::Cancelled => ("Dibatalkan", "Cancelled"),
        };
        locale.pick(id, en)
    }

    /// Whether the plan still covers its units (planned, approved or in progress).
    pub fn is_active(self) -> bool {
        Self::ACTIVE.contains(&self)
    }

    /// Whether the plan is finished for good (done or cancelled): nothing moves it again.
    pub fn is_closed(self) -> bool {
        !self.is_active()
    }

    /// The statuses this one may move to, in display order.
    pub fn next(self) -> Vec<InterventionStatus> {
        Self::ALL
            .into_iter()
            .filter(|to| can_move(self, *to))
            .collect()
    }
}

/// Whether a plan in status `from` may be moved to `to`: planned → approved or cancelled,
/// approved → in progress or cancelled, in progress → done or cancelled. Nothing leaves done
/// or cancelled, and no status moves to itself.
pub fn can_move(from: InterventionStatus, to: InterventionStatus) -> bool {
    use InterventionStatus::*;
    matches!(
        (from, to),
        (Planned, Approved | Cancelled)
            | (Approved, InProgress | Cancelled)
            | (InProgress, Done | Cancelled)
    )
}

/// The fields of a plan a leader approves: who carries it out, where, toward what, when and
/// with how much money. Rewording the title or description does not need a new approval.
pub const APPROVED_CONTENT: [&str; 6] = [
    "owner",
    "units",
    "targets",
    "dates",
    "budget",
    "funding_source",
];

/// The status a plan has after an edit of the `changed` fields: an approved (or running) plan
/// whose approved content changed waits for a leader's approval again, so that an approval
/// always covers what is carried out. Any other edit keeps the status.
pub fn status_after_edit(status: InterventionStatus, changed: &[&str]) -> InterventionStatus {
    use InterventionStatus::*;
    let approved_content_changed = changed.iter().any(|f| APPROVED_CONTENT.contains(f));
    match status {
        Approved | InProgress if approved_content_changed => Planned,
        other => other,
    }
}

/// Four eyes on every approval: whoever prepared the plan, or made the change that returned
/// it to review, cannot approve it. `preparers` are their user ids (`None`: the system or a
/// deleted user, who never blocks anyone).
pub fn check_approver(
    approver: Option<i64>,
    preparers: &[Option<i64>],
) -> Result<(), InterventionError> {
    match approver {
        Some(id) if preparers.contains(&Some(id)) => Err(InterventionError::OwnApproval),
        _ => Ok(()),
    }
}

/// [`can_move`] as a result, for callers that report the refusal.
pub fn check_move(
    from: InterventionStatus,
    to: InterventionStatus,
) -> Result<(), InterventionError> {
    if can_move(from, to) {
        Ok(())
    } else {
        Err(InterventionError::MoveNotAllowed { from, to })
    }
}

/// The permission a move needs, for `domain::access::authorize` on the plan's units:
/// approving needs [`Action::ApproveInterventions`] (leaders), every other move
/// [`Action::PlanInterventions`] (change agents too). `None` for a move [`can_move`] refuses.
pub fn required_action(from: InterventionStatus, to: InterventionStatus) -> Option<Action> {
    if !can_move(from, to) {
        return None;
    }
    Some(match to {
        InterventionStatus::Approved => Action::ApproveInterventions,
        _ => Action::PlanInterventions,
    })
}

impl fmt::Display for InterventionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InterventionStatus {
    type Err = InterventionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::access::{authorize, Role, UnitScope};

    #[test]
    fn nobody_approves_what_they_prepared() {
        assert_eq!(
            check_approver(Some(7), &[Some(7), Some(9)]),
            Err(InterventionError::OwnApproval)
        );
        assert_eq!(
            check_approver(Some(9), &[Some(3), Some(9)]),
            Err(InterventionError::OwnApproval)
        );
        assert_eq!(check_approver(Some(4), &[Some(3), None]), Ok(()));
        assert_eq!(check_approver(None, &[None]), Ok(()));
    }

    #[test]
    fn changing_approved_content_returns_a_plan_to_review() {
        use InterventionStatus::*;
        for status in [Approved, InProgress] {
            for field in APPROVED_CONTENT {
                assert_eq!(status_after_edit(status, &["title", field]), Planned);
            }
            assert_eq!(
                status_after_edit(status, &["title", "description", "kind"]),
                status
            );
        }
        assert_eq!(status_after_edit(Planned, &["budget"]), Planned);
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for status in InterventionStatus::ALL {
            assert_eq!(InterventionStatus::parse(status.as_str()), Ok(status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::Value::String(status.as_str().to_owned())
            );
            assert_ne!(status.label(Locale::Id), status.label(Locale::En));
        }
        assert!(matches!(
            InterventionStatus::parse("in progress"),
            Err(InterventionError::UnknownStatus { .. })
        ));
    }

    /// Every pair spelled out: the table is the specification.
    #[test]
    fn the_move_table() {
        use InterventionStatus::*;
        let allowed = [
            (Planned, Approved),
            (Planned, Cancelled),
            (Approved, InProgress),
            (Approved, Cancelled),
            (InProgress, Done),
            (InProgress, Cancelled),
        ];
        for from in InterventionStatus::ALL {
            for to in InterventionStatus::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(can_move(from, to), expected, "{from} -> {to}");
                assert_eq!(check_move(from, to).is_ok(), expected, "{from} -> {to}");
                assert_eq!(required_action(from, to).is_some(), expected);
            }
        }
        assert!(Done.next().is_empty() && Cancelled.next().is_empty());
        assert_eq!(Planned.next(), vec![Approved, Cancelled]);
        assert_eq!(
            check_move(Done, Approved),
            Err(InterventionError::MoveNotAllowed {
                from: Done,
                to: Approved
            })
        );
    }

    #[test]
    fn only_approval_needs_the_approve_permission() {
        use InterventionStatus::*;
        assert_eq!(
            required_action(Planned, Approved),
            Some(Action::ApproveInterventions)
        );
        for (from, to) in [
            (Planned, Cancelled),
            (Approved, InProgress),
            (Approved, Cancelled),
            (InProgress, Done),
            (InProgress, Cancelled),
        ] {
            assert_eq!(
                required_action(from, to),
                Some(Action::PlanInterventions),
                "{from} -> {to}"
            );
        }
        // Through the one permission rule: a change agent plans and runs, a leader approves.
        let scope = UnitScope::Units([7].into_iter().collect());
        let may = |role, from, to| {
            authorize(role, &scope, required_action(from, to).unwrap(), Some(7)).is_ok()
        };
        assert!(!may(Role::ChangeAgent, Planned, Approved));
        assert!(may(Role::ChangeAgent, Approved, InProgress));
        assert!(may(Role::ChangeAgent, Planned, Cancelled));
        assert!(may(Role::Leader, Planned, Approved));
    }

    #[test]
    fn active_and_closed() {
        use InterventionStatus::*;
        assert!(Planned.is_active() && Approved.is_active() && InProgress.is_active());
        assert!(Done.is_closed() && Cancelled.is_closed());
    }
}
