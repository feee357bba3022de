use serde::{Deserialize, Serialize};

use super::{Action, Role, UnitScope};

/// Why a request was refused. `OutOfScope` must be answered exactly like a unit that does
/// not exist (404), so that users cannot probe which units exist outside their scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Denied {
    #[error("this role may not do that")]
    RoleLacksPermission,
    #[error("no such unit")]
    OutOfScope,
}

/// The one permission rule. `unit` is the unit the request concerns (`None` for
/// organisation-wide actions such as managing users).
pub fn authorize(
    role: Role,
    scope: &UnitScope,
    action: Action,
    unit: Option<i64>,
) -> Result<(), Denied> {
    let role_may = match role {
        Role::Admin => true,
        Role::Leader => matches!(
            action,
            Action::ViewUnit
                | Action::ApproveInterventions
                | Action::PlanInterventions
                | Action::DistributeInvitations
        ),
        Role::ChangeAgent => matches!(
            action,
            Action::ViewUnit | Action::PlanInterventions | Action::DistributeInvitations
        ),
    };
    if !role_may {
        return Err(Denied::RoleLacksPermission);
    }
    match unit {
        Some(id) if !scope.contains(id) => Err(Denied::OutOfScope),
        // Organisation-wide actions are for administrators only.
        None if role != Role::Admin && action != Action::ViewUnit => {
            Err(Denied::RoleLacksPermission)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn units(ids: &[i64]) -> UnitScope {
        UnitScope::Units(ids.iter().copied().collect::<BTreeSet<_>>())
    }

    /// Every role × action × in/out of scope, spelled out: the table is the specification.
    #[test]
    fn permission_table() {
        use Action::*;
        use Role::*;
        let scope = units(&[10, 11]);
        let table: &[(Role, Action, bool)] = &[
            (Admin, ViewUnit, true),
            (Admin, EditUnit, true),
            (Admin, ImportUnits, true),
            (Admin, ManageUsers, true),
            (Admin, ViewAudit, true),
            (Admin, PlanInterventions, true),
            (Admin, ApproveInterventions, true),
            (Admin, ManageSurveys, true),
            (Admin, DistributeInvitations, true),
            (Leader, ViewUnit, true),
            (Leader, EditUnit, false),
            (Leader, ImportUnits, false),
            (Leader, ManageUsers, false),
            (Leader, ViewAudit, false),
            (Leader, PlanInterventions, true),
            (Leader, ApproveInterventions, true),
            (Leader, ManageSurveys, false),
            (Leader, DistributeInvitations, true),
            (ChangeAgent, ViewUnit, true),
            (ChangeAgent, EditUnit, false),
            (ChangeAgent, ImportUnits, false),
            (ChangeAgent, ManageUsers, false),
            (ChangeAgent, ViewAudit, false),
            (ChangeAgent, PlanInterventions, true),
            (ChangeAgent, ApproveInterventions, false),
            (ChangeAgent, ManageSurveys, false),
            (ChangeAgent, DistributeInvitations, true),
        ];
        assert_eq!(table.len(), Role::ALL.len() * Action::ALL.len());
        for &(role, action, allowed) in table {
            let scope = if role == Admin {
                UnitScope::All
            } else {
                scope.clone()
            };
            let in_scope = authorize(role, &scope, action, Some(10));
            let out_of_scope = authorize(role, &scope, action, Some(99));
            if allowed {
                assert_eq!(in_scope, Ok(()), "{role:?} {action:?} in scope");
                let expected = if role == Admin {
                    Ok(())
                } else {
                    Err(Denied::OutOfScope)
                };
                assert_eq!(out_of_scope, expected, "{role:?} {action:?} out of scope");
            } else {
                assert_eq!(
                    in_scope,
                    Err(Denied::RoleLacksPermission),
                    "{role:?} {action:?}"
                );
                assert_eq!(
                    out_of_scope,
                    Err(Denied::RoleLacksPermission),
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn organisation_wide_actions_are_for_admins() {
        assert_eq!(
            authorize(Role::Leader, &units(&[1]), Action::PlanInterventions, None),
            Err(Denied::RoleLacksPermission)
        );
        assert_eq!(
            authorize(Role::Leader, &units(&[1]), Action::ViewUnit, None),
            Ok(())
        );
        assert_eq!(
            authorize(Role::Admin, &UnitScope::All, Action::ManageUsers, None),
            Ok(())
        );
    }

    #[test]
    fn roles_parse_from_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
