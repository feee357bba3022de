//! Composing a survey over real HTTP, on both engines: an administrator composes library items
//! plus a custom item, the version is listed and a wave runs it; a changed composition under
//! the same survey id becomes the next version; refused compositions name every problem and
//! save nothing; a plain form post (no JavaScript) comes back with everything typed; only
//! administrators compose.

use domain::instrument::default_instrument;
use serde_json::Value;

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    an_admin_composes_a_survey_and_runs_a_wave_with_it,
    a_changed_composition_becomes_the_next_version,
    refused_compositions_name_every_problem_and_save_nothing,
    without_javascript_a_refused_form_comes_back_filled_in,
    only_administrators_compose,
);

const SLUG: &str = "kesiapan-digital";

/// 32 of the default survey's 34 library items, one custom item on a new dimension.
fn composition() -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("survey_id", SLUG),
        ("title_id", "Survei Kesiapan Layanan Digital"),
        ("title_en", "Digital Services Readiness Survey"),
        ("description_id", "Tentang layanan digital di unit Anda."),
        ("description_en", "About the digital services in your unit."),
        ("scale", "agreement-5"),
        ("barriers", "true"),
        ("comments", "true"),
        ("lang", "id"),
        ("custom[0][text_id]", "Aplikasi baru mudah saya gunakan."),
        (
            "custom[0][text_en]",
            "The new application is easy for me to use.",
        ),
        ("custom[0][dimension]", "_baru"),
        ("custom[0][new_dimension_id]", "kemudahan"),
        ("custom[0][new_dimension_name_id]", "Kemudahan aplikasi"),
        (
            "custom[0][new_dimension_name_en]",
            "Ease of the application",
        ),
        ("custom[0][required]", "true"),
        // An unused row, as the form posts it.
        ("custom[1][text_id]", ""),
        ("custom[1][text_en]", ""),
        ("custom[1][dimension]", ""),
        ("custom[1][required]", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for item in default_instrument().items().skip(2) {
        form.push((format!("items[{}]", item.id()), "on".to_owned()));
    }
    form
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn with(form: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    let mut changed: Vec<(String, String)> =
        form.iter().filter(|(k, _)| k != key).cloned().collect();
    changed.push((key.to_owned(), value.to_owned()));
    changed
}

async fn compose(app: &TestApp, client: &reqwest::Client, form: &[(String, String)]) -> Value {
    let response = call(app, client, "instruments/compose", &pairs(form)).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

async fn listed(app: &TestApp, client: &reqwest::Client) -> Vec<Value> {
    let response = call(app, client, "instruments/list", &[]).await;
    assert_eq!(response.status(), 200);
    let list: Value = response.json().await.unwrap();
    list.as_array().unwrap().clone()
}

fn version_of(list: &[Value], version: u64) -> Value {
    list.iter()
        .find(|row| row["slug"] == SLUG && row["version"] == version)
        .cloned()
        .unwrap_or_else(|| panic!("{SLUG} v{version} is not listed: {list:?}"))
}

async fn an_admin_composes_a_survey_and_runs_a_wave_with_it(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;

    let saved = compose(&app, &admin, &composition()).await;
    let id = saved["id"].as_i64().expect("an id");
    assert_eq!(saved["slug"], SLUG);
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["previous_version"], Value::Null);

    let row = version_of(&listed(&app, &admin).await, 1);
    assert_eq!(row["id"], id);
    assert_eq!(row["items"], 33);
    assert_eq!(row["waves"], 0);

    let detail: Value = call(&app, &admin, "instruments/get", &[("id", &id.to_string())])
        .await
        .json()
        .await
        .unwrap();
    let items = detail["instrument"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 33);
    assert_eq!(items[32]["id"], "khusus-1", "custom items come last");
    assert_eq!(items[32]["dimension"], "kemudahan");

    // Saving the same composition again changes nothing.
    let again = compose(&app, &admin, &composition()).await;
    assert_eq!(again["id"], id);
    assert_eq!(again["unchanged"], true);

    let units = "code,name,kind,parent_code,headcount\nT,Provinsi Uji,provinsi,,5\nT.KEL,Kelurahan Uji,kelurahan,T,50\n";
    let imported = call(
        &app,
        &admin,
        "units/import",
        &[("csv", units), ("commit", "true"), ("lang", "id")],
    )
    .await;
    assert_eq!(imported.status(), 200);
    let wave = call(
        &app,
        &admin,
        "waves/create",
        &[
            ("title", "Gelombang digital"),
            ("kind", "baseline"),
            ("instrument_id", &id.to_string()),
            ("units", "T"),
            ("opens_at", "2026-01-01T08:00"),
            ("closes_at", "2030-01-01T08:00"),
            ("lang", "id"),
        ],
    )
    .await;
    assert_eq!(wave.status(), 200, "{}", wave.text().await.unwrap());
    let row = version_of(&listed(&app, &admin).await, 1);
    assert_eq!(row["waves"], 1);

    let audit: Value = call(
        &app,
        &admin,
        "admin/audit",
        &[("action", "instrument_saved"), ("offset", "0")],
    )
    .await
    .json()
    .await
    .unwrap();
    let entries = audit.as_array().unwrap();
    assert_eq!(
        entries.iter().filter(|e| e["target"] == SLUG).count(),
        1,
        "one entry for the one version saved: {audit}"
    );

    let page = admin.get(app.url("/instruments")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(SLUG));
    let page = admin
        .get(app.url(&format!("/instruments/{id}")))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Aplikasi baru mudah saya gunakan."));
    assert!(html.contains("data:application/toml"), "the TOML download");
    app.stop().await;
}

async fn a_changed_composition_becomes_the_next_version(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let first = compose(&app, &admin, &composition()).await;

    let changed = with(&composition(), "title_en", "Digital Readiness Survey");
    let second = compose(&app, &admin, &changed).await;
    assert_eq!(second["version"], 2);
    assert_eq!(second["previous_version"], 1);
    assert_eq!(second["unchanged"], false);
    assert_ne!(second["id"], first["id"]);

    let list = listed(&app, &admin).await;
    assert_eq!(version_of(&list, 1)["id"], first["id"], "version 1 is kept");
    assert_eq!(version_of(&list, 2)["id"], second["id"]);
    let v1: Value = call(
        &app,
        &admin,
        "instruments/get",
        &[("id", &first["id"].to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        v1["instrument"]["title"]["en"], "Digital Services Readiness Survey",
        "version 1 is not edited in place"
    );
    app.stop().await;
}

async fn refused_compositions_name_every_problem_and_save_nothing(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let before = listed(&app, &admin).await.len();

    let mut bad = with(&composition(), "items[tidak-ada]", "on");
    bad = with(&bad, "custom[0][text_id]", "  ");
    for (lang, unknown, blank) in [
        (
            "id",
            "Butir pustaka `tidak-ada` tidak ada",
            "Pernyataan tambahan 1: teks bahasa Indonesia belum diisi",
        ),
        (
            "en",
            "There is no library item `tidak-ada`",
            "Additional statement 1: the Indonesian text is missing",
        ),
    ] {
        let response = call(
            &app,
            &admin,
            "instruments/compose",
            &pairs(&with(&bad, "lang", lang)),
        )
        .await;
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.unwrap();
        let message = body["Invalid"].as_str().expect("an Invalid message");
        assert!(message.contains(unknown), "{message}");
        assert!(message.contains(blank), "{message}");
    }

    // A new dimension needs an id of its own.
    let odd = with(
        &composition(),
        "custom[0][new_dimension_id]",
        "Kemudahan Aplikasi",
    );
    let response = call(&app, &admin, "instruments/compose", &pairs(&odd)).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["Invalid"]
            .as_str()
            .unwrap()
            .contains("Kemudahan Aplikasi"),
        "{body}"
    );

    assert_eq!(listed(&app, &admin).await.len(), before, "nothing saved");
    app.stop().await;
}

async fn without_javascript_a_refused_form_comes_back_filled_in(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let plain_post = |form: Vec<(String, String)>| {
        admin
            .post(app.url("/api/instruments/compose"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", app.url("/instruments/baru"))
            .form(&form)
            .send()
    };

    let bad = with(&composition(), "custom[0][text_en]", "");
    let response = plain_post(bad).await.unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/instruments/baru?"), "{location}");
    assert!(location.ends_with("#compose-problems"), "{location}");

    let page = admin
        .get(app.url(location.trim_end_matches("#compose-problems")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("compose-problems"));
    assert!(
        html.contains("Pernyataan tambahan 1: teks bahasa Inggris belum diisi"),
        "the problem is shown"
    );
    for typed in [
        "value=\"kesiapan-digital\"",
        "value=\"Aplikasi baru mudah saya gunakan.\"",
        "value=\"Kemudahan aplikasi\"",
    ] {
        assert!(html.contains(typed), "{typed} is kept");
    }
    let ticked = |id: &str| {
        let at = html
            .find(&format!("name=\"items[{id}]\""))
            .unwrap_or_else(|| panic!("{id} is offered"));
        let tag_end = at + html[at..].find('>').unwrap();
        html[at..tag_end].contains("checked")
    };
    let items: Vec<String> = default_instrument()
        .items()
        .map(|i| i.id().to_string())
        .collect();
    assert!(!ticked(&items[0]), "an unticked item stays unticked");
    assert!(ticked(&items[2]), "a ticked item stays ticked");

    let response = plain_post(composition()).await.unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/instruments/") && location.ends_with("?disimpan=1"),
        "{location}"
    );
    let page = admin.get(app.url(&location)).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("instrument-saved"));
    app.stop().await;
}

async fn only_administrators_compose(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let units = "code,name,kind,parent_code,headcount\nT,Provinsi Uji,provinsi,,5\nT.KEL,Kelurahan Uji,kelurahan,T,50\n";
    let imported = call(
        &app,
        &admin,
        "units/import",
        &[("csv", units), ("commit", "true"), ("lang", "id")],
    )
    .await;
    assert_eq!(imported.status(), 200);
    for (username, role) in [("pimpinan", "leader"), ("agen", "change_agent")] {
        let created = call(
            &app,
            &admin,
            "admin/users/create",
            &[
                ("username", username),
                ("display_name", username),
                ("password", ADMIN_PASSWORD),
                ("role", role),
                ("units", "T"),
            ],
        )
        .await;
        assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    }
    let form = composition();
    for (client, expected) in [
        (signed_in(&app, "pimpinan", ADMIN_PASSWORD).await, 403),
        (signed_in(&app, "agen", ADMIN_PASSWORD).await, 403),
        (browser(), 401),
    ] {
        let response = call(&app, &client, "instruments/compose", &pairs(&form)).await;
        assert_eq!(response.status(), expected);
    }
    assert!(
        listed(&app, &admin)
            .await
            .iter()
            .all(|row| row["slug"] != SLUG),
        "nothing saved"
    );
    app.stop().await;
}
