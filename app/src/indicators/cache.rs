//! Computed indicators per wave, kept until the wave's response count changes.
//!
//! Computing a wave reads every response and runs the whole pipeline (about half a second
//! for a million responses); asking the database how many responses the wave has is one
//! indexed COUNT. Responses are only ever added, so an unchanged count means unchanged
//! figures: each server instance checks the count on every read and recomputes only when it
//! moved, which keeps several instances on one database right without telling each other.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{Arc, Mutex},
};

use domain::units::{Headcount, Unit, UnitCode};
use indicators::{
    dashboard::BarrierTally, Instrument, Organisation, OrganisationIndicators, Threshold,
};
use store::{Store, StoreError};
use tokio::sync::Mutex as AsyncMutex;

/// The most waves kept at once: a wave over the whole organisation is tens of megabytes of
/// figures, and only the waves being looked at now need to be quick.
const MAX_WAVES: usize = 8;

/// A wave's published indicators, limited to the units the wave ran in, with what they were
/// computed from.
#[derive(Debug)]
pub struct CachedIndicators {
    /// The responses the figures include.
    pub responses: u64,
    pub indicators: OrganisationIndicators,
    /// The database id of every unit of the organisation, to check codes against a user's
    /// scope (which holds ids).
    pub unit_ids: HashMap<UnitCode, i64>,
    /// The wave's survey as written (texts, scale labels, barrier codes).
    pub survey: domain::instrument::Instrument,
    /// Barriers cited per unit, over the unit and everything under it. Raw counts: they
    /// leave only through `indicators::dashboard::barrier_shares`, which gates them.
    pub barriers: HashMap<UnitCode, BarrierTally>,
    /// Responses per unit, over the unit and everything under it (public, like the
    /// response rate they make).
    pub respondents: HashMap<UnitCode, u64>,
    /// Open comments per unit, over the unit and everything under it, sorted so that
    /// nothing follows the order of answering. Shown only above the comment threshold.
    pub comments: HashMap<UnitCode, Vec<String>>,
}

/// Why a wave's indicators could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum IndicatorCacheError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Stored data the engine refuses (units not forming one tree, an instrument stricter
    /// than the engine allows): a fault of the data, not of the request.
    #[error("wave {wave_id}: {message}")]
    Engine { wave_id: i64, message: String },
    #[error("computing wave {0} stopped unexpectedly")]
    Interrupted(i64),
}

/// What a request answers when a wave's figures cannot be had: the store's own answer
/// (404, 503...), or an internal error logged here (its text names the wave).
impl From<IndicatorCacheError> for crate::error::AppError {
    fn from(e: IndicatorCacheError) -> Self {
        match e {
            IndicatorCacheError::Store(e) => e.into(),
            other => {
                tracing::error!(error = %other, "computing indicators");
                crate::error::AppError::Internal
            }
        }
    }
}

/// One wave's slot. The async lock is held while the wave is computed, so that concurrent
/// readers of a changed wave wait for one computation instead of each starting their own.
type Slot = Arc<AsyncMutex<Option<Arc<CachedIndicators>>>>;

/// Indicators by wave id, shared by every request of this server instance.
#[derive(Clone, Default)]
pub struct IndicatorCache {
    /// Slots in order of use, the most recent last.
    waves: Arc<Mutex<Vec<(i64, Slot)>>>,
}

impl IndicatorCache {
    /// The wave's indicators as of its current responses: cached ones when the response count
    /// is unchanged, otherwise computed again. `NotFound` (as a store error) for an unknown
    /// wave.
    pub async fn get(
        &self,
        store: &Store,
        wave_id: i64,
    ) -> Result<Arc<CachedIndicators>, IndicatorCacheError> {
        let responses = store.wave_response_count(wave_id).await?;
        let slot = self.slot(wave_id);
        let store = store.clone();
        // A task of its own, holding the slot: a request that gives up (its client left, its
        // page was rendered again) does not throw away a computation the next reader waits
        // for; that reader finds the figures in the slot when the task lets go of it.
        tokio::spawn(async move {
            let mut cached = slot.lock_owned().await;
            if let Some(current) = cached.as_ref().filter(|c| c.responses == responses) {
                return Ok(current.clone());
            }
            let computed = Arc::new(compute(&store, wave_id).await?);
            *cached = Some(computed.clone());
            Ok(computed)
        })
        .await
        .map_err(|_| IndicatorCacheError::Interrupted(wave_id))?
    }

    /// The wave's slot, made the most recently used; the least recently used wave is dropped
    /// when there are too many.
    fn slot(&self, wave_id: i64) -> Slot {
        let mut waves = self
            .waves
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let slot = match waves.iter().position(|(id, _)| *id == wave_id) {
            Some(at) => waves.remove(at).1,
            None => Slot::default(),
        };
        waves.push((wave_id, slot.clone()));
        if waves.len() > MAX_WAVES {
            waves.remove(0);
        }
        slot
    }
}

