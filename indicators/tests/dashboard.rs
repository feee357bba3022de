//! The dashboard's figures: wave change from published summaries against scipy and
//! pingouin (tests/fixtures/dashboard.json, written by reference/generate.py) and against
//! the raw-data reference of the fixture waves; barrier tallies and their gate; the risk
//! rules on the organisation pipeline's output, where hidden figures never fire.
//!
//! Tolerances as in tests/reference.rs: closed forms 1e-9 relative; p-values and
//! interval bounds (through a distribution) 1e-6 relative.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, Dataset};
use domain::instrument::default_instrument;
use domain::units::{Headcount as Employees, Unit, UnitCode, UnitKind, UnitName};
use indicators::estimate::{Descriptive, MeanInterval, MeanIntervalMethod};
use indicators::organisation::Organisation;
use indicators::{
    assess_risk, barrier_from_means, barrier_shares, compare_waves, group_report, stage_means,
    wave_change, AdoptionStage, BarrierTally, Instrument, RiskInput, RiskReason, Scale,
    StageDimensions, Suppressible, Threshold, Variable, DEFAULT_RISK_INDEX,
};
use proptest::prelude::*;
use serde_json::Value;

const CLOSED: f64 = 1e-9;
const DIST: f64 = 1e-6;

fn close(what: &str, actual: f64, expected: &Value, tol: f64) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: reference is not a number: {expected}"));
    assert!(
        (actual - expected).abs() <= tol * expected.abs() + 1e-14,
        "{what}: engine {actual:e}, reference {expected:e}"
    );
}

fn json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// A published summary: only n, mean, SD and index matter to the wave change.
fn summary(r: &Value) -> Descriptive {
    let mean = r["mean"].as_f64().unwrap();
    Descriptive {
        n: r["n"].as_u64().unwrap(),
        mean,
        sd: r["sd"].as_f64().unwrap(),
        median: mean,
        q1: mean,
        q3: mean,
        iqr: 0.0,
        index: r["index"].as_f64().unwrap(),
        mean_ci: MeanInterval {
            lower: mean,
            upper: mean,
            method: MeanIntervalMethod::Student,
        },
    }
}

