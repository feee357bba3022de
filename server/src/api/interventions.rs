//! `/api/v1/interventions`: intervention plans — the list with the list page's filters, one
//! plan with its targets, milestones, status history and comments, and the changes the pages
//! make (start, rewrite, move along the statuses, milestones, comments). Every call goes
//! through the pages' own server functions: a plan is visible when one of its units is in
//! the caller's scope, a change needs the permission on every one of its units, and only
//! leaders and administrators approve.

use app::interventions::{self as ui, PlanDetail, PlanQuery, PlanRow, UnitName};
use axum::{
    extract::{rejection::PathRejection, Path},
    http::StatusCode,
    routing::{get, post, put},
    Json, Router,
};
use domain::{
    access::Role,
    interventions::{
        parse_date, FundingSource, InterventionError, InterventionKind, InterventionStatus,
        InterventionTarget, InterventionTitle, LongText, PlanDates, Rupiah, TextField,
    },
    units::{Locale, UnitCode},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::{ApiJson, ApiQuery},
    paging::{Page, PageQuery},
    problem::{ApiResult, FieldError, Problem, ProblemKind},
};

#[derive(OpenApi)]
#[openapi(paths(
    list_interventions,
    get_intervention,
    create_intervention,
    update_intervention,
    move_intervention,
    add_milestone,
    mark_milestone,
    add_comment
))]
pub struct InterventionsApi;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route(
            "/interventions",
            get(list_interventions).post(create_intervention),
        )
        .route(
            "/interventions/{id}",
            get(get_intervention).put(update_intervention),
        )
        .route("/interventions/{id}/status", post(move_intervention))
        .route("/interventions/{id}/milestones", post(add_milestone))
        .route(
            "/interventions/{id}/milestones/{milestone_id}",
            put(mark_milestone),
        )
        .route("/interventions/{id}/comments", post(add_comment))
}

/// The status of a plan. It moves `planned` → `approved` (leaders and administrators) →
/// `in_progress` → `done`; an open plan may be `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Planned,
    Approved,
    InProgress,
    Done,
    Cancelled,
}

impl PlanStatus {
    fn as_str(self) -> &'static str {
        InterventionStatus::from(self).as_str()
    }
}

impl From<PlanStatus> for InterventionStatus {
    fn from(status: PlanStatus) -> Self {
        match status {
            PlanStatus::Planned => InterventionStatus::Planned,
            PlanStatus::Approved => InterventionStatus::Approved,
            PlanStatus::InProgress => InterventionStatus::InProgress,
            PlanStatus::Done => InterventionStatus::Done,
            PlanStatus::Cancelled => InterventionStatus::Cancelled,
        }
    }
}

/// The type of an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Pelatihan,
    Sosialisasi,
    Coaching,
    ProcessRedesign,
    ItSystem,
    Resourcing,
    Policy,
    Other,
}

impl PlanKind {
    fn as_str(self) -> &'static str {
        InterventionKind::from(self).as_str()
    }
}

impl From<PlanKind> for InterventionKind {
    fn from(kind: PlanKind) -> Self {
        match kind {
            PlanKind::Pelatihan => InterventionKind::Pelatihan,
            PlanKind::Sosialisasi => InterventionKind::Sosialisasi,
            PlanKind::Coaching => InterventionKind::Coaching,
            PlanKind::ProcessRedesign => InterventionKind::ProcessRedesign,
            PlanKind::ItSystem => InterventionKind::ItSystem,
            PlanKind::Resourcing => InterventionKind::Resourcing,
            PlanKind::Policy => InterventionKind::Policy,
            PlanKind::Other => InterventionKind::Other,
        }
    }
}

/// A unit as plans and gaps name it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitRefOut {
    /// The unit's code, e.g. `DISKOMINFOTIK`.
    pub code: String,
    pub name: String,
}

impl From<UnitName> for UnitRefOut {
    fn from(unit: UnitName) -> Self {
        Self {
            code: unit.code,
            name: unit.name,
        }
    }
}

