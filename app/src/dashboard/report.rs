//! `/dashboard/laporan`: the same figures as the dashboard, laid out for A4 paper in
//! Indonesian (the language of the province's own reports): cover, summary, heatmap, trends,
//! units at risk, barriers.

use leptos::prelude::*;

use super::{
    barriers_view::Barriers,
    charts::TrendChart,
    heatmap::Heatmap,
    interventions_view::InterventionList,
    links::ViewLink,
    model::Dashboard,
    page::{dashboard_resource, requested_link, shown_view},
    risk_list::RiskList,
};
use crate::{
    format::{count, decimal, percent},
    i18n::{Locale, Text},
};

#[component]
pub fn ReportPage() -> impl IntoView {
    // Indonesian whatever the interface language: children read this nearer context.
    provide_context(RwSignal::new(Locale::Id));
    let link = requested_link();
    let data = dashboard_resource(link);
    view! {
        <div class="report" lang="id">
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(dashboard) => view! { <ReportView dashboard link=link.get()/> }.into_any(),
                        Err(e) => view! { <p role="alert" data-testid="dashboard-error">{e.message(Locale::Id)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ReportView(dashboard: Dashboard, link: ViewLink) -> impl IntoView {
    let (link, order) = shown_view(&dashboard, link);
    let Dashboard {
        wave,
        threshold,
        breadcrumbs,
        unit,
        dimensions,
        rows,
        at_risk,
        at_risk_total,
        interventions,
        trends,
        barriers,
        comment_threshold,
        ..
    } = dashboard;
    let path = breadcrumbs
        .iter()
        .map(|b| b.name.clone())
        .collect::<Vec<_>>()
        .join(" › ");
    let (responses, headcount) = (unit.responses, unit.headcount);
    let overall = unit
        .overall
        .map(|v| decimal(v, 1, Locale::Id))
        .unwrap_or_else(|| "disembunyikan".to_owned());
    let risk_count = at_risk_total;
    let trend_charts = trends
        .into_iter()
        .map(|series| {
            let title = dimensions
                .iter()
                .find(|d| d.id == series.dimension_id)
                .map(|d| d.name_id.clone())
                .unwrap_or(series.dimension_id);
            view! { <TrendChart title points=series.points/> }
        })
        .collect_view();
    view! {
        <section class="cover" data-testid="report-cover">
            <p class="muted">"Siap — laporan kesiapan menghadapi perubahan"</p>
            <h1 data-testid="report-title">{unit.name.clone()}</h1>
            <p>{path}</p>
            <p><strong>{wave.title.clone()}</strong></p>
            <p>{format!("Periode: {} s.d. {}", wave.opens_on, wave.closes_on)}</p>
            <p class="muted">{format!(
                "Kelompok dengan kurang dari {threshold} responden tidak ditampilkan, agar tidak ada jawaban yang dapat dikaitkan dengan seseorang."
            )}</p>
            <button type="button" class="no-print" onclick="window.print()">"Cetak"</button>
        </section>
        <section class="report-page">
            <h2>"Ringkasan"</h2>
            <ul>
                <li>{format!("Responden: {} dari {} pegawai ({}).", count(responses, Locale::Id), count(headcount, Locale::Id), percent(responses, headcount, Locale::Id))}</li>
                <li>{format!("Indeks kesiapan rata-rata (0–100): {overall}.")}</li>
                <li>{format!("Unit berisiko: {risk_count}.")}</li>
            </ul>
            <h2>"Peta panas per unit dan dimensi"</h2>
            <Heatmap total=unit rows=rows.clone() dimensions=dimensions.clone() order link=link.clone()/>
        </section>
        <section class="report-page">
            <h2>"Tren antargelombang"</h2>
            <div class="trend-grid">{trend_charts}</div>
        </section>
        <section class="report-page">
            <h2>"Unit berisiko"</h2>
            <RiskList units=at_risk dimensions=dimensions.clone() link=link.clone()/>
            <h2>"Hambatan dan kekurangan sumber daya"</h2>
            <Barriers view_data=barriers rows comment_threshold/>
            <h2>"Intervensi"</h2>
            <div data-testid="report-interventions"><InterventionList plans=interventions/></div>
        </section>
    }
}
