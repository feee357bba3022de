//! Complementary suppression in a tree of units.
//!
//! A unit's figures are published for its whole subtree (the unit and everything under
//! it). Hiding small units is not enough: "Dinas X" (n = 40) minus its visible bidang
//! (n = 17 + 20) gives the 3 respondents of the hidden bidang, and their mean follows
//! from the visible means the same way. [`plan_disclosure`] hides more units until no
//! such subtraction works.
//!
//! Model. Node n counts the respondents of the whole subtree; the respondents attached
//! to an internal node itself (not to any child) form its "direct" group, which the
//! engine never reports on its own (a caller that does report it should add it as a leaf
//! child). The attacker knows every visible node's n and answer sums and, to be safe,
//! the size of every direct group (headcounts are semi-public), but not the answers of
//! hidden or direct groups. Each internal node P gives the equations
//! n(P) = direct(P) + sum n(children) and the same for answer sums.
//!
//! Rules, applied until none is broken (each round hides one more unit, so it ends):
//! 1. primary: a node with n < threshold is hidden;
//! 2. no hidden node with 1..threshold-1 respondents may have its n or its sums
//!    determined by the equations (with direct sizes known this is the classic "exactly
//!    one hidden child" case);
//! 3. for every node whose sums are known, the respondents not covered by its nearest
//!    known descendants (its residual: direct group plus undetermined children) must
//!    number 0 or at least the threshold ("parent minus visible children" must not be a
//!    group of 1..threshold-1).
//!
//! When a rule is broken under node P, the next-smallest visible child of P is hidden
//! (then, if none is left, the smallest visible deeper descendant, then P itself, then
//! the same one level up). Which rule fired is never published: a "why hidden" flag
//! would itself bound the hidden n.
//!
//! A unit with zero respondents has no answers to protect; it is hidden but its
//! emptiness is not protected, so it never forces another unit to be hidden.

use serde::{Deserialize, Serialize};

use crate::error::{IndicatorError, Result};
use crate::suppression::threshold::{Suppressible, Threshold};

/// A unit in the tree: its parent (index of an earlier node) and its subtree's n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNode {
    pub parent: Option<usize>,
    /// Respondents in the unit's whole subtree.
    pub respondents: u64,
}

/// A validated forest of units: parents come before their children, and no parent has
/// fewer respondents than its children together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTree {
    parent: Vec<Option<usize>>,
    n: Vec<u64>,
    children: Vec<Vec<usize>>,
    /// Respondents attached to the node itself: n minus its children's n.
    direct: Vec<u64>,
}

impl UnitTree {
    pub fn new(nodes: &[UnitNode]) -> Result<Self> {
        let mut children = vec![Vec::new(); nodes.len()];
        for (node, unit) in nodes.iter().enumerate() {
            if let Some(parent) = unit.parent {
                if parent >= node {
                    return Err(IndicatorError::ParentNotBefore { node, parent });
                }
                children[parent].push(node);
            }
        }
        let n: Vec<u64> = nodes.iter().map(|u| u.respondents).collect();
        let mut direct = Vec::with_capacity(nodes.len());
        for (node, kids) in children.iter().enumerate() {
            let below: u64 = kids.iter().map(|&c| n[c]).sum();
            direct.push(
                n[node]
                    .checked_sub(below)
                    .ok_or(IndicatorError::ChildrenExceedParent { node })?,
            );
        }
        Ok(Self {
            parent: nodes.iter().map(|u| u.parent).collect(),
            n,
            children,
            direct,
        })
    }

    pub fn len(&self) -> usize {
        self.n.len()
    }

    pub fn is_empty(&self) -> bool {
        self.n.is_empty()
    }

    fn is_internal(&self, node: usize) -> bool {
        !self.children[node].is_empty()
    }
}

/// Which units of a tree may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    visible: Vec<bool>,
}

impl Disclosure {
    pub fn is_visible(&self, node: usize) -> bool {
        self.visible.get(node).copied().unwrap_or(false)
    }

    /// Applies the plan to a unit's figure: hidden units become `Suppressed` even when
    /// they are above the threshold on their own.
    pub fn apply<T>(&self, node: usize, figure: Suppressible<T>) -> Suppressible<T> {
        if self.is_visible(node) {
            figure
        } else {
            Suppressible::Suppressed
        }
    }
}

