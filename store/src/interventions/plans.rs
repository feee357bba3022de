//! Plans: create, read, list, edit, and move through their statuses with a history.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::interventions::{
    check_approver, check_move, status_after_edit, FundingSource, InterventionError,
    InterventionKind, InterventionStatus, InterventionTarget, InterventionTitle, LongText,
    PlanDates, Rupiah, TextField,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    conn, first_missing, milestones::milestones_of, sorted_unique, Conn, MilestoneRecord,
    IDS_PER_QUERY,
};
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{placeholders, Tx},
    Store, StoreError,
};

/// A plan to create, or what an edit makes of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIntervention {
    pub title: InterventionTitle,
    pub description: LongText,
    pub kind: InterventionKind,
    /// The change agent responsible.
    pub owner_user_id: i64,
    /// Others working on it; repeats and the owner are left out.
    pub collaborator_user_ids: Vec<i64>,
    /// At least one; repeats are ignored.
    pub unit_ids: Vec<i64>,
    /// Survey dimensions and barriers aimed at; repeats are ignored.
    pub targets: Vec<InterventionTarget>,
    pub dates: PlanDates,
    pub budget: Rupiah,
    /// `None`: not decided yet, or nothing to fund.
    pub funding_source: Option<FundingSource>,
}

/// A stored plan with its units, targets, collaborators and milestones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionRecord {
    pub id: i64,
    pub title: InterventionTitle,
    pub description: LongText,
    pub kind: InterventionKind,
    pub status: InterventionStatus,
    pub owner_user_id: i64,
    /// Ascending.
    pub collaborator_user_ids: Vec<i64>,
    /// Ascending.
    pub unit_ids: Vec<i64>,
    /// Dimensions first, then barriers, each in order.
    pub targets: Vec<InterventionTarget>,
    pub dates: PlanDates,
    pub budget: Rupiah,
    pub funding_source: Option<FundingSource>,
    /// `None` for the system, or once the user is deleted (`created_by_name` stays).
    pub created_by: Option<i64>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// By due day.
    pub milestones: Vec<MilestoneRecord>,
}

impl InterventionRecord {
    /// Whether the plan is still active after its end day on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.dates.is_overdue(self.status, today)
    }

    /// The plan's editable part, e.g. to prefill an edit form.
    pub fn plan(&self) -> NewIntervention {
        NewIntervention {
            title: self.title.clone(),
            description: self.description.clone(),
            kind: self.kind,
            owner_user_id: self.owner_user_id,
            collaborator_user_ids: self.collaborator_user_ids.clone(),
            unit_ids: self.unit_ids.clone(),
            targets: self.targets.clone(),
            dates: self.dates,
            budget: self.budget,
            funding_source: self.funding_source.clone(),
        }
    }
}

/// Which plans to list: every criterion given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionFilter {
    /// The user's scope: plans for at least one of these units. `None`: every plan (an
    /// administrator); an empty list: none.
    pub unit_ids: Option<Vec<i64>>,
    pub status: Option<InterventionStatus>,
    /// The owner's user id.
    pub owner: Option<i64>,
    pub kind: Option<InterventionKind>,
    /// Plans overdue on this day: still planned, approved or in progress after their end day.
    pub overdue_on: Option<NaiveDate>,
}

impl InterventionFilter {
    /// `WHERE ...` with numbered placeholders (bound by `bind_filter!`), or `None` when the
    /// filter can match nothing.
    fn where_clause(&self) -> Option<String> {
        let mut conditions = Vec::new();
        let mut next = 1;
        if let Some(unit_ids) = &self.unit_ids {
            if unit_ids.is_empty() {
                return None;
            }
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM intervention_units iu WHERE iu.intervention_id = i.id \
                 AND iu.unit_id IN ({}))",
                placeholders(next, unit_ids.len())
            ));
            next += unit_ids.len();
        }
        let mut condition = |text: &str| {
            conditions.push(format!("{text} ${next}"));
            next += 1;
        };
        if self.status.is_some() {
            condition("i.status =");
        }
        if self.owner.is_some() {
            condition("i.owner_user_id =");
        }
        if self.kind.is_some() {
            condition("i.kind =");
        }
        if self.overdue_on.is_some() {
            condition(&format!("i.status IN ({}) AND i.end_on <", active_list()));
        }
        Some(if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        })
    }
}

