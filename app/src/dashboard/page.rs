//! `/dashboard`: readiness of the user's part of the organisation in one wave.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    barriers_view::Barriers,
    charts::{ShareBar, ShareBars, StackedBars, TrendChart},
    get_dashboard,
    heatmap::Heatmap,
    interventions_view::InterventionList,
    links::ViewLink,
    model::Dashboard,
    risk_list::RiskList,
    sort::RowOrder,
};
use crate::{
    error::AppError,
    format::{count, decimal, percent},
    i18n::{text, text_with, use_locale, Text},
};

/// The view the query string asks for.
pub fn requested_link() -> Memo<ViewLink> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        ViewLink {
            wave: q.get("gelombang").and_then(|w| w.parse().ok()),
            unit: q.get("unit").filter(|u| !u.trim().is_empty()),
            sort: q.get("urut").filter(|s| !s.is_empty()),
            risk_index: q.get("batas").and_then(|b| b.parse().ok()),
        }
    })
}

/// The dashboard data for the requested view. Sorting is done in the page: only wave, unit
/// and threshold ask the server again.
pub fn dashboard_resource(link: Memo<ViewLink>) -> Resource<Result<Dashboard, AppError>> {
    Resource::new(
        move || {
            let l = link.get();
            (l.wave, l.unit, l.risk_index)
        },
        |(wave, unit, risk_index)| get_dashboard(wave, unit, risk_index),
    )
}

