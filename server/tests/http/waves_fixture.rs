//! Two waves over a small organisation, with imported responses: what the dashboard and the
//! interventions tests read. The baseline ran 100 to 70 days ago and is closed; the
//! follow-up opened two days ago and is open.

use chrono::{Duration, Utc};
use domain::{
    instrument::{default_instrument, Instrument, ValidAnswers},
    responses::ParsedResponse,
    units::{csv::import_units, UnitCode},
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use store::{Actor, NewWave, PoolOptions, Store};

use crate::support::TestApp;

/// Responses to import: (unit code, scale point, how many).
pub type Plan<'a> = &'a [(&'a str, u8, usize)];

/// The baseline's and the follow-up's ids.
pub struct TwoWaves {
    pub baseline: i64,
    pub follow_up: i64,
}

/// Imports `units` (CSV), saves the default survey, runs both waves over every unit and
/// imports the planned responses, answered by `answers(instrument, point, respondent)`.
pub async fn two_waves(
    app: &TestApp,
    units: &str,
    answers: fn(&Instrument, u8, usize) -> ValidAnswers,
    baseline: Plan<'_>,
    follow_up: Plan<'_>,
) -> TwoWaves {
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let actor = Actor::system("test");
    store
        .apply_unit_import(&import_units(units.as_bytes(), &[]).unwrap(), &actor)
        .await
        .unwrap();
    let unit_ids: Vec<i64> = store
        .list_units()
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    let instrument = default_instrument();
    let saved = store.save_instrument(&instrument, &actor).await.unwrap();
    let now = Utc::now();
    let mut ids = Vec::new();
    for (title, opens, closes, closed) in [
        (
            "Baseline",
            now - Duration::days(100),
            now - Duration::days(70),
            true,
        ),
        (
            "Tindak lanjut",
            now - Duration::days(2),
            now + Duration::days(20),
            false,
        ),
    ] {
        let wave = store
            .create_wave(
                &NewWave {
                    title: WaveTitle::parse(title).unwrap(),
                    kind: WaveKind::Baseline,
                    instrument_id: saved.id,
                    schedule: WaveSchedule::new(opens, closes).unwrap(),
                    unit_ids: unit_ids.clone(),
                    previous_wave_id: ids.last().copied(),
                },
                &actor,
            )
            .await
            .unwrap();
        store
            .set_wave_state(wave.id, WaveState::Open, &actor)
            .await
            .unwrap();
        if closed {
            store
                .set_wave_state(wave.id, WaveState::Closed, &actor)
                .await
                .unwrap();
        }
        ids.push(wave.id);
    }
    let responses = |plan: Plan<'_>| -> Vec<ParsedResponse> {
        plan.iter()
            .flat_map(|(code, point, count)| {
                (0..*count).map(|k| {
                    ParsedResponse::new(
                        UnitCode::parse(code).unwrap(),
                        answers(&instrument, *point, k),
                    )
                })
            })
            .collect()
    };
    for (wave, plan) in [(ids[0], baseline), (ids[1], follow_up)] {
        store
            .import_responses(wave, &responses(plan), &actor)
            .await
            .unwrap();
    }
    store.close().await;
    TwoWaves {
        baseline: ids[0],
        follow_up: ids[1],
    }
}
