//! Throw-away databases for tests: a fresh SQLite file in a temporary folder, or a fresh
//! PostgreSQL database created on the server named by `SIAP_TEST_POSTGRES_URL` and dropped
//! afterwards.

use std::str::FromStr;

use sqlx::{postgres::PgConnectOptions, ConnectOptions, Connection};

use crate::{DatabaseUrl, Engine};

/// The variable naming a PostgreSQL server tests may create databases on.
pub const POSTGRES_URL_VAR: &str = "SIAP_TEST_POSTGRES_URL";

/// A database that exists for one test and is removed when dropped.
pub struct TestDatabase {
    url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh database of the given engine, or `None` when PostgreSQL was asked for and no
    /// server is configured. Under CI (`CI=true`) a missing server is an error, not a skip.
    pub async fn new(engine: Engine) -> Option<Self> {
        match engine {
            Engine::Sqlite => Some(Self::sqlite()),
            Engine::Postgres => Self::postgres().await,
        }
    }

    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder for the test database");
        let path = dir.path().join("siap.db");
        let url = format!("sqlite://{}", path.display())
            .parse()
            .expect("a valid SQLite URL");
        Self {
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    pub async fn postgres() -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "{POSTGRES_URL_VAR} must be set under CI: PostgreSQL tests are mandatory there"
            );
            eprintln!("skipping a PostgreSQL test: {POSTGRES_URL_VAR} is not set");
            return None;
        };
        let name = format!("siap_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnectOptions::from_str(&admin_url)
            .expect("SIAP_TEST_POSTGRES_URL is a PostgreSQL URL")
            .connect()
            .await
            .expect("PostgreSQL named by SIAP_TEST_POSTGRES_URL accepts connections");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("permission to create a test database");
        let _ = admin.close().await;
        let url = PgConnectOptions::from_str(&admin_url)
            .expect("valid")
            .database(&name)
            .to_url_lossy()
            .to_string()
            .parse()
            .expect("a valid PostgreSQL URL");
        Some(Self {
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn engine(&self) -> Engine {
        self.url.engine()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            // Drop runs outside any async context we can rely on: use a thread of its own.
            let (admin_url, db_name) = (admin_url.clone(), name.clone());
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime to drop the test database");
                runtime.block_on(async move {
                    let mut admin = PgConnectOptions::from_str(&admin_url)
                        .expect("valid")
                        .connect()
                        .await
                        .expect("PostgreSQL reachable to drop the test database");
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(_))) {
                eprintln!("could not drop test database {name}");
            }
        }
    }
}
