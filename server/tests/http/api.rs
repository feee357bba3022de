//! The REST API's core over real HTTP, on both engines: bearer tokens (and nothing else) open
//! it, as their user with their role and units; out-of-scope units are answered like missing
//! ones; errors are problem+json naming the field; the unit list is the pages' own; the
//! OpenAPI document and its page are served.

use serde_json::{json, Value};
use store::{Actor, PoolOptions, Store};

use crate::{
    auth::{call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    tokens_open_the_api_as_their_user_within_their_units,
    the_document_and_its_page_describe_the_api
);

const AGENT_DINAS: &str = "DKI.DINAS-PENDIDIKAN";
const OTHER_DINAS: &str = "DKI.DINAS-KESEHATAN";

/// A token for `username`, made the way `siap create-api-token` makes one.
pub async fn token_for(app: &TestApp, username: &str) -> String {
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let user = store.user_by_username(username).await.unwrap().unwrap();
    let (_, secret) = store
        .create_api_token(user.id, "test", &Actor::system("test"))
        .await
        .unwrap();
    store.close().await;
    secret.expose().to_owned()
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status, "{body}");
    assert!(body["type"]
        .as_str()
        .unwrap()
        .starts_with("/api/v1/problems/"));
    body
}

async fn tokens_open_the_api_as_their_user_within_their_units(app: TestApp) {
    setup_admin(&app).await;
    let admin_token = token_for(&app, "admin").await;
    let client = reqwest::Client::new();
    let get = |path: &str, token: &str| {
        client
            .get(app.url(path))
            .header("authorization", bearer(token))
            .send()
    };

    // No token, a malformed one, an unknown one: 401 with the Bearer challenge.
    let none = client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(none.headers()["www-authenticate"], "Bearer realm=\"siap\"");
    let body = problem(none, 401).await;
    assert_eq!(body["type"], "/api/v1/problems/unauthenticated");
    problem(get("/api/v1/me", "siap_123").await.unwrap(), 401).await;
    let unknown = format!("siap_{}", "0".repeat(64));
    problem(get("/api/v1/me", &unknown).await.unwrap(), 401).await;

    let me: Value = get("/api/v1/me", &admin_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["role"], "admin");
    assert_eq!(me["all_units"], true);

    // The units CSV: a dry run reports, a bad file names every line, then the import.
    let units = domain::demo::demo_organisation();
    let csv = domain::units::csv::to_csv(&units);
    let import = |dry_run: bool, body: String| {
        client
            .post(app.url(&format!("/api/v1/units/import?dry_run={dry_run}")))
            .header("authorization", bearer(&admin_token))
            .header("content-type", "text/csv")
            .body(body)
            .send()
    };
    let bad = "code,name,kind,parent_code,headcount\nDKI,Provinsi,provinsi,,10\nDKI.A,A,dinas,DKI,banyak\nDKI.B,B,dinas,TIDAK-ADA,5\n";
    let refused = problem(import(false, bad.to_owned()).await.unwrap(), 422).await;
    let fields: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.iter().any(|f| f.starts_with("line 3")), "{refused}");
    assert!(fields.iter().any(|f| f.starts_with("line 4")), "{refused}");
    let dry: Value = import(true, csv.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(dry["creates"], units.len(), "{dry}");
    assert_eq!(dry["committed"], false);
    let listed: Value = get("/api/v1/units", &admin_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed["total"], 0,
        "a dry run and a refused file import nothing"
    );
    let done: Value = import(false, csv).await.unwrap().json().await.unwrap();
    assert_eq!(done["committed"], true, "{done}");

    // A change agent of one dinas, with a token and a browser session.
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let created = call(
        &app,
        &admin,
        "admin/users/create",
        &[
            ("username", "agen"),
            ("display_name", "Agen"),
            ("password", ADMIN_PASSWORD),
            ("role", "change_agent"),
            ("units", AGENT_DINAS),
        ],
    )
    .await;
    assert_eq!(created.status(), 200);
    let agent_token = token_for(&app, "agen").await;
    let agent_session = signed_in(&app, "agen", ADMIN_PASSWORD).await;

    // The agent's units through the API are exactly the units page's list.
    let page: Value = get("/api/v1/units?per_page=200", &agent_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let api_codes: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    let ui: Value = call(&app, &agent_session, "units/list", &[("search", "")])
        .await
        .json()
        .await
        .unwrap();
    let ui_codes: Vec<&str> = ui
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(api_codes, ui_codes);
    assert_eq!(page["total"], ui_codes.len());
    assert!(
        api_codes.iter().all(|c| c.starts_with(AGENT_DINAS)),
        "{api_codes:?}"
    );

    // Paging: the second page of two continues the first.
    let first: Value = get("/api/v1/units?per_page=2&page=1", &admin_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let second: Value = get("/api/v1/units?per_page=2&page=2", &admin_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_ne!(first["items"][0]["code"], second["items"][0]["code"]);
    let bad_page = problem(
        get("/api/v1/units?per_page=0", &admin_token).await.unwrap(),
        422,
    )
    .await;
    assert_eq!(bad_page["errors"][0]["field"], "per_page", "{bad_page}");
    let not_number = problem(
        get("/api/v1/units?page=satu", &admin_token).await.unwrap(),
        422,
    )
    .await;
    assert_eq!(not_number["errors"][0]["field"], "page", "{not_number}");

    // Another dinas is not found for the agent (as if it did not exist), found for the admin.
    let other = format!("/api/v1/units/{OTHER_DINAS}");
    let hidden = problem(get(&other, &agent_token).await.unwrap(), 404).await;
    let missing = problem(
        get("/api/v1/units/TIDAK-ADA", &agent_token).await.unwrap(),
        404,
    )
    .await;
    assert_eq!(hidden["type"], missing["type"]);
    assert_eq!(hidden["detail"], missing["detail"]);
    assert_eq!(get(&other, &admin_token).await.unwrap().status(), 200);
    let own: Value = get(&format!("/api/v1/units/{AGENT_DINAS}"), &agent_token)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own["unit"]["code"], AGENT_DINAS);
    assert_eq!(own["unit"]["parent_code"], "DKI", "{own}");
    // Ancestors outside the agent's units are not listed (as on the unit page).
    assert_eq!(own["ancestors"], json!([]), "{own}");

    // Editing is for administrators: 403 for the agent in their own unit; a bad body names
    // the field; a good one changes the unit.
    let put = |token: &str, body: Value| {
        client
            .put(app.url(&format!("/api/v1/units/{AGENT_DINAS}")))
            .header("authorization", bearer(token))
            .json(&body)
            .send()
    };
    let change = json!({
        "name": "Dinas Pendidikan (API)",
        "kind": "dinas",
        "parent_code": "DKI",
        "headcount": 1234
    });
    problem(put(&agent_token, change.clone()).await.unwrap(), 403).await;
    let bad = problem(
        put(
            &admin_token,
            json!({"name": "X", "kind": "dinas", "parent_code": "DKI", "headcount": "banyak"}),
        )
        .await
        .unwrap(),
        422,
    )
    .await;
    assert_eq!(bad["errors"][0]["field"], "headcount", "{bad}");
    let changed: Value = put(&admin_token, change)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(changed["unit"]["headcount"], 1234, "{changed}");

    // English messages on request.
    let english = client
        .get(app.url(&other))
        .header("authorization", bearer(&agent_token))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(english, 404).await["detail"], "Not found.");

    // A browser session does not open the API; a revoked token no longer does.
    problem(
        agent_session
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap(),
        401,
    )
    .await;
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let agent = store.user_by_username("agen").await.unwrap().unwrap();
    let tokens = store.api_tokens_of(agent.id).await.unwrap();
    store
        .revoke_api_token(agent.id, tokens[0].id, &Actor::user(agent.id, "agen"))
        .await
        .unwrap();
    store.close().await;
    problem(get("/api/v1/me", &agent_token).await.unwrap(), 401).await;
    app.stop().await;
}

async fn the_document_and_its_page_describe_the_api(app: TestApp) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let doc: Value = client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    for path in [
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/units/{code}",
        "/api/v1/units/import",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let page = client.get(app.url("/api/v1/docs")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("/api/v1/units/import"));
    assert!(html.contains("id=\"problem-not-found\""));
    let problem_type = client
        .get(app.url("/api/v1/problems/not-found"))
        .send()
        .await
        .unwrap();
    assert!(problem_type.status().is_redirection());
    assert_eq!(
        problem_type.headers()["location"],
        "/api/v1/docs#problem-not-found"
    );
    let nowhere = client
        .get(app.url("/api/v1/tidak-ada"))
        .send()
        .await
        .unwrap();
    problem(nowhere, 404).await;
    app.stop().await;
}
