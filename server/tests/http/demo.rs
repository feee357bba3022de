use server::Application;
use store::{testing::TestDatabase, Engine, PoolOptions, Store};

use crate::support::config;

async fn demo_mode_fills_an_empty_database_once(engine: Engine) {
    let Some(db) = TestDatabase::new(engine).await else {
        return;
    };
    let mut demo = config(&db);
    demo.demo = true;
    for _ in 0..2 {
        // Twice: a restart in demo mode adds nothing more.
        let app = Application::build(&demo).await.unwrap();
        drop(app);
    }
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    assert_eq!(
        store.count_units().await.unwrap(),
        domain::demo::demo_organisation().len() as i64
    );
    // One open wave with simulated answers from about a third of the staff.
    let waves = store.list_waves().await.unwrap();
    assert_eq!(waves.len(), 1);
    let wave = &waves[0];
    assert_eq!(
        wave.status(chrono::Utc::now()),
        domain::waves::WaveStatus::Open
    );
    let units = store.wave_units(wave.id).await.unwrap();
    let headcount: u64 = units.iter().map(|u| u64::from(u.headcount)).sum();
    let responded: u64 = units.iter().map(|u| u64::from(u.responded)).sum();
    assert!(
        responded * 100 >= headcount * 30 && responded * 100 <= headcount * 40,
        "{responded} of {headcount}"
    );
    store.close().await;
}

mod sqlite {
    #[tokio::test]
    async fn demo_mode_fills_an_empty_database_once() {
        super::demo_mode_fills_an_empty_database_once(store::Engine::Sqlite).await;
    }
}

mod postgres {
    #[tokio::test]
    async fn demo_mode_fills_an_empty_database_once() {
        super::demo_mode_fills_an_empty_database_once(store::Engine::Postgres).await;
    }
}