/// A plan as the list shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InterventionOut {
    pub id: i64,
    pub title: String,
    #[schema(value_type = PlanKind)]
    pub kind: String,
    #[schema(value_type = PlanStatus)]
    pub status: String,
    /// The display name of the change agent who owns the plan.
    pub owner_name: String,
    /// The plan's units within the caller's scope.
    pub units: Vec<UnitRefOut>,
    /// The first day, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub start_on: String,
    /// The last day, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub end_on: String,
    /// The budget in whole rupiah.
    #[schema(minimum = 0)]
    pub budget_rupiah: i64,
    /// Past its last day (Jakarta time) and neither done nor cancelled.
    pub overdue: bool,
    pub milestones_done: u64,
    pub milestones_total: u64,
    /// The statuses the caller may move the plan to now.
    #[schema(value_type = Vec<PlanStatus>)]
    pub moves: Vec<String>,
}

impl From<PlanRow> for InterventionOut {
    fn from(row: PlanRow) -> Self {
        Self {
            id: row.id,
            title: row.title,
            kind: row.kind,
            status: row.status,
            owner_name: row.owner_name,
            units: row.units.into_iter().map(UnitRefOut::from).collect(),
            start_on: row.start_on,
            end_on: row.end_on,
            budget_rupiah: rupiah(row.budget_rupiah),
            overdue: row.overdue,
            milestones_done: row.milestones_done as u64,
            milestones_total: row.milestones_total as u64,
            moves: row.moves,
        }
    }
}

/// Whole rupiah as JSON integers (every amount is below 10^15, so the conversion is exact).
pub(super) fn rupiah(amount: u64) -> i64 {
    i64::try_from(amount).unwrap_or(i64::MAX)
}

/// What a plan aims at.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetOut {
    /// The target as plans are written with it: `dimension:<id>` or `barrier:<code>`.
    pub key: String,
    /// `dimension` (a readiness dimension) or `barrier` (a barrier respondents cite).
    pub kind: String,
    /// The dimension's id or the barrier's code.
    pub code: String,
    /// The name in Bahasa Indonesia.
    pub name_id: String,
    /// The name in English.
    pub name_en: String,
}

/// A status the plan took.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusChangeOut {
    /// The status before; `null` when the plan was created.
    #[schema(value_type = Option<PlanStatus>)]
    pub from: Option<String>,
    #[schema(value_type = PlanStatus)]
    pub to: String,
    /// Who made the change (display name).
    pub by: String,
    /// When, RFC 3339.
    #[schema(format = DateTime)]
    pub at: String,
    pub note: Option<String>,
}

/// A milestone of a plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneOut {
    pub id: i64,
    pub title: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub due_on: String,
    /// The day it was marked done, `YYYY-MM-DD`; `null` while not done.
    #[schema(format = Date)]
    pub done_on: Option<String>,
    /// Past its due day and not done.
    pub overdue: bool,
}

/// A comment in a plan's thread.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentOut {
    /// The author's display name.
    pub author: String,
    /// When, RFC 3339.
    #[schema(format = DateTime)]
    pub at: String,
    pub body: String,
}

/// One plan with everything about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InterventionDetailOut {
    #[serde(flatten)]
    pub plan: InterventionOut,
    pub description: String,
    /// The user id of the owner (an active change agent).
    pub owner_id: i64,
    /// The user ids of the collaborators.
    pub collaborator_ids: Vec<i64>,
    /// The collaborators' display names, in the order of `collaborator_ids`.
    pub collaborators: Vec<String>,
    pub targets: Vec<TargetOut>,
    /// Where the money comes from, e.g. `APBD 2027`.
    pub funding_source: Option<String>,
    /// Who started the plan (display name).
    pub created_by: String,
    /// Every status the plan took, oldest first.
    pub history: Vec<StatusChangeOut>,
    pub milestones: Vec<MilestoneOut>,
    pub comments: Vec<CommentOut>,
    /// Whether the caller may change the plan, add milestones and mark them (it is open and
    /// every one of its units is the caller's to plan in).
    pub can_edit: bool,
}

