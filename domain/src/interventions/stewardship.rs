//! Who may change a plan they can see (issue #16): the permission to plan in its units is not
//! enough for a change agent, who may only change plans they own or help with; and only the
//! owner, a leader or an administrator may hand a plan to someone else.

use crate::access::Role;

/// The people a plan belongs to.
#[derive(Debug, Clone, Copy)]
pub struct PlanPeople<'a> {
    pub owner: i64,
    pub collaborators: &'a [i64],
}

/// Whether `user` (with `role`, already allowed to plan in every unit of the plan) may change
/// its content and milestones: leaders and administrators may; a change agent only as its
/// owner or a collaborator, so that an agent in scope cannot rewrite a colleague's plan.
pub fn may_change_plan(role: Role, user: i64, plan: PlanPeople<'_>) -> bool {
    match role {
        Role::Admin | Role::Leader => true,
        Role::ChangeAgent => plan.owner == user || plan.collaborators.contains(&user),
    }
}

/// Whether `user` may give the plan the owner `new_owner`: keeping the owner always; handing
/// it over only as its owner, a leader or an administrator (a collaborator cannot take it).
pub fn may_set_owner(role: Role, user: i64, plan: PlanPeople<'_>, new_owner: i64) -> bool {
    new_owner == plan.owner || role != Role::ChangeAgent || plan.owner == user
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: PlanPeople<'static> = PlanPeople {
        owner: 1,
        collaborators: &[2],
    };

    #[test]
    fn agents_change_only_their_own_plans() {
        assert!(may_change_plan(Role::ChangeAgent, 1, PLAN));
        assert!(may_change_plan(Role::ChangeAgent, 2, PLAN));
        assert!(!may_change_plan(Role::ChangeAgent, 3, PLAN));
        assert!(may_change_plan(Role::Leader, 3, PLAN));
        assert!(may_change_plan(Role::Admin, 3, PLAN));
    }

    #[test]
    fn a_collaborator_cannot_take_the_plan() {
        assert!(may_set_owner(Role::ChangeAgent, 2, PLAN, 1));
        assert!(!may_set_owner(Role::ChangeAgent, 2, PLAN, 2));
        assert!(may_set_owner(Role::ChangeAgent, 1, PLAN, 2));
        assert!(may_set_owner(Role::Leader, 5, PLAN, 5));
    }
}
