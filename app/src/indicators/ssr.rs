//! Server side of a wave's indicators: authorise, take the wave's figures from the cache,
//! keep the units the user may see and the filters ask for. Numbers are never derived here:
//! everything shown is the engine's output, suppressions included.

use domain::{
    access::{Action, UnitScope},
    units::UnitCode,
};
use indicators::{IndicatorFilter, OrganisationError, OrganisationIndicators};
use leptos::prelude::*;
use store::Store;

use super::cache::{CachedIndicators, IndicatorCache};
use crate::{auth::ssr::authorize, error::AppError};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

pub async fn wave_indicators(
    wave_id: i64,
    unit: String,
    depth: String,
    dimension: String,
) -> Result<serde_json::Value, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    // Filters are checked before anything is computed.
    let filter = IndicatorFilter {
        depth: depth_of(&depth)?,
        max_depth: None,
        root: match unit.trim() {
            "" => None,
            code => Some(UnitCode::parse(code).map_err(|_| AppError::NotFound)?),
        },
        dimension: Some(dimension.trim())
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
    };
    let store = store()?;
    // A wave with none of the user's units does not exist for them (404, as for the wave
    // page); an unknown wave has no units at all.
    let wave_units = store.wave_unit_ids(wave_id).await?;
    if !wave_units.iter().any(|id| user.scope.contains(*id)) {
        return Err(AppError::NotFound);
    }
    // Provided by the server at start; without it every request computes afresh.
    let cache = use_context::<IndicatorCache>().unwrap_or_default();
    let wave = cache.get(&store, wave_id).await?;
    if let Some(root) = &filter.root {
        let in_scope = wave
            .unit_ids
            .get(root)
            .is_some_and(|id| user.scope.contains(*id));
        if !in_scope {
            return Err(AppError::NotFound);
        }
    }

    let scoped;
    let visible = match &user.scope {
        UnitScope::All => &wave.indicators,
        UnitScope::Units(_) => {
            scoped = in_scope(&wave, &user.scope);
            &scoped
        }
    };
    let shown = visible.filtered(&filter).map_err(|e| match e {
        // A unit of the organisation that is not in this wave.
        OrganisationError::UnknownUnit(_) => AppError::NotFound,
        OrganisationError::UnknownDimension(dimension) => {
            AppError::Invalid(crate::i18n::text_with(
                crate::lang_cookie::current(),
                "dash_unknown_dimension",
                &[("dimension", dimension.to_string())],
            ))
        }
        other => {
            tracing::error!(wave_id, error = %other, "filtering indicators");
            AppError::Internal
        }
    })?;
    let mut json = serde_json::to_value(&shown).map_err(|e| {
        tracing::error!(wave_id, error = %e, "indicators to JSON");
        AppError::Internal
    })?;
    let root_visible = wave
        .unit_ids
        .get(&wave.indicators.root)
        .is_some_and(|id| user.scope.contains(*id));
    if !root_visible {
        json["root"] = serde_json::Value::Null;
    }
    Ok(json)
}

fn depth_of(text: &str) -> Result<Option<usize>, AppError> {
    match text.trim() {
        "" => Ok(None),
        depth => depth.parse().map(Some).map_err(|_| {
            AppError::Invalid(
                "Kedalaman harus bilangan bulat 0 atau lebih (0 = unit teratas).".to_owned(),
            )
        }),
    }
}

/// The wave's indicators for the units in `scope` only. A parent outside the scope is not
/// named (`null`), as a unit out of scope is answered like one that does not exist.
fn in_scope(wave: &CachedIndicators, scope: &UnitScope) -> OrganisationIndicators {
    let visible = |code: &UnitCode| {
        wave.unit_ids
            .get(code)
            .is_some_and(|id| scope.contains(*id))
    };
    let units = wave
        .indicators
        .units
        .iter()
        .filter(|(code, _)| visible(code))
        .map(|(code, unit)| {
            let mut unit = unit.clone();
            unit.parent = unit.parent.filter(|parent| visible(parent));
            (code.clone(), unit)
        })
        .collect();
    OrganisationIndicators {
        threshold: wave.indicators.threshold,
        root: wave.indicators.root.clone(),
        dimensions: wave.indicators.dimensions.clone(),
        units,
    }
}
