//! `/intervensi/baru?unit=<code>[&saran=<key>]`: starts a plan for a unit. The playbook's
//! suggestions for the unit are listed with their evidence; choosing one fills the form
//! (title, type, targets, rationale). A refused plain-form post comes back with
//! `kembali=1` and every field in the address, so nothing typed is lost.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    labels::kind_label,
    plan_fields::{PlanFields, PlanInput},
    plan_options, PlanForm, SuggestionRow,
};
use crate::i18n::{use_locale, Locale, Text};

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

fn prefill(form: &PlanForm, chosen: Option<&SuggestionRow>, locale: Locale) -> PlanInput {
    if let Some(fill) = PlanInput::from_query() {
        return fill;
    }
    let mut fill = PlanInput {
        units: form.unit.code.clone(),
        owner: form
            .default_owner
            .map(|id| id.to_string())
            .unwrap_or_default(),
        start_on: form.today.clone(),
        end_on: form.default_end.clone(),
        ..PlanInput::default()
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
    view! {
        <h2>{form.unit.name.clone()}</h2>
        <section>
            <h3><Text id="iv_suggestions"/></h3>
            {form.wave.clone().map(|w| view! { <p class="muted"><Text id="iv_suggestions_from"/>" "{w}</p> })}
            {suggestions}
        </section>
        <PlanFields options=form fill id=None/>
    }
}
