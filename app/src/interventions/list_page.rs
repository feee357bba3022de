//! `/intervensi`: the plans in the user's scope, filtered by the address
//! (`unit`, `status`, `pemilik`, `jenis`, `terlambat`) and shown as a list, a board by status
//! (`tampilan=papan`) or a timeline (`tampilan=linimasa`), under the alerts: plans overdue
//! and units at risk without a plan.

use domain::interventions::{InterventionKind, InterventionStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    board::Board,
    labels::{kind_label, rupiah, status_label},
    list_interventions,
    timeline::Timeline,
    InterventionsView, PlanQuery, PlanRow,
};
use crate::i18n::{use_locale, Locale, Text};

/// The filter and the view as the address gives them.
fn requested() -> Memo<(PlanQuery, String)> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        let text = |key: &str| q.get(key).filter(|v| !v.trim().is_empty());
        (
            PlanQuery {
                unit: text("unit"),
                status: text("status"),
                owner: text("pemilik").and_then(|v| v.parse().ok()),
                kind: text("jenis"),
                overdue: q.get("terlambat").is_some_and(|v| v == "1" || v == "on"),
            },
            text("tampilan").unwrap_or_else(|| "daftar".to_owned()),
        )
    })
}

#[component]
pub fn InterventionsPage() -> impl IntoView {
    let locale = use_locale();
    let requested = requested();
    // Moves from the board: the list reloads after each.
    let mover = super::board::Mover::new();
    provide_context(mover);
    let data = Resource::new(
        move || (requested.get().0, mover.version().get()),
        |(query, _)| list_interventions(query),
    );
    view! {
        <div class="page interventions">
            <h1><Text id="iv_title"/></h1>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || {
                    // Tracked here, so that switching the view (not a new query) re-renders.
                    let (query, shown) = requested.get();
                    Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Loaded view query shown/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}}
            </Suspense>
        </div>
    }
}

#[component]
fn Loaded(view: InterventionsView, query: PlanQuery, shown: String) -> impl IntoView {
    let InterventionsView {
        plans,
        overdue,
        uncovered,
        risk_wave,
        owners,
        today,
        can_plan,
    } = view;
    let body = match shown.as_str() {
        "papan" => view! { <Board plans/> }.into_any(),
        "linimasa" => view! { <Timeline plans today/> }.into_any(),
        _ => view! { <PlanTable plans/> }.into_any(),
    };
    view! {
        <Alerts overdue uncovered risk_wave can_plan/>
        <Filters query=query.clone() owners shown=shown.clone()/>
        <ViewSwitch query shown/>
        {body}
    }
}

