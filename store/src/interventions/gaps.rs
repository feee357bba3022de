//! The resource-gap register: what a unit lacks, linked to the plans that address it, with
//! totals by kind over a set of units (a subtree).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::interventions::{GapKind, GapStatus, LongText, Rupiah, Severity, TextField};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{conn, first_missing, plans::lock_in, sorted_unique, Conn, IDS_PER_QUERY};
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{placeholders, Tx},
    Store, StoreError,
};

/// A gap to record, or what an edit makes of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGap {
    pub unit_id: i64,
    pub kind: GapKind,
    pub description: LongText,
    pub severity: Severity,
    pub estimated_cost: Rupiah,
    pub status: GapStatus,
}

/// A recorded gap, with the plans linked to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRecord {
    pub id: i64,
    pub unit_id: i64,
    pub kind: GapKind,
    pub description: LongText,
    pub severity: Severity,
    pub estimated_cost: Rupiah,
    pub status: GapStatus,
    /// Ascending.
    pub intervention_ids: Vec<i64>,
    /// `None` for the system, or once the user is deleted (`created_by_name` stays).
    pub created_by: Option<i64>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl GapRecord {
    /// The gap's editable part, e.g. to prefill an edit form.
    pub fn gap(&self) -> NewGap {
        NewGap {
            unit_id: self.unit_id,
            kind: self.kind,
            description: self.description.clone(),
            severity: self.severity,
            estimated_cost: self.estimated_cost,
            status: self.status,
        }
    }
}

/// The gaps of one kind over a set of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapTotal {
    pub kind: GapKind,
    /// Every gap, resolved ones included.
    pub count: u64,
    pub estimated_cost: Rupiah,
    /// The gaps still open or planned.
    pub unresolved_count: u64,
    pub unresolved_cost: Rupiah,
}

const SELECT_GAP: &str = "SELECT id, unit_id, kind, description, severity, \
     estimated_cost_rupiah, status, created_by, created_by_name, created_at, updated_at \
     FROM resource_gaps";

