//! Reading plans: the list with its alerts and one plan's page, limited to the user's scope.
//! A plan is visible when one of its units is in scope; a change to it needs the permission
//! on every one of its units ([`may_on_all`]).

use std::collections::HashMap;

use chrono::Utc;
use domain::{
    access::{self, Action, Role, UnitScope},
    instrument::{library, BarrierCode},
    interventions::{required_action, InterventionKind, InterventionStatus, InterventionTarget},
    units::Locale,
    waves::jakarta_date,
};
use leptos::prelude::*;
use store::{InterventionFilter, InterventionRecord, Store};

use super::{
    CommentRow, HistoryRow, InterventionsView, MilestoneRow, PersonChoice, PlanDetail, PlanQuery,
    PlanRow, TargetName, UncoveredUnit, UnitName,
};
use crate::{
    auth::ssr::{authorize, AuthUser},
    dashboard::{
        model::{DashboardQuery, DimensionHead},
        ssr::dashboard_for,
    },
    error::AppError,
    indicators::IndicatorCache,
};

pub(super) fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

pub(super) fn cache() -> IndicatorCache {
    // Provided by the server at start; without it every request computes afresh.
    use_context::<IndicatorCache>().unwrap_or_default()
}

pub(super) fn today() -> chrono::NaiveDate {
    jakarta_date(Utc::now())
}

/// Whether the user may do `action` on every one of `unit_ids` (none: no).
pub(crate) fn may_on_all(user: &AuthUser, action: Action, unit_ids: &[i64]) -> bool {
    !unit_ids.is_empty()
        && unit_ids
            .iter()
            .all(|id| access::authorize(user.role, &user.scope, action, Some(*id)).is_ok())
}

/// Whether the user may change the plan's content and milestones: plan in every one of its
/// units and, as a change agent, own it or help with it (`domain::interventions::stewardship`).
pub(super) fn may_change(user: &AuthUser, plan: &InterventionRecord) -> bool {
    may_on_all(user, Action::PlanInterventions, &plan.unit_ids)
        && domain::interventions::may_change_plan(user.role, user.id, people_of(plan))
}

/// The plan's owner and collaborators, for the stewardship rules.
pub(super) fn people_of(plan: &InterventionRecord) -> domain::interventions::PlanPeople<'_> {
    domain::interventions::PlanPeople {
        owner: plan.owner_user_id,
        collaborators: &plan.collaborator_user_ids,
    }
}

/// Whether one of the plan's units is in the user's scope.
pub(super) fn may_see(user: &AuthUser, plan: &InterventionRecord) -> bool {
    plan.unit_ids.iter().any(|id| user.scope.contains(*id))
}

/// Names of units and people, read once per request.
pub(super) struct Names {
    units: HashMap<i64, UnitName>,
    people: HashMap<i64, String>,
    pub(super) agents: Vec<(i64, Vec<i64>, String)>,
}

impl Names {
    pub(super) async fn load(store: &Store) -> Result<Self, AppError> {
        let units = store
            .list_units()
            .await?
            .into_iter()
            .map(|record| {
                (
                    record.id,
                    UnitName {
                        code: record.unit.code.as_str().to_owned(),
                        name: record.unit.name.as_str().to_owned(),
                    },
                )
            })
            .collect();
        let users = store.list_users().await?;
        let agents = users
            .iter()
            .filter(|u| u.active && u.role == Role::ChangeAgent)
            .map(|u| (u.id, u.unit_ids.clone(), u.display_name.clone()))
            .collect();
        let people = users.into_iter().map(|u| (u.id, u.display_name)).collect();
        Ok(Self {
            units,
            people,
            agents,
        })
    }

    pub(super) fn person(&self, id: i64) -> String {
        self.people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "—".to_owned())
    }

    pub(super) fn unit(&self, id: i64) -> Option<&UnitName> {
        self.units.get(&id)
    }

    /// Change agents the user may assign: all for administrators, otherwise those with a
    /// unit in the user's scope.
    pub(super) fn owners_for(&self, user: &AuthUser) -> Vec<PersonChoice> {
        let mut owners: Vec<PersonChoice> = self
            .agents
            .iter()
            .filter(|(_, units, _)| {
                matches!(user.scope, UnitScope::All)
                    || units.iter().any(|id| user.scope.contains(*id))
            })
            .map(|(id, _, name)| PersonChoice {
                id: *id,
                name: name.clone(),
            })
            .collect();
        owners.sort_by(|a, b| a.name.cmp(&b.name));
        owners
    }
}

