//! `/api/v1/waves`: survey waves within the caller's units, one wave with its units, and
//! (administrators) creating a wave, opening and closing it and running it again; plus
//! `/api/v1/instruments`, the instrument versions a wave can use. Everything goes through
//! the wave pages' own functions (`app::waves`).

use app::waves::{self as ui, InstrumentChoice, WaveDetail, WaveSummary, WaveUnitRow};
use axum::{
    extract::Path,
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use chrono::{DateTime, FixedOffset, Utc};
use domain::{
    units::UnitCode,
    waves::{WaveTitle, JAKARTA},
};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::{ApiJson, ApiQuery},
    paging::{Page, PageQuery},
    problem::{ApiResult, FieldError, Problem, ProblemKind},
};

#[derive(OpenApi)]
#[openapi(paths(
    list_waves,
    get_wave,
    create_wave,
    change_state,
    follow_up,
    list_instruments
))]
pub struct WavesApi;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/waves", get(list_waves).post(create_wave))
        .route("/waves/{id}", get(get_wave))
        .route("/waves/{id}/state", post(change_state))
        .route("/waves/{id}/follow-up", post(follow_up))
        .route("/instruments", get(list_instruments))
}

/// A wave id from the path: anything that is not a number is a wave that does not exist.
pub(super) fn wave_id(caller: &Caller, text: &str) -> Result<i64, Problem> {
    text.parse::<i64>().map_err(|_| {
        Problem::new(
            ProblemKind::NotFound,
            caller
                .locale
                .pick("Gelombang tidak ditemukan.", "No such wave."),
        )
    })
}

/// A wave.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaveOut {
    pub id: i64,
    pub title: String,
    /// `baseline` (the first measurement) or `follow_up` (a repeat compared with an earlier
    /// wave).
    pub kind: String,
    /// `draft` (not opened yet), `scheduled` (opened, before its opening time), `open`,
    /// `ended` (opened, after its closing time) or `closed`.
    pub status: String,
    /// When answers are accepted from (RFC 3339).
    pub opens_at: DateTime<Utc>,
    /// When answers are accepted until, excluded (RFC 3339).
    pub closes_at: DateTime<Utc>,
    /// Staff in the wave's units the caller may see.
    pub headcount: u64,
    /// Responses received in those units.
    pub responded: u64,
}

impl From<WaveSummary> for WaveOut {
    fn from(wave: WaveSummary) -> Self {
        Self {
            id: wave.id,
            title: wave.title,
            kind: wave.kind,
            status: wave.status,
            opens_at: wave.opens_at,
            closes_at: wave.closes_at,
            headcount: wave.headcount,
            responded: wave.responded,
        }
    }
}

/// One unit of a wave: its invitations and responses so far.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaveUnitOut {
    pub code: String,
    pub name: String,
    /// Staff in the unit when the wave was created (the denominator of the response rate).
    pub headcount: u32,
    /// Invitation tokens issued for the unit.
    pub issued: u32,
    /// Responses received from the unit.
    pub responded: u32,
    /// `responded / headcount`; `null` when the headcount is 0.
    pub response_rate: Option<f64>,
}

impl From<&WaveUnitRow> for WaveUnitOut {
    fn from(row: &WaveUnitRow) -> Self {
        Self {
            code: row.code.clone(),
            name: row.name.clone(),
            headcount: row.headcount,
            issued: row.issued,
            responded: row.responded,
            response_rate: (row.headcount > 0)
                .then(|| f64::from(row.responded) / f64::from(row.headcount)),
        }
    }
}

/// A wave with the units of it the caller may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaveDetailOut {
    pub wave: WaveOut,
    /// The instrument's title and version, e.g. `Kesiapan Perubahan (v1)`.
    pub instrument: String,
    /// The wave this one follows up, if any.
    pub previous_wave_id: Option<i64>,
    /// Whether the caller may open, close and run the wave again (administrators).
    pub can_manage: bool,
    /// Whether invitations may still be issued (the wave is not closed).
    pub can_issue: bool,
    /// The wave's units within the caller's scope, in tree order.
    pub units: Vec<WaveUnitOut>,
}

