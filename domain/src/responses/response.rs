//! One imported response: where it was answered and what was answered.

use serde::Serialize;

use crate::instrument::{Instrument, ValidAnswers};
use crate::units::UnitCode;

/// A respondent's answers with the unit they answered in. `answers` passed
/// [`Instrument::validate_answers`], so they are on the scale and complete where required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedResponse {
    pub unit: UnitCode,
    pub answers: ValidAnswers,
}

impl ParsedResponse {
    pub fn new(unit: UnitCode, answers: ValidAnswers) -> Self {
        Self { unit, answers }
    }

    /// The raw answers in the instrument's item order (`None` = skipped): the shape the
    /// indicator engine accumulates.
    pub fn item_values(&self, instrument: &Instrument) -> Vec<Option<u8>> {
        instrument
            .items()
            .map(|item| self.answers.raw(item.id().as_str()))
            .collect()
    }
}
