//! The leadership dashboard over real HTTP, on both engines: its cells are exactly the
//! engine's published (suppressed) figures, trends span the waves a unit took part in, a
//! unit falling or below the threshold is listed at risk, and every user sees only their
//! scope (404 outside it, 401 signed out). The page renders whole without JavaScript.

use domain::interventions::{
    InterventionKind, InterventionStatus, InterventionTitle, LongText, PlanDates, Rupiah, TextField,
};
use domain::{
    instrument::{default_instrument, Answers, Instrument, ValidAnswers},
    units::UnitCode,
};
use serde_json::Value;
use store::{Actor, NewIntervention, PoolOptions, Store};

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    cells_are_the_engines_figures_and_trends_span_the_waves,
    users_see_only_their_scope,
    the_page_renders_whole_without_javascript,
);

const UNITS: &str = "code,name,kind,parent_code,headcount
T,Provinsi Uji,provinsi,,0
T.A,Dinas A,dinas,T,0
T.A.K1,Kelurahan Satu,kelurahan,T.A,40
T.A.K2,Kelurahan Dua,kelurahan,T.A,40
T.A.K3,Kelurahan Tiga,kelurahan,T.A,40
T.B,Dinas B,dinas,T,60
";

fn answers(instrument: &Instrument, point: u8, spread: usize) -> ValidAnswers {
    let mut answers = Answers::default();
    for (i, item) in instrument.items().enumerate() {
        // A little spread so that every group has variance.
        let value = if (i + spread).is_multiple_of(3) && point < 5 {
            point + 1
        } else {
            point
        };
        let value = if item.reverse_keyed() {
            6 - value
        } else {
            value
        };
        answers.items.insert(item.id().to_string(), Some(value));
    }
    answers.barriers.push("pelatihan".to_owned());
    instrument.validate_answers(&answers).unwrap()
}

struct Waves {
    earlier: i64,
    later: i64,
}

/// Two waves over all units: the earlier (closed) with everyone fairly ready, the later
/// (open) with Kelurahan Satu much less ready and Kelurahan Dua under the threshold.
async fn two_waves(app: &TestApp) -> Waves {
    let waves = crate::waves_fixture::two_waves(
        app,
        UNITS,
        answers,
        &[
            ("T.A.K1", 4, 12),
            ("T.A.K2", 4, 10),
            ("T.A.K3", 4, 10),
            ("T.B", 4, 12),
        ],
        &[
            ("T.A.K1", 2, 12),
            ("T.A.K2", 4, 3),
            ("T.A.K3", 4, 10),
            ("T.B", 4, 12),
        ],
    )
    .await;
    Waves {
        earlier: waves.baseline,
        later: waves.follow_up,
    }
}

async fn dashboard(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    call(app, client, "dashboard", form).await
}

async fn ok_json(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn row<'a>(json: &'a Value, code: &str) -> &'a Value {
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no row {code}: {json}"))
}

