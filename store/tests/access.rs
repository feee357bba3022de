//! The organisation and access model, each story run on both engines: units imported and
//! edited with history, users and the lockout, the audit log, and sessions.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    demo::demo_organisation,
    units::{
        csv::{import_units, to_csv, ImportPlan},
        Headcount, Unit, UnitCode, UnitKind, UnitName,
    },
};
use serde_json::json;
use store::{
    testing::TestDatabase, Actor, AuditAction, AuditFilter, Engine, LockoutPolicy, NewAuditEntry,
    NewUser, PasswordHash, PoolOptions, Role, Store, StoreError,
};
use tower_sessions_core::{
    session::{Id, Record},
    ExpiredDeletion, SessionStore,
};

async fn open(engine: Engine) -> Option<(TestDatabase, Store)> {
    let db = TestDatabase::new(engine).await?;
    let store = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some((db, store))
}

fn admin() -> Actor {
    Actor::system("setup")
}

fn code(text: &str) -> UnitCode {
    UnitCode::parse(text).unwrap()
}

async fn stored_units(store: &Store) -> Vec<Unit> {
    let mut units: Vec<Unit> = store
        .list_units()
        .await
        .unwrap()
        .into_iter()
        .map(|record| record.unit)
        .collect();
    units.sort_by(|a, b| a.code.cmp(&b.code));
    units
}

/// Imports the demo organisation through the CSV path a real admin takes.
async fn import_demo(store: &Store) -> usize {
    let demo = demo_organisation();
    let plan = import_units(to_csv(&demo).as_bytes(), &[]).unwrap();
    let outcome = store.apply_unit_import(&plan, &admin()).await.unwrap();
    assert_eq!(outcome.created, demo.len());
    assert_eq!(outcome.updated, 0);
    demo.len()
}

async fn unit_id(store: &Store, text: &str) -> i64 {
    store.unit_by_code(&code(text)).await.unwrap().unwrap().id
}

fn audit_of(action: AuditAction) -> AuditFilter {
    AuditFilter {
        action: Some(action),
        ..AuditFilter::default()
    }
}

