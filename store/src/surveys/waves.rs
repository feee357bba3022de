//! Waves: an instrument run in a set of units between two instants, moved from draft to open
//! to closed, and repeated as follow-ups.

use chrono::{DateTime, Utc};
use domain::{
    units::UnitCode,
    waves::{self, WaveKind, WaveSchedule, WaveState, WaveStatus, WaveTitle},
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::ROWS_PER_INSERT;
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, placeholders, Tx},
    Store, StoreError,
};

/// A wave to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWave {
    pub title: WaveTitle,
    pub kind: WaveKind,
    pub instrument_id: i64,
    pub schedule: WaveSchedule,
    /// At least one; repeats are ignored.
    pub unit_ids: Vec<i64>,
    /// The wave a follow-up is compared with.
    pub previous_wave_id: Option<i64>,
}

/// A stored wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveRecord {
    pub id: i64,
    pub title: WaveTitle,
    pub kind: WaveKind,
    pub state: WaveState,
    pub instrument_id: i64,
    pub schedule: WaveSchedule,
    pub previous_wave_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl WaveRecord {
    /// What the wave is doing at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> WaveStatus {
        waves::status(self.state, &self.schedule, now)
    }
}

/// A unit of a wave, with the figures its response rate is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveUnitRecord {
    pub unit_id: i64,
    pub code: UnitCode,
    pub name: String,
    pub parent_code: Option<UnitCode>,
    /// The unit's headcount when the wave was created.
    pub headcount: u32,
    /// Invitations issued.
    pub issued: u32,
    /// Responses stored (online and imported).
    pub responded: u32,
}

const SELECT_WAVE: &str = "SELECT id, title, kind, state, instrument_id, previous_wave_id, \
     opens_at, closes_at, created_at FROM waves";

#[derive(sqlx::FromRow)]
pub(super) struct WaveRow {
    id: i64,
    title: String,
    kind: String,
    state: String,
    instrument_id: i64,
    previous_wave_id: Option<i64>,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
}

impl TryFrom<WaveRow> for WaveRecord {
    type Error = StoreError;

