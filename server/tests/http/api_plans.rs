//! `/api/v1` intervention plans, resource gaps and the audit log over real HTTP, on both
//! engines, with personal API tokens: plans and gaps seen only in scope (another unit's plan
//! is not found, never forbidden), refused input naming the field, a leader's approval, and
//! the audit log for administrators only.

use serde_json::{json, Value};
use store::{Actor, PoolOptions, Store};

use crate::{
    auth::{call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    plans_belong_to_their_people,
    plans_follow_scope_and_roles,
    gaps_follow_scope_and_totals,
    the_audit_log_is_for_administrators,
);

const UNITS: &str = "code,name,kind,parent_code,headcount
T,Provinsi Uji,provinsi,,0
T.A,Dinas A,dinas,T,0
T.A.K1,Kelurahan Satu,kelurahan,T.A,40
T.B,Dinas B,dinas,T,0
T.B.K7,Kelurahan Tujuh,kelurahan,T.B,40
";

/// The API tokens of a test's people: the administrator, a leader and a change agent of
/// Dinas A, a change agent of Dinas B.
struct Tokens {
    admin: String,
    leader: String,
    agent: String,
    other_agent: String,
    agent_id: i64,
}

async fn tokens(app: &TestApp) -> Tokens {
    setup_admin(app).await;
    let admin = signed_in(app, "admin", ADMIN_PASSWORD).await;
    let imported = call(
        app,
        &admin,
        "units/import",
        &[("csv", UNITS), ("commit", "true"), ("lang", "id")],
    )
    .await;
    assert_eq!(imported.status(), 200);
    for (username, role, unit) in [
        ("pimpinan-a", "leader", "T.A"),
        ("agen-a", "change_agent", "T.A"),
        ("agen-b", "change_agent", "T.B"),
    ] {
        let created = call(
            app,
            &admin,
            "admin/users/create",
            &[
                ("username", username),
                ("display_name", username),
                ("password", ADMIN_PASSWORD),
                ("role", role),
                ("units", unit),
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
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let mut secrets = Vec::new();
    let mut agent_id = 0;
    for username in ["admin", "pimpinan-a", "agen-a", "agen-b"] {
        let user = store.user_by_username(username).await.unwrap().unwrap();
        if username == "agen-a" {
            agent_id = user.id;
        }
        let (_, secret) = store
            .create_api_token(user.id, "test", &Actor::user(user.id, username))
            .await
            .unwrap();
        secrets.push(secret.expose().to_owned());
    }
    let mut secrets = secrets.into_iter();
    let mut next = || secrets.next().unwrap();
    Tokens {
        admin: next(),
        leader: next(),
        agent: next(),
        other_agent: next(),
        agent_id,
    }
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app
        .client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en");
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}"))
    };
    (status, json)
}

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    send(app, reqwest::Method::GET, path, token, None).await
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(app, reqwest::Method::POST, path, token, Some(body)).await
}

async fn put(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(app, reqwest::Method::PUT, path, token, Some(body)).await
}

fn plan(unit: &str, title: &str) -> Value {
    json!({
        "units": [unit],
        "title": title,
        "description": "Pelatihan layanan digital untuk staf kelurahan.",
        "kind": "pelatihan",
        "targets": ["barrier:pelatihan"],
        "start_on": "2027-01-04",
        "end_on": "2027-03-31",
        "budget_rupiah": 25_000_000,
        "funding_source": "APBD 2027",
    })
}

/// The fields a 422 problem names.
fn refused_fields(status: u16, problem: &Value) -> Vec<String> {
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["status"], 422);
    problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn plans_follow_scope_and_roles(app: TestApp) {
    let t = tokens(&app).await;

    let (status, _) = get(&app, "/api/v1/interventions", "siap_tidak-ada").await;
    assert_eq!(status, 401);

    let (status, mine) = post(
        &app,
        "/api/v1/interventions",
        &t.agent,
        plan("T.A.K1", "Pelatihan layanan digital"),
    )
    .await;
    assert_eq!(status, 201, "{mine}");
    assert_eq!(mine["status"], "planned");
    assert_eq!(mine["kind"], "pelatihan");
    assert_eq!(mine["budget_rupiah"], 25_000_000);
    assert_eq!(
        mine["owner_id"], t.agent_id,
        "a change agent owns by default"
    );
    assert_eq!(mine["units"][0]["code"], "T.A.K1");
    assert_eq!(mine["targets"][0]["key"], "barrier:pelatihan");
    assert_eq!(mine["start_on"], "2027-01-04");
    assert_eq!(mine["history"].as_array().unwrap().len(), 1);
    let mine_id = mine["id"].as_i64().unwrap();

    let (status, theirs) = post(
        &app,
        "/api/v1/interventions",
        &t.other_agent,
        plan("T.B.K7", "Sosialisasi aplikasi"),
    )
    .await;
    assert_eq!(status, 201, "{theirs}");
    let theirs_id = theirs["id"].as_i64().unwrap();

    // Each change agent lists only the plans of their units.
    let (status, list) = get(&app, "/api/v1/interventions", &t.agent).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["id"], mine_id);
    let (_, all) = get(&app, "/api/v1/interventions", &t.admin).await;
    assert_eq!(all["total"], 2, "{all}");
    let (_, paged) = get(&app, "/api/v1/interventions?per_page=1&page=2", &t.admin).await;
    assert_eq!(paged["items"].as_array().unwrap().len(), 1, "{paged}");
    assert_eq!(paged["total"], 2);
    let (_, filtered) = get(
        &app,
        "/api/v1/interventions?status=approved&unit=T.A",
        &t.agent,
    )
    .await;
    assert_eq!(filtered["total"], 0, "{filtered}");
    let (status, _) = get(&app, "/api/v1/interventions?unit=T.B", &t.agent).await;
    assert_eq!(status, 404, "another unit is not found");
    let (status, problem) = get(&app, "/api/v1/interventions?status=menunggu", &t.agent).await;
    assert_eq!(refused_fields(status, &problem), ["status"]);

    // Another unit's plan is not found, never forbidden; nor is an id that is no number.
    for path in [
        format!("/api/v1/interventions/{theirs_id}"),
        "/api/v1/interventions/bukan-angka".to_owned(),
        "/api/v1/interventions/999999".to_owned(),
    ] {
        let (status, problem) = get(&app, &path, &t.agent).await;
        assert_eq!(status, 404, "{path}: {problem}");
        assert_eq!(problem["type"], "/api/v1/problems/not-found");
    }
    let (status, _) = post(
        &app,
        &format!("/api/v1/interventions/{theirs_id}/status"),
        &t.agent,
        json!({"status": "cancelled"}),
    )
    .await;
    assert_eq!(status, 404);

    // Refused input names each field; nothing is created.
    let mut bad = plan("T.A.K1", "Anggaran negatif");
    bad["budget_rupiah"] = json!(-5);
    bad["end_on"] = json!("2027-13-01");
    let (status, problem) = post(&app, "/api/v1/interventions", &t.agent, bad).await;
    let fields = refused_fields(status, &problem);
    assert!(fields.contains(&"budget_rupiah".to_owned()), "{problem}");
    assert!(fields.contains(&"end_on".to_owned()), "{problem}");
    let mut bad = plan("T.A.K1", "Anggaran teks");
    bad["budget_rupiah"] = json!("banyak");
    let (status, problem) = post(&app, "/api/v1/interventions", &t.agent, bad).await;
    assert_eq!(refused_fields(status, &problem), ["budget_rupiah"]);
    let mut bad = plan("T.A.K1", "Jenis salah");
    bad["kind"] = json!("rapat");
    let (status, problem) = post(&app, "/api/v1/interventions", &t.agent, bad).await;
    assert_eq!(refused_fields(status, &problem), ["kind"]);
    let (status, problem) = post(
        &app,
        "/api/v1/interventions",
        &t.agent,
        plan("T.B.K7", "Unit orang lain"),
    )
    .await;
    assert_eq!(
        status, 422,
        "a unit outside the caller's is refused: {problem}"
    );
    let (status, problem) = post(
        &app,
        "/api/v1/interventions",
        &t.leader,
        plan("T.A.K1", "Tanpa pemilik"),
    )
    .await;
    assert_eq!(
        refused_fields(status, &problem),
        ["owner_id"],
        "a leader names the owner"
    );
    let response = app
        .client
        .post(app.url("/api/v1/interventions"))
        .bearer_auth(&t.agent)
        .header("content-type", "application/json")
        .body("{\"units\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let (_, list) = get(&app, "/api/v1/interventions", &t.agent).await;
    assert_eq!(list["total"], 1, "nothing refused was created: {list}");

    // Only leaders approve.
    let status_path = format!("/api/v1/interventions/{mine_id}/status");
    let (status, problem) = post(&app, &status_path, &t.agent, json!({"status": "approved"})).await;
    assert_eq!(status, 403, "{problem}");
    let (status, approved) = post(
        &app,
        &status_path,
        &t.leader,
        json!({"status": "approved", "note": "Disetujui rapat pimpinan"}),
    )
    .await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["status"], "approved");
    let history = approved["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{approved}");
    assert_eq!(history[1]["from"], "planned");
    assert_eq!(history[1]["note"], "Disetujui rapat pimpinan");
    let (status, problem) = post(&app, &status_path, &t.agent, json!({"status": "done"})).await;
    assert_eq!(status, 422, "approved cannot jump to done: {problem}");
    let (status, moved) = post(
        &app,
        &status_path,
        &t.agent,
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["status"], "in_progress");

    // Milestones, comments and a rewrite.
    let (status, with_milestone) = post(
        &app,
        &format!("/api/v1/interventions/{mine_id}/milestones"),
        &t.agent,
        json!({"title": "Modul pelatihan siap", "due_on": "2027-02-01"}),
    )
    .await;
    assert_eq!(status, 201, "{with_milestone}");
    let milestone = &with_milestone["milestones"][0];
    assert_eq!(milestone["due_on"], "2027-02-01");
    assert_eq!(milestone["done_on"], Value::Null);
    let milestone_id = milestone["id"].as_i64().unwrap();
    let (status, problem) = post(
        &app,
        &format!("/api/v1/interventions/{mine_id}/milestones"),
        &t.agent,
        json!({"title": "Tanggal salah", "due_on": "1 Februari"}),
    )
    .await;
    assert_eq!(refused_fields(status, &problem), ["due_on"]);
    let (status, marked) = put(
        &app,
        &format!("/api/v1/interventions/{mine_id}/milestones/{milestone_id}"),
        &t.agent,
        json!({"done": true}),
    )
    .await;
    assert_eq!(status, 200, "{marked}");
    assert!(marked["milestones"][0]["done_on"].is_string(), "{marked}");
    assert_eq!(marked["milestones_done"], 1);
    let (status, commented) = post(
        &app,
        &format!("/api/v1/interventions/{mine_id}/comments"),
        &t.leader,
        json!({"body": "Lanjutkan."}),
    )
    .await;
    assert_eq!(status, 201, "{commented}");
    assert_eq!(commented["comments"][0]["body"], "Lanjutkan.");
    let mut rewritten = plan("T.A.K1", "Pelatihan layanan digital tahap 1");
    rewritten["owner_id"] = json!(t.agent_id);
    let (status, updated) = put(
        &app,
        &format!("/api/v1/interventions/{mine_id}"),
        &t.agent,
        rewritten.clone(),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["title"], "Pelatihan layanan digital tahap 1");
    assert_eq!(
        updated["status"], "in_progress",
        "a rewrite keeps the status"
    );
    // Issue #16, 3: raising the budget of an approved, running plan takes it back to review,
    // in its history; it is not approved for the new content.
    let mut raised = plan("T.A.K1", "Pelatihan layanan digital tahap 1");
    raised["owner_id"] = json!(t.agent_id);
    raised["budget_rupiah"] = json!(900_000_000_000_000_i64);
    let (status, returned) = put(
        &app,
        &format!("/api/v1/interventions/{mine_id}"),
        &t.agent,
        raised,
    )
    .await;
    assert_eq!(status, 200, "{returned}");
    assert_eq!(returned["status"], "planned", "{returned}");
    let history = returned["history"].as_array().unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str()),
        (Some("in_progress"), Some("planned")),
        "{returned}"
    );
    // Four eyes: the leader may approve it again (the agent made the change), but not a plan
    // the leader wrote.
    let (status, again) = post(&app, &status_path, &t.leader, json!({"status": "approved"})).await;
    assert_eq!(status, 200, "{again}");
    let mut leaders = plan("T.A.K1", "Rencana dari pimpinan");
    leaders["owner_id"] = json!(t.agent_id);
    let (status, own) = post(&app, "/api/v1/interventions", &t.leader, leaders).await;
    assert_eq!(status, 201, "{own}");
    let own_status = format!("/api/v1/interventions/{}/status", own["id"]);
    let (status, problem) = post(&app, &own_status, &t.leader, json!({"status": "approved"})).await;
    assert_eq!(status, 422, "a leader approved their own plan: {problem}");
    let (_, own_now) = get(
        &app,
        &format!("/api/v1/interventions/{}", own["id"]),
        &t.leader,
    )
    .await;
    assert_eq!(own_now["status"], "planned");
    let (status, _) = put(
        &app,
        &format!("/api/v1/interventions/{theirs_id}"),
        &t.agent,
        rewritten,
    )
    .await;
    assert_eq!(status, 404);
    app.stop().await;
}