fn hash(tag: &str) -> PasswordHash {
    PasswordHash::new(format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ${tag}"))
}

/// A plan as a browser would send it back: the domain's serialised form.
fn plan_from_json(value: serde_json::Value) -> ImportPlan {
    serde_json::from_value(value).unwrap()
}

async fn import_reimport_and_history(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let count = import_demo(&store).await;
    assert_eq!(store.count_units().await.unwrap(), count as i64);
    let mut demo = demo_organisation();
    demo.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(stored_units(&store).await, demo, "stored as imported");

    let root = store.unit_by_code(&code("DKI")).await.unwrap().unwrap();
    assert_eq!(root.unit.parent, None);
    let kelurahan = store
        .unit_by_code(&code("DKI.JAKPUS.KEC-GAMBIR.KEL-01"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kelurahan.unit.kind, UnitKind::Kelurahan);
    assert_eq!(kelurahan.unit.parent, Some(code("DKI.JAKPUS.KEC-GAMBIR")));
    assert!(store.unit_by_code(&code("NOPE")).await.unwrap().is_none());

    let imports = store
        .list_audit(&audit_of(AuditAction::UnitsImported))
        .await
        .unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].detail["created"], json!(count));
    assert_eq!(imports[0].actor_name, "setup");

    // Re-import the file with one headcount changed: one update, with its history.
    let existing = stored_units(&store).await;
    let mut changed = existing.clone();
    let target = code("DKI.JAKPUS.KEC-GAMBIR.KEL-01");
    let old_headcount = kelurahan.unit.headcount;
    let new_headcount = Headcount::new(old_headcount.get() + 7).unwrap();
    changed
        .iter_mut()
        .find(|unit| unit.code == target)
        .unwrap()
        .headcount = new_headcount;
    let plan = import_units(to_csv(&changed).as_bytes(), &existing).unwrap();
    assert_eq!(plan.steps().len(), 1);
    let editor = Actor::system("reimport");
    let outcome = store.apply_unit_import(&plan, &editor).await.unwrap();
    assert_eq!((outcome.created, outcome.updated), (0, 1));
    let after = store.unit_by_code(&target).await.unwrap().unwrap();
    assert_eq!(after.unit.headcount, new_headcount);
    assert!(after.updated_at >= kelurahan.updated_at);

    let history = store.unit_history(&target).await.unwrap().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].unit_id, after.id);
    assert_eq!(history[0].before.headcount, old_headcount);
    assert_eq!(history[0].after.headcount, new_headcount);
    assert_eq!(history[0].changed_by_name, "reimport");
    assert!(store
        .unit_history(&code("DKI"))
        .await
        .unwrap()
        .unwrap()
        .is_empty());
    assert!(store.unit_history(&code("NOPE")).await.unwrap().is_none());
    let imports = store
        .list_audit(&audit_of(AuditAction::UnitsImported))
        .await
        .unwrap();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[0].actor_name, "reimport", "newest first");
    assert_eq!(imports[0].detail["updated"], json!(1));
    assert_eq!(imports[0].detail["created"], json!(0));

    // The same plan again was made against a state that no longer holds: refused, unwritten.
    let stale = store.apply_unit_import(&plan, &editor).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(store.unit_history(&target).await.unwrap().unwrap().len(), 1);
    assert_eq!(
        store
            .count_audit(&audit_of(AuditAction::UnitsImported))
            .await
            .unwrap(),
        2
    );

    // Re-importing what is stored changes nothing.
    let existing = stored_units(&store).await;
    let plan = import_units(to_csv(&existing).as_bytes(), &existing).unwrap();
    assert!(plan.is_empty());
    let outcome = store.apply_unit_import(&plan, &editor).await.unwrap();
    assert_eq!((outcome.created, outcome.updated), (0, 0));
    assert_eq!(store.count_units().await.unwrap(), count as i64);
}