impl From<WaveDetail> for WaveDetailOut {
    fn from(detail: WaveDetail) -> Self {
        Self {
            units: detail.units.iter().map(WaveUnitOut::from).collect(),
            wave: detail.wave.into(),
            instrument: detail.instrument,
            previous_wave_id: detail.previous_wave_id,
            can_manage: detail.can_manage,
            can_issue: detail.can_issue,
        }
    }
}

/// Waves with at least one unit within the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/waves", tag = "waves", params(PageQuery),
    responses((status = 200, description = "A page of waves", body = Page<WaveOut>)))]
async fn list_waves(
    caller: Caller,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<WaveOut>>> {
    let paging = paging.checked()?;
    let waves = caller.run(ui::list_waves).await?;
    Ok(Json(Page::of(
        waves.into_iter().map(WaveOut::from).collect(),
        paging,
    )))
}

/// The wave (as the caller's units see it).
pub(super) async fn wave_detail(caller: &Caller, id: i64) -> ApiResult<WaveDetailOut> {
    Ok(caller.run(|| ui::get_wave(id)).await?.into())
}

/// One wave with its units within the caller's scope (a wave with none of them is not found).
#[utoipa::path(get, path = "/api/v1/waves/{id}", tag = "waves",
    params(("id" = i64, Path, description = "The wave's id", example = 1)),
    responses((status = 200, description = "The wave", body = WaveDetailOut)))]
async fn get_wave(caller: Caller, Path(id): Path<String>) -> ApiResult<Json<WaveDetailOut>> {
    let id = wave_id(&caller, &id)?;
    Ok(Json(wave_detail(&caller, id).await?))
}

/// Whether a wave is the first measurement or a repeat.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaveKindIn {
    Baseline,
    FollowUp,
}

impl WaveKindIn {
    fn as_str(self) -> &'static str {
        match self {
            WaveKindIn::Baseline => "baseline",
            WaveKindIn::FollowUp => "follow_up",
        }
    }
}

/// A new wave (administrators). It is created as a draft: open it with
/// `POST /api/v1/waves/{id}/state`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaveCreate {
    /// 1 to 120 characters.
    pub title: String,
    /// `baseline` unless given.
    pub kind: Option<WaveKindIn>,
    /// An instrument version's id (see `GET /api/v1/instruments`).
    pub instrument_id: i64,
    /// Codes of the units surveyed; every unit below them is included.
    pub unit_codes: Vec<String>,
    /// When answers are accepted from (RFC 3339, e.g. `2026-12-01T08:00:00+07:00`).
    pub opens_at: DateTime<FixedOffset>,
    /// When answers are accepted until (RFC 3339), after `opens_at`.
    pub closes_at: DateTime<FixedOffset>,
}

/// An instant as the wave pages take it: Jakarta wall-clock time (WIB has no daylight
/// saving, so nothing is lost but fractions of a second).
fn jakarta_local(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&JAKARTA)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The checks the wave pages make too, made first here so that the refusal names the field.
fn check_title_and_times(
    errors: &mut Vec<FieldError>,
    title: &str,
    opens_at: DateTime<FixedOffset>,
    closes_at: DateTime<FixedOffset>,
) {
    if WaveTitle::parse(title).is_err() {
        errors.push(FieldError {
            field: "title".to_owned(),
            message: "required, at most 120 characters".to_owned(),
        });
    }
    // Whole seconds, as the pages store them.
    if closes_at.timestamp() <= opens_at.timestamp() {
        errors.push(FieldError {
            field: "closes_at".to_owned(),
            message: "must come after opens_at".to_owned(),
        });
    }
}

/// Creates a draft wave for the subtrees of the given units (administrators).
#[utoipa::path(post, path = "/api/v1/waves", tag = "waves", request_body = WaveCreate,
    responses((status = 201, description = "The wave created", body = WaveDetailOut)))]
