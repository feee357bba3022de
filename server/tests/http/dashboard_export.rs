//! The dashboard's exports over real HTTP, on both engines: the CSV and the XLSX hold the
//! same figures as the page, small groups are "disembunyikan" (never a number), users get
//! only the units in their scope (404 otherwise, 401 signed out), malformed parameters are
//! refused (422), and every export is in the audit log.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{Duration, Utc};
use domain::{
    instrument::{default_instrument, Answers, Instrument, ValidAnswers},
    responses::ParsedResponse,
    units::{csv::import_units, UnitCode},
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use serde_json::{json, Value};
use store::{Actor, AuditAction, AuditFilter, NewWave, PoolOptions, Store};

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(
    csv_and_xlsx_hold_the_pages_figures_and_hide_small_groups,
    a_change_agent_exports_only_its_units,
    signed_out_and_malformed_parameters_are_refused,
);

const SUPPRESSED: &str = "disembunyikan";
const HEADER: [&str; 7] = [
    "Kode unit",
    "Unit",
    "Jenis",
    "Pegawai",
    "Responden",
    "Tingkat respons (%)",
    "Indeks rata-rata",
];

struct Organisation {
    store: Store,
    wave: i64,
    instrument: Instrument,
}

/// T with three biro, T.A with a subbagian; responses: T.A 8, T.B 6, T.C 2 (under the
/// threshold of 5), T.A.1 none. All in one open wave of the default survey.
async fn organisation(app: &TestApp) -> Organisation {
    let store = Store::connect(app.db.url(), &PoolOptions::default())
        .await
        .unwrap();
    let actor = Actor::system("test");
    let csv = "code,name,kind,parent_code,headcount\n\
               T,Provinsi Uji,provinsi,,4\n\
               T.A,Biro A,biro,T,40\n\
               T.A.1,Subbagian A1,seksi,T.A,10\n\
               T.B,Biro B,biro,T,30\n\
               T.C,Biro C,biro,T,20\n";
    let plan = import_units(csv.as_bytes(), &[]).unwrap();
    store.apply_unit_import(&plan, &actor).await.unwrap();
    let unit_ids = store
        .list_units()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    let instrument = default_instrument();
    let saved = store.save_instrument(&instrument, &actor).await.unwrap();
    let now = Utc::now();
    let wave = store
        .create_wave(
            &NewWave {
                title: WaveTitle::parse("Gelombang ekspor").unwrap(),
                kind: WaveKind::Baseline,
                instrument_id: saved.id,
                schedule: WaveSchedule::new(now - Duration::hours(1), now + Duration::days(7))
                    .unwrap(),
                unit_ids,
                previous_wave_id: None,
            },
            &actor,
        )
        .await
        .unwrap();
    store
        .set_wave_state(wave.id, WaveState::Open, &actor)
        .await
        .unwrap();
    let organisation = Organisation {
        store,
        wave: wave.id,
        instrument,
    };
    for (unit, points) in [
        ("T.A", &[4, 4, 5, 3, 2, 4, 5, 3][..]),
        ("T.B", &[2, 3, 3, 4, 2, 3][..]),
        ("T.C", &[5, 1][..]),
    ] {
        import(&organisation, unit, points).await;
    }
    organisation
}

/// Every item answered with `point`.
fn answers(instrument: &Instrument, point: u8) -> ValidAnswers {
    let mut answers = Answers::default();
    for item in instrument.items() {
        answers.items.insert(item.id().to_string(), Some(point));
    }
    instrument.validate_answers(&answers).unwrap()
}

async fn import(organisation: &Organisation, unit: &str, points: &[u8]) {
    let responses: Vec<ParsedResponse> = points
        .iter()
        .map(|point| {
            ParsedResponse::new(
                UnitCode::parse(unit).unwrap(),
                answers(&organisation.instrument, *point),
            )
        })
        .collect();
    organisation
        .store
        .import_responses(organisation.wave, &responses, &Actor::system("test"))
        .await
        .unwrap();
}

async fn export(
    app: &TestApp,
    client: &reqwest::Client,
    format: &str,
    query: &str,
) -> reqwest::Response {
    client
        .get(app.url(&format!("/dashboard/ekspor.{format}?{query}")))
        .send()
        .await
        .unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default()
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "ends with a line break"
    );
    records
}

/// The CSV's records (header first), after checking the response.
async fn csv_records(response: reqwest::Response, file_name: &str) -> Vec<Vec<String>> {
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header(&response, "content-disposition"),
        format!("attachment; filename=\"{file_name}\"")
    );
    let body = response.text().await.unwrap();
    let body = body.strip_prefix('\u{feff}').expect("a byte order mark");
    parse_csv(body)
}

/// The workbook's cells, title row first.
async fn xlsx_rows(response: reqwest::Response, file_name: &str) -> Vec<Vec<Data>> {
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        header(&response, "content-disposition"),
        format!("attachment; filename=\"{file_name}\"")
    );
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Dasbor").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn row<'a>(records: &'a [Vec<String>], code: &str) -> &'a [String] {
    records
        .iter()
        .find(|r| r[0] == code)
        .unwrap_or_else(|| panic!("no row {code}: {records:?}"))
}

