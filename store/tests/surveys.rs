//! Surveys, each story run on both engines: instrument versions, waves and their states,
//! invitations, exactly-once submission (also under concurrency), anonymity of the stored
//! rows, and all-or-nothing imports.
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeSet, sync::Arc, time::Duration};

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use domain::{
    demo::demo_organisation,
    instrument::{default_instrument, Answers, Instrument, ValidAnswers},
    responses::ParsedResponse,
    units::{
        csv::{import_units, to_csv},
        Headcount, UnitKind,
    },
    waves::{
        jakarta_date, InvitationToken, WaveKind, WaveSchedule, WaveState, WaveStatus, WaveTitle,
    },
};
use sqlx::{PgPool, SqlitePool};
use store::{
    testing::TestDatabase, Actor, AuditAction, AuditFilter, Engine, NewWave, PoolOptions, Store,
    StoreError, SubmitOutcome, UnitRecord, WaveRecord,
};
use tokio::sync::Barrier;
use uuid::Uuid;

async fn open_with(engine: Engine, options: PoolOptions) -> Option<(TestDatabase, Store)> {
    let db = TestDatabase::new(engine).await?;
    let store = Store::connect(db.url(), &options).await.unwrap();
    store.migrate().await.unwrap();
    Some((db, store))
}

async fn open(engine: Engine) -> Option<(TestDatabase, Store)> {
    open_with(engine, PoolOptions::default()).await
}

fn admin() -> Actor {
    Actor::system("setup")
}

fn title(text: &str) -> WaveTitle {
    WaveTitle::parse(text).unwrap()
}

/// The demo organisation, the default instrument saved, and three kelurahan to survey.
struct Survey {
    instrument: Instrument,
    instrument_id: i64,
    units: Vec<UnitRecord>,
}

async fn prepare(store: &Store) -> Survey {
    let plan = import_units(to_csv(&demo_organisation()).as_bytes(), &[]).unwrap();
    store.apply_unit_import(&plan, &admin()).await.unwrap();
    let instrument = default_instrument();
    let saved = store.save_instrument(&instrument, &admin()).await.unwrap();
    let units = store
        .list_units()
        .await
        .unwrap()
        .into_iter()
        .filter(|record| record.unit.kind == UnitKind::Kelurahan)
        .take(3)
        .collect();
    Survey {
        instrument,
        instrument_id: saved.id,
        units,
    }
}

/// Now, in whole seconds: a schedule made of it reads back equal from either engine.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// From an hour ago to a day from now.
fn running_now() -> WaveSchedule {
    let now = now();
    WaveSchedule::new(now - TimeDelta::hours(1), now + TimeDelta::days(1)).unwrap()
}

fn new_wave(survey: &Survey, schedule: WaveSchedule, unit_ids: Vec<i64>) -> NewWave {
    NewWave {
        title: title("Survei Kesiapan 2025"),
        kind: WaveKind::Baseline,
        instrument_id: survey.instrument_id,
        schedule,
        unit_ids,
        previous_wave_id: None,
    }
}

/// An open wave, accepting answers now, in the first two units.
async fn open_wave(store: &Store, survey: &Survey) -> WaveRecord {
    let unit_ids = vec![survey.units[0].id, survey.units[1].id];
    let wave = store
        .create_wave(&new_wave(survey, running_now(), unit_ids), &admin())
        .await
        .unwrap();
    store
        .set_wave_state(wave.id, WaveState::Open, &admin())
        .await
        .unwrap()
}

/// A complete submission; `seed` varies the values.
fn answers(instrument: &Instrument, seed: usize) -> ValidAnswers {
    let mut answers = Answers::default();
    for (index, item) in instrument.items().enumerate() {
        let raw = u8::try_from((index + seed) % 5 + 1).unwrap();
        answers.items.insert(item.id().to_string(), Some(raw));
    }
    if let Some(barriers) = instrument.barriers() {
        answers.barriers = vec![barriers.codes()[0].as_str().to_owned()];
    }
    if let Some(comment) = instrument.comments().first() {
        answers
            .comments
            .insert(comment.id().to_string(), format!("Saran nomor {seed}"));
    }
    instrument.validate_answers(&answers).unwrap()
}

async fn tokens(store: &Store, wave_id: i64, unit_id: i64, count: u32) -> Vec<InvitationToken> {
    let batch = store
        .issue_invitations(wave_id, unit_id, count, &admin())
        .await
        .unwrap();
    store
        .batch_tokens(batch.id)
        .await
        .unwrap()
        .into_iter()
        .map(|(token, _)| token)
        .collect()
}

