//! Organisational units (the tree readiness is measured on), their import, edits and history.

use chrono::{DateTime, Utc};
use domain::units::{
    csv::{ImportPlan, PlanStep, UnitUpdate},
    Headcount, Unit, UnitCode, UnitKind, UnitName,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, placeholders, Tx},
    Store, StoreError,
};

/// A stored unit: its database id, the unit (parent as a code), and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    pub id: i64,
    pub unit: Unit,
    pub updated_at: DateTime<Utc>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
}

/// One change to a unit: the unit before and after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHistoryRecord {
    pub id: i64,
    pub unit_id: i64,
    pub changed_at: DateTime<Utc>,
    /// `None` for the system, or once the user is deleted (`changed_by_name` stays).
    pub changed_by: Option<i64>,
    pub changed_by_name: String,
    pub before: Unit,
    pub after: Unit,
}

/// The columns of a [`UnitRow`], the parent as its code.
const SELECT_UNIT: &str =
    "SELECT u.id, u.code, u.name, u.kind, p.code AS parent_code, u.headcount, \
     u.updated_at FROM units u LEFT JOIN units p ON p.id = u.parent_id";

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    parent_code: Option<String>,
    headcount: i32,
    updated_at: DateTime<Utc>,
}

impl TryFrom<UnitRow> for UnitRecord {
    type Error = StoreError;

