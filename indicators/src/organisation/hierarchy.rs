//! The unit tree, indexed for the pipeline: parents before children, so a parent's index is
//! always smaller than its children's and one backwards pass visits children first.

use std::collections::HashMap;

use domain::units::{parents_first, Unit, UnitCode};

use super::error::OrganisationError;

/// A unit of this organisation, by position. Only [`Organisation`](super::Organisation)
/// hands them out, so one always refers to an existing unit of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnitId(pub(crate) usize);

#[derive(Debug, Clone)]
pub(crate) struct Hierarchy {
    pub(crate) units: Vec<Unit>,
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) children: Vec<Vec<usize>>,
    pub(crate) depth: Vec<usize>,
    /// The unit's own headcount, and its whole subtree's.
    pub(crate) own_headcount: Vec<u64>,
    pub(crate) subtree_headcount: Vec<u64>,
    index: HashMap<UnitCode, usize>,
}

impl Hierarchy {
    /// Checks that the units form one tree (unique codes, known parents, no cycle, one top
    /// unit) and indexes them in depth-first pre-order.
    pub(crate) fn new(units: &[Unit]) -> Result<Self, OrganisationError> {
        if units.is_empty() {
            return Err(OrganisationError::NoUnits);
        }
        let ordered: Vec<Unit> = parents_first(units).into_iter().cloned().collect();
        let mut index: HashMap<UnitCode, usize> = HashMap::with_capacity(ordered.len());
        let mut parent = Vec::with_capacity(ordered.len());
        let mut root: Option<&UnitCode> = None;
        for (i, unit) in ordered.iter().enumerate() {
            if index.insert(unit.code.clone(), i).is_some() {
                return Err(OrganisationError::DuplicateUnit(unit.code.clone()));
            }
            match &unit.parent {
                None => {
                    if let Some(first) = root {
                        return Err(OrganisationError::SeveralRoots {
                            first: first.clone(),
                            second: unit.code.clone(),
                        });
                    }
                    root = Some(&unit.code);
                    parent.push(None);
                }
                // `parents_first` places a unit after its parent unless the parent is
                // missing or the unit sits on a cycle.
                Some(code) => match index.get(code) {
                    Some(&p) => parent.push(Some(p)),
                    None if units.iter().any(|u| &u.code == code) => {
                        return Err(OrganisationError::Cycle(unit.code.clone()))
                    }
                    None => {
                        return Err(OrganisationError::UnknownParent {
                            code: unit.code.clone(),
                            parent: code.clone(),
                        })
                    }
                },
            }
        }
        // A missing parent makes its child a second top of the pre-order, checked above
        // only when that child comes first; this catches the rest.
        if root.is_none() {
            return Err(OrganisationError::Cycle(ordered[0].code.clone()));
        }

        let len = ordered.len();
        let mut children = vec![Vec::new(); len];
        let mut depth = vec![0; len];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(i);
                depth[i] = depth[p] + 1;
            }
        }
        let own_headcount: Vec<u64> = ordered
            .iter()
            .map(|u| u64::from(u.headcount.get()))
            .collect();
        let mut subtree_headcount = own_headcount.clone();
        for i in (1..len).rev() {
            if let Some(p) = parent[i] {
                subtree_headcount[p] += subtree_headcount[i];
            }
        }
        Ok(Self {
            units: ordered,
            parent,
            children,
            depth,
            own_headcount,
            subtree_headcount,
            index,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.units.len()
    }

    pub(crate) fn id(&self, code: &str) -> Result<UnitId, OrganisationError> {
        // `UnitCode: Borrow<str>` is not implemented, so look up through a parsed code.
        UnitCode::parse(code)
            .ok()
            .and_then(|code| self.index.get(&code).copied())
            .map(UnitId)
            .ok_or_else(|| OrganisationError::UnknownUnit(code.to_owned()))
    }

    pub(crate) fn id_of(&self, code: &UnitCode) -> Result<UnitId, OrganisationError> {
        self.index
            .get(code)
            .copied()
            .map(UnitId)
            .ok_or_else(|| OrganisationError::UnknownUnit(code.to_string()))
    }

    pub(crate) fn is_leaf(&self, unit: usize) -> bool {
        self.children[unit].is_empty()
    }

    /// The unit and its ancestors, the unit first.
    pub(crate) fn path_to_root(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(unit), |&u| self.parent[u])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use domain::units::{Headcount, UnitKind, UnitName};

    fn unit(code: &str, parent: Option<&str>, headcount: u32) -> Unit {
        Unit {
            code: UnitCode::parse(code).unwrap(),
            name: UnitName::parse(code).unwrap(),
            kind: UnitKind::Lainnya,
            parent: parent.map(|p| UnitCode::parse(p).unwrap()),
            headcount: Headcount::new(headcount).unwrap(),
        }
    }

    #[test]
    fn orders_parents_first_and_sums_headcounts() {
        let h = Hierarchy::new(&[
            unit("A.1.x", Some("A.1"), 5),
            unit("A", None, 1),
            unit("A.1", Some("A"), 2),
            unit("A.2", Some("A"), 3),
        ])
        .unwrap();
        let codes: Vec<&str> = h.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["A", "A.1", "A.1.x", "A.2"]);
        assert_eq!(h.parent, [None, Some(0), Some(1), Some(0)]);
        assert_eq!(h.depth, [0, 1, 2, 1]);
        assert_eq!(h.subtree_headcount, [11, 7, 5, 3]);
        assert_eq!(h.path_to_root(2).collect::<Vec<_>>(), [2, 1, 0]);
        assert_eq!(h.id("A.2").unwrap(), UnitId(3));
        assert!(h.id("B").is_err());
    }

    #[test]
    fn rejects_what_is_not_one_tree() {
        assert_eq!(Hierarchy::new(&[]).unwrap_err(), OrganisationError::NoUnits);
        assert!(matches!(
            Hierarchy::new(&[unit("A", None, 1), unit("A", None, 1)]),
            Err(OrganisationError::DuplicateUnit(_))
        ));
        assert!(matches!(
            Hierarchy::new(&[unit("A", None, 1), unit("B", None, 1)]),
            Err(OrganisationError::SeveralRoots { .. })
        ));
        assert!(matches!(
            Hierarchy::new(&[unit("A", None, 1), unit("B", Some("X"), 1)]),
            Err(OrganisationError::UnknownParent { .. })
        ));
        assert!(matches!(
            Hierarchy::new(&[
                unit("A", None, 1),
                unit("B", Some("C"), 1),
                unit("C", Some("B"), 1)
            ]),
            Err(OrganisationError::Cycle(_))
        ));
    }
}