impl From<PlanDetail> for InterventionDetailOut {
    fn from(detail: PlanDetail) -> Self {
        Self {
            plan: detail.row.into(),
            description: detail.description,
            owner_id: detail.owner_id,
            collaborator_ids: detail.collaborator_ids,
            collaborators: detail.collaborators,
            targets: detail
                .targets
                .into_iter()
                .map(|t| TargetOut {
                    key: format!("{}:{}", t.kind, t.code),
                    kind: t.kind,
                    code: t.code,
                    name_id: t.name_id,
                    name_en: t.name_en,
                })
                .collect(),
            funding_source: detail.funding_source,
            created_by: detail.created_by,
            history: detail
                .history
                .into_iter()
                .map(|h| StatusChangeOut {
                    from: h.from,
                    to: h.to,
                    by: h.by,
                    at: h.at,
                    note: h.note,
                })
                .collect(),
            milestones: detail
                .milestones
                .into_iter()
                .map(|m| MilestoneOut {
                    id: m.id,
                    title: m.title,
                    due_on: m.due_on,
                    done_on: m.done_on,
                    overdue: m.overdue,
                })
                .collect(),
            comments: detail
                .comments
                .into_iter()
                .map(|c| CommentOut {
                    author: c.author,
                    at: c.at,
                    body: c.body,
                })
                .collect(),
            can_edit: detail.can_edit,
        }
    }
}

/// A path's id: one that is not a number names no resource (404, like a missing one).
pub(super) fn path_id(path: Result<Path<String>, PathRejection>, locale: Locale) -> ApiResult<i64> {
    path.ok()
        .and_then(|Path(raw)| raw.trim().parse::<i64>().ok())
        .ok_or_else(|| not_found(locale))
}