fn audit_of(action: AuditAction) -> AuditFilter {
    AuditFilter {
        action: Some(action),
        ..AuditFilter::default()
    }
}

async fn responded(store: &Store, wave_id: i64) -> Vec<u32> {
    store
        .wave_units(wave_id)
        .await
        .unwrap()
        .into_iter()
        .map(|unit| unit.responded)
        .collect()
}

/// Runs one query straight on the database, below the store: what an operator would see.
async fn raw_strings(db: &TestDatabase, sql: &str, bind: &str) -> Vec<String> {
    match db.engine() {
        Engine::Sqlite => {
            let pool = SqlitePool::connect(db.url().as_str()).await.unwrap();
            let rows = sqlx::query_scalar(sql)
                .bind(bind)
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            rows
        }
        Engine::Postgres => {
            let pool = PgPool::connect(db.url().as_str()).await.unwrap();
            let rows = sqlx::query_scalar(sql)
                .bind(bind)
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            rows
        }
    }
}

/// A table's columns, each with its declared type.
async fn columns(db: &TestDatabase, table: &str) -> BTreeSet<String> {
    let sql = match db.engine() {
        Engine::Sqlite => "SELECT name || ' ' || lower(type) FROM pragma_table_info($1)",
        Engine::Postgres => {
            "SELECT column_name::text || ' ' || data_type::text \
             FROM information_schema.columns WHERE table_name = $1"
        }
    };
    raw_strings(db, sql, table).await.into_iter().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

async fn instruments_are_saved_once(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let instrument = default_instrument();
    let saved = store.save_instrument(&instrument, &admin()).await.unwrap();
    assert_eq!(saved.instrument, instrument);
    assert_eq!(saved.content_hash, instrument.content_hash());
    assert_eq!(
        store.instrument(saved.id).await.unwrap(),
        Some(saved.clone()),
        "read back from its TOML"
    );

    // Saving the same version with the same content again is a no-op.
    let again = store
        .save_instrument(&instrument, &Actor::system("other"))
        .await
        .unwrap();
    assert_eq!(again, saved);
    let entries = store
        .list_audit(&audit_of(AuditAction::InstrumentSaved))
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].target.as_deref(), Some("kesiapan-perubahan"));

    // Other content under the same version is refused; as the next version it is saved.
    let mut draft = instrument.to_draft();
    draft.title.en = Some("Readiness Survey, edited".to_owned());
    let edited = Instrument::from_draft(&draft).unwrap();
    let refused = store.save_instrument(&edited, &admin()).await;
    match refused {
        Err(StoreError::Conflict(message)) => {
            assert!(
                message.contains("version 1 of kesiapan-perubahan"),
                "{message}"
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let next = instrument.next_version(edited).unwrap();
    let second = store.save_instrument(&next, &admin()).await.unwrap();
    assert_ne!(second.id, saved.id);
    assert_eq!(second.instrument.version().get(), 2);

    let list = store.list_instruments().await.unwrap();
    let versions: Vec<(i64, u32, i64)> = list
        .iter()
        .map(|summary| (summary.id, summary.version, summary.waves))
        .collect();
    assert_eq!(versions, vec![(second.id, 2, 0), (saved.id, 1, 0)]);
    assert_eq!(list[0].title_en, "Readiness Survey, edited");
    assert_eq!(list[1].title_id, instrument.title().id());
    assert_eq!(store.instrument(saved.id + 100).await.unwrap(), None);
}

async fn waves_move_forward_only(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let [a, b, c] = [0, 1, 2].map(|n| survey.units[n].clone());
    let schedule = running_now();

    // Refused: no units, an unknown unit, an unknown instrument. Nothing is left behind.
    for (unit_ids, instrument_id) in [
        (vec![], survey.instrument_id),
        (vec![a.id, 999_999], survey.instrument_id),
        (vec![a.id], survey.instrument_id + 100),
    ] {
        let new = NewWave {
            instrument_id,
            ..new_wave(&survey, schedule, unit_ids)
        };
        let refused = store.create_wave(&new, &admin()).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{refused:?}"
        );
    }
    assert!(store.list_waves().await.unwrap().is_empty());

    // Repeated units count once; each keeps its headcount of today.
    let wave = store
        .create_wave(
            &new_wave(&survey, schedule, vec![b.id, a.id, b.id]),
            &admin(),
        )
        .await
        .unwrap();
    assert_eq!(wave.state, WaveState::Draft);
    assert_eq!(wave.kind, WaveKind::Baseline);
    assert_eq!(wave.status(Utc::now()), WaveStatus::Draft);
    assert_eq!(wave.schedule, schedule);
    assert_eq!(store.wave(wave.id).await.unwrap(), Some(wave.clone()));
    let mut ids = vec![a.id, b.id];
    ids.sort_unstable();
    assert_eq!(store.wave_unit_ids(wave.id).await.unwrap(), ids);
    let units = store.wave_units(wave.id).await.unwrap();
    assert_eq!(units.len(), 2);
    let unit_a = units.iter().find(|unit| unit.unit_id == a.id).unwrap();
    assert_eq!(unit_a.code, a.unit.code);
    assert_eq!(unit_a.name, a.unit.name.as_str());
    assert_eq!(unit_a.parent_code, a.unit.parent);
    assert_eq!(unit_a.headcount, a.unit.headcount.get());
    assert_eq!((unit_a.issued, unit_a.responded), (0, 0));
    assert_eq!(
        store.list_instruments().await.unwrap()[0].waves,
        1,
        "the instrument counts its wave"
    );

    // A re-imported headcount does not move the wave's.
    let mut grown = a.unit.clone();
    grown.headcount = Headcount::new(a.unit.headcount.get() + 40).unwrap();
    store
        .update_unit(&a.unit.code, grown.clone(), &admin())
        .await
        .unwrap();
    let units = store.wave_units(wave.id).await.unwrap();
    let unit_a = units.iter().find(|unit| unit.unit_id == a.id).unwrap();
    assert_eq!(unit_a.headcount, a.unit.headcount.get());

    // Only draft -> open -> closed.
    let conflict = |result: Result<WaveRecord, StoreError>| {
        assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    };
    conflict(
        store
            .set_wave_state(wave.id, WaveState::Closed, &admin())
            .await,
    );
    conflict(
        store
            .set_wave_state(wave.id, WaveState::Draft, &admin())
            .await,
    );
    let opened = store
        .set_wave_state(wave.id, WaveState::Open, &admin())
        .await
        .unwrap();
    assert_eq!(opened.state, WaveState::Open);
    assert_eq!(opened.status(Utc::now()), WaveStatus::Open);
    assert_eq!(opened.schedule, schedule);
    conflict(
        store
            .set_wave_state(wave.id, WaveState::Open, &admin())
            .await,
    );
    conflict(
        store
            .set_wave_state(wave.id, WaveState::Draft, &admin())
            .await,
    );
    let before_close = Utc::now();
    let closed = store
        .set_wave_state(wave.id, WaveState::Closed, &admin())
        .await
        .unwrap();
    assert_eq!(closed.state, WaveState::Closed);
    assert_eq!(closed.schedule.opens_at(), schedule.opens_at());
    assert!(
        closed.schedule.closes_at() < schedule.closes_at(),
        "ends now"
    );
    assert!(closed.schedule.closes_at() >= before_close - TimeDelta::seconds(1));
    conflict(
        store
            .set_wave_state(wave.id, WaveState::Open, &admin())
            .await,
    );
    assert!(matches!(
        store
            .set_wave_state(wave.id + 100, WaveState::Open, &admin())
            .await,
        Err(StoreError::NotFound)
    ));
    let changes = store
        .list_audit(&audit_of(AuditAction::WaveStateChanged))
        .await
        .unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].detail["to"], "closed");
    assert_eq!(changes[0].target.as_deref(), Some("Survei Kesiapan 2025"));

    // A wave closed before it opened keeps its schedule.
    let later = WaveSchedule::new(now() + TimeDelta::days(1), now() + TimeDelta::days(2)).unwrap();
    let early = store
        .create_wave(&new_wave(&survey, later, vec![c.id]), &admin())
        .await
        .unwrap();
    let early = store
        .set_wave_state(early.id, WaveState::Open, &admin())
        .await
        .unwrap();
    assert_eq!(early.status(Utc::now()), WaveStatus::Scheduled);
    let early = store
        .set_wave_state(early.id, WaveState::Closed, &admin())
        .await
        .unwrap();
    assert_eq!(early.schedule, later);

    // Run again: a draft follow-up of the same instrument and units, with today's headcounts.
    let next_schedule =
        WaveSchedule::new(now() + TimeDelta::days(180), now() + TimeDelta::days(194)).unwrap();
    let follow_up = store
        .run_again(
            wave.id,
            title("Survei Kesiapan 2026"),
            next_schedule,
            &admin(),
        )
        .await
        .unwrap();
    assert_eq!(follow_up.kind, WaveKind::FollowUp);
    assert_eq!(follow_up.state, WaveState::Draft);
    assert_eq!(follow_up.previous_wave_id, Some(wave.id));
    assert_eq!(follow_up.instrument_id, survey.instrument_id);
    assert_eq!(follow_up.title.as_str(), "Survei Kesiapan 2026");
    assert_eq!(store.wave_unit_ids(follow_up.id).await.unwrap(), ids);
    let units = store.wave_units(follow_up.id).await.unwrap();
    let unit_a = units.iter().find(|unit| unit.unit_id == a.id).unwrap();
    assert_eq!(unit_a.headcount, grown.headcount.get());
    assert!(matches!(
        store
            .run_again(wave.id + 100, title("x"), next_schedule, &admin())
            .await,
        Err(StoreError::NotFound)
    ));

    let listed: Vec<i64> = store
        .list_waves()
        .await
        .unwrap()
        .iter()
        .map(|wave| wave.id)
        .collect();
    assert_eq!(
        listed,
        vec![follow_up.id, early.id, wave.id],
        "newest first"
    );
    let created = store
        .list_audit(&audit_of(AuditAction::WaveCreated))
        .await
        .unwrap();
    assert_eq!(created.len(), 3);
    assert_eq!(created[0].detail["previous_wave_id"], wave.id);
    assert_eq!(created[0].detail["kind"], "follow_up");
}

