use domain::waves::{WaveKind, WaveState, WaveStatus};
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
    // A closed baseline, a closed follow-up of it and an open follow-up of that, newest
    // first, with simulated answers from 40%, 38% and 35% of the staff.
    let waves = store.list_waves().await.unwrap();
    assert_eq!(waves.len(), 3);
    let (open, first_follow_up, baseline) = (&waves[0], &waves[1], &waves[2]);
    let now = chrono::Utc::now();
    assert_eq!(baseline.kind, WaveKind::Baseline);
    assert_eq!(baseline.previous_wave_id, None);
    assert_eq!(first_follow_up.kind, WaveKind::FollowUp);
    assert_eq!(first_follow_up.previous_wave_id, Some(baseline.id));
    assert_eq!(open.kind, WaveKind::FollowUp);
    assert_eq!(open.previous_wave_id, Some(first_follow_up.id));
    for closed in [baseline, first_follow_up] {
        assert_eq!(closed.state, WaveState::Closed);
        assert_eq!(closed.status(now), WaveStatus::Closed);
        assert!(closed.schedule.closes_at() < now - chrono::Duration::days(60));
    }
    assert_eq!(open.state, WaveState::Open);
    assert_eq!(open.status(now), WaveStatus::Open);
    assert!(baseline.schedule.closes_at() < first_follow_up.schedule.opens_at());
    for (wave, percent) in [(baseline, 40), (first_follow_up, 38), (open, 35)] {
        assert_eq!(wave.instrument_id, baseline.instrument_id);
        let units = store.wave_units(wave.id).await.unwrap();
        assert_eq!(units.len(), domain::demo::demo_organisation().len());
        let headcount: u64 = units.iter().map(|u| u64::from(u.headcount)).sum();
        let responded: u64 = units.iter().map(|u| u64::from(u.responded)).sum();
        assert!(
            responded * 100 >= headcount * (percent - 3)
                && responded * 100 <= headcount * (percent + 3),
            "{}: {responded} of {headcount}",
            wave.title
        );
    }
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