    fn try_from(row: WaveRow) -> Result<Self, Self::Error> {
        let what = format!("wave {}", row.id);
        let corrupt = |e: domain::waves::WaveError| StoreError::corrupt(&what, e);
        Ok(Self {
            id: row.id,
            title: WaveTitle::parse(&row.title).map_err(corrupt)?,
            kind: WaveKind::parse(&row.kind).map_err(corrupt)?,
            state: WaveState::parse(&row.state).map_err(corrupt)?,
            instrument_id: row.instrument_id,
            schedule: WaveSchedule::new(row.opens_at, row.closes_at).map_err(corrupt)?,
            previous_wave_id: row.previous_wave_id,
            created_at: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct WaveUnitRow {
    unit_id: i64,
    code: String,
    name: String,
    parent_code: Option<String>,
    headcount: i32,
    issued: i32,
    responded: i64,
}

impl TryFrom<WaveUnitRow> for WaveUnitRecord {
    type Error = StoreError;

    fn try_from(row: WaveUnitRow) -> Result<Self, Self::Error> {
        let what = format!("wave unit {} ({})", row.unit_id, row.code);
        let code = |text: &str| UnitCode::parse(text).map_err(|e| StoreError::corrupt(&what, e));
        let count = |value: i64| u32::try_from(value).map_err(|e| StoreError::corrupt(&what, e));
        Ok(Self {
            code: code(&row.code)?,
            parent_code: row.parent_code.as_deref().map(code).transpose()?,
            headcount: count(row.headcount.into())?,
            issued: count(row.issued.into())?,
            responded: count(row.responded)?,
            unit_id: row.unit_id,
            name: row.name,
        })
    }
}

pub(super) async fn wave_in(tx: &mut Tx, id: i64) -> Result<Option<WaveRecord>, StoreError> {
    let sql = format!("{SELECT_WAVE} WHERE id = $1");
    let row: Option<WaveRow> = on_tx!(tx, conn => {
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?
    });
    row.map(WaveRecord::try_from).transpose()
}

async fn unit_ids_in(tx: &mut Tx, wave_id: i64) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> = on_tx!(tx, conn => {
        sqlx::query_scalar("SELECT unit_id FROM wave_units WHERE wave_id = $1 ORDER BY unit_id")
            .bind(wave_id)
            .fetch_all(&mut *conn)
            .await?
    });
    Ok(ids)
}

/// Creates a draft wave with its units, each with its headcount as it is now, and a
/// `wave_created` audit entry.
async fn create_in(
    tx: &mut Tx,
    new: &NewWave,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<WaveRecord, StoreError> {
    let mut unit_ids = new.unit_ids.clone();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    if unit_ids.is_empty() {
        return Err(StoreError::Invalid(
            "a wave needs at least one unit".to_owned(),
        ));
    }
    if super::instruments::identity_in(tx, new.instrument_id)
        .await?
        .is_none()
    {
        return Err(StoreError::Invalid(format!(
            "no instrument has the id {}",
            new.instrument_id
        )));
    }
    if let Some(previous) = new.previous_wave_id {
        if wave_in(tx, previous).await?.is_none() {
            return Err(StoreError::Invalid(format!(
                "no wave has the id {previous}"
            )));
        }
    }
    let id: i64 = on_tx!(tx, conn => {
        sqlx::query_scalar(
            "INSERT INTO waves (title, kind, state, instrument_id, previous_wave_id, opens_at, \
             closes_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(new.title.as_str())
        .bind(new.kind.as_str())
        .bind(WaveState::Draft.as_str())
        .bind(new.instrument_id)
        .bind(new.previous_wave_id)
        .bind(clock::stored(new.schedule.opens_at()))
        .bind(clock::stored(new.schedule.closes_at()))
        .bind(at)
        .fetch_one(&mut *conn)
        .await?
    });
    for chunk in unit_ids.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO wave_units (wave_id, unit_id, headcount, issued) \
             SELECT $1, id, headcount, 0 FROM units WHERE id IN ({})",
            placeholders(2, chunk.len())
        );
        on_tx!(tx, conn => {
            let mut query = sqlx::query(&sql).bind(id);
            for unit_id in chunk {
                query = query.bind(*unit_id);
            }
            query.execute(&mut *conn).await?;
        });
    }
    let stored = unit_ids_in(tx, id).await?;
    if let Some(missing) = unit_ids.iter().find(|id| stored.binary_search(id).is_err()) {
        return Err(StoreError::Invalid(format!("no unit has the id {missing}")));
    }
    let entry = NewAuditEntry::new(actor.clone(), AuditAction::WaveCreated)
        .target(new.title.as_str())
        .detail(json!({
            "wave_id": id,
            "kind": new.kind,
            "instrument_id": new.instrument_id,
            "units": unit_ids.len(),
            "previous_wave_id": new.previous_wave_id,
        }));
    audit::append_in(tx, &entry, at).await?;
    wave_in(tx, id).await?.ok_or(StoreError::NotFound)
}

impl Store {
    /// Creates a draft wave, with a `wave_created` audit entry. Each unit's current headcount
    /// is kept with the wave, so its response rate does not move when units are re-imported.
    /// `Invalid` without units, or for an unknown unit, instrument or previous wave.
    pub async fn create_wave(
        &self,
        new: &NewWave,
        actor: &Actor,
    ) -> Result<WaveRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let wave = create_in(&mut tx, new, actor, at).await?;
        tx.commit().await?;
        Ok(wave)
    }

    /// The wave with this id, if any.
    pub async fn wave(&self, id: i64) -> Result<Option<WaveRecord>, StoreError> {
        let sql = format!("{SELECT_WAVE} WHERE id = $1");
        let row: Option<WaveRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        });
        row.map(WaveRecord::try_from).transpose()
    }

