//! A wave's indicators over real HTTP, on both engines: figures appear once a unit reaches
//! the threshold and are suppressed below it, users see only the units in their scope (404
//! otherwise, 401 when signed out), and cached figures follow new responses on every
//! instance of one database.

use chrono::Utc;
use domain::{
    instrument::{Answers, Instrument, ValidAnswers},
    responses::ParsedResponse,
    units::{csv::import_units, Unit, UnitCode},
};
use serde_json::Value;
use store::{Actor, SubmitOutcome};

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
    survey::{open_wave, Fixture},
};

on_both_engines!(
    a_unit_is_shown_from_five_responses_and_suppressed_below,
    users_see_only_the_units_in_their_scope,
    cached_figures_follow_new_responses_on_every_instance,
);

/// Every item answered with `point`.
fn answers(instrument: &Instrument, point: u8) -> ValidAnswers {
    let mut answers = Answers::default();
    for item in instrument.items() {
        answers.items.insert(item.id().to_string(), Some(point));
    }
    instrument.validate_answers(&answers).unwrap()
}

/// Imports `points.len()` responses in T.KEL, one per point.
async fn import(fixture: &Fixture, points: &[u8]) {
    let responses: Vec<ParsedResponse> = points
        .iter()
        .map(|point| {
            ParsedResponse::new(
                UnitCode::parse("T.KEL").unwrap(),
                answers(&fixture.instrument, *point),
            )
        })
        .collect();
    fixture
        .store
        .import_responses(fixture.wave, &responses, &Actor::system("test"))
        .await
        .unwrap();
}

/// The mean first-dimension score of respondents who each answered every item with one of
/// `points` (reverse-keyed items count the other way round).
fn first_dimension_mean(instrument: &Instrument, points: &[u8]) -> f64 {
    let scale = instrument.scale();
    let first = instrument
        .items()
        .next()
        .unwrap()
        .dimension()
        .as_str()
        .to_owned();
    let items: Vec<_> = instrument.items_of(&first).collect();
    let score = |point: u8| {
        let scored: u32 = items
            .iter()
            .map(|item| {
                let value = if item.reverse_keyed() {
                    scale.min() + scale.max() - point
                } else {
                    point
                };
                u32::from(value)
            })
            .sum();
        f64::from(scored) / items.len() as f64
    };
    points.iter().map(|p| score(*p)).sum::<f64>() / points.len() as f64
}

fn assert_close(found: &Value, expected: f64) {
    let found = found.as_f64().unwrap();
    assert!((found - expected).abs() < 1e-9, "{found} != {expected}");
}

async fn indicators(
    app: &TestApp,
    client: &reqwest::Client,
    wave: i64,
    filters: &[(&str, &str)],
) -> reqwest::Response {
    let wave = wave.to_string();
    let mut form = vec![
        ("wave_id", wave.as_str()),
        ("unit", ""),
        ("depth", ""),
        ("dimension", ""),
    ];
    for (name, value) in filters {
        for field in form.iter_mut().filter(|(field, _)| field == name) {
            field.1 = value;
        }
    }
    call(app, client, "indicators/wave", &form).await
}