/// Wave -> instrument -> units (all of them: the engine needs the whole tree) -> responses ->
/// the engine, at its default threshold.
async fn compute(store: &Store, wave_id: i64) -> Result<CachedIndicators, IndicatorCacheError> {
    let engine_error = |message: String| IndicatorCacheError::Engine { wave_id, message };
    let wave = store.wave(wave_id).await?.ok_or(StoreError::NotFound)?;
    let survey = store
        .instrument(wave.instrument_id)
        .await?
        .ok_or(StoreError::NotFound)?
        .instrument;
    let instrument = Instrument::try_from(&survey).map_err(|e| engine_error(e.to_string()))?;
    let records = store.list_units().await?;
    let wave_units = store.wave_units(wave_id).await?;
    // Response rates use the headcounts copied into the wave when it was created; units
    // outside the wave count 0 (no rate), so no ancestor's rate takes in people never asked.
    let headcounts: HashMap<&UnitCode, u32> = wave_units
        .iter()
        .map(|unit| (&unit.code, unit.headcount))
        .collect();
    let mut units = Vec::with_capacity(records.len());
    for record in &records {
        let headcount = headcounts.get(&record.unit.code).copied().unwrap_or(0);
        units.push(Unit {
            headcount: Headcount::new(headcount).map_err(|e| engine_error(e.to_string()))?,
            ..record.unit.clone()
        });
    }
    let responses = store.wave_responses(wave_id).await?;
    let count = responses.len() as u64;
    let parents: HashMap<UnitCode, UnitCode> = records
        .iter()
        .filter_map(|r| Some((r.unit.code.clone(), r.unit.parent.clone()?)))
        .collect();
    let Subtrees {
        respondents,
        barriers,
        comments,
    } = subtrees(&responses, &parents);
    let in_wave: BTreeSet<UnitCode> = wave_units.into_iter().map(|unit| unit.code).collect();

    let survey_for_texts = survey.clone();
    // Accumulating is CPU work (and may use every core): off the async workers.
    let indicators = tokio::task::spawn_blocking(move || {
        let answers: Vec<(UnitCode, Vec<Option<u8>>)> = responses
            .into_iter()
            .map(|response| {
                let values = survey
                    .items()
                    .map(|item| response.answers.raw(item.id().as_str()))
                    .collect();
                (response.unit_code, values)
            })
            .collect();
        let mut organisation = Organisation::from_responses(
            instrument,
            &units,
            Threshold::DEFAULT,
            answers.iter().map(|(code, values)| (code, values)),
        )?;
        organisation
            .report()
            .map(|published| only_units(published, &in_wave))
    })
    .await
    .map_err(|_| IndicatorCacheError::Interrupted(wave_id))?
    .map_err(|e| engine_error(e.to_string()))?;

    Ok(CachedIndicators {
        responses: count,
        indicators,
        survey: survey_for_texts,
        respondents,
        barriers,
        comments,
        unit_ids: records
            .into_iter()
            .map(|record| (record.unit.code, record.id))
            .collect(),
    })
}

/// What the dashboard needs per unit beyond the engine's figures, each over the unit with
/// everything under it.
#[derive(Default)]
struct Subtrees {
    respondents: HashMap<UnitCode, u64>,
    barriers: HashMap<UnitCode, BarrierTally>,
    comments: HashMap<UnitCode, Vec<String>>,
}

/// Each response counts for its unit and every ancestor.
fn subtrees(
    responses: &[store::StoredResponse],
    parents: &HashMap<UnitCode, UnitCode>,
) -> Subtrees {
    let mut out = Subtrees::default();
    let Subtrees {
        respondents,
        barriers,
        comments,
    } = &mut out;
    for response in responses {
        let codes: Vec<&str> = response
            .answers
            .barriers()
            .iter()
            .map(|b| b.as_str())
            .collect();
        let texts: Vec<&String> = response.answers.comments().values().collect();
        let mut unit = Some(&response.unit_code);
        while let Some(code) = unit {
            *respondents.entry(code.clone()).or_insert(0) += 1;
            barriers.entry(code.clone()).or_default().add(&codes);
            if !texts.is_empty() {
                let list = comments.entry(code.clone()).or_default();
                list.extend(texts.iter().map(|t| (*t).clone()));
            }
            unit = parents.get(code);
        }
    }
    for list in comments.values_mut() {
        list.sort();
    }
    out
}

/// The published indicators of the wave's units only. The figures were planned over the whole
/// tree; choosing units from them reveals nothing more (the engine's filters do the same).
/// Units outside the wave have no respondents, and an ancestor outside it would only repeat
/// the figures of the wave's units under a name that suggests the whole unit was asked.
fn only_units(
    published: &OrganisationIndicators,
    in_wave: &BTreeSet<UnitCode>,
) -> OrganisationIndicators {
    let units = published
        .units
        .iter()
        .filter(|(code, _)| in_wave.contains(*code))
        .map(|(code, unit)| {
            let mut unit = unit.clone();
            unit.children.retain(|child| in_wave.contains(child));
            (code.clone(), unit)
        })
        .collect();
    OrganisationIndicators {
        threshold: published.threshold,
        root: published.root.clone(),
        dimensions: published.dimensions.clone(),
        units,
    }
}