/// Binds the filter's values in the order of [`InterventionFilter::where_clause`].
macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {{
        let mut query = $query;
        if let Some(unit_ids) = &$filter.unit_ids {
            for id in unit_ids {
                query = query.bind(*id);
            }
        }
        if let Some(status) = $filter.status {
            query = query.bind(status.as_str());
        }
        if let Some(owner) = $filter.owner {
            query = query.bind(owner);
        }
        if let Some(kind) = $filter.kind {
            query = query.bind(kind.as_str());
        }
        if let Some(day) = $filter.overdue_on {
            query = query.bind(day);
        }
        query
    }};
}

/// `'planned', 'approved', 'in_progress'`: the active statuses as SQL literals.
fn active_list() -> String {
    InterventionStatus::ACTIVE
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One status a plan took: at its creation (`from` is `None`) or by a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub id: i64,
    pub intervention_id: i64,
    pub from: Option<InterventionStatus>,
    pub to: InterventionStatus,
    /// `None` for the system, or once the user is deleted (`changed_by_name` stays).
    pub changed_by: Option<i64>,
    pub changed_by_name: String,
    pub changed_at: DateTime<Utc>,
    pub note: Option<LongText>,
}

const SELECT_PLAN: &str = "SELECT i.id, i.title, i.description, i.kind, i.status, \
     i.owner_user_id, i.start_on, i.end_on, i.budget_rupiah, i.funding_source, i.created_by, \
     i.created_by_name, i.created_at, i.updated_at FROM interventions i";

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    title: String,
    description: String,
    kind: String,
    status: String,
    owner_user_id: i64,
    start_on: NaiveDate,
    end_on: NaiveDate,
    budget_rupiah: i64,
    funding_source: Option<String>,
    created_by: Option<i64>,
    created_by_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// The rows around a set of plans, by plan id.
#[derive(Default)]
struct Related {
    units: HashMap<i64, Vec<i64>>,
    collaborators: HashMap<i64, Vec<i64>>,
    targets: HashMap<i64, Vec<InterventionTarget>>,
    milestones: HashMap<i64, Vec<MilestoneRecord>>,
}

fn corrupt_plan(id: i64) -> impl Fn(InterventionError) -> StoreError {
    move |e| StoreError::corrupt(format!("intervention {id}"), e)
}

impl PlanRow {
    fn into_record(self, related: &mut Related) -> Result<InterventionRecord, StoreError> {
        let corrupt = corrupt_plan(self.id);
        let mut targets = related.targets.remove(&self.id).unwrap_or_default();
        targets.sort();
        Ok(InterventionRecord {
            title: InterventionTitle::parse(&self.title).map_err(&corrupt)?,
            description: LongText::parse(&self.description, TextField::Description)
                .map_err(&corrupt)?,
            kind: InterventionKind::parse(&self.kind).map_err(&corrupt)?,
            status: InterventionStatus::parse(&self.status).map_err(&corrupt)?,
            dates: PlanDates::new(self.start_on, self.end_on).map_err(&corrupt)?,
            budget: Rupiah::from_i64(self.budget_rupiah).map_err(&corrupt)?,
            funding_source: self
                .funding_source
                .as_deref()
                .map(FundingSource::parse)
                .transpose()
                .map_err(&corrupt)?,
            collaborator_user_ids: sorted(related.collaborators.remove(&self.id)),
            unit_ids: sorted(related.units.remove(&self.id)),
            targets,
            milestones: related.milestones.remove(&self.id).unwrap_or_default(),
            id: self.id,
            owner_user_id: self.owner_user_id,
            created_by: self.created_by,
            created_by_name: self.created_by_name,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

fn sorted(ids: Option<Vec<i64>>) -> Vec<i64> {
    let mut ids = ids.unwrap_or_default();
    ids.sort_unstable();
    ids
}

/// `(intervention_id, other id)` rows of a link table for these plans.
async fn links(
    c: &mut Conn<'_>,
    table: &'static str,
    column: &'static str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, StoreError> {
    let mut by_plan: HashMap<i64, Vec<i64>> = HashMap::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT intervention_id, {column} FROM {table} WHERE intervention_id IN ({})",
            placeholders(1, chunk.len())
        );
        let rows: Vec<(i64, i64)> = on_conn!(c, conn => {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(&mut **conn).await?
        });
        for (plan, other) in rows {
            by_plan.entry(plan).or_default().push(other);
        }
    }
    Ok(by_plan)
}

async fn targets_of(
    c: &mut Conn<'_>,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<InterventionTarget>>, StoreError> {
    let mut by_plan: HashMap<i64, Vec<InterventionTarget>> = HashMap::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT intervention_id, dimension_id, barrier_code FROM intervention_targets \
             WHERE intervention_id IN ({})",
            placeholders(1, chunk.len())
        );
        let rows: Vec<(i64, Option<String>, Option<String>)> = on_conn!(c, conn => {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(&mut **conn).await?
        });
        for (plan, dimension, barrier) in rows {
            let target = InterventionTarget::from_columns(dimension.as_deref(), barrier.as_deref())
                .map_err(corrupt_plan(plan))?;
            by_plan.entry(plan).or_default().push(target);
        }
    }
    Ok(by_plan)
}