async fn failed_changes_write_nothing(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let count = import_demo(&store).await as i64;
    let audit_before = store.count_audit(&AuditFilter::default()).await.unwrap();
    let new_unit = Unit {
        code: code("DKI.BARU"),
        name: UnitName::parse("Badan Baru").unwrap(),
        kind: UnitKind::Badan,
        parent: Some(code("DKI")),
        headcount: Headcount::new(10).unwrap(),
    };
    let duplicate = Unit {
        code: code("DKI.JAKPUS"),
        name: UnitName::parse("Kota Kembar").unwrap(),
        kind: UnitKind::KotaAdministrasi,
        parent: Some(code("DKI")),
        headcount: Headcount::new(10).unwrap(),
    };
    // A valid create, then one that duplicates a code: the first must not survive.
    let plan = plan_from_json(json!({
        "steps": [
            { "action": "create", "unit": new_unit },
            { "action": "create", "unit": duplicate },
        ],
        "unchanged": 0,
    }));
    let result = store.apply_unit_import(&plan, &admin()).await;
    assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    assert_eq!(store.count_units().await.unwrap(), count);
    assert!(store.unit_by_code(&new_unit.code).await.unwrap().is_none());

    // A create under a parent that does not exist.
    let orphan = Unit {
        parent: Some(code("DKI.TIDAK-ADA")),
        ..new_unit.clone()
    };
    let plan = plan_from_json(json!({
        "steps": [{ "action": "create", "unit": orphan }],
        "unchanged": 0,
    }));
    let result = store.apply_unit_import(&plan, &admin()).await;
    assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");

    // An update planned against a state that is not the stored one.
    let stored = store
        .unit_by_code(&code("DKI.JAKPUS"))
        .await
        .unwrap()
        .unwrap();
    let mut imagined = stored.unit.clone();
    imagined.headcount = Headcount::new(1).unwrap();
    let mut after = stored.unit.clone();
    after.headcount = Headcount::new(2).unwrap();
    let plan = plan_from_json(json!({
        "steps": [
            { "action": "create", "unit": new_unit },
            { "action": "update", "update": { "before": imagined, "after": after } },
        ],
        "unchanged": 0,
    }));
    let result = store.apply_unit_import(&plan, &admin()).await;
    assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    assert_eq!(store.count_units().await.unwrap(), count);
    assert_eq!(
        store.count_audit(&AuditFilter::default()).await.unwrap(),
        audit_before,
        "no audit entry for a change that did not happen"
    );

    // Edits: unknown unit, unknown parent, a loop, a second root, a changed code.
    let kota = store
        .unit_by_code(&code("DKI.JAKPUS"))
        .await
        .unwrap()
        .unwrap();
    let result = store
        .update_unit(
            &code("NOPE"),
            Unit {
                code: code("NOPE"),
                ..kota.unit.clone()
            },
            &admin(),
        )
        .await;
    assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
    for (parent, why) in [
        (Some(code("DKI.TIDAK-ADA")), "unknown parent"),
        (
            Some(code("DKI.JAKPUS.KEC-GAMBIR.KEL-01")),
            "under its own descendant",
        ),
        (Some(code("DKI.JAKPUS")), "its own parent"),
        (None, "a second root"),
    ] {
        let edit = Unit {
            parent,
            ..kota.unit.clone()
        };
        let result = store.update_unit(&kota.unit.code, edit, &admin()).await;
        assert!(
            matches!(result, Err(StoreError::Invalid(_))),
            "{why}: {result:?}"
        );
    }
    let renamed = Unit {
        code: code("DKI.JAKPUS2"),
        ..kota.unit.clone()
    };
    let result = store.update_unit(&kota.unit.code, renamed, &admin()).await;
    assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
    assert_eq!(
        store.unit_by_code(&kota.unit.code).await.unwrap().unwrap(),
        kota,
        "unchanged"
    );
    assert!(store
        .unit_history(&kota.unit.code)
        .await
        .unwrap()
        .unwrap()
        .is_empty());
    assert_eq!(
        store.count_audit(&AuditFilter::default()).await.unwrap(),
        audit_before
    );

    // A valid edit: moved and renamed, with history and audit.
    let edit = Unit {
        name: UnitName::parse("Kota Administrasi Jakarta Pusat (baru)").unwrap(),
        parent: Some(code("DKI.SETDA")),
        ..kota.unit.clone()
    };
    let editor = Actor::system("ani");
    store
        .update_unit(&kota.unit.code, edit.clone(), &editor)
        .await
        .unwrap();
    assert_eq!(
        store
            .unit_by_code(&kota.unit.code)
            .await
            .unwrap()
            .unwrap()
            .unit,
        edit
    );
    let history = store.unit_history(&kota.unit.code).await.unwrap().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((&history[0].before, &history[0].after), (&kota.unit, &edit));
    let entries = store
        .list_audit(&audit_of(AuditAction::UnitUpdated))
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].target.as_deref(), Some("DKI.JAKPUS"));
    assert_eq!(entries[0].detail["changed"], json!(["name", "parent_code"]));
    assert_eq!(entries[0].actor_name, "ani");
    // The unit is now below the secretariat.
    assert_eq!(
        store.unit_ancestors_codes(&kota.unit.code).await.unwrap(),
        Some(vec![code("DKI"), code("DKI.SETDA")])
    );
    // Saving it unchanged writes nothing.
    store
        .update_unit(&kota.unit.code, edit, &editor)
        .await
        .unwrap();
    assert_eq!(
        store
            .unit_history(&kota.unit.code)
            .await
            .unwrap()
            .unwrap()
            .len(),
        1
    );
}