#[component]
fn Alerts(
    overdue: Vec<PlanRow>,
    uncovered: Option<Vec<super::UncoveredUnit>>,
    risk_wave: Option<String>,
    can_plan: bool,
) -> impl IntoView {
    let locale = use_locale();
    let overdue_view = (!overdue.is_empty()).then(|| {
        view! {
            <section class="alert-box" data-testid="overdue-alert">
                <h2><Text id="iv_overdue_title"/></h2>
                <ul>
                    {overdue.into_iter().map(|p| view! {
                        <li><a href=format!("/intervensi/{}", p.id)>{p.title}</a>
                            " · "<Text id="iv_ended"/>" "{p.end_on}" · "{p.owner_name}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let uncovered_view = uncovered.filter(|u| !u.is_empty()).map(|units| {
        let wave = risk_wave.unwrap_or_default();
        view! {
            <section class="alert-box" data-testid="uncovered-alert">
                <h2><Text id="iv_uncovered_title"/></h2>
                <p class="muted"><Text id="iv_uncovered_note"/>" "{wave}</p>
                <ul>
                    {units.into_iter().map(|u| {
                        let dims_id = shortlist(&u.dimensions_id);
                        let dims_en = shortlist(&u.dimensions_en);
                        let start = format!("/intervensi/baru?unit={}", u.code);
                        view! {
                            <li data-testid="uncovered-unit" data-code=u.code.clone()>
                                <strong>{u.name}</strong>
                                {(!u.path.is_empty()).then(|| view! { <span class="muted">" · "{u.path.clone()}</span> })}
                                " — "{move || locale.get().pick(dims_id.clone(), dims_en.clone())}
                                {can_plan.then(|| view! {
                                    " "<a class="button-link" href=start.clone()><Text id="iv_start_plan"/></a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    view! { {overdue_view} {uncovered_view} }
}

/// The first three names, and how many more: a unit weak everywhere would list them all.
fn shortlist(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" +{}", names.len() - SHOWN));
    }
    text
}

#[component]
fn Filters(query: PlanQuery, owners: Vec<super::PersonChoice>, shown: String) -> impl IntoView {
    let locale = use_locale();
    let status = query.status.clone().unwrap_or_default();
    let kind = query.kind.clone().unwrap_or_default();
    view! {
        <form method="get" action="/intervensi" class="filters" data-testid="plan-filters">
            <input type="hidden" name="tampilan" value=shown/>
            <label>
                <Text id="dash_unit"/>
                <input name="unit" value=query.unit.clone().unwrap_or_default() placeholder="DKI"/>
            </label>
            <label>
                <Text id="iv_status"/>
                <select name="status">
                    <option value=""><Text id="iv_all"/></option>
                    {InterventionStatus::ALL.into_iter().map(|s| {
                        let code = s.as_str();
                        view! { <option value=code selected=status == code>{move || s.label(locale.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                <Text id="iv_owner"/>
                <select name="pemilik">
                    <option value=""><Text id="iv_all"/></option>
                    {owners.into_iter().map(|o| view! {
                        <option value=o.id selected=query.owner == Some(o.id)>{o.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <Text id="iv_kind"/>
                <select name="jenis">
                    <option value=""><Text id="iv_all"/></option>
                    {InterventionKind::ALL.into_iter().map(|k| {
                        let code = k.as_str();
                        view! { <option value=code selected=kind == code>{move || k.label(locale.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" name="terlambat" value="1" checked=query.overdue/>
                <Text id="iv_overdue_only"/>
            </label>
            <button type="submit"><Text id="dash_show"/></button>
        </form>
    }
}

/// Links to the three views of the same filter.
#[component]
fn ViewSwitch(query: PlanQuery, shown: String) -> impl IntoView {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(unit) = &query.unit {
        pairs.push(("unit", unit.clone()));
    }
    if let Some(status) = &query.status {
        pairs.push(("status", status.clone()));
    }
    if let Some(owner) = query.owner {
        pairs.push(("pemilik", owner.to_string()));
    }
    if let Some(kind) = &query.kind {
        pairs.push(("jenis", kind.clone()));
    }
    if query.overdue {
        pairs.push(("terlambat", "1".to_owned()));
    }
    let link = move |view: &str| {
        let mut all = pairs.clone();
        all.push(("tampilan", view.to_owned()));
        format!(
            "/intervensi?{}",
            crate::query::encode(all.iter().map(|(k, v)| (*k, v.as_str())))
        )
    };
    let item = |view: &'static str, text: &'static str| {
        let current = shown == view;
        view! {
            <a href=link(view) aria-current=current.then_some("page") data-testid=format!("view-{view}")>
                <Text id=text/>
            </a>
        }
    };
    view! {
        <nav class="view-switch" aria-label="Tampilan">
            {item("daftar", "iv_view_list")}
            {item("papan", "iv_view_board")}
            {item("linimasa", "iv_view_timeline")}
            <a class="button-link" href="/intervensi/baru"><Text id="iv_new"/></a>
        </nav>
    }
}

#[component]
fn PlanTable(plans: Vec<PlanRow>) -> impl IntoView {
    let locale = use_locale();
    if plans.is_empty() {
        return view! { <p class="muted" data-testid="plans-none"><Text id="iv_none"/></p> }
            .into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data" data-testid="plans">
                <thead><tr>
                    <th><Text id="iv_plan"/></th><th><Text id="iv_kind"/></th><th><Text id="iv_status"/></th>
                    <th><Text id="iv_owner"/></th><th><Text id="iv_units"/></th><th><Text id="iv_dates"/></th>
                    <th><Text id="iv_budget"/></th><th><Text id="iv_milestones"/></th>
                </tr></thead>
                <tbody>
                    {plans.into_iter().map(|p| row(p, locale)).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn row(p: PlanRow, locale: RwSignal<Locale>) -> impl IntoView {
    let PlanRow {
        id,
        title,
        kind,
        status,
        owner_name,
        units,
        start_on,
        end_on,
        budget_rupiah,
        overdue,
        milestones_done,
        milestones_total,
        ..
    } = p;
    view! {
        <tr data-testid="plan-row" class:overdue=overdue>
            <th scope="row"><a href=format!("/intervensi/{id}")>{title}</a></th>
            <td>{move || kind_label(&kind, locale.get())}</td>
            <td>{move || status_label(&status, locale.get())}
                {overdue.then(|| view! { " "<span class="badge-late"><Text id="iv_late"/></span> })}</td>
            <td>{owner_name}</td>
            <td>{units.into_iter().map(|u| u.name).collect::<Vec<_>>().join(", ")}</td>
            <td>{format!("{start_on} – {end_on}")}</td>
            <td class="number">{move || rupiah(budget_rupiah, locale.get())}</td>
            <td class="number">{format!("{milestones_done}/{milestones_total}")}</td>
        </tr>
    }
}
