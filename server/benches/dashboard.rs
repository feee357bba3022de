//! Server-side rendering time of the leadership dashboard on the demo organisation (389
//! units, 62,936 staff, three waves of simulated answers), over real HTTP.
//!
//! For each engine: a fresh database seeded in demo mode, the real server on a loopback
//! port, an administrator signed in; then for three views (the province, a kota, a
//! kecamatan) the first request (figures of the three waves computed and cached) and N
//! more (cached figures: the steady state), each a full server-rendered HTML page.
//!
//! ```sh
//! source scripts/env.sh
//! SIAP_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench -p server --bench dashboard -- --requests 50
//! ```
//! Options: `--engine sqlite|postgres|both` (default both), `--requests N` (default 50).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use server::{Application, ServeConfig};
use store::{testing::TestDatabase, Engine, PoolOptions, Store};

struct Options {
    engines: Vec<Engine>,
    requests: usize,
}

fn options() -> Options {
    let mut options = Options {
        engines: vec![Engine::Sqlite, Engine::Postgres],
        requests: 50,
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
            "--requests" => {
                options.requests = value.parse().expect("--requests N");
                i += 1;
            }
            // cargo bench passes `--bench`; ignore anything else.
            _ => {}
        }
        i += 1;
    }
    options
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn get(client: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    let took = started.elapsed();
    assert_eq!(status, 200, "{url}");
    assert!(
        body.contains("data-testid=\"heatmap\""),
        "{url}: no heatmap"
    );
    took
}

async fn run(engine: Engine, options: &Options) {
    let Some(db) = TestDatabase::new(engine).await else {
        println!("{engine}: skipped (no PostgreSQL server configured)");
        return;
    };
    let config = ServeConfig {
        database_url: db.url().clone(),
        bind: "127.0.0.1:0".parse().unwrap(),
        pool: PoolOptions::default(),
        shutdown_grace: Duration::from_secs(5),
        site_root: "target/site".into(),
        secure_cookies: false,
        demo: true,
        // One client address plays a whole province: no per-address limits here (the
        // limits have their own test).
        rate_limits: server::rate_limit::RateLimits::off(),
        token_retention: Duration::from_secs(30 * 24 * 60 * 60),
        session_lifetime: Duration::from_secs(12 * 60 * 60),
    };
    let seeding = Instant::now();
    let app = Application::build(&config).await.unwrap();
    println!(
        "{engine}: demo organisation and three waves seeded in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let addr = app.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let base = format!("http://{addr}");

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let password = "bench-password-123";
    for (endpoint, form) in [
        (
            "auth/setup",
            vec![
                ("username", "admin"),
                ("display_name", "Admin"),
                ("password", password),
            ],
        ),
        (
            "auth/login",
            vec![("username", "admin"), ("password", password)],
        ),
    ] {
        let response = client
            .post(format!("{base}/api/{endpoint}"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "{endpoint}"
        );
    }

    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let units = store.list_units().await.unwrap();
    let kecamatan = units
        .iter()
        .find(|u| u.unit.kind.as_str() == "kecamatan")
        .map(|u| u.unit.code.to_string())
        .expect("the demo has kecamatan");
    let views = [
        ("province", format!("{base}/dashboard")),
        ("kota", format!("{base}/dashboard?unit=DKI.JAKPUS")),
        ("kecamatan", format!("{base}/dashboard?unit={kecamatan}")),
    ];
    println!("{engine}: view        first (ms)   p50 (ms)   p95 (ms)   p99 (ms)   max (ms)   n");
    for (name, url) in &views {
        let first = get(&client, url).await;
        let mut times = Vec::with_capacity(options.requests);
        for _ in 0..options.requests {
            times.push(get(&client, url).await);
        }
        times.sort();
        println!(
            "{engine}: {name:<10} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>4}",
            ms(first),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap()),
            times.len()
        );
    }
    let _ = stop.send(());
    let _ = server.await;
}

fn main() {
    let options = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    for engine in &options.engines {
        runtime.block_on(run(*engine, &options));
    }
}
