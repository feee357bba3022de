//! Intervention plans and the resource-gap register, each story run on both engines: plans
//! created, read back and listed by scope and filters, status moves allowed and refused (a
//! refused move writes nothing), history, edits, milestones, comments, coverage of units,
//! gaps and their totals, and the audit entries of every change.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::NaiveDate;
use domain::{
    demo::demo_organisation,
    interventions::{
        FundingSource, GapKind, GapStatus, InterventionKind, InterventionStatus,
        InterventionTarget, InterventionTitle, LongText, PlanDates, Rupiah, Severity, TextField,
    },
    units::{
        csv::{import_units, to_csv},
        UnitCode,
    },
};
use serde_json::json;
use store::{
    testing::TestDatabase, Actor, AuditAction, AuditFilter, Engine, GapRecord, InterventionFilter,
    InterventionRecord, NewGap, NewIntervention, NewUser, PasswordHash, PoolOptions, Role, Store,
    StoreError,
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

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn rupiah(amount: u64) -> Rupiah {
    Rupiah::new(amount).unwrap()
}

fn text(body: &str) -> LongText {
    LongText::parse(body, TextField::Comment).unwrap()
}

fn title(text: &str) -> InterventionTitle {
    InterventionTitle::parse(text).unwrap()
}

/// The demo organisation, a change agent for Gambir and a leader of Jakarta Pusat.
struct Org {
    kecamatan: i64,
    kel1: i64,
    kel2: i64,
    jakut: i64,
    agent: Actor,
    leader: Actor,
}

async fn unit_id(store: &Store, code: &str) -> i64 {
    store
        .unit_by_code(&UnitCode::parse(code).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn user(store: &Store, username: &str, role: Role, unit_ids: Vec<i64>) -> Actor {
    let id = store
        .create_user(
            NewUser {
                username: username.into(),
                display_name: username.to_uppercase(),
                password_hash: PasswordHash::new(format!(
                    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ${username}"
                )),
                role,
                unit_ids,
            },
            &admin(),
        )
        .await
        .unwrap();
    Actor::user(id, username)
}

async fn prepare(store: &Store) -> Org {
    let plan = import_units(to_csv(&demo_organisation()).as_bytes(), &[]).unwrap();
    store.apply_unit_import(&plan, &admin()).await.unwrap();
    let kecamatan = unit_id(store, "DKI.JAKPUS.KEC-GAMBIR").await;
    let kota = unit_id(store, "DKI.JAKPUS").await;
    Org {
        kecamatan,
        kel1: unit_id(store, "DKI.JAKPUS.KEC-GAMBIR.KEL-01").await,
        kel2: unit_id(store, "DKI.JAKPUS.KEC-GAMBIR.KEL-02").await,
        jakut: unit_id(store, "DKI.JAKUT").await,
        agent: user(store, "agen", Role::ChangeAgent, vec![kecamatan]).await,
        leader: user(store, "walikota", Role::Leader, vec![kota]).await,
    }
}

fn id_of(actor: &Actor) -> i64 {
    actor.user_id.unwrap()
}

/// A plain plan: training, January to June 2026, no money, no targets.
fn plan(name: &str, unit_ids: Vec<i64>, owner: &Actor) -> NewIntervention {
    NewIntervention {
        title: title(name),
        description: LongText::parse("Uraian rencana.", TextField::Description).unwrap(),
        kind: InterventionKind::Pelatihan,
        owner_user_id: id_of(owner),
        collaborator_user_ids: vec![],
        unit_ids,
        targets: vec![],
        dates: PlanDates::parse("2026-01-01", "2026-06-30").unwrap(),
        budget: Rupiah::ZERO,
        funding_source: None,
    }
}

fn audit_of(action: AuditAction) -> AuditFilter {
    AuditFilter {
        action: Some(action),
        ..AuditFilter::default()
    }
}

async fn audits(store: &Store, action: AuditAction) -> i64 {
    store.count_audit(&audit_of(action)).await.unwrap()
}

async fn newest_audit(store: &Store, action: AuditAction) -> store::AuditRecord {
    store
        .list_audit(&audit_of(action))
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
}

/// Everything a change to a plan could have written: the plan, its history, its comments
/// and the whole audit log's size.
async fn snapshot(
    store: &Store,
    id: i64,
) -> (
    Option<InterventionRecord>,
    Vec<store::StatusChange>,
    usize,
    i64,
) {
    (
        store.intervention(id).await.unwrap(),
        store.status_history(id).await.unwrap(),
        store.intervention_comments(id).await.unwrap().len(),
        store.count_audit(&AuditFilter::default()).await.unwrap(),
    )
}

fn ids(records: &[InterventionRecord]) -> Vec<i64> {
    records.iter().map(|record| record.id).collect()
}

async fn listed(store: &Store, filter: InterventionFilter) -> Vec<i64> {
    ids(&store.list_interventions(&filter).await.unwrap())
}

async fn plans_are_created_and_read_back(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let new = NewIntervention {
        kind: InterventionKind::ItSystem,
        // Repeats are ignored, and the owner is no collaborator of their own plan.
        unit_ids: vec![org.kel2, org.kel1, org.kel2],
        collaborator_user_ids: vec![id_of(&org.leader), id_of(&org.agent), id_of(&org.leader)],
        targets: vec![
            InterventionTarget::barrier("ti").unwrap(),
            InterventionTarget::dimension("komitmen").unwrap(),
            InterventionTarget::barrier("ti").unwrap(),
        ],
        budget: rupiah(12_345_678_901),
        funding_source: Some(FundingSource::parse("APBD 2026").unwrap()),
        ..plan("Aplikasi layanan kelurahan", vec![], &org.agent)
    };
    let created = store.create_intervention(&new, &org.agent).await.unwrap();
    assert_eq!(created.title.as_str(), "Aplikasi layanan kelurahan");
    assert_eq!(created.kind, InterventionKind::ItSystem);
    assert_eq!(created.status, InterventionStatus::Planned);
    assert_eq!(
        created.unit_ids,
        vec![org.kel1.min(org.kel2), org.kel1.max(org.kel2)]
    );
    assert_eq!(created.collaborator_user_ids, vec![id_of(&org.leader)]);
    assert_eq!(
        created.targets,
        vec![
            InterventionTarget::dimension("komitmen").unwrap(),
            InterventionTarget::barrier("ti").unwrap(),
        ]
    );
    assert_eq!(created.budget.get(), 12_345_678_901);
    assert_eq!(created.budget.to_string(), "Rp 12.345.678.901");
    assert_eq!(
        created.funding_source.as_ref().unwrap().as_str(),
        "APBD 2026"
    );
    assert_eq!(created.dates, new.dates);
    assert_eq!(created.created_by, org.agent.user_id);
    assert_eq!(created.created_by_name, "agen");
    assert_eq!(created.created_at, created.updated_at);
    assert!(created.milestones.is_empty());
    assert_eq!(
        store.intervention(created.id).await.unwrap().unwrap(),
        created
    );
    assert_eq!(store.intervention(created.id + 100).await.unwrap(), None);

    // The largest amount survives the BIGINT column on both engines.
    let max = store
        .create_intervention(
            &NewIntervention {
                budget: rupiah(Rupiah::MAX),
                ..plan("Anggaran terbesar", vec![org.jakut], &org.leader)
            },
            &admin(),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .intervention(max.id)
            .await
            .unwrap()
            .unwrap()
            .budget
            .get(),
        Rupiah::MAX
    );
    assert_eq!(max.created_by, None);
    assert_eq!(max.created_by_name, "setup");

    // Its creation is the first line of its history.
    let history = store.status_history(created.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].from, history[0].to),
        (None, InterventionStatus::Planned)
    );
    assert_eq!(history[0].changed_by, org.agent.user_id);
    assert_eq!(history[0].changed_at, created.created_at);

    assert_eq!(audits(&store, AuditAction::InterventionCreated).await, 2);
    let entry = store
        .list_audit(&audit_of(AuditAction::InterventionCreated))
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(entry.target.as_deref(), Some("Aplikasi layanan kelurahan"));
    assert_eq!(entry.actor_user_id, org.agent.user_id);
    assert_eq!(entry.detail["intervention_id"], json!(created.id));
    assert_eq!(entry.detail["budget_rupiah"], json!(12_345_678_901_u64));
    assert_eq!(entry.detail["kind"], json!("it_system"));

    // Refused plans write nothing, not even an audit entry.
    let before = store.count_audit(&AuditFilter::default()).await.unwrap();
    let refused = [
        plan("Tanpa unit", vec![], &org.agent),
        plan("Unit tak dikenal", vec![org.kel1, 999_999], &org.agent),
        NewIntervention {
            owner_user_id: 999_999,
            ..plan("Pemilik tak dikenal", vec![org.kel1], &org.agent)
        },
        NewIntervention {
            collaborator_user_ids: vec![999_998],
            ..plan("Rekan tak dikenal", vec![org.kel1], &org.agent)
        },
    ];
    for new in &refused {
        let error = store
            .create_intervention(new, &org.agent)
            .await
            .unwrap_err();
        assert!(
            matches!(error, StoreError::Invalid(_)),
            "{}: {error}",
            new.title
        );
    }
    assert!(matches!(
        store.create_intervention(&refused[1], &org.agent).await,
        Err(StoreError::Invalid(message)) if message == "no unit has the id 999999"
    ));
    assert_eq!(
        store
            .list_interventions(&InterventionFilter::default())
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store.count_audit(&AuditFilter::default()).await.unwrap(),
        before
    );
}

async fn plans_are_listed_by_scope_and_filters(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let a = store
        .create_intervention(
            &NewIntervention {
                dates: PlanDates::parse("2026-01-01", "2026-01-31").unwrap(),
                ..plan("A", vec![org.kel1], &org.agent)
            },
            &org.agent,
        )
        .await
        .unwrap();
    let b = store
        .create_intervention(
            &NewIntervention {
                kind: InterventionKind::Policy,
                dates: PlanDates::parse("2026-01-01", "2026-03-31").unwrap(),
                ..plan("B", vec![org.jakut], &org.leader)
            },
            &org.leader,
        )
        .await
        .unwrap();
    let c = store
        .create_intervention(
            &NewIntervention {
                dates: PlanDates::parse("2025-12-01", "2025-12-31").unwrap(),
                ..plan("C", vec![org.kel2, org.jakut], &org.agent)
            },
            &org.agent,
        )
        .await
        .unwrap();
    for to in [
        InterventionStatus::Approved,
        InterventionStatus::InProgress,
        InterventionStatus::Done,
    ] {
        store
            .move_intervention(c.id, to, None, &org.leader)
            .await
            .unwrap();
    }
    let filter = |f: fn(&mut InterventionFilter)| {
        let mut filter = InterventionFilter::default();
        f(&mut filter);
        filter
    };

    // Newest first.
    assert_eq!(
        listed(&store, InterventionFilter::default()).await,
        vec![c.id, b.id, a.id]
    );
    // Scope: plans for at least one unit of the list; the list is taken as given (a caller
    // wanting a subtree passes the subtree).
    let gambir = InterventionFilter {
        unit_ids: Some(vec![org.kel1, org.kel2, org.kecamatan]),
        ..InterventionFilter::default()
    };
    assert_eq!(listed(&store, gambir.clone()).await, vec![c.id, a.id]);
    let jakut = InterventionFilter {
        unit_ids: Some(vec![org.jakut]),
        ..InterventionFilter::default()
    };
    assert_eq!(listed(&store, jakut.clone()).await, vec![c.id, b.id]);
    let kecamatan_only = InterventionFilter {
        unit_ids: Some(vec![org.kecamatan]),
        ..InterventionFilter::default()
    };
    assert!(listed(&store, kecamatan_only).await.is_empty());
    let nothing = InterventionFilter {
        unit_ids: Some(vec![]),
        ..InterventionFilter::default()
    };
    assert!(listed(&store, nothing).await.is_empty());

    let done = filter(|f| f.status = Some(InterventionStatus::Done));
    assert_eq!(listed(&store, done).await, vec![c.id]);
    let planned = filter(|f| f.status = Some(InterventionStatus::Planned));
    assert_eq!(listed(&store, planned).await, vec![b.id, a.id]);
    let by_leader = InterventionFilter {
        owner: org.leader.user_id,
        ..InterventionFilter::default()
    };
    assert_eq!(listed(&store, by_leader).await, vec![b.id]);
    let training = filter(|f| f.kind = Some(InterventionKind::Pelatihan));
    assert_eq!(listed(&store, training.clone()).await, vec![c.id, a.id]);
    let training_in_jakut = InterventionFilter {
        kind: Some(InterventionKind::Pelatihan),
        ..jakut
    };
    assert_eq!(listed(&store, training_in_jakut).await, vec![c.id]);

    // Overdue: still active after the end day (the end day itself is not overdue; a done
    // plan never is).
    let overdue = |on: &str| InterventionFilter {
        overdue_on: Some(day(on)),
        ..InterventionFilter::default()
    };
    assert!(listed(&store, overdue("2026-01-31")).await.is_empty());
    assert_eq!(listed(&store, overdue("2026-02-01")).await, vec![a.id]);
    assert_eq!(
        listed(&store, overdue("2026-04-01")).await,
        vec![b.id, a.id]
    );
    let overdue_in_gambir = InterventionFilter {
        overdue_on: Some(day("2026-04-01")),
        ..gambir
    };
    assert_eq!(listed(&store, overdue_in_gambir).await, vec![a.id]);
    for record in store
        .list_interventions(&overdue("2026-04-01"))
        .await
        .unwrap()
    {
        assert!(record.is_overdue(day("2026-04-01")));
    }
    assert!(!store
        .intervention(c.id)
        .await
        .unwrap()
        .unwrap()
        .is_overdue(day("2027-01-01")));
    // Listed plans carry everything a single read does.
    let all = store
        .list_interventions(&InterventionFilter::default())
        .await
        .unwrap();
    for record in all {
        assert_eq!(
            store.intervention(record.id).await.unwrap().unwrap(),
            record
        );
    }
}

async fn status_moves_follow_the_rule(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let new = plan("Sosialisasi layanan", vec![org.kel1], &org.agent);
    let id = store
        .create_intervention(&new, &org.agent)
        .await
        .unwrap()
        .id;

    // From planned, neither a skip nor standing still is a move.
    for to in [
        InterventionStatus::Planned,
        InterventionStatus::InProgress,
        InterventionStatus::Done,
    ] {
        let before = snapshot(&store, id).await;
        let error = store
            .move_intervention(id, to, None, &org.leader)
            .await
            .unwrap_err();
        assert!(
            matches!(error, StoreError::Conflict(_)),
            "planned -> {to}: {error}"
        );
        assert_eq!(
            snapshot(&store, id).await,
            before,
            "planned -> {to} wrote nothing"
        );
    }

    let approved = store
        .move_intervention(
            id,
            InterventionStatus::Approved,
            Some(&text("Disetujui dengan catatan:\nanggaran dari BLUD.")),
            &org.leader,
        )
        .await
        .unwrap();
    assert_eq!(approved.status, InterventionStatus::Approved);
    assert!(approved.updated_at >= approved.created_at);
    store
        .move_intervention(id, InterventionStatus::InProgress, None, &org.agent)
        .await
        .unwrap();
    let done = store
        .move_intervention(
            id,
            InterventionStatus::Done,
            Some(&text("Selesai.")),
            &org.agent,
        )
        .await
        .unwrap();
    assert_eq!(done.status, InterventionStatus::Done);

    // Nothing leaves done: refused, with no history row and no audit entry.
    for to in InterventionStatus::ALL {
        let before = snapshot(&store, id).await;
        let error = store
            .move_intervention(id, to, None, &org.leader)
            .await
            .unwrap_err();
        match error {
            StoreError::Conflict(message) => {
                assert_eq!(message, format!("a plan that is done cannot become {to}"))
            }
            other => panic!("done -> {to}: {other}"),
        }
        assert_eq!(snapshot(&store, id).await, before);
    }
    assert!(matches!(
        store
            .move_intervention(id + 100, InterventionStatus::Approved, None, &org.leader)
            .await,
        Err(StoreError::NotFound)
    ));

    let history = store.status_history(id).await.unwrap();
    let moves: Vec<_> = history
        .iter()
        .map(|change| (change.from, change.to))
        .collect();
    use InterventionStatus::*;
    assert_eq!(
        moves,
        vec![
            (None, Planned),
            (Some(Planned), Approved),
            (Some(Approved), InProgress),
            (Some(InProgress), Done),
        ]
    );
    let names: Vec<&str> = history.iter().map(|c| c.changed_by_name.as_str()).collect();
    assert_eq!(names, vec!["agen", "walikota", "agen", "agen"]);
    assert_eq!(
        history[1].note.as_ref().map(LongText::as_str),
        Some("Disetujui dengan catatan:\nanggaran dari BLUD.")
    );
    assert_eq!(history[2].note, None);
    assert!(history
        .windows(2)
        .all(|pair| pair[0].changed_at <= pair[1].changed_at));
    assert_eq!(history[3].changed_at, done.updated_at);

    assert_eq!(
        audits(&store, AuditAction::InterventionStatusChanged).await,
        3
    );
    let entry = newest_audit(&store, AuditAction::InterventionStatusChanged).await;
    assert_eq!(entry.target.as_deref(), Some("Sosialisasi layanan"));
    assert_eq!(
        entry.detail,
        json!({ "intervention_id": id, "from": "in_progress", "to": "done" })
    );

    // Cancelled is final too.
    let other = store
        .create_intervention(&new, &org.agent)
        .await
        .unwrap()
        .id;
    store
        .move_intervention(other, Approved, None, &org.leader)
        .await
        .unwrap();
    store
        .move_intervention(other, Cancelled, None, &org.agent)
        .await
        .unwrap();
    let before = snapshot(&store, other).await;
    for to in [Planned, Approved, InProgress, Done, Cancelled] {
        assert!(matches!(
            store.move_intervention(other, to, None, &org.leader).await,
            Err(StoreError::Conflict(_))
        ));
    }
    assert_eq!(snapshot(&store, other).await, before);
}

async fn concurrent_moves_make_one_change(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let store = Arc::new(store);
    for round in 0..5 {
        let name = format!("Rencana {round}");
        let id = store
            .create_intervention(&plan(&name, vec![org.kel1], &org.agent), &org.agent)
            .await
            .unwrap()
            .id;
        for to in [InterventionStatus::Approved, InterventionStatus::InProgress] {
            store
                .move_intervention(id, to, None, &org.leader)
                .await
                .unwrap();
        }
        // Whichever move commits first, the other one no longer applies to what it finds.
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let tasks: Vec<_> = [InterventionStatus::Done, InterventionStatus::Cancelled]
            .into_iter()
            .map(|to| {
                let (store, barrier, actor) = (store.clone(), barrier.clone(), org.leader.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    store.move_intervention(id, to, None, &actor).await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        let won: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
        assert_eq!(won.len(), 1, "exactly one move: {outcomes:?}");
        assert!(outcomes
            .iter()
            .any(|o| matches!(o, Err(StoreError::Conflict(_)))));
        let history = store.status_history(id).await.unwrap();
        assert_eq!(history.len(), 4);
        assert_eq!(history[3].to, won[0].status);
        assert_eq!(
            store.intervention(id).await.unwrap().unwrap().status,
            won[0].status
        );
    }
    assert_eq!(
        audits(&store, AuditAction::InterventionStatusChanged).await,
        15
    );
}

async fn edits_stop_when_a_plan_is_closed(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let created = store
        .create_intervention(
            &plan("Coaching kepala seksi", vec![org.kel1], &org.agent),
            &org.agent,
        )
        .await
        .unwrap();
    let id = created.id;

    // An edit equal to the plan writes nothing.
    let before = snapshot(&store, id).await;
    let same = store
        .update_intervention(id, &created.plan(), &org.agent)
        .await
        .unwrap();
    assert_eq!(same, created);
    assert_eq!(snapshot(&store, id).await, before);

    let edit = NewIntervention {
        title: title("Coaching kepala seksi dan lurah"),
        unit_ids: vec![org.kel2, org.kel1],
        budget: rupiah(75_000_000),
        collaborator_user_ids: vec![id_of(&org.leader)],
        targets: vec![InterventionTarget::dimension("efikasi").unwrap()],
        ..created.plan()
    };
    let updated = store
        .update_intervention(id, &edit, &org.agent)
        .await
        .unwrap();
    assert_eq!(updated.title.as_str(), "Coaching kepala seksi dan lurah");
    assert_eq!(updated.budget.get(), 75_000_000);
    assert_eq!(updated.unit_ids.len(), 2);
    assert_eq!(updated.collaborator_user_ids, vec![id_of(&org.leader)]);
    assert_eq!(updated.targets, edit.targets);
    assert_eq!(updated.status, InterventionStatus::Planned);
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at >= created.updated_at);
    assert_eq!(store.intervention(id).await.unwrap().unwrap(), updated);
    let entry = newest_audit(&store, AuditAction::InterventionUpdated).await;
    assert_eq!(
        entry.target.as_deref(),
        Some("Coaching kepala seksi dan lurah")
    );
    assert_eq!(
        entry.detail,
        json!({
            "intervention_id": id,
            "changed": ["title", "collaborators", "units", "targets", "budget"],
        })
    );

    // A refused edit changes nothing.
    let before = snapshot(&store, id).await;
    let bad = NewIntervention {
        unit_ids: vec![999_999],
        ..edit.clone()
    };
    assert!(matches!(
        store.update_intervention(id, &bad, &org.agent).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(snapshot(&store, id).await, before);
    assert!(matches!(
        store.update_intervention(id + 100, &edit, &org.agent).await,
        Err(StoreError::NotFound)
    ));

    let milestone = store
        .add_milestone(
            id,
            &title("Jadwal disepakati"),
            day("2026-02-01"),
            &org.agent,
        )
        .await
        .unwrap();
    store
        .move_intervention(
            id,
            InterventionStatus::Cancelled,
            Some(&text("Anggaran dialihkan.")),
            &org.agent,
        )
        .await
        .unwrap();

    // Closed: its content and milestones stay as they were; the discussion goes on.
    let before = snapshot(&store, id).await;
    for outcome in [
        store
            .update_intervention(id, &created.plan(), &org.agent)
            .await
            .map(|_| ()),
        store
            .add_milestone(id, &title("Terlambat"), day("2026-03-01"), &org.agent)
            .await
            .map(|_| ()),
        store
            .set_milestone_done(milestone.id, Some(day("2026-02-02")), &org.agent)
            .await
            .map(|_| ()),
    ] {
        assert!(
            matches!(outcome, Err(StoreError::Conflict(_))),
            "{outcome:?}"
        );
    }
    assert_eq!(snapshot(&store, id).await, before);
    store
        .add_intervention_comment(id, &text("Dilanjutkan tahun depan."), &org.leader)
        .await
        .unwrap();
    assert_eq!(store.intervention_comments(id).await.unwrap().len(), 1);
    assert_eq!(audits(&store, AuditAction::InterventionUpdated).await, 1);
}

async fn milestones_and_comments(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let id = store
        .create_intervention(
            &plan("Pelatihan aplikasi", vec![org.kel1], &org.agent),
            &org.agent,
        )
        .await
        .unwrap()
        .id;
    let later = store
        .add_milestone(
            id,
            &title("Pelatihan angkatan 2"),
            day("2026-03-01"),
            &org.agent,
        )
        .await
        .unwrap();
    let first = store
        .add_milestone(
            id,
            &title("Pelatihan angkatan 1"),
            day("2026-02-01"),
            &org.agent,
        )
        .await
        .unwrap();
    assert_eq!((first.intervention_id, first.done_on), (id, None));
    assert_eq!(first.due_on, day("2026-02-01"));
    let record = store.intervention(id).await.unwrap().unwrap();
    assert_eq!(
        record.milestones,
        vec![first.clone(), later.clone()],
        "by due day"
    );
    assert!(record.updated_at >= first.created_at);
    assert!(first.is_overdue(day("2026-02-02")));

    let done = store
        .set_milestone_done(first.id, Some(day("2026-02-03")), &org.agent)
        .await
        .unwrap();
    assert_eq!(done.done_on, Some(day("2026-02-03")));
    assert!(!done.is_overdue(day("2026-02-04")));
    // The same mark again changes nothing and logs nothing.
    let before = snapshot(&store, id).await;
    store
        .set_milestone_done(first.id, Some(day("2026-02-03")), &org.agent)
        .await
        .unwrap();
    assert_eq!(snapshot(&store, id).await, before);
    let undone = store
        .set_milestone_done(first.id, None, &org.leader)
        .await
        .unwrap();
    assert_eq!(undone.done_on, None);
    assert!(matches!(
        store
            .set_milestone_done(later.id + 100, Some(day("2026-02-03")), &org.agent)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_milestone(id + 100, &title("x"), day("2026-02-03"), &org.agent)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(audits(&store, AuditAction::MilestoneAdded).await, 2);
    assert_eq!(audits(&store, AuditAction::MilestoneUpdated).await, 2);
    let entry = newest_audit(&store, AuditAction::MilestoneUpdated).await;
    assert_eq!(
        entry.detail,
        json!({ "intervention_id": id, "milestone_id": first.id, "done_on": null })
    );

    let question = store
        .add_intervention_comment(id, &text("Siapa pelatihnya?\nMohon dicek."), &org.leader)
        .await
        .unwrap();
    let answer = store
        .add_intervention_comment(id, &text("Widyaiswara BPSDM."), &org.agent)
        .await
        .unwrap();
    let comments = store.intervention_comments(id).await.unwrap();
    assert_eq!(comments, vec![question.clone(), answer]);
    assert_eq!(question.body.as_str(), "Siapa pelatihnya?\nMohon dicek.");
    assert_eq!(question.author_user_id, org.leader.user_id);
    assert_eq!(question.author_name, "walikota");
    assert!(store
        .intervention_comments(id + 100)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .add_intervention_comment(id + 100, &text("?"), &org.agent)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(audits(&store, AuditAction::InterventionCommented).await, 2);
    let entry = newest_audit(&store, AuditAction::InterventionCommented).await;
    assert_eq!(entry.target.as_deref(), Some("Pelatihan aplikasi"));
    assert!(
        !entry.detail.to_string().contains("Widyaiswara"),
        "no comment text in the log"
    );
}

async fn active_plans_cover_units(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let create = |name: &'static str, units: Vec<i64>| {
        let store = &store;
        let new = plan(name, units, &org.agent);
        let agent = org.agent.clone();
        async move { store.create_intervention(&new, &agent).await.unwrap().id }
    };
    let p1 = create("P1", vec![org.kel1, org.kel2]).await;
    let p2 = create("P2", vec![org.kel2]).await;
    let p3 = create("P3", vec![org.kel1]).await;
    let p4 = create("P4", vec![org.jakut]).await;
    use InterventionStatus::*;
    for to in [Approved, InProgress] {
        store
            .move_intervention(p2, to, None, &org.leader)
            .await
            .unwrap();
    }
    store
        .move_intervention(p3, Cancelled, None, &org.agent)
        .await
        .unwrap();
    for to in [Approved, InProgress, Done] {
        store
            .move_intervention(p4, to, None, &org.leader)
            .await
            .unwrap();
    }
    let covered = store
        .active_interventions_for_units(&[org.kel2, org.kel1, org.jakut, org.kecamatan, org.kel1])
        .await
        .unwrap();
    let mut expected = vec![
        (org.kel1, p1, Planned),
        (org.kel2, p1, Planned),
        (org.kel2, p2, InProgress),
    ];
    expected.sort_by_key(|(unit, plan, _)| (*unit, *plan));
    assert_eq!(covered, expected);
    assert!(store
        .active_interventions_for_units(&[])
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .active_interventions_for_units(&[org.jakut])
        .await
        .unwrap()
        .is_empty());
}

fn gap(unit_id: i64, kind: GapKind, severity: Severity, cost: u64, status: GapStatus) -> NewGap {
    NewGap {
        unit_id,
        kind,
        description: LongText::parse("Kekurangan yang menghambat.", TextField::Description)
            .unwrap(),
        severity,
        estimated_cost: rupiah(cost),
        status,
    }
}

fn gap_ids(gaps: &[GapRecord]) -> Vec<i64> {
    gaps.iter().map(|gap| gap.id).collect()
}

async fn gaps_are_recorded_and_totalled(engine: Engine) {
    let Some((_db, store)) = open(engine).await else {
        return;
    };
    let org = prepare(&store).await;
    let agent = &org.agent;
    let g1 = store
        .create_gap(
            &gap(
                org.kel1,
                GapKind::Anggaran,
                Severity::Tinggi,
                12_345_678_901,
                GapStatus::Open,
            ),
            agent,
        )
        .await
        .unwrap();
    let g2 = store
        .create_gap(
            &gap(
                org.kel2,
                GapKind::Anggaran,
                Severity::Sedang,
                1_000_000,
                GapStatus::Resolved,
            ),
            agent,
        )
        .await
        .unwrap();
    let g3 = store
        .create_gap(
            &gap(
                org.kel1,
                GapKind::Ti,
                Severity::Rendah,
                250_000,
                GapStatus::Planned,
            ),
            agent,
        )
        .await
        .unwrap();
    let g4 = store
        .create_gap(
            &gap(
                org.jakut,
                GapKind::Sdm,
                Severity::Tinggi,
                5_000_000,
                GapStatus::Open,
            ),
            &org.leader,
        )
        .await
        .unwrap();
    assert_eq!(g1.estimated_cost.get(), 12_345_678_901);
    assert_eq!(
        (g1.kind, g1.severity, g1.status),
        (GapKind::Anggaran, Severity::Tinggi, GapStatus::Open)
    );
    assert_eq!(g1.created_by, agent.user_id);
    assert!(g1.intervention_ids.is_empty());
    assert_eq!(store.gap(g1.id).await.unwrap().unwrap(), g1);
    assert_eq!(store.gap(g4.id + 100).await.unwrap(), None);
    let before = store.count_audit(&AuditFilter::default()).await.unwrap();
    assert!(matches!(
        store
            .create_gap(
                &gap(999_999, GapKind::Ti, Severity::Rendah, 1, GapStatus::Open),
                agent
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        store.count_audit(&AuditFilter::default()).await.unwrap(),
        before
    );
    assert_eq!(audits(&store, AuditAction::GapCreated).await, 4);
    let entry = newest_audit(&store, AuditAction::GapCreated).await;
    assert_eq!(entry.target.as_deref(), Some("DKI.JAKUT"));
    assert_eq!(entry.detail["estimated_cost_rupiah"], json!(5_000_000));

    // Listed by unit, oldest first, within the scope given.
    let gambir = [org.kel1, org.kel2];
    let (first_unit, second_unit) = if org.kel1 < org.kel2 {
        (vec![g1.id, g3.id], vec![g2.id])
    } else {
        (vec![g2.id], vec![g1.id, g3.id])
    };
    assert_eq!(
        gap_ids(&store.list_gaps(Some(&gambir)).await.unwrap()),
        [first_unit, second_unit].concat()
    );
    assert_eq!(store.list_gaps(None).await.unwrap().len(), 4);
    assert!(store.list_gaps(Some(&[])).await.unwrap().is_empty());
    assert!(store
        .list_gaps(Some(&[org.kecamatan]))
        .await
        .unwrap()
        .is_empty());

    // Totals by kind, every kind listed, resolved gaps counted apart.
    let totals = store.gap_totals(Some(&gambir)).await.unwrap();
    assert_eq!(
        totals.iter().map(|total| total.kind).collect::<Vec<_>>(),
        GapKind::ALL.to_vec()
    );
    let of = |kind: GapKind| *totals.iter().find(|total| total.kind == kind).unwrap();
    let anggaran = of(GapKind::Anggaran);
    assert_eq!((anggaran.count, anggaran.unresolved_count), (2, 1));
    assert_eq!(anggaran.estimated_cost.get(), 12_346_678_901);
    assert_eq!(anggaran.unresolved_cost.get(), 12_345_678_901);
    let ti = of(GapKind::Ti);
    assert_eq!(
        (ti.count, ti.estimated_cost.get(), ti.unresolved_cost.get()),
        (1, 250_000, 250_000)
    );
    let sdm = of(GapKind::Sdm);
    assert_eq!((sdm.count, sdm.estimated_cost), (0, Rupiah::ZERO));
    let everywhere = store.gap_totals(None).await.unwrap();
    let sdm = everywhere
        .iter()
        .find(|total| total.kind == GapKind::Sdm)
        .unwrap();
    assert_eq!((sdm.count, sdm.estimated_cost.get()), (1, 5_000_000));
    assert!(store
        .gap_totals(Some(&[]))
        .await
        .unwrap()
        .iter()
        .all(|total| total.count == 0));

    // Edits: only a real change is written and logged.
    let resolved = NewGap {
        status: GapStatus::Resolved,
        estimated_cost: rupiah(300_000),
        ..g3.gap()
    };
    let updated = store.update_gap(g3.id, &resolved, agent).await.unwrap();
    assert_eq!(
        (updated.status, updated.estimated_cost.get()),
        (GapStatus::Resolved, 300_000)
    );
    assert_eq!(updated.created_at, g3.created_at);
    assert_eq!(store.gap(g3.id).await.unwrap().unwrap(), updated);
    let entry = newest_audit(&store, AuditAction::GapUpdated).await;
    assert_eq!(entry.detail["changed"], json!(["estimated_cost", "status"]));
    let before = store.count_audit(&AuditFilter::default()).await.unwrap();
    assert_eq!(
        store.update_gap(g3.id, &resolved, agent).await.unwrap(),
        updated
    );
    assert!(matches!(
        store
            .update_gap(
                g3.id,
                &NewGap {
                    unit_id: 999_999,
                    ..resolved.clone()
                },
                agent
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.update_gap(g4.id + 100, &resolved, agent).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.count_audit(&AuditFilter::default()).await.unwrap(),
        before
    );
    assert_eq!(audits(&store, AuditAction::GapUpdated).await, 1);
    let ti = store.gap_totals(Some(&gambir)).await.unwrap()[3];
    assert_eq!(
        (ti.kind, ti.unresolved_count, ti.estimated_cost.get()),
        (GapKind::Ti, 0, 300_000)
    );

    // Links to the plans that address a gap.
    let plan_id = store
        .create_intervention(&plan("Usulan anggaran", vec![org.kel1], agent), agent)
        .await
        .unwrap()
        .id;
    assert!(store.link_gap(g1.id, plan_id, agent).await.unwrap());
    assert!(
        !store.link_gap(g1.id, plan_id, agent).await.unwrap(),
        "linked once"
    );
    assert_eq!(
        store.gap(g1.id).await.unwrap().unwrap().intervention_ids,
        vec![plan_id]
    );
    assert_eq!(
        store.list_gaps(Some(&[org.kel1])).await.unwrap()[0].intervention_ids,
        vec![plan_id]
    );
    assert!(matches!(
        store.link_gap(g1.id, plan_id + 100, agent).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.link_gap(g4.id + 100, plan_id, agent).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.unlink_gap(g1.id, plan_id, agent).await.unwrap());
    assert!(!store.unlink_gap(g1.id, plan_id, agent).await.unwrap());
    assert!(store
        .gap(g1.id)
        .await
        .unwrap()
        .unwrap()
        .intervention_ids
        .is_empty());
    assert_eq!(audits(&store, AuditAction::GapLinked).await, 1);
    assert_eq!(audits(&store, AuditAction::GapUnlinked).await, 1);
    let entry = newest_audit(&store, AuditAction::GapLinked).await;
    assert_eq!(entry.target.as_deref(), Some("Usulan anggaran"));
    assert_eq!(
        entry.detail,
        json!({ "gap_id": g1.id, "intervention_id": plan_id })
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
    plans_are_created_and_read_back,
    plans_are_listed_by_scope_and_filters,
    status_moves_follow_the_rule,
    concurrent_moves_make_one_change,
    edits_stop_when_a_plan_is_closed,
    milestones_and_comments,
    active_plans_cover_units,
    gaps_are_recorded_and_totalled,
);