#[derive(sqlx::FromRow)]
struct GapRow {
    id: i64,
    unit_id: i64,
    kind: String,
    description: String,
    severity: String,
    estimated_cost_rupiah: i64,
    status: String,
    created_by: Option<i64>,
    created_by_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl GapRow {
    fn into_record(self, intervention_ids: Vec<i64>) -> Result<GapRecord, StoreError> {
        let what = format!("resource gap {}", self.id);
        let corrupt = |e| StoreError::corrupt(&what, e);
        Ok(GapRecord {
            kind: GapKind::parse(&self.kind).map_err(corrupt)?,
            description: LongText::parse(&self.description, TextField::Description)
                .map_err(corrupt)?,
            severity: Severity::parse(&self.severity).map_err(corrupt)?,
            estimated_cost: Rupiah::from_i64(self.estimated_cost_rupiah).map_err(corrupt)?,
            status: GapStatus::parse(&self.status).map_err(corrupt)?,
            intervention_ids,
            id: self.id,
            unit_id: self.unit_id,
            created_by: self.created_by,
            created_by_name: self.created_by_name,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// These gaps with their linked plans, in the rows' order.
async fn records(c: &mut Conn<'_>, rows: Vec<GapRow>) -> Result<Vec<GapRecord>, StoreError> {
    let mut links: HashMap<i64, Vec<i64>> = HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT gap_id, intervention_id FROM gap_interventions WHERE gap_id IN ({})",
            placeholders(1, chunk.len())
        );
        let pairs: Vec<(i64, i64)> = on_conn!(c, conn => {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(&mut **conn).await?
        });
        for (gap, plan) in pairs {
            links.entry(gap).or_default().push(plan);
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut plans = links.remove(&row.id).unwrap_or_default();
            plans.sort_unstable();
            row.into_record(plans)
        })
        .collect()
}

async fn gap_by_id(c: &mut Conn<'_>, id: i64) -> Result<Option<GapRecord>, StoreError> {
    let sql = format!("{SELECT_GAP} WHERE id = $1");
    let row: Option<GapRow> = on_conn!(c, conn => {
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut **conn).await?
    });
    match row {
        Some(row) => Ok(records(c, vec![row]).await?.pop()),
        None => Ok(None),
    }
}

/// The gap, its row locked on PostgreSQL until the transaction ends. `NotFound` if unknown.
async fn lock_gap_in(tx: &mut Tx, id: i64) -> Result<GapRecord, StoreError> {
    if let Tx::Postgres(tx) = tx {
        sqlx::query("SELECT id FROM resource_gaps WHERE id = $1 FOR UPDATE")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    gap_by_id(&mut conn(tx), id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The unit's code for the audit entry's target. `Invalid` for an unknown unit.
async fn unit_code_in(tx: &mut Tx, unit_id: i64) -> Result<String, StoreError> {
    let c = &mut conn(tx);
    if first_missing(c, "units", &[unit_id]).await?.is_some() {
        return Err(StoreError::Invalid(format!("no unit has the id {unit_id}")));
    }
    let code: String = on_conn!(c, conn => {
        sqlx::query_scalar("SELECT code FROM units WHERE id = $1")
            .bind(unit_id)
            .fetch_one(&mut **conn)
            .await?
    });
    Ok(code)
}

fn gap_detail(id: i64, gap: &NewGap) -> serde_json::Value {
    json!({
        "gap_id": id,
        "unit_id": gap.unit_id,
        "kind": gap.kind,
        "severity": gap.severity,
        "estimated_cost_rupiah": gap.estimated_cost,
        "status": gap.status,
    })
}

/// The names of the fields `after` changes.
fn changed_fields(before: &NewGap, after: &NewGap) -> Vec<&'static str> {
    [
        ("unit", before.unit_id != after.unit_id),
        ("kind", before.kind != after.kind),
        ("description", before.description != after.description),
        ("severity", before.severity != after.severity),
        (
            "estimated_cost",
            before.estimated_cost != after.estimated_cost,
        ),
        ("status", before.status != after.status),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect()
}

/// `WHERE unit_id IN (...)` for one chunk of a scope, or nothing for every unit.
fn scope_clause(chunk: Option<&[i64]>) -> String {
    match chunk {
        Some(ids) => format!(" WHERE unit_id IN ({})", placeholders(1, ids.len())),
        None => String::new(),
    }
}

/// The scope in chunks of ids (`None`: one pass over every unit; an empty scope: no pass).
fn scope_chunks(unit_ids: Option<&[i64]>) -> Vec<Option<Vec<i64>>> {
    match unit_ids {
        None => vec![None],
        Some(ids) => sorted_unique(ids)
            .chunks(IDS_PER_QUERY)
            .map(|chunk| Some(chunk.to_vec()))
            .collect(),
    }
}

impl Store {
    /// Records a gap of a unit, with a `gap_created` audit entry. `Invalid` for an unknown
    /// unit.
    pub async fn create_gap(&self, gap: &NewGap, actor: &Actor) -> Result<GapRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let code = unit_code_in(&mut tx, gap.unit_id).await?;
        let id: i64 = {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query_scalar(
                    "INSERT INTO resource_gaps (unit_id, kind, description, severity, \
                     estimated_cost_rupiah, status, created_by, created_by_name, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                )
                .bind(gap.unit_id)
                .bind(gap.kind.as_str())
                .bind(gap.description.as_str())
                .bind(gap.severity.as_str())
                .bind(gap.estimated_cost.to_i64())
                .bind(gap.status.as_str())
                .bind(actor.user_id)
                .bind(actor.name.as_str())
                .bind(at)
                .fetch_one(&mut **conn)
                .await?
            })
        };
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::GapCreated)
            .target(code)
            .detail(gap_detail(id, gap));
        audit::append_in(&mut tx, &entry, at).await?;
        let created = gap_by_id(&mut conn(&mut tx), id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(created)
    }

    /// Rewrites a gap (its unit too), with a `gap_updated` audit entry naming the fields
    /// changed. A gap already equal to `gap` is left alone and nothing is logged. `NotFound`
    /// for an unknown gap; `Invalid` for an unknown unit.
    pub async fn update_gap(
        &self,
        id: i64,
        gap: &NewGap,
        actor: &Actor,
    ) -> Result<GapRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let before = lock_gap_in(&mut tx, id).await?;
        let changed = changed_fields(&before.gap(), gap);
        if changed.is_empty() {
            return Ok(before);
        }
        let code = unit_code_in(&mut tx, gap.unit_id).await?;
        {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query(
                    "UPDATE resource_gaps SET unit_id = $1, kind = $2, description = $3, \
                     severity = $4, estimated_cost_rupiah = $5, status = $6, updated_at = $7 \
                     WHERE id = $8",
                )
                .bind(gap.unit_id)
                .bind(gap.kind.as_str())
                .bind(gap.description.as_str())
                .bind(gap.severity.as_str())
                .bind(gap.estimated_cost.to_i64())
                .bind(gap.status.as_str())
                .bind(at)
                .bind(id)
                .execute(&mut **conn)
                .await?;
            });
        }
        let mut detail = gap_detail(id, gap);
        detail["changed"] = json!(changed);
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::GapUpdated)
            .target(code)
            .detail(detail);
        audit::append_in(&mut tx, &entry, at).await?;
        let updated = gap_by_id(&mut conn(&mut tx), id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(updated)
    }

    /// The gap with this id, if any.
    pub async fn gap(&self, id: i64) -> Result<Option<GapRecord>, StoreError> {
        with_pool_conn!(self, c => gap_by_id(c, id).await)
    }

