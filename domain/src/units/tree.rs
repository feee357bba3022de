//! Ordering units so that every parent comes before its children.

use std::collections::HashMap;

use super::Unit;

/// The units in depth-first pre-order: each root (a unit with no parent, or whose parent is
/// not in the slice) followed by its subtree, siblings in their original order. This reads
/// like an organisation chart and lets a caller insert units one by one.
///
/// Total on any input: units caught in a parent cycle, or repeating an earlier code, cannot be
/// placed after their parent and are appended at the end in their original order.
pub fn parents_first(units: &[Unit]) -> Vec<&Unit> {
    let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(units.len());
    for (index, unit) in units.iter().enumerate() {
        index_of.entry(unit.code.as_str()).or_insert(index);
    }

    let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    let mut roots = Vec::new();
    for (index, unit) in units.iter().enumerate() {
        if index_of.get(unit.code.as_str()) != Some(&index) {
            continue; // A repeated code: left for the end.
        }
        match unit.parent.as_ref().and_then(|p| index_of.get(p.as_str())) {
            Some(&parent) if parent != index => children[parent].push(index),
            Some(_) => {} // Its own parent: never reachable from a root.
            None => roots.push(index),
        }
    }

    let mut ordered = Vec::with_capacity(units.len());
    let mut placed = vec![false; units.len()];
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(index) = stack.pop() {
        if placed[index] {
            continue;
        }
        placed[index] = true;
        ordered.push(&units[index]);
        stack.extend(children[index].iter().rev());
    }
    ordered.extend(
        units
            .iter()
            .zip(&placed)
            .filter(|(_, placed)| !**placed)
            .map(|(unit, _)| unit),
    );
    ordered
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::units::{Headcount, UnitCode, UnitKind, UnitName};

    fn unit(code: &str, parent: Option<&str>) -> Unit {
        Unit {
            code: UnitCode::parse(code).unwrap(),
            name: UnitName::parse(code).unwrap(),
            kind: UnitKind::Lainnya,
            parent: parent.map(|p| UnitCode::parse(p).unwrap()),
            headcount: Headcount::new(1).unwrap(),
        }
    }

    fn codes(units: Vec<&Unit>) -> Vec<&str> {
        units.into_iter().map(|u| u.code.as_str()).collect()
    }

    #[test]
    fn pre_order_with_siblings_in_input_order() {
        let units = [
            unit("A.2.1", Some("A.2")),
            unit("A.1", Some("A")),
            unit("A.2", Some("A")),
            unit("A", None),
            unit("A.1.1", Some("A.1")),
        ];
        assert_eq!(
            codes(parents_first(&units)),
            ["A", "A.1", "A.1.1", "A.2", "A.2.1"]
        );
    }

    #[test]
    fn cycles_and_repeats_go_last_and_nothing_is_lost() {
        let units = [
            unit("X", Some("Y")),
            unit("Y", Some("X")),
            unit("S", Some("S")),
            unit("A", None),
            unit("A", None),
            unit("B", Some("MISSING")),
        ];
        assert_eq!(codes(parents_first(&units)), ["A", "B", "X", "Y", "S", "A"]);
    }
}
