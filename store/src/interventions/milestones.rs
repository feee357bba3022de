//! A plan's milestones (steps with a due day and a done mark) and its comment thread.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::interventions::{InterventionTitle, LongText, TextField};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    conn,
    plans::{lock_in, lock_open_in, touch_in},
    Conn, IDS_PER_QUERY,
};
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{placeholders, Tx},
    Store, StoreError,
};

/// A step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneRecord {
    pub id: i64,
    pub intervention_id: i64,
    pub title: InterventionTitle,
    pub due_on: NaiveDate,
    /// The day it was done; `None` while it is not.
    pub done_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl MilestoneRecord {
    /// Whether the step is not done after its due day on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due_on < today
    }
}

/// A comment on a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentRecord {
    pub id: i64,
    pub intervention_id: i64,
    /// `None` for the system, or once the user is deleted (`author_name` stays).
    pub author_user_id: Option<i64>,
    pub author_name: String,
    pub body: LongText,
    pub created_at: DateTime<Utc>,
}

const SELECT_MILESTONE: &str =
    "SELECT id, intervention_id, title, due_on, done_on, created_at FROM milestones";

#[derive(sqlx::FromRow)]
struct MilestoneRow {
    id: i64,
    intervention_id: i64,
    title: String,
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
}

impl TryFrom<MilestoneRow> for MilestoneRecord {
    type Error = StoreError;

    fn try_from(row: MilestoneRow) -> Result<Self, Self::Error> {
        Ok(Self {
            title: InterventionTitle::parse(&row.title)
                .map_err(|e| StoreError::corrupt(format!("milestone {}", row.id), e))?,
            id: row.id,
            intervention_id: row.intervention_id,
            due_on: row.due_on,
            done_on: row.done_on,
            created_at: row.created_at,
        })
    }
}

/// The milestones of these plans by plan, each plan's by due day.
pub(super) async fn milestones_of(
    c: &mut Conn<'_>,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<MilestoneRecord>>, StoreError> {
    let mut by_plan: HashMap<i64, Vec<MilestoneRecord>> = HashMap::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "{SELECT_MILESTONE} WHERE intervention_id IN ({}) ORDER BY due_on, id",
            placeholders(1, chunk.len())
        );
        let rows: Vec<MilestoneRow> = on_conn!(c, conn => {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(&mut **conn).await?
        });
        for row in rows {
            let milestone = MilestoneRecord::try_from(row)?;
            by_plan
                .entry(milestone.intervention_id)
                .or_default()
                .push(milestone);
        }
    }
    Ok(by_plan)
}

async fn milestone_in(tx: &mut Tx, id: i64) -> Result<Option<MilestoneRecord>, StoreError> {
    let sql = format!("{SELECT_MILESTONE} WHERE id = $1");
    let c = &mut conn(tx);
    let row: Option<MilestoneRow> = on_conn!(c, conn => {
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut **conn).await?
    });
    row.map(MilestoneRecord::try_from).transpose()
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    intervention_id: i64,
    author_user_id: Option<i64>,
    author_name: String,
    body: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<CommentRow> for CommentRecord {
    type Error = StoreError;

    fn try_from(row: CommentRow) -> Result<Self, Self::Error> {
        Ok(Self {
            body: LongText::parse(&row.body, TextField::Comment)
                .map_err(|e| StoreError::corrupt(format!("comment {}", row.id), e))?,
            id: row.id,
            intervention_id: row.intervention_id,
            author_user_id: row.author_user_id,
            author_name: row.author_name,
            created_at: row.created_at,
        })
    }
}

const SELECT_COMMENT: &str = "SELECT id, intervention_id, author_user_id, author_name, body, \
     created_at FROM intervention_comments";