async fn cells_are_the_engines_figures_and_trends_span_the_waves(app: TestApp) {
    let waves = two_waves(&app).await;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;

    // Defaults: the newest wave, the organisation's top unit.
    let json = ok_json(dashboard(&app, &admin, &[]).await).await;
    assert_eq!(json["wave"]["id"], waves.later);
    assert_eq!(json["unit"]["code"], "T");
    assert_eq!(json["waves"].as_array().unwrap().len(), 2);
    let codes: Vec<&str> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["T.A", "T.B"]);

    // Drill down into Dinas A: each cell is visible exactly when the engine publishes it.
    let later = waves.later.to_string();
    let json = ok_json(dashboard(&app, &admin, &[("wave", &later), ("unit", "T.A")]).await).await;
    let engine = ok_json(
        call(
            &app,
            &admin,
            "indicators/wave",
            &[
                ("wave_id", &later),
                ("unit", "T.A"),
                ("depth", ""),
                ("dimension", ""),
            ],
        )
        .await,
    )
    .await;
    for code in ["T.A.K1", "T.A.K2", "T.A.K3"] {
        let published = &engine["units"][code]["subtree"]["report"];
        let cells = row(&json, code)["cells"].as_array().unwrap();
        assert_eq!(cells.len(), default_instrument().dimensions().len());
        for (d, cell) in cells.iter().enumerate() {
            let score = &published["value"]["dimensions"][d]["score"];
            if published["status"] == "visible" && score["status"] == "visible" {
                assert_eq!(cell["status"], "visible", "{code}");
                let index = score["value"]["descriptive"]["index"].as_f64().unwrap();
                assert!(
                    (cell["index"].as_f64().unwrap() - index).abs() < 1e-9,
                    "{code}"
                );
            } else {
                assert_eq!(cell["status"], "suppressed", "{code} {d}: {cell}");
                assert!(cell.get("index").is_none());
            }
        }
    }
    // Three respondents: hidden, figures and barriers alike.
    let two = row(&json, "T.A.K2");
    assert!(two["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "suppressed"));
    assert_eq!(two["overall"], Value::Null);

    // Kelurahan Satu: both waves in its trend; at risk for falling and for its low index.
    let one = ok_json(dashboard(&app, &admin, &[("wave", &later), ("unit", "T.A.K1")]).await).await;
    if one["unit"]["overall"].is_number() {
        let trend = &one["trends"][0]["points"];
        assert_eq!(trend.as_array().unwrap().len(), 2, "{trend}");
        assert_eq!(trend[0]["wave_id"], waves.earlier);
        let before = trend[0]["value"]["index"].as_f64().unwrap();
        let after = trend[1]["value"]["index"].as_f64().unwrap();
        assert!(after < before - 20.0, "{before} -> {after}");
        let reasons = one["at_risk"][0]["reasons"].as_array().unwrap();
        let kinds: Vec<&str> = reasons
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"below_threshold"), "{kinds:?}");
        assert!(kinds.contains(&"falling"), "{kinds:?}");
        let barriers = one["barriers"]["shares"].as_array().unwrap();
        assert_eq!(barriers[0]["code"], "pelatihan");
        assert_eq!(barriers[0]["proportion"], 1.0);
        // 12 respondents: at least the comment threshold of 10.
        assert!(one["barriers"]["comments"]["lines"].is_array());
    } else {
        panic!("Kelurahan Satu (12 respondents) should be visible unless complementary suppression hid it: {one}");
    }

    // An approved plan for Dinas A covers Kelurahan Satu below it; the report lists it.
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let admin_user = store.user_by_username("admin").await.unwrap().unwrap();
    let dinas_a = store
        .unit_by_code(&UnitCode::parse("T.A").unwrap())
        .await
        .unwrap()
        .unwrap();
    let actor = Actor::user(admin_user.id, "admin".to_owned());
    let plan = store
        .create_intervention(
            &NewIntervention {
                title: InterventionTitle::parse("Pelatihan layanan digital").unwrap(),
                description: LongText::parse(
                    "Pelatihan untuk semua kelurahan.",
                    TextField::Description,
                )
                .unwrap(),
                kind: InterventionKind::Pelatihan,
                owner_user_id: admin_user.id,
                collaborator_user_ids: vec![],
                unit_ids: vec![dinas_a.id],
                targets: vec![],
                dates: PlanDates::parse("2026-01-01", "2026-12-31").unwrap(),
                budget: Rupiah::parse("Rp 25.000.000").unwrap(),
                funding_source: None,
            },
            &actor,
        )
        .await
        .unwrap();
    // Approved by someone other than its creator (four eyes).
    store
        .move_intervention(
            plan.id,
            InterventionStatus::Approved,
            None,
            &Actor::system("rapat pimpinan"),
        )
        .await
        .unwrap();
    let one = ok_json(dashboard(&app, &admin, &[("wave", &later), ("unit", "T.A.K1")]).await).await;
    assert_eq!(
        one["interventions"][0]["title"], "Pelatihan layanan digital",
        "{one}"
    );
    assert_eq!(one["interventions"][0]["budget_rupiah"], 25_000_000);
    assert_eq!(one["at_risk"][0]["covered_by"][0]["id"], plan.id);
    let report = admin
        .get(app.url("/dashboard/laporan?unit=T.A.K1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(report.contains("Pelatihan layanan digital") && report.contains("Rp 25.000.000"));
    // A cancelled plan covers nothing.
    store
        .move_intervention(plan.id, InterventionStatus::Cancelled, None, &actor)
        .await
        .unwrap();
    let one = ok_json(dashboard(&app, &admin, &[("wave", &later), ("unit", "T.A.K1")]).await).await;
    assert_eq!(one["interventions"], serde_json::json!([]));
    assert_eq!(one["at_risk"][0]["covered_by"], serde_json::json!([]));

    // A bad threshold is refused with a message; an unknown wave is not found.
    let refused = dashboard(&app, &admin, &[("risk_index", "101")]).await;
    assert_eq!(refused.status(), 422);
    let unknown = dashboard(&app, &admin, &[("wave", "999999")]).await;
    assert_eq!(unknown.status(), 404);
}

async fn users_see_only_their_scope(app: TestApp) {
    let _waves = two_waves(&app).await;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    for (username, role, unit) in [
        ("pimpinan-a", "leader", "T.A"),
        ("agen-b", "change_agent", "T.B"),
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

    let leader = signed_in(&app, "pimpinan-a", ADMIN_PASSWORD).await;
    let json = ok_json(dashboard(&app, &leader, &[]).await).await;
    assert_eq!(json["unit"]["code"], "T.A", "the leader's top unit");
    let crumbs: Vec<&str> = json["breadcrumbs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["code"].as_str().unwrap())
        .collect();
    assert_eq!(crumbs, ["T.A"], "nothing above the scope is named");
    let text = json.to_string();
    assert!(
        !text.contains("Dinas B") && !text.contains("Provinsi Uji"),
        "{text}"
    );
    for unit in ["T.B", "T", "T.TIDAK-ADA", "bukan kode"] {
        assert_eq!(
            dashboard(&app, &leader, &[("unit", unit)]).await.status(),
            404,
            "{unit}"
        );
    }

    let agent = signed_in(&app, "agen-b", ADMIN_PASSWORD).await;
    let json = ok_json(dashboard(&app, &agent, &[]).await).await;
    assert_eq!(json["unit"]["code"], "T.B");
    assert!(json["rows"].as_array().unwrap().is_empty());
    assert_eq!(
        dashboard(&app, &agent, &[("unit", "T.A.K1")])
            .await
            .status(),
        404
    );

    assert_eq!(dashboard(&app, &browser(), &[]).await.status(), 401);
}

async fn the_page_renders_whole_without_javascript(app: TestApp) {
    let _waves = two_waves(&app).await;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let page = admin
        .get(app.url("/dashboard?unit=T.A"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for marker in [
        "data-testid=\"heatmap\"",
        "Kelurahan Satu",
        "data-testid=\"suppressed-cell\"",
        "data-testid=\"trend-chart\"",
        "<svg",
        "data-testid=\"at-risk\"",
        "/dashboard/ekspor.xlsx?gelombang=",
    ] {
        assert!(
            html.contains(marker),
            "{marker} missing from the server-rendered page"
        );
    }
    let report = admin
        .get(app.url("/dashboard/laporan?unit=T.A"))
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), 200);
    let html = report.text().await.unwrap();
    assert!(
        html.contains("data-testid=\"report-cover\"") && html.contains("Peta panas"),
        "report"
    );
    // Signed out, the page shows the sign-in message, not figures.
    let html = browser()
        .get(app.url("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("data-testid=\"heatmap\""));
}