/// The links of a shown view name the wave and unit actually shown (the server may have
/// chosen them), and the rows' order.
pub fn shown_view(dashboard: &Dashboard, link: ViewLink) -> (ViewLink, RowOrder) {
    let link = ViewLink {
        wave: Some(dashboard.wave.id),
        unit: Some(dashboard.unit.code.clone()),
        ..link
    };
    let ids: Vec<String> = dashboard.dimensions.iter().map(|d| d.id.clone()).collect();
    let order = RowOrder::parse(link.sort.as_deref().unwrap_or(""), &ids);
    (link, order)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let locale = use_locale();
    let link = requested_link();
    let data = dashboard_resource(link);
    view! {
        <div class="page dashboard">
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(dashboard) => view! { <DashboardView dashboard link=link.get()/> }.into_any(),
                        Err(e) => view! {
                            <h1><Text id="dash_title"/></h1>
                            <p role="alert" data-testid="dashboard-error">{e.message(locale.get_untracked())}</p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard, link: ViewLink) -> impl IntoView {
    let locale = use_locale();
    let (link, order) = shown_view(&dashboard, link);
    let Dashboard {
        waves,
        wave,
        threshold,
        comment_threshold,
        risk_index,
        breadcrumbs,
        unit,
        dimensions,
        rows,
        at_risk,
        at_risk_total,
        interventions,
        trends,
        items,
        scale,
        barriers,
    } = dashboard;

    let crumbs = breadcrumbs
        .iter()
        .enumerate()
        .map(|(at, crumb)| {
            let last = at + 1 == breadcrumbs.len();
            let separator = (at > 0).then_some(" › ");
            if last {
                view! { {separator}<span aria-current="page">{crumb.name.clone()}</span> }.into_any()
            } else {
                view! { {separator}<a href=link.with_unit(&crumb.code).dashboard()>{crumb.name.clone()}</a> }.into_any()
            }
        })
        .collect_view();
    let wave_options = waves
        .iter()
        .map(|w| {
            let selected = w.id == wave.id;
            view! { <option value=w.id selected=selected>{format!("{} ({})", w.title, w.opens_on)}</option> }
        })
        .collect_view();
    let (responses, headcount) = (unit.responses, unit.headcount);
    let overall = unit.overall;
    let trend_charts = trends
        .into_iter()
        .map(|series| {
            let head = dimensions
                .iter()
                .find(|d| d.id == series.dimension_id)
                .cloned();
            let title = head
                .map(|d| locale.get_untracked().pick(d.name_id, d.name_en))
                .unwrap_or(series.dimension_id);
            view! { <TrendChart title points=series.points/> }
        })
        .collect_view();
    let rate_bars = rows
        .iter()
        .map(|row| ShareBar {
            label: row.name.clone(),
            share: row.response_rate().unwrap_or(0.0),
            note: format!(
                "({} / {})",
                count(row.responses, locale.get_untracked()),
                count(row.headcount, locale.get_untracked())
            ),
        })
        .collect::<Vec<_>>();
    let unit_code = unit.code.clone();
    view! {
        <nav aria-label="breadcrumb" class="breadcrumbs" data-testid="breadcrumbs">{crumbs}</nav>
        <h1 data-testid="dashboard-title"><Text id="dash_title"/>": "{unit.name.clone()}</h1>
        <form method="get" action="/dashboard" class="dashboard-controls">
            <input type="hidden" name="unit" value=unit_code/>
            <label for="dash-wave"><Text id="dash_wave"/></label>
            <select id="dash-wave" name="gelombang" data-testid="wave-select">{wave_options}</select>
            <label for="dash-risk"><Text id="dash_risk_index"/></label>
            <input id="dash-risk" name="batas" type="number" min="0" max="100" value=risk_index.to_string()/>
            <button type="submit"><Text id="dash_show"/></button>
        </form>
        <dl class="facts" data-testid="dashboard-summary">
            <dt><Text id="dash_responses"/></dt>
            <dd>{move || format!("{} / {} ({})", count(responses, locale.get()), count(headcount, locale.get()), percent(responses, headcount, locale.get()))}</dd>
            <dt><Text id="dash_overall"/></dt>
            <dd data-testid="overall-index">{move || overall.map(|v| decimal(v, 1, locale.get())).unwrap_or_else(|| text(locale.get(), "dash_hidden"))}</dd>
            <dt><Text id="dash_threshold"/></dt>
            <dd>{move || text_with(locale.get(), "dash_threshold_value", &[("n", threshold.to_string())])}</dd>
        </dl>
        <p class="actions">
            <a class="button secondary" href=link.export("csv") data-testid="export-csv" download>"CSV"</a>
            <a class="button secondary" href=link.export("xlsx") data-testid="export-xlsx" download>"XLSX"</a>
            <a class="button secondary" href=link.report() data-testid="report-link" rel="external"><Text id="dash_report"/></a>
        </p>

        <section aria-labelledby="h-heatmap">
            <h2 id="h-heatmap"><Text id="dash_heatmap"/></h2>
            <Heatmap total=unit rows=rows.clone() dimensions=dimensions.clone() order link=link.clone()/>
        </section>

        <section aria-labelledby="h-risk">
            <h2 id="h-risk"><Text id="dash_at_risk"/></h2>
            {(at_risk_total > at_risk.len()).then(|| {
                let shown = at_risk.len();
                view! {
                    <p class="muted" data-testid="at-risk-count">
                        {move || text_with(
                            locale.get(),
                            "dash_at_risk_shown",
                            &[("shown", shown.to_string()), ("total", at_risk_total.to_string())],
                        )}
                    </p>
                }
            })}
            <RiskList units=at_risk dimensions=dimensions.clone() link=link.clone()/>
        </section>

        <section aria-labelledby="h-interventions">
            <h2 id="h-interventions"><Text id="dash_interventions"/></h2>
            <InterventionList plans=interventions/>
        </section>

        <section aria-labelledby="h-trends">
            <h2 id="h-trends"><Text id="dash_trends"/></h2>
            <div class="trend-grid">{trend_charts}</div>
        </section>

        <section aria-labelledby="h-rates">
            <h2 id="h-rates"><Text id="dash_rates"/></h2>
            <ShareBars bars=rate_bars test_id="response-rates"/>
        </section>

        <section aria-labelledby="h-barriers">
            <h2 id="h-barriers"><Text id="dash_barriers"/></h2>
            <Barriers view_data=barriers rows=rows comment_threshold/>
        </section>

        <section aria-labelledby="h-items">
            <h2 id="h-items"><Text id="dash_items"/></h2>
            <StackedBars items scale/>
        </section>
    }
}
