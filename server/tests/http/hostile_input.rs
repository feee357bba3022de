//! Hostile input over real HTTP, on both engines (issue #9): SQL metacharacters in every
//! filter are data, never SQL (no 500, nothing changed, nothing extra found); script payloads
//! stored in unit names, plan titles and comments come back as text in server-rendered pages;
//! malformed bodies get a clear 4xx.

use serde_json::Value;

use crate::{
    auth::{call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    sql_metacharacters_are_data,
    script_payloads_render_as_text,
    malformed_bodies_get_a_clear_4xx,
    textarea_payloads_stay_text,
    invisible_and_direction_characters_are_refused,
);

const PAYLOAD: &str = "<script>alert('siap')</script>";
const METACHARACTERS: [&str; 6] = [
    "' OR '1'='1",
    "'; DROP TABLE units; --",
    "%",
    "_",
    "\\",
    "\" OR 1=1 --",
];

async fn organisation(app: &TestApp) -> reqwest::Client {
    setup_admin(app).await;
    let admin = signed_in(app, "admin", ADMIN_PASSWORD).await;
    let csv = format!(
        "code,name,kind,parent_code,headcount\nDKI,Provinsi Uji,provinsi,,0\nDKI.A,\"{}\",dinas,DKI,50\nDKI.B,Dinas B,dinas,DKI,40\n",
        PAYLOAD.replace('"', "\"\"")
    );
    let imported = call(
        app,
        &admin,
        "units/import",
        &[("csv", &csv), ("commit", "true"), ("lang", "id")],
    )
    .await;
    assert_eq!(imported.status(), 200, "{}", imported.text().await.unwrap());
    admin
}

async fn units(app: &TestApp, admin: &reqwest::Client, search: &str) -> Vec<Value> {
    let response = call(app, admin, "units/list", &[("search", search)]).await;
    assert_eq!(response.status(), 200, "search {search:?}");
    response.json().await.unwrap()
}

/// A change agent of Dinas A called `agent_name`, and a plan for Dinas A owned by them; the
/// plan's id.
async fn agent_and_plan(
    app: &TestApp,
    admin: &reqwest::Client,
    agent_name: &str,
    title: &str,
    description: &str,
) -> i64 {
    let created = call(
        app,
        admin,
        "admin/users/create",
        &[
            ("username", "agen"),
            ("display_name", agent_name),
            ("password", ADMIN_PASSWORD),
            ("role", "change_agent"),
            ("units", "DKI.A"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    let options: Value = call(app, admin, "interventions/form", &[("unit", "DKI.A")])
        .await
        .json()
        .await
        .unwrap();
    let owner = options["owners"][0]["id"].to_string();
    let today = options["today"].as_str().unwrap().to_owned();
    let plan = call(
        app,
        admin,
        "interventions/create",
        &[
            ("units", "DKI.A"),
            ("title", title),
            ("description", description),
            ("kind", "sosialisasi"),
            ("owner", &owner),
            ("start_on", &today),
            ("end_on", &today),
            ("lang", "id"),
        ],
    )
    .await;
    assert_eq!(plan.status(), 200, "{}", plan.text().await.unwrap());
    plan.json::<i64>().await.unwrap()
}

async fn sql_metacharacters_are_data(app: TestApp) {
    let admin = organisation(&app).await;
    assert_eq!(units(&app, &admin, "").await.len(), 3);
    for text in METACHARACTERS {
        // Searched for literally: no unit has these characters in its name or code.
        assert!(
            units(&app, &admin, text).await.is_empty(),
            "search {text:?} matched"
        );
        for (endpoint, form) in [
            ("units/get", vec![("code", text)]),
            ("dashboard", vec![("unit", text)]),
            ("gaps/list", vec![("unit", text)]),
            ("interventions/list", vec![("query[unit]", text)]),
            ("interventions/form", vec![("unit", text)]),
        ] {
            let status = call(&app, &admin, endpoint, &form).await.status();
            assert_eq!(status, 404, "{endpoint} {text:?}");
        }
        for (endpoint, form) in [
            ("admin/audit", vec![("action", text), ("offset", "0")]),
            ("interventions/list", vec![("query[status]", text)]),
            ("interventions/list", vec![("query[kind]", text)]),
        ] {
            let status = call(&app, &admin, endpoint, &form).await.status();
            assert_eq!(status, 422, "{endpoint} {text:?}");
        }
        let export = admin
            .get(app.url("/dashboard/ekspor.csv"))
            .query(&[("unit", text)])
            .send()
            .await
            .unwrap();
        assert!(
            [404, 422].contains(&export.status().as_u16()),
            "export {text:?}: {}",
            export.status()
        );
    }
    // Nothing changed.
    assert_eq!(units(&app, &admin, "").await.len(), 3);
    app.stop().await;
}

async fn script_payloads_render_as_text(app: TestApp) {
    let admin = organisation(&app).await;
    // A plan whose title and comment are payloads too, owned by a change agent.
    let plan = agent_and_plan(&app, &admin, PAYLOAD, PAYLOAD, PAYLOAD).await;
    let id = plan.to_string();
    let comment = call(
        &app,
        &admin,
        "interventions/comment",
        &[("id", &id), ("body", PAYLOAD), ("lang", "id")],
    )
    .await;
    assert_eq!(comment.status(), 200);

    for page in [
        "/units".to_owned(),
        "/units/DKI.A".to_owned(),
        format!("/intervensi/{id}"),
        "/intervensi".to_owned(),
        "/admin/users".to_owned(),
    ] {
        let html = admin
            .get(app.url(&page))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !html.contains("<script>alert("),
            "{page} renders the payload as markup"
        );
        assert!(
            html.contains("&lt;script&gt;alert("),
            "{page} shows the payload as text"
        );
    }
    app.stop().await;
}

async fn malformed_bodies_get_a_clear_4xx(app: TestApp) {
    let admin = organisation(&app).await;
    for (content_type, body) in [
        ("application/json", "{not json"),
        ("application/x-www-form-urlencoded", "query[unit]=%ZZ&&&="),
        ("application/x-www-form-urlencoded", "\u{0}\u{1}"),
    ] {
        let response = admin
            .post(app.url("/api/interventions/list"))
            .header("content-type", content_type)
            .header("origin", app.url(""))
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert!(
            (400..500).contains(&status) || status == 200,
            "{content_type} {body:?}: {status}"
        );
    }
    // A units file that is not text: refused with its problems, nothing imported.
    let refused = call(
        &app,
        &admin,
        "units/import",
        &[
            ("csv", "code,name\n\u{fffd}\u{fffd},\u{0}"),
            ("commit", "true"),
            ("lang", "id"),
        ],
    )
    .await;
    assert!(refused.status().is_success() || refused.status().is_client_error());
    assert_eq!(units(&app, &admin, "").await.len(), 3);
    app.stop().await;
}

/// Closes the textarea, then tries a redirect and a same-origin form (issue #16, 1).
const TEXTAREA_PAYLOAD: &str = "</textarea><meta http-equiv=\"refresh\" content=\"0;url=https://phish.example\"><form id=\"injected\" action=\"/api/admin/users/create\" method=\"post\"><button>ok</button></form>";

fn assert_textarea_holds_payload(page: &str, html: &str) {
    assert!(
        !html.contains("<meta http-equiv=\"refresh\""),
        "{page}: the payload's refresh is live markup"
    );
    assert!(
        !html.contains("<form id=\"injected\""),
        "{page}: the payload's form is live markup"
    );
    assert!(
        html.contains("&lt;/textarea&gt;&lt;meta http-equiv="),
        "{page}: the payload is not shown as text"
    );
}

/// Every page with a textarea, filled from the address (reflected) or from the store (a plan's
/// description), server-rendered: the text stays inside its textarea.
async fn textarea_payloads_stay_text(app: TestApp) {
    let admin = organisation(&app).await;
    let id = agent_and_plan(&app, &admin, "Agen Uji", "Rencana uji", TEXTAREA_PAYLOAD).await;
    // A playbook whose TOML comment is the payload: valid, so it is stored.
    let playbook: String = call(&app, &admin, "interventions/playbook", &[])
        .await
        .json()
        .await
        .unwrap();
    let playbook = format!("{playbook}\n# {TEXTAREA_PAYLOAD}\n");
    let saved = call(
        &app,
        &admin,
        "interventions/playbook/save",
        &[("text", playbook.as_str()), ("lang", "id")],
    )
    .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());

    let reflected = |path: &str, field: &str| {
        let mut url = reqwest::Url::parse(&app.url(path)).unwrap();
        url.query_pairs_mut().append_pair(field, TEXTAREA_PAYLOAD);
        url
    };
    let pages = [
        (reflected("/kesenjangan?unit=DKI.A", "description"), "gaps"),
        (
            reflected("/intervensi/baru?unit=DKI.A&kembali=1", "description"),
            "new plan",
        ),
        (
            reflected("/instruments/baru?survey_id=uji", "description_id"),
            "composer (id)",
        ),
        (
            reflected("/instruments/baru?survey_id=uji", "description_en"),
            "composer (en)",
        ),
        (
            reqwest::Url::parse(&app.url("/admin/playbook")).unwrap(),
            "stored playbook",
        ),
        (
            reqwest::Url::parse(&app.url(&format!("/intervensi/{id}/ubah"))).unwrap(),
            "stored plan description",
        ),
    ];
    for (url, page) in pages {
        let response = admin.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
        assert_textarea_holds_payload(page, &response.text().await.unwrap());
    }
    app.stop().await;
}

/// Issue #16, 7: bidi overrides, zero-width-only titles and NUL or line breaks were accepted in
/// names and titles, so one name could display as another or as nothing.
async fn invisible_and_direction_characters_are_refused(app: TestApp) {
    let admin = organisation(&app).await;
    let spoofed =
        "code,name,kind,parent_code,headcount\nDKI.C,\"Dinas \u{202E}ATAD\",dinas,DKI,10\n";
    let refused = call(
        &app,
        &admin,
        "units/import",
        &[("csv", spoofed), ("commit", "true"), ("lang", "id")],
    )
    .await;
    let text = refused.text().await.unwrap();
    assert!(text.contains("pengatur arah teks"), "{text}");
    assert_eq!(units(&app, &admin, "").await.len(), 3, "nothing imported");
    for display_name in ["Budi \u{202E}idub", "\u{200B}\u{200B}", "Budi\u{0}"] {
        let created = call(
            &app,
            &admin,
            "admin/users/create",
            &[
                ("username", "budi"),
                ("display_name", display_name),
                ("password", ADMIN_PASSWORD),
                ("role", "change_agent"),
                ("units", "DKI.A"),
            ],
        )
        .await;
        assert_eq!(created.status(), 422, "display name {display_name:?}");
    }
    app.stop().await;
}
