//! Complementary suppression across both scopes at once.
//!
//! The engine's [`plan_disclosure`] protects a tree whose nodes are reported for their whole
//! subtree, and treats the respondents attached to an internal node itself ("direct") as
//! never reported. Siap reports those too: the "unit" scope of a unit with children is its
//! direct group. Planning the two scopes separately would be unsafe: with every subtree
//! visible, subtree(parent) - sum(subtree(children)) = unit(parent) would reveal a unit
//! scope hidden for being small, and a unit scope shown beside its subtree would let
//! subtree(parent) - unit(parent) - (visible children) reveal a hidden child.
//!
//! So both scopes are planned in ONE tree, as the engine's documentation prescribes for
//! reported direct groups: every unit U is a node S(U) (its subtree); a unit with children
//! also gets a leaf child O(U) holding its own respondents, next to its child units. Then
//! S(U) = O(U) + sum S(children) exactly, no node has an unreported direct group, and every
//! subtraction an attacker can do across scopes is one of the tree equations the planner
//! already checks. A unit without children has one node for both scopes, so its two scopes
//! are always shown or hidden together and carry the same figures.

use super::hierarchy::Hierarchy;
use super::scope::Scope;
use crate::error::Result;
use crate::suppression::{
    plan_disclosure, Disclosure, Suppressible, Threshold, UnitNode, UnitTree,
};

/// Which scopes of which units may be shown.
#[derive(Debug, Clone)]
pub(crate) struct ScopePlan {
    subtree_node: Vec<usize>,
    /// The node of the unit scope: O(U) for a unit with children, S(U) otherwise.
    unit_node: Vec<usize>,
    plan: Disclosure,
}

impl ScopePlan {
    /// `own` and `subtree`: respondents per unit, in the hierarchy's order.
    pub(crate) fn new(
        hierarchy: &Hierarchy,
        own: &[u64],
        subtree: &[u64],
        threshold: Threshold,
    ) -> Result<Self> {
        let len = hierarchy.len();
        let mut nodes = Vec::with_capacity(2 * len);
        let mut subtree_node = vec![0; len];
        let mut unit_node = vec![0; len];
        // The hierarchy is in pre-order, so a parent's node is pushed before its children's.
        for unit in 0..len {
            let s = nodes.len();
            subtree_node[unit] = s;
            nodes.push(UnitNode {
                parent: hierarchy.parent[unit].map(|p| subtree_node[p]),
                respondents: subtree[unit],
            });
            unit_node[unit] = if hierarchy.is_leaf(unit) {
                s
            } else {
                nodes.push(UnitNode {
                    parent: Some(s),
                    respondents: own[unit],
                });
                s + 1
            };
        }
        let tree = UnitTree::new(&nodes)?;
        Ok(Self {
            subtree_node,
            unit_node,
            plan: plan_disclosure(&tree, threshold),
        })
    }

    fn node(&self, unit: usize, scope: Scope) -> usize {
        match scope {
            Scope::Unit => self.unit_node[unit],
            Scope::Subtree => self.subtree_node[unit],
        }
    }

    pub(crate) fn is_visible(&self, unit: usize, scope: Scope) -> bool {
        self.plan.is_visible(self.node(unit, scope))
    }

    pub(crate) fn apply<T>(
        &self,
        unit: usize,
        scope: Scope,
        figure: Suppressible<T>,
    ) -> Suppressible<T> {
        self.plan.apply(self.node(unit, scope), figure)
    }
}
