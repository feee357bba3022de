//! What an import will do, for the caller to show and then commit all or nothing.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::units::{Unit, UnitCode};

/// The changes of a valid import, ordered so that every unit's parent is created or moved
/// into place before the unit itself: applying the steps in order never refers to a parent
/// that is missing, nor makes a loop on the way.
///
/// Built only by the importer; deserialising one (e.g. in the browser) trusts its producer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportPlan {
    steps: Vec<PlanStep>,
    unchanged: usize,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PlanStep {
    Create { unit: Unit },
    Update { update: UnitUpdate },
}

/// A unit that exists and whose fields change; the code stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitUpdate {
    before: Unit,
    after: Unit,
}

impl UnitUpdate {
    /// `None` unless the code is the same and something changes.
    pub fn new(before: Unit, after: Unit) -> Option<Self> {
        (before.code == after.code && before != after).then_some(Self { before, after })
    }

    pub fn code(&self) -> &UnitCode {
        &self.after.code
    }

    pub fn before(&self) -> &Unit {
        &self.before
    }

    pub fn after(&self) -> &Unit {
        &self.after
    }

    /// The columns that change, by canonical name, in file order.
    pub fn changed_columns(&self) -> Vec<&'static str> {
        let (b, a) = (&self.before, &self.after);
        [
            ("name", b.name != a.name),
            ("kind", b.kind != a.kind),
            ("parent_code", b.parent != a.parent),
            ("headcount", b.headcount != a.headcount),
        ]
        .into_iter()
        .filter_map(|(column, changed)| changed.then_some(column))
        .collect()
    }
}

impl ImportPlan {
    /// Sorts the steps by the depth of their unit in the tree after the import.
    pub(super) fn new(
        mut steps: Vec<PlanStep>,
        unchanged: usize,
        depth: impl Fn(&UnitCode) -> usize,
    ) -> Self {
        // Stable: units at the same depth keep file order.
        steps.sort_by_cached_key(|step| depth(&step.unit().code));
        Self { steps, unchanged }
    }

    /// Every change, parents first.
    pub fn steps(&self) -> &[PlanStep] {
        &self.steps
    }

    /// The units to create, parents first.
    pub fn creates(&self) -> impl Iterator<Item = &Unit> {
        self.steps.iter().filter_map(|step| match step {
            PlanStep::Create { unit } => Some(unit),
            PlanStep::Update { .. } => None,
        })
    }

    /// The units to update, parents first.
    pub fn updates(&self) -> impl Iterator<Item = &UnitUpdate> {
        self.steps.iter().filter_map(|step| match step {
            PlanStep::Create { .. } => None,
            PlanStep::Update { update } => Some(update),
        })
    }

    /// Rows of the file identical to the existing unit.
    pub fn unchanged(&self) -> usize {
        self.unchanged
    }

    /// Whether the import changes nothing.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The organisation after the import: the existing units with updates in place, then the
    /// created units. What a caller's storage holds once it commits the plan.
    pub fn apply(&self, existing: &[Unit]) -> Vec<Unit> {
        let updated: HashMap<&UnitCode, &Unit> = self
            .updates()
            .map(|update| (update.code(), update.after()))
            .collect();
        existing
            .iter()
            .map(|unit| updated.get(&unit.code).map_or(unit, |after| after))
            .chain(self.creates())
            .cloned()
            .collect()
    }
}

impl PlanStep {
    /// The unit as it will be after this step.
    pub fn unit(&self) -> &Unit {
        match self {
            PlanStep::Create { unit } => unit,
            PlanStep::Update { update } => update.after(),
        }
    }
}
