//! The composer's server function, alone in its module: it takes every form field as an
//! argument, and the function the `server` macro writes for the browser does not carry a
//! function-level `allow`, so the lint is allowed for the module.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{CustomItemForm, SavedInstrument};
use crate::error::AppError;

/// Composes a survey from library items (`items[<id>]=on`) and up to five custom items
/// (`custom[<row>][…]`) and saves it (administrators). A survey id that exists with other
/// content is saved as its next version. Every problem is listed in the user's language.
///
/// Posted as a plain HTML form (no JavaScript), it answers with a redirect: to the saved
/// version, or back to the composer with everything typed and the problems.
#[server(endpoint = "instruments/compose")]
pub async fn compose_instrument(
    #[server(default)] survey_id: String,
    #[server(default)] title_id: String,
    #[server(default)] title_en: String,
    #[server(default)] description_id: String,
    #[server(default)] description_en: String,
    #[server(default)] scale: String,
    #[server(default)] items: BTreeMap<String, String>,
    #[server(default)] barriers: bool,
    #[server(default)] comments: bool,
    #[server(default)] custom: Vec<CustomItemForm>,
    #[server(default)] lang: String,
) -> Result<SavedInstrument, AppError> {
    let form = super::ComposeForm {
        survey_id,
        title_id,
        title_en,
        description_id,
        description_en,
        scale,
        items: items.into_keys().collect(),
        barriers,
        comments,
        custom,
    };
    let result = crate::auth::ssr::respond(super::ssr::compose(form.clone(), &lang)).await;
    super::ssr::answer_plain_form(&form, &result);
    result
}
