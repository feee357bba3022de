//! `/kesenjangan?unit=<code>`: the resource gaps of a unit and everything under it, totals by
//! type (all and still unresolved), and a form to record one. Works without JavaScript.

use crate::text_area::textarea_text;
use domain::interventions::{GapKind, GapStatus, Severity};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{list_gaps, CreateGap, GapRow, GapsView, SetGapStatus};
use crate::{
    auth::ActionError,
    format::count,
    i18n::{code as lang_code, use_locale, Locale, Text},
    interventions::labels::rupiah,
};

fn kind_label(kind: &str, locale: Locale) -> String {
    GapKind::parse(kind).map_or_else(|_| kind.to_owned(), |k| k.label(locale).to_owned())
}

fn severity_label(severity: &str, locale: Locale) -> String {
    Severity::parse(severity).map_or_else(|_| severity.to_owned(), |s| s.label(locale).to_owned())
}

fn status_label(status: &str, locale: Locale) -> String {
    GapStatus::parse(status).map_or_else(|_| status.to_owned(), |s| s.label(locale).to_owned())
}

#[component]
pub fn GapsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let create = ServerAction::<CreateGap>::new();
    let status = ServerAction::<SetGapStatus>::new();
    provide_context(status);
    let data = Resource::new(
        move || {
            (
                query.read().get("unit").unwrap_or_default(),
                create.version().get() + status.version().get(),
            )
        },
        |(unit, _)| list_gaps(unit),
    );
    view! {
        <div class="page gaps">
            <h1><Text id="rg_title"/></h1>
            <form method="get" action="/kesenjangan" class="filters">
                <label><Text id="dash_unit"/>
                    <input name="unit" value=move || query.read().get("unit").unwrap_or_default() placeholder="DKI"/>
                </label>
                <button type="submit"><Text id="dash_show"/></button>
            </form>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Loaded view/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <ActionError error=move || status.value().get().and_then(Result::err)/>
            <GapForm create/>
        </div>
    }
}

#[component]
fn Loaded(view: GapsView) -> impl IntoView {
    let locale = use_locale();
    let GapsView { unit, gaps, totals } = view;
    view! {
        {unit.map(|u| view! { <h2>{u.name}</h2> })}
        <h3><Text id="rg_totals"/></h3>
        <div class="table-scroll">
            <table class="data" data-testid="gap-totals">
                <thead><tr>
                    <th><Text id="rg_kind"/></th><th><Text id="rg_count"/></th><th><Text id="rg_cost"/></th>
                    <th><Text id="rg_unresolved"/></th><th><Text id="rg_unresolved_cost"/></th>
                </tr></thead>
                <tbody>
                    {totals.into_iter().map(|t| view! {
                        <tr data-kind=t.kind.clone()>
                            <th scope="row">{let k = t.kind.clone(); move || kind_label(&k, locale.get())}</th>
                            <td class="number">{move || count(t.count, locale.get())}</td>
                            <td class="number">{move || rupiah(t.estimated_cost, locale.get())}</td>
                            <td class="number">{move || count(t.unresolved_count, locale.get())}</td>
                            <td class="number" data-testid="gap-unresolved-cost">{move || rupiah(t.unresolved_cost, locale.get())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h3><Text id="rg_list"/></h3>
        {if gaps.is_empty() {
            view! { <p class="muted"><Text id="rg_none"/></p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data" data-testid="gaps">
                        <thead><tr>
                            <th><Text id="dash_unit"/></th><th><Text id="rg_kind"/></th><th><Text id="iv_description"/></th>
                            <th><Text id="rg_severity"/></th><th><Text id="rg_cost"/></th><th><Text id="iv_status"/></th>
                            <th><Text id="rg_plans"/></th>
                        </tr></thead>
                        <tbody>{gaps.into_iter().map(gap_row).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

fn gap_row(gap: GapRow) -> impl IntoView {
    let locale = use_locale();
    let status_action = expect_context::<ServerAction<SetGapStatus>>();
    let GapRow {
        id,
        unit,
        kind,
        description,
        severity,
        estimated_cost,
        status,
        plans,
        can_edit,
    } = gap;
    let moves: Vec<&'static str> = GapStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .filter(|s| *s != status)
        .collect();
    view! {
        <tr data-testid="gap-row">
            <td>{unit.name}</td>
            <td>{move || kind_label(&kind, locale.get())}</td>
            <td>{description}</td>
            <td>{move || severity_label(&severity, locale.get())}</td>
            <td class="number">{move || rupiah(estimated_cost, locale.get())}</td>
            <td>{let s = status.clone(); move || status_label(&s, locale.get())}
                {can_edit.then(|| moves.into_iter().map(|to| view! {
                    <ActionForm action=status_action attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="status" value=to/>
                        <button type="submit" data-testid=format!("gap-{to}")>{move || status_label(to, locale.get())}</button>
                    </ActionForm>
                }).collect_view())}
            </td>
            <td>{plans.into_iter().map(|(plan, title)| view! { <a href=format!("/intervensi/{plan}")>{title}</a>" " }).collect_view()}</td>
        </tr>
    }
}

#[component]
fn GapForm(create: ServerAction<CreateGap>) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    // A refused plain-form post comes back with the fields in the address.
    let field = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let kind = field("kind");
    let severity = field("severity");
    view! {
        <h2 id="gap-form"><Text id="rg_new"/></h2>
        <ActionForm action=create attr:class="stack" attr:data-testid="gap-form">
            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
            <label for="gap-unit"><Text id="iv_choose_unit"/></label>
            <input id="gap-unit" name="unit" required value=field("unit")/>
            <label for="gap-kind"><Text id="rg_kind"/></label>
            <select id="gap-kind" name="kind">
                {GapKind::ALL.iter().map(|k| {
                    let code = k.as_str();
                    view! { <option value=code selected=kind == code>{move || k.label(locale.get())}</option> }
                }).collect_view()}
            </select>
            <label for="gap-description"><Text id="iv_description"/></label>
            <textarea id="gap-description" name="description" rows="3" required inner_html=textarea_text(field("description"))></textarea>
            <label for="gap-severity"><Text id="rg_severity"/></label>
            <select id="gap-severity" name="severity">
                {Severity::ALL.iter().map(|s| {
                    let code = s.as_str();
                    view! { <option value=code selected=severity == code>{move || s.label(locale.get())}</option> }
                }).collect_view()}
            </select>
            <label for="gap-cost"><Text id="rg_cost_rupiah"/></label>
            <input id="gap-cost" name="cost" inputmode="numeric" value=field("cost") placeholder="150.000.000"/>
            <label for="gap-plan"><Text id="rg_plan_id"/></label>
            <input id="gap-plan" name="intervention" inputmode="numeric" value=field("intervention")/>
            <button type="submit" data-testid="gap-submit"><Text id="rg_record"/></button>
        </ActionForm>
        <ActionError error=move || create.value().get().and_then(Result::err)/>
        {move || create.value().get().and_then(Result::ok).map(|_| view! { <p role="status" data-testid="gap-created"><Text id="rg_created"/></p> })}
    }
}
