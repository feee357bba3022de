//! Server side of answering: what a token opens, and taking a posted form to a stored
//! response. Plain functions over the [`Store`], so the HTTP handler stays thin.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use chrono::{DateTime, Utc};
use domain::{
    instrument::{AnswerProblem, Answers, Instrument},
    waves::{InvitationToken, WaveStatus},
};
use leptos::prelude::*;
use store::{Invitation, Store, StoreError, SubmitOutcome};

use super::{SurveyForm, SurveyState};
use crate::error::AppError;

/// Parsed instruments by id. Stored instrument versions never change, so an entry never goes
/// stale; parsing the TOML on every submission would cost more than storing the answers.
#[derive(Clone, Default)]
pub struct InstrumentCache(Arc<RwLock<HashMap<i64, Arc<Instrument>>>>);

impl InstrumentCache {
    pub async fn get(&self, store: &Store, id: i64) -> Result<Arc<Instrument>, StoreError> {
        let cached = self
            .0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&id)
            .cloned();
        if let Some(instrument) = cached {
            return Ok(instrument);
        }
        let record = store.instrument(id).await?.ok_or(StoreError::NotFound)?;
        let instrument = Arc::new(record.instrument);
        self.0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(id, instrument.clone());
        Ok(instrument)
    }

    /// The instrument if it has been read before.
    pub fn cached(&self, id: i64) -> Option<Arc<Instrument>> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&id)
            .cloned()
    }
}

/// A post that was not stored, with what was typed so that nothing is lost: the page is
/// rendered again from it.
#[derive(Debug, Clone, Default)]
pub struct RefusedSubmission {
    pub answers: Answers,
    pub problems: Vec<AnswerProblem>,
    /// The database could not take the answers just now.
    pub unavailable: bool,
}

/// What became of a posted form.
#[derive(Debug)]
pub enum Submission {
    /// Committed to the database: now, and only now, the respondent may be thanked.
    Stored,
    /// The answers break a rule of the survey; nothing was stored.
    Refused(RefusedSubmission),
    /// The token cannot answer (unknown, used, or the wave is not open): the page explains.
    NotAnswerable,
}

fn context_store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

/// The state of an invitation at `now`, without the form.
fn refusal(invitation: &Invitation, now: DateTime<Utc>) -> Option<SurveyState> {
    if invitation.used {
        // Answered like an unknown token: whether a slip was used is nobody's to learn.
        return Some(SurveyState::Unknown);
    }
    match invitation.wave.status(now) {
        WaveStatus::Open => None,
        WaveStatus::Draft => Some(SurveyState::NotYetOpen(None)),
        WaveStatus::Scheduled => Some(SurveyState::NotYetOpen(Some(
            invitation.wave.schedule.opens_at(),
        ))),
        WaveStatus::Ended | WaveStatus::Closed => Some(SurveyState::Closed),
    }
}

pub async fn survey_state(token: String) -> Result<SurveyState, AppError> {
    // Set by the form handler when it renders a refused post again.
    let refused = use_context::<RefusedSubmission>().unwrap_or_default();
    let cache = use_context::<InstrumentCache>().unwrap_or_default();
    let store = context_store()?;
    let Ok(token) = InvitationToken::parse(&token) else {
        return Ok(SurveyState::Unknown);
    };
    let Some(invitation) = store.invitation(&token).await? else {
        return Ok(SurveyState::Unknown);
    };
    if let Some(state) = refusal(&invitation, Utc::now()) {
        return Ok(state);
    }
    let instrument = cache.get(&store, invitation.wave.instrument_id).await?;
    Ok(SurveyState::Ready(Box::new(SurveyForm {
        token: token.as_str().to_owned(),
        wave_title: invitation.wave.title.as_str().to_owned(),
        unit_name: invitation.unit_name.clone(),
        closes_at: invitation.wave.schedule.closes_at(),
        instrument: (*instrument).clone(),
        answers: refused.answers,
        problems: refused.problems,
        unavailable: refused.unavailable,
    })))
}

/// Validates a posted form against the wave's instrument and stores it exactly once.
pub async fn submit(
    store: &Store,
    cache: &InstrumentCache,
    token: &str,
    answers: Answers,
    now: DateTime<Utc>,
) -> Result<Submission, StoreError> {
    let Ok(token) = InvitationToken::parse(token) else {
        return Ok(Submission::NotAnswerable);
    };
    // First without a look-up: valid answers for an instrument at hand are validated inside
    // the storing transaction. Anything else (invalid answers, a first submission for the
    // wave, SQLite) takes the path below, which can say what is wrong.
    match store
        .submit_checked(&token, now, |instrument_id| {
            cache.cached(instrument_id)?.validate_answers(&answers).ok()
        })
        .await?
    {
        SubmitOutcome::Stored => return Ok(Submission::Stored),
        SubmitOutcome::AlreadyUsed
        | SubmitOutcome::UnknownToken
        | SubmitOutcome::NotAccepting(_) => return Ok(Submission::NotAnswerable),
        SubmitOutcome::NotValidated => {}
    }
    let Some(invitation) = store.invitation(&token).await? else {
        return Ok(Submission::NotAnswerable);
    };
    if refusal(&invitation, now).is_some() {
        return Ok(Submission::NotAnswerable);
    }
    let instrument = cache.get(store, invitation.wave.instrument_id).await?;
    let valid = match instrument.validate_answers(&answers) {
        Ok(valid) => valid,
        Err(problems) => {
            return Ok(Submission::Refused(RefusedSubmission {
                answers,
                problems,
                unavailable: false,
            }));
        }
    };
    // The token may have been used, or the wave closed, since the look-up: the store decides
    // again inside the transaction that marks the token.
    Ok(match store.submit_response(&token, &valid, now).await? {
        SubmitOutcome::Stored => Submission::Stored,
        SubmitOutcome::AlreadyUsed
        | SubmitOutcome::UnknownToken
        | SubmitOutcome::NotAccepting(_)
        | SubmitOutcome::NotValidated => Submission::NotAnswerable,
    })
}
