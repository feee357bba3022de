//! Importing a wave's responses from another tool's CSV over HTTP: the columns are guessed,
//! a file with a problem stores nothing and names the line, a clean file stores every row.

use serde_json::Value;

use crate::{
    auth::{call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
    survey::{open_wave, responses},
};

fn quoted(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

/// A Google-Forms-shaped export: a timestamp, the unit, each statement's text as its header,
/// answers as scale labels.
fn export(instrument: &domain::instrument::Instrument, rows: &[(&str, &str)]) -> String {
    let mut header = vec![quoted("Timestamp"), quoted("Kode unit")];
    header.extend(instrument.items().map(|i| quoted(i.text().id())));
    let mut lines = vec![header.join(",")];
    for (unit, label) in rows {
        let mut fields = vec![quoted("2026/11/29 10:00:00"), quoted(unit)];
        fields.extend(instrument.items().map(|_| quoted(label)));
        lines.push(fields.join(","));
    }
    lines.join("\n") + "\n"
}

async fn responses_import_checks_then_stores_all_or_nothing(app: TestApp) {
    let fixture = open_wave(&app, 1).await;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let wave = fixture.wave.to_string();

    let bad = export(
        &fixture.instrument,
        &[
            ("T.KEL", "Setuju"),
            ("T.KEL", "Netral"),
            ("T.KEL", "Luar biasa"),
        ],
    );
    let proposal: Value = call(
        &app,
        &admin,
        "waves/responses/columns",
        &[("wave_id", &wave), ("csv", &bad), ("lang", "id")],
    )
    .await
    .json()
    .await
    .unwrap();
    let columns = proposal["columns"].as_array().unwrap();
    assert_eq!(
        columns[0]["column"],
        Value::Null,
        "the timestamp is ignored"
    );
    assert_eq!(columns[1]["column"], "unit_code");
    assert!(
        columns[2..].iter().all(|c| c["column"].is_string()),
        "every statement is recognised by its text: {proposal}"
    );
    let mapping = serde_json::to_string(columns).unwrap();

    let refused: Value = call(
        &app,
        &admin,
        "waves/responses/import",
        &[
            ("wave_id", &wave),
            ("csv", &bad),
            ("mapping", &mapping),
            ("commit", "true"),
            ("lang", "id"),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    let problems = refused["Problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .all(|p| p.as_str().unwrap().starts_with("Baris 4")),
        "{refused}"
    );
    assert_eq!(
        responses(&fixture).await,
        0,
        "nothing of a bad file is stored"
    );

    let good = export(
        &fixture.instrument,
        &[("T.KEL", "Setuju"), ("T.KEL", "netral")],
    );
    for (commit, expected) in [("false", 0), ("true", 2)] {
        let result: Value = call(
            &app,
            &admin,
            "waves/responses/import",
            &[
                ("wave_id", &wave),
                ("csv", &good),
                ("mapping", &mapping),
                ("commit", commit),
                ("lang", "id"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(result["Ready"]["count"], 2, "{result}");
        assert_eq!(responses(&fixture).await, expected);
    }

    // Only administrators import.
    let status = call(
        &app,
        &crate::auth::browser(),
        "waves/responses/import",
        &[
            ("wave_id", &wave),
            ("csv", &good),
            ("mapping", &mapping),
            ("commit", "true"),
            ("lang", "id"),
        ],
    )
    .await
    .status();
    assert_eq!(status, 401);
    fixture.store.close().await;
}

on_both_engines!(responses_import_checks_then_stores_all_or_nothing);
