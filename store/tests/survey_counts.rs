//! Counting a wave's responses, on both engines: the check cached indicators rely on, so it
//! must see online and imported responses alike, and only those of its own wave.
#![allow(clippy::unwrap_used)]

use chrono::{TimeDelta, Utc};
use domain::{
    instrument::{default_instrument, Answers, Instrument, ValidAnswers},
    responses::ParsedResponse,
    units::{csv::import_units, UnitCode},
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use store::{testing::TestDatabase, Actor, Engine, NewWave, PoolOptions, Store, SubmitOutcome};

fn admin() -> Actor {
    Actor::system("setup")
}

/// Every item answered with the same point.
fn answers(instrument: &Instrument, point: u8) -> ValidAnswers {
    let mut answers = Answers::default();
    for item in instrument.items() {
        answers.items.insert(item.id().to_string(), Some(point));
    }
    instrument.validate_answers(&answers).unwrap()
}

/// An open wave of the default survey in the units `codes`.
async fn open_wave(store: &Store, instrument_id: i64, codes: &[&str]) -> i64 {
    let mut unit_ids = Vec::new();
    for code in codes {
        let code = UnitCode::parse(code).unwrap();
        unit_ids.push(store.unit_by_code(&code).await.unwrap().unwrap().id);
    }
    let now = Utc::now();
    let new = NewWave {
        title: WaveTitle::parse("Survei Kesiapan").unwrap(),
        kind: WaveKind::Baseline,
        instrument_id,
        schedule: WaveSchedule::new(now - TimeDelta::hours(1), now + TimeDelta::days(1)).unwrap(),
        unit_ids,
        previous_wave_id: None,
    };
    let wave = store.create_wave(&new, &admin()).await.unwrap();
    store
        .set_wave_state(wave.id, WaveState::Open, &admin())
        .await
        .unwrap();
    wave.id
}

async fn counts_follow_each_waves_responses(engine: Engine) {
    let Some(db) = TestDatabase::new(engine).await else {
        return;
    };
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let csv = "code,name,kind,parent_code,headcount\n\
               T,Provinsi Uji,provinsi,,5\n\
               T.A,Kelurahan A,kelurahan,T,40\n\
               T.B,Kelurahan B,kelurahan,T,30\n";
    let plan = import_units(csv.as_bytes(), &[]).unwrap();
    store.apply_unit_import(&plan, &admin()).await.unwrap();
    let instrument = default_instrument();
    let saved = store.save_instrument(&instrument, &admin()).await.unwrap();
    let first = open_wave(&store, saved.id, &["T.A", "T.B"]).await;
    let second = open_wave(&store, saved.id, &["T.A"]).await;

    assert_eq!(store.wave_response_count(first).await.unwrap(), 0);
    assert_eq!(
        store
            .wave_response_count(first + second + 100)
            .await
            .unwrap(),
        0,
        "an unknown wave has none"
    );

    // Imported responses, in two units.
    let file: Vec<ParsedResponse> = (0..5)
        .map(|n| {
            let unit = if n % 2 == 0 { "T.A" } else { "T.B" };
            ParsedResponse::new(
                UnitCode::parse(unit).unwrap(),
                answers(&instrument, (n % 5 + 1) as u8),
            )
        })
        .collect();
    store
        .import_responses(first, &file, &admin())
        .await
        .unwrap();
    assert_eq!(store.wave_response_count(first).await.unwrap(), 5);

    // One given online with a token.
    let unit = store
        .unit_by_code(&UnitCode::parse("T.B").unwrap())
        .await
        .unwrap()
        .unwrap();
    let batch = store
        .issue_invitations(first, unit.id, 1, &admin())
        .await
        .unwrap();
    let (token, _) = store.batch_tokens(batch.id).await.unwrap().remove(0);
    let outcome = store
        .submit_response(&token, &answers(&instrument, 4), Utc::now())
        .await
        .unwrap();
    assert_eq!(outcome, SubmitOutcome::Stored);
    assert_eq!(store.wave_response_count(first).await.unwrap(), 6);
    assert_eq!(
        store.wave_response_count(first).await.unwrap(),
        store.wave_responses(first).await.unwrap().len() as u64,
        "the count is of the responses the indicators read"
    );

    // The other wave, in the same unit, is counted apart.
    assert_eq!(store.wave_response_count(second).await.unwrap(), 0);
    store
        .import_responses(second, &file[..1], &admin())
        .await
        .unwrap();
    assert_eq!(store.wave_response_count(second).await.unwrap(), 1);
    assert_eq!(store.wave_response_count(first).await.unwrap(), 6);
    store.close().await;
}

macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(super::Engine::Sqlite).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(super::Engine::Postgres).await;
                }
            )*
        }
    };
}

on_both_engines!(counts_follow_each_waves_responses);
