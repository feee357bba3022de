//! `siap backup` and a restore, round trip on both engines: the restored database holds the
//! same units, responses, spent tokens and audit log as the original.

use std::process::Command;

use chrono::Utc;
use store::{testing::TestDatabase, AuditFilter, PoolOptions, Store};

use crate::survey::open_wave_in;

const SIAP: &str = env!("CARGO_BIN_EXE_siap");

/// What must survive a backup and restore.
#[derive(Debug, PartialEq, Eq)]
struct Contents {
    units: usize,
    responses: u64,
    spent: usize,
    audit: usize,
}

async fn contents(store: &Store, wave: i64, tokens: &[domain::waves::InvitationToken]) -> Contents {
    let mut spent = 0;
    for token in tokens {
        if store.invitation(token).await.unwrap().unwrap().used {
            spent += 1;
        }
    }
    Contents {
        units: store.list_units().await.unwrap().len(),
        responses: store.wave_response_count(wave).await.unwrap(),
        spent,
        audit: store
            .list_audit(&AuditFilter {
                limit: store::MAX_AUDIT_PAGE,
                ..AuditFilter::default()
            })
            .await
            .unwrap()
            .len(),
    }
}

/// A database with a wave, seven responses and their spent tokens.
async fn filled(
    db: &TestDatabase,
) -> (
    store::DatabaseUrl,
    i64,
    Vec<domain::waves::InvitationToken>,
    Contents,
) {
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let fixture = open_wave_in(db.url(), 10).await;
    let answers = fixture
        .instrument
        .validate_answers(&domain::instrument::Answers::from_form(
            crate::survey::form(&fixture.instrument, 4, &[])
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        ))
        .unwrap();
    for token in fixture.tokens.iter().take(7) {
        fixture
            .store
            .submit_response(token, &answers, Utc::now())
            .await
            .unwrap();
    }
    let before = contents(&fixture.store, fixture.wave, &fixture.tokens).await;
    assert_eq!(before.responses, 7);
    assert_eq!(before.spent, 7);
    (db.url().clone(), fixture.wave, fixture.tokens, before)
}

fn backup(url: &store::DatabaseUrl, to: &std::path::Path) {
    let out = Command::new(SIAP)
        .env("DATABASE_URL", url.as_str())
        .args(["backup", "--to"])
        .arg(to)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(to.exists());
    // Never over an existing file.
    let again = Command::new(SIAP)
        .env("DATABASE_URL", url.as_str())
        .args(["backup", "--to"])
        .arg(to)
        .output()
        .unwrap();
    assert!(!again.status.success());
}

#[tokio::test]
async fn sqlite_backup_restores_to_the_same_contents() {
    let db = TestDatabase::sqlite();
    let (url, wave, tokens, before) = filled(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("cadangan.db");
    backup(&url, &copy);
    // Restoring is putting the file in place: here, opening the copy.
    let restored_url = format!("sqlite://{}", copy.display()).parse().unwrap();
    let restored = Store::connect(&restored_url, &PoolOptions::default())
        .await
        .unwrap();
    assert_eq!(contents(&restored, wave, &tokens).await, before);
}

#[tokio::test]
async fn postgres_backup_restores_to_the_same_contents() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let (url, wave, tokens, before) = filled(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("cadangan.dump");
    backup(&url, &archive);
    let target = TestDatabase::postgres().await.unwrap();
    let out = Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        // libpq takes no sqlx-only parameters.
        .arg(target.url().as_str().split('?').next().unwrap())
        .arg(&archive)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = Store::connect(target.url(), &PoolOptions::default())
        .await
        .unwrap();
    assert_eq!(contents(&restored, wave, &tokens).await, before);
    restored.close().await;
}
