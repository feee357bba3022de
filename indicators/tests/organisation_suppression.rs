//! Property test of suppression across the two scopes: random unit trees with random
//! respondents. The attacker sees every visible figure of both scopes (each unit's own
//! respondents, and each unit's subtree) and knows which units are empty; every published
//! group is a sum of "atoms" (each unit's own respondents), so what the attacker can
//! derive is exactly the row space of the visible groups. A suppressed group of 1 to
//! threshold - 1 respondents must not be in it: neither its n nor its answer sums can be
//! recovered, by parent-minus-children differencing or any other combination.
#![allow(clippy::unwrap_used)]
// Atoms and units are indices into parallel vectors; index loops read best here.
#![allow(clippy::needless_range_loop)]

use domain::units::{Headcount, Unit, UnitCode, UnitKind, UnitName};
use indicators::organisation::{Organisation, OrganisationIndicators, Scope};
use indicators::{Instrument, Item, Scale, Threshold};
use proptest::prelude::*;

fn code(i: usize) -> UnitCode {
    UnitCode::parse(&format!("U{i}")).unwrap()
}

struct Case {
    units: Vec<Unit>,
    parent: Vec<Option<usize>>,
    /// Own respondents per unit.
    own: Vec<u64>,
}

impl Case {
    fn new(spec: &[(usize, u64)]) -> Self {
        let parent: Vec<Option<usize>> = (0..spec.len())
            .map(|i| (i > 0).then(|| spec[i].0 % i))
            .collect();
        let units = (0..spec.len())
            .map(|i| Unit {
                code: code(i),
                name: UnitName::parse(&format!("Unit {i}")).unwrap(),
                kind: UnitKind::Lainnya,
                parent: parent[i].map(code),
                headcount: Headcount::new(20).unwrap(),
            })
            .collect();
        Self {
            units,
            parent,
            own: spec.iter().map(|&(_, n)| n).collect(),
        }
    }

    fn has_children(&self, unit: usize) -> bool {
        self.parent.contains(&Some(unit))
    }

    /// The atoms (units' own groups) in a unit's subtree.
    fn subtree(&self, unit: usize) -> Vec<f64> {
        (0..self.units.len())
            .map(|a| {
                let mut node = Some(a);
                while let Some(n) = node {
                    if n == unit {
                        return 1.0;
                    }
                    node = self.parent[n];
                }
                0.0
            })
            .collect()
    }

    fn own_atom(&self, unit: usize) -> Vec<f64> {
        (0..self.units.len())
            .map(|a| f64::from(u8::from(a == unit)))
            .collect()
    }

    /// Every group published in a scope, with its atoms.
    fn groups(&self) -> Vec<(usize, Scope, Vec<f64>)> {
        let mut out = Vec::new();
        for unit in 0..self.units.len() {
            out.push((unit, Scope::Subtree, self.subtree(unit)));
            // A unit without children: its unit scope is the same group.
            if self.has_children(unit) {
                out.push((unit, Scope::Unit, self.own_atom(unit)));
            }
        }
        out
    }
}

fn rank(rows: &[Vec<f64>]) -> usize {
    let mut m = rows.to_vec();
    let cols = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    for col in 0..cols {
        let Some(pivot) =
            (rank..m.len()).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
        else {
            break;
        };
        if m[pivot][col].abs() < 1e-9 {
            continue;
        }
        m.swap(rank, pivot);
        let p = m[rank].clone();
        for r in 0..m.len() {
            if r != rank {
                let f = m[r][col] / p[col];
                if f != 0.0 {
                    m[r].iter_mut().zip(&p).for_each(|(v, q)| *v -= f * q);
                }
            }
        }
        rank += 1;
    }
    rank
}

fn in_row_space(rows: &[Vec<f64>], v: &[f64]) -> bool {
    let mut with = rows.to_vec();
    with.push(v.to_vec());
    rank(&with) == rank(rows)
}