impl Store {
    /// Adds a milestone to a plan, with a `milestone_added` audit entry. `NotFound` for an
    /// unknown plan; `Conflict` for a done or cancelled one.
    pub async fn add_milestone(
        &self,
        intervention_id: i64,
        title: &InterventionTitle,
        due_on: NaiveDate,
        actor: &Actor,
    ) -> Result<MilestoneRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let (_, plan_title) = lock_open_in(&mut tx, intervention_id).await?;
        let id: i64 = {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query_scalar(
                    "INSERT INTO milestones (intervention_id, title, due_on, done_on, created_at) \
                     VALUES ($1, $2, $3, NULL, $4) RETURNING id",
                )
                .bind(intervention_id)
                .bind(title.as_str())
                .bind(due_on)
                .bind(at)
                .fetch_one(&mut **conn)
                .await?
            })
        };
        touch_in(&mut tx, intervention_id, at).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::MilestoneAdded)
            .target(plan_title.as_str())
            .detail(json!({
                "intervention_id": intervention_id,
                "milestone_id": id,
                "title": title,
                "due_on": due_on,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        let milestone = milestone_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(milestone)
    }

    /// Marks a milestone done on a day, or not done (`None`), with a `milestone_updated` audit
    /// entry. A milestone already so is left alone and nothing is logged. `NotFound` for an
    /// unknown milestone; `Conflict` when its plan is done or cancelled.
    pub async fn set_milestone_done(
        &self,
        milestone_id: i64,
        done_on: Option<NaiveDate>,
        actor: &Actor,
    ) -> Result<MilestoneRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let milestone = milestone_in(&mut tx, milestone_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (_, plan_title) = lock_open_in(&mut tx, milestone.intervention_id).await?;
        if milestone.done_on == done_on {
            return Ok(milestone);
        }
        {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query("UPDATE milestones SET done_on = $1 WHERE id = $2")
                    .bind(done_on)
                    .bind(milestone_id)
                    .execute(&mut **conn)
                    .await?;
            });
        }
        touch_in(&mut tx, milestone.intervention_id, at).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::MilestoneUpdated)
            .target(plan_title.as_str())
            .detail(json!({
                "intervention_id": milestone.intervention_id,
                "milestone_id": milestone_id,
                "done_on": done_on,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        let updated = milestone_in(&mut tx, milestone_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Adds a comment to a plan (also a done or cancelled one), with an
    /// `intervention_commented` audit entry (which does not repeat the text). `NotFound` for
    /// an unknown plan.
    pub async fn add_intervention_comment(
        &self,
        intervention_id: i64,
        body: &LongText,
        actor: &Actor,
    ) -> Result<CommentRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let (_, plan_title) = lock_in(&mut tx, intervention_id).await?;
        let row: CommentRow = {
            let c = &mut conn(&mut tx);
            on_conn!(c, conn => {
                sqlx::query_as(
                    "INSERT INTO intervention_comments (intervention_id, author_user_id, \
                     author_name, body, created_at) VALUES ($1, $2, $3, $4, $5) \
                     RETURNING id, intervention_id, author_user_id, author_name, body, created_at",
                )
                .bind(intervention_id)
                .bind(actor.user_id)
                .bind(actor.name.as_str())
                .bind(body.as_str())
                .bind(at)
                .fetch_one(&mut **conn)
                .await?
            })
        };
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InterventionCommented)
            .target(plan_title.as_str())
            .detail(json!({ "intervention_id": intervention_id, "comment_id": row.id }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        CommentRecord::try_from(row)
    }

    /// A plan's comments, oldest first (empty for an unknown plan).
    pub async fn intervention_comments(
        &self,
        intervention_id: i64,
    ) -> Result<Vec<CommentRecord>, StoreError> {
        let sql = format!("{SELECT_COMMENT} WHERE intervention_id = $1 ORDER BY created_at, id");
        let rows: Vec<CommentRow> = with_pool_conn!(self, c => on_conn!(c, conn => {
            sqlx::query_as(&sql).bind(intervention_id).fetch_all(&mut **conn).await?
        }));
        rows.into_iter().map(CommentRecord::try_from).collect()
    }
}