async fn create_wave(
    caller: Caller,
    ApiJson(new): ApiJson<WaveCreate>,
) -> ApiResult<(StatusCode, Json<WaveDetailOut>)> {
    let mut errors = Vec::new();
    check_title_and_times(&mut errors, &new.title, new.opens_at, new.closes_at);
    if new.unit_codes.is_empty() {
        errors.push(FieldError {
            field: "unit_codes".to_owned(),
            message: "at least one unit code".to_owned(),
        });
    }
    for (index, code) in new.unit_codes.iter().enumerate() {
        if UnitCode::parse(code).is_err() {
            errors.push(FieldError {
                field: format!("unit_codes[{index}]"),
                message: "not a unit code".to_owned(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Problem::fields(errors));
    }
    let lang = caller.lang();
    let kind = new.kind.unwrap_or(WaveKindIn::Baseline).as_str().to_owned();
    let units = new
        .unit_codes
        .iter()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(",");
    let id = caller
        .run(|| {
            ui::create_wave(
                new.title,
                kind,
                new.instrument_id,
                units,
                jakarta_local(new.opens_at),
                jakarta_local(new.closes_at),
                lang,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, Json(wave_detail(&caller, id).await?)))
}

/// The state a wave is moved to.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaveStateIn {
    Open,
    Closed,
}

/// A change of a wave's state.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaveStateChange {
    /// `open` (a draft) or `closed` (an open wave; closing is final).
    pub state: WaveStateIn,
}

/// Opens a draft wave or closes an open one (administrators). Any other change is refused
/// (422).
#[utoipa::path(post, path = "/api/v1/waves/{id}/state", tag = "waves",
    params(("id" = i64, Path, description = "The wave's id", example = 1)),
    request_body = WaveStateChange,
    responses((status = 200, description = "The wave as changed", body = WaveDetailOut)))]
async fn change_state(
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<WaveStateChange>,
) -> ApiResult<Json<WaveDetailOut>> {
    let id = wave_id(&caller, &id)?;
    let to = match change.state {
        WaveStateIn::Open => "open",
        WaveStateIn::Closed => "closed",
    }
    .to_owned();
    caller.run(|| ui::change_wave_state(id, to)).await?;
    Ok(Json(wave_detail(&caller, id).await?))
}

/// The next wave of a series.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpCreate {
    /// 1 to 120 characters.
    pub title: String,
    /// When answers are accepted from (RFC 3339).
    pub opens_at: DateTime<FixedOffset>,
    /// When answers are accepted until (RFC 3339), after `opens_at`.
    pub closes_at: DateTime<FixedOffset>,
}

/// Creates the follow-up of a wave (administrators): a draft `follow_up` wave with the same
/// units (their headcounts as they are now) and instrument, compared with this one.
#[utoipa::path(post, path = "/api/v1/waves/{id}/follow-up", tag = "waves",
    params(("id" = i64, Path, description = "The id of the wave followed up", example = 1)),
    request_body = FollowUpCreate,
    responses((status = 201, description = "The new wave", body = WaveDetailOut)))]
async fn follow_up(
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(next): ApiJson<FollowUpCreate>,
) -> ApiResult<(StatusCode, Json<WaveDetailOut>)> {
    let id = wave_id(&caller, &id)?;
    let mut errors = Vec::new();
    check_title_and_times(&mut errors, &next.title, next.opens_at, next.closes_at);
    if !errors.is_empty() {
        return Err(Problem::fields(errors));
    }
    let lang = caller.lang();
    let new_id = caller
        .run(|| {
            ui::run_wave_again(
                id,
                next.title,
                jakarta_local(next.opens_at),
                jakarta_local(next.closes_at),
                lang,
            )
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(wave_detail(&caller, new_id).await?),
    ))
}

/// An instrument version a wave can use.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstrumentOut {
    /// The `instrument_id` of a new wave.
    pub id: i64,
    /// Title and version, e.g. `Kesiapan Perubahan (v2)`.
    pub label: String,
}

impl From<InstrumentChoice> for InstrumentOut {
    fn from(choice: InstrumentChoice) -> Self {
        Self {
            id: choice.id,
            label: choice.label,
        }
    }
}

/// The instrument versions a wave can use (administrators).
#[utoipa::path(get, path = "/api/v1/instruments", tag = "waves", params(PageQuery),
    responses((status = 200, description = "A page of instrument versions",
        body = Page<InstrumentOut>)))]
async fn list_instruments(
    caller: Caller,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<InstrumentOut>>> {
    let paging = paging.checked()?;
    let choices = caller.run(ui::list_instrument_choices).await?;
    Ok(Json(Page::of(
        choices.into_iter().map(InstrumentOut::from).collect(),
        paging,
    )))
}
