//! Evaluating an intervention from published summaries against an independent reference
//! on the raw data (tests/fixtures/evaluation.json, written by reference/evaluation.py):
//! pooled summaries against numpy on the concatenated scores, the difference in
//! differences against statsmodels OLS with HC2 errors, Satterthwaite's df and scipy's t.
//!
//! Tolerance 1e-9 relative for every figure, including p and the interval bounds.
#![allow(clippy::unwrap_used)]

mod common;

use common::fixture;
use indicators::dashboard::{difference_in_differences, pool, DiffInDiff, GroupSummary};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn close(what: &str, actual: f64, expected: &Value) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: reference is not a number: {expected}"));
    assert!(
        (actual - expected).abs() <= TOL * expected.abs() + 1e-14,
        "{what}: engine {actual:e}, reference {expected:e}"
    );
}

fn reference() -> Value {
    serde_json::from_str(&fixture("evaluation.json")).unwrap()
}

fn group(r: &Value) -> GroupSummary {
    GroupSummary {
        n: r["n"].as_u64().unwrap(),
        mean: r["mean"].as_f64().unwrap(),
        sd: r["sd"].as_f64().unwrap(),
        index: r["index"].as_f64().unwrap(),
    }
}

fn groups(r: &Value) -> Vec<GroupSummary> {
    r.as_array().unwrap().iter().map(group).collect()
}

fn check_summary(what: &str, actual: &GroupSummary, expected: &Value) {
    assert_eq!(Some(actual.n), expected["n"].as_u64(), "{what}: n");
    close(&format!("{what} mean"), actual.mean, &expected["mean"]);
    close(&format!("{what} sd"), actual.sd, &expected["sd"]);
    close(&format!("{what} index"), actual.index, &expected["index"]);
}

fn check_did(what: &str, actual: Option<DiffInDiff>, expected: &Value) {
    let Some(d) = actual else {
        assert!(
            expected.is_null(),
            "{what}: engine undefined, reference {expected}"
        );
        return;
    };
    assert!(
        !expected.is_null(),
        "{what}: engine {d:?}, reference undefined"
    );
    let fields = [
        ("target_change", d.target_change),
        ("comparison_change", d.comparison_change),
        ("estimate", d.estimate),
        ("index_estimate", d.index_estimate),
        ("standard_error", d.standard_error),
        ("df", d.df),
        ("t", d.t),
        ("p", d.p),
    ];
    for (name, value) in fields {
        close(&format!("{what} {name}"), value, &expected[name]);
    }
    close(&format!("{what} ci lower"), d.ci.lower, &expected["ci"][0]);
    close(&format!("{what} ci upper"), d.ci.upper, &expected["ci"][1]);
}

#[test]
fn pool_matches_numpy_on_the_concatenated_scores() {
    let r = reference();
    let cases = r["pool"].as_array().unwrap();
    assert!(cases.len() >= 5);
    for (i, case) in cases.iter().enumerate() {
        let what = format!("pool case {i} ({})", case["kind"]);
        let expected = &case["expected"];
        match pool(&groups(&case["groups"])) {
            Some(p) => {
                assert!(
                    !expected.is_null(),
                    "{what}: engine {p:?}, reference undefined"
                );
                check_summary(&what, &p, expected);
            }
            None => assert!(
                expected.is_null(),
                "{what}: engine undefined, reference {expected}"
            ),
        }
    }
}

#[test]
fn difference_in_differences_matches_statsmodels_hc2() {
    let r = reference();
    let cases = r["difference_in_differences"].as_array().unwrap();
    assert!(cases.len() >= 10);
    let mut undefined = 0;
    for (i, case) in cases.iter().enumerate() {
        let what = format!("did case {i} ({})", case["kind"]);
        let [tb, ta, cb, ca] = [
            "target_before",
            "target_after",
            "comparison_before",
            "comparison_after",
        ]
        .map(|g| group(&case[g]));
        undefined += usize::from(case["expected"].is_null());
        check_did(
            &what,
            difference_in_differences(&tb, &ta, &cb, &ca),
            &case["expected"],
        );
    }
    assert!(undefined >= 2 && undefined < cases.len());
}

/// The dashboard's path when the comparison is several units: pool their published
/// summaries per wave, then take the difference in differences. Both steps must agree with
/// the reference on the raw scores of all the units together.
#[test]
fn pooled_comparison_units_match_the_raw_data() {
    let r = reference();
    let cases: Vec<&Value> = r["difference_in_differences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["comparison_units"].is_null())
        .collect();
    assert!(!cases.is_empty());
    for case in cases {
        let what = format!("pooled case ({})", case["kind"]);
        let units = &case["comparison_units"];
        let before = pool(&groups(&units["before"])).unwrap();
        let after = pool(&groups(&units["after"])).unwrap();
        check_summary(
            &format!("{what} before"),
            &before,
            &case["comparison_before"],
        );
        check_summary(&format!("{what} after"), &after, &case["comparison_after"]);
        let did = difference_in_differences(
            &group(&case["target_before"]),
            &group(&case["target_after"]),
            &before,
            &after,
        );
        check_did(&what, did, &case["expected"]);
    }
}
