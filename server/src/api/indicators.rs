//! `/api/v1/waves/{id}/indicators`: a wave's readiness figures per unit and dimension, for
//! the units within the caller's scope. They are the indicator engine's published figures as
//! the dashboard and its exports show them (`app::indicators::wave_indicators`): the
//! threshold and the complementary suppression are applied before anything reaches this
//! module, which only reshapes them. A hidden group is `suppressed: true` with every figure
//! `null` — not even its number of respondents is given.

use app::indicators as ui;
use axum::{extract::Path, routing::get, Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::ApiQuery,
    problem::{ApiResult, Problem, ProblemKind},
    waves::wave_id,
};

#[derive(OpenApi)]
#[openapi(paths(wave_indicators))]
pub struct IndicatorsApi;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/waves/{id}/indicators", get(wave_indicators))
}

/// Which respondents a unit's figures count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorScope {
    /// The unit and every unit below it (the dashboard's rows).
    #[default]
    Subtree,
    /// The unit's own respondents only.
    Unit,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndicatorsQuery {
    /// Only this unit and the units below it (a unit of the wave within the caller's scope;
    /// otherwise 404).
    unit: Option<String>,
    /// Only the units at this depth of the organisation (0 = its top unit).
    depth: Option<u32>,
    /// Only this dimension (a dimension id of the wave's instrument).
    dimension: Option<String>,
    /// `subtree` (the default) or `unit`.
    #[param(inline)]
    scope: Option<IndicatorScope>,
}

/// A wave's indicators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaveIndicatorsOut {
    pub wave_id: i64,
    /// The smallest group whose figures are shown; smaller groups, and groups whose figures
    /// would let a smaller one be worked out, are suppressed.
    pub threshold: u32,
    pub scope: IndicatorScope,
    /// Dimension ids of the instrument, in its order.
    pub dimensions: Vec<String>,
    /// The wave's units within the caller's scope (and the filters), by code.
    pub units: Vec<UnitIndicatorsOut>,
}

/// One unit's figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitIndicatorsOut {
    pub code: String,
    pub name: String,
    /// The kind of unit, e.g. `dinas`, `kelurahan`.
    pub kind: String,
    /// The parent's code; `null` for the top unit and when the parent is outside the caller's
    /// scope.
    pub parent_code: Option<String>,
    /// Depth in the organisation (0 = its top unit).
    pub depth: u32,
    /// Staff in the group (the unit's own, or its subtree's), public as the denominator of
    /// the response rate.
    pub headcount: u64,
    /// Whether the group's figures are hidden; then every figure below is `null`.
    pub suppressed: bool,
    /// Responses in the group; `null` when suppressed.
    pub respondents: Option<u64>,
    /// `respondents / headcount`; `null` when suppressed or the headcount is unknown.
    pub response_rate: Option<f64>,
    /// One entry per dimension, in instrument order.
    pub dimensions: Vec<DimensionIndicatorsOut>,
}

/// One dimension's figures for a unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DimensionIndicatorsOut {
    pub dimension_id: String,
    /// Whether the dimension's figures are hidden (the group is, or too few respondents have
    /// a score in this dimension); then every figure below is `null`.
    pub suppressed: bool,
    /// Respondents with a score in the dimension.
    pub n: Option<u64>,
    /// Mean dimension score, on the answer scale (e.g. 1 to 5).
    pub mean: Option<f64>,
    /// Lower bound of the mean's 95% confidence interval.
    pub ci_low: Option<f64>,
    /// Upper bound of the mean's 95% confidence interval.
    pub ci_high: Option<f64>,
    /// Standard deviation of the scores.
    pub sd: Option<f64>,
    /// The mean on 0 to 100 (the readiness index).
    pub index: Option<f64>,
    /// Share of respondents whose score is favourable (top two boxes), 0 to 1.
    pub favourable: Option<f64>,
    /// Cronbach's alpha of the dimension's items; `null` when suppressed, when too few
    /// respondents answered every item, or when undefined (one item, no variance).
    pub alpha: Option<f64>,
}

impl DimensionIndicatorsOut {
    fn suppressed(dimension_id: String) -> Self {
        Self {
            dimension_id,
            suppressed: true,
            n: None,
            mean: None,
            ci_low: None,
            ci_high: None,
            sd: None,
            index: None,
            favourable: None,
            alpha: None,
        }
    }
}

/// The part of the engine's published JSON read here (`indicators/README.md`); everything
/// else is left out.
mod published {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    /// `{"status":"visible","value":…}` or `{"status":"suppressed"}`.
    #[derive(Debug, Deserialize)]
    #[serde(tag = "status", content = "value", rename_all = "snake_case")]
    pub enum Gate<T> {
        Visible(T),
        Suppressed,
    }

    impl<T> Gate<T> {
        pub fn visible(self) -> Option<T> {
            match self {
                Gate::Visible(value) => Some(value),
                Gate::Suppressed => None,
            }
        }
    }

    #[derive(Debug, Deserialize)]
    pub struct Organisation {
        pub threshold: u32,
        pub dimensions: Vec<String>,
        pub units: BTreeMap<String, Unit>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Unit {
        pub code: String,
        pub name: String,
        pub kind: String,
        pub parent: Option<String>,
        pub depth: u32,
        pub unit: ScopeFigures,
        pub subtree: ScopeFigures,
    }

