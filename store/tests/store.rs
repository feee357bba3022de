//! One story, run on both engines: connect, migrate (twice), answer probes, count units.
#![allow(clippy::unwrap_used)]

use store::{testing::TestDatabase, Engine, PoolOptions, Store};

async fn story(engine: Engine) {
    let Some(db) = TestDatabase::new(engine).await else {
        return;
    };
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    assert_eq!(store.engine(), engine);
    store.migrate().await.unwrap();
    // A restart, or a second instance, migrates again: nothing happens, nothing fails.
    store.migrate().await.unwrap();
    store.ping().await.unwrap();
    assert_eq!(store.count_units().await.unwrap(), 0);
    store.close().await;
    assert!(
        store.ping().await.is_err(),
        "a closed store no longer answers"
    );
}

async fn concurrent_migrations(engine: Engine) {
    let Some(db) = TestDatabase::new(engine).await else {
        return;
    };
    let options = PoolOptions::default();
    let (a, b) = tokio::join!(
        Store::connect(db.url(), &options),
        Store::connect(db.url(), &options)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let (ra, rb) = tokio::join!(a.migrate(), b.migrate());
    ra.unwrap();
    rb.unwrap();
    assert_eq!(a.count_units().await.unwrap(), 0);
}

mod sqlite {
    use super::*;

    #[tokio::test]
    async fn store_story() {
        story(Engine::Sqlite).await;
    }

    #[tokio::test]
    async fn migrations_run_concurrently() {
        concurrent_migrations(Engine::Sqlite).await;
    }
}

mod postgres {
    use super::*;

    #[tokio::test]
    async fn store_story() {
        story(Engine::Postgres).await;
    }

    #[tokio::test]
    async fn migrations_run_concurrently() {
        concurrent_migrations(Engine::Postgres).await;
    }
}
