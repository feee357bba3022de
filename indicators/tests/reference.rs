//! Every indicator against independent implementations (scipy, pingouin, statsmodels,
//! numpy, pandas): tests/fixtures/reference.json, written by reference/generate.py from
//! the same fixture CSVs.
//!
//! Tolerances: closed forms 1e-9 relative; anything that goes through a probability
//! distribution (quantiles, p-values, interval bounds) 1e-6 relative.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, Dataset};
use indicators::report::{GroupReport, VariableSummary};
use indicators::{
    barrier_point, benjamini_hochberg, compare_units, compare_waves, group_report, holm,
    key_drivers, unit_agreement, units_vs_rest, DriverOutcome, GroupStats, Headcount, Scale,
    StageDimensions, Suppressible, Threshold, Variable,
};
use serde_json::Value;

const CLOSED: f64 = 1e-9;
const DIST: f64 = 1e-6;

#[derive(Default)]
struct Checker {
    checked: usize,
    failures: Vec<String>,
}

impl Checker {
    fn num(&mut self, what: &str, actual: f64, expected: &Value, tol: f64) {
        let expected = expected
            .as_f64()
            .unwrap_or_else(|| panic!("{what}: reference is not a number: {expected}"));
        self.checked += 1;
        // relative, with a floor for values that are zero up to rounding
        // written so that NaN fails
        let within = (actual - expected).abs() <= tol * expected.abs() + 1e-14;
        if !within {
            self.failures
                .push(format!("{what}: engine {actual:e}, reference {expected:e}"));
        }
    }

    fn opt(&mut self, what: &str, actual: Option<f64>, expected: &Value, tol: f64) {
        match (actual, expected.is_null()) {
            (Some(a), false) => self.num(what, a, expected, tol),
            (None, true) => self.checked += 1,
            _ => self
                .failures
                .push(format!("{what}: engine {actual:?}, reference {expected}")),
        }
    }

    fn exact<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, actual: T, expected: T) {
        self.checked += 1;
        if actual != expected {
            self.failures
                .push(format!("{what}: engine {actual:?}, reference {expected:?}"));
        }
    }

    fn suppressed<T>(
        &mut self,
        what: &str,
        actual: &Suppressible<T>,
        expected_visible: bool,
    ) -> bool {
        self.exact(
            &format!("{what} visible"),
            !actual.is_suppressed(),
            expected_visible,
        );
        expected_visible && !actual.is_suppressed()
    }

    fn finish(self, name: &str) {
        assert!(
            self.failures.is_empty(),
            "{name}: {} of {} checks failed:\n{}",
            self.failures.len(),
            self.checked,
            self.failures.join("\n")
        );
        println!("{name}: {} values match the reference", self.checked);
        assert!(self.checked > 0);
    }
}

fn reference() -> Value {
    serde_json::from_str(&fixture("reference.json")).unwrap()
}

fn threshold() -> Threshold {
    // The reference suppresses below 3, the lowest threshold the engine allows.
    Threshold::new(3).unwrap()
}

fn dataset(name: &str, r: &Value) -> Dataset {
    let scale = &r["datasets"][name]["scale"];
    let scale = Scale::new(
        scale["min"].as_u64().unwrap() as u8,
        scale["max"].as_u64().unwrap() as u8,
    )
    .unwrap();
    Dataset::load(name, scale)
}

fn variable(ds: &Dataset, key: &str) -> Variable {
    match key.strip_prefix("dim:") {
        Some(d) => Variable::Dimension(ds.instrument.dimension(d).unwrap()),
        None => Variable::Item(ds.instrument.item(key).unwrap()),
    }
}

fn variables(ds: &Dataset) -> Vec<String> {
    let mut v: Vec<String> = ds.instrument.items().iter().map(|i| i.id.clone()).collect();
    v.extend(
        ds.instrument
            .dimensions()
            .iter()
            .map(|d| format!("dim:{}", d.id())),
    );
    v
}