/// Two path ids (a resource and one of its parts).
fn path_ids(
    path: Result<Path<(String, String)>, PathRejection>,
    locale: Locale,
) -> ApiResult<(i64, i64)> {
    path.ok()
        .and_then(|Path((a, b))| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
        .ok_or_else(|| not_found(locale))
}

fn not_found(locale: Locale) -> Problem {
    Problem::new(
        ProblemKind::NotFound,
        app::error::AppError::NotFound.message(locale),
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlansQuery {
    /// A unit's code: plans for it or any unit under it (a unit outside the caller's scope is
    /// not found).
    unit: Option<String>,
    /// Only plans in this status.
    #[param(inline)]
    status: Option<PlanStatus>,
    /// Only plans owned by this user (id).
    owner: Option<i64>,
    /// Only plans of this type.
    #[param(inline)]
    kind: Option<PlanKind>,
    /// Only plans past their last day and neither done nor cancelled.
    overdue: Option<bool>,
}

/// Plans within the caller's scope, as the list page filters them.
#[utoipa::path(get, path = "/api/v1/interventions", tag = "interventions",
    params(PlansQuery, PageQuery),
    responses((status = 200, description = "A page of plans", body = Page<InterventionOut>)))]
async fn list_interventions(
    caller: Caller,
    ApiQuery(query): ApiQuery<PlansQuery>,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<InterventionOut>>> {
    let paging = paging.checked()?;
    let query = PlanQuery {
        unit: query.unit.filter(|u| !u.trim().is_empty()),
        status: query.status.map(|s| s.as_str().to_owned()),
        owner: query.owner,
        kind: query.kind.map(|k| k.as_str().to_owned()),
        overdue: query.overdue.unwrap_or(false),
    };
    // The list page's own selection, without its alerts (they need the whole dashboard).
    let plans = caller.run(|| ui::ssr::list_plans(query)).await?;
    Ok(Json(Page::of(
        plans.into_iter().map(InterventionOut::from).collect(),
        paging,
    )))
}

/// One plan within the caller's scope (others are not found).
#[utoipa::path(get, path = "/api/v1/interventions/{id}", tag = "interventions",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, description = "The plan", body = InterventionDetailOut)))]
async fn get_intervention(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<InterventionDetailOut>> {
    let id = path_id(path, caller.locale)?;
    detail(&caller, id).await.map(Json)
}

async fn detail(caller: &Caller, id: i64) -> ApiResult<InterventionDetailOut> {
    let detail = caller.run(|| ui::get_intervention(id)).await?;
    Ok(detail.into())
}

/// A plan as it is started or rewritten. Checked whole: every refused field is named.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIn {
    /// The codes of the plan's units (at least one), each one the caller may plan in.
    #[schema(min_items = 1)]
    pub units: Vec<String>,
    /// At most 160 characters, one line.
    #[schema(max_length = 160)]
    pub title: String,
    /// At most 4000 characters.
    #[schema(max_length = 4000)]
    pub description: String,
    pub kind: PlanKind,
    /// The owner: the user id of an active change agent. When omitted, the caller, if the
    /// caller is a change agent.
    pub owner_id: Option<i64>,
    /// User ids of the collaborators.
    #[serde(default)]
    pub collaborator_ids: Vec<i64>,
    /// What the plan aims at: `dimension:<id>` (a readiness dimension) or `barrier:<code>`
    /// (a barrier respondents cite, e.g. `barrier:pelatihan`).
    #[serde(default)]
    pub targets: Vec<String>,
    /// The first day, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub start_on: String,
    /// The last day, `YYYY-MM-DD`, not before `start_on`.
    #[schema(format = Date)]
    pub end_on: String,
    /// The budget in whole rupiah (0 when omitted).
    #[schema(minimum = 0, maximum = 1000000000000000_i64)]
    pub budget_rupiah: Option<i64>,
    /// Where the money comes from, e.g. `APBD 2027`; at most 160 characters.
    pub funding_source: Option<String>,
}

/// Collects the refused fields of a request.
pub(super) struct Fields {
    locale: Locale,
    errors: Vec<FieldError>,
}

impl Fields {
    pub(super) fn new(locale: Locale) -> Self {
        Self {
            locale,
            errors: Vec::new(),
        }
    }

    pub(super) fn refuse(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Notes the domain's refusal of `field`, if any.
    pub(super) fn check<T>(
        &mut self,
        field: &str,
        result: Result<T, InterventionError>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.refuse(field, e.message(self.locale));
                None
            }
        }
    }

    /// A day written exactly `YYYY-MM-DD` (four-digit year), as every date is answered.
    pub(super) fn date(&mut self, field: &str, raw: &str) -> Option<chrono::NaiveDate> {
        let shaped = raw.len() == 10
            && raw.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            self.refuse(
                field,
                self.locale.pick(
                    "tanggal harus berbentuk YYYY-MM-DD",
                    "a date must be written YYYY-MM-DD",
                ),
            );
            return None;
        }
        self.check(field, parse_date(raw))
    }

    /// Whole rupiah: an integer from 0 to 10^15.
    pub(super) fn rupiah(&mut self, field: &str, amount: Option<i64>) -> u64 {
        let amount = amount.unwrap_or(0);
        match u64::try_from(amount) {
            Ok(amount) => {
                self.check(field, Rupiah::new(amount));
                amount
            }
            Err(_) => {
                self.refuse(
                    field,
                    self.locale.pick(
                        "harus bilangan bulat rupiah yang tidak negatif",
                        "must be a non-negative integer (whole rupiah)",
                    ),
                );
                0
            }
        }
    }

    pub(super) fn done(self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Problem::fields(self.errors))
        }
    }
}

impl PlanIn {
    /// Checks every field the same way the app layer will, naming each one refused, and
    /// fills the owner in.
    fn check(&mut self, caller: &Caller) -> ApiResult<()> {
        let locale = caller.locale;
        let mut fields = Fields::new(locale);
        if self.units.is_empty() {
            fields.refuse(
                "units",
                locale.pick("Pilih setidaknya satu unit.", "Choose at least one unit."),
            );
        }
        for (i, code) in self.units.iter().enumerate() {
            if let Err(e) = UnitCode::parse(code) {
                fields.refuse(format!("units[{i}]"), e.message(locale));
            }
        }
        fields.check("title", InterventionTitle::parse(&self.title));
        fields.check(
            "description",
            LongText::parse(&self.description, TextField::Description),
        );
        let start = fields.date("start_on", &self.start_on);
        let end = fields.date("end_on", &self.end_on);
        if let (Some(start), Some(end)) = (start, end) {
            fields.check("end_on", PlanDates::new(start, end));
        }
        fields.rupiah("budget_rupiah", self.budget_rupiah);
        if let Some(source) = self
            .funding_source
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            fields.check("funding_source", FundingSource::parse(source));
        }
        for (i, target) in self.targets.iter().enumerate() {
            let parsed = match target.split_once(':') {
                Some(("dimension", id)) => InterventionTarget::dimension(id),
                Some(("barrier", code)) => InterventionTarget::barrier(code),
                _ => InterventionTarget::barrier(target),
            };
            fields.check(&format!("targets[{i}]"), parsed);
        }
        if self.owner_id.is_none() {
            if caller.user.role == Role::ChangeAgent {
                self.owner_id = Some(caller.user.id);
            } else {
                fields.refuse(
                    "owner_id",
                    locale.pick(
                        "Pilih penanggung jawab: seorang agen perubahan yang aktif.",
                        "Choose an owner: an active change agent.",
                    ),
                );
            }
        }
        fields.done()
    }
}

