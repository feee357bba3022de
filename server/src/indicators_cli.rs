//! `siap indicators`: the analyst's way to the indicator engine, from files and without a
//! database: an instrument (TOML), the organisation's units (CSV) and responses (CSV) in,
//! the same JSON as the server's indicators endpoint (or a flat CSV of the dimension
//! figures) out. The same parsers and the same engine as the server, so a file that the
//! import pages refuse is refused here too, and a figure suppressed there is suppressed here.

use std::{
    fmt::Write as _,
    io::Write as _,
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::ValueEnum;
use domain::{
    instrument::Instrument as Survey,
    responses::read_responses,
    units::{csv::import_units, Locale, Unit},
};
use indicators::{
    report::GroupReport, Instrument, Organisation, OrganisationIndicators, Scope, Suppressible,
    Threshold,
};

/// Exit code for input the command cannot use (as for invalid configuration).
const BAD_INPUT: u8 = 2;

#[derive(Debug, clap::Args)]
pub struct IndicatorsArgs {
    /// The survey instrument the responses answer (TOML, as in docs/instrument-format.md).
    #[arg(long, value_name = "FILE.toml")]
    pub instrument: PathBuf,
    /// The organisation's units (CSV, as in docs/units-csv.md); their headcounts give the
    /// response rates.
    #[arg(long, value_name = "UNITS.csv")]
    pub units: PathBuf,
    /// The responses (CSV, as in docs/responses-csv.md).
    #[arg(long, value_name = "RESPONSES.csv")]
    pub responses: PathBuf,
    /// `json`: the indicators endpoint's JSON; `csv`: one row per unit, scope and dimension.
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutputFormat,
    /// Where to write (standard output when not given).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Smallest group shown; never below 3.
    #[arg(long, value_name = "N", default_value_t = Threshold::DEFAULT.get())]
    pub threshold: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Csv,
}

#[derive(Debug, thiserror::Error)]
pub enum IndicatorsCliError {
    /// Every problem found in the input, each naming its file (and line where there is one).
    #[error("{}", .0.join("\n"))]
    Input(Vec<String>),
    #[error("the indicators cannot be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write {path}: {source}")]
    Output {
        path: String,
        source: std::io::Error,
    },
}

/// Runs the command: exit code 0 when the indicators were written, 2 for unusable input
/// (every problem printed), 1 when the output cannot be written.
pub fn main(args: &IndicatorsArgs) -> ExitCode {
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(IndicatorsCliError::Input(problems)) => {
            for problem in problems {
                eprintln!("siap indicators: {problem}");
            }
            ExitCode::from(BAD_INPUT)
        }
        Err(e) => {
            eprintln!("siap indicators: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(args: &IndicatorsArgs) -> Result<(), IndicatorsCliError> {
    let threshold =
        Threshold::new(args.threshold).map_err(|e| input(vec![format!("--threshold: {e}")]))?;
    let indicators = compute(args, threshold)?;
    let text = match args.format {
        OutputFormat::Json => {
            let mut json = serde_json::to_string(&indicators)?;
            json.push('\n');
            json
        }
        OutputFormat::Csv => to_csv(&indicators),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|source| IndicatorsCliError::Output {
            path: path.display().to_string(),
            source,
        }),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|source| IndicatorsCliError::Output {
                path: "standard output".to_owned(),
                source,
            }),
    }
}

fn input(problems: Vec<String>) -> IndicatorsCliError {
    IndicatorsCliError::Input(problems)
}

/// Reads the three files and runs the engine. The instrument and the units are checked
/// together (both reports at once); the responses need both to be read.
fn compute(
    args: &IndicatorsArgs,
    threshold: Threshold,
) -> Result<OrganisationIndicators, IndicatorsCliError> {
    let mut problems = Vec::new();
    let survey = read(&args.instrument, &mut problems).and_then(|bytes| {
        let text = in_file(&args.instrument, String::from_utf8(bytes), &mut problems)?;
        in_file(&args.instrument, Survey::from_toml(&text), &mut problems)
    });
    let units: Option<Vec<Unit>> =
        read(&args.units, &mut problems).and_then(|bytes| match import_units(&bytes, &[]) {
            Ok(plan) => Some(plan.apply(&[])),
            Err(report) => {
                let file = args.units.display();
                problems.extend(
                    report
                        .problems
                        .iter()
                        .map(|p| format!("{file}: {}", p.message(Locale::En))),
                );
                None
            }
        });
    let responses = read(&args.responses, &mut problems);
    let (Some(survey), Some(units), Some(responses)) = (survey, units, responses) else {
        return Err(input(problems));
    };
    let responses = read_responses(&responses, &survey, &units).map_err(|report| {
        let file = args.responses.display();
        input(
            report
                .problems
                .iter()
                .map(|p| format!("{file}: {}", p.message(Locale::En)))
                .collect(),
        )
    })?;

    let engine = |e: &dyn std::fmt::Display| input(vec![e.to_string()]);
    let instrument = Instrument::try_from(&survey)
        .map_err(|e| engine(&format!("{}: {e}", args.instrument.display())))?;
    let answers: Vec<_> = responses
        .iter()
        .map(|response| (&response.unit, response.item_values(&survey)))
        .collect();
    let mut organisation = Organisation::from_responses(
        instrument,
        &units,
        threshold,
        answers.iter().map(|(code, values)| (*code, values)),
    )
    .map_err(|e| engine(&e))?;
    let published = organisation.report().map_err(|e| engine(&e))?;
    Ok(published.clone())
}

fn read(path: &Path, problems: &mut Vec<String>) -> Option<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| problems.push(format!("{}: cannot read the file: {e}", path.display())))
        .ok()
}