#[test]
fn wave_change_matches_scipy_from_stats_and_pingouin() {
    let r = json("dashboard.json");
    let cases = r["wave_change"].as_array().unwrap();
    assert!(cases.len() >= 10);
    let mut checked = 0;
    for (i, case) in cases.iter().enumerate() {
        let what = format!("case {i} ({})", case["kind"]);
        let change = wave_change(&summary(&case["earlier"]), &summary(&case["later"]));
        let e = &case["expected"];
        let Some(c) = change else {
            assert!(e.is_null(), "{what}: engine undefined, reference {e}");
            checked += 1;
            continue;
        };
        assert!(!e.is_null(), "{what}: engine {c:?}, reference undefined");
        close(
            &format!("{what} difference"),
            c.mean_difference,
            &e["mean_difference"],
            CLOSED,
        );
        close(
            &format!("{what} index"),
            c.index_difference,
            &e["index_difference"],
            CLOSED,
        );
        close(&format!("{what} t"), c.welch_t, &e["welch_t"], CLOSED);
        close(&format!("{what} df"), c.df, &e["df"], CLOSED);
        close(&format!("{what} g"), c.hedges_g, &e["hedges_g"], CLOSED);
        close(&format!("{what} p"), c.p, &e["p"], DIST);
        close(&format!("{what} ci lower"), c.ci.lower, &e["ci"][0], DIST);
        close(&format!("{what} ci upper"), c.ci.upper, &e["ci"][1], DIST);
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}

/// The dashboard's path: two visible reports of the fixture waves, their published
/// dimension and item summaries, the change from those alone. It must agree with the
/// raw-data reference (scipy ttest_ind, pingouin) and with `compare_waves`.
#[test]
fn wave_change_from_reports_matches_raw_data() {
    let r = json("reference.json");
    let rd = &r["datasets"]["a"];
    let scale = Scale::new(1, 5).unwrap();
    let ds = Dataset::load("a", scale);
    let t = Threshold::new(3).unwrap();
    let (w1, w2) = (ds.waves()[0], ds.waves()[1]);
    let mut groups: Vec<(String, _, _)> = ds
        .units
        .iter()
        .map(|(u, _)| (u.clone(), ds.unit_stats(w1, u), ds.unit_stats(w2, u)))
        .collect();
    groups.push(("all".into(), ds.organisation(w1), ds.organisation(w2)));
    let mut checked = 0;
    for (unit, earlier, later) in &groups {
        let before = group_report(&ds.instrument, earlier, None, t).unwrap();
        let after = group_report(&ds.instrument, later, None, t).unwrap();
        let (before, after) = (before.visible().unwrap(), after.visible().unwrap());
        let pairs = before
            .dimensions
            .iter()
            .zip(&after.dimensions)
            .map(|(a, b)| (format!("dim:{}", a.dimension_id), &a.score, &b.score))
            .chain(
                before
                    .items
                    .iter()
                    .zip(&after.items)
                    .map(|(a, b)| (a.item_id.clone(), &a.result, &b.result)),
            );
        for (key, a, b) in pairs {
            let (Some(a), Some(b)) = (a.visible(), b.visible()) else {
                continue;
            };
            let what = format!("{unit} {key}");
            let rw = &rd["waves"][unit][&key];
            let c = wave_change(&a.descriptive, &b.descriptive).unwrap();
            close(&format!("{what} t"), c.welch_t, &rw["welch"]["t"], CLOSED);
            close(&format!("{what} df"), c.df, &rw["welch"]["df"], CLOSED);
            close(&format!("{what} p"), c.p, &rw["welch"]["p"], DIST);
            close(&format!("{what} g"), c.hedges_g, &rw["hedges_g"], CLOSED);
            let index = b.descriptive.index - a.descriptive.index;
            assert_eq!(c.index_difference, index, "{what} index");

            let variable = match key.strip_prefix("dim:") {
                Some(d) => Variable::Dimension(ds.instrument.dimension(d).unwrap()),
                None => Variable::Item(ds.instrument.item(&key).unwrap()),
            };
            let raw = compare_waves(&ds.instrument, earlier, later, variable, t).unwrap();
            let raw = raw.visible().unwrap();
            let w = raw.welch.as_ref().unwrap();
            for (x, y) in [
                (c.welch_t, w.t),
                (c.df, w.df),
                (c.hedges_g, raw.hedges_g.unwrap()),
            ] {
                assert!(
                    (x - y).abs() <= 1e-12 * y.abs() + 1e-14,
                    "{what}: {x} vs {y}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} pairs checked");
}

const CODES: [&str; 9] = [
    "anggaran",
    "sdm",
    "sarana-prasarana",
    "ti",
    "pelatihan",
    "regulasi",
    "dukungan-pimpinan",
    "beban-kerja",
    "lainnya",
];

fn codes() -> Vec<String> {
    CODES.iter().map(|c| (*c).to_owned()).collect()
}

proptest! {
    /// Merging the tallies of any split of the respondents, in any grouping, gives the
    /// tally of all of them.
    #[test]
    fn barrier_merge_equals_tally_of_union(
        respondents in prop::collection::vec(
            (prop::collection::vec(0usize..9, 0..5), 0usize..4), 0..60)
    ) {
        let mut all = BarrierTally::new();
        let mut parts = vec![BarrierTally::new(); 4];
        for (cited, part) in &respondents {
            let cited: Vec<&str> = cited.iter().map(|&c| CODES[c]).collect();
            all.add(&cited);
            parts[*part].add(&cited);
        }
        let mut left = parts[0].clone();
        left.merge(&parts[1]);
        let mut right = parts[2].clone();
        right.merge(&parts[3]);
        left.merge(&right);
        prop_assert_eq!(&left, &all);
        let t = Threshold::new(3).unwrap();
        prop_assert_eq!(
            barrier_shares(&left, &codes(), t, true).unwrap(),
            barrier_shares(&all, &codes(), t, true).unwrap()
        );
    }
}

#[test]
fn barrier_shares_in_instrument_order() {
    let mut tally = BarrierTally::new();
    tally.add(&["ti", "anggaran"]);
    tally.add(&["ti"]);
    tally.add(&[] as &[&str]);
    tally.add(&["ti", "lainnya", "bukan-kode"]);
    let shares = barrier_shares(&tally, &codes(), Threshold::new(3).unwrap(), true).unwrap();
    let shares = shares.visible().unwrap();
    let codes: Vec<&str> = shares.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, CODES);
    let count = |code: &str| shares.iter().find(|s| s.code == code).unwrap();
    assert_eq!((count("ti").count, count("ti").proportion), (3, 0.75));
    assert_eq!((count("anggaran").count, count("lainnya").count), (1, 1));
    assert_eq!(count("regulasi").count, 0);
    for s in shares {
        assert!(0.0 <= s.ci.lower && s.ci.lower <= s.proportion, "{s:?}");
        assert!(
            s.proportion <= s.ci.upper && s.ci.upper <= 1.0 + 1e-15,
            "{s:?}"
        );
    }
}

#[test]
fn barrier_shares_are_suppressed_below_threshold_or_when_hidden() {
    let t = Threshold::DEFAULT;
    let mut tally = BarrierTally::new();
    for _ in 0..4 {
        tally.add(&["sdm"]);
    }
    let hidden = barrier_shares(&tally, &codes(), t, true).unwrap();
    assert_eq!(hidden, Suppressible::Suppressed);
    assert_eq!(
        serde_json::to_string(&hidden).unwrap(),
        r#"{"status":"suppressed"}"#
    );
    tally.add(&[] as &[&str]);
    assert!(!barrier_shares(&tally, &codes(), t, true)
        .unwrap()
        .is_suppressed());
    // the disclosure plan hides the group: no figures, whatever its size
    for _ in 0..100 {
        tally.add(&["ti"]);
    }
    assert!(barrier_shares(&tally, &codes(), t, false)
        .unwrap()
        .is_suppressed());
}

/// The Wilson bounds against statsmodels' `proportion_confint(method="wilson")`, using
/// the favourable counts of the fixture groups as citation counts.
#[test]
fn barrier_wilson_bounds_match_statsmodels() {
    let r = json("reference.json");
    let t = Threshold::new(3).unwrap();
    let mut checked = 0;
    for (key, group) in r["datasets"]["a"]["groups"].as_object().unwrap() {
        for (dim, d) in group["dimensions"].as_object().unwrap() {
            let (Some(n), Some(count)) = (d["n"].as_u64(), d["favourable"].as_u64()) else {
                continue;
            };
            let mut tally = BarrierTally::new();
            for i in 0..n {
                if i < count {
                    tally.add(&["ti"]);
                } else {
                    tally.add(&["sdm"]);
                }
            }
            let shares = barrier_shares(&tally, &["ti".to_owned()], t, true).unwrap();
            let share = &shares.visible().unwrap()[0];
            let what = format!("{key} {dim}");
            close(
                &format!("{what} lower"),
                share.ci.lower,
                &d["wilson"][0],
                DIST,
            );
            close(
                &format!("{what} upper"),
                share.ci.upper,
                &d["wilson"][1],
                DIST,
            );
            checked += 1;
        }
    }
    assert!(checked > 20);
}

// ---- units at risk on the pipeline's output ----

fn unit(code: &str, parent: Option<&str>, headcount: u32) -> Unit {
    Unit {
        code: UnitCode::parse(code).unwrap(),
        name: UnitName::parse(&format!("Unit {code}")).unwrap(),
        kind: UnitKind::Lainnya,
        parent: parent.map(|p| UnitCode::parse(p).unwrap()),
        headcount: Employees::new(headcount).unwrap(),
    }
}

fn units() -> Vec<Unit> {
    vec![
        unit("DKI", None, 10),
        unit("DKI.A", Some("DKI"), 40),
        unit("DKI.B", Some("DKI"), 40),
        unit("DKI.C", Some("DKI"), 5),
        unit("DKI.D", Some("DKI"), 20),
    ]
}

/// Respondents per unit and the range of their (scored) answers in each wave.
type Plan = [(&'static str, usize, (u8, u8)); 4];

/// Wave 1: everyone favourable. Wave 2: DKI.A drops to the bottom, DKI.C (2 people, hidden)
/// answers 1 throughout, DKI.D sits in the middle.
const PREVIOUS: Plan = [
    ("DKI.A", 30, (4, 5)),
    ("DKI.B", 30, (4, 5)),
    ("DKI.C", 2, (4, 5)),
    ("DKI.D", 10, (4, 5)),
];
const CURRENT: Plan = [
    ("DKI.A", 30, (1, 2)),
    ("DKI.B", 30, (4, 5)),
    ("DKI.C", 2, (1, 1)),
    ("DKI.D", 10, (3, 3)),
];

/// Answers drawn from a generator seeded per unit, the same in both waves, so that a unit
/// with the same answer range gives the same answers (no change by chance).
fn wave(instrument: &Instrument, plan: &Plan) -> Organisation {
    let mut responses = Vec::new();
    for (seed, (code, count, (lo, hi))) in plan.iter().enumerate() {
        let mut state = seed as u64 + 1;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            lo + ((state >> 33) % u64::from(hi - lo + 1)) as u8
        };
        for _ in 0..*count {
            let answers: Vec<Option<u8>> = instrument
                .items()
                .iter()
                .map(|item| {
                    let scored = next();
                    Some(if item.reverse_keyed {
                        6 - scored
                    } else {
                        scored
                    })
                })
                .collect();
            responses.push((UnitCode::parse(code).unwrap(), answers));
        }
    }
    Organisation::from_responses(
        instrument.clone(),
        &units(),
        Threshold::DEFAULT,
        responses.iter().map(|(c, a)| (c, a)),
    )
    .unwrap()
}

#[test]
fn risk_rules_on_the_pipeline_output_and_nothing_from_hidden_units() {
    let instrument = Instrument::try_from(&default_instrument()).unwrap();
    let dimensions = instrument.dimensions().len();
    let mut previous = wave(&instrument, &PREVIOUS);
    let mut current = wave(&instrument, &CURRENT);
    let (previous, current) = (previous.report().unwrap(), current.report().unwrap());

    let reasons = |code: &str| {
        let input = RiskInput::from_unit(current.unit(code).unwrap(), previous.unit(code));
        assert_eq!(input.index_threshold, DEFAULT_RISK_INDEX);
        assert_eq!(input.dimensions.len(), dimensions);
        (input.clone(), assess_risk(&input))
    };
    let kinds = |reasons: &[RiskReason], kind: &str| {
        reasons
            .iter()
            .filter(|r| serde_json::to_value(r).unwrap()["kind"] == kind)
            .count()
    };

    // DKI.A: every rule on every dimension.
    let (_, a) = reasons("DKI.A");
    assert_eq!(kinds(&a, "below_threshold"), dimensions, "{a:?}");
    assert_eq!(kinds(&a, "below_organisation"), dimensions, "{a:?}");
    assert_eq!(kinds(&a, "falling"), dimensions, "{a:?}");
    assert!(a.iter().all(|r| match r {
        RiskReason::BelowThreshold {
            index, threshold, ..
        } => index < threshold,
        RiskReason::BelowOrganisation {
            difference, p_holm, ..
        } => *difference < 0.0 && *p_holm <= 0.05,
        RiskReason::Falling {
            from_index,
            to_index,
            p,
            ..
        } => to_index < from_index && *p <= 0.05,
    }));

    // DKI.B: favourable and unchanged: nothing fires.
    let (_, b) = reasons("DKI.B");
    assert!(b.is_empty(), "{b:?}");
    // ... unless the threshold is raised above its index.
    let (input, _) = reasons("DKI.B");
    let strict = assess_risk(&input.with_index_threshold(100.0));
    assert_eq!(kinds(&strict, "below_threshold"), dimensions);

    // DKI.C (2 respondents) answered 1 everywhere: hidden by the threshold. DKI.D (10,
    // index 50, below the risk threshold) is hidden by complementary suppression, as
    // DKI - A - B - D would give DKI.C. Neither reaches the rules, so neither is flagged,
    // whatever the threshold.
    for code in ["DKI.C", "DKI.D"] {
        assert!(
            current.unit(code).unwrap().subtree.report.is_suppressed(),
            "{code}"
        );
        let (input, r) = reasons(code);
        assert!(
            input
                .dimensions
                .iter()
                .all(|d| d.current.is_none() && d.vs_rest.is_none() && d.previous.is_none()),
            "{code}: hidden figures must not reach the rules"
        );
        assert!(r.is_empty(), "{code}: {r:?}");
        let strict = assess_risk(&input.with_index_threshold(100.0));
        assert!(strict.is_empty());
    }

    // Without a previous wave the falling rule cannot fire.
    let input = RiskInput::from_unit(current.unit("DKI.A").unwrap(), None);
    assert_eq!(kinds(&assess_risk(&input), "falling"), 0);

    // JSON shape.
    let json = serde_json::to_value(&a[0]).unwrap();
    assert_eq!(json["kind"], "below_threshold");
    assert!(json["dimension_id"].is_string() && json["index"].is_number());
}

#[test]
fn stage_barrier_from_published_means() {
    let r = json("reference.json");
    let scale = Scale::new(1, 6).unwrap();
    let ds = Dataset::load("b", scale);
    let i = &ds.instrument;
    let stages = StageDimensions {
        awareness: i.dimension("awareness").unwrap(),
        desire: i.dimension("desire").unwrap(),
        knowledge: i.dimension("knowledge").unwrap(),
        ability: i.dimension("ability").unwrap(),
        reinforcement: i.dimension("reinforcement").unwrap(),
    };
    let t = Threshold::new(3).unwrap();
    let wave = ds.waves()[0];
    let barriers = r["datasets"]["b"]["barriers"].as_object().unwrap();
    assert!(!barriers.is_empty());
    for (unit, rb) in barriers {
        let stats = if unit == "all" {
            ds.organisation(wave)
        } else {
            ds.unit_stats(wave, unit)
        };
        let report = group_report(i, &stats, None, t).unwrap();
        let means = stage_means(report.visible().unwrap(), &stages);
        let bp = barrier_from_means(scale, means).unwrap();
        assert_eq!(
            serde_json::to_value(bp.first_barrier).unwrap(),
            rb["first_barrier"],
            "{unit}"
        );
        for (s, e) in bp.stages.iter().zip(rb["means"].as_array().unwrap()) {
            close(&format!("{unit} {:?}", s.stage), s.mean, e, CLOSED);
        }
    }
    // one hidden stage: no barrier point at all
    let mut means = [Some(4.0); 5];
    means[0] = Some(2.0);
    assert_eq!(
        barrier_from_means(scale, means).unwrap().first_barrier,
        Some(AdoptionStage::Awareness)
    );
    means[3] = None;
    assert_eq!(barrier_from_means(scale, means), None);
}