/// Decides which units to hide (primary and complementary suppression).
pub fn plan_disclosure(tree: &UnitTree, threshold: Threshold) -> Disclosure {
    let mut hidden: Vec<bool> = tree.n.iter().map(|&n| !threshold.allows(n)).collect();
    // Each round hides at least one more node, so len + 1 rounds always suffice.
    for _ in 0..=tree.len() {
        let Some(at) = find_violation(tree, &hidden, threshold) else {
            break;
        };
        if !hide_next(tree, &mut hidden, at) {
            // Nothing visible left to hide near the problem: hide everything, which is
            // always safe (no equation then has a single unknown).
            hidden.iter_mut().for_each(|h| *h = true);
        }
    }
    Disclosure {
        visible: hidden.iter().map(|h| !h).collect(),
    }
}

/// Returns the node under which a rule is broken, if any.
fn find_violation(tree: &UnitTree, hidden: &[bool], threshold: Threshold) -> Option<usize> {
    let small = |n: u64| n > 0 && !threshold.allows(n);
    let counts = peel(tree, hidden, false);
    let sums = peel(tree, hidden, true);
    for (node, &is_hidden) in hidden.iter().enumerate() {
        // Rule 2: a small hidden node determined by subtraction.
        if is_hidden && small(tree.n[node]) && (counts.node[node] || sums.node[node]) {
            return Some(tree.parent[node].unwrap_or(node));
        }
        // Rule 3: a small residual under a node whose sums are known.
        if tree.is_internal(node) && sums.node[node] && small(residual(tree, &sums, node)) {
            return Some(node);
        }
    }
    None
}

/// What the attacker can determine: per node, and per internal node's direct group.
struct Known {
    node: Vec<bool>,
    direct: Vec<bool>,
}

/// Solves the tree equations by repeatedly taking any equation with a single unknown.
/// For tree-shaped systems like these this finds every determined unknown (summing
/// equations over a connected set of nodes cancels the inner nodes, which is what
/// peeling does step by step). With `sums`, a non-empty direct group is an unknown; for
/// counts its size is assumed known.
fn peel(tree: &UnitTree, hidden: &[bool], sums: bool) -> Known {
    let mut known = Known {
        node: hidden.iter().map(|h| !h).collect(),
        direct: tree.direct.iter().map(|&d| !sums || d == 0).collect(),
    };
    loop {
        let mut changed = false;
        for p in (0..tree.len()).filter(|&p| tree.is_internal(p)) {
            let unknown_children = tree.children[p].iter().filter(|&&c| !known.node[c]);
            let unknowns = unknown_children.count()
                + usize::from(!known.node[p])
                + usize::from(!known.direct[p]);
            if unknowns == 1 {
                changed = true;
                known.node[p] = true;
                known.direct[p] = true;
                for &c in &tree.children[p] {
                    known.node[c] = true;
                }
            }
        }
        if !changed {
            return known;
        }
    }
}

/// Respondents under `node` not covered by its nearest known descendants.
fn residual(tree: &UnitTree, known: &Known, node: usize) -> u64 {
    let mut covered = 0;
    let mut stack: Vec<usize> = tree.children[node].clone();
    while let Some(c) = stack.pop() {
        if known.node[c] {
            covered += tree.n[c];
        } else {
            stack.extend_from_slice(&tree.children[c]);
        }
    }
    tree.n[node] - covered
}

/// Hides the next unit near `at`; false when there is none to hide.
fn hide_next(tree: &UnitTree, hidden: &mut [bool], at: usize) -> bool {
    let mut node = Some(at);
    while let Some(p) = node {
        let smallest = |candidates: &mut dyn Iterator<Item = usize>| {
            candidates
                .filter(|&c| !hidden[c])
                .min_by_key(|&c| (tree.n[c], c))
        };
        let choice = smallest(&mut tree.children[p].iter().copied())
            .or_else(|| smallest(&mut descendants(tree, p).into_iter()))
            .or_else(|| (!hidden[p]).then_some(p));
        if let Some(c) = choice {
            hidden[c] = true;
            return true;
        }
        node = tree.parent[p];
    }
    false
}