async fn subtrees_and_breadcrumbs(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    import_demo(&store).await;
    let records = store.list_units().await.unwrap();
    let kota = unit_id(&store, "DKI.JAKPUS").await;
    let kecamatan = unit_id(&store, "DKI.JAKPUS.KEC-GAMBIR").await;
    let kelurahan = unit_id(&store, "DKI.JAKPUS.KEC-GAMBIR.KEL-01").await;
    let root = unit_id(&store, "DKI").await;

    let subtree = store.subtree_unit_ids(&[kota]).await.unwrap();
    // Demo codes extend their parent's code, so the subtree is exactly the code prefix.
    let mut expected: Vec<i64> = records
        .iter()
        .filter(|r| {
            let c = r.unit.code.as_str();
            c == "DKI.JAKPUS" || c.starts_with("DKI.JAKPUS.")
        })
        .map(|r| r.id)
        .collect();
    expected.sort_unstable();
    assert_eq!(subtree, expected);
    assert!(subtree.contains(&kecamatan) && subtree.contains(&kelurahan));
    assert!(!subtree.contains(&root));
    assert!(
        records
            .iter()
            .filter(|r| r.unit.kind == UnitKind::Kelurahan && subtree.contains(&r.id))
            .count()
            > 10
    );

    // Overlapping roots count once; unknown ids are ignored; no roots, no units.
    assert_eq!(
        store
            .subtree_unit_ids(&[kecamatan, kota, kelurahan, -5])
            .await
            .unwrap(),
        expected
    );
    assert_eq!(
        store.subtree_unit_ids(&[root]).await.unwrap().len(),
        records.len()
    );
    assert_eq!(
        store.subtree_unit_ids(&[kelurahan]).await.unwrap(),
        vec![kelurahan]
    );
    assert!(store.subtree_unit_ids(&[]).await.unwrap().is_empty());

    assert_eq!(
        store
            .unit_ancestors_codes(&code("DKI.JAKPUS.KEC-GAMBIR.KEL-01"))
            .await
            .unwrap(),
        Some(vec![
            code("DKI"),
            code("DKI.JAKPUS"),
            code("DKI.JAKPUS.KEC-GAMBIR")
        ])
    );
    assert_eq!(
        store.unit_ancestors_codes(&code("DKI")).await.unwrap(),
        Some(vec![])
    );
    assert_eq!(
        store.unit_ancestors_codes(&code("NOPE")).await.unwrap(),
        None
    );
}

