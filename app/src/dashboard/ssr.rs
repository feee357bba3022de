//! Server side of the dashboard: who may see what, which wave and unit, and the cached
//! figures of every wave the trends need. The pages, the exports and the report all come
//! through [`dashboard_for`], so they show exactly the same (suppressed) figures.

use std::{collections::HashMap, sync::Arc};

use chrono::Utc;
use domain::{
    access::{Action, UnitScope},
    units::UnitCode,
    waves::{jakarta_date, WaveStatus},
};
use leptos::prelude::*;
use store::{InterventionFilter, Store, WaveRecord};

use super::{
    assemble::{assemble, Selection, WaveFigures},
    model::{Dashboard, DashboardQuery, InterventionBrief, WaveChoice},
};
use crate::{
    auth::ssr::authorize,
    error::AppError,
    indicators::{CachedIndicators, IndicatorCache},
};

/// Default readiness index under which a unit is at risk.
pub const DEFAULT_RISK_INDEX: u8 = 60;

pub async fn dashboard_for_current_user(query: DashboardQuery) -> Result<Dashboard, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = use_context::<Store>().ok_or(AppError::Internal)?;
    // Provided by the server at start; without it every request computes afresh.
    let cache = use_context::<IndicatorCache>().unwrap_or_default();
    dashboard_for(&store, &cache, &user.scope, query).await
}

/// The dashboard `query` asks for, as a user with `scope` may see it. A wave or unit outside
/// the scope is answered as not found.
pub async fn dashboard_for(
    store: &Store,
    cache: &IndicatorCache,
    scope: &UnitScope,
    query: DashboardQuery,
) -> Result<Dashboard, AppError> {
    let risk_index = query.risk_index.unwrap_or(DEFAULT_RISK_INDEX);
    if risk_index > 100 {
        return Err(AppError::Invalid(
            "Batas indeks harus antara 0 dan 100. / The index threshold must be between 0 and 100."
                .to_owned(),
        ));
    }
    let now = Utc::now();
    // Waves with at least one unit the user may see, newest first.
    let mut waves: Vec<WaveRecord> = Vec::new();
    for wave in store.list_waves().await? {
        if store
            .wave_unit_ids(wave.id)
            .await?
            .iter()
            .any(|id| scope.contains(*id))
        {
            waves.push(wave);
        }
    }
    waves.sort_by_key(|w| std::cmp::Reverse((w.schedule.opens_at(), w.id)));
    // By default the newest wave that has started (a draft has no answers yet).
    let started =
        |w: &&WaveRecord| !matches!(w.status(now), WaveStatus::Draft | WaveStatus::Scheduled);
    let current = match query.wave {
        Some(id) => waves
            .iter()
            .find(|w| w.id == id)
            .ok_or(AppError::NotFound)?,
        None => waves
            .iter()
            .find(started)
            .or(waves.first())
            .ok_or(AppError::NotFound)?,
    };
    let current_figures = cache.get(store, current.id).await?;
    let visible = |code: &UnitCode| {
        current_figures
            .unit_ids
            .get(code)
            .is_some_and(|id| scope.contains(*id))
    };
    let unit = match query
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(text) => {
            let code = UnitCode::parse(text).map_err(|_| AppError::NotFound)?;
            if !visible(&code) || !current_figures.indicators.units.contains_key(&code) {
                return Err(AppError::NotFound);
            }
            code
        }
        None => top_unit(&current_figures, &visible).ok_or(AppError::NotFound)?,
    };

    // Earlier waves with this unit, for trends and "falling since the previous wave".
    let mut earlier: Vec<(WaveChoice, Arc<CachedIndicators>)> = Vec::new();
    for wave in waves.iter().rev() {
        if wave.schedule.opens_at() >= current.schedule.opens_at() || wave.id == current.id {
            continue;
        }
        let cached = cache.get(store, wave.id).await?;
        if cached.indicators.units.contains_key(&unit) {
            earlier.push((choice(wave, now), cached));
        }
    }

    let interventions = active_interventions(store, &current_figures, &unit, &visible).await?;
    let selection = Selection {
        waves: waves.iter().map(|w| choice(w, now)).collect(),
        current: WaveFigures {
            wave: choice(current, now),
            cached: &current_figures,
        },
        earlier: earlier
            .iter()
            .map(|(wave, cached)| WaveFigures {
                wave: wave.clone(),
                cached,
            })
            .collect(),
        unit,
        visible: &visible,
        risk_index,
        interventions,
    };
    assemble(selection).ok_or(AppError::NotFound)
}