fn in_file<T, E: std::fmt::Display>(
    path: &Path,
    result: Result<T, E>,
    problems: &mut Vec<String>,
) -> Option<T> {
    result
        .map_err(|e| problems.push(format!("{}: {e}", path.display())))
        .ok()
}

/// The columns of the CSV output.
pub const CSV_COLUMNS: [&str; 12] = [
    "unit_code",
    "unit_name",
    "scope",
    "dimension",
    "n",
    "mean",
    "ci_low",
    "ci_high",
    "favourable_pct",
    "index",
    "alpha",
    "suppressed",
];

/// One row per unit, scope and dimension (units by code, dimensions in instrument order):
/// the dimension score's n, mean with its 95% interval, favourable share in percent, index
/// 0-100 and Cronbach's alpha. A suppressed group or score has every number empty; alpha is
/// also empty when it is suppressed or undefined on its own.
fn to_csv(indicators: &OrganisationIndicators) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for unit in indicators.units.values() {
        for scope in Scope::BOTH {
            let report = unit.scope(scope).report.visible();
            for dimension in &indicators.dimensions {
                let numbers = report.and_then(|r| dimension_numbers(r, dimension));
                let fields = [
                    unit.code.as_str().to_owned(),
                    spreadsheet_safe(&unit.name),
                    match scope {
                        Scope::Unit => "unit",
                        Scope::Subtree => "subtree",
                    }
                    .to_owned(),
                    dimension.clone(),
                ];
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_field(&mut out, field);
                }
                for number in numbers.unwrap_or_default() {
                    out.push(',');
                    if let Some(number) = number {
                        let _ = write!(out, "{number}");
                    }
                }
                out.push_str(if numbers.is_some() {
                    ",false\r\n"
                } else {
                    ",true\r\n"
                });
            }
        }
    }
    out
}

/// n, mean, ci_low, ci_high, favourable_pct, index, alpha of a visible dimension score.
fn dimension_numbers(report: &GroupReport, dimension: &str) -> Option<[Option<f64>; 7]> {
    let figures = report
        .dimensions
        .iter()
        .find(|d| d.dimension_id == dimension)?;
    let Suppressible::Visible(score) = &figures.score else {
        return None;
    };
    let d = &score.descriptive;
    let alpha = match &figures.reliability {
        Suppressible::Visible(Some(reliability)) => Some(reliability.alpha),
        _ => None,
    };
    Some([
        Some(d.n as f64),
        Some(d.mean),
        Some(d.mean_ci.lower),
        Some(d.mean_ci.upper),
        Some(score.favourable.proportion * 100.0),
        Some(d.index),
        alpha,
    ])
}

/// A name a spreadsheet would run as a formula gets a leading `'`, as in the units export.
fn spreadsheet_safe(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{name}")
    } else {
        name.to_owned()
    }
}

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}