    /// The gaps of these units (`None`: of every unit), by unit, oldest first.
    pub async fn list_gaps(&self, unit_ids: Option<&[i64]>) -> Result<Vec<GapRecord>, StoreError> {
        let mut gaps = Vec::new();
        with_pool_conn!(self, c => {
            for chunk in scope_chunks(unit_ids) {
                let sql = format!("{SELECT_GAP}{}", scope_clause(chunk.as_deref()));
                let rows: Vec<GapRow> = on_conn!(c, conn => {
                    let mut query = sqlx::query_as(&sql);
                    for id in chunk.iter().flatten() {
                        query = query.bind(*id);
                    }
                    query.fetch_all(&mut **conn).await?
                });
                gaps.extend(records(c, rows).await?);
            }
        });
        gaps.sort_by_key(|gap| (gap.unit_id, gap.created_at, gap.id));
        Ok(gaps)
    }

    /// Links a gap to a plan that addresses it, with a `gap_linked` audit entry. Returns
    /// whether a link was made: linking again writes nothing. `NotFound` for an unknown gap or
    /// plan.
    pub async fn link_gap(
        &self,
        gap_id: i64,
        intervention_id: i64,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        self.set_gap_link(gap_id, intervention_id, true, actor)
            .await
    }

    /// Removes a gap's link to a plan, with a `gap_unlinked` audit entry. Returns whether
    /// there was a link. `NotFound` for an unknown gap or plan.
    pub async fn unlink_gap(
        &self,
        gap_id: i64,
        intervention_id: i64,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        self.set_gap_link(gap_id, intervention_id, false, actor)
            .await
    }

    async fn set_gap_link(
        &self,
        gap_id: i64,
        intervention_id: i64,
        linked: bool,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let gap = lock_gap_in(&mut tx, gap_id).await?;
        let (_, title) = lock_in(&mut tx, intervention_id).await?;
        if gap.intervention_ids.contains(&intervention_id) == linked {
            return Ok(false);
        }
        let sql = if linked {
            "INSERT INTO gap_interventions (gap_id, intervention_id) VALUES ($1, $2)"
        } else {
            "DELETE FROM gap_interventions WHERE gap_id = $1 AND intervention_id = $2"
        };
        {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query(sql)
                    .bind(gap_id)
                    .bind(intervention_id)
                    .execute(&mut **conn)
                    .await?;
            });
        }
        let action = if linked {
            AuditAction::GapLinked
        } else {
            AuditAction::GapUnlinked
        };
        let entry = NewAuditEntry::new(actor.clone(), action)
            .target(title.as_str())
            .detail(json!({ "gap_id": gap_id, "intervention_id": intervention_id }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The gaps of these units (`None`: of every unit) by kind, one total per kind in
    /// `GapKind::ALL` order (zero where a kind has none): the caller passes a unit subtree.
    pub async fn gap_totals(&self, unit_ids: Option<&[i64]>) -> Result<Vec<GapTotal>, StoreError> {
        // (count, cost, unresolved count, unresolved cost) by kind.
        let mut sums: HashMap<String, [i64; 4]> = HashMap::new();
        let resolved = GapStatus::Resolved.as_str();
        with_pool_conn!(self, c => {
            for chunk in scope_chunks(unit_ids) {
                let sql = format!(
                    "SELECT kind, COUNT(*), CAST(SUM(estimated_cost_rupiah) AS BIGINT), \
                     CAST(SUM(CASE WHEN status <> '{resolved}' THEN 1 ELSE 0 END) AS BIGINT), \
                     CAST(SUM(CASE WHEN status <> '{resolved}' THEN estimated_cost_rupiah \
                         ELSE 0 END) AS BIGINT) \
                     FROM resource_gaps{} GROUP BY kind",
                    scope_clause(chunk.as_deref())
                );
                let rows: Vec<(String, i64, i64, i64, i64)> = on_conn!(c, conn => {
                    let mut query = sqlx::query_as(&sql);
                    for id in chunk.iter().flatten() {
                        query = query.bind(*id);
                    }
                    query.fetch_all(&mut **conn).await?
                });
                for (kind, count, cost, open_count, open_cost) in rows {
                    let sum = sums.entry(kind).or_default();
                    for (total, value) in sum.iter_mut().zip([count, cost, open_count, open_cost]) {
                        *total = total.saturating_add(value);
                    }
                }
            }
        });
        for kind in sums.keys() {
            GapKind::parse(kind).map_err(|e| StoreError::corrupt("resource gaps", e))?;
        }
        let amount = |value: i64| {
            Rupiah::from_i64(value).map_err(|e| StoreError::corrupt("resource gap totals", e))
        };
        let number = |value: i64| {
            u64::try_from(value).map_err(|e| StoreError::corrupt("resource gap totals", e))
        };
        GapKind::ALL
            .iter()
            .map(|kind| {
                let [count, cost, open_count, open_cost] =
                    sums.get(kind.as_str()).copied().unwrap_or_default();
                Ok(GapTotal {
                    kind: *kind,
                    count: number(count)?,
                    estimated_cost: amount(cost)?,
                    unresolved_count: number(open_count)?,
                    unresolved_cost: amount(open_cost)?,
                })
            })
            .collect()
    }
}