async fn gaps_follow_scope_and_totals(app: TestApp) {
    let t = tokens(&app).await;
    let (status, mine) = post(
        &app,
        "/api/v1/interventions",
        &t.agent,
        plan("T.A.K1", "Pengadaan laptop"),
    )
    .await;
    assert_eq!(status, 201, "{mine}");
    let (status, gap) = post(
        &app,
        "/api/v1/gaps",
        &t.agent,
        json!({
            "unit": "T.A.K1",
            "kind": "ti",
            "description": "Laptop staf sudah tua.",
            "severity": "tinggi",
            "estimated_cost_rupiah": 150_000_000,
            "intervention_id": mine["id"],
        }),
    )
    .await;
    assert_eq!(status, 201, "{gap}");
    assert_eq!(gap["status"], "open");
    assert_eq!(gap["estimated_cost_rupiah"], 150_000_000);
    assert_eq!(gap["plans"][0]["id"], mine["id"]);
    let gap_id = gap["id"].as_i64().unwrap();
    let (status, other) = post(
        &app,
        "/api/v1/gaps",
        &t.other_agent,
        json!({
            "unit": "T.B.K7",
            "kind": "anggaran",
            "description": "Tidak ada anggaran pelatihan.",
            "severity": "sedang",
        }),
    )
    .await;
    assert_eq!(status, 201, "{other}");

    let (status, problem) = post(
        &app,
        "/api/v1/gaps",
        &t.agent,
        json!({
            "unit": "T.A.K1",
            "kind": "ti",
            "description": "Biaya negatif.",
            "severity": "tinggi",
            "estimated_cost_rupiah": -1,
        }),
    )
    .await;
    assert_eq!(refused_fields(status, &problem), ["estimated_cost_rupiah"]);
    let (status, problem) = post(
        &app,
        "/api/v1/gaps",
        &t.agent,
        json!({"unit": "T.A.K1", "kind": "ti", "description": "x", "severity": "parah"}),
    )
    .await;
    assert_eq!(refused_fields(status, &problem), ["severity"]);

    let (status, list) = get(&app, "/api/v1/gaps", &t.agent).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["total"], 1, "only the agent's units: {list}");
    assert_eq!(list["unit"], Value::Null);
    let ti = |list: &Value| {
        list["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["kind"] == "ti")
            .cloned()
            .unwrap_or_else(|| panic!("no IT total: {list}"))
    };
    assert_eq!(ti(&list)["count"], 1, "{list}");
    assert_eq!(ti(&list)["unresolved_cost_rupiah"], 150_000_000);
    let (status, list) = get(&app, "/api/v1/gaps?unit=T.A", &t.leader).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["unit"]["code"], "T.A");
    assert_eq!(list["items"][0]["id"], gap_id);
    let (_, all) = get(&app, "/api/v1/gaps?per_page=1", &t.admin).await;
    assert_eq!(all["total"], 2, "{all}");
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    let (status, _) = get(&app, "/api/v1/gaps?unit=T.B", &t.agent).await;
    assert_eq!(status, 404);

    let path = format!("/api/v1/gaps/{gap_id}/status");
    let (status, _) = post(&app, &path, &t.other_agent, json!({"status": "resolved"})).await;
    assert_eq!(status, 404, "another unit's gap is not found");
    let (status, resolved) = post(&app, &path, &t.agent, json!({"status": "resolved"})).await;
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["status"], "resolved");
    let (status, problem) = post(&app, &path, &t.agent, json!({"status": "selesai"})).await;
    assert_eq!(refused_fields(status, &problem), ["status"]);
    let (status, _) = post(
        &app,
        "/api/v1/gaps/x/status",
        &t.agent,
        json!({"status": "open"}),
    )
    .await;
    assert_eq!(status, 404);
    let (_, list) = get(&app, "/api/v1/gaps", &t.agent).await;
    assert_eq!(ti(&list)["unresolved_count"], 0, "{list}");
    assert_eq!(ti(&list)["estimated_cost_rupiah"], 150_000_000);
    app.stop().await;
}

