//! Changing plans: start one, move it along its statuses, add and tick milestones, comment.
//! Each checks the permission on every unit of the plan, parses the form at the edge and
//! lists every problem in the user's language; the store writes the change with its audit
//! entry in one transaction.

use domain::{
    access::Action,
    interventions::{
        check_approver, may_set_owner, parse_date, required_action, FundingSource,
        InterventionError, InterventionKind, InterventionStatus, InterventionTarget,
        InterventionTitle, LongText, PlanDates, Rupiah, TextField,
    },
    units::{Locale, UnitCode},
};
use store::{NewIntervention, Store, StoreError};

use super::{
    plan_fields::PlanInput,
    ssr::{may_change, may_on_all, may_see, people_of, store, today, Names},
};
use crate::{
    auth::ssr::{authorize, AuthUser},
    error::AppError,
};

/// Every problem of the form, or the plan it describes.
/// `kept`: the people already on the plan being changed (none for a new plan), who may stay
/// on it even when the user could not choose them.
async fn parse_form(
    store: &Store,
    user: &AuthUser,
    form: &PlanInput,
    locale: Locale,
    kept: &[i64],
) -> Result<NewIntervention, AppError> {
    let mut problems: Vec<String> = Vec::new();
    let mut note = |e: InterventionError| problems.push(e.message(locale));
    let title = InterventionTitle::parse(&form.title)
        .map_err(&mut note)
        .ok();
    let description = LongText::parse(&form.description, TextField::Description)
        .map_err(&mut note)
        .ok();
    let kind = InterventionKind::parse(&form.kind).map_err(&mut note).ok();
    let dates = PlanDates::parse(&form.start_on, &form.end_on)
        .map_err(&mut note)
        .ok();
    let budget = if form.budget.trim().is_empty() {
        Rupiah::new(0).ok()
    } else {
        Rupiah::parse(&form.budget).map_err(&mut note).ok()
    };
    let funding_source = if form.funding_source.trim().is_empty() {
        Some(None)
    } else {
        FundingSource::parse(&form.funding_source)
            .map(Some)
            .map_err(&mut note)
            .ok()
    };
    let mut targets = Vec::new();
    for target in &form.targets {
        let parsed = match target.split_once(':') {
            Some(("dimension", id)) => InterventionTarget::dimension(id),
            Some(("barrier", code)) => InterventionTarget::barrier(code),
            _ => InterventionTarget::barrier(target),
        };
        if let Ok(t) = parsed.map_err(&mut note) {
            targets.push(t);
        }
    }

    let mut unit_ids = Vec::new();
    for code in form
        .units
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
    {
        let found = match UnitCode::parse(code) {
            Ok(code) => store.unit_by_code(&code).await?,
            Err(_) => None,
        };
        match found {
            Some(unit) if may_on_all(user, Action::PlanInterventions, &[unit.id]) => {
                unit_ids.push(unit.id)
            }
            _ => problems.push(crate::i18n::text_with(
                locale,
                "iv_unit_not_in_scope",
                &[("code", code.to_owned())],
            )),
        }
    }
    if unit_ids.is_empty() && form.units.trim().is_empty() {
        problems.push(crate::i18n::text(locale, "iv_need_unit"));
    }

    let names = Names::load(store).await?;
    // Only people the form offers this user (agents with a unit in the user's scope), or
    // people already on the plan: an id outside them is refused like an unknown one, so the
    // refusal tells nothing about who exists, and nobody outside the scope is named.
    let choosable: Vec<i64> = names.owners_for(user).iter().map(|p| p.id).collect();
    let eligible = |id: &i64| choosable.contains(id) || kept.contains(id);
    let owner = form
        .owner
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| eligible(id) && names.agents.iter().any(|(agent, _, _)| agent == id));
    if owner.is_none() {
        problems.push(crate::i18n::text(locale, "iv_need_owner"));
    }
    let mut collaborator_user_ids = Vec::new();
    for raw in &form.collaborators {
        match raw.parse::<i64>() {
            Ok(id) if eligible(&id) && names.person(id) != "—" => collaborator_user_ids.push(id),
            _ => problems.push(crate::i18n::text_with(
                locale,
                "iv_unknown_collaborator",
                &[("id", raw.clone())],
            )),
        }
    }

    match (
        title,
        description,
        kind,
        dates,
        budget,
        funding_source,
        owner,
    ) {
        (
            Some(title),
            Some(description),
            Some(kind),
            Some(dates),
            Some(budget),
            Some(funding_source),
            Some(owner_user_id),
        ) if problems.is_empty() => Ok(NewIntervention {
            title,
            description,
            kind,
            owner_user_id,
            collaborator_user_ids,
            unit_ids,
            targets,
            dates,
            budget,
            funding_source,
        }),
        _ => Err(AppError::Invalid(problems.join("\n"))),
    }
}

pub async fn create(form: PlanInput, lang: &str) -> Result<i64, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    let plan = parse_form(&store, &user, &form, locale, &[]).await?;
    let record = store.create_intervention(&plan, &user.actor()).await?;
    Ok(record.id)
}

