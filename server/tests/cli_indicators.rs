//! `siap indicators` run as the built binary on small files: its JSON is the engine's own
//! computation, its CSV has a row per unit, scope and dimension with suppressed rows empty,
//! and unusable input exits with 2 naming the file and line.
#![allow(clippy::unwrap_used)]

use std::{path::Path, process::Command};

use domain::{
    instrument::{default_instrument, Answers, Instrument as Survey},
    responses::{read_responses, write_responses, ParsedResponse},
    units::{csv::import_units, UnitCode},
};
use indicators::{Instrument, Organisation, Threshold};
use serde_json::Value;

const UNITS: &str = "code,name,kind,parent_code,headcount\r\n\
                     T,Provinsi Uji,provinsi,,10\r\n\
                     T.A,\"Kelurahan A, Utara\",kelurahan,T,40\r\n\
                     T.B,Kelurahan B,kelurahan,T,30\r\n\
                     T.C,Kelurahan C,kelurahan,T,20\r\n";

/// Six respondents in T.A (shown), two in T.B (suppressed) and five in T.C (suppressed too,
/// or T minus T.A would give T.B away), every item answered with the point given.
const RESPONSES: [(&str, u8); 13] = [
    ("T.A", 4),
    ("T.A", 4),
    ("T.A", 5),
    ("T.A", 3),
    ("T.A", 2),
    ("T.A", 5),
    ("T.B", 3),
    ("T.B", 4),
    ("T.C", 1),
    ("T.C", 2),
    ("T.C", 3),
    ("T.C", 4),
    ("T.C", 5),
];

fn responses_csv(survey: &Survey) -> String {
    let rows: Vec<ParsedResponse> = RESPONSES
        .iter()
        .map(|(unit, point)| {
            let mut answers = Answers::default();
            for item in survey.items() {
                answers.items.insert(item.id().to_string(), Some(*point));
            }
            ParsedResponse::new(
                UnitCode::parse(unit).unwrap(),
                survey.validate_answers(&answers).unwrap(),
            )
        })
        .collect();
    write_responses(survey, &rows)
}

/// The three input files in `dir`, the responses as given.
fn write_inputs(dir: &Path, survey: &Survey, responses: &str) {
    std::fs::write(dir.join("survey.toml"), survey.to_toml()).unwrap();
    std::fs::write(dir.join("units.csv"), UNITS).unwrap();
    std::fs::write(dir.join("responses.csv"), responses).unwrap();
}