/// Saves a plan through the create function of the pages: a new one, or with `id` an
/// existing one rewritten whole. Answers its id.
async fn save(caller: &Caller, id: Option<i64>, mut plan: PlanIn) -> ApiResult<i64> {
    plan.check(caller)?;
    let lang = caller.lang();
    let id = id.map(|id| id.to_string()).unwrap_or_default();
    caller
        .run(move || {
            ui::create_intervention(
                id,
                plan.units.join(","),
                plan.title,
                plan.description,
                plan.kind.as_str().to_owned(),
                plan.owner_id.map(|o| o.to_string()).unwrap_or_default(),
                plan.collaborator_ids
                    .iter()
                    .map(|c| (c.to_string(), "on".to_owned()))
                    .collect(),
                plan.targets
                    .into_iter()
                    .map(|t| (t, "on".to_owned()))
                    .collect(),
                plan.start_on,
                plan.end_on,
                plan.budget_rupiah.unwrap_or(0).to_string(),
                plan.funding_source.unwrap_or_default(),
                String::new(),
                lang,
            )
        })
        .await
}

/// Starts a plan for units the caller may plan in (change agents, leaders, administrators).
#[utoipa::path(post, path = "/api/v1/interventions", tag = "interventions",
    request_body = PlanIn,
    responses((status = 201, description = "The plan as started", body = InterventionDetailOut)))]
async fn create_intervention(
    caller: Caller,
    ApiJson(plan): ApiJson<PlanIn>,
) -> ApiResult<(StatusCode, Json<InterventionDetailOut>)> {
    let id = save(&caller, None, plan).await?;
    Ok((StatusCode::CREATED, Json(detail(&caller, id).await?)))
}

/// Rewrites an open plan whole (every one of its units, before and after, must be the
/// caller's to plan in). Its status stays; move it with `/status`.
#[utoipa::path(put, path = "/api/v1/interventions/{id}", tag = "interventions",
    params(("id" = i64, Path, description = "The plan's id")),
    request_body = PlanIn,
    responses((status = 200, description = "The plan as changed", body = InterventionDetailOut)))]
async fn update_intervention(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    ApiJson(plan): ApiJson<PlanIn>,
) -> ApiResult<Json<InterventionDetailOut>> {
    let id = path_id(path, caller.locale)?;
    let id = save(&caller, Some(id), plan).await?;
    detail(&caller, id).await.map(Json)
}

/// A move to another status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    pub status: PlanStatus,
    /// Why, for the plan's history; at most 4000 characters.
    pub note: Option<String>,
}

/// Moves a plan to another status, as the board does: approving is for leaders and
/// administrators, every other move for those who may plan in all of the plan's units.
/// A move the plan's status does not allow is refused (422).
#[utoipa::path(post, path = "/api/v1/interventions/{id}/status", tag = "interventions",
    params(("id" = i64, Path, description = "The plan's id")),
    request_body = StatusIn,
    responses((status = 200, description = "The plan in its new status", body = InterventionDetailOut)))]
