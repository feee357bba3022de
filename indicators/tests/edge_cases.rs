//! Edge cases through the public API: n = 0, n = 1, all missing, zero variance,
//! threshold boundaries, and what a suppressed figure serializes to.
#![allow(clippy::unwrap_used)]

use indicators::{
    compare_units, compare_waves, group_report, key_drivers, unit_agreement, units_vs_rest,
    DriverOutcome, GroupStats, Headcount, IndicatorError, Instrument, Item, Scale, Suppressible,
    Threshold, Variable,
};

fn instrument() -> Instrument {
    let item = |id: &str, dim: &str, reverse_keyed| Item {
        id: id.into(),
        dimension: dim.into(),
        reverse_keyed,
    };
    Instrument::new(
        Scale::new(1, 5).unwrap(),
        vec![
            item("a1", "A", false),
            item("a2", "A", true),
            item("b1", "B", false),
            item("b2", "B", false),
            item("b3", "B", false),
        ],
    )
    .unwrap()
}

fn stats(instrument: &Instrument, responses: &[[Option<u8>; 5]]) -> GroupStats {
    let mut s = GroupStats::new(instrument);
    for r in responses {
        s.add_response(instrument, r).unwrap();
    }
    s
}

const FULL: [Option<u8>; 5] = [Some(4), Some(2), Some(5), Some(4), Some(3)];
const EMPTY: [Option<u8>; 5] = [None; 5];

#[test]
fn empty_and_tiny_groups_are_suppressed_entirely() {
    let inst = instrument();
    let t = Threshold::new(3).unwrap();
    for n in 0..3 {
        let s = stats(&inst, &vec![FULL; n]);
        let report = group_report(&inst, &s, Some(Headcount::new(10).unwrap()), t).unwrap();
        assert!(report.is_suppressed(), "n = {n}");
        assert_eq!(
            serde_json::to_string(&report).unwrap(),
            r#"{"status":"suppressed"}"#,
            "a suppressed group says nothing, not even n"
        );
    }
}

#[test]
fn threshold_boundary() {
    let inst = instrument();
    let five = stats(&inst, &[FULL; 5]);
    let four = stats(&inst, &[FULL; 4]);
    assert!(!group_report(&inst, &five, None, Threshold::DEFAULT)
        .unwrap()
        .is_suppressed());
    assert!(group_report(&inst, &four, None, Threshold::DEFAULT)
        .unwrap()
        .is_suppressed());
    assert!(matches!(
        Threshold::new(2),
        Err(IndicatorError::ThresholdTooLow(2))
    ));
}

#[test]
fn all_missing_respondents_count_but_show_no_figures() {
    let inst = instrument();
    let s = stats(&inst, &[EMPTY; 6]);
    let t = Threshold::DEFAULT;
    let report = group_report(&inst, &s, None, t)
        .unwrap()
        .into_visible()
        .unwrap();
    assert_eq!(report.respondents, 6);
    assert!(report.items.iter().all(|i| i.result.is_suppressed()));
    for d in &report.dimensions {
        assert!(
            d.score.is_suppressed() && d.reliability.is_suppressed() && d.agreement.is_suppressed()
        );
    }
    assert!(key_drivers(&inst, &s, DriverOutcome::OverallReadiness, t)
        .unwrap()
        .is_suppressed());
}

#[test]
fn an_item_few_people_answered_is_hidden_inside_a_visible_group() {
    let inst = instrument();
    let mut responses = vec![[Some(4), None, Some(5), Some(4), Some(3)]; 5];
    responses[0][1] = Some(1);
    responses[1][1] = Some(2);
    let s = stats(&inst, &responses);
    let report = group_report(&inst, &s, None, Threshold::DEFAULT)
        .unwrap()
        .into_visible()
        .unwrap();
    assert!(!report.items[0].result.is_suppressed());
    assert!(report.items[1].result.is_suppressed(), "a2 has 2 answers");
    // dimension A: each respondent answered >= 1 of 2 items, so 5 scores...
    assert!(!report.dimensions[0].score.is_suppressed());
    // ...but only 2 complete cases for alpha, and rwg needs every item's n
    assert!(report.dimensions[0].reliability.is_suppressed());
    assert!(report.dimensions[0].agreement.is_suppressed());
}

