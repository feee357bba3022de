//! Importing a units CSV file: validate everything, then plan.

use std::collections::HashMap;

use super::graph::Graph;
use super::header::ColumnMap;
use super::plan::{ImportPlan, PlanStep, UnitUpdate};
use super::records::read_records;
use super::rows::{read_row, Row};
use super::{ImportProblem, ImportReport, ProblemKind, MAX_BYTES, MAX_PROBLEMS, MAX_ROWS};
use crate::csv_text::{decode, detect_delimiter};
use crate::units::{Unit, UnitCode};

/// Reads a units CSV file against the units that exist already (re-importing a code updates
/// that unit). Returns the plan when the file has no problem at all, otherwise every problem
/// found, by line. Nothing is stored here: the caller commits the plan all or nothing.
pub fn import_units(input: &[u8], existing: &[Unit]) -> Result<ImportPlan, ImportReport> {
    if input.len() > MAX_BYTES {
        return Err(ImportReport {
            problems: vec![ImportProblem {
                line: 1,
                column: None,
                kind: ProblemKind::FileTooLarge {
                    bytes: input.len(),
                    limit: MAX_BYTES,
                },
            }],
        });
    }
    let decoded = decode(input);
    let mut problems = Vec::new();
    // Not UTF-8 is reported once, then the rest is still checked on a lossy reading so that
    // the report is complete; the import fails either way.
    if let Some(line) = decoded.not_utf8_line {
        problems.push(ImportProblem {
            line,
            column: None,
            kind: ProblemKind::NotUtf8,
        });
    }
    let text = decoded.text;

    let records = read_records(&text, detect_delimiter(&text), MAX_ROWS);
    problems.extend(records.problems);
    let Some(header) = records.header else {
        if problems.is_empty() {
            problems.push(ImportProblem {
                line: 1,
                column: None,
                kind: ProblemKind::EmptyFile,
            });
        }
        return Err(report(problems));
    };
    let columns = ColumnMap::read(&header, &mut problems);
    let rows: Vec<Row> = records
        .rows
        .iter()
        .map(|record| read_row(record, &columns, &mut problems))
        .collect();

    let graph = Graph::build(&rows, existing, &mut problems);
    graph.check_cycles(&mut problems);
    graph.check_roots(&mut problems);
    if !problems.is_empty() {
        return Err(report(problems));
    }

    let depths = graph.depths();
    Ok(plan(&rows, existing, |code| {
        depths.get(code).copied().unwrap_or(0)
    }))
}

fn plan(rows: &[Row], existing: &[Unit], depth: impl Fn(&UnitCode) -> usize) -> ImportPlan {
    let mut before: HashMap<&UnitCode, &Unit> = HashMap::with_capacity(existing.len());
    for unit in existing {
        before.entry(&unit.code).or_insert(unit);
    }
    let mut steps = Vec::new();
    let mut unchanged = 0;
    // Without problems every row is complete.
    for unit in rows.iter().filter_map(Row::unit) {
        match before.get(&unit.code) {
            None => steps.push(PlanStep::Create { unit }),
            Some(&old) => match UnitUpdate::new(old.clone(), unit) {
                Some(update) => steps.push(PlanStep::Update { update }),
                None => unchanged += 1,
            },
        }
    }
    ImportPlan::new(steps, unchanged, depth)
}

/// Problems by line (stable, so a line's problems stay in column order), capped in number.
/// Problems about the file as a whole are kept first when cutting: they explain the rest.
fn report(mut problems: Vec<ImportProblem>) -> ImportReport {
    if problems.len() > MAX_PROBLEMS {
        problems.sort_by_key(|problem| (!problem.kind.is_about_file(), problem.line));
        let first_dropped = problems[MAX_PROBLEMS].line;
        problems.truncate(MAX_PROBLEMS);
        problems.push(ImportProblem {
            line: first_dropped,
            column: None,
            kind: ProblemKind::TooManyProblems {
                limit: MAX_PROBLEMS,
            },
        });
    }
    problems.sort_by_key(|problem| problem.line);
    ImportReport { problems }
}
