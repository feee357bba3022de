//! Merging statistics is exact: every indicator computed from merged unit statistics
//! is bit-for-bit the one computed from the pooled responses.
#![allow(clippy::unwrap_used)]

mod common;

use common::Dataset;
use indicators::{
    compare_waves, group_report, key_drivers, units_vs_rest, DriverOutcome, GroupStats, Instrument,
    Item, Scale, Threshold, Variable,
};
use proptest::prelude::*;

fn report_json(instrument: &Instrument, stats: &GroupStats) -> String {
    let t = Threshold::new(3).unwrap();
    let report = group_report(instrument, stats, None, t).unwrap();
    let drivers = key_drivers(instrument, stats, DriverOutcome::OverallReadiness, t).unwrap();
    serde_json::to_string(&(report, drivers)).unwrap()
}

fn datasets() -> Vec<Dataset> {
    vec![
        Dataset::load("a", Scale::new(1, 5).unwrap()),
        Dataset::load("b", Scale::new(1, 6).unwrap()),
    ]
}

#[test]
fn merged_units_equal_pooled_responses() {
    for ds in datasets() {
        for wave in ds.waves() {
            let mut pooled = GroupStats::new(&ds.instrument);
            for r in ds.responses.iter().filter(|r| r.wave == wave) {
                pooled.add_response(&ds.instrument, &r.answers).unwrap();
            }
            let units: Vec<GroupStats> = ds.wave_units(wave).into_values().collect();

            let mut forward = GroupStats::new(&ds.instrument);
            units.iter().for_each(|u| forward.merge(u).unwrap());
            let mut backward = GroupStats::new(&ds.instrument);
            units.iter().rev().for_each(|u| backward.merge(u).unwrap());
            // a two-level tree: pairs of units, then the pairs
            let mut tree = GroupStats::new(&ds.instrument);
            for pair in units.chunks(2) {
                let mut parent = pair[0].clone();
                for u in &pair[1..] {
                    parent.merge(u).unwrap();
                }
                tree.merge(&parent).unwrap();
            }

            assert_eq!(forward, pooled);
            assert_eq!(backward, pooled);
            assert_eq!(tree, pooled);
            let expected = report_json(&ds.instrument, &pooled);
            assert_eq!(report_json(&ds.instrument, &forward), expected);
            assert_eq!(report_json(&ds.instrument, &tree), expected);
        }
    }
}

#[test]
fn incremental_updates_equal_one_pass() {
    for ds in datasets() {
        let mut one_pass = GroupStats::new(&ds.instrument);
        let mut first_half = GroupStats::new(&ds.instrument);
        let mut second_half = GroupStats::new(&ds.instrument);
        let half = ds.responses.len() / 2;
        for (i, r) in ds.responses.iter().enumerate() {
            one_pass.add_response(&ds.instrument, &r.answers).unwrap();
            let target = if i < half {
                &mut first_half
            } else {
                &mut second_half
            };
            target.add_response(&ds.instrument, &r.answers).unwrap();
        }
        first_half.merge(&second_half).unwrap();
        assert_eq!(first_half, one_pass);
    }
}

#[test]
fn rest_of_organisation_by_subtraction_equals_direct() {
    let t = Threshold::new(3).unwrap();
    for ds in datasets() {
        let wave = ds.waves()[0];
        let organisation = ds.organisation(wave);
        let units = ds.wave_units(wave);
        let refs: Vec<&GroupStats> = units.values().collect();
        for v in ds
            .instrument
            .items()
            .iter()
            .map(|i| Variable::Item(ds.instrument.item(&i.id).unwrap()))
            .chain(
                ds.instrument
                    .dimensions()
                    .iter()
                    .map(|d| Variable::Dimension(ds.instrument.dimension(d.id()).unwrap())),
            )
        {
            let by_subtraction = units_vs_rest(&ds.instrument, &organisation, &refs, v, t).unwrap();
            for ((unit, stats), result) in units.iter().zip(&by_subtraction) {
                let mut rest = GroupStats::new(&ds.instrument);
                for r in ds
                    .responses
                    .iter()
                    .filter(|r| r.wave == wave && &r.unit != unit)
                {
                    rest.add_response(&ds.instrument, &r.answers).unwrap();
                }
                // compare_waves(earlier = rest, later = unit) is Welch t of unit - rest
                let direct = compare_waves(&ds.instrument, &rest, stats, v, t).unwrap();
                assert_eq!(
                    result.visible().unwrap().welch,
                    direct.visible().unwrap().welch,
                    "{unit}"
                );
            }
        }
    }
}

fn small_instrument() -> Instrument {
    let item = |id: &str, dim: &str, reverse_keyed| Item {
        id: id.into(),
        dimension: dim.into(),
        reverse_keyed,
    };
    Instrument::new(
        Scale::new(1, 6).unwrap(),
        vec![
            item("a1", "A", false),
            item("a2", "A", true),
            item("a3", "A", false),
            item("b1", "B", false),
            item("b2", "B", true),
            item("c1", "C", false),
            item("c2", "C", false),
            item("c3", "C", false),
            item("c4", "C", true),
            item("c5", "C", false),
        ],
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_partition_merges_exactly(
        responses in prop::collection::vec(
            (prop::collection::vec(prop::option::weighted(0.8, 1u8..=6), 10), 0usize..4),
            0..60,
        ),
        order in 0u64..8,
    ) {
        let instrument = small_instrument();
        let mut pooled = GroupStats::new(&instrument);
        let mut parts = vec![GroupStats::new(&instrument); 4];
        for (answers, part) in &responses {
            pooled.add_response(&instrument, answers).unwrap();
            parts[*part].add_response(&instrument, answers).unwrap();
        }
        // merge the parts in an order drawn from `order`
        let mut indices: Vec<usize> = (0..4).collect();
        indices.rotate_left((order % 4) as usize);
        if order & 4 != 0 { indices.reverse(); }
        let mut merged = GroupStats::new(&instrument);
        for i in indices {
            merged.merge(&parts[i]).unwrap();
        }
        prop_assert_eq!(&merged, &pooled);
        prop_assert_eq!(report_json(&instrument, &merged), report_json(&instrument, &pooled));
    }
}
