//! Survey submissions under concurrency, over real HTTP, against SQLite and PostgreSQL.
//!
//! For each engine: a fresh database, the real server on a loopback port, an open wave of a
//! 40-item survey and enough invitations; then
//! 1. the raw store ceiling: `Store::submit_response` called directly by C concurrent tasks
//!    (validated answers prepared beforehand): the most the database path can take;
//! 2. HTTP: C concurrent clients posting the survey form to `/s/{token}` as a browser does,
//!    each post waiting for its 303; responses/s and latency percentiles.
//!
//! ```sh
//! source scripts/env.sh
//! SIAP_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench -p server --bench submissions -- --responses 20000 --concurrency 32
//! ```
//! Options: `--engine sqlite|postgres|both` (default both), `--responses N` (HTTP posts,
//! default 20000; the raw run uses the same number), `--concurrency C` (default 32).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use domain::{
    instrument::{
        default_instrument, form::item_field, Answers, Instrument, SurveyMeta, TextDraft,
    },
    units::csv::import_units,
    waves::{InvitationToken, WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use server::{Application, ServeConfig};
use store::{testing::TestDatabase, Actor, Engine, NewWave, PoolOptions, Store, SubmitOutcome};

struct Options {
    engines: Vec<Engine>,
    responses: usize,
    concurrency: usize,
}

fn options() -> Options {
    let mut options = Options {
        engines: vec![Engine::Sqlite, Engine::Postgres],
        responses: 20_000,
        concurrency: 32,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--engine" => {
                options.engines = match value.as_str() {
                    "sqlite" => vec![Engine::Sqlite],
                    "postgres" => vec![Engine::Postgres],
                    _ => vec![Engine::Sqlite, Engine::Postgres],
                };
                i += 1;
            }
            "--responses" => {
                options.responses = value.parse().expect("--responses N");
                i += 1;
            }
            "--concurrency" => {
                options.concurrency = value.parse().expect("--concurrency C");
                i += 1;
            }
            // cargo bench passes `--bench`; ignore anything else.
            _ => {}
        }
        i += 1;
    }
    options
}

/// The default survey's 34 items and six more library items: 40.
fn survey_40() -> Instrument {
    let default = default_instrument();
    let mut ids: Vec<String> = default.items().map(|i| i.id().to_string()).collect();
    for extra in [
        "kesesuaian-3",
        "manfaat-pribadi-4",
        "dukungan-pimpinan-2",
        "keyakinan-diri-4",
        "komitmen-3",
        "kemampuan-bersama-3",
    ] {
        ids.push(extra.to_owned());
    }
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let meta = SurveyMeta::new(
        "bench-40",
        TextDraft::new("Survei 40 pernyataan", "40-item survey"),
        TextDraft::new("Untuk uji kinerja.", "For benchmarks."),
    );
    let survey = Instrument::compose(meta, default.scale(), &ids, Default::default()).unwrap();
    assert_eq!(survey.item_count(), 40);
    survey
}

fn answers(survey: &Instrument, seed: usize) -> Answers {
    let mut answers = Answers::default();
    for (i, item) in survey.items().enumerate() {
        let point = 1 + ((seed * 7 + i * 3) % 5) as u8;
        answers
            .items
            .insert(item.id().as_str().to_owned(), Some(point));
    }
    answers.barriers.push("anggaran".to_owned());
    answers
}

fn form(answers: &Answers) -> String {
    let mut pairs: Vec<(String, String)> = answers
        .items
        .iter()
        .map(|(id, v)| (item_field(id), v.unwrap_or(3).to_string()))
        .collect();
    pairs.extend(
        answers
            .barriers
            .iter()
            .map(|b| ("barrier".to_owned(), b.clone())),
    );
    pairs.push(("lang".to_owned(), "id".to_owned()));
    serde_urlencoded::to_string(&pairs).unwrap()
}