/// (group key, statistics, headcount) of every group the reference describes.
fn groups(ds: &Dataset) -> Vec<(String, GroupStats, Headcount)> {
    let mut out = Vec::new();
    for wave in ds.waves() {
        for (unit, headcount) in &ds.units {
            out.push((
                format!("w{wave}/{unit}"),
                ds.unit_stats(wave, unit),
                *headcount,
            ));
        }
        out.push((
            format!("w{wave}/all"),
            ds.organisation(wave),
            ds.total_headcount(),
        ));
    }
    out
}

fn check_summary(c: &mut Checker, what: &str, s: &VariableSummary, r: &Value, fpc: bool) {
    let d = &s.descriptive;
    c.exact(&format!("{what} n"), d.n, r["n"].as_u64().unwrap());
    c.num(&format!("{what} mean"), d.mean, &r["mean"], CLOSED);
    c.num(&format!("{what} sd"), d.sd, &r["sd"], CLOSED);
    c.num(&format!("{what} median"), d.median, &r["median"], CLOSED);
    c.num(&format!("{what} q1"), d.q1, &r["q1"], CLOSED);
    c.num(&format!("{what} q3"), d.q3, &r["q3"], CLOSED);
    c.num(&format!("{what} iqr"), d.iqr, &r["iqr"], CLOSED);
    c.num(&format!("{what} index"), d.index, &r["index"], CLOSED);
    let ci = if fpc { &r["fpc_ci"] } else { &r["t_ci"] };
    c.num(
        &format!("{what} ci lower (fpc {fpc})"),
        d.mean_ci.lower,
        &ci[0],
        DIST,
    );
    c.num(
        &format!("{what} ci upper (fpc {fpc})"),
        d.mean_ci.upper,
        &ci[1],
        DIST,
    );
    let method_is_fpc = matches!(
        d.mean_ci.method,
        indicators::estimate::MeanIntervalMethod::StudentFinitePopulation { .. }
    );
    c.exact(&format!("{what} ci method fpc"), method_is_fpc, fpc);
    if let indicators::estimate::MeanIntervalMethod::StudentFinitePopulation {
        correction, ..
    } = d.mean_ci.method
    {
        c.num(&format!("{what} fpc factor"), correction, &r["fpc"], CLOSED);
    }
    c.exact(
        &format!("{what} favourable"),
        s.favourable.count,
        r["favourable"].as_u64().unwrap(),
    );
    c.num(
        &format!("{what} wilson lower"),
        s.favourable.ci.lower,
        &r["wilson"][0],
        DIST,
    );
    c.num(
        &format!("{what} wilson upper"),
        s.favourable.ci.upper,
        &r["wilson"][1],
        DIST,
    );
    if let Some(counts) = r.get("counts") {
        let expected: Vec<u64> = counts
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let actual: Vec<u64> = s.distribution.iter().map(|l| l.count).collect();
        c.exact(&format!("{what} distribution"), actual, expected);
    }
}