    fn try_from(row: UnitRow) -> Result<Self, Self::Error> {
        let what = format!("unit {} ({})", row.id, row.code);
        let corrupt = |e: domain::units::UnitError| StoreError::corrupt(&what, e);
        let headcount = u32::try_from(row.headcount)
            .map_err(|_| StoreError::corrupt(&what, "negative headcount"))
            .and_then(|h| Headcount::new(h).map_err(corrupt))?;
        let unit = Unit {
            code: UnitCode::parse(&row.code).map_err(corrupt)?,
            name: UnitName::parse(&row.name).map_err(corrupt)?,
            kind: UnitKind::parse(&row.kind).map_err(corrupt)?,
            parent: row
                .parent_code
                .as_deref()
                .map(UnitCode::parse)
                .transpose()
                .map_err(corrupt)?,
            headcount,
        };
        Ok(Self {
            id: row.id,
            unit,
            updated_at: row.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    unit_id: i64,
    changed_at: DateTime<Utc>,
    changed_by: Option<i64>,
    changed_by_name: String,
    before: String,
    after: String,
}

impl TryFrom<HistoryRow> for UnitHistoryRecord {
    type Error = StoreError;

    fn try_from(row: HistoryRow) -> Result<Self, Self::Error> {
        let parse = |text: &str| {
            serde_json::from_str::<Unit>(text)
                .map_err(|e| StoreError::corrupt(format!("unit history {}", row.id), e))
        };
        Ok(Self {
            id: row.id,
            unit_id: row.unit_id,
            changed_at: row.changed_at,
            changed_by: row.changed_by,
            before: parse(&row.before)?,
            after: parse(&row.after)?,
            changed_by_name: row.changed_by_name,
        })
    }
}

fn stale(code: &UnitCode) -> StoreError {
    StoreError::Conflict(format!(
        "unit {code} has changed since the change was prepared; check it again"
    ))
}

async fn unit_in(tx: &mut Tx, code: &UnitCode) -> Result<Option<UnitRecord>, StoreError> {
    let sql = format!("{SELECT_UNIT} WHERE u.code = $1");
    let row: Option<UnitRow> = on_tx!(tx, conn => {
        sqlx::query_as(&sql).bind(code.as_str()).fetch_optional(&mut *conn).await?
    });
    row.map(UnitRecord::try_from).transpose()
}

async fn unit_id_in(tx: &mut Tx, code: &UnitCode) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = on_tx!(tx, conn => {
        sqlx::query_scalar("SELECT id FROM units WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(id)
}

/// The id of `unit`'s parent, which must exist.
async fn parent_id_in(tx: &mut Tx, unit: &Unit) -> Result<Option<i64>, StoreError> {
    let Some(parent) = &unit.parent else {
        return Ok(None);
    };
    match unit_id_in(tx, parent).await? {
        Some(id) => Ok(Some(id)),
        None => Err(StoreError::Invalid(format!(
            "the parent {parent} of unit {} does not exist",
            unit.code
        ))),
    }
}

async fn insert_unit_in(tx: &mut Tx, unit: &Unit, at: DateTime<Utc>) -> Result<i64, StoreError> {
    let parent_id = parent_id_in(tx, unit).await?;
    let inserted: Result<i64, StoreError> = on_tx!(tx, conn => {
        sqlx::query_scalar(
            "INSERT INTO units (code, name, kind, parent_id, headcount, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(unit.code.as_str())
        .bind(unit.name.as_str())
        .bind(unit.kind.as_str())
        .bind(parent_id)
        .bind(headcount_value(unit.headcount))
        .bind(at)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::from)
    });
    inserted.map_err(|e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict(format!("a unit with the code {} exists already", unit.code))
        }
        other => other,
    })
}

/// Headcounts are at most a million: they fit a 32-bit INTEGER column.
fn headcount_value(headcount: Headcount) -> i32 {
    i32::try_from(headcount.get()).unwrap_or(i32::MAX)
}

/// Rewrites unit `id` from `before` to `after`, provided it is still `before` (another admin
/// may have changed it meanwhile: then nothing is written and the caller gets a conflict).
async fn update_unit_in(
    tx: &mut Tx,
    id: i64,
    before: &Unit,
    after: &Unit,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before_parent = match &before.parent {
        None => None,
        Some(code) => Some(
            unit_id_in(tx, code)
                .await?
                .ok_or_else(|| stale(&before.code))?,
        ),
    };
    let after_parent = parent_id_in(tx, after).await?;
    let updated = on_tx!(tx, conn => {
        sqlx::query(
            "UPDATE units SET name = $1, kind = $2, parent_id = $3, headcount = $4, updated_at = $5 \
             WHERE id = $6 AND name = $7 AND kind = $8 AND headcount = $9 \
             AND parent_id IS NOT DISTINCT FROM $10",
        )
        .bind(after.name.as_str())
        .bind(after.kind.as_str())
        .bind(after_parent)
        .bind(headcount_value(after.headcount))
        .bind(at)
        .bind(id)
        .bind(before.name.as_str())
        .bind(before.kind.as_str())
        .bind(headcount_value(before.headcount))
        .bind(before_parent)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    if updated == 0 {
        return Err(stale(&before.code));
    }
    Ok(())
}

fn unit_json(unit: &Unit) -> Result<String, StoreError> {
    serde_json::to_string(unit)
        .map_err(|e| StoreError::Invalid(format!("unit {} as JSON: {e}", unit.code)))
}

async fn write_history_in(
    tx: &mut Tx,
    unit_id: i64,
    at: DateTime<Utc>,
    actor: &Actor,
    before: &Unit,
    after: &Unit,
) -> Result<(), StoreError> {
    let (before, after) = (unit_json(before)?, unit_json(after)?);
    on_tx!(tx, conn => {
        sqlx::query(
            "INSERT INTO unit_history (unit_id, changed_at, changed_by, changed_by_name, before, after) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(unit_id)
        .bind(at)
        .bind(actor.user_id)
        .bind(actor.name.as_str())
        .bind(before.as_str())
        .bind(after.as_str())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// The whole organisation is still one tree: at most one root, and every unit reachable from
/// it (a unit moved under its own descendant would not be).
async fn check_tree_in(tx: &mut Tx) -> Result<(), StoreError> {
    let (roots, total, reached): (i64, i64, i64) = on_tx!(tx, conn => {
        sqlx::query_as(
            "WITH RECURSIVE reach (id) AS ( \
                 SELECT id FROM units WHERE parent_id IS NULL \
                 UNION \
                 SELECT u.id FROM units u JOIN reach r ON u.parent_id = r.id \
             ) \
             SELECT (SELECT COUNT(*) FROM units WHERE parent_id IS NULL), \
                    (SELECT COUNT(*) FROM units), \
                    (SELECT COUNT(*) FROM reach)",
        )
        .fetch_one(&mut *conn)
        .await?
    });
    if roots > 1 {
        return Err(StoreError::Invalid(
            "the organisation would have more than one root unit".to_owned(),
        ));
    }
    if reached < total {
        return Err(StoreError::Invalid(
            "a unit would be placed under itself or its own descendant".to_owned(),
        ));
    }
    Ok(())
}

impl Store {
    /// How many organisational units the database holds.
    pub async fn count_units(&self) -> Result<i64, StoreError> {
        let count: i64 = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM units").fetch_one(pool).await?
        });
        Ok(count)
    }

    /// Every unit, in the order they were created (parents before children unless a unit was
    /// later moved under a newer one; `domain::units::parents_first` orders them for display).
    pub async fn list_units(&self) -> Result<Vec<UnitRecord>, StoreError> {
        let sql = format!("{SELECT_UNIT} ORDER BY u.id");
        let rows: Vec<UnitRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).fetch_all(pool).await?
        });
        rows.into_iter().map(UnitRecord::try_from).collect()
    }

    /// The unit with this code, if any.
    pub async fn unit_by_code(&self, code: &UnitCode) -> Result<Option<UnitRecord>, StoreError> {
        let sql = format!("{SELECT_UNIT} WHERE u.code = $1");
        let row: Option<UnitRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(code.as_str()).fetch_optional(pool).await?
        });
        row.map(UnitRecord::try_from).transpose()
    }

    /// Commits an import plan (from `domain::units::csv::import_units` against the units
    /// stored now) in one transaction: creates in order, parents resolved by code; each update
    /// with a history row; one `units_imported` audit entry. If anything fails, or a unit
    /// changed since the plan was made (`Conflict`), nothing is written.
    pub async fn apply_unit_import(
        &self,
        plan: &ImportPlan,
        actor: &Actor,
    ) -> Result<ImportOutcome, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let mut outcome = ImportOutcome::default();
        for step in plan.steps() {
            match step {
                PlanStep::Create { unit } => {
                    insert_unit_in(&mut tx, unit, at).await?;
                    outcome.created += 1;
                }
                PlanStep::Update { update } => {
                    let id = unit_id_in(&mut tx, update.code())
                        .await?
                        .ok_or_else(|| stale(update.code()))?;
                    update_unit_in(&mut tx, id, update.before(), update.after(), at).await?;
                    write_history_in(&mut tx, id, at, actor, update.before(), update.after())
                        .await?;
                    outcome.updated += 1;
                }
            }
        }
        check_tree_in(&mut tx).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::UnitsImported).detail(json!({
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": plan.unchanged(),
        }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Changes one unit's name, kind, parent or headcount (its code stays), with a history row
    /// and a `unit_updated` audit entry, in one transaction. `NotFound` if no unit has the
    /// code; `Invalid` for an unknown parent or one that would make a loop. A unit already
    /// equal to `unit` is left alone and nothing is logged.
    pub async fn update_unit(
        &self,
        code: &UnitCode,
        unit: Unit,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        if unit.code != *code {
            return Err(StoreError::Invalid(format!(
                "the code of unit {code} cannot change (to {})",
                unit.code
            )));
        }
        let at = clock::now();
        let mut tx = self.begin().await?;
        let current = unit_in(&mut tx, code).await?.ok_or(StoreError::NotFound)?;
        let Some(update) = UnitUpdate::new(current.unit, unit) else {
            return Ok(());
        };
        update_unit_in(&mut tx, current.id, update.before(), update.after(), at).await?;
        write_history_in(
            &mut tx,
            current.id,
            at,
            actor,
            update.before(),
            update.after(),
        )
        .await?;
        check_tree_in(&mut tx).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::UnitUpdated)
            .target(code.as_str())
            .detail(json!({ "changed": update.changed_columns() }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The changes to a unit, newest first; `None` if no unit has the code.
    pub async fn unit_history(
        &self,
        code: &UnitCode,
    ) -> Result<Option<Vec<UnitHistoryRecord>>, StoreError> {
        let Some(unit) = self.unit_by_code(code).await? else {
            return Ok(None);
        };
        let rows: Vec<HistoryRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, unit_id, changed_at, changed_by, changed_by_name, before, after \
                 FROM unit_history WHERE unit_id = $1 ORDER BY changed_at DESC, id DESC",
            )
            .bind(unit.id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(UnitHistoryRecord::try_from)
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// The ids of the given units and of every unit below them, ascending, each once. Unknown
    /// ids are ignored.
    pub async fn subtree_unit_ids(&self, root_ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        if root_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "WITH RECURSIVE subtree (id) AS ( \
                 SELECT id FROM units WHERE id IN ({}) \
                 UNION \
                 SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id \
             ) \
             SELECT id FROM subtree ORDER BY id",
            placeholders(1, root_ids.len())
        );
        let ids: Vec<i64> = on_pool!(self, pool => {
            let mut query = sqlx::query_scalar(&sql);
            for id in root_ids {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await?
        });
        Ok(ids)
    }

    /// The codes of a unit's ancestors, root first, without the unit itself (empty for the
    /// root): a breadcrumb. `None` if no unit has the code.
    pub async fn unit_ancestors_codes(
        &self,
        code: &UnitCode,
    ) -> Result<Option<Vec<UnitCode>>, StoreError> {
        // The depth bound only guards against a loop in corrupt data.
        let rows: Vec<(String, i32)> = on_pool!(self, pool => {
            sqlx::query_as(
                "WITH RECURSIVE chain (id, code, parent_id, depth) AS ( \
                     SELECT id, code, parent_id, 0 FROM units WHERE code = $1 \
                     UNION ALL \
                     SELECT u.id, u.code, u.parent_id, c.depth + 1 \
                     FROM units u JOIN chain c ON u.id = c.parent_id WHERE c.depth < 1000 \
                 ) \
                 SELECT code, depth FROM chain ORDER BY depth DESC",
            )
            .bind(code.as_str())
            .fetch_all(pool)
            .await?
        });
        if rows.is_empty() {
            return Ok(None);
        }
        rows.into_iter()
            .filter(|(_, depth)| *depth > 0)
            .map(|(code, _)| {
                UnitCode::parse(&code).map_err(|e| StoreError::corrupt(format!("unit {code}"), e))
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }
}