/// The plans these rows are, with everything around them, in the rows' order.
async fn records(
    c: &mut Conn<'_>,
    rows: Vec<PlanRow>,
) -> Result<Vec<InterventionRecord>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut related = Related {
        units: links(c, "intervention_units", "unit_id", &ids).await?,
        collaborators: links(c, "intervention_collaborators", "user_id", &ids).await?,
        targets: targets_of(c, &ids).await?,
        milestones: milestones_of(c, &ids).await?,
    };
    rows.into_iter()
        .map(|row| row.into_record(&mut related))
        .collect()
}

pub(super) async fn record(
    c: &mut Conn<'_>,
    id: i64,
) -> Result<Option<InterventionRecord>, StoreError> {
    let sql = format!("{SELECT_PLAN} WHERE i.id = $1");
    let row: Option<PlanRow> = on_conn!(c, conn => {
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut **conn).await?
    });
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(records(c, vec![row]).await?.pop())
}

/// The plan's status and title, its row locked on PostgreSQL until the transaction ends (on
/// SQLite the transaction holds the write lock already). `NotFound` for an unknown plan.
pub(super) async fn lock_in(
    tx: &mut Tx,
    id: i64,
) -> Result<(InterventionStatus, InterventionTitle), StoreError> {
    let sql = match tx {
        Tx::Sqlite(_) => "SELECT status, title FROM interventions WHERE id = $1",
        Tx::Postgres(_) => "SELECT status, title FROM interventions WHERE id = $1 FOR UPDATE",
    };
    let c = &mut conn(tx);
    let row: Option<(String, String)> = on_conn!(c, conn => {
        sqlx::query_as(sql).bind(id).fetch_optional(&mut **conn).await?
    });
    let (status, title) = row.ok_or(StoreError::NotFound)?;
    let corrupt = corrupt_plan(id);
    Ok((
        InterventionStatus::parse(&status).map_err(&corrupt)?,
        InterventionTitle::parse(&title).map_err(&corrupt)?,
    ))
}

/// Like [`lock_in`], but `Conflict` for a done or cancelled plan: its content is final.
pub(super) async fn lock_open_in(
    tx: &mut Tx,
    id: i64,
) -> Result<(InterventionStatus, InterventionTitle), StoreError> {
    let (status, title) = lock_in(tx, id).await?;
    if status.is_closed() {
        return Err(StoreError::Conflict(format!(
            "the plan is {status}; it can no longer be changed"
        )));
    }
    Ok((status, title))
}

