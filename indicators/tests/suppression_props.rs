//! Property tests of complementary suppression: random unit trees with random
//! responses; after suppression an attacker who knows every visible figure (and, to be
//! safe, the size of each unit's direct group) tries to recover a suppressed unit's n,
//! answer sum or mean by subtraction, and must fail.
#![allow(clippy::unwrap_used)]
// Nodes are indices into several parallel vectors; index loops read best here.
#![allow(clippy::needless_range_loop)]

use indicators::report::GroupReport;
use indicators::{
    group_report, plan_disclosure, Disclosure, GroupStats, Instrument, Item, Scale, Threshold,
    UnitNode, UnitTree,
};
use proptest::prelude::*;

struct Case {
    parents: Vec<Option<usize>>,
    /// Respondents attached directly to each node.
    direct: Vec<u64>,
    /// Subtree totals.
    n: Vec<u64>,
    children: Vec<Vec<usize>>,
}

impl Case {
    fn new(spec: &[(usize, u64)]) -> Self {
        let parents: Vec<Option<usize>> = spec
            .iter()
            .enumerate()
            .map(|(i, &(p, _))| (i > 0).then(|| p % i))
            .collect();
        let direct: Vec<u64> = spec.iter().map(|&(_, d)| d).collect();
        let mut children = vec![Vec::new(); spec.len()];
        for (i, p) in parents.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        let mut n = direct.clone();
        for i in (1..spec.len()).rev() {
            let p = parents[i].unwrap();
            n[p] += n[i];
        }
        Self {
            parents,
            direct,
            n,
            children,
        }
    }

    fn tree(&self) -> UnitTree {
        let nodes: Vec<UnitNode> = self
            .parents
            .iter()
            .zip(&self.n)
            .map(|(&parent, &respondents)| UnitNode {
                parent,
                respondents,
            })
            .collect();
        UnitTree::new(&nodes).unwrap()
    }
}

/// Is unknown `target` determined by the linear system rows * x = known? Gaussian
/// elimination (exact for these small integer systems up to 1e-9).
fn determined(rows: &[Vec<f64>], target: usize, unknowns: usize) -> bool {
    let mut m: Vec<Vec<f64>> = rows.to_vec();
    let mut pivots = Vec::new();
    let mut row = 0;
    for col in 0..unknowns {
        let Some(p) = (row..m.len()).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
        else {
            break;
        };
        if m[p][col].abs() < 1e-9 {
            continue;
        }
        m.swap(row, p);
        let pivot = m[row][col];
        m[row].iter_mut().for_each(|v| *v /= pivot);
        for r in 0..m.len() {
            if r != row && m[r][col].abs() > 1e-12 {
                let f = m[r][col];
                let pivot_row = m[row].clone();
                m[r].iter_mut()
                    .zip(&pivot_row)
                    .for_each(|(v, p)| *v -= f * p);
            }
        }
        pivots.push((row, col));
        row += 1;
    }
    // e_target is in the row space iff reducing it by the pivot rows leaves zero
    let mut v: Vec<f64> = vec![0.0; unknowns];
    v[target] = 1.0;
    for &(r, c) in &pivots {
        let f = v[c];
        if f.abs() > 1e-12 {
            v.iter_mut().zip(&m[r]).for_each(|(x, p)| *x -= f * p);
        }
    }
    v.iter().all(|x| x.abs() < 1e-9)
}

/// Equations n(P) = direct(P) + sum n(children) over the unknowns. `with_direct`: the
/// direct groups' values are unknown too (answer sums); otherwise known (counts).
struct System {
    rows: Vec<Vec<f64>>,
    unknowns: usize,
    node_col: Vec<Option<usize>>,
    direct_col: Vec<Option<usize>>,
}

fn system(case: &Case, visible: &[bool], with_direct: bool) -> System {
    let len = case.n.len();
    let mut node_col = vec![None; len];
    let mut direct_col = vec![None; len];
    let mut cols = 0;
    for i in 0..len {
        if !visible[i] {
            node_col[i] = Some(cols);
            cols += 1;
        }
    }
    for i in 0..len {
        if with_direct && !case.children[i].is_empty() && case.direct[i] > 0 {
            direct_col[i] = Some(cols);
            cols += 1;
        }
    }
    let mut rows = Vec::new();
    for p in 0..len {
        if case.children[p].is_empty() {
            continue;
        }
        let mut row = vec![0.0; cols];
        if let Some(c) = node_col[p] {
            row[c] += 1.0;
        }
        for &ch in &case.children[p] {
            if let Some(c) = node_col[ch] {
                row[c] -= 1.0;
            }
        }
        if let Some(c) = direct_col[p] {
            row[c] -= 1.0;
        }
        rows.push(row);
    }
    System {
        rows,
        unknowns: cols,
        node_col,
        direct_col,
    }
}