/// A plan as a row, with the moves this user may make.
pub(super) fn plan_row(
    plan: &InterventionRecord,
    user: &AuthUser,
    names: &Names,
    today: chrono::NaiveDate,
) -> PlanRow {
    let moves = plan
        .status
        .next()
        .into_iter()
        .filter(|to| {
            required_action(plan.status, *to)
                .is_some_and(|action| may_on_all(user, action, &plan.unit_ids))
        })
        .map(|to| to.as_str().to_owned())
        .collect();
    PlanRow {
        id: plan.id,
        title: plan.title.as_str().to_owned(),
        kind: plan.kind.as_str().to_owned(),
        status: plan.status.as_str().to_owned(),
        owner_name: names.person(plan.owner_user_id),
        units: plan
            .unit_ids
            .iter()
            .filter(|id| user.scope.contains(**id))
            .filter_map(|id| names.unit(*id).cloned())
            .collect(),
        start_on: plan.dates.start().to_string(),
        end_on: plan.dates.end().to_string(),
        budget_rupiah: plan.budget.get(),
        overdue: plan.is_overdue(today),
        milestones_done: plan
            .milestones
            .iter()
            .filter(|m| m.done_on.is_some())
            .count(),
        milestones_total: plan.milestones.len(),
        moves,
    }
}

/// The user's scope as a store filter (`None`: everything).
fn scope_ids(user: &AuthUser) -> Option<Vec<i64>> {
    match &user.scope {
        UnitScope::All => None,
        UnitScope::Units(ids) => Some(ids.iter().copied().collect()),
    }
}

/// The plans the user may see that match `query`, without the page's alerts (for the API,
/// which lists plans only: the alerts need the whole dashboard).
pub async fn list_plans(query: PlanQuery) -> Result<Vec<PlanRow>, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let names = Names::load(&store).await?;
    let today = today();
    let plans = store
        .list_interventions(&plan_filter(&store, &user, &query, today).await?)
        .await?;
    Ok(plans
        .iter()
        .map(|p| plan_row(p, &user, &names, today))
        .collect())
}

/// The store's filter for `query`, within the user's units (another unit is not found).
async fn plan_filter(
    store: &Store,
    user: &AuthUser,
    query: &PlanQuery,
    today: chrono::NaiveDate,
) -> Result<InterventionFilter, AppError> {
    let unit_ids = match query
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        None => scope_ids(user),
        Some(code) => {
            let code = domain::units::UnitCode::parse(code).map_err(|_| AppError::NotFound)?;
            let unit = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
            if !user.scope.contains(unit.id) {
                return Err(AppError::NotFound);
            }
            let subtree = store.subtree_unit_ids(&[unit.id]).await?;
            Some(
                subtree
                    .into_iter()
                    .filter(|id| user.scope.contains(*id))
                    .collect(),
            )
        }
    };
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            InterventionStatus::parse(s).map_err(|e| AppError::Invalid(e.message(Locale::Id)))?,
        ),
        None => None,
    };
    let kind = match query.kind.as_deref().filter(|s| !s.is_empty()) {
        Some(k) => {
            Some(InterventionKind::parse(k).map_err(|e| AppError::Invalid(e.message(Locale::Id)))?)
        }
        None => None,
    };
    Ok(InterventionFilter {
        unit_ids,
        status,
        owner: query.owner,
        kind,
        overdue_on: query.overdue.then_some(today),
    })
}

pub async fn list(query: PlanQuery) -> Result<InterventionsView, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let today = today();
    let filter = plan_filter(&store, &user, &query, today).await?;
    let names = Names::load(&store).await?;
    let plans = store.list_interventions(&filter).await?;
    let overdue = store
        .list_interventions(&InterventionFilter {
            unit_ids: scope_ids(&user),
            overdue_on: Some(today),
            ..InterventionFilter::default()
        })
        .await?;
    let (uncovered, risk_wave) = uncovered_units(&store, &user).await?;
    Ok(InterventionsView {
        plans: plans
            .iter()
            .map(|p| plan_row(p, &user, &names, today))
            .collect(),
        overdue: overdue
            .iter()
            .map(|p| plan_row(p, &user, &names, today))
            .collect(),
        uncovered,
        risk_wave,
        owners: names.owners_for(&user),
        today: today.to_string(),
        can_plan: user.role != Role::Admin || !names.agents.is_empty(),
    })
}