fn check_group(
    c: &mut Checker,
    ds: &Dataset,
    key: &str,
    report: &GroupReport,
    r: &Value,
    fpc: bool,
) {
    c.exact(
        &format!("{key} respondents"),
        report.respondents,
        r["respondents"].as_u64().unwrap(),
    );
    if fpc {
        let rate = report.response_rate.as_ref().unwrap().rate;
        c.num(
            &format!("{key} response rate"),
            rate,
            &r["response_rate"],
            CLOSED,
        );
    } else {
        c.exact(
            &format!("{key} no response rate"),
            report.response_rate.is_none(),
            true,
        );
    }
    for item in &report.items {
        let ri = &r["items"][&item.item_id];
        let what = format!("{key} item {}", item.item_id);
        let expected = ri["n"].as_u64().unwrap() >= 3;
        if c.suppressed(&what, &item.result, expected) {
            check_summary(
                c,
                &what,
                item.result.visible().unwrap(),
                ri,
                fpc && ri.get("fpc").is_some(),
            );
        }
    }
    for (dim, dr) in ds.instrument.dimensions().iter().zip(&report.dimensions) {
        let rd = &r["dimensions"][dim.id()];
        let what = format!("{key} dimension {}", dim.id());
        if c.suppressed(&what, &dr.score, rd["n"].as_u64().unwrap() >= 3) {
            check_summary(
                c,
                &what,
                dr.score.visible().unwrap(),
                rd,
                fpc && rd.get("fpc").is_some(),
            );
        }
        let rr = &rd["reliability"];
        let what_r = format!("{what} reliability");
        if c.suppressed(&what_r, &dr.reliability, rr["n"].as_u64().unwrap() >= 3) {
            let rel = dr.reliability.visible().unwrap().as_ref().unwrap();
            c.exact(&format!("{what_r} n"), rel.n, rr["n"].as_u64().unwrap());
            c.num(&format!("{what_r} alpha"), rel.alpha, &rr["alpha"], CLOSED);
            c.num(
                &format!("{what_r} feldt lower"),
                rel.alpha_ci.lower,
                &rr["feldt"][0],
                DIST,
            );
            c.num(
                &format!("{what_r} feldt upper"),
                rel.alpha_ci.upper,
                &rr["feldt"][1],
                DIST,
            );
            // pingouin rounds its interval to 3 decimals
            for (bound, expected) in [rel.alpha_ci.lower, rel.alpha_ci.upper]
                .iter()
                .zip(rr["pingouin_ci_rounded"].as_array().unwrap())
            {
                c.checked += 1;
                let e = expected.as_f64().unwrap();
                if (bound - e).abs() > 5e-4 + 1e-12 {
                    c.failures
                        .push(format!("{what_r} pingouin ci: {bound} vs {e}"));
                }
            }
            for (i, item) in rel.item_statistics.iter().enumerate() {
                c.opt(
                    &format!("{what_r} item-rest {}", item.item_id),
                    item.item_rest_correlation,
                    &rr["item_rest"][i],
                    CLOSED,
                );
                c.opt(
                    &format!("{what_r} alpha-if-deleted {}", item.item_id),
                    item.alpha_if_deleted,
                    &rr["alpha_if_deleted"][i],
                    CLOSED,
                );
            }
        }
        let rw = &rd["rwg"];
        if c.suppressed(&format!("{what} rwg"), &dr.agreement, !rw.is_null()) {
            let rwg = dr.agreement.visible().unwrap().as_ref().unwrap();
            c.num(&format!("{what} rwg"), rwg.value, &rw["value"], CLOSED);
            c.num(
                &format!("{what} rwg variance"),
                rwg.mean_item_variance,
                &rw["mean_variance"],
                CLOSED,
            );
        }
    }
}