async fn the_audit_log_is_for_administrators(app: TestApp) {
    let t = tokens(&app).await;
    let (status, _) = post(
        &app,
        "/api/v1/interventions",
        &t.agent,
        plan("T.A.K1", "Pelatihan layanan digital"),
    )
    .await;
    assert_eq!(status, 201);

    for token in [&t.agent, &t.leader] {
        let (status, problem) = get(&app, "/api/v1/audit", token).await;
        assert_eq!(status, 403, "{problem}");
        assert_eq!(problem["type"], "/api/v1/problems/forbidden");
    }
    let (status, log) = get(&app, "/api/v1/audit", &t.admin).await;
    assert_eq!(status, 200, "{log}");
    let total = log["total"].as_u64().unwrap();
    assert!(total >= 5, "{log}");
    assert!(log["items"][0]["detail"].is_object(), "{log}");
    let (_, created) = get(
        &app,
        "/api/v1/audit?action=intervention_created&actor=agen-a",
        &t.admin,
    )
    .await;
    assert_eq!(created["total"], 1, "{created}");
    assert_eq!(created["items"][0]["action"], "intervention_created");
    assert_eq!(created["items"][0]["actor"], "agen-a");
    let (_, paged) = get(&app, "/api/v1/audit?per_page=2&page=2", &t.admin).await;
    assert_eq!(paged["items"].as_array().unwrap().len(), 2, "{paged}");
    assert_eq!(paged["total"], total);
    let (_, beyond) = get(&app, "/api/v1/audit?page=4000000000", &t.admin).await;
    assert_eq!(beyond["items"].as_array().unwrap().len(), 0, "{beyond}");
    let (status, problem) = get(&app, "/api/v1/audit?action=menghapus", &t.admin).await;
    assert_eq!(refused_fields(status, &problem), ["action"]);
    let (status, problem) = get(&app, "/api/v1/audit?per_page=0", &t.admin).await;
    assert_eq!(refused_fields(status, &problem), ["per_page"]);
    app.stop().await;
}

