//! The suggestions playbook as administrators save it, on both engines: nothing saved at
//! first (the built-in playbook applies), saved versions read back exactly with the newest
//! winning, each save audited in its transaction, and an empty text refused without a trace.
#![allow(clippy::unwrap_used)]

use domain::interventions::playbook::DEFAULT_PLAYBOOK_TOML;
use domain::interventions::Playbook;
use serde_json::json;
use store::{
    testing::TestDatabase, Actor, AuditAction, AuditFilter, Engine, NewUser, PasswordHash,
    PoolOptions, Role, Store, StoreError,
};

async fn open(engine: Engine) -> Option<(TestDatabase, Store)> {
    let db = TestDatabase::new(engine).await?;
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some((db, store))
}

async fn admin_user(store: &Store) -> Actor {
    let id = store
        .create_user(
            NewUser {
                username: "admin".into(),
                display_name: "Admin Siap".into(),
                password_hash: PasswordHash::new(
                    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$admin".to_owned(),
                ),
                role: Role::Admin,
                unit_ids: vec![],
            },
            &Actor::system("setup"),
        )
        .await
        .unwrap();
    Actor::user(id, "admin")
}

fn saved() -> AuditFilter {
    AuditFilter {
        action: Some(AuditAction::PlaybookSaved),
        ..AuditFilter::default()
    }
}

async fn playbook_versions_are_kept_and_the_newest_wins(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    assert_eq!(store.playbook_text().await.unwrap(), None);
    assert_eq!(store.playbook_version().await.unwrap(), None);

    // The built-in text, edited by an administrator: saved exactly, read back exactly.
    let admin = admin_user(&store).await;
    let edited = DEFAULT_PLAYBOOK_TOML.replace(
        "Pelatihan cara kerja baru\"",
        "Pelatihan cara kerja baru — kelas kecil\"",
    );
    assert_ne!(edited, DEFAULT_PLAYBOOK_TOML);
    assert!(Playbook::parse(&edited).is_ok());
    store.save_playbook(&edited, &admin).await.unwrap();
    let text = store.playbook_text().await.unwrap().unwrap();
    assert_eq!(text, edited);
    assert!(Playbook::parse(&text).is_ok());
    let first = store.playbook_version().await.unwrap().unwrap();
    assert_eq!(first.saved_by, admin.user_id);
    assert_eq!(first.saved_by_name, "admin");
    let entry = store.list_audit(&saved()).await.unwrap().remove(0);
    assert_eq!(entry.actor_user_id, admin.user_id);
    assert_eq!(entry.target.as_deref(), Some("playbook"));
    assert_eq!(entry.at, first.saved_at);
    assert_eq!(
        entry.detail,
        json!({
            "playbook_version_id": first.id,
            "characters": edited.chars().count(),
        })
    );

    // A later save wins; the earlier one stays in the history (and the audit log).
    let system = Actor::system("seed");
    store
        .save_playbook(DEFAULT_PLAYBOOK_TOML, &system)
        .await
        .unwrap();
    let second = store.playbook_version().await.unwrap().unwrap();
    assert!(second.id > first.id);
    assert!(second.saved_at >= first.saved_at);
    assert_eq!(second.text, DEFAULT_PLAYBOOK_TOML);
    assert_eq!(second.saved_by, None);
    assert_eq!(second.saved_by_name, "seed");
    assert_eq!(
        store.playbook_text().await.unwrap().as_deref(),
        Some(DEFAULT_PLAYBOOK_TOML)
    );
    assert_eq!(store.count_audit(&saved()).await.unwrap(), 2);
    let newest = store.list_audit(&saved()).await.unwrap().remove(0);
    assert_eq!(newest.actor_name, "seed");
    assert_eq!(newest.actor_user_id, None);

    // The store keeps text and does not validate it: that is the caller's job.
    store
        .save_playbook("not = [a playbook", &system)
        .await
        .unwrap();
    assert_eq!(
        store.playbook_text().await.unwrap().as_deref(),
        Some("not = [a playbook")
    );
    assert_eq!(store.count_audit(&saved()).await.unwrap(), 3);
}

async fn an_empty_text_is_refused_and_writes_nothing(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let admin = admin_user(&store).await;
    let all = AuditFilter::default();
    let before = store.count_audit(&all).await.unwrap();
    assert!(matches!(
        store.save_playbook("", &admin).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.playbook_text().await.unwrap(), None);
    assert_eq!(store.count_audit(&all).await.unwrap(), before);
}

async fn concurrent_saves_each_make_one_version(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let saves = (0..8).map(|n| {
        let store = store.clone();
        tokio::spawn(async move {
            let text = format!("# version {n}\n{DEFAULT_PLAYBOOK_TOML}");
            store
                .save_playbook(&text, &Actor::system(format!("job-{n}")))
                .await
        })
    });
    for save in saves.collect::<Vec<_>>() {
        save.await.unwrap().unwrap();
    }
    assert_eq!(store.count_audit(&saved()).await.unwrap(), 8);
    let newest = store.playbook_version().await.unwrap().unwrap();
    assert!(newest.text.starts_with("# version "));
    assert_eq!(
        newest.text,
        format!(
            "# version {}\n{DEFAULT_PLAYBOOK_TOML}",
            newest.saved_by_name.trim_start_matches("job-")
        )
    );
}

macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
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

on_both_engines!(
    playbook_versions_are_kept_and_the_newest_wins,
    an_empty_text_is_refused_and_writes_nothing,
    concurrent_saves_each_make_one_version,
);