#[test]
fn zero_variance_is_undefined_not_an_error() {
    let inst = instrument();
    let s = stats(&inst, &[FULL; 6]);
    let t = Threshold::DEFAULT;
    let report = group_report(&inst, &s, Some(Headcount::new(6).unwrap()), t)
        .unwrap()
        .into_visible()
        .unwrap();
    let item = report.items[0].result.visible().unwrap();
    assert_eq!(item.descriptive.sd, 0.0);
    assert_eq!(
        item.descriptive.mean_ci.lower,
        item.descriptive.mean_ci.upper
    );
    assert_eq!(item.favourable.count, 6);
    // reversed: 2 -> 4
    assert_eq!(
        report.items[1].result.visible().unwrap().descriptive.mean,
        4.0
    );
    assert_eq!(
        report.dimensions[0].reliability,
        Suppressible::Visible(None)
    );
    let rwg = report.dimensions[0]
        .agreement
        .visible()
        .unwrap()
        .as_ref()
        .unwrap();
    assert_eq!(rwg.value, 1.0);

    let var = Variable::Item(inst.item("a1").unwrap());
    let same = stats(&inst, &[FULL; 6]);
    let cmp = compare_units(&inst, &[&s, &same], var, t)
        .unwrap()
        .into_visible()
        .unwrap();
    assert!(cmp.anova.is_none() && cmp.welch_anova.is_none() && cmp.kruskal_wallis.is_none());
    assert_eq!(
        unit_agreement(&inst, &[&s, &same], var, t).unwrap(),
        Suppressible::Visible(None)
    );
    let waves = compare_waves(&inst, &s, &same, var, t)
        .unwrap()
        .into_visible()
        .unwrap();
    assert!(waves.welch.is_none() && waves.hedges_g.is_none());
    assert_eq!(waves.favourable.difference, 0.0);
    let drivers = key_drivers(&inst, &s, DriverOutcome::OverallReadiness, t)
        .unwrap()
        .into_visible()
        .unwrap();
    assert!(drivers.drivers.iter().all(|d| d.r.is_none()));
}

#[test]
fn comparisons_are_gated_on_every_group() {
    let inst = instrument();
    let t = Threshold::DEFAULT;
    let big = stats(&inst, &[FULL; 8]);
    let small = stats(&inst, &[FULL; 3]);
    let var = Variable::Dimension(inst.dimension("B").unwrap());
    assert!(compare_units(&inst, &[&big, &small], var, t)
        .unwrap()
        .is_suppressed());
    assert!(compare_waves(&inst, &big, &small, var, t)
        .unwrap()
        .is_suppressed());
    assert!(unit_agreement(&inst, &[&big, &small], var, t)
        .unwrap()
        .is_suppressed());

    // unit vs rest: the rest (3) is too small as well as the small unit
    let mut org = big.clone();
    org.merge(&small).unwrap();
    let vs = units_vs_rest(&inst, &org, &[&big, &small], var, t).unwrap();
    assert!(vs.iter().all(Suppressible::is_suppressed));
    // a unit that is not part of the organisation
    let outsider = stats(&inst, &[[Some(1), Some(1), Some(1), Some(1), Some(1)]; 5]);
    assert_eq!(
        units_vs_rest(&inst, &org, &[&outsider], var, t),
        Err(IndicatorError::NotASubset)
    );
}

#[test]
fn census_uses_finite_population_correction_and_says_so() {
    let inst = instrument();
    let mut responses = vec![FULL; 5];
    responses[0][0] = Some(1);
    let s = stats(&inst, &responses);
    let t = Threshold::DEFAULT;
    let json = |h| serde_json::to_value(group_report(&inst, &s, h, t).unwrap()).unwrap();
    let census = json(Some(Headcount::new(5).unwrap()));
    let ci = &census["value"]["items"][0]["result"]["value"]["descriptive"]["mean_ci"];
    assert_eq!(ci["method"]["kind"], "student_finite_population");
    assert_eq!(ci["lower"], ci["upper"], "n = N: no sampling error");
    let unknown = json(None);
    let ci = &unknown["value"]["items"][0]["result"]["value"]["descriptive"]["mean_ci"];
    assert_eq!(ci["method"]["kind"], "student");
    assert!(ci["lower"].as_f64().unwrap() < ci["upper"].as_f64().unwrap());
    assert!(unknown["value"]["response_rate"].is_null());
    let stale = json(Some(Headcount::new(4).unwrap()));
    assert_eq!(stale["value"]["response_rate"]["rate"], 1.25);
    let ci = &stale["value"]["items"][0]["result"]["value"]["descriptive"]["mean_ci"];
    assert_eq!(ci["method"]["kind"], "student");
}

#[test]
fn statistics_of_another_instrument_are_rejected() {
    let inst = instrument();
    let other = Instrument::new(Scale::new(1, 6).unwrap(), inst.items().to_vec()).unwrap();
    let s = stats(&inst, &[FULL; 5]);
    assert_eq!(
        group_report(&other, &s, None, Threshold::DEFAULT),
        Err(IndicatorError::InstrumentMismatch)
    );
}
