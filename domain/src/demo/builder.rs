//! Assembles the demo tree: codes derived from the parent's, headcounts fixed or drawn.

use crate::units::{Headcount, Unit, UnitCode, UnitKind, UnitName};

use super::rng::SplitMix64;

/// A unit's headcount in the demo: a known figure, or drawn from a plausible range.
#[derive(Debug, Clone, Copy)]
pub(super) enum Size {
    Exactly(u32),
    Between(u32, u32),
}

pub(super) struct OrgBuilder {
    units: Vec<Unit>,
    rng: SplitMix64,
}

impl OrgBuilder {
    pub fn new(seed: u64) -> Self {
        Self {
            units: Vec::new(),
            rng: SplitMix64::new(seed),
        }
    }

    /// Adds a unit whose code is the parent's code, a dot, and `segment`; returns the code.
    ///
    /// The demo data is fixed text in this crate, so an invalid value is a bug in it, caught
    /// by the tests, not a condition to handle at run time.
    pub fn add(
        &mut self,
        parent: Option<&UnitCode>,
        segment: &str,
        name: &str,
        kind: UnitKind,
        size: Size,
    ) -> UnitCode {
        let code = match parent {
            Some(parent) => format!("{parent}.{segment}"),
            None => segment.to_owned(),
        };
        let count = match size {
            Size::Exactly(count) => count,
            Size::Between(low, high) => self.rng.between(low, high),
        };
        let code = UnitCode::parse(&code).expect("demo unit codes are valid");
        self.units.push(Unit {
            code: code.clone(),
            name: UnitName::parse(name).expect("demo unit names are valid"),
            kind,
            parent: parent.cloned(),
            headcount: Headcount::new(count).expect("demo headcounts are in range"),
        });
        code
    }

    pub fn finish(self) -> Vec<Unit> {
        self.units
    }
}
