//! The organisation pipeline: rollups equal pooled computation, incremental equals batch,
//! the JSON shape, filters, heatmap cells, and the responses CSV feeding it.
#![allow(clippy::unwrap_used)]

use domain::instrument::default_instrument;
use domain::responses::{read_responses, write_responses, ParsedResponse};
use domain::units::{Headcount as Employees, Unit, UnitCode, UnitKind, UnitName};
use indicators::organisation::{IndicatorFilter, Organisation, OrganisationError, Scope};
use indicators::report::GroupReport;
use indicators::{group_report, GroupStats, Headcount, Instrument, Suppressible, Threshold};
use std::num::NonZeroUsize;

/// Responses as the pipeline takes them: unit and raw answers in item order.
type Responses = Vec<(UnitCode, Vec<Option<u8>>)>;

fn unit(code: &str, parent: Option<&str>, headcount: u32) -> Unit {
    Unit {
        code: UnitCode::parse(code).unwrap(),
        name: UnitName::parse(&format!("Unit {code}")).unwrap(),
        kind: UnitKind::Lainnya,
        parent: parent.map(|p| UnitCode::parse(p).unwrap()),
        headcount: Employees::new(headcount).unwrap(),
    }
}

/// A small organisation and how many respond in each unit (its own respondents).
fn organisation_units() -> Vec<(Unit, usize)> {
    vec![
        (unit("DKI", None, 10), 0),
        (unit("DKI.A", Some("DKI"), 12), 8),
        (unit("DKI.A.1", Some("DKI.A"), 40), 30),
        (unit("DKI.A.2", Some("DKI.A"), 30), 25),
        (unit("DKI.B", Some("DKI"), 50), 40),
        (unit("DKI.C", Some("DKI"), 5), 2),
        (unit("DKI.C.1", Some("DKI.C"), 15), 12),
        (unit("DKI.C.2", Some("DKI.C"), 4), 3),
    ]
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Responses to the default survey; DKI.B answers favourably, about 5% skipped.
fn responses(instrument: &Instrument) -> Responses {
    let mut rng = Lcg(42);
    let mut out = Vec::new();
    for (unit, count) in organisation_units() {
        let favourable = unit.code.as_str() == "DKI.B";
        for _ in 0..count {
            let answers = instrument
                .items()
                .iter()
                .map(|item| {
                    if rng.below(20) == 0 {
                        return None;
                    }
                    let agree = if favourable {
                        4 + rng.below(2)
                    } else {
                        1 + rng.below(5)
                    } as u8;
                    Some(if item.reverse_keyed { 6 - agree } else { agree })
                })
                .collect();
            out.push((unit.code.clone(), answers));
        }
    }
    out
}

fn setup() -> (Instrument, Vec<Unit>, Responses) {
    let instrument = Instrument::try_from(&default_instrument()).unwrap();
    let units: Vec<Unit> = organisation_units().into_iter().map(|(u, _)| u).collect();
    let responses = responses(&instrument);
    (instrument, units, responses)
}

fn batch(
    instrument: &Instrument,
    units: &[Unit],
    responses: &[(UnitCode, Vec<Option<u8>>)],
) -> Organisation {
    Organisation::from_responses(
        instrument.clone(),
        units,
        Threshold::DEFAULT,
        responses.iter().map(|(code, answers)| (code, answers)),
    )
    .unwrap()
}

/// The report of the pooled responses of `codes`, computed directly.
fn pooled(
    instrument: &Instrument,
    responses: &[(UnitCode, Vec<Option<u8>>)],
    codes: &[&str],
    headcount: u64,
) -> Suppressible<GroupReport> {
    let mut stats = GroupStats::new(instrument);
    for (code, answers) in responses {
        if codes.contains(&code.as_str()) {
            stats.add_response(instrument, answers).unwrap();
        }
    }
    group_report(
        instrument,
        &stats,
        Some(Headcount::new(headcount).unwrap()),
        Threshold::DEFAULT,
    )
    .unwrap()
}

#[test]
fn rollups_equal_the_pooled_computation() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let out = organisation.report().unwrap();
    let all: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();

    let root = out.unit("DKI").unwrap();
    assert_eq!(root.subtree.headcount, 166);
    assert_eq!(
        root.subtree.report,
        pooled(&instrument, &responses, &all, 166),
        "the organisation's subtree is every response, bit for bit"
    );
    assert_eq!(root.subtree.report.visible().unwrap().respondents, 120);
    let a = out.unit("DKI.A").unwrap();
    assert_eq!(
        a.subtree.report,
        pooled(
            &instrument,
            &responses,
            &["DKI.A", "DKI.A.1", "DKI.A.2"],
            82
        )
    );
    assert_eq!(
        a.unit.report,
        pooled(&instrument, &responses, &["DKI.A"], 12),
        "the unit scope is the unit's own respondents"
    );
    let leaf = out.unit("DKI.A.1").unwrap();
    assert_eq!(
        leaf.unit, leaf.subtree,
        "a leaf's scopes are the same group"
    );
    assert_eq!(
        leaf.subtree.report,
        pooled(&instrument, &responses, &["DKI.A.1"], 40)
    );
}

