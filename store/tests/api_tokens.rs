//! Personal API tokens on both engines: the secret is returned once and only its digest is
//! kept; a token resolves to its user until revoked; one user cannot revoke another's; the
//! day of last use is recorded; creation and revocation are audited.
#![allow(clippy::unwrap_used)]

use store::{
    testing::TestDatabase, Actor, ApiSecret, AuditAction, AuditFilter, Engine, NewUser,
    PasswordHash, PoolOptions, Role, Store, StoreError,
};

async fn open(engine: Engine) -> Option<(TestDatabase, Store)> {
    let db = TestDatabase::new(engine).await?;
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some((db, store))
}

async fn user(store: &Store, name: &str) -> Actor {
    let id = store
        .create_user(
            NewUser {
                username: name.into(),
                display_name: name.into(),
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
    Actor::user(id, name)
}

async fn a_token_acts_for_its_user_until_revoked(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let ani = user(&store, "ani").await;
    let budi = user(&store, "budi").await;
    let ani_id = ani.user_id.unwrap();
    let (record, secret) = store
        .create_api_token(ani_id, " hr-sync ", &ani)
        .await
        .unwrap();
    assert_eq!(record.name, "hr-sync");
    assert!(secret.expose().starts_with(record.prefix.as_str()));
    assert_eq!(store.api_token_user(&secret).await.unwrap(), Some(ani_id));

    // Listed without the secret, with today as the day of last use.
    let listed = store.api_tokens_of(ani_id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_on.is_some());
    assert!(store
        .api_tokens_of(budi.user_id.unwrap())
        .await
        .unwrap()
        .is_empty());

    // Another user cannot revoke it; its owner can, and then it opens nothing.
    let other = store
        .revoke_api_token(budi.user_id.unwrap(), record.id, &budi)
        .await;
    assert!(matches!(other, Err(StoreError::NotFound)), "{other:?}");
    assert_eq!(store.api_token_user(&secret).await.unwrap(), Some(ani_id));
    store
        .revoke_api_token(ani_id, record.id, &ani)
        .await
        .unwrap();
    assert_eq!(store.api_token_user(&secret).await.unwrap(), None);
    assert!(store.api_tokens_of(ani_id).await.unwrap()[0]
        .revoked_at
        .is_some());

    // A secret never issued opens nothing either.
    assert_eq!(
        store
            .api_token_user(&ApiSecret::generate().unwrap())
            .await
            .unwrap(),
        None
    );
    for action in [AuditAction::ApiTokenCreated, AuditAction::ApiTokenRevoked] {
        let entries = store
            .list_audit(&AuditFilter {
                action: Some(action),
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(entries.len(), 1, "{action}");
    }
}

async fn bad_names_are_refused_and_write_nothing(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let ani = user(&store, "ani").await;
    let ani_id = ani.user_id.unwrap();
    for name in ["", "   ", &"x".repeat(store::MAX_TOKEN_NAME + 1)] {
        let result = store.create_api_token(ani_id, name, &ani).await;
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{name:?}");
    }
    assert!(store.api_tokens_of(ani_id).await.unwrap().is_empty());
}

macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story(super::Engine::Sqlite).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story(super::Engine::Postgres).await;
                }
            )*
        }
    };
}

/// Issue #16, 5: tokens survived a password change and came back when a deactivated user
/// was reactivated. Both now end every live token of the user, in the same transaction.
async fn a_password_change_or_deactivation_ends_the_tokens(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let ani = user(&store, "ani").await;
    let budi = user(&store, "budi").await;
    let (ani_id, budi_id) = (ani.user_id.unwrap(), budi.user_id.unwrap());
    let (_, ani_secret) = store.create_api_token(ani_id, "sync", &ani).await.unwrap();
    let (_, budi_secret) = store
        .create_api_token(budi_id, "sync", &budi)
        .await
        .unwrap();

    store
        .set_password(
            ani_id,
            &PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$new".to_owned()),
            &ani,
        )
        .await
        .unwrap();
    assert_eq!(store.api_token_user(&ani_secret).await.unwrap(), None);
    assert_eq!(
        store.api_token_user(&budi_secret).await.unwrap(),
        Some(budi_id),
        "another user's token is untouched"
    );

    store.set_user_active(budi_id, false, &ani).await.unwrap();
    store.set_user_active(budi_id, true, &ani).await.unwrap();
    assert_eq!(
        store.api_token_user(&budi_secret).await.unwrap(),
        None,
        "reactivation does not bring a token back"
    );
    assert!(store
        .api_tokens_of(budi_id)
        .await
        .unwrap()
        .iter()
        .all(|t| t.revoked_at.is_some()));
}

on_both_engines!(
    a_password_change_or_deactivation_ends_the_tokens,
    a_token_acts_for_its_user_until_revoked,
    bad_names_are_refused_and_write_nothing,
);
