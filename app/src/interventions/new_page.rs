//! `/intervensi/baru?unit=<code>[&saran=<key>]`: starts a plan for a unit. The playbook's
//! suggestions for the unit are listed with their evidence; choosing one fills the form
//! (title, type, targets, rationale). A refused plain-form post comes back with
//! `kembali=1` and every field in the address, so nothing typed is lost.

use domain::interventions::InterventionKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{labels::kind_label, plan_options, CreateIntervention, PlanForm, SuggestionRow};
use crate::{
    auth::ActionError,
    i18n::{code as lang_code, use_locale, Locale, Text},
};

#[component]
pub fn NewPlanPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let unit = Memo::new(move |_| query.read().get("unit").filter(|u| !u.trim().is_empty()));
    let form = Resource::new(
        move || unit.get(),
        |unit| async move {
            match unit {
                Some(unit) => plan_options(unit).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <div class="page">
            <p><a href="/intervensi"><Text id="iv_back"/></a></p>
            <h1><Text id="iv_new"/></h1>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || {
                    // Tracked here: choosing another suggestion re-renders the form.
                    let chosen = query.read().get("saran");
                    Suspend::new(async move {
                    match form.await {
                        Ok(Some(form)) => view! { <Loaded form chosen/> }.into_any(),
                        Ok(None) => view! { <ChooseUnit/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> <ChooseUnit/> }.into_any(),
                    }
                })}}
            </Suspense>
        </div>
    }
}

#[component]
fn ChooseUnit() -> impl IntoView {
    view! {
        <form method="get" action="/intervensi/baru" class="stack">
            <label for="choose-unit"><Text id="iv_choose_unit"/></label>
            <input id="choose-unit" name="unit" required placeholder="DKI"/>
            <button type="submit"><Text id="iv_continue"/></button>
        </form>
    }
}

/// The fields the form opens with.
#[derive(Debug, Clone, Default)]
struct Prefill {
    units: String,
    title: String,
    description: String,
    kind: String,
    owner: String,
    collaborators: Vec<String>,
    targets: Vec<String>,
    start_on: String,
    end_on: String,
    budget: String,
    funding_source: String,
}

fn prefill(form: &PlanForm, chosen: Option<&SuggestionRow>, locale: Locale) -> Prefill {
    let query = use_query_map();
    let q = query.read_untracked();
    if q.get("kembali").is_some() {
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
        return Prefill {
            units: field("unit"),
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
        };
    }
    let mut fill = Prefill {
        units: form.unit.code.clone(),
        owner: form
            .default_owner
            .map(|id| id.to_string())
            .unwrap_or_default(),
        start_on: form.today.clone(),
        end_on: form.default_end.clone(),
        ..Prefill::default()
    };
    if let Some(s) = chosen {
        fill.title = locale.pick(&s.title_id, &s.title_en).clone();
        fill.description = locale.pick(&s.rationale_id, &s.rationale_en).clone();
        fill.kind = s.kind.clone();
        fill.targets = s.targets.clone();
    }
    fill
}

#[component]
fn Loaded(form: PlanForm, chosen: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateIntervention>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/intervensi/{id}"), Default::default());
        }
    });
    let chosen_key = chosen;
    let chosen = form
        .suggestions
        .iter()
        .find(|s| Some(&s.key) == chosen_key.as_ref())
        .cloned();
    let fill = prefill(&form, chosen.as_ref(), locale.get_untracked());
    let unit_code = form.unit.code.clone();
    let suggestions = if form.suggestions.is_empty() {
        view! { <p class="muted" data-testid="no-suggestions"><Text id="iv_no_suggestions"/></p> }
            .into_any()
    } else {
        view! {
            <ul class="suggestions" data-testid="suggestions">
                {form.suggestions.iter().map(|s| {
                    let href = format!(
                        "/intervensi/baru?{}",
                        crate::query::encode([("unit", unit_code.as_str()), ("saran", s.key.as_str())])
                    );
                    let is_chosen = Some(&s.key) == chosen_key.as_ref();
                    let kind = s.kind.clone();
                    view! {
                        <li data-testid="suggestion" data-key=s.key.clone() class:chosen=is_chosen>
                            <strong>{let (i, e) = (s.title_id.clone(), s.title_en.clone()); move || locale.get().pick(i.clone(), e.clone())}</strong>
                            " · "{move || kind_label(&kind, locale.get())}
                            <p class="muted">{let (i, e) = (s.evidence_id.clone(), s.evidence_en.clone()); move || locale.get().pick(i.clone(), e.clone())}</p>
                            <p>{let (i, e) = (s.rationale_id.clone(), s.rationale_en.clone()); move || locale.get().pick(i.clone(), e.clone())}</p>
                            <a class="button-link" href=href data-testid="use-suggestion"><Text id="iv_use_suggestion"/></a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let owners = form.owners.clone();
    let collaborator_choices = form.owners.clone();
    view! {
        <h2>{form.unit.name.clone()}</h2>
        <section>
            <h3><Text id="iv_suggestions"/></h3>
            {form.wave.clone().map(|w| view! { <p class="muted"><Text id="iv_suggestions_from"/>" "{w}</p> })}
            {suggestions}
        </section>
        <ActionForm action=create attr:class="stack" attr:data-testid="plan-form">
            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
            <label for="plan-units"><Text id="iv_units_codes"/></label>
            <input id="plan-units" name="units" required value=fill.units/>
            <label for="plan-title"><Text id="iv_plan_title"/></label>
            <input id="plan-title" name="title" required maxlength="200" value=fill.title/>
            <label for="plan-description"><Text id="iv_description"/></label>
            <textarea id="plan-description" name="description" rows="4" required>{fill.description}</textarea>
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
            <button type="submit" data-testid="plan-submit"><Text id="iv_create"/></button>
        </ActionForm>
        <ActionError error=move || create.value().get().and_then(Result::err)/>
    }
}
