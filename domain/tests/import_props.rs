//! Property tests: the importer never panics on any input, a report is never empty, and a plan
//! is always consistent (parents first, round trips to no changes).
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;

use domain::units::csv::{import_units, to_csv, ImportPlan};
use domain::units::{Unit, UnitKind};
use proptest::prelude::*;

fn check_outcome(input: &[u8], existing: &[Unit], data_lines: usize) -> Option<ImportPlan> {
    match import_units(input, existing) {
        Ok(plan) => {
            let mut placed: HashSet<_> = existing.iter().map(|u| u.code.clone()).collect();
            for step in plan.steps() {
                if let Some(parent) = &step.unit().parent {
                    assert!(placed.contains(parent));
                }
                placed.insert(step.unit().code.clone());
            }
            Some(plan)
        }
        Err(report) => {
            assert!(
                !report.problems.is_empty(),
                "a failed import names its problems"
            );
            assert!(report.problems.windows(2).all(|w| w[0].line <= w[1].line));
            for problem in &report.problems {
                assert!(
                    problem.line >= 1 && problem.line <= data_lines + 1,
                    "{problem:?}"
                );
                assert!(!problem.kind.message_id().is_empty());
                assert!(!problem.kind.message_en().is_empty());
            }
            None
        }
    }
}

fn line_count(bytes: &[u8]) -> usize {
    1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count()
}

/// A row built from a small vocabulary, so that duplicates, cycles, unknown parents and
/// second roots all come up often, while mostly valid values let whole files pass too.
fn row() -> impl Strategy<Value = [String; 5]> {
    fn pick(valid: &[&'static str], invalid: &[&'static str]) -> BoxedStrategy<String> {
        prop_oneof![
            12 => prop::sample::select(valid.to_vec()),
            1 => prop::sample::select(invalid.to_vec()),
        ]
        .prop_map(str::to_owned)
        .boxed()
    }
    (
        pick(
            &["A", "B", "C", "D", "E", "F", "DKI.X", "DKI.SETDA"],
            &["x y", "", "DKI"],
        ),
        pick(
            &["Dinas A", "Nama; \"kutip\", koma", "Kelurahan Menteng"],
            &["", " "],
        ),
        pick(
            &["dinas", "Suku Dinas", "biro", "BIDANG"],
            &["kantor", "provinsi"],
        ),
        pick(&["DKI", "DKI", "DKI.SETDA", "A", "B"], &["", "Q", "x/y"]),
        pick(
            &["0", "25", "7", "1000000"],
            &["-3", "1.000", "1000001", ""],
        ),
    )
        .prop_map(|(c, n, k, p, h)| [c, n, k, p, h])
}

fn quote(field: &str) -> String {
    if field.contains([',', ';', '"']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn small_existing() -> impl Strategy<Value = Vec<Unit>> {
    prop::bool::weighted(0.8).prop_map(|with| if with { common::existing() } else { Vec::new() })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_outcome(&bytes, &[], line_count(&bytes));
        check_outcome(&bytes, &common::existing(), line_count(&bytes));
    }

    #[test]
    fn random_text_with_a_valid_header_never_panics(
        body in "[A-Za-z0-9.,; \"\r\n-]{0,300}",
        semicolon in any::<bool>(),
    ) {
        let header = if semicolon { "code;name;kind;parent_code;headcount\n" } else { common::HEADER };
        let input = format!("{header}{body}");
        check_outcome(input.as_bytes(), &common::existing(), line_count(input.as_bytes()));
    }

    #[test]
    fn random_csv_gives_a_consistent_plan_or_a_report(
        rows in prop::collection::vec(row(), 0..6),
        semicolon in any::<bool>(),
        bom in any::<bool>(),
        existing in small_existing(),
    ) {
        let delimiter = if semicolon { ";" } else { "," };
        let mut input = String::new();
        if bom {
            input.push('\u{FEFF}');
        }
        input.push_str(&["code", "name", "kind", "parent_code", "headcount"].join(delimiter));
        input.push_str("\r\n");
        for row in &rows {
            let fields: Vec<String> = row.iter().map(|f| quote(f)).collect();
            input.push_str(&fields.join(delimiter));
            input.push_str("\r\n");
        }
        if let Some(plan) = check_outcome(input.as_bytes(), &existing, rows.len() + 1) {
            let counted = plan.steps().len() + plan.unchanged();
            // Rows of empty fields only are skipped; every other row is counted once.
            let non_blank = rows.iter().filter(|r| r.iter().any(|f| !f.is_empty())).count();
            prop_assert_eq!(counted, non_blank);
            let after = plan.apply(&existing);
            let again = import_units(to_csv(&after).as_bytes(), &after).unwrap();
            prop_assert!(again.is_empty());
        }
    }

    #[test]
    fn any_valid_tree_round_trips(
        parents in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
        headcounts in prop::collection::vec(0u32..=1_000_000, 40),
        order in any::<prop::sample::Index>(),
    ) {
        // Unit i > 0 hangs under some unit before it: always a tree with root U0.
        let mut units = vec![common::unit("U0", UnitKind::Provinsi, None, headcounts[0])];
        for (i, parent) in parents.iter().enumerate() {
            let parent = format!("U{}", parent.index(i + 1));
            units.push(common::unit(&format!("U{}", i + 1), UnitKind::Lainnya, Some(&parent), headcounts[i + 1]));
        }
        let shift = order.index(units.len());
        units.rotate_left(shift);
        let csv = to_csv(&units);
        let plan = import_units(csv.as_bytes(), &[]).unwrap();
        prop_assert_eq!(plan.creates().count(), units.len());
        let again = import_units(csv.as_bytes(), &units).unwrap();
        prop_assert!(again.is_empty());
        prop_assert_eq!(again.unchanged(), units.len());
    }
}
