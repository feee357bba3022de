//! Every endpoint × role × in-scope / out-of-scope unit, over real HTTP, on both engines.
//! The table is the specification of who may do what where.

use domain::units::{csv::to_csv, UnitKind};
use serde_json::Value;

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    units_import_reports_every_problem_and_imports_nothing,
    every_endpoint_checks_role_and_unit_scope
);

const AGENT_DINAS: &str = "DKI.DINAS-PENDIDIKAN";
const OTHER_DINAS: &str = "DKI.DINAS-KESEHATAN";

async fn units_import_reports_every_problem_and_imports_nothing(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let bad = "code,name,kind,parent_code,headcount\n\
               DKI,Provinsi DKI Jakarta,provinsi,,10\n\
               DKI.A,Dinas A,dinas,DKI,banyak\n\
               DKI.A,Dinas A lagi,dinas,DKI,5\n\
               DKI.B,Dinas B,dinas,TIDAK-ADA,5\n";
    let response = call(
        &app,
        &admin,
        "units/import",
        &[("csv", bad), ("commit", "true"), ("lang", "id")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let result: Value = response.json().await.unwrap();
    let problems = result["Problems"].as_array().expect("problems");
    let lines: Vec<u64> = problems
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert!(lines.contains(&3), "bad headcount on line 3: {result}");
    assert!(lines.contains(&4), "duplicate code on line 4: {result}");
    assert!(lines.contains(&5), "unknown parent on line 5: {result}");
    let status: Value = call(&app, &admin, "units/list", &[("search", "")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status.as_array().unwrap().len(), 0, "nothing imported");

    let good = "code,name,kind,parent_code,headcount\nDKI,Provinsi DKI Jakarta,provinsi,,10\nDKI.A,Dinas A,dinas,DKI,5\n";
    let result: Value = call(
        &app,
        &admin,
        "units/import",
        &[("csv", good), ("commit", "true"), ("lang", "id")],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(result["Planned"]["creates"], 2, "{result}");
    assert_eq!(result["Planned"]["committed"], true);
    let audit: Value = call(
        &app,
        &admin,
        "admin/audit",
        &[("action", "units_imported"), ("offset", "0")],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(audit.as_array().unwrap().len(), 1, "{audit}");
    app.stop().await;
}

async fn every_endpoint_checks_role_and_unit_scope(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let units = domain::demo::demo_organisation();
    let csv = to_csv(&units);
    let imported: Value = call(
        &app,
        &admin,
        "units/import",
        &[("csv", &csv), ("commit", "true"), ("lang", "id")],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(imported["Planned"]["creates"], units.len(), "{imported}");

    let kota = units
        .iter()
        .find(|u| u.kind == UnitKind::KotaAdministrasi)
        .unwrap();
    let kelurahan_in_kota = units
        .iter()
        .find(|u| {
            u.kind == UnitKind::Kelurahan
                && u.code
                    .as_str()
                    .starts_with(&format!("{}.", kota.code.as_str()))
        })
        .unwrap();
    let kota_code = kota.code.as_str();
    let kelurahan = kelurahan_in_kota.code.as_str();
    for (username, role, scope) in [
        ("pimpinan", "leader", kota_code),
        ("agen", "change_agent", AGENT_DINAS),
        // An agent the leader may choose as an owner (one in the leader's kota).
        ("agen-kota", "change_agent", kelurahan),
    ] {
        let created = call(
            &app,
            &admin,
            "admin/users/create",
            &[
                ("username", username),
                ("display_name", username),
                ("password", ADMIN_PASSWORD),
                ("role", role),
                ("units", scope),
            ],
        )
        .await;
        assert_eq!(
            created.status(),
            200,
            "{username}: {}",
            created.text().await.unwrap()
        );
    }
    let leader = signed_in(&app, "pimpinan", ADMIN_PASSWORD).await;
    let agent = signed_in(&app, "agen", ADMIN_PASSWORD).await;
    let anonymous = browser();

    // Waves: one over the whole organisation, one over another dinas only, one to open.
    let create_wave = |units: &'static str| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let response = call(
                app,
                &admin,
                "waves/create",
                &[
                    ("title", "Gelombang uji"),
                    ("kind", "baseline"),
                    ("instrument_id", "1"),
                    ("units", units),
                    ("opens_at", "2026-01-01T08:00"),
                    ("closes_at", "2030-01-01T08:00"),
                    ("lang", "id"),
                ],
            )
            .await;
            assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
            response.json::<i64>().await.unwrap().to_string()
        }
    };
    let everywhere = create_wave("DKI").await;
    let other_only = create_wave(OTHER_DINAS).await;
    let to_open = create_wave("DKI").await;

    // Plans: one for the agent's dinas, one for a kelurahan in the leader's kota, each with
    // a milestone; the agent owns both.
    let options: Value = call(&app, &admin, "interventions/form", &[("unit", AGENT_DINAS)])
        .await
        .json()
        .await
        .unwrap();
    let agent_id = options["owners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "agen")
        .unwrap_or_else(|| panic!("the agent can own plans: {options}"))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let kota_options: Value = call(&app, &admin, "interventions/form", &[("unit", kelurahan)])
        .await
        .json()
        .await
        .unwrap();
    let kota_agent_id = kota_options["owners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "agen-kota")
        .unwrap_or_else(|| panic!("the kota's agent can own plans: {kota_options}"))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let mut plans = Vec::new();
    for unit in [AGENT_DINAS, kelurahan] {
        let created = call(
            &app,
            &admin,
            "interventions/create",
            &new_plan(unit, &agent_id),
        )
        .await;
        assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
        let id = created.json::<i64>().await.unwrap().to_string();
        let added = call(
            &app,
            &admin,
            "interventions/milestone",
            &[
                ("id", &id),
                ("title", "Tonggak uji"),
                ("due_on", "2026-06-30"),
                ("lang", "id"),
            ],
        )
        .await;
        assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
        let plan: Value = call(&app, &admin, "interventions/get", &[("id", &id)])
            .await
            .json()
            .await
            .unwrap();
        let milestone = plan["milestones"][0]["id"].as_i64().unwrap().to_string();
        plans.push((id, milestone));
    }
    let [(dinas_plan, dinas_milestone), (kota_plan, kota_milestone)] =
        [&plans[0], &plans[1]].map(|(plan, milestone)| (plan.as_str(), milestone.as_str()));

    type Form<'a> = Vec<(&'a str, &'a str)>;
    let dry_run: Form = vec![
        ("csv", "code,name,kind,parent_code,headcount\n"),
        ("commit", "false"),
        ("lang", "id"),
    ];
    let new_user: Form = vec![
        ("username", "baru"),
        ("display_name", "Baru"),
        ("password", ADMIN_PASSWORD),
        ("role", "change_agent"),
        ("units", AGENT_DINAS),
    ];
    let audit: Form = vec![("action", ""), ("offset", "0")];
    let edit_own = vec![
        ("code", AGENT_DINAS),
        ("name", "Dinas Pendidikan"),
        ("kind", "dinas"),
        ("parent_code", "DKI"),
        ("headcount", "31000"),
    ];
    let edit_user: Form = vec![
        ("username", "agen"),
        ("role", "change_agent"),
        ("units", AGENT_DINAS),
        ("active", "true"),
    ];

    // endpoint, form, expected status for (anonymous, admin, leader, agent)
    let table: Vec<(&str, Form, [u16; 4])> = vec![
        ("units/list", vec![("search", "")], [401, 200, 200, 200]),
        (
            "units/get",
            vec![("code", AGENT_DINAS)],
            [401, 200, 404, 200],
        ),
        (
            "units/get",
            vec![("code", OTHER_DINAS)],
            [401, 200, 404, 404],
        ),
        ("units/get", vec![("code", kota_code)], [401, 200, 200, 404]),
        ("units/get", vec![("code", kelurahan)], [401, 200, 200, 404]),
        (
            "units/get",
            vec![("code", "TIDAK-ADA")],
            [404, 404, 404, 404],
        ),
        ("units/import", dry_run, [401, 200, 403, 403]),
        ("admin/users", vec![], [401, 200, 403, 403]),
        ("admin/audit", audit, [401, 200, 403, 403]),
        ("admin/users/create", new_user, [401, 200, 403, 403]),
        ("admin/users/update", edit_user, [401, 200, 403, 403]),
        ("units/export", vec![], [401, 200, 403, 403]),
        ("units/update", edit_own, [401, 200, 403, 403]),
        ("waves/list", vec![], [401, 200, 200, 200]),
        ("waves/get", vec![("id", &everywhere)], [401, 200, 200, 200]),
        ("waves/get", vec![("id", &other_only)], [401, 200, 404, 404]),
        ("waves/get", vec![("id", "999999")], [401, 404, 404, 404]),
        ("waves/instruments", vec![], [401, 200, 403, 403]),
        (
            "dashboard",
            vec![("wave", &everywhere), ("unit", AGENT_DINAS)],
            [401, 200, 404, 200],
        ),
        (
            "dashboard",
            vec![("wave", &everywhere), ("unit", kelurahan)],
            [401, 200, 200, 404],
        ),
        (
            "dashboard",
            vec![("wave", &other_only)],
            [401, 200, 404, 404],
        ),
        (
            "indicators/wave",
            vec![
                ("wave_id", &everywhere),
                ("unit", AGENT_DINAS),
                ("depth", ""),
                ("dimension", ""),
            ],
            [401, 200, 404, 200],
        ),
        (
            "waves/state",
            vec![("id", &to_open), ("to", "open")],
            [401, 200, 403, 403],
        ),
        (
            "waves/run-again",
            vec![
                ("id", &everywhere),
                ("title", "Lanjutan"),
                ("opens_at", "2026-06-01T08:00"),
                ("closes_at", "2030-06-01T08:00"),
                ("lang", "id"),
            ],
            [401, 200, 403, 403],
        ),
        (
            "waves/invitations/issue",
            vec![
                ("wave_id", &everywhere),
                ("unit_code", AGENT_DINAS),
                ("count", "3"),
                ("lang", "id"),
            ],
            [401, 200, 404, 200],
        ),
        (
            "waves/invitations/issue",
            vec![
                ("wave_id", &everywhere),
                ("unit_code", kelurahan),
                ("count", "3"),
                ("lang", "id"),
            ],
            [401, 200, 200, 404],
        ),
        (
            "waves/invitations/issue",
            vec![
                ("wave_id", &other_only),
                ("unit_code", OTHER_DINAS),
                ("count", "3"),
                ("lang", "id"),
            ],
            [401, 200, 404, 404],
        ),
        ("instruments/list", vec![], [401, 200, 403, 403]),
        ("instruments/library", vec![], [401, 200, 403, 403]),
        ("instruments/get", vec![("id", "1")], [401, 200, 403, 403]),
        (
            "instruments/get",
            vec![("id", "999999")],
            [401, 404, 403, 403],
        ),
        (
            "instruments/compose",
            vec![
                ("survey_id", "akses-uji"),
                ("title_id", "Survei uji akses"),
                ("title_en", "Access test survey"),
                ("description_id", "Uji."),
                ("description_en", "Test."),
                ("items[kesesuaian-1]", "on"),
                ("lang", "id"),
            ],
            [401, 200, 403, 403],
        ),
        ("interventions/list", vec![], [401, 200, 200, 200]),
        (
            "interventions/list",
            vec![("query[unit]", AGENT_DINAS)],
            [401, 200, 404, 200],
        ),
        (
            "interventions/list",
            vec![("query[unit]", kelurahan)],
            [401, 200, 200, 404],
        ),
        (
            "interventions/get",
            vec![("id", dinas_plan)],
            [401, 200, 404, 200],
        ),
        (
            "interventions/get",
            vec![("id", kota_plan)],
            [401, 200, 200, 404],
        ),
        (
            "interventions/get",
            vec![("id", "999999")],
            [401, 404, 404, 404],
        ),
        (
            "interventions/form",
            vec![("unit", AGENT_DINAS)],
            [401, 200, 404, 200],
        ),
        (
            "interventions/form",
            vec![("unit", kelurahan)],
            [401, 200, 200, 404],
        ),
        (
            "interventions/form",
            vec![("unit", "TIDAK-ADA")],
            [401, 404, 404, 404],
        ),
        // A unit outside the scope is one of the form's problems.
        (
            "interventions/create",
            new_plan(AGENT_DINAS, &agent_id),
            [401, 200, 422, 200],
        ),
        // The owner must be someone the user may choose: the leader names the kota's agent.
        (
            "interventions/create",
            new_plan(kelurahan, &kota_agent_id),
            [401, 200, 200, 422],
        ),
        (
            "interventions/create",
            new_plan(kelurahan, &agent_id),
            [401, 200, 422, 422],
        ),
        // With an id the plan is rewritten: only by those who may change it.
        (
            "interventions/create",
            with_id(new_plan(AGENT_DINAS, &agent_id), dinas_plan),
            [401, 200, 404, 200],
        ),
        (
            "interventions/create",
            with_id(new_plan(kelurahan, &agent_id), kota_plan),
            [401, 200, 200, 404],
        ),
        (
            "interventions/milestone",
            vec![
                ("id", dinas_plan),
                ("title", "Tonggak kedua"),
                ("due_on", "2026-09-30"),
                ("lang", "id"),
            ],
            [401, 200, 404, 200],
        ),
        (
            "interventions/milestone",
            vec![
                ("id", kota_plan),
                ("title", "Tonggak kedua"),
                ("due_on", "2026-09-30"),
                ("lang", "id"),
            ],
            [401, 200, 200, 404],
        ),
        (
            "interventions/milestone/done",
            vec![
                ("id", dinas_plan),
                ("milestone", dinas_milestone),
                ("done", "true"),
            ],
            [401, 200, 404, 200],
        ),
        (
            "interventions/milestone/done",
            vec![
                ("id", kota_plan),
                ("milestone", kota_milestone),
                ("done", "true"),
            ],
            [401, 200, 200, 404],
        ),
        // Another plan's milestone is not found under this one.
        (
            "interventions/milestone/done",
            vec![
                ("id", dinas_plan),
                ("milestone", kota_milestone),
                ("done", "true"),
            ],
            [401, 404, 404, 404],
        ),
        (
            "interventions/comment",
            vec![
                ("id", dinas_plan),
                ("body", "Komentar uji."),
                ("lang", "id"),
            ],
            [401, 200, 404, 200],
        ),
        (
            "interventions/comment",
            vec![("id", kota_plan), ("body", "Komentar uji."), ("lang", "id")],
            [401, 200, 200, 404],
        ),
        // The permission is checked before anything else: the agent may not approve at all.
        // The administrator created this plan, so four eyes refuse their approval (422).
        (
            "interventions/move",
            vec![("id", dinas_plan), ("to", "approved"), ("lang", "id")],
            [401, 422, 404, 403],
        ),
        (
            "interventions/move",
            vec![("id", kota_plan), ("to", "cancelled"), ("lang", "id")],
            [401, 200, 422, 404],
        ),
        (
            "interventions/move",
            vec![("id", "999999"), ("to", "approved"), ("lang", "id")],
            [401, 404, 404, 404],
        ),
        ("interventions/playbook", vec![], [401, 200, 403, 403]),
        (
            "interventions/playbook/save",
            vec![
                (
                    "text",
                    domain::interventions::playbook::DEFAULT_PLAYBOOK_TOML,
                ),
                ("lang", "id"),
            ],
            [401, 200, 403, 403],
        ),
        // Last: it deletes the dinas's survey data (administrators only, the code typed again).
        (
            "units/delete-data",
            vec![
                ("code", AGENT_DINAS),
                ("confirm", AGENT_DINAS),
                ("lang", "id"),
            ],
            [401, 200, 403, 403],
        ),
    ];
    let clients = [&anonymous, &admin, &leader, &agent];
    let who = ["anonymous", "admin", "leader", "agent"];
    for (endpoint, form, expected) in &table {
        for (i, client) in clients.iter().enumerate() {
            let response = call(&app, client, endpoint, form).await;
            assert_eq!(
                response.status().as_u16(),
                expected[i],
                "{} calling {endpoint} {form:?}",
                who[i]
            );
        }
    }

    // The printable sheet and the CSV of a batch: the batch's unit decides.
    let store = store::Store::connect(app.db.url(), &store::PoolOptions::default())
        .await
        .unwrap();
    let wave_id: i64 = everywhere.parse().unwrap();
    let dinas = store
        .unit_by_code(&AGENT_DINAS.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let batch = store
        .invitation_batches(wave_id, dinas.id)
        .await
        .unwrap()
        .first()
        .unwrap()
        .id;
    store.close().await;
    for path in [
        format!("/waves/{wave_id}/undangan/{batch}/lembar"),
        format!("/waves/{wave_id}/undangan/{batch}.csv"),
    ] {
        for (i, expected) in [401u16, 200, 404, 200].into_iter().enumerate() {
            let response = clients[i].get(app.url(&path)).send().await.unwrap();
            assert_eq!(
                response.status().as_u16(),
                expected,
                "{} GET {path}",
                who[i]
            );
        }
    }
    // The dashboard's exports: the unit asked for decides.
    for (unit, expected) in [
        (AGENT_DINAS, [401u16, 200, 404, 200]),
        (kelurahan, [401, 200, 200, 404]),
    ] {
        for format in ["csv", "xlsx"] {
            let path = format!("/dashboard/ekspor.{format}?gelombang={wave_id}&unit={unit}");
            for (i, status) in expected.into_iter().enumerate() {
                let response = clients[i].get(app.url(&path)).send().await.unwrap();
                assert_eq!(response.status().as_u16(), status, "{} GET {path}", who[i]);
            }
        }
    }
    // A batch under another wave's id is not found either.
    let response = admin
        .get(app.url(&format!("/waves/{}/undangan/{batch}/lembar", wave_id + 1)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    // Lists are cut to the scope, not only single reads.
    let agent_units: Value = call(&app, &agent, "units/list", &[("search", "")])
        .await
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> = agent_units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&AGENT_DINAS));
    assert!(
        codes
            .iter()
            .all(|c| *c == AGENT_DINAS || c.starts_with(&format!("{AGENT_DINAS}."))),
        "{codes:?}"
    );
    let leader_units: Value = call(&app, &leader, "units/list", &[("search", "")])
        .await
        .json()
        .await
        .unwrap();
    let leader_codes: Vec<&str> = leader_units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert!(leader_codes.contains(&kelurahan));
    assert!(!leader_codes.contains(&AGENT_DINAS));
    app.stop().await;
}

/// A plan as the new-plan form posts it.
fn new_plan<'a>(unit: &'a str, owner: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("units", unit),
        ("title", "Rencana uji akses"),
        ("description", "Uji akses rencana intervensi."),
        ("kind", "pelatihan"),
        ("owner", owner),
        ("targets[barrier:pelatihan]", "on"),
        ("start_on", "2026-01-01"),
        ("end_on", "2026-12-31"),
        ("budget", "1.000.000"),
        ("lang", "id"),
    ]
}

fn with_id<'a>(mut form: Vec<(&'a str, &'a str)>, id: &'a str) -> Vec<(&'a str, &'a str)> {
    form.push(("id", id));
    form
}