fn siap_indicators(dir: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_siap"))
        .arg("indicators")
        .arg("--instrument")
        .arg(dir.join("survey.toml"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--responses")
        .arg(dir.join("responses.csv"))
        .args(extra)
        // The command needs no database: a broken setting must not stop it.
        .env("DATABASE_URL", "mysql://not-used")
        .output()
        .unwrap()
}

/// The engine's indicators for the same files, computed here directly.
fn direct(survey: &Survey, responses: &str) -> Value {
    let units = import_units(UNITS.as_bytes(), &[]).unwrap().apply(&[]);
    let parsed = read_responses(responses.as_bytes(), survey, &units).unwrap();
    let answers: Vec<_> = parsed
        .iter()
        .map(|r| (&r.unit, r.item_values(survey)))
        .collect();
    let mut organisation = Organisation::from_responses(
        Instrument::try_from(survey).unwrap(),
        &units,
        Threshold::DEFAULT,
        answers.iter().map(|(code, values)| (*code, values)),
    )
    .unwrap();
    let text = serde_json::to_string(organisation.report().unwrap()).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_output_is_the_engines_computation() {
    let dir = tempfile::tempdir().unwrap();
    let survey = default_instrument();
    let responses = responses_csv(&survey);
    write_inputs(dir.path(), &survey, &responses);

    let output = siap_indicators(dir.path(), &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = direct(&survey, &responses);
    assert_eq!(json["units"]["T.A"], expected["units"]["T.A"]);
    assert_eq!(json, expected, "every unit alike");

    let shown = &json["units"]["T.A"]["unit"]["report"];
    assert_eq!(shown["status"], "visible");
    assert_eq!(shown["value"]["respondents"], 6);
    assert_eq!(shown["value"]["response_rate"]["headcount"], 40);
    for hidden in ["T.B", "T.C"] {
        assert_eq!(
            json["units"][hidden]["unit"]["report"],
            serde_json::json!({ "status": "suppressed" }),
            "{hidden}"
        );
    }
    assert_eq!(json["threshold"], 5);
    assert_eq!(json["root"], "T");
}

#[test]
fn csv_output_has_a_row_per_unit_scope_and_dimension() {
    let dir = tempfile::tempdir().unwrap();
    let survey = default_instrument();
    let responses = responses_csv(&survey);
    write_inputs(dir.path(), &survey, &responses);
    let out = dir.path().join("indicators.csv");
    let output = siap_indicators(
        dir.path(),
        &[
            "--format",
            "csv",
            "--output",
            out.to_str().unwrap(),
            "--threshold",
            "3",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "written to the file only");
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "unit_code,unit_name,scope,dimension,n,mean,ci_low,ci_high,favourable_pct,index,alpha,suppressed"
    );
    let dimensions: Vec<String> = Instrument::try_from(&survey)
        .unwrap()
        .dimensions()
        .iter()
        .map(|d| d.id().to_owned())
        .collect();
    assert_eq!(lines.len(), 1 + 4 * 2 * dimensions.len());

    // T.B has 2 respondents, under even the lowest threshold: every number empty.
    let hidden = format!("T.B,Kelurahan B,unit,{},,,,,,,,true", dimensions[0]);
    assert!(lines.contains(&hidden.as_str()), "{text}");
    // T.A: its name quoted (it has a comma), its figures those of the JSON output.
    let prefix = format!("T.A,\"Kelurahan A, Utara\",subtree,{},", dimensions[0]);
    let row = lines.iter().find(|l| l.starts_with(&prefix)).unwrap();
    let numbers: Vec<&str> = row[prefix.len()..].split(',').collect();
    assert_eq!(numbers.len(), 8);
    assert_eq!(numbers[0], "6");
    assert_eq!(numbers[7], "false");

    let json: Value =
        serde_json::from_slice(&siap_indicators(dir.path(), &["--threshold", "3"]).stdout).unwrap();
    let score =
        &json["units"]["T.A"]["subtree"]["report"]["value"]["dimensions"][0]["score"]["value"];
    let as_number = |text: &str| text.parse::<f64>().unwrap();
    assert_eq!(
        as_number(numbers[1]),
        score["descriptive"]["mean"].as_f64().unwrap()
    );
    assert_eq!(
        as_number(numbers[2]),
        score["descriptive"]["mean_ci"]["lower"].as_f64().unwrap()
    );
    assert_eq!(
        as_number(numbers[5]),
        score["descriptive"]["index"].as_f64().unwrap()
    );
    let favourable = score["favourable"]["proportion"].as_f64().unwrap() * 100.0;
    assert!((as_number(numbers[4]) - favourable).abs() < 1e-9);
}

#[test]
fn unusable_input_exits_with_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let survey = default_instrument();
    let responses = responses_csv(&survey);

    // Line 3 answers the first item with 9 on a 1-5 scale.
    let mut lines: Vec<String> = responses.split("\r\n").map(str::to_owned).collect();
    let first_item = survey.items().next().unwrap().id().as_str().to_owned();
    let column = lines[0].split(',').position(|c| c == first_item).unwrap();
    let mut fields: Vec<&str> = lines[2].split(',').collect();
    fields[column] = "9";
    lines[2] = fields.join(",");
    write_inputs(dir.path(), &survey, &lines.join("\r\n"));
    let output = siap_indicators(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing is written");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("responses.csv: Line 3, column ") && stderr.contains(&first_item),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // A broken units file and a broken instrument are both reported, each with its line.
    write_inputs(dir.path(), &survey, &responses);
    std::fs::write(
        dir.path().join("units.csv"),
        "code,name,kind,parent_code,headcount\nT,Provinsi Uji,provinsi,,banyak\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("survey.toml"), "id = \"x\"\nversion = [\n").unwrap();
    let output = siap_indicators(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("units.csv: Line 2, column headcount"),
        "{stderr}"
    );
    assert!(stderr.contains("survey.toml: line 2"), "{stderr}");

    // The threshold is never below 3.
    write_inputs(dir.path(), &survey, &responses);
    let output = siap_indicators(dir.path(), &["--threshold", "2"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--threshold"));
}
