//! Intervention plans over real HTTP, on both engines: a plan's whole life (suggestions for a
//! unit, the plan started from one, refused input listing every problem, milestones, the
//! leader's approval, moves, comments, history) and its evaluation against the survey waves;
//! plans seen only in scope; plain form posts (no JavaScript) answered with redirects; pages
//! rendered whole without JavaScript; the playbook edited by an administrator.

use chrono::{Days, NaiveDate};
use domain::{
    instrument::{Answers, Instrument, ValidAnswers},
    interventions::playbook::DEFAULT_PLAYBOOK_TOML,
    waves::WaveState,
};
use serde_json::Value;
use store::{Actor, PoolOptions, Store};

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    a_plan_lives_from_suggestion_to_evaluation,
    plans_are_seen_only_in_scope,
    plain_form_posts_answer_with_redirects,
    the_pages_render_whole_without_javascript,
    administrators_edit_the_playbook,
);

/// Dinas A with six kelurahan (K1 the target; K2-K4 its comparison; K5 hidden in the
/// follow-up; K6 the smallest, which complementary suppression hides with K5), Dinas B
/// with one kelurahan.
const UNITS: &str = "code,name,kind,parent_code,headcount
T,Provinsi Uji,provinsi,,0
T.A,Dinas A,dinas,T,0
T.A.K1,Kelurahan Satu,kelurahan,T.A,40
T.A.K2,Kelurahan Dua,kelurahan,T.A,40
T.A.K3,Kelurahan Tiga,kelurahan,T.A,40
T.A.K4,Kelurahan Empat,kelurahan,T.A,40
T.A.K5,Kelurahan Lima,kelurahan,T.A,40
T.A.K6,Kelurahan Enam,kelurahan,T.A,40
T.B,Dinas B,dinas,T,0
T.B.K7,Kelurahan Tujuh,kelurahan,T.B,40
";

