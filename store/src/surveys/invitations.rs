//! Invitation tokens, issued in batches per unit of a wave and printed or sent as links.

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    units::UnitCode,
    waves::{InvitationToken, WaveState},
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::{
    waves::{wave_in, WaveRow},
    WaveRecord, ROWS_PER_INSERT,
};
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, Tx},
    Store, StoreError,
};

/// The most invitations one batch issues: more than the largest dinas has staff, few enough to
/// print and to insert in one transaction.
pub const MAX_INVITATION_BATCH: u32 = 100_000;

/// Invitations issued together for one unit of a wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationBatch {
    pub id: i64,
    pub wave_id: i64,
    pub unit_id: i64,
    pub size: u32,
    /// How many of its tokens have been used.
    pub used: u32,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
}

/// What a token opens: the wave and unit it was issued for, and whether it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub token: InvitationToken,
    pub wave: WaveRecord,
    pub unit_id: i64,
    pub unit_code: UnitCode,
    pub unit_name: String,
    pub used: bool,
}

#[derive(sqlx::FromRow)]
struct BatchRow {
    id: i64,
    wave_id: i64,
    unit_id: i64,
    size: i32,
    used: i64,
    created_at: DateTime<Utc>,
    created_by_name: String,
}

impl TryFrom<BatchRow> for InvitationBatch {
    type Error = StoreError;