fn check_dataset(name: &str) {
    let r = reference();
    let ds = dataset(name, &r);
    let rd = &r["datasets"][name];
    let t = threshold();
    let mut c = Checker::default();

    // Groups: with headcount (finite-population correction) and without (plain t).
    for (key, stats, headcount) in groups(&ds) {
        let rg = &rd["groups"][&key];
        assert!(!rg.is_null(), "no reference for {key}");
        for fpc in [true, false] {
            let report = group_report(&ds.instrument, &stats, fpc.then_some(headcount), t).unwrap();
            check_group(&mut c, &ds, &key, report.visible().unwrap(), rg, fpc);
        }
    }

    // Comparisons between units, ICC, each unit against the rest.
    for wave in ds.waves() {
        let units = ds.wave_units(wave);
        let unit_refs: Vec<&GroupStats> = units.values().collect();
        let unit_ids: Vec<&String> = units.keys().collect();
        let organisation = ds.organisation(wave);
        for v in variables(&ds) {
            let rc = &rd["comparisons"][format!("w{wave}")][&v];
            let what = format!("w{wave} {v}");
            let var = variable(&ds, &v);
            let cmp = compare_units(&ds.instrument, &unit_refs, var, t).unwrap();
            let cmp = cmp.visible().unwrap();
            let anova = cmp.anova.as_ref().unwrap();
            let ra = &rc["anova"];
            c.num(&format!("{what} anova F"), anova.f, &ra["f"], CLOSED);
            c.num(
                &format!("{what} anova df1"),
                anova.df_between,
                &ra["df1"],
                CLOSED,
            );
            c.num(
                &format!("{what} anova df2"),
                anova.df_within,
                &ra["df2"],
                CLOSED,
            );
            c.num(&format!("{what} anova p"), anova.p, &ra["p"], DIST);
            c.num(
                &format!("{what} eta2"),
                anova.eta_squared,
                &ra["eta_squared"],
                CLOSED,
            );
            match (&cmp.welch_anova, rc["welch"].is_null()) {
                (Some(w), false) => {
                    let rw = &rc["welch"];
                    c.num(&format!("{what} welch F"), w.f, &rw["f"], CLOSED);
                    c.num(&format!("{what} welch df1"), w.df1, &rw["df1"], CLOSED);
                    c.num(&format!("{what} welch df2"), w.df2, &rw["df2"], CLOSED);
                    c.num(&format!("{what} welch p"), w.p, &rw["p"], DIST);
                }
                (None, true) => c.checked += 1,
                (a, _) => c
                    .failures
                    .push(format!("{what} welch: {a:?} vs {}", rc["welch"])),
            }
            let kw = cmp.kruskal_wallis.as_ref().unwrap();
            let rk = &rc["kruskal"];
            c.num(&format!("{what} kruskal H"), kw.h, &rk["h"], CLOSED);
            c.num(&format!("{what} kruskal df"), kw.df, &rk["df"], CLOSED);
            c.num(&format!("{what} kruskal p"), kw.p, &rk["p"], DIST);
            c.num(
                &format!("{what} epsilon2"),
                kw.epsilon_squared,
                &rk["epsilon_squared"],
                CLOSED,
            );

            let icc = unit_agreement(&ds.instrument, &unit_refs, var, t).unwrap();
            let icc = icc.visible().unwrap().as_ref().unwrap();
            let ri = &rc["icc"];
            c.num(&format!("{what} icc1"), icc.icc1, &ri["icc1"], CLOSED);
            c.num(&format!("{what} icc2"), icc.icc2, &ri["icc2"], CLOSED);
            c.num(&format!("{what} icc k0"), icc.group_size, &ri["k0"], CLOSED);
            c.num(&format!("{what} msb"), icc.ms_between, &ri["msb"], CLOSED);
            c.num(&format!("{what} msw"), icc.ms_within, &ri["msw"], CLOSED);

            let vs = units_vs_rest(&ds.instrument, &organisation, &unit_refs, var, t).unwrap();
            for (i, result) in vs.iter().enumerate() {
                let rr = &rc["unit_vs_rest"][i];
                assert_eq!(rr["unit"].as_str().unwrap(), unit_ids[i]);
                let what = format!("{what} {} vs rest", unit_ids[i]);
                let result = result.visible().unwrap();
                let w = result.welch.as_ref().unwrap();
                c.num(&format!("{what} t"), w.t, &rr["t"], CLOSED);
                c.num(&format!("{what} df"), w.df, &rr["df"], CLOSED);
                c.num(&format!("{what} p"), w.p, &rr["p"], DIST);
                c.opt(&format!("{what} holm"), result.p_holm, &rr["p_holm"], DIST);
                c.opt(
                    &format!("{what} bh"),
                    result.p_benjamini_hochberg,
                    &rr["p_bh"],
                    DIST,
                );
            }
        }

        // Key drivers in the whole organisation.
        let rdrv = &rd["drivers"][format!("w{wave}/all")];
        let outcome_id = rdrv["outcome_dimension"].as_str().unwrap();
        let outcome = ds.instrument.dimension(outcome_id).unwrap();
        for (label, which) in [
            ("overall", DriverOutcome::OverallReadiness),
            ("outcome", DriverOutcome::Dimension(outcome)),
        ] {
            let kd = key_drivers(&ds.instrument, &organisation, which, t).unwrap();
            let kd = kd.visible().unwrap();
            c.exact(
                &format!("w{wave} drivers n"),
                kd.n,
                rdrv["n"].as_u64().unwrap(),
            );
            let expected = rdrv[label].as_object().unwrap();
            c.exact(
                &format!("w{wave} {label} driver count"),
                kd.drivers.len(),
                expected.len(),
            );
            for d in &kd.drivers {
                let re = &expected[&d.dimension_id];
                let what = format!("w{wave} {label} driver {}", d.dimension_id);
                c.opt(&format!("{what} r"), d.r, &re["r"], CLOSED);
                c.opt(&format!("{what} p"), d.p, &re["p"], DIST);
            }
        }
    }

    // Two waves: each unit and the organisation.
    let waves = ds.waves();
    if waves.len() == 2 {
        let (w1, w2) = (waves[0], waves[1]);
        let mut pairs: Vec<(String, GroupStats, GroupStats)> = ds
            .units
            .iter()
            .map(|(u, _)| (u.clone(), ds.unit_stats(w1, u), ds.unit_stats(w2, u)))
            .collect();
        pairs.push(("all".into(), ds.organisation(w1), ds.organisation(w2)));
        for (unit, earlier, later) in &pairs {
            for v in variables(&ds) {
                let rw = &rd["waves"][unit][&v];
                let what = format!("waves {unit} {v}");
                let cmp =
                    compare_waves(&ds.instrument, earlier, later, variable(&ds, &v), t).unwrap();
                let cmp = cmp.visible().unwrap();
                let w = cmp.welch.as_ref().unwrap();
                c.num(&format!("{what} t"), w.t, &rw["welch"]["t"], CLOSED);
                c.num(&format!("{what} df"), w.df, &rw["welch"]["df"], CLOSED);
                c.num(&format!("{what} p"), w.p, &rw["welch"]["p"], DIST);
                c.opt(
                    &format!("{what} hedges g"),
                    cmp.hedges_g,
                    &rw["hedges_g"],
                    CLOSED,
                );
                let f = &cmp.favourable;
                let rf = &rw["favourable"];
                c.num(
                    &format!("{what} fav diff"),
                    f.difference,
                    &rf["difference"],
                    CLOSED,
                );
                c.num(
                    &format!("{what} newcombe lower"),
                    f.ci.lower,
                    &rf["newcombe"][0],
                    DIST,
                );
                c.num(
                    &format!("{what} newcombe upper"),
                    f.ci.upper,
                    &rf["newcombe"][1],
                    DIST,
                );
            }
        }
    }

    // Adoption-stage barrier points.
    if let Some(barriers) = rd["barriers"].as_object().filter(|b| !b.is_empty()) {
        let i = &ds.instrument;
        let stages = StageDimensions {
            awareness: i.dimension("awareness").unwrap(),
            desire: i.dimension("desire").unwrap(),
            knowledge: i.dimension("knowledge").unwrap(),
            ability: i.dimension("ability").unwrap(),
            reinforcement: i.dimension("reinforcement").unwrap(),
        };
        let wave = ds.waves()[0];
        for (unit, rb) in barriers {
            let stats = if unit == "all" {
                ds.organisation(wave)
            } else {
                ds.unit_stats(wave, unit)
            };
            let bp = barrier_point(i, &stats, &stages, t).unwrap();
            let bp = bp.visible().unwrap();
            for (s, expected) in bp.stages.iter().zip(rb["means"].as_array().unwrap()) {
                c.num(
                    &format!("barrier {unit} {:?} mean", s.stage),
                    s.mean,
                    expected,
                    CLOSED,
                );
            }
            let actual = serde_json::to_value(bp.first_barrier).unwrap();
            c.exact(
                &format!("barrier {unit}"),
                actual,
                rb["first_barrier"].clone(),
            );
        }
    }

    c.finish(&format!("dataset {name}"));
}

#[test]
fn dataset_a_five_point_two_waves() {
    check_dataset("a");
}

#[test]
fn dataset_b_six_point_adoption_stages() {
    check_dataset("b");
}

#[test]
fn p_value_adjustment_matches_statsmodels() {
    let r = reference();
    let pa = &r["p_adjust"];
    let p: Vec<f64> = pa["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let mut c = Checker::default();
    for (a, e) in holm(&p).unwrap().iter().zip(pa["holm"].as_array().unwrap()) {
        c.num("holm", *a, e, CLOSED);
    }
    for (a, e) in benjamini_hochberg(&p)
        .unwrap()
        .iter()
        .zip(pa["bh"].as_array().unwrap())
    {
        c.num("bh", *a, e, CLOSED);
    }
    c.finish("p adjustment");
}

#[test]
fn reference_records_package_versions() {
    let r = reference();
    for package in ["numpy", "pandas", "scipy", "statsmodels", "pingouin"] {
        assert!(
            r["versions"][package].is_string(),
            "{package} version missing"
        );
    }
}