/// Every item at `point`, one lower or one higher by respondent, so that every dimension
/// varies within a unit.
fn answers(instrument: &Instrument, point: u8, respondent: usize) -> ValidAnswers {
    let mut answers = Answers::default();
    let value = match respondent % 3 {
        0 => point - 1,
        1 => point,
        _ => point + 1,
    };
    for item in instrument.items() {
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

/// Units, the default survey, a closed baseline and an open follow-up with responses.
/// Kelurahan Satu falls from 4 to 2; its siblings stay near 4; Kelurahan Lima has 3
/// respondents in the follow-up (hidden).
async fn two_waves(app: &TestApp) -> i64 {
    crate::waves_fixture::two_waves(
        app,
        UNITS,
        answers,
        &[
            ("T.A.K1", 4, 15),
            ("T.A.K2", 4, 12),
            ("T.A.K3", 4, 12),
            ("T.A.K4", 3, 12),
            ("T.A.K5", 3, 12),
            ("T.A.K6", 4, 10),
            ("T.B.K7", 4, 12),
        ],
        &[
            ("T.A.K1", 2, 15),
            ("T.A.K2", 4, 12),
            ("T.A.K3", 3, 12),
            ("T.A.K4", 4, 12),
            ("T.A.K5", 3, 3),
            ("T.A.K6", 4, 10),
            ("T.B.K7", 4, 12),
        ],
    )
    .await
    .follow_up
}

/// The signed-in people of a test: the administrator, a leader and a change agent of
/// Dinas A, a change agent of Dinas B.
struct People {
    admin: reqwest::Client,
    leader: reqwest::Client,
    agent: reqwest::Client,
    other_agent: reqwest::Client,
    /// The change agent of Dinas A.
    agent_id: i64,
}

async fn people(app: &TestApp) -> People {
    setup_admin(app).await;
    let admin = signed_in(app, "admin", ADMIN_PASSWORD).await;
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
    let agent = signed_in(app, "agen-a", ADMIN_PASSWORD).await;
    let form = ok_json(call(app, &agent, "interventions/form", &[("unit", "T.A.K1")]).await).await;
    let agent_id = form["default_owner"]
        .as_i64()
        .expect("an agent owns by default");
    let owners = form["owners"].as_array().unwrap();
    assert!(
        owners
            .iter()
            .any(|o| o["id"] == agent_id && o["name"] == "agen-a"),
        "{form}"
    );
    assert!(
        owners.iter().all(|o| o["name"] != "agen-b"),
        "only agents of the user's units are offered: {form}"
    );
    People {
        admin,
        leader: signed_in(app, "pimpinan-a", ADMIN_PASSWORD).await,
        agent,
        other_agent: signed_in(app, "agen-b", ADMIN_PASSWORD).await,
        agent_id,
    }
}

async fn ok_json(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// The message of a refusal (422).
async fn refused(response: reqwest::Response) -> String {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 422, "{text}");
    let json: Value = serde_json::from_str(&text).unwrap();
    json["Invalid"]
        .as_str()
        .expect("an Invalid message")
        .to_owned()
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The new-plan form as the page posts it.
struct NewPlan<'a> {
    units: &'a str,
    title: &'a str,
    kind: &'a str,
    owner: i64,
    targets: Vec<String>,
    start_on: String,
    end_on: String,
    budget: &'a str,
}

impl NewPlan<'_> {
    fn form(&self) -> Vec<(String, String)> {
        let mut form: Vec<(String, String)> = [
            ("units", self.units),
            ("title", self.title),
            (
                "description",
                "Rencana uji: tatap muka di kelurahan dengan data unit sendiri.",
            ),
            ("kind", self.kind),
            ("start_on", &self.start_on),
            ("end_on", &self.end_on),
            ("budget", self.budget),
            ("funding_source", "APBD 2026"),
            ("lang", "id"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        form.push(("owner".to_owned(), self.owner.to_string()));
        // The unit the new-plan page was opened for, as the page posts it.
        let page_unit = self.units.split(',').next().unwrap_or_default().trim();
        form.push(("page_unit".to_owned(), page_unit.to_owned()));
        for target in &self.targets {
            form.push((format!("targets[{target}]"), "on".to_owned()));
        }
        form
    }
}

async fn create(app: &TestApp, client: &reqwest::Client, plan: &NewPlan<'_>) -> reqwest::Response {
    call(app, client, "interventions/create", &pairs(&plan.form())).await
}

/// The suggestions for a unit and the form's today, as the change agent sees them.
async fn plan_form(app: &TestApp, client: &reqwest::Client, unit: &str) -> Value {
    ok_json(call(app, client, "interventions/form", &[("unit", unit)]).await).await
}

fn today_of(form: &Value) -> NaiveDate {
    form["today"].as_str().unwrap().parse().unwrap()
}

/// A plan from the first suggestion for Kelurahan Satu, by the change agent of Dinas A.
async fn plan_from_first_suggestion(app: &TestApp, people: &People) -> (i64, Value) {
    let form = plan_form(app, &people.agent, "T.A.K1").await;
    let first = form["suggestions"][0].clone();
    let today = today_of(&form);
    let targets: Vec<String> = first["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    let response = create(
        app,
        &people.agent,
        &NewPlan {
            units: "T.A.K1",
            title: first["title_id"].as_str().unwrap(),
            kind: first["kind"].as_str().unwrap(),
            owner: people.agent_id,
            targets,
            start_on: today.to_string(),
            end_on: form["default_end"].as_str().unwrap().to_owned(),
            budget: "25.000.000",
        },
    )
    .await;
    let id = ok_json(response).await.as_i64().expect("the new plan's id");
    (id, first)
}

async fn listed(app: &TestApp, client: &reqwest::Client) -> Vec<Value> {
    ok_json(call(app, client, "interventions/list", &[]).await).await["plans"]
        .as_array()
        .unwrap()
        .clone()
}

async fn detail(app: &TestApp, client: &reqwest::Client, id: i64) -> Value {
    ok_json(call(app, client, "interventions/get", &[("id", &id.to_string())]).await).await
}

async fn move_plan(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    to: &str,
) -> reqwest::Response {
    call(
        app,
        client,
        "interventions/move",
        &[("id", &id.to_string()), ("to", to), ("lang", "id")],
    )
    .await
}

async fn close_wave(app: &TestApp, wave: i64) {
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    store
        .set_wave_state(wave, WaveState::Closed, &Actor::system("test"))
        .await
        .unwrap();
    store.close().await;
}

async fn a_plan_lives_from_suggestion_to_evaluation(app: TestApp) {
    let follow_up = two_waves(&app).await;
    let people = people(&app).await;

    // Suggestions for Kelurahan Satu from its newest figures, each with a key and targets.
    let form = plan_form(&app, &people.agent, "T.A.K1").await;
    assert_eq!(form["unit"]["name"], "Kelurahan Satu");
    assert_eq!(form["wave"], "Tindak lanjut");
    let suggestions = form["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty(), "{form}");
    for s in suggestions {
        assert!(!s["key"].as_str().unwrap().is_empty(), "{s}");
        assert!(!s["targets"].as_array().unwrap().is_empty(), "{s}");
    }
    let target = suggestions[0]["targets"][0].as_str().unwrap().to_owned();
    let dimension = target
        .strip_prefix("dimension:")
        .unwrap_or_else(|| panic!("the first suggestion answers a weak dimension: {target}"))
        .to_owned();

    let (id, first) = plan_from_first_suggestion(&app, &people).await;
    let before = listed(&app, &people.agent).await.len();
    assert_eq!(before, 1);

    // Refused input: every problem at once, nothing created.
    let today = today_of(&form);
    let message = refused(
        create(
            &app,
            &people.agent,
            &NewPlan {
                units: "T.A.K2 T.B",
                title: "",
                kind: "pelatihan",
                owner: people.agent_id,
                targets: vec![target.clone()],
                start_on: today.to_string(),
                end_on: (today - Days::new(1)).to_string(),
                budget: "abc",
            },
        )
        .await,
    )
    .await;
    for problem in [
        "judul kosong",
        "sebelum tanggal mulai",
        "\"abc\" bukan jumlah rupiah",
        "Unit `T.B` tidak ditemukan di unit Anda.",
    ] {
        assert!(
            message.contains(problem),
            "{problem} missing from: {message}"
        );
    }
    assert_eq!(message.lines().count(), 4, "{message}");
    assert_eq!(
        listed(&app, &people.agent).await.len(),
        before,
        "nothing created"
    );

    // Milestones: two added, one done.
    for (title, days) in [("Undangan terkirim", 10), ("Sesi pertama", 30)] {
        let due = (today + Days::new(days)).to_string();
        let response = call(
            &app,
            &people.agent,
            "interventions/milestone",
            &[
                ("id", &id.to_string()),
                ("title", title),
                ("due_on", &due),
                ("lang", "id"),
            ],
        )
        .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }
    let bad_milestone = call(
        &app,
        &people.agent,
        "interventions/milestone",
        &[
            ("id", &id.to_string()),
            ("title", ""),
            ("due_on", "besok"),
            ("lang", "id"),
        ],
    )
    .await;
    let message = refused(bad_milestone).await;
    assert!(
        message.contains("judul kosong") && message.contains("\"besok\""),
        "{message}"
    );
    let plan = detail(&app, &people.agent, id).await;
    assert_eq!(plan["can_edit"], true);
    let milestones = plan["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 2, "{plan}");
    let first_milestone = milestones[0]["id"].as_i64().unwrap().to_string();
    let response = call(
        &app,
        &people.agent,
        "interventions/milestone/done",
        &[
            ("id", &id.to_string()),
            ("milestone", &first_milestone),
            ("done", "true"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());

    // Approval is for leaders; the rest of the way for planners too; nothing leaves done.
    assert_eq!(
        move_plan(&app, &people.agent, id, "approved")
            .await
            .status(),
        403
    );
    assert_eq!(
        move_plan(&app, &people.leader, id, "approved")
            .await
            .status(),
        200
    );
    assert_eq!(
        move_plan(&app, &people.agent, id, "in_progress")
            .await
            .status(),
        200
    );
    let unknown = refused(move_plan(&app, &people.agent, id, "selesai").await).await;
    assert!(unknown.contains("\"selesai\""), "{unknown}");
    assert_eq!(
        move_plan(&app, &people.leader, id, "done").await.status(),
        200
    );
    let message = refused(move_plan(&app, &people.agent, id, "cancelled").await).await;
    assert!(!message.is_empty());
    // Moving on again, even to approved, is refused for its status.
    refused(move_plan(&app, &people.leader, id, "approved").await).await;

    // The thread takes comments from the agent and the leader (also on a done plan).
    for (client, body) in [
        (&people.agent, "Sesi pertama sudah berjalan."),
        (&people.leader, "Terima kasih, lanjutkan."),
    ] {
        let response = call(
            &app,
            client,
            "interventions/comment",
            &[("id", &id.to_string()), ("body", body), ("lang", "id")],
        )
        .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }
    refused(
        call(
            &app,
            &people.agent,
            "interventions/comment",
            &[("id", &id.to_string()), ("body", "  "), ("lang", "id")],
        )
        .await,
    )
    .await;

    let plan = detail(&app, &people.agent, id).await;
    assert_eq!(plan["row"]["title"], first["title_id"]);
    assert_eq!(plan["row"]["status"], "done");
    assert_eq!(plan["row"]["budget_rupiah"], 25_000_000);
    assert_eq!(plan["row"]["milestones_done"], 1);
    assert_eq!(plan["row"]["milestones_total"], 2);
    assert_eq!(plan["row"]["moves"], serde_json::json!([]));
    assert_eq!(plan["row"]["start_on"], today.to_string());
    assert_eq!(plan["funding_source"], "APBD 2026");
    assert_eq!(plan["created_by"], "agen-a");
    assert_eq!(plan["can_edit"], false, "a done plan is closed");
    let history: Vec<(Value, Value)> = plan["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["from"].clone(), h["to"].clone()))
        .collect();
    assert_eq!(
        history,
        [
            (Value::Null, "planned".into()),
            ("planned".into(), "approved".into()),
            ("approved".into(), "in_progress".into()),
            ("in_progress".into(), "done".into()),
        ],
        "{plan}"
    );
    assert_eq!(plan["history"][1]["by"], "pimpinan-a");
    let comments: Vec<&str> = plan["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        comments,
        ["Sesi pertama sudah berjalan.", "Terima kasih, lanjutkan."]
    );
    assert_eq!(plan["targets"][0]["code"], dimension.as_str());

    // A plan for Kelurahan Lima, hidden in the follow-up (3 respondents).
    let hidden = ok_json(
        create(
            &app,
            &people.agent,
            &NewPlan {
                units: "T.A.K5",
                title: "Pendampingan Kelurahan Lima",
                kind: "coaching",
                owner: people.agent_id,
                targets: vec![target.clone()],
                start_on: today.to_string(),
                end_on: (today + Days::new(60)).to_string(),
                budget: "",
            },
        )
        .await,
    )
    .await
    .as_i64()
    .unwrap();

    // Evaluation: waiting for the follow-up while it runs.
    let plan = detail(&app, &people.agent, id).await;
    assert_eq!(
        plan["evaluation"]["state"], "waiting",
        "{}",
        plan["evaluation"]
    );
    assert_eq!(plan["evaluation"]["baseline"], "Baseline");
    assert_eq!(plan["evaluation"]["follow_up"], "Tindak lanjut");

    close_wave(&app, follow_up).await;
    let plan = detail(&app, &people.agent, id).await;
    let evaluation = &plan["evaluation"];
    assert_eq!(evaluation["state"], "ready", "{evaluation}");
    assert_eq!(evaluation["baseline"], "Baseline");
    assert_eq!(evaluation["follow_up"], "Tindak lanjut");
    let rows = evaluation["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "one target unit and dimension: {evaluation}");
    let row = &rows[0];
    assert_eq!(row["unit"], "Kelurahan Satu");
    assert_eq!(row["dimension_id"], dimension.as_str());
    let before = row["before"].as_f64().expect("visible before");
    let after = row["after"].as_f64().expect("visible after");
    assert!(after < before - 20.0, "{before} -> {after}");
    let change = row["change"]["value"].as_f64().expect("a change");
    assert!((change - (after - before)).abs() < 1e-9, "{row}");
    assert!(
        row["change"]["low"].as_f64().unwrap() < change
            && change < row["change"]["high"].as_f64().unwrap(),
        "{row}"
    );
    let versus = &row["versus_comparison"];
    let value = versus["value"]
        .as_f64()
        .expect("a difference in differences");
    assert!(
        versus["low"].as_f64().unwrap() < value && value < versus["high"].as_f64().unwrap(),
        "{row}"
    );
    assert!(value < 0.0, "Satu fell while its siblings held: {row}");
    assert!(row["comparison_units"].as_u64().unwrap() >= 2, "{row}");
    let caveats = row["caveats"].as_array().unwrap();
    assert!(!caveats.contains(&"few_comparison_units".into()), "{row}");
    assert!(!caveats.contains(&"suppressed".into()), "{row}");

    // The hidden kelurahan: its row says so and gives no change.
    let plan = detail(&app, &people.agent, hidden).await;
    let evaluation = &plan["evaluation"];
    assert_eq!(evaluation["state"], "ready", "{evaluation}");
    let row = &evaluation["rows"][0];
    assert_eq!(row["unit"], "Kelurahan Lima", "{evaluation}");
    assert!(
        row["caveats"]
            .as_array()
            .unwrap()
            .contains(&"suppressed".into()),
        "{row}"
    );
    assert!(row["after"].is_null(), "{row}");
    assert!(row["change"].is_null(), "{row}");
    assert!(row["versus_comparison"].is_null(), "{row}");
    app.stop().await;
}

async fn plans_are_seen_only_in_scope(app: TestApp) {
    let _follow_up = two_waves(&app).await;
    let people = people(&app).await;
    let (id, _) = plan_from_first_suggestion(&app, &people).await;

    for client in [&people.agent, &people.leader, &people.admin] {
        let ids: Vec<i64> = listed(&app, client)
            .await
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [id]);
        detail(&app, client, id).await;
    }
    // The leader may approve; the agent may not, which its moves say.
    let agent_row = detail(&app, &people.agent, id).await["row"].clone();
    assert_eq!(agent_row["moves"], serde_json::json!(["cancelled"]));
    let leader_row = detail(&app, &people.leader, id).await["row"].clone();
    assert_eq!(
        leader_row["moves"],
        serde_json::json!(["approved", "cancelled"])
    );

    // Another dinas: not found, not listed, no form for the unit, nothing to change.
    let other = &people.other_agent;
    let plan_id = id.to_string();
    assert_eq!(
        call(&app, other, "interventions/get", &[("id", &plan_id)])
            .await
            .status(),
        404
    );
    assert!(listed(&app, other).await.is_empty());
    assert_eq!(
        call(&app, other, "interventions/list", &[("query[unit]", "T.A")])
            .await
            .status(),
        404,
        "a unit outside the scope is not found"
    );
    assert_eq!(
        call(&app, other, "interventions/form", &[("unit", "T.A.K1")])
            .await
            .status(),
        404
    );
    assert_eq!(move_plan(&app, other, id, "cancelled").await.status(), 404);
    assert_eq!(
        call(
            &app,
            other,
            "interventions/comment",
            &[("id", &plan_id), ("body", "Halo"), ("lang", "id")]
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        call(
            &app,
            other,
            "interventions/milestone",
            &[
                ("id", &plan_id),
                ("title", "Tonggak"),
                ("due_on", "2030-01-01"),
                ("lang", "id")
            ]
        )
        .await
        .status(),
        404
    );
    // The other agent's own unit: a form, but no plan for Dinas A's kelurahan.
    plan_form(&app, other, "T.B.K7").await;

    // Signed out: sign in first.
    let anonymous = browser();
    for (endpoint, form) in [
        ("interventions/get", vec![("id", plan_id.as_str())]),
        ("interventions/list", vec![]),
        ("interventions/form", vec![("unit", "T.A.K1")]),
    ] {
        assert_eq!(
            call(&app, &anonymous, endpoint, &form).await.status(),
            401,
            "{endpoint}"
        );
    }
    assert_eq!(
        listed(&app, &people.agent).await.len(),
        1,
        "nothing changed"
    );
    app.stop().await;
}

/// A post as a browser without JavaScript sends it: a form body, asking for HTML.
async fn plain_post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(String, String)],
) -> String {
    let response = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url("/intervensi"))
        .form(form)
        .send()
        .await
        .unwrap();
    assert!(
        [302, 303].contains(&response.status().as_u16()),
        "{endpoint}: {}",
        response.status()
    );
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn plain_form_posts_answer_with_redirects(app: TestApp) {
    let _follow_up = two_waves(&app).await;
    let people = people(&app).await;
    let form = plan_form(&app, &people.agent, "T.A.K1").await;
    let today = today_of(&form);
    // Two units, one outside the agent's scope: refused, and the page the browser is sent
    // back to is still the one for the unit it was opened for.
    let mut plan = NewPlan {
        units: "T.A.K1, T.B",
        title: "Rencana tanpa JavaScript",
        kind: "sosialisasi",
        owner: people.agent_id,
        targets: vec!["barrier:pelatihan".to_owned()],
        start_on: today.to_string(),
        end_on: today.to_string(),
        budget: "banyak",
    };

    // Refused: back to the form with everything typed.
    let location = plain_post(&app, &people.agent, "interventions/create", &plan.form()).await;
    assert!(location.starts_with("/intervensi/baru?"), "{location}");
    let url = reqwest::Url::parse(&app.url(&location)).unwrap();
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let field = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{key} missing from {location}"))
    };
    assert_eq!(field("kembali"), "1");
    assert_eq!(field("title"), "Rencana tanpa JavaScript");
    assert_eq!(field("unit"), "T.A.K1");
    assert_eq!(field("units"), "T.A.K1, T.B");
    assert_eq!(field("budget"), "banyak");
    assert_eq!(field("targets[barrier:pelatihan]"), "on");
    assert!(
        listed(&app, &people.agent).await.is_empty(),
        "nothing created"
    );
    // The page it points to shows the form filled in and the problem.
    let page = people.agent.get(url.as_str()).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("value=\"Rencana tanpa JavaScript\""),
        "the title is kept"
    );
    assert!(html.contains("bukan jumlah rupiah"), "the problem is shown");

    assert!(html.contains("value=\"T.A.K1, T.B\""), "the units are kept");

    // Accepted: to the plan's page.
    plan.budget = "1.500.000";
    plan.units = "T.A.K1";
    let location = plain_post(&app, &people.agent, "interventions/create", &plan.form()).await;
    let id: i64 = location
        .strip_prefix("/intervensi/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let created = detail(&app, &people.agent, id).await;
    assert_eq!(created["row"]["title"], "Rencana tanpa JavaScript");
    assert_eq!(created["row"]["budget_rupiah"], 1_500_000);

    // A move button on the board: back to the board, moved or refused.
    let board_move = |to: &str| {
        [
            ("id", id.to_string()),
            ("to", to.to_owned()),
            ("back", "papan".to_owned()),
            ("lang", "id".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect::<Vec<_>>()
    };
    let location = plain_post(
        &app,
        &people.leader,
        "interventions/move",
        &board_move("approved"),
    )
    .await;
    assert_eq!(location, "/intervensi?tampilan=papan");
    assert_eq!(
        detail(&app, &people.agent, id).await["row"]["status"],
        "approved"
    );
    let location = plain_post(
        &app,
        &people.agent,
        "interventions/move",
        &board_move("done"),
    )
    .await;
    assert!(
        location.starts_with("/intervensi?tampilan=papan"),
        "{location}"
    );
    assert_eq!(
        detail(&app, &people.agent, id).await["row"]["status"],
        "approved",
        "approved cannot become done"
    );
    // From the plan's page: back to it.
    let mut page_move = board_move("in_progress");
    page_move.retain(|(k, _)| k != "back");
    let location = plain_post(&app, &people.agent, "interventions/move", &page_move).await;
    assert_eq!(location, format!("/intervensi/{id}"));
    assert_eq!(
        detail(&app, &people.agent, id).await["row"]["status"],
        "in_progress"
    );
    // A milestone and a comment from the plan's page: back to their sections.
    let milestone: Vec<(String, String)> = [
        ("id", id.to_string()),
        ("title", "Sesi pertama".to_owned()),
        ("due_on", (today + Days::new(7)).to_string()),
        ("lang", "id".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let location = plain_post(&app, &people.agent, "interventions/milestone", &milestone).await;
    assert_eq!(location, format!("/intervensi/{id}#tonggak"));
    let comment: Vec<(String, String)> = [
        ("id", id.to_string()),
        ("body", "Berjalan baik.".to_owned()),
        ("lang", "id".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let location = plain_post(&app, &people.agent, "interventions/comment", &comment).await;
    assert_eq!(location, format!("/intervensi/{id}#komentar"));
    let plan = detail(&app, &people.agent, id).await;
    assert_eq!(plan["row"]["milestones_total"], 1);
    assert_eq!(plan["comments"][0]["body"], "Berjalan baik.");
    app.stop().await;
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn the_pages_render_whole_without_javascript(app: TestApp) {
    let follow_up = two_waves(&app).await;
    let people = people(&app).await;
    let (id, first) = plan_from_first_suggestion(&app, &people).await;
    let title = first["title_id"].as_str().unwrap();
    let agent = &people.agent;

    let html = page(agent, &app, "/intervensi").await;
    for marker in ["data-testid=\"plans\"", "data-testid=\"plan-row\"", title] {
        assert!(html.contains(marker), "{marker} missing from the list");
    }
    let html = page(agent, &app, "/intervensi?tampilan=papan").await;
    for marker in [
        "data-testid=\"board\"",
        "data-testid=\"column-planned\"",
        "data-testid=\"board-card\"",
        "data-testid=\"move-cancelled\"",
        "name=\"back\" value=\"papan\"",
        title,
    ] {
        assert!(html.contains(marker), "{marker} missing from the board");
    }
    assert!(
        !html.contains("data-testid=\"move-approved\""),
        "an agent is not offered the approval"
    );
    let html = page(agent, &app, "/intervensi?tampilan=linimasa").await;
    for marker in [
        "data-testid=\"timeline\"",
        "data-testid=\"timeline-bar\"",
        "<svg",
    ] {
        assert!(html.contains(marker), "{marker} missing from the timeline");
    }
    let html = page(agent, &app, &format!("/intervensi/{id}")).await;
    for marker in [
        "data-testid=\"plan-title\"",
        title,
        "data-testid=\"plan-history\"",
        "data-testid=\"milestone-form\"",
        "data-testid=\"evaluation-waiting\"",
        "Rp 25.000.000",
    ] {
        assert!(
            html.contains(marker),
            "{marker} missing from the plan's page"
        );
    }
    let html = page(agent, &app, "/intervensi/baru?unit=T.A.K1").await;
    let key = first["key"].as_str().unwrap();
    for marker in [
        "data-testid=\"suggestions\"",
        "data-testid=\"suggestion\"",
        &format!("data-key=\"{key}\""),
        title,
        "data-testid=\"plan-form\"",
        "Kelurahan Satu",
    ] {
        assert!(
            html.contains(marker),
            "{marker} missing from the new-plan page"
        );
    }
    // Outside the scope: the plan's page is not found and shows nothing of the plan.
    let response = people
        .other_agent
        .get(app.url(&format!("/intervensi/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(!html.contains("data-testid=\"plan-title\""));
    assert!(!html.contains(title));
    // Once the follow-up closes, the page shows the evaluation table.
    close_wave(&app, follow_up).await;
    let html = page(agent, &app, &format!("/intervensi/{id}")).await;
    for marker in [
        "data-testid=\"evaluation\"",
        "data-testid=\"evaluation-row\"",
        "data-testid=\"evaluation-change\"",
        "data-testid=\"evaluation-did\"",
        "Kelurahan Satu",
    ] {
        assert!(
            html.contains(marker),
            "{marker} missing from the evaluated plan's page"
        );
    }
    assert!(!html.contains("data-testid=\"evaluation-waiting\""));
    app.stop().await;
}

async fn administrators_edit_the_playbook(app: TestApp) {
    let _follow_up = two_waves(&app).await;
    let people = people(&app).await;
    let admin = &people.admin;

    let text = ok_json(call(&app, admin, "interventions/playbook", &[]).await).await;
    let text = text.as_str().unwrap().to_owned();
    assert_eq!(
        text, DEFAULT_PLAYBOOK_TOML,
        "the built-in playbook until one is saved"
    );
    for client in [&people.leader, &people.agent] {
        assert_eq!(
            call(&app, client, "interventions/playbook", &[])
                .await
                .status(),
            403
        );
    }

    // An invalid text: every problem listed, nothing saved.
    let invalid = "[[rules]]\n\
                   construct = \"tidak_ada\"\n\
                   kinds = [\"sulap\"]\n\
                   title.id = \"Judul\"\n\
                   title.en = \"Title\"\n\
                   rationale.id = \"Alasan.\"\n\
                   rationale.en = \"Reason.\"\n\
                   warna = \"merah\"\n";
    let message = refused(
        call(
            &app,
            admin,
            "interventions/playbook/save",
            &[("text", invalid), ("lang", "id")],
        )
        .await,
    )
    .await;
    for problem in [
        "`tidak_ada` bukan konstruk",
        "`sulap` bukan jenis intervensi",
        "`warna`",
    ] {
        assert!(
            message.contains(problem),
            "{problem} missing from: {message}"
        );
    }
    assert!(message.lines().count() >= 3, "{message}");

    // A valid edit: the first suggestion's title changed.
    let form = plan_form(&app, &people.agent, "T.A.K1").await;
    let first = form["suggestions"][0].clone();
    let old = first["title_id"].as_str().unwrap();
    let new = format!("{old} (disunting)");
    let line = format!("title.id = \"{old}\"");
    assert!(text.contains(&line), "{line}");
    let edited = text.replace(&line, &format!("title.id = \"{new}\""));
    let saved = call(
        &app,
        admin,
        "interventions/playbook/save",
        &[("text", &edited), ("lang", "id")],
    )
    .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    for (client, expected) in [
        (&people.leader, 403),
        (&people.agent, 403),
        (&browser(), 401),
    ] {
        let response = call(
            &app,
            client,
            "interventions/playbook/save",
            &[("text", DEFAULT_PLAYBOOK_TOML), ("lang", "id")],
        )
        .await;
        assert_eq!(response.status(), expected);
    }
    let text = ok_json(call(&app, admin, "interventions/playbook", &[]).await).await;
    assert_eq!(text.as_str().unwrap(), edited);

    let form = plan_form(&app, &people.agent, "T.A.K1").await;
    let suggestion = &form["suggestions"][0];
    assert_eq!(suggestion["key"], first["key"]);
    assert_eq!(suggestion["title_id"], new.as_str(), "{form}");
    assert_eq!(suggestion["title_en"], first["title_en"]);

    let audit = ok_json(
        call(
            &app,
            admin,
            "admin/audit",
            &[("action", "playbook_saved"), ("offset", "0")],
        )
        .await,
    )
    .await;
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), 1, "only the valid text was saved: {audit}");
    assert_eq!(entries[0]["actor"], "admin");
    app.stop().await;
}