async fn invitations_are_issued_in_batches(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let [a, b, c] = [0, 1, 2].map(|n| survey.units[n].clone());
    let wave = store
        .create_wave(
            &new_wave(&survey, running_now(), vec![a.id, b.id]),
            &admin(),
        )
        .await
        .unwrap();

    let batch = store
        .issue_invitations(wave.id, a.id, 25, &Actor::system("agen"))
        .await
        .unwrap();
    assert_eq!((batch.wave_id, batch.unit_id), (wave.id, a.id));
    assert_eq!((batch.size, batch.used), (25, 0));
    assert_eq!(batch.created_by_name, "agen");
    let issued = store.batch_tokens(batch.id).await.unwrap();
    assert_eq!(issued.len(), 25);
    assert!(issued.iter().all(|(_, used)| !used));
    let texts: Vec<&str> = issued.iter().map(|(token, _)| token.as_str()).collect();
    let mut sorted = texts.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(texts, sorted, "distinct, in text order");
    for (token, _) in &issued {
        assert_eq!(&InvitationToken::parse(&token.grouped()).unwrap(), token);
    }

    let invitation = store.invitation(&issued[0].0).await.unwrap().unwrap();
    assert_eq!(invitation.token, issued[0].0);
    assert_eq!(invitation.wave, wave);
    assert_eq!(invitation.unit_id, a.id);
    assert_eq!(invitation.unit_code, a.unit.code);
    assert_eq!(invitation.unit_name, a.unit.name.as_str());
    assert!(!invitation.used);
    let stranger = InvitationToken::from_random_bytes(&Uuid::new_v4().into_bytes());
    assert_eq!(store.invitation(&stranger).await.unwrap(), None);

    // More than one insert statement's worth, for the other unit.
    let big = store
        .issue_invitations(wave.id, b.id, 2_345, &admin())
        .await
        .unwrap();
    assert_eq!(store.batch_tokens(big.id).await.unwrap().len(), 2_345);
    let second = store
        .issue_invitations(wave.id, a.id, 5, &admin())
        .await
        .unwrap();
    let batches = store.invitation_batches(wave.id, a.id).await.unwrap();
    assert_eq!(
        batches.iter().map(|b| (b.id, b.size)).collect::<Vec<_>>(),
        vec![(batch.id, 25), (second.id, 5)]
    );
    let issued_counts: Vec<(i64, u32)> = store
        .wave_units(wave.id)
        .await
        .unwrap()
        .iter()
        .map(|unit| (unit.unit_id, unit.issued))
        .collect();
    assert!(issued_counts.contains(&(a.id, 30)));
    assert!(issued_counts.contains(&(b.id, 2_345)));

    // Refused: a unit outside the wave, counts out of range, an unknown wave.
    for (unit_id, count) in [(c.id, 10), (a.id, 0), (a.id, 100_001)] {
        let refused = store
            .issue_invitations(wave.id, unit_id, count, &admin())
            .await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{refused:?}"
        );
    }
    assert!(matches!(
        store
            .issue_invitations(wave.id + 100, a.id, 1, &admin())
            .await,
        Err(StoreError::NotFound)
    ));

    // The audit log says how many, for which unit; never a token.
    let entries = store
        .list_audit(&audit_of(AuditAction::InvitationsIssued))
        .await
        .unwrap();
    assert_eq!(entries.len(), 3);
    let first = entries.last().unwrap();
    assert_eq!(first.detail["count"], 25);
    assert_eq!(first.detail["unit_id"], a.id);
    assert_eq!(first.target.as_deref(), Some(a.unit.code.as_str()));
    for entry in &entries {
        let text = format!("{:?} {}", entry.target, entry.detail);
        for (token, _) in &issued {
            assert!(!text.contains(token.as_str()));
        }
    }

    // A closed wave takes no more invitations.
    store
        .set_wave_state(wave.id, WaveState::Open, &admin())
        .await
        .unwrap();
    store
        .issue_invitations(wave.id, a.id, 1, &admin())
        .await
        .unwrap();
    store
        .set_wave_state(wave.id, WaveState::Closed, &admin())
        .await
        .unwrap();
    assert!(matches!(
        store.issue_invitations(wave.id, a.id, 1, &admin()).await,
        Err(StoreError::Conflict(_))
    ));
}

