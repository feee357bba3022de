//! Responses: submitted online with a token, exactly once, or imported from a file; read back
//! for the indicators and the export.

use std::{borrow::Cow, collections::HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    instrument::ValidAnswers,
    responses::ParsedResponse,
    units::UnitCode,
    waves::{jakarta_date, status, InvitationToken, WaveSchedule, WaveState, WaveStatus},
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::{answers_json, instruments::identity_in, waves::wave_in, ROWS_PER_INSERT};
use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, Tx},
    Store, StoreError,
};

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmitOutcome {
    /// The answers are stored and the token is spent.
    Stored,
    /// The token was spent before: nothing was stored.
    AlreadyUsed,
    /// No such token was issued.
    UnknownToken,
    /// The wave takes no answers now (draft, not yet open, ended or closed).
    NotAccepting(WaveStatus),
    /// [`Store::submit_checked`] only: the caller's check gave no valid answers (they are
    /// invalid, or its instrument was not at hand). Nothing was written.
    NotValidated,
}

/// A stored response as the indicators and the export read it: no id, token or time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredResponse {
    pub unit_id: i64,
    pub unit_code: UnitCode,
    /// The Jakarta day it was given (or imported) on.
    pub answered_on: NaiveDate,
    pub answers: ValidAnswers,
}

/// A token with its wave, as a submission checks it.
#[derive(sqlx::FromRow)]
struct TokenRow {
    wave_id: i64,
    instrument_id: i64,
    unit_id: i64,
    state: String,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    slug: String,
    version: i32,
}

#[derive(sqlx::FromRow)]
struct ResponseRow {
    id: String,
    unit_id: i64,
    code: String,
    answered_on: NaiveDate,
    answers: String,
}

/// `Invalid` unless `answers` answer the instrument version `slug`/`version`.
fn check_instrument(answers: &ValidAnswers, slug: &str, version: i32) -> Result<(), StoreError> {
    let answered = (
        answers.instrument().as_str(),
        i64::from(answers.version().get()),
    );
    if answered == (slug, i64::from(version)) {
        return Ok(());
    }
    Err(StoreError::Invalid(format!(
        "the answers are for version {} of {}; the wave asks version {version} of {slug}",
        answered.1, answered.0
    )))
}

/// A new response id: random, so ids say nothing about arrival order.
fn response_id() -> String {
    Uuid::new_v4().to_string()
}