#[test]
fn small_groups_and_their_complements_are_hidden_in_both_scopes() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let out = organisation.report().unwrap();
    let shown =
        |code: &str, scope: Scope| !out.unit(code).unwrap().scope(scope).report.is_suppressed();
    // Own respondents of DKI (0), DKI.C (2) and DKI.C.2 (3) are below 5.
    assert!(!shown("DKI", Scope::Unit));
    assert!(!shown("DKI.C", Scope::Unit));
    assert!(!shown("DKI.C.2", Scope::Subtree));
    // DKI.C's subtree is 17 = 2 own + 12 + 3. If it is shown, what its visible parts do
    // not cover must be 0 or at least 5, so no subtraction isolates a small group.
    if shown("DKI.C", Scope::Subtree) {
        let visible_children = ["DKI.C.1", "DKI.C.2"]
            .iter()
            .filter(|c| shown(c, Scope::Subtree))
            .map(|c| {
                out.unit(c)
                    .unwrap()
                    .subtree
                    .report
                    .visible()
                    .unwrap()
                    .respondents
            })
            .sum::<u64>();
        let residual = 17 - visible_children;
        assert!(residual == 0 || residual >= 5, "residual {residual}");
    }
    // DKI.A has 8 own respondents: its unit scope is shown, and subtree(DKI.A) minus its
    // children's subtrees equals exactly that visible group.
    assert!(shown("DKI.A", Scope::Unit));
}

#[test]
fn incremental_updates_equal_the_batch() {
    let (instrument, units, responses) = setup();
    let mut expected = batch(&instrument, &units, &responses);
    let expected = expected.report().unwrap().clone();

    let mut organisation =
        Organisation::new(instrument.clone(), &units, Threshold::DEFAULT).unwrap();
    // Reverse order, with reports in between: caches must follow every change, including
    // plans that change as units pass the threshold.
    for (i, (code, answers)) in responses.iter().rev().enumerate() {
        organisation.add_response(code, answers).unwrap();
        if i % 17 == 0 {
            organisation.report().unwrap();
        }
    }
    assert_eq!(organisation.report().unwrap(), &expected);

    let by_id = organisation.unit_id("DKI.B").unwrap();
    let extra = &responses
        .iter()
        .find(|(c, _)| c.as_str() == "DKI.B")
        .unwrap()
        .1;
    organisation.add_response_to(by_id, extra).unwrap();
    let after = organisation.report().unwrap();
    assert_eq!(
        after
            .unit("DKI")
            .unwrap()
            .subtree
            .report
            .visible()
            .unwrap()
            .respondents,
        121
    );
}

#[test]
fn any_number_of_workers_gives_the_same_result() {
    let (instrument, units, responses) = setup();
    // Enough responses for the batch to be split between workers.
    let many: Vec<_> = responses.iter().cycle().take(45_000).cloned().collect();
    let run = |workers: usize| {
        let mut organisation = Organisation::from_responses_on(
            NonZeroUsize::new(workers).unwrap(),
            instrument.clone(),
            &units,
            Threshold::DEFAULT,
            many.iter().map(|(code, answers)| (code, answers)),
        )
        .unwrap();
        organisation.report().unwrap().clone()
    };
    let one = run(1);
    assert_eq!(run(2), one);
    assert_eq!(run(4), one);
}

