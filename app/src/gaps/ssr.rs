//! Server side of the gap register: visible when the gap's unit is in scope; recording and
//! changing a gap needs `Action::PlanInterventions` on its unit.

use std::collections::HashMap;

use domain::{
    access::{Action, UnitScope},
    interventions::{GapKind, GapStatus, LongText, Rupiah, Severity, TextField},
    units::{Locale, UnitCode},
};
use leptos::prelude::*;
use store::{NewGap, Store};

use super::{GapRow, GapTotalRow, GapsView};
use crate::{
    auth::ssr::{authorize, AuthUser},
    error::AppError,
    i18n::text_with,
    interventions::{ssr::may_on_all, UnitName},
};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

fn may_plan(user: &AuthUser, unit_id: i64) -> bool {
    may_on_all(user, Action::PlanInterventions, &[unit_id])
}

pub async fn list(unit: String) -> Result<GapsView, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let units: HashMap<i64, UnitName> = store
        .list_units()
        .await?
        .into_iter()
        .map(|r| {
            (
                r.id,
                UnitName {
                    code: r.unit.code.as_str().to_owned(),
                    name: r.unit.name.as_str().to_owned(),
                },
            )
        })
        .collect();
    let (shown, ids): (Option<UnitName>, Option<Vec<i64>>) = match unit.trim() {
        "" => (
            None,
            match &user.scope {
                UnitScope::All => None,
                UnitScope::Units(ids) => Some(ids.iter().copied().collect()),
            },
        ),
        code => {
            let code = UnitCode::parse(code).map_err(|_| AppError::NotFound)?;
            let record = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
            if !user.scope.contains(record.id) {
                return Err(AppError::NotFound);
            }
            let subtree = store.subtree_unit_ids(&[record.id]).await?;
            (
                units.get(&record.id).cloned(),
                Some(
                    subtree
                        .into_iter()
                        .filter(|id| user.scope.contains(*id))
                        .collect(),
                ),
            )
        }
    };
    let records = store.list_gaps(ids.as_deref()).await?;
    let mut titles: HashMap<i64, Option<String>> = HashMap::new();
    let mut gaps = Vec::new();
    for gap in records {
        let mut plans = Vec::new();
        for plan_id in &gap.intervention_ids {
            if !titles.contains_key(plan_id) {
                // Only plans the user may see are named.
                let title = store
                    .intervention(*plan_id)
                    .await?
                    .filter(|p| p.unit_ids.iter().any(|u| user.scope.contains(*u)))
                    .map(|p| p.title.as_str().to_owned());
                titles.insert(*plan_id, title);
            }
            if let Some(Some(title)) = titles.get(plan_id) {
                plans.push((*plan_id, title.clone()));
            }
        }
        gaps.push(GapRow {
            id: gap.id,
            unit: units.get(&gap.unit_id).cloned().unwrap_or(UnitName {
                code: String::new(),
                name: "—".to_owned(),
            }),
            kind: gap.kind.as_str().to_owned(),
            description: gap.description.as_str().to_owned(),
            severity: gap.severity.as_str().to_owned(),
            estimated_cost: gap.estimated_cost.get(),
            status: gap.status.as_str().to_owned(),
            plans,
            can_edit: may_plan(&user, gap.unit_id),
        });
    }
    let totals = store
        .gap_totals(ids.as_deref())
        .await?
        .into_iter()
        .map(|t| GapTotalRow {
            kind: t.kind.as_str().to_owned(),
            count: t.count,
            estimated_cost: t.estimated_cost.get(),
            unresolved_count: t.unresolved_count,
            unresolved_cost: t.unresolved_cost.get(),
        })
        .collect();
    Ok(GapsView {
        unit: shown,
        gaps,
        totals,
    })
}

/// The form as posted.
pub struct GapForm {
    pub unit: String,
    pub kind: String,
    pub description: String,
    pub severity: String,
    pub cost: String,
    pub intervention: String,
}

pub async fn create(form: GapForm, lang: &str) -> Result<i64, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let locale = Locale::from_code(lang);
    let store = store()?;
    let mut problems = Vec::new();
    let unit = match UnitCode::parse(form.unit.trim()) {
        Ok(code) => store.unit_by_code(&code).await?,
        Err(_) => None,
    }
    .filter(|u| may_plan(&user, u.id));
    if unit.is_none() {
        problems.push(text_with(
            locale,
            "iv_unit_not_in_scope",
            &[("code", form.unit.trim().to_owned())],
        ));
    }
    let mut note = |e: domain::interventions::InterventionError| problems.push(e.message(locale));
    let kind = GapKind::parse(&form.kind).map_err(&mut note).ok();
    let severity = Severity::parse(&form.severity).map_err(&mut note).ok();
    let description = LongText::parse(&form.description, TextField::Description)
        .map_err(&mut note)
        .ok();
    let cost = if form.cost.trim().is_empty() {
        Rupiah::new(0).ok()
    } else {
        Rupiah::parse(&form.cost).map_err(&mut note).ok()
    };
    let plan = match form.intervention.trim() {
        "" => None,
        raw => {
            let found = match raw.parse::<i64>() {
                Ok(id) => store.intervention(id).await?,
                Err(_) => None,
            };
            match found.filter(|p| p.unit_ids.iter().any(|u| user.scope.contains(*u))) {
                Some(plan) => Some(plan.id),
                None => {
                    problems.push(text_with(
                        locale,
                        "rg_plan_not_found",
                        &[("plan", raw.to_owned())],
                    ));
                    None
                }
            }
        }
    };
    let (Some(unit), Some(kind), Some(severity), Some(description), Some(cost)) =
        (unit, kind, severity, description, cost)
    else {
        return Err(AppError::Invalid(problems.join("\n")));
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.join("\n")));
    }
    let actor = user.actor();
    let gap = store
        .create_gap(
            &NewGap {
                unit_id: unit.id,
                kind,
                description,
                severity,
                estimated_cost: cost,
                status: GapStatus::Open,
            },
            &actor,
        )
        .await?;
    if let Some(plan) = plan {
        store.link_gap(gap.id, plan, &actor).await?;
    }
    Ok(gap.id)
}

pub async fn set_status(id: i64, status: &str) -> Result<(), AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let gap = store.gap(id).await?.ok_or(AppError::NotFound)?;
    if !user.scope.contains(gap.unit_id) {
        return Err(AppError::NotFound);
    }
    if !may_plan(&user, gap.unit_id) {
        return Err(AppError::Forbidden);
    }
    let status = GapStatus::parse(status).map_err(|e| AppError::Invalid(e.message(Locale::Id)))?;
    let mut changed = gap.gap();
    changed.status = status;
    store.update_gap(id, &changed, &user.actor()).await?;
    Ok(())
}
