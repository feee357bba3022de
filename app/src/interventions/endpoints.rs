//! The server functions of intervention plans. Each is thin: it authorises and delegates to
//! `ssr`. Those posted by plain HTML forms (no JavaScript) answer with a redirect instead
//! of JSON, to the page the form came from.
// The create function takes every form field as an argument; the function the `server`
// macro writes for the browser does not carry a function-level `allow`.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::{InterventionsView, PlanDetail, PlanForm, PlanQuery};
use crate::error::AppError;

/// Plans in the user's scope matching the filter, with the overdue and at-risk alerts.
#[server(endpoint = "interventions/list")]
pub async fn list_interventions(
    #[server(default)] query: PlanQuery,
) -> Result<InterventionsView, AppError> {
    crate::auth::ssr::respond(super::ssr::list(query)).await
}

/// One plan (404 outside the user's scope).
#[server(endpoint = "interventions/get")]
pub async fn get_intervention(id: i64) -> Result<PlanDetail, AppError> {
    crate::auth::ssr::respond(super::ssr::detail(id)).await
}

/// What the new-plan form offers for a unit: suggestions, owners, targets.
#[server(endpoint = "interventions/form")]
pub async fn plan_options(unit: String) -> Result<PlanForm, AppError> {
    crate::auth::ssr::respond(super::suggestions_ssr::plan_form(unit)).await
}

/// Saves a plan: a new one, or with `id` an existing one (rewritten whole); answers its
/// id. `targets[<dimension:id|barrier:code>]=on`, `collaborators[<user id>]=on`.
#[server(endpoint = "interventions/create")]
pub async fn create_intervention(
    #[server(default)] id: String,
    #[server(default)] units: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] kind: String,
    #[server(default)] owner: String,
    #[server(default)] collaborators: BTreeMap<String, String>,
    #[server(default)] targets: BTreeMap<String, String>,
    #[server(default)] start_on: String,
    #[server(default)] end_on: String,
    #[server(default)] budget: String,
    #[server(default)] funding_source: String,
    #[server(default)] page_unit: String,
    #[server(default)] lang: String,
) -> Result<i64, AppError> {
    let form = super::plan_fields::PlanInput {
        units,
        title,
        description,
        kind,
        owner,
        collaborators: collaborators.into_keys().collect(),
        targets: targets.into_keys().collect(),
        start_on,
        end_on,
        budget,
        funding_source,
    };
    let existing = id.trim().parse::<i64>().ok();
    let result = match existing {
        None => crate::auth::ssr::respond(super::changes::create(form.clone(), &lang)).await,
        Some(id) => {
            crate::auth::ssr::respond(super::changes::update(id, form.clone(), &lang)).await
        }
    };
    let back = match existing {
        None => format!(
            "/intervensi/baru?{}&{}",
            crate::query::encode([("unit", page_unit.as_str())]),
            form.to_query()
        ),
        Some(id) => format!("/intervensi/{id}/ubah?{}", form.to_query()),
    };
    super::answer_plain_form(
        &result,
        |id| format!("/intervensi/{id}"),
        &back,
        CreateIntervention::PATH,
    );
    result
}

/// Moves a plan to another status (`approved`, `in_progress`, `done`, `cancelled`).
/// `back`: `papan` to return to the board after a plain form post, else the plan's page.
#[server(endpoint = "interventions/move")]
pub async fn move_intervention(
    id: i64,
    to: String,
    #[server(default)] note: String,
    #[server(default)] back: String,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    let result = crate::auth::ssr::respond(super::changes::move_plan(id, &to, &note, &lang)).await;
    let page = if back == "papan" {
        "/intervensi?tampilan=papan".to_owned()
    } else {
        format!("/intervensi/{id}")
    };
    super::answer_plain_form(&result, |_| page.clone(), &page, MoveIntervention::PATH);
    result
}

/// Adds a milestone (title, due day YYYY-MM-DD).
#[server(endpoint = "interventions/milestone")]
pub async fn add_milestone(
    id: i64,
    #[server(default)] title: String,
    #[server(default)] due_on: String,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    let result =
        crate::auth::ssr::respond(super::changes::add_milestone(id, &title, &due_on, &lang)).await;
    let page = format!("/intervensi/{id}#tonggak");
    super::answer_plain_form(&result, |_| page.clone(), &page, AddMilestone::PATH);
    result
}

/// Marks a milestone done today, or not done.
#[server(endpoint = "interventions/milestone/done")]
pub async fn mark_milestone(
    id: i64,
    milestone: i64,
    #[server(default)] done: bool,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    let result =
        crate::auth::ssr::respond(super::changes::mark_milestone(id, milestone, done, &lang)).await;
    let page = format!("/intervensi/{id}#tonggak");
    super::answer_plain_form(&result, |_| page.clone(), &page, MarkMilestone::PATH);
    result
}

/// Adds a comment to a plan's thread.
#[server(endpoint = "interventions/comment")]
pub async fn comment_intervention(
    id: i64,
    #[server(default)] body: String,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    let result = crate::auth::ssr::respond(super::changes::comment(id, &body, &lang)).await;
    let page = format!("/intervensi/{id}#komentar");
    super::answer_plain_form(&result, |_| page.clone(), &page, CommentIntervention::PATH);
    result
}

/// The playbook in force, as its TOML text (administrators).
#[server(endpoint = "interventions/playbook")]
pub async fn get_playbook() -> Result<String, AppError> {
    crate::auth::ssr::respond(super::suggestions_ssr::playbook_text()).await
}

/// Replaces the playbook after checking it; every problem is listed (administrators).
#[server(endpoint = "interventions/playbook/save")]
pub async fn save_playbook(
    #[server(default)] text: String,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    let result =
        crate::auth::ssr::respond(super::suggestions_ssr::save_playbook(&text, &lang)).await;
    super::answer_plain_form(
        &result,
        |_| "/admin/playbook?disimpan=1".to_owned(),
        &format!(
            "/admin/playbook?{}",
            crate::query::encode([("text", text.as_str())])
        ),
        SavePlaybook::PATH,
    );
    result
}