#[test]
fn bad_input_changes_nothing() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let before = organisation.report().unwrap().clone();
    let unknown = UnitCode::parse("DKI.X").unwrap();
    assert_eq!(
        organisation.add_response(&unknown, &responses[0].1),
        Err(OrganisationError::UnknownUnit("DKI.X".into()))
    );
    assert!(organisation
        .add_response(&responses[0].0, &[Some(1)])
        .is_err());
    let mut off_scale = responses[0].1.clone();
    off_scale[3] = Some(9);
    assert!(organisation
        .add_response(&responses[0].0, &off_scale)
        .is_err());
    assert_eq!(organisation.report().unwrap(), &before);

    let mut with_unknown = responses.clone();
    with_unknown.push((unknown, responses[0].1.clone()));
    for workers in [1, 2] {
        let result = Organisation::from_responses_on(
            NonZeroUsize::new(workers).unwrap(),
            instrument.clone(),
            &units,
            Threshold::DEFAULT,
            with_unknown.iter().map(|(c, a)| (c, a)),
        );
        assert!(matches!(result, Err(OrganisationError::UnknownUnit(_))));
    }
}

#[test]
fn heatmap_cells_flag_the_different_unit_and_hide_hidden_units() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let out = organisation.report().unwrap();
    let b = out.unit("DKI.B").unwrap();
    assert_eq!(b.vs_rest.len(), instrument.dimensions().len());
    let cell = b.vs_rest[0].result.visible().unwrap();
    assert!(cell.comparison.unit_mean > cell.comparison.rest_mean);
    assert!(cell.significant_holm && cell.significant_benjamini_hochberg);
    for unit in out.units.values() {
        if unit.subtree.report.is_suppressed() {
            assert!(unit.vs_rest.iter().all(|c| c.result.is_suppressed()));
        }
    }
    // The whole organisation against an empty rest: nothing to compare.
    assert!(out.unit("DKI").unwrap().vs_rest[0].result.is_suppressed());
}

#[test]
fn json_shape_is_stable() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let json = serde_json::to_value(organisation.report().unwrap()).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&json), ["dimensions", "root", "threshold", "units"]);
    assert_eq!(json["threshold"], 5);
    assert_eq!(json["root"], "DKI");
    assert_eq!(json["dimensions"][0], "kesesuaian");
    let a = &json["units"]["DKI.A"];
    assert_eq!(
        keys(a),
        ["children", "code", "depth", "kind", "name", "parent", "subtree", "unit", "vs_rest"]
    );
    assert_eq!(a["parent"], "DKI");
    assert_eq!(a["kind"], "lainnya");
    assert_eq!(a["children"], serde_json::json!(["DKI.A.1", "DKI.A.2"]));
    assert_eq!(keys(&a["subtree"]), ["headcount", "report"]);
    assert_eq!(a["subtree"]["report"]["status"], "visible");
    assert_eq!(a["subtree"]["report"]["value"]["respondents"], 63);
    assert_eq!(
        json["units"]["DKI"]["unit"]["report"],
        serde_json::json!({"status": "suppressed"})
    );
    let cell = &json["units"]["DKI.B"]["vs_rest"][0];
    assert_eq!(cell["dimension_id"], "kesesuaian");
    assert_eq!(
        keys(&cell["result"]["value"]),
        [
            "p_benjamini_hochberg",
            "p_holm",
            "rest_mean",
            "significant_benjamini_hochberg",
            "significant_holm",
            "unit_mean",
            "welch"
        ]
    );
}