async fn users_and_lockout(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    import_demo(&store).await;
    let kota = unit_id(&store, "DKI.JAKPUS").await;
    let kecamatan = unit_id(&store, "DKI.JAKPUS.KEC-GAMBIR").await;
    assert_eq!(store.count_admins().await.unwrap(), 0, "first run");

    let admin_id = store
        .create_user(
            NewUser {
                username: "  Admin ".into(),
                display_name: "Administrator".into(),
                password_hash: hash("one"),
                role: Role::Admin,
                unit_ids: vec![],
            },
            &admin(),
        )
        .await
        .unwrap();
    let user = store.user_by_username("ADMIN").await.unwrap().unwrap();
    assert_eq!(user.id, admin_id);
    assert_eq!(user.username, "admin");
    assert_eq!(user.password_hash, hash("one"));
    assert_eq!(user.role, Role::Admin);
    assert!(user.active);
    assert_eq!((user.failed_logins, user.locked_until), (0, None));
    assert!(user.unit_ids.is_empty());
    assert_eq!(store.user_by_id(admin_id).await.unwrap().unwrap(), user);
    assert!(store.user_by_id(admin_id + 100).await.unwrap().is_none());
    assert!(store.user_by_username("nobody").await.unwrap().is_none());
    assert_eq!(store.count_admins().await.unwrap(), 1);
    let me = Actor::user(admin_id, "admin");

    // Usernames are unique whatever their case; a bad unit id creates nobody.
    let taken = store
        .create_user(
            NewUser {
                username: "ADMIN".into(),
                display_name: "Someone else".into(),
                password_hash: hash("x"),
                role: Role::Leader,
                unit_ids: vec![],
            },
            &me,
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let bad_unit = store
        .create_user(
            NewUser {
                username: "ghost".into(),
                display_name: "Ghost".into(),
                password_hash: hash("x"),
                role: Role::Leader,
                unit_ids: vec![kota, 999_999],
            },
            &me,
        )
        .await;
    assert!(
        matches!(bad_unit, Err(StoreError::Invalid(_))),
        "{bad_unit:?}"
    );
    assert!(store.user_by_username("ghost").await.unwrap().is_none());
    let blank = store
        .create_user(
            NewUser {
                username: "   ".into(),
                display_name: "Blank".into(),
                password_hash: hash("x"),
                role: Role::Leader,
                unit_ids: vec![],
            },
            &me,
        )
        .await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))), "{blank:?}");

    let leader_id = store
        .create_user(
            NewUser {
                username: "budi".into(),
                display_name: "Budi Santoso".into(),
                password_hash: hash("two"),
                role: Role::Leader,
                unit_ids: vec![kota, kecamatan, kota],
            },
            &me,
        )
        .await
        .unwrap();
    let mut both = vec![kota, kecamatan];
    both.sort_unstable();
    assert_eq!(store.user_unit_ids(leader_id).await.unwrap(), both);
    let created = store
        .list_audit(&audit_of(AuditAction::UserCreated))
        .await
        .unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0].target.as_deref(), Some("budi"));
    assert_eq!(created[0].actor_user_id, Some(admin_id));
    assert_eq!(created[0].detail["role"], json!("leader"));

    let users = store.list_users().await.unwrap();
    assert_eq!(
        users
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        ["admin", "budi"]
    );
    assert_eq!(users[1].unit_ids, both);
    assert!(!serde_json::to_string(&users).unwrap().contains("argon2"));

    // Lockout: the third failure in a row locks for the policy's time.
    let policy = LockoutPolicy {
        max_failures: 3,
        lock_for: TimeDelta::minutes(15),
    };
    let t0: DateTime<Utc> = "2026-11-29T08:00:00.123456789Z".parse().unwrap();
    let first = store
        .record_failed_login(leader_id, t0, policy)
        .await
        .unwrap();
    assert_eq!((first.failed_logins, first.is_locked()), (1, false));
    store
        .record_failed_login(leader_id, t0 + TimeDelta::seconds(1), policy)
        .await
        .unwrap();
    let third = store
        .record_failed_login(leader_id, t0 + TimeDelta::seconds(2), policy)
        .await
        .unwrap();
    assert!(third.is_locked());
    let until = third.locked_until.unwrap();
    assert_eq!(
        until,
        "2026-11-29T08:15:02.123456Z"
            .parse::<DateTime<Utc>>()
            .unwrap()
    );
    let user = store.user_by_id(leader_id).await.unwrap().unwrap();
    assert_eq!(user.locked_until, Some(until));
    assert!(user.is_locked(t0 + TimeDelta::minutes(10)));
    assert!(!user.is_locked(t0 + TimeDelta::minutes(16)));
    // Once the lock is over, counting starts afresh.
    let later = store
        .record_failed_login(leader_id, t0 + TimeDelta::minutes(16), policy)
        .await
        .unwrap();
    assert_eq!((later.failed_logins, later.locked_until), (1, None));
    assert_eq!(
        store
            .user_by_id(leader_id)
            .await
            .unwrap()
            .unwrap()
            .locked_until,
        None
    );
    // Concurrent failures all count.
    let t1 = t0 + TimeDelta::minutes(17);
    let loose = LockoutPolicy {
        max_failures: 100,
        ..policy
    };
    let (a, b, c) = tokio::join!(
        store.record_failed_login(leader_id, t1, loose),
        store.record_failed_login(leader_id, t1, loose),
        store.record_failed_login(leader_id, t1, loose),
    );
    let mut counts = [a.unwrap(), b.unwrap(), c.unwrap()].map(|l| l.failed_logins);
    counts.sort_unstable();
    assert_eq!(counts, [2, 3, 4]);
    store.reset_failed_logins(leader_id).await.unwrap();
    let user = store.user_by_id(leader_id).await.unwrap().unwrap();
    assert_eq!((user.failed_logins, user.locked_until), (0, None));
    assert!(matches!(
        store.reset_failed_logins(999_999).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.record_failed_login(999_999, t0, policy).await,
        Err(StoreError::NotFound)
    ));

    // A new password clears the failures too.
    store
        .record_failed_login(leader_id, t1, policy)
        .await
        .unwrap();
    let before = store.user_by_id(leader_id).await.unwrap().unwrap();
    store
        .set_password(leader_id, &hash("three"), &me)
        .await
        .unwrap();
    let after = store.user_by_id(leader_id).await.unwrap().unwrap();
    assert_eq!(after.password_hash, hash("three"));
    assert!(after.password_changed_at >= before.password_changed_at);
    assert_eq!(after.failed_logins, 0);
    let changed = store
        .list_audit(&audit_of(AuditAction::PasswordChanged))
        .await
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].target.as_deref(), Some("budi"));
    assert!(!changed[0].detail.to_string().contains("argon2"));
    assert!(matches!(
        store.set_password(999_999, &hash("x"), &me).await,
        Err(StoreError::NotFound)
    ));

    // Units and role: permissions_changed.
    store
        .set_user_units(leader_id, &[kecamatan], &me)
        .await
        .unwrap();
    assert_eq!(
        store.user_unit_ids(leader_id).await.unwrap(),
        vec![kecamatan]
    );
    let bad = store.set_user_units(leader_id, &[999_999], &me).await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    assert_eq!(
        store.user_unit_ids(leader_id).await.unwrap(),
        vec![kecamatan],
        "kept after a failed change"
    );
    store
        .set_user_role(leader_id, Role::ChangeAgent, &me)
        .await
        .unwrap();
    assert_eq!(
        store.user_by_id(leader_id).await.unwrap().unwrap().role,
        Role::ChangeAgent
    );
    let permissions = store
        .list_audit(&audit_of(AuditAction::PermissionsChanged))
        .await
        .unwrap();
    assert_eq!(permissions.len(), 2);
    assert_eq!(
        permissions[0].detail["role"],
        json!({ "before": "leader", "after": "change_agent" })
    );
    assert_eq!(
        permissions[1].detail["unit_ids"],
        json!({ "before": both, "after": [kecamatan] })
    );
    assert!(matches!(
        store.set_user_units(999_999, &[], &me).await,
        Err(StoreError::NotFound)
    ));

    // The last active administrator stays one.
    let demote = store.set_user_role(admin_id, Role::Leader, &me).await;
    assert!(matches!(demote, Err(StoreError::Conflict(_))), "{demote:?}");
    let deactivate = store.set_user_active(admin_id, false, &me).await;
    assert!(
        matches!(deactivate, Err(StoreError::Conflict(_))),
        "{deactivate:?}"
    );
    store
        .set_user_role(leader_id, Role::Admin, &me)
        .await
        .unwrap();
    assert_eq!(store.count_admins().await.unwrap(), 2);
    store.set_user_active(admin_id, false, &me).await.unwrap();
    assert_eq!(store.count_admins().await.unwrap(), 1);
    assert!(!store.user_by_id(admin_id).await.unwrap().unwrap().active);
    assert_eq!(
        store
            .count_audit(&audit_of(AuditAction::UserUpdated))
            .await
            .unwrap(),
        1
    );

    // Two administrators demoting each other at once: one of them stays.
    let citra = store
        .create_user(
            NewUser {
                username: "citra".into(),
                display_name: "Citra".into(),
                password_hash: hash("four"),
                role: Role::Admin,
                unit_ids: vec![],
            },
            &me,
        )
        .await
        .unwrap();
    assert_eq!(store.count_admins().await.unwrap(), 2);
    let (a, b) = tokio::join!(
        store.set_user_role(leader_id, Role::Leader, &me),
        store.set_user_role(citra, Role::Leader, &me),
    );
    assert_eq!(
        [&a, &b].iter().filter(|r| r.is_ok()).count(),
        1,
        "{a:?} {b:?}"
    );
    assert!([a, b]
        .into_iter()
        .any(|r| matches!(r, Err(StoreError::Conflict(_)))));
    assert_eq!(store.count_admins().await.unwrap(), 1);

    // Changes that read before they write, at once, all go through.
    let (five, six, only_kota, only_kecamatan) = (hash("five"), hash("six"), [kota], [kecamatan]);
    let (a, b, c, d) = tokio::join!(
        store.set_password(leader_id, &five, &me),
        store.set_password(citra, &six, &me),
        store.set_user_units(leader_id, &only_kota, &me),
        store.set_user_units(citra, &only_kecamatan, &me),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    d.unwrap();
    assert_eq!(
        store
            .user_by_id(citra)
            .await
            .unwrap()
            .unwrap()
            .password_hash,
        hash("six")
    );
}