/// Active plans for the unit, the units under it and the units above it, with the codes of
/// the plan's units the user may see.
async fn active_interventions(
    store: &Store,
    figures: &CachedIndicators,
    unit: &UnitCode,
    visible: &(dyn Fn(&UnitCode) -> bool + Sync),
) -> Result<Vec<(InterventionBrief, Vec<UnitCode>)>, AppError> {
    let units = &figures.indicators.units;
    let mut branch: Vec<&UnitCode> = Vec::new();
    let mut stack = vec![unit];
    while let Some(code) = stack.pop() {
        branch.push(code);
        if let Some(u) = units.get(code) {
            stack.extend(u.children.iter());
        }
    }
    let mut above = units.get(unit).and_then(|u| u.parent.as_ref());
    while let Some(code) = above {
        branch.push(code);
        above = units.get(code).and_then(|u| u.parent.as_ref());
    }
    let ids: Vec<i64> = branch
        .iter()
        .filter_map(|code| figures.unit_ids.get(*code).copied())
        .collect();
    let codes_by_id: HashMap<i64, &UnitCode> = figures
        .unit_ids
        .iter()
        .map(|(code, id)| (*id, code))
        .collect();
    let plans = store
        .list_interventions(&InterventionFilter {
            unit_ids: Some(ids),
            ..InterventionFilter::default()
        })
        .await?;
    Ok(plans
        .into_iter()
        .filter(|plan| plan.status.is_active())
        .map(|plan| {
            let codes: Vec<UnitCode> = plan
                .unit_ids
                .iter()
                .filter_map(|id| codes_by_id.get(id).copied())
                .filter(|code| visible(code))
                .cloned()
                .collect();
            let brief = InterventionBrief {
                id: plan.id,
                title: plan.title.as_str().to_owned(),
                status: plan.status.as_str().to_owned(),
                kind: plan.kind.as_str().to_owned(),
                start_on: plan.dates.start().to_string(),
                end_on: plan.dates.end().to_string(),
                budget_rupiah: plan.budget.get(),
                units: codes
                    .iter()
                    .filter_map(|code| units.get(code).map(|u| u.name.clone()))
                    .collect(),
            };
            (brief, codes)
        })
        .collect())
}

/// The highest unit of the wave the user may see (the organisation for administrators).
fn top_unit(figures: &CachedIndicators, visible: &dyn Fn(&UnitCode) -> bool) -> Option<UnitCode> {
    figures
        .indicators
        .units
        .values()
        .filter(|u| visible(&u.code))
        .min_by_key(|u| (u.depth, u.code.clone()))
        .map(|u| u.code.clone())
}

fn choice(wave: &WaveRecord, now: chrono::DateTime<Utc>) -> WaveChoice {
    WaveChoice {
        id: wave.id,
        title: wave.title.as_str().to_owned(),
        status: match wave.status(now) {
            WaveStatus::Draft => "draft",
            WaveStatus::Scheduled => "scheduled",
            WaveStatus::Open => "open",
            WaveStatus::Ended => "ended",
            WaveStatus::Closed => "closed",
        }
        .to_owned(),
        opens_on: jakarta_date(wave.schedule.opens_at()).to_string(),
        closes_on: jakarta_date(wave.schedule.closes_at()).to_string(),
    }
}
