//! Instrument versions: saved once, never changed, so every wave keeps the exact wording its
//! respondents saw.

use chrono::{DateTime, Utc};
use domain::instrument::Instrument;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, Tx},
    Store, StoreError,
};

/// A stored instrument version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentRecord {
    pub id: i64,
    pub instrument: Instrument,
    pub content_hash: String,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
}

/// An instrument version as lists show it, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentSummary {
    pub id: i64,
    pub slug: String,
    pub version: u32,
    pub title_id: String,
    pub title_en: String,
    /// How many waves use this version.
    pub waves: i64,
    pub created_at: DateTime<Utc>,
}

const SELECT_INSTRUMENT: &str =
    "SELECT id, definition, content_hash, created_at, created_by_name FROM instruments";

#[derive(sqlx::FromRow)]
struct InstrumentRow {
    id: i64,
    definition: String,
    content_hash: String,
    created_at: DateTime<Utc>,
    created_by_name: String,
}

impl TryFrom<InstrumentRow> for InstrumentRecord {
    type Error = StoreError;

    fn try_from(row: InstrumentRow) -> Result<Self, Self::Error> {
        let instrument = Instrument::from_toml(&row.definition)
            .map_err(|e| StoreError::corrupt(format!("instrument {}", row.id), e))?;
        Ok(Self {
            id: row.id,
            instrument,
            content_hash: row.content_hash,
            created_at: row.created_at,
            created_by_name: row.created_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    slug: String,
    version: i32,
    title_id: String,
    title_en: String,
    waves: i64,
    created_at: DateTime<Utc>,
}

impl TryFrom<SummaryRow> for InstrumentSummary {
    type Error = StoreError;

    fn try_from(row: SummaryRow) -> Result<Self, Self::Error> {
        Ok(Self {
            version: u32::try_from(row.version)
                .map_err(|e| StoreError::corrupt(format!("instrument {}", row.id), e))?,
            id: row.id,
            slug: row.slug,
            title_id: row.title_id,
            title_en: row.title_en,
            waves: row.waves,
            created_at: row.created_at,
        })
    }
}

/// The version number as the INTEGER column holds it.
fn version_value(instrument: &Instrument) -> Result<i32, StoreError> {
    let version = instrument.version().get();
    i32::try_from(version).map_err(|_| {
        StoreError::Invalid(format!(
            "version {version} of {} is too large to store",
            instrument.id()
        ))
    })
}

/// The slug and version of a stored instrument, if it exists: what answers must match.
pub(super) async fn identity_in(tx: &mut Tx, id: i64) -> Result<Option<(String, i32)>, StoreError> {
    let row: Option<(String, i32)> = on_tx!(tx, conn => {
        sqlx::query_as("SELECT slug, version FROM instruments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(row)
}

impl Store {
    /// Saves an instrument version with an `instrument_saved` audit entry. Saving a version
    /// that is stored already with the same content returns the stored one and logs nothing;
    /// with other content it is a `Conflict`: versions are never changed.
    pub async fn save_instrument(
        &self,
        instrument: &Instrument,
        actor: &Actor,
    ) -> Result<InstrumentRecord, StoreError> {
        let at = clock::now();
        let version = version_value(instrument)?;
        let slug = instrument.id().as_str();
        let content_hash = instrument.content_hash();
        let mut tx = self.begin().await?;
        // DO NOTHING rather than an error: a concurrent save of the same version waits for the
        // other, then finds its row below and is answered like a repeated save.
        let inserted: Option<i64> = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO instruments (slug, version, content_hash, definition, title_id, \
                 title_en, created_at, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (slug, version) DO NOTHING RETURNING id",
            )
            .bind(slug)
            .bind(version)
            .bind(content_hash.as_str())
            .bind(instrument.to_toml())
            .bind(instrument.title().id())
            .bind(instrument.title().en())
            .bind(at)
            .bind(actor.name.as_str())
            .fetch_optional(&mut *conn)
            .await?
        });
        let Some(id) = inserted else {
            let sql = format!("{SELECT_INSTRUMENT} WHERE slug = $1 AND version = $2");
            let row: InstrumentRow = on_tx!(&mut tx, conn => {
                sqlx::query_as(&sql)
                    .bind(slug)
                    .bind(version)
                    .fetch_one(&mut *conn)
                    .await?
            });
            if row.content_hash != content_hash {
                return Err(StoreError::Conflict(format!(
                    "version {version} of {slug} exists with other content; save it as a new \
                     version"
                )));
            }
            return InstrumentRecord::try_from(row);
        };
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::InstrumentSaved)
            .target(slug)
            .detail(json!({
                "instrument_id": id,
                "version": version,
                "content_hash": content_hash,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok(InstrumentRecord {
            id,
            instrument: instrument.clone(),
            content_hash,
            created_at: at,
            created_by_name: actor.name.clone(),
        })
    }

    /// The instrument version with this id, if any.
    pub async fn instrument(&self, id: i64) -> Result<Option<InstrumentRecord>, StoreError> {
        let sql = format!("{SELECT_INSTRUMENT} WHERE id = $1");
        let row: Option<InstrumentRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        });
        row.map(InstrumentRecord::try_from).transpose()
    }

    /// Every instrument version, by slug, newest version first.
    pub async fn list_instruments(&self) -> Result<Vec<InstrumentSummary>, StoreError> {
        let rows: Vec<SummaryRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT i.id, i.slug, i.version, i.title_id, i.title_en, i.created_at, \
                 (SELECT COUNT(*) FROM waves w WHERE w.instrument_id = i.id) AS waves \
                 FROM instruments i",
            )
            .fetch_all(pool)
            .await?
        });
        let mut list = rows
            .into_iter()
            .map(InstrumentSummary::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here: PostgreSQL orders text by its collation, which may skip punctuation.
        list.sort_by(|a, b| a.slug.cmp(&b.slug).then(b.version.cmp(&a.version)));
        Ok(list)
    }
}