async fn audit_filters_and_pages(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let entries = [
        (AuditAction::Login, "ani"),
        (AuditAction::LoginFailed, "budi"),
        (AuditAction::Login, "budi"),
        (AuditAction::Export, "ani"),
        (AuditAction::Logout, "ani"),
    ];
    let mut ids = Vec::new();
    for (action, name) in entries {
        let entry = NewAuditEntry::new(Actor::system(name), action)
            .target("laporan")
            .detail(json!({ "note": name }));
        ids.push(store.append_audit(&entry).await.unwrap());
        // Distinct times, so that time ranges have clear edges.
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    let all = store.list_audit(&AuditFilter::default()).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(
        all.iter().map(|e| e.id).collect::<Vec<_>>(),
        ids.iter().rev().copied().collect::<Vec<_>>(),
        "newest first"
    );
    assert!(all.windows(2).all(|w| w[0].at > w[1].at));
    assert_eq!(all[0].action, AuditAction::Logout);
    assert_eq!(all[0].target.as_deref(), Some("laporan"));
    assert_eq!(all[0].detail, json!({ "note": "ani" }));
    assert_eq!(all[0].actor_user_id, None);

    let logins = store
        .list_audit(&audit_of(AuditAction::Login))
        .await
        .unwrap();
    assert_eq!(logins.len(), 2);
    let by_ani = AuditFilter {
        actor: Some("ani".into()),
        ..AuditFilter::default()
    };
    assert_eq!(store.count_audit(&by_ani).await.unwrap(), 3);
    let ani_logins = AuditFilter {
        action: Some(AuditAction::Login),
        ..by_ani.clone()
    };
    assert_eq!(store.list_audit(&ani_logins).await.unwrap().len(), 1);

    // from <= at < to
    let window = AuditFilter {
        from: Some(all[3].at),
        to: Some(all[1].at),
        ..AuditFilter::default()
    };
    let found = store.list_audit(&window).await.unwrap();
    assert_eq!(
        found.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![all[2].id, all[3].id]
    );
    assert_eq!(store.count_audit(&window).await.unwrap(), 2);
    // Bounds compare to the microsecond, the precision stored on both engines.
    let just_after = AuditFilter {
        from: Some(all[4].at + TimeDelta::microseconds(1)),
        ..AuditFilter::default()
    };
    assert_eq!(store.count_audit(&just_after).await.unwrap(), 4);
    let finer = AuditFilter {
        from: Some(all[4].at + TimeDelta::nanoseconds(999)),
        ..AuditFilter::default()
    };
    assert_eq!(store.count_audit(&finer).await.unwrap(), 5);

    // Pages.
    let page = |offset| AuditFilter {
        limit: 2,
        offset,
        ..AuditFilter::default()
    };
    let first = store.list_audit(&page(0)).await.unwrap();
    let second = store.list_audit(&page(2)).await.unwrap();
    let third = store.list_audit(&page(4)).await.unwrap();
    assert_eq!((first.len(), second.len(), third.len()), (2, 2, 1));
    assert_eq!(
        [first, second, third].concat(),
        all,
        "pages add up to the whole"
    );
    assert_eq!(
        store.count_audit(&page(4)).await.unwrap(),
        5,
        "ignores paging"
    );
    let huge = AuditFilter {
        limit: 10_000,
        ..AuditFilter::default()
    };
    assert_eq!(store.list_audit(&huge).await.unwrap().len(), 5);
}

fn record(expires_in: TimeDelta, user_id: i64) -> Record {
    let mut data = HashMap::new();
    data.insert("user_id".to_owned(), json!(user_id));
    data.insert("csrf".to_owned(), json!("token"));
    Record {
        id: Id::default(),
        data,
        expiry_date: time::OffsetDateTime::now_utc()
            + time::Duration::seconds(expires_in.num_seconds()),
    }
}

async fn sessions(engine: Engine) {
    let Some((db, store)) = open(engine).await else {
        return;
    };
    let backend = store.session_backend();
    let mut session = record(TimeDelta::minutes(30), 7);
    backend.create(&mut session).await.unwrap();
    assert_eq!(
        backend.load(&session.id).await.unwrap(),
        Some(session.clone())
    );

    // Another server instance on the same database sees it.
    let other = Store::connect(db.url(), &PoolOptions::default())
        .await
        .unwrap()
        .session_backend();
    assert_eq!(
        other.load(&session.id).await.unwrap(),
        Some(session.clone())
    );

    // A create whose id is taken draws another id and keeps the first session.
    let mut clash = record(TimeDelta::minutes(30), 8);
    clash.id = session.id;
    backend.create(&mut clash).await.unwrap();
    assert_ne!(clash.id, session.id);
    assert_eq!(backend.load(&clash.id).await.unwrap(), Some(clash.clone()));
    assert_eq!(
        backend.load(&session.id).await.unwrap(),
        Some(session.clone())
    );

    // Save replaces the data and the expiry.
    session.data.insert("user_id".to_owned(), json!(9));
    session.expiry_date += time::Duration::minutes(10);
    backend.save(&session).await.unwrap();
    assert_eq!(
        other.load(&session.id).await.unwrap(),
        Some(session.clone())
    );
    // Save also stores a session it has not seen.
    let fresh = record(TimeDelta::minutes(5), 10);
    backend.save(&fresh).await.unwrap();
    assert_eq!(backend.load(&fresh.id).await.unwrap(), Some(fresh.clone()));

    backend.delete(&session.id).await.unwrap();
    assert_eq!(backend.load(&session.id).await.unwrap(), None);
    backend.delete(&session.id).await.unwrap();
    assert_eq!(backend.load(&Id::default()).await.unwrap(), None);

    // An expired session is never loaded, and deleted by the sweep; live ones stay.
    let mut expired = record(TimeDelta::minutes(-1), 11);
    backend.create(&mut expired).await.unwrap();
    assert_eq!(backend.load(&expired.id).await.unwrap(), None);
    assert_eq!(store.count_sessions().await.unwrap(), 3);
    backend.delete_expired().await.unwrap();
    assert_eq!(store.count_sessions().await.unwrap(), 2);
    assert_eq!(backend.load(&clash.id).await.unwrap(), Some(clash));
    assert_eq!(backend.load(&fresh.id).await.unwrap(), Some(fresh));
}

macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(super::Engine::Sqlite).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(super::Engine::Postgres).await;
                }
            )*
        }
    };
}

on_both_engines!(
    import_reimport_and_history,
    failed_changes_write_nothing,
    subtrees_and_breadcrumbs,
    users_and_lockout,
    audit_filters_and_pages,
    sessions,
);
