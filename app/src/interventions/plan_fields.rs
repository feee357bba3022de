//! The fields of a plan, shared by the new-plan and the edit page. Posted to
//! `interventions/create` (with `id` when editing); with JavaScript the browser then opens
//! the plan's page, without it the server redirects there.

use crate::text_area::textarea_text;
use domain::interventions::InterventionKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{CreateIntervention, PlanForm};
use crate::{
    auth::ActionError,
    i18n::{code as lang_code, use_locale, Text},
};

/// A plan's form: as it opens, as it is posted, and as a refused post carries it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInput {
    /// Unit codes, separated by commas or spaces.
    pub units: String,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub owner: String,
    /// User ids.
    pub collaborators: Vec<String>,
    /// `dimension:<id>` / `barrier:<code>`.
    pub targets: Vec<String>,
    pub start_on: String,
    pub end_on: String,
    pub budget: String,
    pub funding_source: String,
}

impl PlanInput {
    /// The form as a query string, for the page it is sent back to when refused.
    #[cfg(feature = "ssr")]
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(String, &str)> = [
            ("units", &self.units),
            ("title", &self.title),
            ("description", &self.description),
            ("kind", &self.kind),
            ("owner", &self.owner),
            ("start_on", &self.start_on),
            ("end_on", &self.end_on),
            ("budget", &self.budget),
            ("funding_source", &self.funding_source),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.as_str()))
        .collect();
        pairs.push(("kembali".to_owned(), "1"));
        for id in &self.collaborators {
            pairs.push((format!("collaborators[{id}]"), "on"));
        }
        for target in &self.targets {
            pairs.push((format!("targets[{target}]"), "on"));
        }
        crate::query::encode(pairs.iter().map(|(key, value)| (key.as_str(), *value)))
    }

    /// The form as a refused plain post sent it back (`kembali` in the address).
    pub fn from_query() -> Option<Self> {
        let query = use_query_map();
        let q = query.read_untracked();
        q.get("kembali")?;
        let field = |key: &str| q.get(key).unwrap_or_default();
        let ticked = |prefix: &str| -> Vec<String> {
            q.clone()
                .into_iter()
                .filter_map(|(key, _)| {
                    key.strip_prefix(prefix)
                        .and_then(|rest| rest.strip_suffix(']'))
                        .map(str::to_owned)
                })
                .collect()
        };
        Some(PlanInput {
            units: field("units"),
            title: field("title"),
            description: field("description"),
            kind: field("kind"),
            owner: field("owner"),
            collaborators: ticked("collaborators["),
            targets: ticked("targets["),
            start_on: field("start_on"),
            end_on: field("end_on"),
            budget: field("budget"),
            funding_source: field("funding_source"),
        })
    }
}

#[component]
pub fn PlanFields(options: PlanForm, fill: PlanInput, id: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateIntervention>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/intervensi/{id}"), Default::default());
        }
    });
    let owners = options.owners.clone();
    let collaborator_choices = options.owners.clone();
    let form = options;
    view! {
        <ActionForm action=create attr:class="stack" attr:data-testid="plan-form">
            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
            <input type="hidden" name="id" value=id.map(|id| id.to_string()).unwrap_or_default()/>
            // The unit the page was opened for: a refused plain post comes back to it.
            <input type="hidden" name="page_unit" value=form.unit.code.clone()/>
            <label for="plan-units"><Text id="iv_units_codes"/></label>
            <input id="plan-units" name="units" required value=fill.units/>
            <label for="plan-title"><Text id="iv_plan_title"/></label>
            <input id="plan-title" name="title" required maxlength="200" value=fill.title/>
            <label for="plan-description"><Text id="iv_description"/></label>
            <textarea id="plan-description" name="description" rows="4" required inner_html=textarea_text(&fill.description)></textarea>
            <label for="plan-kind"><Text id="iv_kind"/></label>
            <select id="plan-kind" name="kind">
                {InterventionKind::ALL.into_iter().map(|k| {
                    let code = k.as_str();
                    view! { <option value=code selected=fill.kind == code>{move || k.label(locale.get())}</option> }
                }).collect_view()}
            </select>
            <label for="plan-owner"><Text id="iv_owner_agent"/></label>
            <select id="plan-owner" name="owner" required>
                <option value="">"—"</option>
                {owners.into_iter().map(|o| view! {
                    <option value=o.id selected=fill.owner == o.id.to_string()>{o.name}</option>
                }).collect_view()}
            </select>
            <fieldset>
                <legend><Text id="iv_collaborators"/></legend>
                {collaborator_choices.into_iter().map(|o| {
                    let name = format!("collaborators[{}]", o.id);
                    let checked = fill.collaborators.contains(&o.id.to_string());
                    view! { <label class="check"><input type="checkbox" name=name checked=checked/>" "{o.name}</label> }
                }).collect_view()}
            </fieldset>
            <fieldset data-testid="plan-targets">
                <legend><Text id="iv_targets"/></legend>
                {form.target_choices.iter().cloned().map(|(key, name_id, name_en)| {
                    let checked = fill.targets.contains(&key);
                    let name = format!("targets[{key}]");
                    view! { <label class="check"><input type="checkbox" name=name checked=checked data-target=key/>" "{move || locale.get().pick(name_id.clone(), name_en.clone())}</label> }
                }).collect_view()}
            </fieldset>
            <label for="plan-start"><Text id="iv_start"/></label>
            <input id="plan-start" name="start_on" type="date" required value=fill.start_on/>
            <label for="plan-end"><Text id="iv_end"/></label>
            <input id="plan-end" name="end_on" type="date" required value=fill.end_on/>
            <label for="plan-budget"><Text id="iv_budget_rupiah"/></label>
            <input id="plan-budget" name="budget" inputmode="numeric" value=fill.budget placeholder="25.000.000"/>
            <label for="plan-funding"><Text id="iv_funding"/></label>
            <input id="plan-funding" name="funding_source" value=fill.funding_source placeholder="APBD 2027"/>
            <button type="submit" data-testid="plan-submit">
                {if id.is_some() { view! { <Text id="iv_save"/> }.into_any() } else { view! { <Text id="iv_create"/> }.into_any() }}
            </button>
        </ActionForm>
        <ActionError error=move || create.value().get().and_then(Result::err)/>
    }
}