fn tree_spec() -> impl Strategy<Value = (Vec<(usize, u64)>, u32)> {
    (
        prop::collection::vec(
            (
                0usize..64,
                prop_oneof![3 => 0u64..4, 2 => 0u64..15, 1 => Just(0u64)],
            ),
            1..14,
        ),
        3u32..=7,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_small_group_is_recoverable_by_linear_algebra((spec, t) in tree_spec()) {
        let case = Case::new(&spec);
        let threshold = Threshold::new(t).unwrap();
        let plan = plan_disclosure(&case.tree(), threshold);
        let visible: Vec<bool> = (0..case.n.len()).map(|i| plan.is_visible(i)).collect();
        let small = |n: u64| n > 0 && n < u64::from(t);

        for i in 0..case.n.len() {
            // primary suppression
            if case.n[i] < u64::from(t) {
                prop_assert!(!visible[i], "node {i} with n {} is visible", case.n[i]);
            }
        }
        // counts: direct sizes known to the attacker
        let sys = system(&case, &visible, false);
        for i in 0..case.n.len() {
            if let Some(c) = sys.node_col[i] {
                if small(case.n[i]) {
                    prop_assert!(!determined(&sys.rows, c, sys.unknowns), "n of node {i} recoverable: {:?} {:?}", case.n, visible);
                }
            }
        }
        // answer sums: direct groups' answers unknown
        let sys = system(&case, &visible, true);
        for i in 0..case.n.len() {
            if let Some(c) = sys.node_col[i] {
                if small(case.n[i]) {
                    prop_assert!(!determined(&sys.rows, c, sys.unknowns), "sum of node {i} recoverable");
                }
            }
            if let Some(c) = sys.direct_col[i] {
                if small(case.direct[i]) {
                    prop_assert!(!determined(&sys.rows, c, sys.unknowns), "direct group of {i} recoverable");
                }
            }
        }
        // the literal rule: visible parent minus visible children is 0 or >= threshold
        for p in 0..case.n.len() {
            if visible[p] && !case.children[p].is_empty() {
                let shown: u64 = case.children[p].iter().filter(|&&c| visible[c]).map(|&c| case.n[c]).sum();
                prop_assert!(!small(case.n[p] - shown), "residual under {p} is {}", case.n[p] - shown);
            }
        }
    }

    #[test]
    fn subtracting_visible_reports_recovers_nothing(
        (spec, t) in tree_spec(),
        seed in any::<u64>(),
    ) {
        let case = Case::new(&spec);
        let threshold = Threshold::new(t).unwrap();
        let instrument = Instrument::new(
            Scale::new(1, 5).unwrap(),
            vec![Item { id: "q".into(), dimension: "d".into(), reverse_keyed: false }],
        ).unwrap();
        // answers of each node's direct respondents, from a simple LCG
        let mut state = seed | 1;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % 5 + 1
        };
        let len = case.n.len();
        let mut direct_sum = vec![0u64; len];
        let mut subtree: Vec<GroupStats> = (0..len).map(|_| GroupStats::new(&instrument)).collect();
        for (i, stats) in subtree.iter_mut().enumerate() {
            for _ in 0..case.direct[i] {
                let v = next();
                direct_sum[i] += v;
                stats.add_response(&instrument, &[Some(v as u8)]).unwrap();
            }
        }
        for i in (1..len).rev() {
            let child = subtree[i].clone();
            subtree[case.parents[i].unwrap()].merge(&child).unwrap();
        }
        let mut sums = direct_sum.clone();
        for i in (1..len).rev() {
            sums[case.parents[i].unwrap()] += sums[i];
        }
        let plan: Disclosure = plan_disclosure(&case.tree(), threshold);
        // What the attacker sees: published reports only.
        let published: Vec<Option<GroupReport>> = (0..len)
            .map(|i| plan.apply(i, group_report(&instrument, &subtree[i], None, threshold).unwrap()).into_visible())
            .collect();
        let seen = |i: usize| published[i].as_ref().map(|r| {
            let s = r.items[0].result.visible().unwrap();
            (r.respondents, (s.descriptive.mean * s.descriptive.n as f64).round() as u64)
        });
        for p in 0..len {
            let Some((n_p, sum_p)) = seen(p) else { continue };
            let hidden: Vec<usize> = case.children[p].iter().copied().filter(|&c| seen(c).is_none()).collect();
            let (n_vis, sum_vis) = case.children[p].iter().filter_map(|&c| seen(c)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            // the residual group: direct respondents plus hidden children
            let residual_n = n_p - n_vis;
            prop_assert!(residual_n == 0 || residual_n >= u64::from(t), "residual {residual_n} under {p}");
            if hidden.len() == 1 {
                // knowing the direct size, the attacker gets the hidden child's n and,
                // when there are no direct respondents, its sum and mean
                let h = hidden[0];
                let n_h = residual_n - case.direct[p];
                prop_assert_eq!(n_h, case.n[h]);
                prop_assert!(n_h == 0 || n_h >= u64::from(t), "hidden child {h} with n {n_h} recovered");
                if case.direct[p] == 0 {
                    prop_assert_eq!(sum_p - sum_vis, sums[h]);
                }
            }
        }
    }

    #[test]
    fn disclosure_never_shows_a_group_below_threshold((spec, t) in tree_spec()) {
        let case = Case::new(&spec);
        let plan = plan_disclosure(&case.tree(), Threshold::new(t).unwrap());
        for i in 0..case.n.len() {
            prop_assert!(!plan.is_visible(i) || case.n[i] >= u64::from(t));
        }
    }
}