/// One submission inside an open transaction: checks that the wave accepts answers now,
/// takes the answers from `answers(instrument id of the wave)` (validated by the caller,
/// before or now), spends the token only if it is unspent, and inserts the response.
/// Nothing is written unless the outcome is `Stored`; the caller commits.
pub(super) async fn submit_in<'a>(
    tx: &mut Tx,
    token: &InvitationToken,
    answers: impl FnOnce(i64) -> Option<Cow<'a, ValidAnswers>>,
    now: DateTime<Utc>,
) -> Result<SubmitOutcome, StoreError> {
    let day = jakarta_date(now);
    let row: Option<TokenRow> = on_tx!(&mut *tx, conn => {
        sqlx::query_as(
            "SELECT i.wave_id, w.instrument_id, i.unit_id, w.state, w.opens_at, w.closes_at, \
             s.slug, s.version \
             FROM invitations i JOIN waves w ON w.id = i.wave_id \
             JOIN instruments s ON s.id = w.instrument_id WHERE i.token = $1",
        )
        .bind(token.as_str())
        .fetch_optional(&mut *conn)
        .await?
    });
    let Some(row) = row else {
        return Ok(SubmitOutcome::UnknownToken);
    };
    let what = format!("wave {}", row.wave_id);
    let corrupt = |e: domain::waves::WaveError| StoreError::corrupt(&what, e);
    let state = WaveState::parse(&row.state).map_err(corrupt)?;
    let schedule = WaveSchedule::new(row.opens_at, row.closes_at).map_err(corrupt)?;
    let status = status(state, &schedule, now);
    if !status.accepts_responses() {
        return Ok(SubmitOutcome::NotAccepting(status));
    }
    let Some(answers) = answers(row.instrument_id) else {
        return Ok(SubmitOutcome::NotValidated);
    };
    check_instrument(&answers, &row.slug, row.version)?;
    // Everything that can refuse the submission comes before the first write, so a refusal
    // never leaves a half-written submission in a shared (grouped) transaction.
    let json = answers_json::to_json(&answers)?;
    let spent = on_tx!(&mut *tx, conn => {
        sqlx::query("UPDATE invitations SET used_on = $1 WHERE token = $2 AND used_on IS NULL")
            .bind(day)
            .bind(token.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    if spent == 0 {
        return Ok(SubmitOutcome::AlreadyUsed);
    }
    on_tx!(&mut *tx, conn => {
        sqlx::query(
            "INSERT INTO responses (id, wave_id, unit_id, answered_on, source, answers) \
             VALUES ($1, $2, $3, $4, 'online', $5)",
        )
        .bind(response_id())
        .bind(row.wave_id)
        .bind(row.unit_id)
        .bind(day)
        .bind(json.as_str())
        .execute(&mut *conn)
        .await?;
    });
    Ok(SubmitOutcome::Stored)
}

impl Store {
    /// Stores the answers given with `token` at `now`, exactly once. One transaction checks
    /// that the wave accepts answers now, spends the token (only if it is unspent) and stores
    /// the response; the outcome is `Stored` only once it has committed. Of concurrent
    /// submissions with one token, one is stored and the others are `AlreadyUsed`: on SQLite
    /// the transaction holds the write lock from its first statement (`BEGIN IMMEDIATE`), so
    /// they run one after the other; on PostgreSQL the spending UPDATE locks the token's row
    /// and the waiting ones find it spent. The stored row keeps only the Jakarta day. `Invalid`
    /// if the answers are for another instrument than the wave's.
    pub async fn submit_response(
        &self,
        token: &InvitationToken,
        answers: &ValidAnswers,
        now: DateTime<Utc>,
    ) -> Result<SubmitOutcome, StoreError> {
        // On SQLite every submission goes through the one writer, which commits them in
        // groups (see `writer.rs`).
        if let Some(writer) = &self.submissions {
            return writer.submit(token, answers, now).await;
        }
        let mut tx = self.begin().await?;
        let outcome = submit_in(&mut tx, token, |_| Some(Cow::Borrowed(answers)), now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// [`Store::submit_response`] for answers not validated yet: inside the transaction, once
    /// the token's row names the wave's instrument, `check(instrument id)` validates them (or
    /// gives `None`: invalid, or the instrument is not at hand). This saves the caller the
    /// look-up it would otherwise make first, one round trip per submission on PostgreSQL.
    /// `NotValidated` when `check` gives `None`, and always on SQLite, whose grouped writer
    /// takes validated answers only: the caller then looks up, validates and submits.
    pub async fn submit_checked(
        &self,
        token: &InvitationToken,
        now: DateTime<Utc>,
        check: impl FnOnce(i64) -> Option<ValidAnswers>,
    ) -> Result<SubmitOutcome, StoreError> {
        if self.submissions.is_some() {
            return Ok(SubmitOutcome::NotValidated);
        }
        let mut tx = self.begin().await?;
        let outcome = submit_in(&mut tx, token, |id| check(id).map(Cow::Owned), now).await?;
        // A refusal wrote nothing; rolling back (dropping) or committing is the same.
        tx.commit().await?;
        Ok(outcome)
    }

    /// Every response of a wave, each validated against the wave's instrument again, in the
    /// order of their random ids. `NotFound` for an unknown wave.
    pub async fn wave_responses(&self, wave_id: i64) -> Result<Vec<StoredResponse>, StoreError> {
        let wave = self.wave(wave_id).await?.ok_or(StoreError::NotFound)?;
        let instrument = self
            .instrument(wave.instrument_id)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("wave {wave_id}"), "no instrument"))?
            .instrument;
        let rows: Vec<ResponseRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.id, r.unit_id, u.code, r.answered_on, r.answers \
                 FROM responses r JOIN units u ON u.id = r.unit_id \
                 WHERE r.wave_id = $1 ORDER BY r.id",
            )
            .bind(wave_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|row| {
                let what = format!("response {}", row.id);
                Ok(StoredResponse {
                    unit_id: row.unit_id,
                    unit_code: UnitCode::parse(&row.code)
                        .map_err(|e| StoreError::corrupt(&what, e))?,
                    answered_on: row.answered_on,
                    answers: answers_json::from_json(&row.answers, &instrument)
                        .map_err(|e| StoreError::corrupt(&what, e))?,
                })
            })
            .collect()
    }

    /// Stores responses collected elsewhere (a responses CSV file, read with
    /// `domain::responses::read_responses`) in a wave, all or nothing, dated today in
    /// Jakarta, with a `responses_imported` audit entry; returns how many. Any state of the
    /// wave takes them: paper forms are often typed in after the online part has closed.
    /// `NotFound` for an unknown wave; `Invalid` if a response's unit is not in the wave or
    /// its answers are for another instrument.
    pub async fn import_responses(
        &self,
        wave_id: i64,
        responses: &[ParsedResponse],
        actor: &Actor,
    ) -> Result<u64, StoreError> {
        let at = clock::now();
        let day = jakarta_date(at);
        let mut tx = self.begin().await?;
        let wave = wave_in(&mut tx, wave_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (slug, version) = identity_in(&mut tx, wave.instrument_id)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("wave {wave_id}"), "no instrument"))?;
        let units: Vec<(String, i64)> = on_tx!(&mut tx, conn => {
            sqlx::query_as(
                "SELECT u.code, wu.unit_id FROM wave_units wu JOIN units u ON u.id = wu.unit_id \
                 WHERE wu.wave_id = $1",
            )
            .bind(wave_id)
            .fetch_all(&mut *conn)
            .await?
        });
        let units: HashMap<String, i64> = units.into_iter().collect();
        let mut rows = Vec::with_capacity(responses.len());
        for response in responses {
            check_instrument(&response.answers, &slug, version)?;
            let unit_id = units.get(response.unit.as_str()).ok_or_else(|| {
                StoreError::Invalid(format!(
                    "unit {} is not part of the wave {}",
                    response.unit, wave.title
                ))
            })?;
            rows.push((
                response_id(),
                *unit_id,
                answers_json::to_json(&response.answers)?,
            ));
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let values: Vec<String> = (0..chunk.len())
                .map(|n| {
                    let first = 3 + 3 * n;
                    format!(
                        "($1, $2, 'import', ${first}, ${}, ${})",
                        first + 1,
                        first + 2
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO responses (wave_id, answered_on, source, id, unit_id, answers) \
                 VALUES {}",
                values.join(", ")
            );
            on_tx!(&mut tx, conn => {
                let mut query = sqlx::query(&sql).bind(wave_id).bind(day);
                for (id, unit_id, answers) in chunk {
                    query = query.bind(id.as_str()).bind(*unit_id).bind(answers.as_str());
                }
                query.execute(&mut *conn).await?;
            });
        }
        let count = rows.len() as u64;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::ResponsesImported)
            .target(wave.title.as_str())
            .detail(json!({ "wave_id": wave_id, "count": count }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(count)
    }
}
