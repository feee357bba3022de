//! Answers as kept in `responses.answers`: JSON of the raw values only. Reading them back goes
//! through the instrument's validation again, which also recomputes the scored values.

use std::collections::BTreeMap;

use domain::instrument::{Answers, Instrument, ValidAnswers};
use serde::{Deserialize, Serialize};

use crate::StoreError;

#[derive(Serialize, Deserialize)]
struct StoredAnswers {
    /// Item id to the point chosen; unanswered items are absent.
    items: BTreeMap<String, u8>,
    barriers: Vec<String>,
    barrier_other: Option<String>,
    comments: BTreeMap<String, String>,
}

/// The JSON text to store for `answers`.
pub(super) fn to_json(answers: &ValidAnswers) -> Result<String, StoreError> {
    let stored = StoredAnswers {
        items: answers
            .items()
            .iter()
            .map(|(item, answer)| (item.to_string(), answer.raw()))
            .collect(),
        barriers: answers
            .barriers()
            .iter()
            .map(|code| code.as_str().to_owned())
            .collect(),
        barrier_other: answers.barrier_other().map(str::to_owned),
        comments: answers
            .comments()
            .iter()
            .map(|(question, text)| (question.to_string(), text.clone()))
            .collect(),
    };
    serde_json::to_string(&stored).map_err(|e| StoreError::Invalid(format!("answers as JSON: {e}")))
}

/// Stored JSON back as answers valid for `instrument`; the error says what is wrong.
pub(super) fn from_json(text: &str, instrument: &Instrument) -> Result<ValidAnswers, String> {
    let stored: StoredAnswers = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let answers = Answers {
        items: stored
            .items
            .into_iter()
            .map(|(item, raw)| (item, Some(raw)))
            .collect(),
        barriers: stored.barriers,
        barrier_other: stored.barrier_other,
        comments: stored.comments,
    };
    instrument.validate_answers(&answers).map_err(|problems| {
        problems
            .iter()
            .map(|problem| problem.message().en())
            .collect::<Vec<_>>()
            .join("; ")
    })
}