#[test]
fn filters_select_by_depth_subtree_and_dimension() {
    let (instrument, units, responses) = setup();
    let mut organisation = batch(&instrument, &units, &responses);
    let out = organisation.report().unwrap();
    let codes = |units: Vec<&indicators::UnitIndicators>| -> Vec<String> {
        units.iter().map(|u| u.code.to_string()).collect()
    };
    assert_eq!(
        codes(out.at_depth(1).collect()),
        ["DKI.A", "DKI.B", "DKI.C"]
    );
    assert_eq!(
        codes(out.subtree_of("DKI.A").unwrap()),
        ["DKI.A", "DKI.A.1", "DKI.A.2"]
    );
    let filter = IndicatorFilter {
        root: Some(UnitCode::parse("DKI.A").unwrap()),
        depth: Some(2),
        dimension: Some("komitmen".into()),
        ..IndicatorFilter::default()
    };
    let part = out.filtered(&filter).unwrap();
    assert_eq!(part.dimensions, ["komitmen"]);
    assert_eq!(
        part.units.keys().map(|c| c.as_str()).collect::<Vec<_>>(),
        ["DKI.A.1", "DKI.A.2"]
    );
    let leaf = &part.units.values().next().unwrap().subtree;
    let report = leaf.report.visible().unwrap();
    assert!(report.items.iter().all(|i| i.dimension_id == "komitmen"));
    assert_eq!(report.dimensions.len(), 1);
    assert_eq!(part.units.values().next().unwrap().vs_rest.len(), 1);
    // Filtering selects published figures only: they are the same values.
    assert_eq!(
        report.dimensions[0],
        out.unit("DKI.A.1")
            .unwrap()
            .subtree
            .report
            .visible()
            .unwrap()
            .dimensions
            .iter()
            .find(|d| d.dimension_id == "komitmen")
            .unwrap()
            .clone()
    );
    let max = out
        .filtered(&IndicatorFilter {
            max_depth: Some(0),
            ..IndicatorFilter::default()
        })
        .unwrap();
    assert_eq!(max.units.len(), 1);
    assert!(matches!(
        out.filtered(&IndicatorFilter {
            dimension: Some("nope".into()),
            ..IndicatorFilter::default()
        }),
        Err(OrganisationError::UnknownDimension(_))
    ));
    assert!(out.subtree_of("NOPE").is_err());
    let parsed: IndicatorFilter =
        serde_json::from_str(r#"{"root":"DKI.C","max_depth":2}"#).unwrap();
    assert_eq!(parsed.max_depth, Some(2));
}

#[test]
fn a_responses_csv_feeds_the_pipeline() {
    let survey = default_instrument();
    let instrument = Instrument::try_from(&survey).unwrap();
    let (_, units, responses) = setup();
    let parsed: Vec<ParsedResponse> = responses
        .iter()
        .filter(|(_, answers)| answers.iter().all(Option::is_some))
        .map(|(code, answers)| {
            let items = survey
                .items()
                .zip(answers)
                .map(|(item, a)| (item.id().to_string(), *a))
                .collect();
            let answers = survey
                .validate_answers(&domain::instrument::Answers {
                    items,
                    ..Default::default()
                })
                .unwrap();
            ParsedResponse::new(code.clone(), answers)
        })
        .collect();
    let csv = write_responses(&survey, &parsed);
    let read = read_responses(csv.as_bytes(), &survey, &units).unwrap();
    let values: Responses = read
        .iter()
        .map(|r| (r.unit.clone(), r.item_values(&survey)))
        .collect();
    let direct: Responses = responses
        .iter()
        .filter(|(_, answers)| answers.iter().all(Option::is_some))
        .cloned()
        .collect();
    assert_eq!(values, direct);
    let mut from_csv = batch(&instrument, &units, &values);
    let mut from_memory = batch(&instrument, &units, &direct);
    assert_eq!(from_csv.report().unwrap(), from_memory.report().unwrap());
}

#[test]
fn the_demo_organisation_is_planned_in_one_tree() {
    let units = domain::demo::demo_organisation();
    let instrument = Instrument::try_from(&default_instrument()).unwrap();
    let mut rng = Lcg(9);
    // A handful of respondents per unit: many groups below the threshold.
    let responses: Responses = units
        .iter()
        .flat_map(|u| {
            let n = rng.below(9);
            (0..n)
                .map(|_| {
                    let answers = (0..instrument.items().len())
                        .map(|_| Some(1 + rng.below(5) as u8))
                        .collect();
                    (u.code.clone(), answers)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut organisation = batch(&instrument, &units, &responses);
    let out = organisation.report().unwrap();
    assert_eq!(out.units.len(), 389);
    let t = 5;
    // For every visible subtree: minus visible child subtrees and the visible own group,
    // what is left is 0 or at least the threshold.
    for unit in out.units.values() {
        let Some(report) = unit.subtree.report.visible() else {
            continue;
        };
        if unit.children.is_empty() {
            continue;
        }
        let mut covered = unit.unit.report.visible().map_or(0, |r| r.respondents);
        for child in &unit.children {
            covered += out.units[child]
                .subtree
                .report
                .visible()
                .map_or(0, |r| r.respondents);
        }
        let residual = report.respondents - covered;
        assert!(
            residual == 0 || residual >= t,
            "{}: residual {residual}",
            unit.code
        );
    }
}