/// Units at risk in the newest wave under the user's top unit with no active plan for them
/// or a unit above them: the dashboard's own list, so both always agree.
async fn uncovered_units(
    store: &Store,
    user: &AuthUser,
) -> Result<(Option<Vec<UncoveredUnit>>, Option<String>), AppError> {
    let dashboard =
        match dashboard_for(store, &cache(), &user.scope, DashboardQuery::default()).await {
            Ok(dashboard) => dashboard,
            // No wave yet: nothing is at risk that we know of.
            Err(AppError::NotFound) => return Ok((None, None)),
            Err(e) => return Err(e),
        };
    let name = |id: &str, pick: fn(&DimensionHead) -> &String| {
        dashboard
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| pick(d).clone())
    };
    let units = dashboard
        .at_risk
        .iter()
        .filter(|unit| unit.covered_by.is_empty())
        .map(|unit| {
            // Each dimension once, in the order of the reasons (the most serious first).
            let mut ids: Vec<&str> = Vec::new();
            for id in unit.reasons.iter().map(|r| r.dimension_id()) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            UncoveredUnit {
                code: unit.code.clone(),
                name: unit.name.clone(),
                path: unit.path.clone(),
                dimensions_id: ids.iter().map(|id| name(id, |d| &d.name_id)).collect(),
                dimensions_en: ids.iter().map(|id| name(id, |d| &d.name_en)).collect(),
            }
        })
        .collect();
    Ok((Some(units), Some(dashboard.wave.title)))
}

pub async fn detail(id: i64) -> Result<PlanDetail, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let plan = store.intervention(id).await?.ok_or(AppError::NotFound)?;
    if !may_see(&user, &plan) {
        return Err(AppError::NotFound);
    }
    let names = Names::load(&store).await?;
    let today = today();
    let history = store
        .status_history(id)
        .await?
        .into_iter()
        .map(|change| HistoryRow {
            from: change.from.map(|s| s.as_str().to_owned()),
            to: change.to.as_str().to_owned(),
            by: change.changed_by_name,
            at: change.changed_at.to_rfc3339(),
            note: change.note.map(|n| n.as_str().to_owned()),
        })
        .collect();
    let comments = store
        .intervention_comments(id)
        .await?
        .into_iter()
        .map(|c| CommentRow {
            author: c.author_name,
            at: c.created_at.to_rfc3339(),
            body: c.body.as_str().to_owned(),
        })
        .collect();
    let evaluation = super::evaluation_ssr::evaluate(&store, &cache(), &plan, &user.scope).await?;
    Ok(PlanDetail {
        row: plan_row(&plan, &user, &names, today),
        owner_id: plan.owner_user_id,
        collaborator_ids: plan.collaborator_user_ids.clone(),
        description: plan.description.as_str().to_owned(),
        collaborators: plan
            .collaborator_user_ids
            .iter()
            .map(|id| names.person(*id))
            .collect(),
        targets: plan.targets.iter().map(target_name).collect(),
        funding_source: plan.funding_source.as_ref().map(|f| f.as_str().to_owned()),
        created_by: plan.created_by_name.clone(),
        history,
        milestones: plan
            .milestones
            .iter()
            .map(|m| MilestoneRow {
                id: m.id,
                title: m.title.as_str().to_owned(),
                due_on: m.due_on.to_string(),
                done_on: m.done_on.map(|d| d.to_string()),
                overdue: m.is_overdue(today),
            })
            .collect(),
        comments,
        can_edit: !plan.status.is_closed() && may_change(&user, &plan),
        evaluation,
    })
}

/// A target with its name from the item library (a custom dimension keeps its id).
pub(super) fn target_name(target: &InterventionTarget) -> TargetName {
    match target.columns() {
        (Some(dimension), _) => {
            let named = library()
                .dimensions()
                .iter()
                .find(|d| d.id().as_str() == dimension);
            TargetName {
                kind: "dimension".to_owned(),
                code: dimension.to_owned(),
                name_id: named.map_or_else(|| dimension.to_owned(), |d| d.name().id().to_owned()),
                name_en: named.map_or_else(|| dimension.to_owned(), |d| d.name().en().to_owned()),
            }
        }
        (_, barrier) => {
            let code = barrier.unwrap_or_default();
            let label = BarrierCode::parse(code).map(BarrierCode::label);
            TargetName {
                kind: "barrier".to_owned(),
                code: code.to_owned(),
                name_id: label
                    .as_ref()
                    .map_or_else(|| code.to_owned(), |l| l.id().to_owned()),
                name_en: label
                    .as_ref()
                    .map_or_else(|| code.to_owned(), |l| l.en().to_owned()),
            }
        }
    }
}