    #[derive(Debug, Deserialize)]
    pub struct ScopeFigures {
        pub headcount: u64,
        pub report: Gate<Report>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Report {
        pub respondents: u64,
        pub response_rate: Option<ResponseRate>,
        pub dimensions: Vec<Dimension>,
    }

    #[derive(Debug, Deserialize)]
    pub struct ResponseRate {
        pub rate: f64,
    }

    #[derive(Debug, Deserialize)]
    pub struct Dimension {
        pub dimension_id: String,
        pub score: Gate<Summary>,
        pub reliability: Gate<Option<Reliability>>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Summary {
        pub descriptive: Descriptive,
        pub favourable: Favourable,
    }

    #[derive(Debug, Deserialize)]
    pub struct Descriptive {
        pub n: u64,
        pub mean: f64,
        pub sd: f64,
        pub index: f64,
        pub mean_ci: Interval,
    }

    #[derive(Debug, Deserialize)]
    pub struct Interval {
        pub lower: f64,
        pub upper: f64,
    }

    #[derive(Debug, Deserialize)]
    pub struct Favourable {
        pub proportion: f64,
    }

    #[derive(Debug, Deserialize)]
    pub struct Reliability {
        pub alpha: f64,
    }
}

fn dimension_out(dimension: published::Dimension) -> DimensionIndicatorsOut {
    let alpha = dimension.reliability.visible().flatten().map(|r| r.alpha);
    match dimension.score.visible() {
        None => DimensionIndicatorsOut::suppressed(dimension.dimension_id),
        Some(summary) => {
            let d = summary.descriptive;
            DimensionIndicatorsOut {
                dimension_id: dimension.dimension_id,
                suppressed: false,
                n: Some(d.n),
                mean: Some(d.mean),
                ci_low: Some(d.mean_ci.lower),
                ci_high: Some(d.mean_ci.upper),
                sd: Some(d.sd),
                index: Some(d.index),
                favourable: Some(summary.favourable.proportion),
                alpha,
            }
        }
    }
}

fn unit_out(
    unit: published::Unit,
    scope: IndicatorScope,
    dimensions: &[String],
) -> UnitIndicatorsOut {
    let figures = match scope {
        IndicatorScope::Subtree => unit.subtree,
        IndicatorScope::Unit => unit.unit,
    };
    let (suppressed, respondents, response_rate, dims) = match figures.report.visible() {
        None => (
            true,
            None,
            None,
            dimensions
                .iter()
                .cloned()
                .map(DimensionIndicatorsOut::suppressed)
                .collect(),
        ),
        Some(report) => (
            false,
            Some(report.respondents),
            report.response_rate.map(|r| r.rate),
            report.dimensions.into_iter().map(dimension_out).collect(),
        ),
    };
    UnitIndicatorsOut {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parent_code: unit.parent,
        depth: unit.depth,
        headcount: figures.headcount,
        suppressed,
        respondents,
        response_rate,
        dimensions: dims,
    }
}

/// A wave's figures per unit within the caller's scope and per dimension: n, mean and its
/// 95% interval, favourable share and Cronbach's alpha. Groups under the threshold (and
/// groups that would reveal one) are `suppressed` with no figures at all. A wave with none of
/// the caller's units, or a `unit` outside them, is not found.
#[utoipa::path(get, path = "/api/v1/waves/{id}/indicators", tag = "indicators",
    params(("id" = i64, Path, description = "The wave's id", example = 1), IndicatorsQuery),
    responses((status = 200, description = "The wave's indicators", body = WaveIndicatorsOut)))]
async fn wave_indicators(
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<IndicatorsQuery>,
) -> ApiResult<Json<WaveIndicatorsOut>> {
    let id = wave_id(&caller, &id)?;
    let scope = query.scope.unwrap_or_default();
    let unit = query.unit.unwrap_or_default();
    let depth = query.depth.map(|d| d.to_string()).unwrap_or_default();
    let dimension = query.dimension.unwrap_or_default();
    let json = caller
        .run(|| ui::wave_indicators(id, unit, depth, dimension))
        .await
        .map_err(|problem| {
            // The only refusal of a filter's value: an unknown dimension.
            if problem.status == ProblemKind::Invalid.status().as_u16() {
                Problem::field("dimension", problem.detail)
            } else {
                problem
            }
        })?;
    let published: published::Organisation = serde_json::from_value(json).map_err(|e| {
        tracing::error!(wave_id = id, error = %e, "reading the published indicators");
        Problem::new(
            ProblemKind::Internal,
            caller.locale.pick(
                "Indikator tidak dapat dibaca.",
                "The indicators could not be read.",
            ),
        )
    })?;
    let dimensions = published.dimensions;
    let units = published
        .units
        .into_values()
        .map(|unit| unit_out(unit, scope, &dimensions))
        .collect();
    Ok(Json(WaveIndicatorsOut {
        wave_id: id,
        threshold: published.threshold,
        scope,
        dimensions,
        units,
    }))
}