fn descendants(tree: &UnitTree, node: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = tree.children[node].clone();
    while let Some(c) = stack.pop() {
        out.push(c);
        stack.extend_from_slice(&tree.children[c]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(nodes: &[(Option<usize>, u64)]) -> UnitTree {
        let nodes: Vec<UnitNode> = nodes
            .iter()
            .map(|&(parent, respondents)| UnitNode {
                parent,
                respondents,
            })
            .collect();
        UnitTree::new(&nodes).expect("valid tree")
    }

    fn visible(tree: &UnitTree) -> Vec<bool> {
        let plan = plan_disclosure(tree, Threshold::DEFAULT);
        (0..tree.len()).map(|i| plan.is_visible(i)).collect()
    }

    #[test]
    fn validates_structure() {
        let bad = [UnitNode {
            parent: Some(0),
            respondents: 1,
        }];
        assert!(matches!(
            UnitTree::new(&bad),
            Err(IndicatorError::ParentNotBefore { .. })
        ));
        let bad = [
            UnitNode {
                parent: None,
                respondents: 5,
            },
            UnitNode {
                parent: Some(0),
                respondents: 6,
            },
        ];
        assert_eq!(
            UnitTree::new(&bad),
            Err(IndicatorError::ChildrenExceedParent { node: 0 })
        );
    }

    #[test]
    fn one_small_child_hides_the_next_smallest() {
        // 40 = 3 + 17 + 20: without more hiding, 40 - 17 - 20 = 3.
        let t = tree(&[(None, 40), (Some(0), 3), (Some(0), 17), (Some(0), 20)]);
        assert_eq!(visible(&t), vec![true, false, false, true]);
    }

    #[test]
    fn small_direct_group_hides_a_child() {
        // 30 = 2 direct + 14 + 14: parent minus children reveals the 2 direct respondents.
        let t = tree(&[(None, 30), (Some(0), 14), (Some(0), 14)]);
        assert_eq!(visible(&t), vec![true, false, true]);
    }

    #[test]
    fn two_small_children_with_small_residual_hide_more() {
        // 2 + 2 hidden children: their union (4) is still below 5.
        let t = tree(&[(None, 30), (Some(0), 2), (Some(0), 2), (Some(0), 26)]);
        assert_eq!(visible(&t), vec![true, false, false, false]);
    }

    #[test]
    fn safe_trees_are_left_alone() {
        let t = tree(&[(None, 30), (Some(0), 10), (Some(0), 20)]);
        assert_eq!(visible(&t), vec![true, true, true]);
        // empty unit: nothing to protect
        let t = tree(&[(None, 30), (Some(0), 0), (Some(0), 30)]);
        assert_eq!(visible(&t), vec![true, false, true]);
    }

    #[test]
    fn complementary_child_must_not_be_derivable_from_its_own_children() {
        // A (3) hidden; B (17) hidden next, but B = B1 + B2 would give B and then A.
        let t = tree(&[
            (None, 20),
            (Some(0), 3),
            (Some(0), 17),
            (Some(2), 10),
            (Some(2), 7),
        ]);
        let v = visible(&t);
        assert!(!v[1] && !v[2]);
        assert!(!(v[3] && v[4]), "B must not be the sum of visible parts");
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    /// Jakarta-sized: a province, 6 cities, 44 districts, 267 sub-districts, 60 agencies
    /// with 5 sections each, many of them small.
    #[test]
    fn province_sized_tree_is_planned_quickly() {
        let mut nodes = vec![UnitNode {
            parent: None,
            respondents: 0,
        }];
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..6 {
            nodes.push(UnitNode {
                parent: Some(0),
                respondents: next(5),
            });
        }
        for d in 0..44 {
            nodes.push(UnitNode {
                parent: Some(1 + d % 6),
                respondents: next(6),
            });
        }
        for k in 0..267 {
            nodes.push(UnitNode {
                parent: Some(7 + k % 44),
                respondents: next(12),
            });
        }
        for _ in 0..60 {
            let agency = nodes.len();
            nodes.push(UnitNode {
                parent: Some(0),
                respondents: next(8),
            });
            for _ in 0..5 {
                nodes.push(UnitNode {
                    parent: Some(agency),
                    respondents: next(30),
                });
            }
        }
        // turn direct counts into subtree totals (children come after parents)
        for i in (1..nodes.len()).rev() {
            let p = nodes[i].parent.expect("non-root");
            nodes[p].respondents += nodes[i].respondents;
        }
        let tree = UnitTree::new(&nodes).expect("valid");
        let start = std::time::Instant::now();
        let plan = plan_disclosure(&tree, Threshold::DEFAULT);
        let hidden = (0..tree.len()).filter(|&i| !plan.is_visible(i)).count();
        eprintln!(
            "{} nodes, {hidden} hidden, {:?}",
            tree.len(),
            start.elapsed()
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}
