//! Answering a survey at `/s/{token}`: the respondent's side of a wave.
//!
//! The form is an ordinary HTML form posted to `/s/{token}`, so the whole survey works with
//! JavaScript disabled; the server answers a post with a redirect to the thank-you page, or
//! the same page again with every problem listed and every answer kept. Once the WebAssembly
//! has loaded, the same form gains section-by-section paging, a progress bar, checks before
//! sending and a draft kept on the phone until the answers are stored.

mod draft;
mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use chrono::{DateTime, Utc};
use domain::instrument::{AnswerProblem, Answers, Instrument};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use pages::{SurveyPage, ThanksPage};

/// What a token leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyState {
    /// The survey can be answered.
    Ready(Box<SurveyForm>),
    /// No such token (mistyped, or from a wave whose tokens were purged), or one that has
    /// answered already: the two look the same, so that a slip does not tell whoever holds it
    /// whether its respondent answered (issue #15).
    Unknown,
    /// The wave has not opened yet (`None`: not yet scheduled).
    NotYetOpen(Option<DateTime<Utc>>),
    /// The wave has closed.
    Closed,
}

/// A survey ready to answer, with what was typed so far when a post was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub token: String,
    pub wave_title: String,
    pub unit_name: String,
    pub closes_at: DateTime<Utc>,
    pub instrument: Instrument,
    /// The answers of a refused post (empty on a first visit).
    pub answers: Answers,
    /// Why the post was refused.
    pub problems: Vec<AnswerProblem>,
    /// The post could not be stored because the database was unavailable (the answers are
    /// kept on the page; sending again will work).
    pub unavailable: bool,
}

/// The survey a token opens. Anyone holding the token may ask: it carries no personal data.
#[server(endpoint = "survey/get")]
pub async fn get_survey(token: String) -> Result<SurveyState, AppError> {
    crate::auth::ssr::respond(ssr::survey_state(token)).await
}
