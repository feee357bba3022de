//! Demo mode: a realistic organisation on an empty database, so a newcomer sees the platform
//! working at once: the units, the default survey, and three waves of it over the whole
//! organisation with simulated answers (a closed baseline, a closed first follow-up and an
//! open second follow-up), so the leadership dashboard has trends to show. It only ever adds
//! to an empty database.

use chrono::{DateTime, Duration, Utc};
use domain::{
    demo::{demo_responses, DemoWave},
    instrument::default_instrument,
    units::{
        csv::{import_units, to_csv},
        Unit,
    },
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use store::{Actor, InstrumentRecord, NewWave, Store, UnitRecord, WaveRecord};

use crate::ServerError;

/// The seed of the simulated answers; changing it changes every answer. The same for every
/// wave, so each unit keeps its leaning and trend from one wave to the next.
const ANSWERS_SEED: u64 = 0x5349_4150_2D4A_4157; // "SIAP-JAW"

/// Share of each unit's staff whose answers are simulated in the open wave.
const DEMO_RESPONSE_PERCENT: u32 = 35;

/// One wave of the demo, oldest first.
struct WavePlan {
    title: &'static str,
    /// Days before now the wave opened.
    opened_days_ago: i64,
    /// Days from now the wave closes (negative: it closed that many days ago).
    closes_in_days: i64,
    /// Share of each unit's staff that answered, in percent.
    share_percent: u32,
    /// Whether the wave is over (closed) or still collecting answers (open).
    closed: bool,
}

/// The baseline and two follow-ups, a quarter apart; response rates slip a little from one
/// wave to the next, as survey fatigue makes them do.
const WAVES: [WavePlan; 3] = [
    WavePlan {
        title: "Survei kesiapan perubahan — baseline 2026 (demo)",
        opened_days_ago: 200,
        closes_in_days: -170,
        share_percent: 40,
        closed: true,
    },
    WavePlan {
        title: "Survei kesiapan perubahan — tindak lanjut I (demo)",
        opened_days_ago: 100,
        closes_in_days: -70,
        share_percent: 38,
        closed: true,
    },
    WavePlan {
        title: "Survei kesiapan perubahan — tindak lanjut II (demo)",
        opened_days_ago: 7,
        closes_in_days: 30,
        share_percent: DEMO_RESPONSE_PERCENT,
        closed: false,
    },
];

pub async fn seed(store: &Store) -> Result<(), ServerError> {
    seed_units(store).await?;
    seed_waves(store).await
}

async fn seed_units(store: &Store) -> Result<(), ServerError> {
    if store.count_units().await? > 0 {
        return Ok(());
    }
    let units = domain::demo::demo_organisation();
    // Through the same validation and import path as an administrator's CSV.
    let plan = import_units(to_csv(&units).as_bytes(), &[]).map_err(|report| {
        ServerError::Config(format!(
            "the demo organisation does not validate: {} problems",
            report.problems.len()
        ))
    })?;
    let outcome = store
        .apply_unit_import(&plan, &Actor::system("demo"))
        .await?;
    tracing::info!(units = outcome.created, "demo organisation created");
    Ok(())
}

fn demo_error(what: &str, e: impl std::fmt::Display) -> ServerError {
    ServerError::Config(format!("demo {what}: {e}"))
}

/// The demo waves, each a follow-up of the one before, with their simulated answers; an
/// invitation batch in the open one. Nothing if any wave exists.
async fn seed_waves(store: &Store) -> Result<(), ServerError> {
    if !store.list_waves().await?.is_empty() {
        return Ok(());
    }
    let actor = Actor::system("demo");
    let records = store.list_units().await?;
    let survey = DemoSurvey {
        instrument: store.save_instrument(&default_instrument(), &actor).await?,
        units: records.iter().map(|r| r.unit.clone()).collect(),
        records,
        actor,
        now: Utc::now(),
    };
    let mut previous: Option<WaveRecord> = None;
    for (number, plan) in (0_u32..).zip(&WAVES) {
        let wave = survey.create(store, plan, previous.as_ref()).await?;
        let stored = survey.answer(store, &wave, plan, number).await?;
        if plan.closed {
            store
                .set_wave_state(wave.id, WaveState::Closed, &survey.actor)
                .await?;
        } else {
            invite_to_try(store, wave.id, &survey.records, &survey.actor).await?;
        }
        tracing::info!(
            wave = wave.id,
            responses = stored,
            closed = plan.closed,
            "demo wave created with simulated answers"
        );
        previous = Some(wave);
    }
    Ok(())
}

/// What every demo wave is made of: the default survey, the whole organisation, one moment.
struct DemoSurvey {
    instrument: InstrumentRecord,
    records: Vec<UnitRecord>,
    units: Vec<Unit>,
    actor: Actor,
    now: DateTime<Utc>,
}

impl DemoSurvey {
    /// The baseline, or a follow-up run again from the wave before (same instrument and
    /// units, linked to it), as an administrator would; still a draft.
    async fn create(
        &self,
        store: &Store,
        plan: &WavePlan,
        previous: Option<&WaveRecord>,
    ) -> Result<WaveRecord, ServerError> {
        let title = WaveTitle::parse(plan.title).map_err(|e| demo_error("title", e))?;
        let schedule = plan.schedule(self.now)?;
        let wave = match previous {
            Some(before) => {
                store
                    .run_again(before.id, title, schedule, &self.actor)
                    .await?
            }
            None => {
                let baseline = NewWave {
                    title,
                    kind: WaveKind::Baseline,
                    instrument_id: self.instrument.id,
                    schedule,
                    unit_ids: self.records.iter().map(|r| r.id).collect(),
                    previous_wave_id: None,
                };
                store.create_wave(&baseline, &self.actor).await?
            }
        };
        Ok(wave)
    }

    /// Opens the wave and stores its simulated answers; returns how many.
    async fn answer(
        &self,
        store: &Store,
        wave: &WaveRecord,
        plan: &WavePlan,
        wave_number: u32,
    ) -> Result<u64, ServerError> {
        store
            .set_wave_state(wave.id, WaveState::Open, &self.actor)
            .await?;
        let simulated = DemoWave {
            share_percent: plan.share_percent,
            seed: ANSWERS_SEED,
            wave_number,
        };
        let responses = demo_responses(&self.instrument.instrument, &self.units, &simulated);
        Ok(store
            .import_responses(wave.id, &responses, &self.actor)
            .await?)
    }
}

impl WavePlan {
    fn schedule(&self, now: DateTime<Utc>) -> Result<WaveSchedule, ServerError> {
        WaveSchedule::new(
            now - Duration::days(self.opened_days_ago),
            now + Duration::days(self.closes_in_days),
        )
        .map_err(|e| demo_error("schedule", e))
    }
}

/// A few invitations in the open wave, so the respondent's side can be tried at once; the
/// link of the first is logged.
async fn invite_to_try(
    store: &Store,
    wave_id: i64,
    records: &[UnitRecord],
    actor: &Actor,
) -> Result<(), ServerError> {
    let Some(unit) = records.iter().rev().find(|r| r.unit.headcount.get() > 0) else {
        return Ok(());
    };
    let batch = store.issue_invitations(wave_id, unit.id, 20, actor).await?;
    if let Some((token, _)) = store.batch_tokens(batch.id).await?.first() {
        tracing::info!(path = %format!("/s/{}", token.as_str()), unit = %unit.unit.code, "demo invitation to try the survey");
    }
    Ok(())
}