async fn a_token_answers_once(engine: Engine) {
    let Some((db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let a = survey.units[0].clone();
    let wave = open_wave(&store, &survey).await;
    let tokens = tokens(&store, wave.id, a.id, 3).await;
    let given = answers(&survey.instrument, 1);
    let now = Utc::now();

    assert_eq!(
        store
            .submit_response(&tokens[0], &given, now)
            .await
            .unwrap(),
        SubmitOutcome::Stored
    );
    assert_eq!(
        store
            .submit_response(&tokens[0], &given, now)
            .await
            .unwrap(),
        SubmitOutcome::AlreadyUsed
    );
    let stranger = InvitationToken::from_random_bytes(&Uuid::new_v4().into_bytes());
    assert_eq!(
        store.submit_response(&stranger, &given, now).await.unwrap(),
        SubmitOutcome::UnknownToken
    );
    assert!(store.invitation(&tokens[0]).await.unwrap().unwrap().used);
    assert!(!store.invitation(&tokens[1]).await.unwrap().unwrap().used);
    let batch = &store.invitation_batches(wave.id, a.id).await.unwrap()[0];
    assert_eq!(batch.used, 1);
    assert_eq!(responded(&store, wave.id).await.iter().sum::<u32>(), 1);

    // Read back: the unit, the Jakarta day, the same answers; nothing else.
    let stored = store.wave_responses(wave.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].unit_id, a.id);
    assert_eq!(stored[0].unit_code, a.unit.code);
    assert_eq!(stored[0].answered_on, jakarta_date(now));
    assert_eq!(stored[0].answers, given);
    assert!(matches!(
        store.wave_responses(wave.id + 100).await,
        Err(StoreError::NotFound)
    ));

    // Outside its window the wave refuses, and the token stays unspent.
    let early = wave.schedule.opens_at() - TimeDelta::seconds(1);
    let late = wave.schedule.closes_at();
    for (at, status) in [(early, WaveStatus::Scheduled), (late, WaveStatus::Ended)] {
        assert_eq!(
            store.submit_response(&tokens[1], &given, at).await.unwrap(),
            SubmitOutcome::NotAccepting(status)
        );
    }
    // Answers to another instrument version are refused, and spend nothing either.
    let mut draft = survey.instrument.to_draft();
    draft.version = 2;
    let other = Instrument::from_draft(&draft).unwrap();
    let refused = store
        .submit_response(&tokens[1], &answers(&other, 1), now)
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    assert!(!store.invitation(&tokens[1]).await.unwrap().unwrap().used);
    assert_eq!(
        store
            .submit_response(&tokens[1], &given, now)
            .await
            .unwrap(),
        SubmitOutcome::Stored
    );

    // Draft and closed waves refuse whatever the time.
    let draft_wave = store
        .create_wave(&new_wave(&survey, running_now(), vec![a.id]), &admin())
        .await
        .unwrap();
    let draft_token = tokens_of(&store, draft_wave.id, a.id).await;
    assert_eq!(
        store
            .submit_response(&draft_token, &given, now)
            .await
            .unwrap(),
        SubmitOutcome::NotAccepting(WaveStatus::Draft)
    );
    store
        .set_wave_state(wave.id, WaveState::Closed, &admin())
        .await
        .unwrap();
    assert_eq!(
        store
            .submit_response(&tokens[2], &given, now)
            .await
            .unwrap(),
        SubmitOutcome::NotAccepting(WaveStatus::Closed)
    );
    assert_eq!(store.wave_responses(wave.id).await.unwrap().len(), 2);

    // Below the store: a response row holds exactly these columns, and its day is a date.
    let text = |name: &str| format!("{name} text");
    let day = |name: &str| match engine {
        Engine::Sqlite => format!("{name} text"),
        Engine::Postgres => format!("{name} date"),
    };
    let id = |name: &str| match engine {
        Engine::Sqlite => format!("{name} integer"),
        Engine::Postgres => format!("{name} bigint"),
    };
    assert_eq!(
        columns(&db, "responses").await,
        set(&[
            &text("id"),
            &id("wave_id"),
            &id("unit_id"),
            &day("answered_on"),
            &text("source"),
            &text("answers"),
        ])
    );
    assert_eq!(
        columns(&db, "invitations").await,
        set(&[
            &text("token"),
            &id("batch_id"),
            &id("wave_id"),
            &id("unit_id"),
            &day("used_on"),
        ])
    );
    let days = raw_strings(
        &db,
        "SELECT CAST(answered_on AS TEXT) FROM responses WHERE source = $1",
        "online",
    )
    .await;
    assert_eq!(days, vec![jakarta_date(now).to_string(); 2]);
    let ids = raw_strings(&db, "SELECT id FROM responses WHERE source = $1", "online").await;
    for id in ids {
        assert_eq!(Uuid::parse_str(&id).unwrap().get_version_num(), 4);
    }
}

/// The single token of a new batch of one.
async fn tokens_of(store: &Store, wave_id: i64, unit_id: i64) -> InvitationToken {
    tokens(store, wave_id, unit_id, 1).await.remove(0)
}

/// A pool of several connections and patient acquisition, so that submissions really race.
fn racing_pool() -> PoolOptions {
    PoolOptions {
        max_connections: 8,
        acquire_timeout: Duration::from_secs(60),
    }
}

async fn one_token_submitted_at_once(engine: Engine) {
    let Some((_db, store)) = open_with(engine, racing_pool()).await else {
        return;
    };
    let survey = prepare(&store).await;
    let wave = open_wave(&store, &survey).await;
    let token = tokens_of(&store, wave.id, survey.units[0].id).await;
    let given = answers(&survey.instrument, 2);
    let start = Arc::new(Barrier::new(20));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (store, token, given, start) =
                (store.clone(), token.clone(), given.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                store.submit_response(&token, &given, Utc::now()).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().unwrap());
    }
    let stored = outcomes
        .iter()
        .filter(|o| **o == SubmitOutcome::Stored)
        .count();
    let used = outcomes
        .iter()
        .filter(|o| **o == SubmitOutcome::AlreadyUsed)
        .count();
    assert_eq!((stored, used), (1, 19), "{outcomes:?}");
    assert_eq!(store.wave_responses(wave.id).await.unwrap().len(), 1);
    assert_eq!(responded(&store, wave.id).await.iter().sum::<u32>(), 1);
}