    fn try_from(row: BatchRow) -> Result<Self, Self::Error> {
        let what = format!("invitation batch {}", row.id);
        let count = |value: i64| u32::try_from(value).map_err(|e| StoreError::corrupt(&what, e));
        Ok(Self {
            size: count(row.size.into())?,
            used: count(row.used)?,
            id: row.id,
            wave_id: row.wave_id,
            unit_id: row.unit_id,
            created_at: row.created_at,
            created_by_name: row.created_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    unit_id: i64,
    code: String,
    name: String,
    used_on: Option<NaiveDate>,
    #[sqlx(flatten)]
    wave: WaveRow,
}

fn new_token() -> InvitationToken {
    InvitationToken::from_random_bytes(&Uuid::new_v4().into_bytes())
}

/// Inserts `count` fresh tokens into a batch. A token that exists already (two equal draws of
/// 60 random bits: astronomically rare) is skipped by the database and drawn again.
async fn insert_tokens_in(
    tx: &mut Tx,
    batch_id: i64,
    wave_id: i64,
    unit_id: i64,
    count: usize,
) -> Result<(), StoreError> {
    let mut missing = count;
    while missing > 0 {
        let tokens: Vec<InvitationToken> = (0..missing.min(ROWS_PER_INSERT))
            .map(|_| new_token())
            .collect();
        let rows: Vec<String> = (0..tokens.len())
            .map(|n| format!("($1, $2, $3, ${})", n + 4))
            .collect();
        let sql = format!(
            "INSERT INTO invitations (batch_id, wave_id, unit_id, token) VALUES {} \
             ON CONFLICT (token) DO NOTHING",
            rows.join(", ")
        );
        let inserted = on_tx!(tx, conn => {
            let mut query = sqlx::query(&sql).bind(batch_id).bind(wave_id).bind(unit_id);
            for token in &tokens {
                query = query.bind(token.as_str());
            }
            query.execute(&mut *conn).await?.rows_affected()
        });
        if inserted == 0 {
            // Every draw taken: the random source is broken, not unlucky.
            return Err(StoreError::Conflict(
                "could not draw new invitation tokens".to_owned(),
            ));
        }
        missing = missing.saturating_sub(usize::try_from(inserted).unwrap_or(usize::MAX));
    }
    Ok(())
}

impl Store {
    /// Issues `count` new tokens for a unit of a wave, as one batch, with an
    /// `invitations_issued` audit entry that records how many, never the tokens. `NotFound`
    /// for an unknown wave; `Invalid` for a unit outside the wave or a count outside
    /// 1..=[`MAX_INVITATION_BATCH`]; `Conflict` once the wave is closed.
    pub async fn issue_invitations(
        &self,
        wave_id: i64,
        unit_id: i64,
        count: u32,
        actor: &Actor,
    ) -> Result<InvitationBatch, StoreError> {
        if !(1..=MAX_INVITATION_BATCH).contains(&count) {
            return Err(StoreError::Invalid(format!(
                "a batch has 1 to {MAX_INVITATION_BATCH} invitations, not {count}"
            )));
        }
        let size = i32::try_from(count).unwrap_or(i32::MAX);
        let at = clock::now();
        let mut tx = self.begin().await?;
        let wave = wave_in(&mut tx, wave_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if wave.state == WaveState::Closed {
            return Err(StoreError::Conflict(
                "the wave is closed: it takes no more invitations".to_owned(),
            ));
        }
        let unit_code: Option<String> = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "SELECT u.code FROM wave_units wu JOIN units u ON u.id = wu.unit_id \
                 WHERE wu.wave_id = $1 AND wu.unit_id = $2",
            )
            .bind(wave_id)
            .bind(unit_id)
            .fetch_optional(&mut *conn)
            .await?
        });
        let Some(unit_code) = unit_code else {
            return Err(StoreError::Invalid(format!(
                "unit {unit_id} is not part of the wave {}",
                wave.title
            )));
        };
        let batch_id: i64 = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO invitation_batches (wave_id, unit_id, size, created_at, \
                 created_by_name) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(wave_id)
            .bind(unit_id)
            .bind(size)
            .bind(at)
            .bind(actor.name.as_str())
            .fetch_one(&mut *conn)
            .await?
        });
        insert_tokens_in(&mut tx, batch_id, wave_id, unit_id, count as usize).await?;
        on_tx!(&mut tx, conn => {
            sqlx::query(
                "UPDATE wave_units SET issued = issued + $1 WHERE wave_id = $2 AND unit_id = $3",
            )
            .bind(size)
            .bind(wave_id)
            .bind(unit_id)
            .execute(&mut *conn)
            .await?;
        });
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InvitationsIssued)
            .target(unit_code.as_str())
            .detail(json!({
                "wave_id": wave_id,
                "unit_id": unit_id,
                "batch_id": batch_id,
                "count": count,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(InvitationBatch {
            id: batch_id,
            wave_id,
            unit_id,
            size: count,
            used: 0,
            created_at: at,
            created_by_name: actor.name.clone(),
        })
    }

    /// One batch by id, with how many of its tokens were used.
    pub async fn invitation_batch(
        &self,
        batch_id: i64,
    ) -> Result<Option<InvitationBatch>, StoreError> {
        let row: Option<BatchRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT b.id, b.wave_id, b.unit_id, b.size, b.created_at, b.created_by_name, \
                 COALESCE(b.purged_used, (SELECT COUNT(*) FROM invitations i \
                     WHERE i.batch_id = b.id AND i.used_on IS NOT NULL)) AS used \
                 FROM invitation_batches b WHERE b.id = $1",
            )
            .bind(batch_id)
            .fetch_optional(pool)
            .await?
        });
        row.map(InvitationBatch::try_from).transpose()
    }

    /// The batches issued for a unit of a wave, oldest first, with how many tokens were used.
    pub async fn invitation_batches(
        &self,
        wave_id: i64,
        unit_id: i64,
    ) -> Result<Vec<InvitationBatch>, StoreError> {
        let rows: Vec<BatchRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT b.id, b.wave_id, b.unit_id, b.size, b.created_at, b.created_by_name, \
                 COALESCE(b.purged_used, (SELECT COUNT(*) FROM invitations i \
                     WHERE i.batch_id = b.id AND i.used_on IS NOT NULL)) AS used \
                 FROM invitation_batches b WHERE b.wave_id = $1 AND b.unit_id = $2 \
                 ORDER BY b.id",
            )
            .bind(wave_id)
            .bind(unit_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(InvitationBatch::try_from).collect()
    }

    /// A batch's tokens in text order, each with whether it was used (empty for an unknown
    /// batch): what is printed and handed out.
    pub async fn batch_tokens(
        &self,
        batch_id: i64,
    ) -> Result<Vec<(InvitationToken, bool)>, StoreError> {
        let rows: Vec<(String, Option<NaiveDate>)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT token, used_on FROM invitations WHERE batch_id = $1")
                .bind(batch_id)
                .fetch_all(pool)
                .await?
        });
        let mut tokens = rows
            .into_iter()
            .map(|(token, used_on)| {
                InvitationToken::parse(&token)
                    .map(|token| (token, used_on.is_some()))
                    .map_err(|e| StoreError::corrupt(format!("a token of batch {batch_id}"), e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here, the same on both engines: PostgreSQL orders text by its collation.
        tokens.sort_unstable();
        Ok(tokens)
    }

    /// What a token opens, if it was issued.
    pub async fn invitation(
        &self,
        token: &InvitationToken,
    ) -> Result<Option<Invitation>, StoreError> {
        // One round trip with the wave: every survey page and every submission asks this.
        let row: Option<InvitationRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT i.unit_id, u.code, u.name, i.used_on, w.id, w.title, w.kind, w.state, \
                 w.instrument_id, w.previous_wave_id, w.opens_at, w.closes_at, w.created_at \
                 FROM invitations i JOIN units u ON u.id = i.unit_id \
                 JOIN waves w ON w.id = i.wave_id WHERE i.token = $1",
            )
            .bind(token.as_str())
            .fetch_optional(pool)
            .await?
        });
        let Some(row) = row else {
            return Ok(None);
        };
        let what = format!("the invitation of unit {}", row.code);
        let wave = WaveRecord::try_from(row.wave)?;
        Ok(Some(Invitation {
            token: token.clone(),
            unit_code: UnitCode::parse(&row.code).map_err(|e| StoreError::corrupt(&what, e))?,
            wave,
            unit_id: row.unit_id,
            unit_name: row.name,
            used: row.used_on.is_some(),
        }))
    }
}
