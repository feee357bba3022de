//! The survey part of `/api/v1` over real HTTP with personal API tokens, on both engines: a
//! wave is created, opened, given invitations, fed responses from a CSV (checked, then
//! stored) and read as indicators in which a small unit is suppressed; other units' change
//! agents find nothing; malformed input names its field.

use chrono::{Duration, Utc};
use domain::{
    instrument::{default_instrument, Answers, Instrument, ValidAnswers},
    responses::{write_responses, ParsedResponse},
    units::{csv::import_units, UnitCode},
};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{json, Value};
use store::{Actor, PoolOptions, Store};

use crate::{
    auth::{call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    a_wave_runs_from_creation_to_indicators_through_the_api,
    the_api_refuses_what_a_caller_may_not_see_or_do,
);

const UNITS: &str = "code,name,kind,parent_code,headcount
T,Provinsi Uji,provinsi,,0
T.A,Dinas A,dinas,T,40
T.B,Dinas B,dinas,T,30
T.C,Dinas C,dinas,T,20
";

/// A running server with units, the default survey, an administrator and two change agents
/// (of T.B and T.C), each with an API token.
struct Setup {
    store: Store,
    instrument: Instrument,
    admin: String,
    agent_b: String,
    agent_c: String,
}

async fn setup(app: &TestApp) -> Setup {
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let actor = Actor::system("test");
    store
        .apply_unit_import(&import_units(UNITS.as_bytes(), &[]).unwrap(), &actor)
        .await
        .unwrap();
    let instrument = default_instrument();
    store.save_instrument(&instrument, &actor).await.unwrap();
    setup_admin(app).await;
    let admin = signed_in(app, "admin", ADMIN_PASSWORD).await;
    for (username, unit) in [("agen-b", "T.B"), ("agen-c", "T.C")] {
        let created = call(
            app,
            &admin,
            "admin/users/create",
            &[
                ("username", username),
                ("display_name", username),
                ("password", ADMIN_PASSWORD),
                ("role", "change_agent"),
                ("units", unit),
            ],
        )
        .await;
        assert_eq!(created.status(), 200, "{username}");
    }
    let mut tokens = Vec::new();
    for username in ["admin", "agen-b", "agen-c"] {
        let user = store.user_by_username(username).await.unwrap().unwrap();
        let (_, secret) = store
            .create_api_token(user.id, "test", &actor)
            .await
            .unwrap();
        tokens.push(secret.expose().to_owned());
    }
    let [admin, agent_b, agent_c] = <[String; 3]>::try_from(tokens).unwrap();
    Setup {
        store,
        instrument,
        admin,
        agent_b,
        agent_c,
    }
}

fn request(app: &TestApp, token: &str, method: Method, path: &str) -> RequestBuilder {
    app.client.request(method, app.url(path)).bearer_auth(token)
}

async fn get(app: &TestApp, token: &str, path: &str) -> Response {
    request(app, token, Method::GET, path).send().await.unwrap()
}

async fn post_json(app: &TestApp, token: &str, path: &str, body: &Value) -> Response {
    request(app, token, Method::POST, path)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn post_csv(app: &TestApp, token: &str, path: &str, csv: &str) -> Response {
    request(app, token, Method::POST, path)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

/// The body of a response that must have `status`.
async fn expect(response: Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// Every item answered with `point`.
fn answers(instrument: &Instrument, point: u8) -> ValidAnswers {
    let mut answers = Answers::default();
    for item in instrument.items() {
        answers.items.insert(item.id().to_string(), Some(point));
    }
    instrument.validate_answers(&answers).unwrap()
}

/// A responses CSV in the export's own columns: `count` responses per unit, cycling points.
fn responses_csv(instrument: &Instrument, plan: &[(&str, usize)]) -> String {
    let rows: Vec<ParsedResponse> = plan
        .iter()
        .flat_map(|(code, count)| {
            (0..*count).map(move |k| {
                ParsedResponse::new(
                    UnitCode::parse(code).unwrap(),
                    answers(instrument, [4, 5, 3, 4, 2][k % 5]),
                )
            })
        })
        .collect();
    write_responses(instrument, &rows)
}

fn unit<'a>(json: &'a Value, code: &str) -> &'a Value {
    json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {json}"))
}

fn codes(json: &Value) -> Vec<String> {
    json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Creates and opens a wave over `units`; its id.
async fn open_wave(app: &TestApp, setup: &Setup, units: &[&str]) -> i64 {
    let instruments = expect(get(app, &setup.admin, "/api/v1/instruments").await, 200).await;
    assert_eq!(instruments["total"], 1, "{instruments}");
    let instrument_id = instruments["items"][0]["id"].as_i64().unwrap();
    let now = Utc::now();
    let created = expect(
        post_json(
            app,
            &setup.admin,
            "/api/v1/waves",
            &json!({
                "title": "Gelombang API",
                "kind": "baseline",
                "instrument_id": instrument_id,
                "unit_codes": units,
                "opens_at": (now - Duration::hours(1)).to_rfc3339(),
                "closes_at": (now + Duration::days(7)).to_rfc3339(),
            }),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(created["wave"]["status"], "draft", "{created}");
    assert_eq!(created["wave"]["kind"], "baseline");
    assert_eq!(codes(&created), units);
    let id = created["wave"]["id"].as_i64().unwrap();
    let opened = expect(
        post_json(
            app,
            &setup.admin,
            &format!("/api/v1/waves/{id}/state"),
            &json!({ "state": "open" }),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(opened["wave"]["status"], "open", "{opened}");
    id
}

async fn a_wave_runs_from_creation_to_indicators_through_the_api(app: TestApp) {
    let setup = setup(&app).await;
    let wave = open_wave(&app, &setup, &["T.A", "T.B", "T.C"]).await;
    let list = expect(
        get(&app, &setup.admin, "/api/v1/waves?per_page=10").await,
        200,
    )
    .await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], wave);
    assert_eq!(list["items"][0]["status"], "open");

    // Invitations: a batch of 3 for T.A, the rest of the headcount for T.B.
    let invitations = format!("/api/v1/waves/{wave}/invitations");
    let batch = expect(
        post_json(
            &app,
            &setup.admin,
            &invitations,
            &json!({ "unit_code": "T.A", "count": 3 }),
        )
        .await,
        201,
    )
    .await;
    let tokens = batch["invitations"].as_array().unwrap();
    assert_eq!(tokens.len(), 3, "{batch}");
    for token in tokens {
        let url = token["url"].as_str().unwrap();
        assert!(
            url.ends_with(&format!("/s/{}", token["token"].as_str().unwrap())),
            "{url}"
        );
    }
    // A change agent issues for their own unit.
    let rest = expect(
        post_json(
            &app,
            &setup.agent_b,
            &invitations,
            &json!({ "unit_code": "T.B" }),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(rest["invitations"].as_array().unwrap().len(), 30);
    let issued = expect(get(&app, &setup.admin, &invitations).await, 200).await;
    assert_eq!(unit(&issued, "T.A")["issued"], 3, "{issued}");
    assert_eq!(unit(&issued, "T.A")["used"], 0);
    assert_eq!(unit(&issued, "T.B")["issued"], 30);
    assert_eq!(
        codes(&expect(get(&app, &setup.agent_b, &invitations).await, 200).await),
        ["T.B"],
        "a change agent sees their unit only"
    );

    // Responses: a file with a problem stores nothing and names the line; a clean file is
    // checked (the default), then stored.
    let import = format!("/api/v1/waves/{wave}/responses/import");
    let bad = responses_csv(&setup.instrument, &[("T.A", 2), ("T.X", 1)]);
    let refused = expect(
        post_csv(&app, &setup.admin, &format!("{import}?dry_run=false"), &bad).await,
        422,
    )
    .await;
    let errors = refused["errors"].as_array().unwrap();
    assert!(!errors.is_empty(), "{refused}");
    assert!(
        errors
            .iter()
            .all(|e| e["field"].as_str().unwrap().starts_with("line 4")),
        "{refused}"
    );
    let good = responses_csv(&setup.instrument, &[("T.A", 6), ("T.B", 2), ("T.C", 7)]);
    let checked = expect(post_csv(&app, &setup.admin, &import, &good).await, 200).await;
    assert_eq!(checked, json!({ "count": 15, "committed": false }));
    let detail = expect(
        get(&app, &setup.admin, &format!("/api/v1/waves/{wave}")).await,
        200,
    )
    .await;
    assert_eq!(detail["wave"]["responded"], 0, "a dry run stores nothing");
    let stored = expect(
        post_csv(
            &app,
            &setup.admin,
            &format!("{import}?dry_run=false"),
            &good,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stored, json!({ "count": 15, "committed": true }));
    let detail = expect(
        get(&app, &setup.admin, &format!("/api/v1/waves/{wave}")).await,
        200,
    )
    .await;
    assert_eq!(detail["wave"]["responded"], 15, "{detail}");
    assert_eq!(detail["wave"]["headcount"], 90);
    assert_eq!(unit(&detail, "T.C")["responded"], 7);
    assert_eq!(unit(&detail, "T.C")["response_rate"], 7.0 / 20.0);

    // Indicators: T.C (7 responses) is shown; T.B (2) is suppressed with no figure at all
    // (and so may be T.A, with 6, so that T.B cannot be worked out from the organisation's
    // total: the engine's complementary suppression, not this test's concern).
    let indicators = expect(
        get(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/indicators"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(indicators["threshold"], 5);
    assert_eq!(indicators["scope"], "subtree");
    let dimensions = indicators["dimensions"].as_array().unwrap().len();
    assert_eq!(dimensions, setup.instrument.dimensions().len());
    let shown = unit(&indicators, "T.C");
    assert_eq!(shown["suppressed"], false, "{indicators}");
    assert_eq!(shown["respondents"], 7);
    assert_eq!(shown["headcount"], 20);
    assert_eq!(shown["response_rate"], 7.0 / 20.0);
    let first = &shown["dimensions"][0];
    assert_eq!(first["suppressed"], false);
    assert_eq!(first["n"], 7);
    let mean = first["mean"].as_f64().unwrap();
    assert!(
        first["ci_low"].as_f64().unwrap() <= mean && mean <= first["ci_high"].as_f64().unwrap()
    );
    assert!((0.0..=1.0).contains(&first["favourable"].as_f64().unwrap()));
    let hidden = unit(&indicators, "T.B");
    assert_eq!(hidden["suppressed"], true, "{indicators}");
    assert_eq!(hidden["respondents"], Value::Null);
    assert_eq!(hidden["response_rate"], Value::Null);
    assert_eq!(hidden["headcount"], 30, "the headcount is public");
    let hidden_dimensions = hidden["dimensions"].as_array().unwrap();
    assert_eq!(hidden_dimensions.len(), dimensions);
    for dimension in hidden_dimensions {
        assert_eq!(dimension["suppressed"], true);
        for figure in [
            "n",
            "mean",
            "ci_low",
            "ci_high",
            "sd",
            "index",
            "favourable",
            "alpha",
        ] {
            assert_eq!(dimension[figure], Value::Null, "{figure}: {dimension}");
        }
    }
    // One unit, one dimension, the unit's own scope.
    let dimension = indicators["dimensions"][0].as_str().unwrap().to_owned();
    let one = expect(
        get(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/indicators?unit=T.C&dimension={dimension}&scope=unit"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(codes(&one), ["T.C"]);
    assert_eq!(one["scope"], "unit");
    assert_eq!(one["dimensions"], json!([dimension]));
    assert_eq!(unit(&one, "T.C")["dimensions"].as_array().unwrap().len(), 1);
    assert_eq!(unit(&one, "T.C")["dimensions"][0]["n"], 7);
    // T.B's change agent sees T.B (suppressed) only, and nothing of T.C.
    let theirs = expect(
        get(
            &app,
            &setup.agent_b,
            &format!("/api/v1/waves/{wave}/indicators"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(codes(&theirs), ["T.B"]);
    assert_eq!(unit(&theirs, "T.B")["suppressed"], true);
    assert_eq!(unit(&theirs, "T.B")["parent_code"], Value::Null);
    expect(
        get(
            &app,
            &setup.agent_b,
            &format!("/api/v1/waves/{wave}/indicators?unit=T.C"),
        )
        .await,
        404,
    )
    .await;

    // Closing, then the follow-up wave.
    let closed = expect(
        post_json(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/state"),
            &json!({ "state": "closed" }),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(closed["wave"]["status"], "closed");
    assert_eq!(closed["can_issue"], false);
    let now = Utc::now();
    let next = expect(
        post_json(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/follow-up"),
            &json!({
                "title": "Gelombang API 2",
                "opens_at": (now + Duration::days(30)).to_rfc3339(),
                "closes_at": (now + Duration::days(40)).to_rfc3339(),
            }),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(next["wave"]["kind"], "follow_up", "{next}");
    assert_eq!(next["wave"]["status"], "draft");
    assert_eq!(next["previous_wave_id"], wave);
    assert_eq!(codes(&next), ["T.A", "T.B", "T.C"]);
    setup.store.close().await;
    app.stop().await;
}

async fn the_api_refuses_what_a_caller_may_not_see_or_do(app: TestApp) {
    let setup = setup(&app).await;
    let wave = open_wave(&app, &setup, &["T.A", "T.B"]).await;

    // Another dinas's change agent: the wave and its indicators do not exist for them.
    for path in [
        format!("/api/v1/waves/{wave}"),
        format!("/api/v1/waves/{wave}/indicators"),
        format!("/api/v1/waves/{wave}/indicators?unit=T.B"),
        format!("/api/v1/waves/{wave}/invitations"),
        "/api/v1/waves/9999".to_owned(),
        "/api/v1/waves/bukan-angka".to_owned(),
        "/api/v1/waves/bukan-angka/indicators".to_owned(),
    ] {
        let problem = expect(get(&app, &setup.agent_c, &path).await, 404).await;
        assert_eq!(problem["type"], "/api/v1/problems/not-found", "{path}");
    }
    let none = expect(get(&app, &setup.agent_c, "/api/v1/waves").await, 200).await;
    assert_eq!(none["total"], 0);
    expect(
        post_json(
            &app,
            &setup.agent_c,
            &format!("/api/v1/waves/{wave}/invitations"),
            &json!({ "unit_code": "T.B", "count": 1 }),
        )
        .await,
        404,
    )
    .await;
    // Nor another unit of a wave they see.
    expect(
        post_json(
            &app,
            &setup.agent_b,
            &format!("/api/v1/waves/{wave}/invitations"),
            &json!({ "unit_code": "T.A", "count": 1 }),
        )
        .await,
        404,
    )
    .await;

    // Managing waves and importing responses is for administrators.
    for (path, body) in [
        (
            format!("/api/v1/waves/{wave}/state"),
            json!({ "state": "closed" }),
        ),
        (
            format!("/api/v1/waves/{wave}/follow-up"),
            json!({
                "title": "Lagi",
                "opens_at": "2030-01-01T08:00:00+07:00",
                "closes_at": "2030-01-08T08:00:00+07:00",
            }),
        ),
    ] {
        expect(post_json(&app, &setup.agent_b, &path, &body).await, 403).await;
    }
    expect(get(&app, &setup.agent_b, "/api/v1/instruments").await, 403).await;
    let csv = responses_csv(&setup.instrument, &[("T.B", 1)]);
    expect(
        post_csv(
            &app,
            &setup.agent_b,
            &format!("/api/v1/waves/{wave}/responses/import"),
            &csv,
        )
        .await,
        403,
    )
    .await;

    // Malformed input names its field.
    let field = |problem: &Value| problem["errors"][0]["field"].as_str().unwrap().to_owned();
    let wrong_type = expect(
        post_json(
            &app,
            &setup.admin,
            "/api/v1/waves",
            &json!({
                "title": "X",
                "instrument_id": "satu",
                "unit_codes": ["T.A"],
                "opens_at": "2030-01-01T08:00:00+07:00",
                "closes_at": "2030-01-08T08:00:00+07:00",
            }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&wrong_type), "instrument_id", "{wrong_type}");
    let backwards = expect(
        post_json(
            &app,
            &setup.admin,
            "/api/v1/waves",
            &json!({
                "title": "X",
                "instrument_id": 1,
                "unit_codes": ["T.A"],
                "opens_at": "2030-01-08T08:00:00+07:00",
                "closes_at": "2030-01-01T08:00:00+07:00",
            }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&backwards), "closes_at", "{backwards}");
    // What only the app layer knows is refused as invalid too, nothing created.
    for (instrument_id, unit) in [(999_999, "T.A"), (1, "T.TIDAK-ADA")] {
        expect(
            post_json(
                &app,
                &setup.admin,
                "/api/v1/waves",
                &json!({
                    "title": "X",
                    "instrument_id": instrument_id,
                    "unit_codes": [unit],
                    "opens_at": "2030-01-01T08:00:00+07:00",
                    "closes_at": "2030-01-08T08:00:00+07:00",
                }),
            )
            .await,
            422,
        )
        .await;
    }
    let waves = expect(get(&app, &setup.admin, "/api/v1/waves").await, 200).await;
    assert_eq!(waves["total"], 1);
    let state = expect(
        post_json(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/state"),
            &json!({ "state": "reopened" }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&state), "state", "{state}");
    let count = expect(
        post_json(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/invitations"),
            &json!({ "unit_code": "T.A", "count": 0 }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&count), "count", "{count}");
    let depth = expect(
        get(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/indicators?depth=dua"),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&depth), "depth", "{depth}");
    let dimension = expect(
        get(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/indicators?dimension=tidak-ada"),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&dimension), "dimension", "{dimension}");
    let dry_run = expect(
        post_csv(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/responses/import?dry_run=mungkin"),
            &csv,
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&dry_run), "dry_run", "{dry_run}");
    let empty = expect(
        post_csv(
            &app,
            &setup.admin,
            &format!("/api/v1/waves/{wave}/responses/import"),
            "",
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field(&empty), "body", "{empty}");

    // Without a token: 401, nothing looked up.
    let anonymous = app
        .client
        .get(app.url(&format!("/api/v1/waves/{wave}/indicators")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    setup.store.close().await;
    app.stop().await;
}

#[test]
fn the_document_describes_the_survey_endpoints() {
    let doc = serde_json::to_value(server::api::document()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/waves", "get"),
        ("/api/v1/waves", "post"),
        ("/api/v1/waves/{id}", "get"),
        ("/api/v1/waves/{id}/state", "post"),
        ("/api/v1/waves/{id}/follow-up", "post"),
        ("/api/v1/instruments", "get"),
        ("/api/v1/waves/{id}/invitations", "get"),
        ("/api/v1/waves/{id}/invitations", "post"),
        ("/api/v1/waves/{id}/responses/import", "post"),
        ("/api/v1/waves/{id}/indicators", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path}"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "WaveDetailOut",
        "WaveCreate",
        "BatchCreatedOut",
        "ResponsesImportOut",
        "WaveIndicatorsOut",
        "DimensionIndicatorsOut",
    ] {
        assert!(schemas.contains_key(schema), "{schema}");
    }
}