async fn many_tokens_submitted_at_once(engine: Engine) {
    let Some((_db, store)) = open_with(engine, racing_pool()).await else {
        return;
    };
    let survey = prepare(&store).await;
    let wave = open_wave(&store, &survey).await;
    let [a, b] = [0, 1].map(|n| survey.units[n].id);
    let mut all = tokens(&store, wave.id, a, 120).await;
    all.extend(tokens(&store, wave.id, b, 80).await);
    let start = Arc::new(Barrier::new(all.len()));
    let tasks: Vec<_> = all
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let (store, start) = (store.clone(), start.clone());
            let given = answers(&survey.instrument, n);
            tokio::spawn(async move {
                start.wait().await;
                store.submit_response(&token, &given, Utc::now()).await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), SubmitOutcome::Stored);
    }
    let mut counts = store
        .wave_units(wave.id)
        .await
        .unwrap()
        .into_iter()
        .map(|unit| (unit.unit_id, unit.responded))
        .collect::<Vec<_>>();
    counts.sort_unstable();
    let mut expected = vec![(a, 120), (b, 80)];
    expected.sort_unstable();
    assert_eq!(counts, expected);
    assert_eq!(store.wave_responses(wave.id).await.unwrap().len(), 200);
}

async fn imports_are_all_or_nothing(engine: Engine) {
    let Some((db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let [a, b, c] = [0, 1, 2].map(|n| survey.units[n].clone());
    let wave = open_wave(&store, &survey).await;
    let response = |unit: &UnitRecord, seed: usize| {
        ParsedResponse::new(unit.unit.code.clone(), answers(&survey.instrument, seed))
    };

    // More than one insert statement's worth.
    let file: Vec<ParsedResponse> = (0..1_234)
        .map(|n| response(if n % 3 == 0 { &b } else { &a }, n))
        .collect();
    let imported = store
        .import_responses(wave.id, &file, &Actor::system("analis"))
        .await
        .unwrap();
    assert_eq!(imported, 1_234);
    let stored = store.wave_responses(wave.id).await.unwrap();
    assert_eq!(stored.len(), 1_234);
    let today = jakarta_date(Utc::now());
    assert!(stored
        .iter()
        .all(|r| r.answered_on == today || r.answered_on == today.pred_opt().unwrap()));
    let from_b = stored.iter().filter(|r| r.unit_id == b.id).count();
    assert_eq!(from_b, 412);
    let mut given: Vec<&ValidAnswers> = file.iter().map(|r| &r.answers).collect();
    let mut read: Vec<&ValidAnswers> = stored.iter().map(|r| &r.answers).collect();
    let key = |answers: &&ValidAnswers| serde_json::to_string(answers).unwrap();
    given.sort_by_key(key);
    read.sort_by_key(key);
    assert_eq!(given, read, "the same answers come back");
    let entries = store
        .list_audit(&audit_of(AuditAction::ResponsesImported))
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].detail["count"], 1_234);
    assert_eq!(entries[0].actor_name, "analis");
    let sources = raw_strings(
        &db,
        "SELECT DISTINCT source FROM responses WHERE source <> $1",
        "",
    )
    .await;
    assert_eq!(sources, vec!["import".to_owned()]);

    // One response from a unit outside the wave: nothing of the file is stored.
    let mut bad = vec![response(&a, 1), response(&b, 2)];
    bad.push(response(&c, 3));
    match store.import_responses(wave.id, &bad, &admin()).await {
        Err(StoreError::Invalid(message)) => {
            assert!(message.contains(c.unit.code.as_str()), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    // Answers to another instrument version: refused whole as well.
    let mut draft = survey.instrument.to_draft();
    draft.version = 2;
    let other = Instrument::from_draft(&draft).unwrap();
    let mixed = vec![
        response(&a, 1),
        ParsedResponse::new(a.unit.code.clone(), answers(&other, 1)),
    ];
    assert!(matches!(
        store.import_responses(wave.id, &mixed, &admin()).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.import_responses(wave.id + 100, &file, &admin()).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.wave_responses(wave.id).await.unwrap().len(), 1_234);
    assert_eq!(responded(&store, wave.id).await.iter().sum::<u32>(), 1_234);
    assert_eq!(
        store
            .count_audit(&audit_of(AuditAction::ResponsesImported))
            .await
            .unwrap(),
        1
    );
}

/// `now` is only ever reduced to a Jakarta day: answers given at 23:59 and 00:01 WIB land
/// on two days, whatever the UTC date.
async fn responses_keep_the_jakarta_day(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let a = survey.units[0].id;
    let schedule =
        WaveSchedule::from_jakarta_local("2025-03-01T08:00", "2025-03-31T17:00").unwrap();
    let wave = store
        .create_wave(&new_wave(&survey, schedule, vec![a]), &admin())
        .await
        .unwrap();
    store
        .set_wave_state(wave.id, WaveState::Open, &admin())
        .await
        .unwrap();
    let evening: DateTime<Utc> = "2025-03-10T16:59:00Z".parse().unwrap();
    let morning: DateTime<Utc> = "2025-03-10T17:01:00Z".parse().unwrap();
    for at in [evening, morning] {
        let token = tokens_of(&store, wave.id, a).await;
        assert_eq!(
            store
                .submit_response(&token, &answers(&survey.instrument, 0), at)
                .await
                .unwrap(),
            SubmitOutcome::Stored
        );
    }
    let mut days: Vec<String> = store
        .wave_responses(wave.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.answered_on.to_string())
        .collect();
    days.sort();
    assert_eq!(days, vec!["2025-03-10", "2025-03-11"]);
}

/// A wave's tokens are deleted once its closing time is older than the retention period;
/// responses, issued counts and each batch's used count stay; a running wave is untouched.
async fn tokens_are_purged_after_retention(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let survey = prepare(&store).await;
    let unit = survey.units[0].id;
    let running = open_wave(&store, &survey).await;
    let running_tokens = tokens(&store, running.id, unit, 3).await;
    // A wave that ran last month.
    let earlier = store
        .create_wave(
            &new_wave(
                &survey,
                WaveSchedule::new(now() - TimeDelta::days(40), now() - TimeDelta::days(35))
                    .unwrap(),
                vec![unit],
            ),
            &admin(),
        )
        .await
        .unwrap();
    store
        .set_wave_state(earlier.id, WaveState::Open, &admin())
        .await
        .unwrap();
    let earlier_tokens = tokens(&store, earlier.id, unit, 4).await;
    // Answered while it ran (straight into the store, as a paper import would).
    let batch = store.invitation_batches(earlier.id, unit).await.unwrap()[0].id;
    for token in earlier_tokens.iter().take(2) {
        let outcome = store
            .submit_response(
                token,
                &answers(&survey.instrument, 1),
                now() - TimeDelta::days(36),
            )
            .await
            .unwrap();
        assert_eq!(outcome, SubmitOutcome::Stored);
    }
    store
        .set_wave_state(earlier.id, WaveState::Closed, &admin())
        .await
        .unwrap();
    let before = store.wave_units(earlier.id).await.unwrap();

    // Thirty days' retention: the earlier wave's tokens go, the running wave's stay.
    let purged = store
        .purge_invitation_tokens(now() - TimeDelta::days(30), &admin())
        .await
        .unwrap();
    assert_eq!(purged, 4);
    for token in &earlier_tokens {
        assert!(store.invitation(token).await.unwrap().is_none());
    }
    for token in &running_tokens {
        assert!(store.invitation(token).await.unwrap().is_some());
    }
    assert_eq!(store.wave_units(earlier.id).await.unwrap(), before);
    let kept = store.invitation_batch(batch).await.unwrap().unwrap();
    assert_eq!(kept.used, 2);
    assert_eq!(store.wave_response_count(earlier.id).await.unwrap(), 2);
    let entries = store
        .list_audit(&audit_of(AuditAction::TokensPurged))
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].detail["tokens"], 4);
    // Again: nothing left to purge, nothing logged.
    assert_eq!(
        store
            .purge_invitation_tokens(now() - TimeDelta::days(30), &admin())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .list_audit(&audit_of(AuditAction::TokensPurged))
            .await
            .unwrap()
            .len(),
        1
    );
}

macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                // Several worker threads: the concurrency stories race for real.
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    super::$story(super::Engine::Sqlite).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    super::$story(super::Engine::Postgres).await;
                }
            )*
        }
    };
}