async fn ok_json(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn codes(json: &Value) -> Vec<String> {
    json["units"].as_object().unwrap().keys().cloned().collect()
}

async fn a_unit_is_shown_from_five_responses_and_suppressed_below(app: TestApp) {
    let fixture = open_wave(&app, 1).await;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;

    import(&fixture, &[4, 4, 5, 3]).await;
    let json = ok_json(indicators(&app, &admin, fixture.wave, &[]).await).await;
    assert_eq!(json["threshold"], 5);
    assert_eq!(
        json["root"], "T",
        "an administrator sees the organisation's top"
    );
    assert_eq!(codes(&json), ["T.KEL"], "only the wave's units: {json}");
    let unit = &json["units"]["T.KEL"];
    assert_eq!(unit["parent"], "T");
    assert_eq!(unit["depth"], 1);
    for scope in ["unit", "subtree"] {
        assert_eq!(unit[scope]["headcount"], 50, "the wave's headcount");
        assert_eq!(
            unit[scope]["report"],
            serde_json::json!({ "status": "suppressed" }),
            "4 respondents: nothing at all, not even n"
        );
    }
    assert!(unit["vs_rest"]
        .as_array()
        .unwrap()
        .iter()
        .all(|cell| cell["result"]["status"] == "suppressed"));

    import(&fixture, &[2]).await;
    let json = ok_json(indicators(&app, &admin, fixture.wave, &[]).await).await;
    let report = &json["units"]["T.KEL"]["unit"]["report"];
    assert_eq!(report["status"], "visible", "{json}");
    let value = &report["value"];
    assert_eq!(value["respondents"], 5);
    assert_eq!(value["response_rate"]["headcount"], 50);
    assert_eq!(value["response_rate"]["rate"], 0.1);
    let dimensions = value["dimensions"].as_array().unwrap();
    assert_eq!(dimensions.len(), fixture.instrument.dimensions().len());
    let score = &dimensions[0]["score"];
    assert_eq!(score["status"], "visible");
    assert_eq!(score["value"]["descriptive"]["n"], 5);
    assert_close(
        &score["value"]["descriptive"]["mean"],
        first_dimension_mean(&fixture.instrument, &[4, 4, 5, 3, 2]),
    );
    assert_eq!(
        json["units"]["T.KEL"]["subtree"]["report"], *report,
        "a unit without children: both scopes alike"
    );

    // Filters: one dimension; a depth; a unit's subtree.
    let first = dimensions[0]["dimension_id"].as_str().unwrap().to_owned();
    let json =
        ok_json(indicators(&app, &admin, fixture.wave, &[("dimension", &first)]).await).await;
    assert_eq!(json["dimensions"], serde_json::json!([first]));
    let value = &json["units"]["T.KEL"]["unit"]["report"]["value"];
    assert_eq!(value["dimensions"].as_array().unwrap().len(), 1);
    assert!(value["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["dimension_id"] == first.as_str()));
    assert_eq!(
        json["units"]["T.KEL"]["vs_rest"].as_array().unwrap().len(),
        1
    );
    let deep = ok_json(indicators(&app, &admin, fixture.wave, &[("depth", "1")]).await).await;
    assert_eq!(codes(&deep), ["T.KEL"]);
    let top = ok_json(indicators(&app, &admin, fixture.wave, &[("depth", "0")]).await).await;
    assert!(codes(&top).is_empty(), "T is not in the wave");
    let one = ok_json(indicators(&app, &admin, fixture.wave, &[("unit", "T.KEL")]).await).await;
    assert_eq!(codes(&one), ["T.KEL"]);

    for (filter, value, status) in [
        ("dimension", "tidak-ada", 422),
        ("depth", "dua", 422),
        ("unit", "T.TIDAK-ADA", 404),
        ("unit", "T", 404),
        ("unit", "bukan kode", 404),
    ] {
        let response = indicators(&app, &admin, fixture.wave, &[(filter, value)]).await;
        assert_eq!(response.status(), status, "{filter}={value}");
    }
    assert_eq!(
        indicators(&app, &admin, fixture.wave + 100, &[])
            .await
            .status(),
        404,
        "an unknown wave"
    );
    fixture.store.close().await;
    app.stop().await;
}

async fn users_see_only_the_units_in_their_scope(app: TestApp) {
    let fixture = open_wave(&app, 1).await;
    import(&fixture, &[4, 4, 5, 3, 2]).await;
    // A second unit under T, outside the wave.
    let existing: Vec<Unit> = fixture
        .store
        .list_units()
        .await
        .unwrap()
        .into_iter()
        .map(|record| record.unit)
        .collect();
    let csv = "code,name,kind,parent_code,headcount\nT.LAIN,Kelurahan Lain,kelurahan,T,20\n";
    let plan = import_units(csv.as_bytes(), &existing).unwrap();
    fixture
        .store
        .apply_unit_import(&plan, &Actor::system("test"))
        .await
        .unwrap();
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    for (username, role, unit) in [
        ("agen-lain", "change_agent", "T.LAIN"),
        ("agen-kel", "change_agent", "T.KEL"),
        ("pimpinan", "leader", "T"),
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
                ("units", unit),
            ],
        )
        .await;
        assert_eq!(created.status(), 200, "{username}");
    }

    // Another unit's change agent: the wave and its units do not exist for them.
    let other = signed_in(&app, "agen-lain", ADMIN_PASSWORD).await;
    for unit in ["T.KEL", "", "T.LAIN", "T.TIDAK-ADA"] {
        let response = indicators(&app, &other, fixture.wave, &[("unit", unit)]).await;
        assert_eq!(response.status(), 404, "unit={unit}");
    }

    // The unit's own change agent: its figures, nothing above it named.
    let agent = signed_in(&app, "agen-kel", ADMIN_PASSWORD).await;
    for filters in [&[][..], &[("unit", "T.KEL")][..]] {
        let json = ok_json(indicators(&app, &agent, fixture.wave, filters).await).await;
        assert_eq!(codes(&json), ["T.KEL"]);
        assert_eq!(json["root"], Value::Null, "T is out of scope: {json}");
        assert_eq!(json["units"]["T.KEL"]["parent"], Value::Null);
        assert_eq!(
            json["units"]["T.KEL"]["unit"]["report"]["value"]["respondents"],
            5
        );
    }

    // A leader of the whole tree sees what an administrator sees.
    let leader = signed_in(&app, "pimpinan", ADMIN_PASSWORD).await;
    let theirs = ok_json(indicators(&app, &leader, fixture.wave, &[]).await).await;
    let admins = ok_json(indicators(&app, &admin, fixture.wave, &[]).await).await;
    assert_eq!(theirs, admins);

    let anonymous = indicators(&app, &browser(), fixture.wave, &[]).await;
    assert_eq!(anonymous.status(), 401);
    let anonymous = indicators(&app, &browser(), fixture.wave + 100, &[("unit", "X")]).await;
    assert_eq!(anonymous.status(), 401, "signed out: nothing is looked up");
    fixture.store.close().await;
    app.stop().await;
}

async fn cached_figures_follow_new_responses_on_every_instance(app: TestApp) {
    let fixture = open_wave(&app, 1).await;
    import(&fixture, &[4, 4, 5, 3, 2]).await;
    setup_admin(&app).await;
    let second = TestApp::second_instance(&app).await;
    let respondents =
        |json: &Value| json["units"]["T.KEL"]["unit"]["report"]["value"]["respondents"].clone();
    let mut clients = Vec::new();
    for instance in [&app, &second] {
        let client = signed_in(instance, "admin", ADMIN_PASSWORD).await;
        let json = ok_json(indicators(instance, &client, fixture.wave, &[]).await).await;
        assert_eq!(respondents(&json), 5, "on {}", instance.addr);
        // Asked again without a change: the same figures.
        let again = ok_json(indicators(instance, &client, fixture.wave, &[]).await).await;
        assert_eq!(again, json);
        clients.push(client);
    }

    // A response given online: both instances see it at their next read.
    let outcome = fixture
        .store
        .submit_response(
            &fixture.tokens[0],
            &answers(&fixture.instrument, 1),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(outcome, SubmitOutcome::Stored);
    for (instance, client) in [&app, &second].into_iter().zip(&clients) {
        let json = ok_json(indicators(instance, client, fixture.wave, &[]).await).await;
        assert_eq!(respondents(&json), 6, "on {}", instance.addr);
        let dimension = &json["units"]["T.KEL"]["unit"]["report"]["value"]["dimensions"][0];
        assert_close(
            &dimension["score"]["value"]["descriptive"]["mean"],
            first_dimension_mean(&fixture.instrument, &[4, 4, 5, 3, 2, 1]),
        );
    }
    fixture.store.close().await;
    second.stop().await;
    app.stop().await;
}