/// Every operation of these areas is in the document, and every schema it refers to is
/// defined there.
#[test]
fn the_document_describes_plans_gaps_and_audit() {
    let doc = serde_json::to_value(server::api::document()).unwrap();
    for (path, method) in [
        ("/api/v1/interventions", "get"),
        ("/api/v1/interventions", "post"),
        ("/api/v1/interventions/{id}", "get"),
        ("/api/v1/interventions/{id}", "put"),
        ("/api/v1/interventions/{id}/status", "post"),
        ("/api/v1/interventions/{id}/milestones", "post"),
        (
            "/api/v1/interventions/{id}/milestones/{milestone_id}",
            "put",
        ),
        ("/api/v1/interventions/{id}/comments", "post"),
        ("/api/v1/gaps", "get"),
        ("/api/v1/gaps", "post"),
        ("/api/v1/gaps/{id}/status", "post"),
        ("/api/v1/audit", "get"),
    ] {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is not documented");
        assert!(operation["responses"]["422"].is_object(), "{method} {path}");
    }
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "{name} is referred to but not defined"
        );
    }
}

/// Issue #16, 3: any agent in scope could rewrite another's plan and make itself owner, and
/// owners outside the user's scope were accepted (their names then shown). Now a change agent
/// changes only plans they own or help with, only the owner or a leader hands a plan over, and
/// a person the user cannot choose is refused exactly like one who does not exist.
async fn plans_belong_to_their_people(app: TestApp) {
    let t = tokens(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let created = call(
        &app,
        &admin,
        "admin/users/create",
        &[
            ("username", "agen-a2"),
            ("display_name", "Agen A kedua"),
            ("password", ADMIN_PASSWORD),
            ("role", "change_agent"),
            ("units", "T.A"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200);
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let colleague = store.user_by_username("agen-a2").await.unwrap().unwrap();
    let outsider = store.user_by_username("agen-b").await.unwrap().unwrap();
    let (_, colleague_secret) = store
        .create_api_token(colleague.id, "test", &Actor::user(colleague.id, "agen-a2"))
        .await
        .unwrap();
    let colleague_token = colleague_secret.expose().to_owned();

    let (status, mine) = post(
        &app,
        "/api/v1/interventions",
        &t.agent,
        plan("T.A.K1", "Milik agen A"),
    )
    .await;
    assert_eq!(status, 201, "{mine}");
    let path = format!("/api/v1/interventions/{}", mine["id"]);

    // A colleague in scope may read it but not rewrite it, nor take it.
    let mut taken = plan("T.A.K1", "Diambil alih");
    taken["owner_id"] = json!(colleague.id);
    let (status, _) = put(&app, &path, &colleague_token, taken.clone()).await;
    assert_eq!(status, 403);
    let mut reworded = plan("T.A.K1", "Diubah rekan");
    reworded["owner_id"] = json!(t.agent_id);
    let (status, _) = put(&app, &path, &colleague_token, reworded).await;
    assert_eq!(status, 403);
    let (_, unchanged) = get(&app, &path, &t.agent).await;
    assert_eq!(unchanged["title"], "Milik agen A");

    // An owner outside the agent's scope is refused like one that does not exist.
    let mut outside = plan("T.A.K1", "Pemilik luar");
    outside["owner_id"] = json!(outsider.id);
    let (status, outside_problem) = post(&app, "/api/v1/interventions", &t.agent, outside).await;
    let mut missing = plan("T.A.K1", "Pemilik luar");
    missing["owner_id"] = json!(999_999);
    let (missing_status, missing_problem) =
        post(&app, "/api/v1/interventions", &t.agent, missing).await;
    assert_eq!(status, 422, "{outside_problem}");
    assert_eq!(
        (status, &outside_problem["detail"]),
        (missing_status, &missing_problem["detail"])
    );
    assert!(
        !outside_problem.to_string().contains("agen-b"),
        "the refusal names nobody: {outside_problem}"
    );

    // The leader hands it to the colleague; the colleague, now owner, may change it.
    let (status, handed) = put(&app, &path, &t.leader, taken).await;
    assert_eq!(status, 200, "{handed}");
    assert_eq!(handed["owner_id"], json!(colleague.id), "{handed}");
    let mut renamed = plan("T.A.K1", "Diteruskan rekan");
    renamed["owner_id"] = json!(colleague.id);
    let (status, _) = put(&app, &path, &colleague_token, renamed).await;
    assert_eq!(status, 200);
    store.close().await;
    app.stop().await;
}