/// Sets `updated_at` of a plan whose milestones changed.
pub(super) async fn touch_in(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    let c = &mut conn(tx);
    on_conn!(c, conn => {
        sqlx::query("UPDATE interventions SET updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut **conn)
            .await?;
    });
    Ok(())
}

/// The plan's units, collaborators and targets, normalised: what is stored.
struct Links {
    unit_ids: Vec<i64>,
    collaborator_user_ids: Vec<i64>,
    targets: Vec<InterventionTarget>,
}

/// Normalises and checks what a plan refers to: at least one unit, every unit and user known.
async fn checked_links(tx: &mut Tx, plan: &NewIntervention) -> Result<Links, StoreError> {
    let unit_ids = sorted_unique(&plan.unit_ids);
    if unit_ids.is_empty() {
        return Err(StoreError::Invalid(
            "a plan needs at least one unit".to_owned(),
        ));
    }
    let mut collaborator_user_ids = sorted_unique(&plan.collaborator_user_ids);
    collaborator_user_ids.retain(|id| *id != plan.owner_user_id);
    let mut targets = plan.targets.clone();
    targets.sort();
    targets.dedup();
    let c = &mut conn(tx);
    if let Some(missing) = first_missing(c, "units", &unit_ids).await? {
        return Err(StoreError::Invalid(format!("no unit has the id {missing}")));
    }
    let mut user_ids = collaborator_user_ids.clone();
    user_ids.push(plan.owner_user_id);
    if let Some(missing) = first_missing(c, "users", &sorted_unique(&user_ids)).await? {
        return Err(StoreError::Invalid(format!("no user has the id {missing}")));
    }
    Ok(Links {
        unit_ids,
        collaborator_user_ids,
        targets,
    })
}

/// Replaces the plan's units, collaborators and targets.
async fn write_links_in(tx: &mut Tx, id: i64, links: &Links) -> Result<(), StoreError> {
    let c = &mut conn(tx);
    for table in [
        "intervention_units",
        "intervention_collaborators",
        "intervention_targets",
    ] {
        let sql = format!("DELETE FROM {table} WHERE intervention_id = $1");
        on_conn!(c, conn => {
            sqlx::query(&sql).bind(id).execute(&mut **conn).await?;
        });
    }
    for (table, column, ids) in [
        ("intervention_units", "unit_id", &links.unit_ids),
        (
            "intervention_collaborators",
            "user_id",
            &links.collaborator_user_ids,
        ),
    ] {
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let values = (0..chunk.len())
                .map(|n| format!("($1, ${})", n + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("INSERT INTO {table} (intervention_id, {column}) VALUES {values}");
            on_conn!(c, conn => {
                let mut query = sqlx::query(&sql).bind(id);
                for other in chunk {
                    query = query.bind(*other);
                }
                query.execute(&mut **conn).await?;
            });
        }
    }
    for target in &links.targets {
        let (dimension, barrier) = target.columns();
        on_conn!(c, conn => {
            sqlx::query(
                "INSERT INTO intervention_targets (intervention_id, dimension_id, barrier_code) \
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(dimension)
            .bind(barrier)
            .execute(&mut **conn)
            .await?;
        });
    }
    Ok(())
}

async fn write_history_in(
    tx: &mut Tx,
    id: i64,
    from: Option<InterventionStatus>,
    to: InterventionStatus,
    note: Option<&LongText>,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let c = &mut conn(tx);
    on_conn!(c, conn => {
        sqlx::query(
            "INSERT INTO intervention_status_history (intervention_id, from_status, to_status, \
             changed_by, changed_by_name, changed_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(from.map(InterventionStatus::as_str))
        .bind(to.as_str())
        .bind(actor.user_id)
        .bind(actor.name.as_str())
        .bind(at)
        .bind(note.map(LongText::as_str))
        .execute(&mut **conn)
        .await?;
    });
    Ok(())
}

/// Reads a plan inside its transaction, after a change.
async fn reread_in(tx: &mut Tx, id: i64) -> Result<InterventionRecord, StoreError> {
    record(&mut conn(tx), id).await?.ok_or(StoreError::NotFound)
}

/// The names of the fields `after` changes.
fn changed_fields(before: &NewIntervention, after: &NewIntervention) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    check("title", before.title != after.title);
    check("description", before.description != after.description);
    check("kind", before.kind != after.kind);
    check("owner", before.owner_user_id != after.owner_user_id);
    check(
        "collaborators",
        before.collaborator_user_ids != after.collaborator_user_ids,
    );
    check("units", before.unit_ids != after.unit_ids);
    check("targets", before.targets != after.targets);
    check("dates", before.dates != after.dates);
    check("budget", before.budget != after.budget);
    check(
        "funding_source",
        before.funding_source != after.funding_source,
    );
    changed
}

/// Who prepared the plan as it stands: its creator and whoever made the latest move to
/// planned (its creation, or an edit that returned it to review). `NotFound` for an unknown
/// plan. A move reads it in its transaction, after the plan's row is locked, so an approval
/// and an edit cannot race past each other.
async fn preparers_in(c: &mut Conn<'_>, id: i64) -> Result<Vec<Option<i64>>, StoreError> {
    let (creator, latest): (Option<Option<i64>>, Option<i64>) = on_conn!(c, conn => {
        let creator: Option<Option<i64>> =
            sqlx::query_scalar("SELECT created_by FROM interventions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **conn)
                .await?;
        let latest: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT changed_by FROM intervention_status_history \
             WHERE intervention_id = $1 AND to_status = 'planned' ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut **conn)
        .await?;
        (creator, latest.flatten())
    });
    Ok(vec![creator.ok_or(StoreError::NotFound)?, latest])
}

impl Store {
    /// Creates a plan in status planned, with its first status-history row and an
    /// `intervention_created` audit entry. `Invalid` without units, or for an unknown unit or
    /// user (owner or collaborator).
    pub async fn create_intervention(
        &self,
        new: &NewIntervention,
        actor: &Actor,
    ) -> Result<InterventionRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let links = checked_links(&mut tx, new).await?;
        let status = InterventionStatus::Planned;
        let id: i64 = {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query_scalar(
                    "INSERT INTO interventions (title, description, kind, status, owner_user_id, \
                     start_on, end_on, budget_rupiah, funding_source, created_by, \
                     created_by_name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                )
                .bind(new.title.as_str())
                .bind(new.description.as_str())
                .bind(new.kind.as_str())
                .bind(status.as_str())
                .bind(new.owner_user_id)
                .bind(new.dates.start())
                .bind(new.dates.end())
                .bind(new.budget.to_i64())
                .bind(new.funding_source.as_ref().map(FundingSource::as_str))
                .bind(actor.user_id)
                .bind(actor.name.as_str())
                .bind(at)
                .fetch_one(&mut **conn)
                .await?
            })
        };
        write_links_in(&mut tx, id, &links).await?;
        write_history_in(&mut tx, id, None, status, None, actor, at).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InterventionCreated)
            .target(new.title.as_str())
            .detail(json!({
                "intervention_id": id,
                "kind": new.kind,
                "owner_user_id": new.owner_user_id,
                "unit_ids": links.unit_ids,
                "budget_rupiah": new.budget,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        let created = reread_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The plan with this id, if any.
    pub async fn intervention(&self, id: i64) -> Result<Option<InterventionRecord>, StoreError> {
        with_pool_conn!(self, c => record(c, id).await)
    }

    /// The plans the filter selects, newest first.
    pub async fn list_interventions(
        &self,
        filter: &InterventionFilter,
    ) -> Result<Vec<InterventionRecord>, StoreError> {
        let Some(clause) = filter.where_clause() else {
            return Ok(Vec::new());
        };
        let sql = format!("{SELECT_PLAN}{clause} ORDER BY i.created_at DESC, i.id DESC");
        with_pool_conn!(self, c => {
            let rows: Vec<PlanRow> = on_conn!(c, conn => {
                bind_filter!(sqlx::query_as(&sql), filter)
                    .fetch_all(&mut **conn)
                    .await?
            });
            records(c, rows).await
        })
    }

    /// Rewrites a plan's fields, units, collaborators and targets, with an
    /// `intervention_updated` audit entry naming the fields changed. A plan already equal to
    /// `plan` is left alone and nothing is logged. The status stays, except that an approved
    /// or running plan whose approved content changes (`status_after_edit`) goes back to
    /// planned, with a status-history row by the editor. `NotFound` for an unknown plan; `Conflict`
    /// for a done or cancelled one; `Invalid` as for [`Store::create_intervention`].
    pub async fn update_intervention(
        &self,
        id: i64,
        plan: &NewIntervention,
        actor: &Actor,
    ) -> Result<InterventionRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        lock_open_in(&mut tx, id).await?;
        let before = reread_in(&mut tx, id).await?;
        let links = checked_links(&mut tx, plan).await?;
        let after = NewIntervention {
            collaborator_user_ids: links.collaborator_user_ids.clone(),
            unit_ids: links.unit_ids.clone(),
            targets: links.targets.clone(),
            ..plan.clone()
        };
        let changed = changed_fields(&before.plan(), &after);
        if changed.is_empty() {
            return Ok(before);
        }
        {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query(
                    "UPDATE interventions SET title = $1, description = $2, kind = $3, \
                     owner_user_id = $4, start_on = $5, end_on = $6, budget_rupiah = $7, \
                     funding_source = $8, updated_at = $9 WHERE id = $10",
                )
                .bind(plan.title.as_str())
                .bind(plan.description.as_str())
                .bind(plan.kind.as_str())
                .bind(plan.owner_user_id)
                .bind(plan.dates.start())
                .bind(plan.dates.end())
                .bind(plan.budget.to_i64())
                .bind(plan.funding_source.as_ref().map(FundingSource::as_str))
                .bind(at)
                .bind(id)
                .execute(&mut **conn)
                .await?;
            });
        }
        write_links_in(&mut tx, id, &links).await?;
        // An approval covers what it approved: a change of it waits for approval again,
        // whichever door the edit came through.
        let status = status_after_edit(before.status, &changed);
        let mut detail = json!({ "intervention_id": id, "changed": changed });
        if status != before.status {
            {
                let c = &mut conn(&mut tx);
                on_conn!(c, conn => {
                    sqlx::query("UPDATE interventions SET status = $1 WHERE id = $2")
                        .bind(status.as_str())
                        .bind(id)
                        .execute(&mut **conn)
                        .await?;
                });
            }
            write_history_in(&mut tx, id, Some(before.status), status, None, actor, at).await?;
            detail["returned_to_review_from"] = json!(before.status);
        }
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InterventionUpdated)
            .target(plan.title.as_str())
            .detail(detail);
        audit::append_in(&mut tx, &entry, at).await?;
        let updated = reread_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Moves a plan to `to`, with a status-history row (and the note, if any) and an
    /// `intervention_status_changed` audit entry. The move is checked with
    /// `domain::interventions::can_move` against the status the plan has inside the
    /// transaction: a refused move is a `Conflict` and writes nothing. `NotFound` for an
    /// unknown plan. Whether the actor may make the move (`required_action`) is the caller's
    /// check.
    pub async fn move_intervention(
        &self,
        id: i64,
        to: InterventionStatus,
        note: Option<&LongText>,
        actor: &Actor,
    ) -> Result<InterventionRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let (from, title) = lock_in(&mut tx, id).await?;
        check_move(from, to).map_err(|e| StoreError::Conflict(e.to_string()))?;
        if to == InterventionStatus::Approved {
            let preparers = preparers_in(&mut conn(&mut tx), id).await?;
            check_approver(actor.user_id, &preparers)
                .map_err(|e| StoreError::Conflict(e.to_string()))?;
        }
        // Only from the status just read: of two concurrent moves, the second changes nothing.
        let updated = {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query(
                    "UPDATE interventions SET status = $1, updated_at = $2 \
                     WHERE id = $3 AND status = $4",
                )
                .bind(to.as_str())
                .bind(at)
                .bind(id)
                .bind(from.as_str())
                .execute(&mut **conn)
                .await?
                .rows_affected()
            })
        };
        if updated == 0 {
            return Err(StoreError::Conflict(
                "the plan has changed meanwhile; look at it again".to_owned(),
            ));
        }
        write_history_in(&mut tx, id, Some(from), to, note, actor, at).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InterventionStatusChanged)
            .target(title.as_str())
            .detail(json!({ "intervention_id": id, "from": from, "to": to }));
        audit::append_in(&mut tx, &entry, at).await?;
        let moved = reread_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Who prepared the plan as it stands (see `domain::interventions::check_approver`): its
    /// creator and whoever made its latest move to planned. `NotFound` for an unknown plan.
    /// A plain read: the move checks again under its lock.
    pub async fn plan_preparers(&self, id: i64) -> Result<Vec<Option<i64>>, StoreError> {
        with_pool_conn!(self, c => preparers_in(c, id).await)
    }

    /// Every status the plan has had, oldest first, starting with its creation (empty for an
    /// unknown plan).
    pub async fn status_history(&self, id: i64) -> Result<Vec<StatusChange>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            intervention_id: i64,
            from_status: Option<String>,
            to_status: String,
            changed_by: Option<i64>,
            changed_by_name: String,
            changed_at: DateTime<Utc>,
            note: Option<String>,
        }
        let rows: Vec<Row> = with_pool_conn!(self, c => on_conn!(c, conn => {
            sqlx::query_as(
                "SELECT id, intervention_id, from_status, to_status, changed_by, \
                 changed_by_name, changed_at, note FROM intervention_status_history \
                 WHERE intervention_id = $1 ORDER BY changed_at, id",
            )
            .bind(id)
            .fetch_all(&mut **conn)
            .await?
        }));
        rows.into_iter()
            .map(|row| {
                let corrupt = |e| StoreError::corrupt(format!("status history {}", row.id), e);
                Ok(StatusChange {
                    from: row
                        .from_status
                        .as_deref()
                        .map(InterventionStatus::parse)
                        .transpose()
                        .map_err(corrupt)?,
                    to: InterventionStatus::parse(&row.to_status).map_err(corrupt)?,
                    note: row
                        .note
                        .as_deref()
                        .map(|note| LongText::parse(note, TextField::Comment))
                        .transpose()
                        .map_err(corrupt)?,
                    id: row.id,
                    intervention_id: row.intervention_id,
                    changed_by: row.changed_by,
                    changed_by_name: row.changed_by_name,
                    changed_at: row.changed_at,
                })
            })
            .collect()
    }

    /// The active plans (planned, approved or in progress) for these units, as
    /// `(unit_id, intervention_id, status)` by unit and plan: whether a unit is covered.
    pub async fn active_interventions_for_units(
        &self,
        unit_ids: &[i64],
    ) -> Result<Vec<(i64, i64, InterventionStatus)>, StoreError> {
        let unit_ids = sorted_unique(unit_ids);
        let mut covered = Vec::new();
        with_pool_conn!(self, c => {
            for chunk in unit_ids.chunks(IDS_PER_QUERY) {
                let sql = format!(
                    "SELECT iu.unit_id, i.id, i.status FROM intervention_units iu \
                     JOIN interventions i ON i.id = iu.intervention_id \
                     WHERE i.status IN ({}) AND iu.unit_id IN ({})",
                    active_list(),
                    placeholders(1, chunk.len())
                );
                let rows: Vec<(i64, i64, String)> = on_conn!(c, conn => {
                    let mut query = sqlx::query_as(&sql);
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    query.fetch_all(&mut **conn).await?
                });
                for (unit_id, plan_id, status) in rows {
                    let status = InterventionStatus::parse(&status).map_err(corrupt_plan(plan_id))?;
                    covered.push((unit_id, plan_id, status));
                }
            }
        });
        covered.sort_unstable_by_key(|(unit_id, plan_id, _)| (*unit_id, *plan_id));
        Ok(covered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_clause_numbers_its_placeholders() {
        assert_eq!(
            InterventionFilter::default().where_clause(),
            Some(String::new())
        );
        let nothing = InterventionFilter {
            unit_ids: Some(Vec::new()),
            ..InterventionFilter::default()
        };
        assert_eq!(nothing.where_clause(), None);
        let filter = InterventionFilter {
            unit_ids: Some(vec![4, 5]),
            kind: Some(InterventionKind::Policy),
            overdue_on: NaiveDate::from_ymd_opt(2026, 1, 1),
            ..InterventionFilter::default()
        };
        assert_eq!(
            filter.where_clause(),
            Some(
                " WHERE EXISTS (SELECT 1 FROM intervention_units iu WHERE iu.intervention_id = \
                 i.id AND iu.unit_id IN ($1, $2)) AND i.kind = $3 AND i.status IN ('planned', \
                 'approved', 'in_progress') AND i.end_on < $4"
                    .to_owned()
            )
        );
    }
}