fn number(field: &str) -> f64 {
    field
        .parse()
        .unwrap_or_else(|_| panic!("{field:?} is no number"))
}

/// Each workbook cell holds the CSV field's value: numbers as numbers, texts as texts,
/// empty as empty.
fn assert_same_values(csv: &[Vec<String>], xlsx: &[Vec<Data>]) {
    assert_eq!(csv.len(), xlsx.len(), "rows");
    for (c, x) in csv.iter().zip(xlsx) {
        assert_eq!(c.len(), x.len(), "{c:?} / {x:?}");
        for (field, cell) in c.iter().zip(x) {
            match cell {
                Data::Float(value) => assert!(
                    field.parse::<f64>().is_ok_and(|f| (f - value).abs() < 1e-9),
                    "{field:?} != {value}"
                ),
                Data::Int(value) => assert_eq!(field, &value.to_string()),
                Data::String(text) => assert_eq!(field, text),
                Data::Empty => assert_eq!(field, ""),
                other => panic!("unexpected cell {other:?} for {field:?}"),
            }
        }
    }
}

async fn csv_and_xlsx_hold_the_pages_figures_and_hide_small_groups(app: TestApp) {
    let organisation = organisation(&app).await;
    let wave = organisation.wave;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let dimensions = organisation.instrument.dimensions().len();

    let query = format!("gelombang={wave}");
    let file = format!("siap-dasbor-{wave}-T");
    let records = csv_records(
        export(&app, &admin, "csv", &query).await,
        &format!("{file}.csv"),
    )
    .await;
    let head = &records[0];
    assert_eq!(head[..7], HEADER);
    assert_eq!(head.len(), 7 + dimensions + 1, "{head:?}");
    assert_eq!(head[head.len() - 1], "Berbeda nyata dari organisasi");
    assert_eq!(
        head[7],
        organisation.instrument.dimensions()[0].name().id(),
        "dimension names in Indonesian"
    );
    let codes: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, ["T", "T.A", "T.B", "T.C"], "total row, then by name");

    // The total row: every respondent, figures as numbers.
    let total = &records[1];
    assert_eq!(
        total[1..5],
        ["Provinsi Uji", "provinsi", "104", "16"],
        "headcount and responses of the whole organisation"
    );
    assert_eq!(number(&total[5]), 15.4, "16 of 104, one decimal");
    for field in &total[6..7 + dimensions] {
        let value = number(field);
        assert!((0.0..=100.0).contains(&value), "{field}");
        assert_eq!(field.split('.').nth(1).map(str::len), Some(1), "{field}");
    }
    // 8 responses: numbers.
    let a = row(&records, "T.A");
    assert_eq!(a[1..5], ["Biro A", "biro", "50", "8"]);
    assert_eq!(number(&a[5]), 16.0);
    for field in &a[6..7 + dimensions] {
        number(field);
    }
    // 2 responses: hidden; the response count stays (it is public, like the rate).
    let c = row(&records, "T.C");
    assert_eq!(c[4], "2");
    assert_eq!(number(&c[5]), 10.0);
    for field in &c[6..] {
        assert_eq!(field, SUPPRESSED);
    }

    // The page's own figures (the dashboard server function): the same, rounded.
    let page = call(
        &app,
        &admin,
        "dashboard",
        &[("wave", &wave.to_string()), ("unit", "T")],
    )
    .await;
    assert_eq!(page.status(), 200);
    let page: Value = page.json().await.unwrap();
    let page_a = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "T.A")
        .unwrap();
    for (d, cell) in page_a["cells"].as_array().unwrap().iter().enumerate() {
        let index = cell["index"].as_f64().unwrap();
        assert_eq!(a[7 + d], format!("{index:.1}"), "dimension {d}");
    }
    assert_eq!(
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "T.C")
            .unwrap()["cells"][0],
        json!({ "status": "suppressed" })
    );

    // The workbook: title and note rows, then exactly the CSV's cells.
    let rows = xlsx_rows(
        export(&app, &admin, "xlsx", &query).await,
        &format!("{file}.xlsx"),
    )
    .await;
    let Data::String(title) = &rows[0][0] else {
        panic!("a title: {:?}", rows[0]);
    };
    assert!(
        title.contains("Gelombang ekspor") && title.contains("Provinsi Uji"),
        "{title}"
    );
    let Data::String(note) = &rows[1][0] else {
        panic!("a note: {:?}", rows[1]);
    };
    assert!(note.contains("kurang dari 5 responden"), "{note}");
    assert_same_values(&records, &rows[2..]);
    assert!(
        matches!(rows[3][3], Data::Float(_)),
        "counts are number cells: {:?}",
        rows[3]
    );

    // The page's order: by the overall index, highest first, hidden last.
    let sorted = csv_records(
        export(&app, &admin, "csv", &format!("{query}&urut=-indeks")).await,
        &format!("{file}.csv"),
    )
    .await;
    assert_eq!(sorted[1][0], "T", "the total row stays first");
    assert_eq!(sorted[sorted.len() - 1][0], "T.C", "hidden last");

    // A unit below the top, its rows with it.
    let below = csv_records(
        export(&app, &admin, "csv", &format!("{query}&unit=T.A")).await,
        &format!("siap-dasbor-{wave}-T.A.csv"),
    )
    .await;
    let codes: Vec<&str> = below[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, ["T.A", "T.A.1"]);
    assert_eq!(below[1], a, "the same figures wherever the unit is shown");

    // Every export is in the audit log, with wave, unit and format.
    let exports = organisation
        .store
        .list_audit(&AuditFilter {
            action: Some(AuditAction::Export),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(exports.len(), 4, "{exports:?}");
    assert!(exports
        .iter()
        .all(|e| e.target.as_deref() == Some("dashboard") && e.actor_name == "admin"));
    let mut details: Vec<Value> = exports.iter().map(|e| e.detail.clone()).collect();
    details.sort_by_key(|d| (d["format"].to_string(), d["unit"].to_string()));
    assert_eq!(
        details,
        [
            json!({ "wave": wave, "unit": "T", "format": "csv" }),
            json!({ "wave": wave, "unit": "T", "format": "csv" }),
            json!({ "wave": wave, "unit": "T.A", "format": "csv" }),
            json!({ "wave": wave, "unit": "T", "format": "xlsx" }),
        ]
    );
    organisation.store.close().await;
    app.stop().await;
}

async fn a_change_agent_exports_only_its_units(app: TestApp) {
    let organisation = organisation(&app).await;
    let wave = organisation.wave;
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let created = call(
        &app,
        &admin,
        "admin/users/create",
        &[
            ("username", "agen-a"),
            ("display_name", "Agen A"),
            ("password", ADMIN_PASSWORD),
            ("role", "change_agent"),
            ("units", "T.A"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200);
    let agent = signed_in(&app, "agen-a", ADMIN_PASSWORD).await;

    // By default: their top unit and the units below it, nothing else.
    for query in [String::new(), format!("gelombang={wave}&unit=T.A")] {
        let records = csv_records(
            export(&app, &agent, "csv", &query).await,
            &format!("siap-dasbor-{wave}-T.A.csv"),
        )
        .await;
        let codes: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(codes, ["T.A", "T.A.1"], "{query}");
        let rows = xlsx_rows(
            export(&app, &agent, "xlsx", &query).await,
            &format!("siap-dasbor-{wave}-T.A.xlsx"),
        )
        .await;
        assert_same_values(&records, &rows[2..]);
        for text in ["Provinsi Uji", "Biro B", "Biro C"] {
            assert!(
                rows.iter().flatten().all(|cell| match cell {
                    Data::String(s) => !s.contains(text),
                    _ => true,
                }),
                "{text} is out of scope"
            );
        }
    }
    // Units outside their scope, and unknown ones, are not found alike.
    for unit in ["T", "T.B", "T.C", "T.TIDAK-ADA", "bukan kode"] {
        for format in ["csv", "xlsx"] {
            let response = export(
                &app,
                &agent,
                format,
                &format!("gelombang={wave}&unit={unit}"),
            )
            .await;
            assert_eq!(response.status(), 404, "{format} unit={unit}");
            assert_eq!(
                response.text().await.unwrap(),
                "Tidak ditemukan. / Not found."
            );
        }
    }
    let unknown = export(&app, &agent, "csv", &format!("gelombang={}", wave + 100)).await;
    assert_eq!(unknown.status(), 404, "an unknown wave");
    organisation.store.close().await;
    app.stop().await;
}

async fn signed_out_and_malformed_parameters_are_refused(app: TestApp) {
    let organisation = organisation(&app).await;
    let wave = organisation.wave;
    for format in ["csv", "xlsx"] {
        for query in [format!("gelombang={wave}"), "batas=500".to_owned()] {
            let response = export(&app, &browser(), format, &query).await;
            assert_eq!(response.status(), 401, "{format} {query}");
            assert_eq!(
                response.text().await.unwrap(),
                "Silakan masuk terlebih dahulu. / Please sign in first."
            );
        }
    }
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    for format in ["csv", "xlsx"] {
        for query in [
            format!("gelombang={wave}&batas=500"),
            "batas=101".to_owned(),
            "batas=-5".to_owned(),
            "gelombang=dua".to_owned(),
        ] {
            let response = export(&app, &admin, format, &query).await;
            assert_eq!(response.status(), 422, "{format} {query}");
            assert_eq!(
                header(&response, "content-type"),
                "text/plain; charset=utf-8"
            );
            let text = response.text().await.unwrap();
            assert!(text.contains(" / "), "Indonesian / English: {text}");
        }
    }
    let at_the_limit = export(&app, &admin, "csv", &format!("gelombang={wave}&batas=100")).await;
    assert_eq!(at_the_limit.status(), 200);
    let unknown = export(&app, &admin, "xlsx", &format!("gelombang={}", wave + 100)).await;
    assert_eq!(unknown.status(), 404, "an unknown wave");
    organisation.store.close().await;
    app.stop().await;
}
