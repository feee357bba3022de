//! Demo mode: a realistic organisation on an empty database, so a newcomer sees the platform
//! working at once: the units, the default survey, and an open wave with simulated answers
//! from about a third of the staff. It only ever adds to an empty database.

use chrono::{Duration, Utc};
use domain::{
    demo::demo_responses,
    instrument::default_instrument,
    units::csv::{import_units, to_csv},
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use store::{Actor, NewWave, Store};

use crate::ServerError;

/// The seed of the simulated answers; changing it changes every answer.
const ANSWERS_SEED: u64 = 0x5349_4150_2D4A_4157; // "SIAP-JAW"

/// Share of each unit's staff whose answers are simulated.
const DEMO_RESPONSE_PERCENT: u32 = 35;

pub async fn seed(store: &Store) -> Result<(), ServerError> {
    seed_units(store).await?;
    seed_wave(store).await
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

async fn seed_wave(store: &Store) -> Result<(), ServerError> {
    if !store.list_waves().await?.is_empty() {
        return Ok(());
    }
    let actor = Actor::system("demo");
    let instrument = store.save_instrument(&default_instrument(), &actor).await?;
    let records = store.list_units().await?;
    let now = Utc::now();
    let schedule = WaveSchedule::new(now - Duration::days(7), now + Duration::days(30))
        .map_err(|e| demo_error("schedule", e))?;
    let title = WaveTitle::parse("Survei kesiapan perubahan 2026 (demo)")
        .map_err(|e| demo_error("title", e))?;
    let wave = store
        .create_wave(
            &NewWave {
                title,
                kind: WaveKind::Baseline,
                instrument_id: instrument.id,
                schedule,
                unit_ids: records.iter().map(|r| r.id).collect(),
                previous_wave_id: None,
            },
            &actor,
        )
        .await?;
    store
        .set_wave_state(wave.id, WaveState::Open, &actor)
        .await?;
    let units: Vec<_> = records.iter().map(|r| r.unit.clone()).collect();
    let responses = demo_responses(
        &instrument.instrument,
        &units,
        DEMO_RESPONSE_PERCENT,
        ANSWERS_SEED,
    );
    let stored = store.import_responses(wave.id, &responses, &actor).await?;
    // A few invitations, so the respondent's side can be tried at once.
    if let Some(unit) = records.iter().rev().find(|r| r.unit.headcount.get() > 0) {
        let batch = store
            .issue_invitations(wave.id, unit.id, 20, &actor)
            .await?;
        if let Some((token, _)) = store.batch_tokens(batch.id).await?.first() {
            tracing::info!(path = %format!("/s/{}", token.as_str()), unit = %unit.unit.code, "demo invitation to try the survey");
        }
    }
    tracing::info!(
        wave = wave.id,
        responses = stored,
        "demo wave opened with simulated answers"
    );
    Ok(())
}