/// Rewrites an open plan the user may change (every unit, before and after, in their
/// scope).
pub async fn update(id: i64, form: PlanInput, lang: &str) -> Result<i64, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    let before = editable_plan(&store, &user, id).await?;
    let kept: Vec<i64> = std::iter::once(before.owner_user_id)
        .chain(before.collaborator_user_ids.iter().copied())
        .collect();
    let plan = parse_form(&store, &user, &form, locale, &kept).await?;
    if !may_set_owner(user.role, user.id, people_of(&before), plan.owner_user_id) {
        return Err(AppError::Invalid(crate::i18n::text(
            locale,
            "iv_owner_change_refused",
        )));
    }
    store
        .update_intervention(id, &plan, &user.actor())
        .await
        .map_err(|e| store_error(e, locale))?;
    Ok(id)
}

/// The plan, if the user may see it.
async fn visible_plan(
    store: &Store,
    user: &AuthUser,
    id: i64,
) -> Result<store::InterventionRecord, AppError> {
    let plan = store.intervention(id).await?.ok_or(AppError::NotFound)?;
    if may_see(user, &plan) {
        Ok(plan)
    } else {
        Err(AppError::NotFound)
    }
}

/// A closed plan (done, cancelled) or a move someone else made first.
fn conflict(locale: Locale) -> AppError {
    AppError::Invalid(crate::i18n::text(locale, "iv_conflict"))
}

fn store_error(e: StoreError, locale: Locale) -> AppError {
    match e {
        StoreError::Conflict(_) => conflict(locale),
        other => other.into(),
    }
}

pub async fn move_plan(id: i64, to: &str, note: &str, lang: &str) -> Result<(), AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    let plan = visible_plan(&store, &user, id).await?;
    let to = InterventionStatus::parse(to).map_err(|e| AppError::Invalid(e.message(locale)))?;
    // The permission follows the target status alone, so that a refusal does not depend on
    // where the plan is now: approving is for leaders, every other move for planners.
    let action = if to == InterventionStatus::Approved {
        Action::ApproveInterventions
    } else {
        Action::PlanInterventions
    };
    if !may_on_all(&user, action, &plan.unit_ids) {
        return Err(AppError::Forbidden);
    }
    if required_action(plan.status, to).is_none() {
        return Err(AppError::Invalid(
            InterventionError::MoveNotAllowed {
                from: plan.status,
                to,
            }
            .message(locale),
        ));
    }
    let note = LongText::parse_optional(note, TextField::Comment)
        .map_err(|e| AppError::Invalid(e.message(locale)))?;
    if to == InterventionStatus::Approved {
        // Said here in the user's language; the store checks again inside its transaction.
        let preparers = store.plan_preparers(id).await?;
        check_approver(Some(user.id), &preparers)
            .map_err(|e| AppError::Invalid(e.message(locale)))?;
    }
    store
        .move_intervention(id, to, note.as_ref(), &user.actor())
        .await
        .map_err(|e| store_error(e, locale))?;
    Ok(())
}

/// The plan, if the user may change it.
async fn editable_plan(
    store: &Store,
    user: &AuthUser,
    id: i64,
) -> Result<store::InterventionRecord, AppError> {
    let plan = visible_plan(store, user, id).await?;
    if may_change(user, &plan) {
        Ok(plan)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn add_milestone(id: i64, title: &str, due_on: &str, lang: &str) -> Result<(), AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    editable_plan(&store, &user, id).await?;
    let mut problems = Vec::new();
    let title = InterventionTitle::parse(title)
        .map_err(|e| problems.push(e.message(locale)))
        .ok();
    let due_on = parse_date(due_on)
        .map_err(|e| problems.push(e.message(locale)))
        .ok();
    let (Some(title), Some(due_on)) = (title, due_on) else {
        return Err(AppError::Invalid(problems.join("\n")));
    };
    store
        .add_milestone(id, &title, due_on, &user.actor())
        .await
        .map_err(|e| store_error(e, locale))?;
    Ok(())
}

pub async fn mark_milestone(
    id: i64,
    milestone: i64,
    done: bool,
    lang: &str,
) -> Result<(), AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let plan = editable_plan(&store, &user, id).await?;
    if !plan.milestones.iter().any(|m| m.id == milestone) {
        return Err(AppError::NotFound);
    }
    store
        .set_milestone_done(milestone, done.then(today), &user.actor())
        .await
        .map_err(|e| store_error(e, Locale::from_code(lang)))?;
    Ok(())
}

pub async fn comment(id: i64, body: &str, lang: &str) -> Result<(), AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    let plan = visible_plan(&store, &user, id).await?;
    // Anyone who may plan in one of the plan's units may take part in its thread.
    if !plan
        .unit_ids
        .iter()
        .any(|unit| may_on_all(&user, Action::PlanInterventions, &[*unit]))
    {
        return Err(AppError::Forbidden);
    }
    let body = LongText::parse(body, TextField::Comment)
        .map_err(|e| AppError::Invalid(e.message(locale)))?;
    store
        .add_intervention_comment(id, &body, &user.actor())
        .await?;
    Ok(())
}