fn visible_n(out: &OrganisationIndicators, unit: usize, scope: Scope) -> Option<u64> {
    out.units[&code(unit)]
        .scope(scope)
        .report
        .visible()
        .map(|r| r.respondents)
}

fn tree_spec() -> impl Strategy<Value = (Vec<(usize, u64)>, u32, u64)> {
    (
        prop::collection::vec(
            (
                0usize..64,
                prop_oneof![3 => 0u64..4, 2 => 0u64..15, 1 => Just(0u64)],
            ),
            1..12,
        ),
        3u32..=7,
        any::<u64>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 384,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_suppressed_small_group_is_recoverable_across_scopes((spec, t, seed) in tree_spec()) {
        let case = Case::new(&spec);
        let threshold = Threshold::new(t).unwrap();
        let instrument = Instrument::new(
            Scale::new(1, 5).unwrap(),
            vec![
                Item { id: "a".into(), dimension: "d".into(), reverse_keyed: false },
                Item { id: "b".into(), dimension: "d".into(), reverse_keyed: true },
            ],
        ).unwrap();
        let mut state = seed | 1;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            Some(((state >> 33) % 5 + 1) as u8)
        };
        let mut responses = Vec::new();
        let mut sums = vec![0u64; case.units.len()];
        for (unit, &n) in case.own.iter().enumerate() {
            for _ in 0..n {
                let answers = vec![next(), next()];
                sums[unit] += u64::from(answers[0].unwrap_or(0));
                responses.push((code(unit), answers));
            }
        }
        let mut organisation = Organisation::from_responses(
            instrument, &case.units, threshold,
            responses.iter().map(|(c, a)| (c, a)),
        ).unwrap();
        let out = organisation.report().unwrap();

        // What the attacker knows: the visible groups, and which atoms are empty.
        let mut known: Vec<Vec<f64>> = Vec::new();
        let mut hidden = Vec::new();
        for (unit, scope, atoms) in case.groups() {
            let n: u64 = atoms.iter().zip(&case.own).map(|(&a, &o)| (a as u64) * o).sum();
            match visible_n(out, unit, scope) {
                Some(shown) => {
                    prop_assert!(threshold.allows(shown));
                    prop_assert_eq!(shown, n, "published n of U{} {:?}", unit, scope);
                    // The published mean of item a times n is the atoms' answer sum.
                    let report = out.units[&code(unit)].scope(scope).report.visible().unwrap();
                    if let Some(item) = report.items[0].result.visible() {
                        let sum: u64 = atoms.iter().zip(&sums).map(|(&a, &s)| (a as u64) * s).sum();
                        prop_assert!((item.descriptive.mean * n as f64 - sum as f64).abs() < 1e-6);
                    }
                    known.push(atoms);
                }
                None => hidden.push((unit, scope, atoms, n)),
            }
        }
        for (atom, &n) in case.own.iter().enumerate() {
            if n == 0 {
                known.push(case.own_atom(atom));
            }
        }
        for (unit, scope, atoms, n) in &hidden {
            if *n > 0 && !threshold.allows(*n) {
                prop_assert!(
                    !in_row_space(&known, atoms),
                    "hidden U{} {:?} (n = {}) is derivable; own = {:?}, parents = {:?}, t = {}",
                    unit, scope, n, case.own, case.parent, t
                );
            }
        }

        // The literal attack: a visible subtree minus its visible own group and visible
        // child subtrees leaves nobody or at least the threshold.
        for unit in 0..case.units.len() {
            let Some(total) = visible_n(out, unit, Scope::Subtree) else { continue };
            if !case.has_children(unit) {
                continue;
            }
            let mut covered = visible_n(out, unit, Scope::Unit).unwrap_or(0);
            for child in (0..case.units.len()).filter(|&c| case.parent[c] == Some(unit)) {
                covered += visible_n(out, child, Scope::Subtree).unwrap_or(0);
            }
            let residual = total - covered;
            prop_assert!(residual == 0 || threshold.allows(residual), "U{unit}: residual {residual}");
        }
    }
}