async fn move_intervention(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    ApiJson(change): ApiJson<StatusIn>,
) -> ApiResult<Json<InterventionDetailOut>> {
    let id = path_id(path, caller.locale)?;
    let mut fields = Fields::new(caller.locale);
    let note = change.note.unwrap_or_default();
    fields.check("note", LongText::parse_optional(&note, TextField::Comment));
    fields.done()?;
    let lang = caller.lang();
    let to = change.status.as_str().to_owned();
    caller
        .run(|| ui::move_intervention(id, to, note, String::new(), lang))
        .await?;
    detail(&caller, id).await.map(Json)
}

/// A new milestone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneIn {
    /// At most 160 characters, one line.
    #[schema(max_length = 160)]
    pub title: String,
    /// The due day, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub due_on: String,
}

/// Adds a milestone to an open plan the caller may change.
#[utoipa::path(post, path = "/api/v1/interventions/{id}/milestones", tag = "interventions",
    params(("id" = i64, Path, description = "The plan's id")),
    request_body = MilestoneIn,
    responses((status = 201, description = "The plan with its new milestone", body = InterventionDetailOut)))]
async fn add_milestone(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    ApiJson(milestone): ApiJson<MilestoneIn>,
) -> ApiResult<(StatusCode, Json<InterventionDetailOut>)> {
    let id = path_id(path, caller.locale)?;
    let mut fields = Fields::new(caller.locale);
    fields.check("title", InterventionTitle::parse(&milestone.title));
    fields.date("due_on", &milestone.due_on);
    fields.done()?;
    let lang = caller.lang();
    caller
        .run(|| ui::add_milestone(id, milestone.title, milestone.due_on, lang))
        .await?;
    Ok((StatusCode::CREATED, Json(detail(&caller, id).await?)))
}

/// Whether a milestone is done.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDoneIn {
    /// `true`: done today (Jakarta time); `false`: not done.
    pub done: bool,
}

/// Marks a milestone of an open plan the caller may change done today, or not done.
#[utoipa::path(put, path = "/api/v1/interventions/{id}/milestones/{milestone_id}",
    tag = "interventions",
    params(
        ("id" = i64, Path, description = "The plan's id"),
        ("milestone_id" = i64, Path, description = "The milestone's id"),
    ),
    request_body = MilestoneDoneIn,
    responses((status = 200, description = "The plan with the milestone marked", body = InterventionDetailOut)))]
async fn mark_milestone(
    caller: Caller,
    path: Result<Path<(String, String)>, PathRejection>,
    ApiJson(mark): ApiJson<MilestoneDoneIn>,
) -> ApiResult<Json<InterventionDetailOut>> {
    let (id, milestone) = path_ids(path, caller.locale)?;
    let lang = caller.lang();
    caller
        .run(|| ui::mark_milestone(id, milestone, mark.done, lang))
        .await?;
    detail(&caller, id).await.map(Json)
}

/// A comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentIn {
    /// At most 4000 characters.
    #[schema(max_length = 4000)]
    pub body: String,
}

/// Adds a comment to a plan's thread (anyone who may plan in one of its units).
#[utoipa::path(post, path = "/api/v1/interventions/{id}/comments", tag = "interventions",
    params(("id" = i64, Path, description = "The plan's id")),
    request_body = CommentIn,
    responses((status = 201, description = "The plan with the new comment", body = InterventionDetailOut)))]
async fn add_comment(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    ApiJson(comment): ApiJson<CommentIn>,
) -> ApiResult<(StatusCode, Json<InterventionDetailOut>)> {
    let id = path_id(path, caller.locale)?;
    let mut fields = Fields::new(caller.locale);
    fields.check("body", LongText::parse(&comment.body, TextField::Comment));
    fields.done()?;
    let lang = caller.lang();
    caller
        .run(|| ui::comment_intervention(id, comment.body, lang))
        .await?;
    Ok((StatusCode::CREATED, Json(detail(&caller, id).await?)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_api_names_every_status_and_type_the_app_uses() {
        for status in InterventionStatus::ALL {
            let api: PlanStatus = serde_json::from_value(status.as_str().into()).unwrap();
            assert_eq!(InterventionStatus::from(api), status);
        }
        for kind in InterventionKind::ALL {
            let api: PlanKind = serde_json::from_value(kind.as_str().into()).unwrap();
            assert_eq!(InterventionKind::from(api), kind);
        }
    }
}
