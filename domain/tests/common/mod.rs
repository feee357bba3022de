//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use domain::units::csv::{import_units, ImportPlan, ProblemKind};
use domain::units::{Headcount, Unit, UnitCode, UnitKind, UnitName};

pub const HEADER: &str = "code,name,kind,parent_code,headcount\n";

pub fn code(text: &str) -> UnitCode {
    UnitCode::parse(text).unwrap()
}

pub fn unit(code_text: &str, kind: UnitKind, parent: Option<&str>, headcount: u32) -> Unit {
    Unit {
        code: code(code_text),
        name: UnitName::parse(&format!("Unit {code_text}")).unwrap(),
        kind,
        parent: parent.map(code),
        headcount: Headcount::new(headcount).unwrap(),
    }
}

/// A small existing organisation: DKI > {SETDA > BIRO-ORB, JAKPUS > KEC-MENTENG}.
pub fn existing() -> Vec<Unit> {
    vec![
        unit("DKI", UnitKind::Provinsi, None, 10),
        unit("DKI.SETDA", UnitKind::SekretariatDaerah, Some("DKI"), 100),
        unit("DKI.SETDA.BIRO-ORB", UnitKind::Biro, Some("DKI.SETDA"), 80),
        unit("DKI.JAKPUS", UnitKind::KotaAdministrasi, Some("DKI"), 400),
        unit(
            "DKI.JAKPUS.KEC-MENTENG",
            UnitKind::Kecamatan,
            Some("DKI.JAKPUS"),
            60,
        ),
    ]
}

/// Imports a CSV text whose header is `HEADER`, expecting a plan.
pub fn plan(rows: &str, existing: &[Unit]) -> ImportPlan {
    let csv = format!("{HEADER}{rows}");
    match import_units(csv.as_bytes(), existing) {
        Ok(plan) => plan,
        Err(report) => panic!("unexpected problems: {:#?}", report.problems),
    }
}

/// The problems of an input as (line, column, kind), expecting some.
pub fn problems_of(input: &[u8], existing: &[Unit]) -> Vec<(usize, Option<String>, ProblemKind)> {
    match import_units(input, existing) {
        Ok(plan) => panic!("expected problems, got a plan: {plan:#?}"),
        Err(report) => {
            assert!(!report.problems.is_empty());
            report
                .problems
                .into_iter()
                .map(|p| (p.line, p.column, p.kind))
                .collect()
        }
    }
}

/// The problems of rows under `HEADER`.
pub fn problems(rows: &str, existing: &[Unit]) -> Vec<(usize, Option<String>, ProblemKind)> {
    problems_of(format!("{HEADER}{rows}").as_bytes(), existing)
}

pub fn col(name: &str) -> Option<String> {
    Some(name.to_owned())
}