/// Issue #15: a copy of `siap.db` + `siap.db-wal` paired 38 of 38 recent tokens with their
/// responses by commit. After each group commit the WAL is checkpointed and truncated, so a
/// copy taken after an acknowledgement holds no frames (and deleted rows are overwritten).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_no_write_ahead_log_after_submissions() {
    let Some((db, store)) = open(Engine::Sqlite).await else {
        return;
    };
    let survey = prepare(&store).await;
    let a = survey.units[0].clone();
    let wave = open_wave(&store, &survey).await;
    let tokens = tokens(&store, wave.id, a.id, 8).await;
    let now = Utc::now();
    let submissions: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(i, token)| {
            let store = store.clone();
            let given = answers(&survey.instrument, i);
            let token = token.clone();
            tokio::spawn(async move { store.submit_response(&token, &given, now).await.unwrap() })
        })
        .collect();
    for submission in submissions {
        assert_eq!(submission.await.unwrap(), SubmitOutcome::Stored);
    }
    let path = db.url().as_str().trim_start_matches("sqlite://").to_owned();
    let wal = std::path::PathBuf::from(format!("{path}-wal"));
    // The checkpoint follows the replies: give it a moment, then the log must be empty.
    let mut size = u64::MAX;
    for _ in 0..50 {
        size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        size,
        0,
        "{} holds {size} bytes after the commits",
        wal.display()
    );
    assert_eq!(responded(&store, wave.id).await.iter().sum::<u32>(), 8);
    store.close().await;
}

on_both_engines!(
    instruments_are_saved_once,
    waves_move_forward_only,
    invitations_are_issued_in_batches,
    a_token_answers_once,
    one_token_submitted_at_once,
    many_tokens_submitted_at_once,
    imports_are_all_or_nothing,
    responses_keep_the_jakarta_day,
    tokens_are_purged_after_retention,
);