    /// Every wave, newest first.
    pub async fn list_waves(&self) -> Result<Vec<WaveRecord>, StoreError> {
        let sql = format!("{SELECT_WAVE} ORDER BY created_at DESC, id DESC");
        let rows: Vec<WaveRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).fetch_all(pool).await?
        });
        rows.into_iter().map(WaveRecord::try_from).collect()
    }

    /// The ids of a wave's units, ascending (empty for an unknown wave).
    pub async fn wave_unit_ids(&self, wave_id: i64) -> Result<Vec<i64>, StoreError> {
        let ids: Vec<i64> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT unit_id FROM wave_units WHERE wave_id = $1 ORDER BY unit_id")
                .bind(wave_id)
                .fetch_all(pool)
                .await?
        });
        Ok(ids)
    }

    /// A wave's units by code, with headcount, invitations issued and responses stored
    /// (empty for an unknown wave). Responses are counted when asked, not kept in a counter:
    /// a counter row would make every submission in a unit wait for the one before it.
    pub async fn wave_units(&self, wave_id: i64) -> Result<Vec<WaveUnitRecord>, StoreError> {
        let rows: Vec<WaveUnitRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT wu.unit_id, u.code, u.name, p.code AS parent_code, wu.headcount, \
                 wu.issued, (SELECT COUNT(*) FROM responses r \
                     WHERE r.wave_id = wu.wave_id AND r.unit_id = wu.unit_id) AS responded \
                 FROM wave_units wu JOIN units u ON u.id = wu.unit_id \
                 LEFT JOIN units p ON p.id = u.parent_id \
                 WHERE wu.wave_id = $1",
            )
            .bind(wave_id)
            .fetch_all(pool)
            .await?
        });
        let mut units = rows
            .into_iter()
            .map(WaveUnitRecord::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here: PostgreSQL orders text by its collation, which may skip punctuation.
        units.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(units)
    }

    /// Moves a wave to `to` (draft to open, open to closed), with a `wave_state_changed` audit
    /// entry. Closing also ends the schedule now if it was to end later, so the wave shows
    /// when it really stopped; a wave closed before it opened keeps its schedule. `NotFound`
    /// for an unknown wave; `Conflict` for any other move, or if the wave changed meanwhile.
    pub async fn set_wave_state(
        &self,
        wave_id: i64,
        to: WaveState,
        actor: &Actor,
    ) -> Result<WaveRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let wave = wave_in(&mut tx, wave_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !wave.state.can_become(to) {
            return Err(StoreError::Conflict(format!(
                "the wave is {}; it cannot become {to}",
                wave.state
            )));
        }
        let schedule = wave.schedule;
        let closes_at =
            if to == WaveState::Closed && schedule.opens_at() < at && at < schedule.closes_at() {
                at
            } else {
                schedule.closes_at()
            };
        // Only from the state just read: of two concurrent moves, the second changes nothing.
        let updated = on_tx!(&mut tx, conn => {
            sqlx::query("UPDATE waves SET state = $1, closes_at = $2 WHERE id = $3 AND state = $4")
                .bind(to.as_str())
                .bind(closes_at)
                .bind(wave_id)
                .bind(wave.state.as_str())
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::Conflict(
                "the wave has changed meanwhile; look at it again".to_owned(),
            ));
        }
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::WaveStateChanged)
            .target(wave.title.as_str())
            .detail(json!({ "wave_id": wave_id, "from": wave.state, "to": to }));
        audit::append_in(&mut tx, &entry, at).await?;
        let changed = wave_in(&mut tx, wave_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(changed)
    }

    /// A new draft follow-up of a wave: same instrument and units (with their headcounts as
    /// they are now), `previous_wave_id` pointing back, and a `wave_created` audit entry.
    /// `NotFound` for an unknown wave.
    pub async fn run_again(
        &self,
        wave_id: i64,
        title: WaveTitle,
        schedule: WaveSchedule,
        actor: &Actor,
    ) -> Result<WaveRecord, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let wave = wave_in(&mut tx, wave_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let new = NewWave {
            title,
            kind: WaveKind::FollowUp,
            instrument_id: wave.instrument_id,
            schedule,
            unit_ids: unit_ids_in(&mut tx, wave_id).await?,
            previous_wave_id: Some(wave_id),
        };
        let follow_up = create_in(&mut tx, &new, actor, at).await?;
        tx.commit().await?;
        Ok(follow_up)
    }
}