async fn tokens(store: &Store, wave: i64, unit: i64, count: usize) -> Vec<InvitationToken> {
    let actor = Actor::system("bench");
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let size = (count - out.len()).min(100_000) as u32;
        let batch = store
            .issue_invitations(wave, unit, size, &actor)
            .await
            .unwrap();
        out.extend(
            store
                .batch_tokens(batch.id)
                .await
                .unwrap()
                .into_iter()
                .map(|(t, _)| t),
        );
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

async fn run(engine: Engine, options: &Options) {
    let Some(db) = TestDatabase::new(engine).await else {
        println!("{engine}: skipped (no PostgreSQL server configured)");
        return;
    };
    let pool = PoolOptions {
        max_connections: options.concurrency.clamp(4, 32) as u32,
        acquire_timeout: Duration::from_secs(30),
    };
    let config = ServeConfig {
        database_url: db.url().clone(),
        bind: "127.0.0.1:0".parse().unwrap(),
        pool: pool.clone(),
        shutdown_grace: Duration::from_secs(5),
        site_root: "target/site".into(),
        secure_cookies: false,
        demo: false,
        // One client address plays a whole province: no per-address limits here (the
        // limits have their own test).
        rate_limits: server::rate_limit::RateLimits::off(),
        token_retention: Duration::from_secs(30 * 24 * 60 * 60),
        session_lifetime: Duration::from_secs(12 * 60 * 60),
    };
    let app = Application::build(&config).await.unwrap();
    let addr = app.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));

    let store = Store::connect(db.url(), &pool).await.unwrap();
    let actor = Actor::system("bench");
    let csv = "code,name,kind,parent_code,headcount\nB,Provinsi,provinsi,,10\nB.DINAS,Dinas,dinas,B,1000000\n";
    store
        .apply_unit_import(&import_units(csv.as_bytes(), &[]).unwrap(), &actor)
        .await
        .unwrap();
    let unit = store
        .unit_by_code(&"B.DINAS".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let survey = survey_40();
    let saved = store.save_instrument(&survey, &actor).await.unwrap();
    let now = Utc::now();
    let wave = store
        .create_wave(
            &NewWave {
                title: WaveTitle::parse("Bench").unwrap(),
                kind: WaveKind::Baseline,
                instrument_id: saved.id,
                schedule: WaveSchedule::new(
                    now - chrono::Duration::hours(1),
                    now + chrono::Duration::days(1),
                )
                .unwrap(),
                unit_ids: vec![unit.id],
                previous_wave_id: None,
            },
            &actor,
        )
        .await
        .unwrap();
    store
        .set_wave_state(wave.id, WaveState::Open, &actor)
        .await
        .unwrap();
    let n = options.responses;
    let raw_tokens = Arc::new(tokens(&store, wave.id, unit.id, n).await);
    let http_tokens = Arc::new(tokens(&store, wave.id, unit.id, n).await);
    let valid: Arc<Vec<_>> = Arc::new(
        (0..64)
            .map(|s| survey.validate_answers(&answers(&survey, s)).unwrap())
            .collect(),
    );
    let forms: Arc<Vec<String>> = Arc::new((0..64).map(|s| form(&answers(&survey, s))).collect());

    // 1. The raw store ceiling.
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..options.concurrency {
        let (store, next, raw_tokens, valid) = (
            store.clone(),
            next.clone(),
            raw_tokens.clone(),
            valid.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = raw_tokens.get(i) else {
                    break;
                };
                let outcome = store
                    .submit_response(token, &valid[i % valid.len()], Utc::now())
                    .await
                    .unwrap();
                assert!(matches!(outcome, SubmitOutcome::Stored));
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let raw_rate = n as f64 / started.elapsed().as_secs_f64();

    // 2. Over HTTP.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(options.concurrency)
        .build()
        .unwrap();
    let origin = format!("http://{addr}");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..options.concurrency {
        let (client, next, http_tokens, forms, origin) = (
            client.clone(),
            next.clone(),
            http_tokens.clone(),
            forms.clone(),
            origin.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = http_tokens.get(i) else {
                    break;
                };
                let sent = Instant::now();
                let response = client
                    .post(format!("{origin}/s/{}", token.as_str()))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("origin", &origin)
                    .body(forms[i % forms.len()].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 303);
                let location = response
                    .headers()
                    .get("location")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned();
                assert!(location.ends_with("/selesai"), "{location}");
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(n);
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    let http_rate = n as f64 / started.elapsed().as_secs_f64();
    latencies.sort();
    let stored: u32 = store
        .wave_units(wave.id)
        .await
        .unwrap()
        .iter()
        .map(|u| u.responded)
        .sum();
    assert_eq!(
        stored as usize,
        2 * n,
        "every acknowledged response is stored"
    );

    println!(
        "{engine}: {n} posts of a 40-item survey, {} concurrent: {http_rate:.0} responses/s over HTTP, \
         p50 {:.1} ms, p99 {:.1} ms; raw store ceiling {raw_rate:.0} responses/s; HTTP = {:.0}% of raw",
        options.concurrency,
        percentile(&latencies, 50.0).as_secs_f64() * 1e3,
        percentile(&latencies, 99.0).as_secs_f64() * 1e3,
        100.0 * http_rate / raw_rate,
    );
    store.close().await;
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

fn main() {
    let options = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for engine in options.engines.clone() {
            run(engine, &options).await;
        }
    });
}
