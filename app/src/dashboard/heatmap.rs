//! Units × dimensions: each cell the readiness index (0-100) of a unit with everything under
//! it, coloured by class, marked when significantly above or below the rest of the
//! organisation, hatched when hidden.

use leptos::prelude::*;

use super::{
    colour::{cell_style, class_upper, CLASSES},
    links::ViewLink,
    model::{Cell, DimensionHead, UnitRow, Versus},
    sort::{RowOrder, SortKey},
};
use crate::{
    format::{count, decimal, percent},
    i18n::{text, use_locale, Text},
};

#[component]
pub fn Heatmap(
    total: UnitRow,
    rows: Vec<UnitRow>,
    dimensions: Vec<DimensionHead>,
    order: RowOrder,
    link: ViewLink,
) -> impl IntoView {
    let locale = use_locale();
    let ids: Vec<String> = dimensions.iter().map(|d| d.id.clone()).collect();
    let mut rows = rows;
    order.sort(&mut rows, &ids);
    // With JavaScript: narrow the rows by name as one types.
    let filter = RwSignal::new(String::new());

    let header = |key: SortKey, label: AnyView, test_id: String| {
        let aria = if order.key == key {
            if order.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let href = link.with_sort(order.toggled(key).as_query()).dashboard();
        view! {
            <th scope="col" aria-sort=aria>
                <a href=href data-testid=test_id>{label}</a>
            </th>
        }
    };
    let dimension_headers = dimensions
        .iter()
        .map(|d| {
            let (id, en) = (d.name_id.clone(), d.name_en.clone());
            header(
                SortKey::Dimension(d.id.clone()),
                view! { <span class="dim-name">{move || locale.get().pick(id.clone(), en.clone())}</span> }.into_any(),
                format!("sort-{}", d.id),
            )
        })
        .collect_view();
    let name_header = header(
        SortKey::Name,
        view! { <Text id="dash_unit"/> }.into_any(),
        "sort-name".to_owned(),
    );
    let overall_header = header(
        SortKey::Overall,
        view! { <Text id="dash_overall"/> }.into_any(),
        "sort-overall".to_owned(),
    );
    let rate_header = header(
        SortKey::ResponseRate,
        view! { <Text id="dash_response_rate"/> }.into_any(),
        "sort-rate".to_owned(),
    );

    let body = rows
        .into_iter()
        .map(|row| {
            let name = row.name.clone();
            let shown = move || {
                let wanted = filter.get().to_lowercase();
                wanted.is_empty() || name.to_lowercase().contains(&wanted)
            };
            view! { <HeatmapRow row=row.clone() link=link.clone() total=false hidden=Signal::derive(move || !shown())/> }
        })
        .collect_view();

    view! {
        <div class="heatmap-tools">
            <label for="heatmap-filter"><Text id="dash_filter"/></label>
            <input id="heatmap-filter" type="search" data-testid="heatmap-filter"
                prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))/>
        </div>
        <div class="heatmap-scroll">
            <table class="heatmap" data-testid="heatmap">
                <caption class="visually-hidden"><Text id="dash_heatmap_caption"/></caption>
                <thead><tr>{name_header}{rate_header}{overall_header}{dimension_headers}</tr></thead>
                <tbody>
                    <HeatmapRow row=total link=link.clone() total=true hidden=Signal::derive(|| false)/>
                    {body}
                </tbody>
            </table>
        </div>
        <HeatmapLegend/>
        <p class="muted">{move || text(locale.get(), "dash_heatmap_note")}</p>
    }
}

#[component]
fn HeatmapRow(row: UnitRow, link: ViewLink, total: bool, hidden: Signal<bool>) -> impl IntoView {
    let locale = use_locale();
    let name = if row.drills_down && !total {
        view! { <a href=link.with_unit(&row.code).dashboard() data-testid="drill-down">{row.name.clone()}</a> }.into_any()
    } else {
        view! { <span>{row.name.clone()}</span> }.into_any()
    };
    let (responses, headcount) = (row.responses, row.headcount);
    let rate = move || {
        let l = locale.get();
        format!(
            "{} / {} ({})",
            count(responses, l),
            count(headcount, l),
            percent(responses, headcount, l)
        )
    };
    let overall = match row.overall {
        Some(index) => view! {
            <td class="cell" style=cell_style(index)>{move || decimal(index, 0, locale.get())}</td>
        }
        .into_any(),
        None => view! { <SuppressedCell/> }.into_any(),
    };
    let cells = row
        .cells
        .into_iter()
        .map(|cell| view! { <HeatmapCell cell/> })
        .collect_view();
    view! {
        <tr class:total=total hidden=move || hidden.get() data-testid="heatmap-row" data-code=row.code.clone()>
            <th scope="row">{name}</th>
            <td class="rate">{rate}</td>
            {overall}
            {cells}
        </tr>
    }
}

#[component]
fn HeatmapCell(cell: Cell) -> impl IntoView {
    let locale = use_locale();
    match cell {
        Cell::Suppressed => view! { <SuppressedCell/> }.into_any(),
        Cell::Visible {
            index,
            low,
            high,
            n,
            versus_rest,
        } => {
            let mark = versus_rest.map(|v| match v {
                Versus::Above => ("▲", "dash_above_rest"),
                Versus::Below => ("▼", "dash_below_rest"),
            });
            let tip = move || {
                let l = locale.get();
                let mut tip = format!(
                    "{} ({} {}–{}), n = {}",
                    decimal(index, 1, l),
                    text(l, "dash_ci"),
                    decimal(low, 1, l),
                    decimal(high, 1, l),
                    count(n, l)
                );
                if let Some((_, key)) = mark {
                    tip.push_str("; ");
                    tip.push_str(&text(l, key));
                }
                tip
            };
            view! {
                <td class="cell" style=cell_style(index) title=tip data-testid="heatmap-cell"
                    data-flag=mark.map(|(_, key)| key)>
                    {move || decimal(index, 0, locale.get())}
                    {mark.map(|(symbol, key)| view! {
                        <span class="flag" aria-hidden="true">{symbol}</span>
                        <span class="visually-hidden">{move || text(locale.get(), key)}</span>
                    })}
                </td>
            }
            .into_any()
        }
    }
}

#[component]
fn SuppressedCell() -> impl IntoView {
    let locale = use_locale();
    view! {
        <td class="cell suppressed" title=move || text(locale.get(), "dash_hidden_explained") data-testid="suppressed-cell">
            <span aria-hidden="true">"–"</span>
            <span class="visually-hidden">{move || text(locale.get(), "dash_hidden")}</span>
        </td>
    }
}

#[component]
fn HeatmapLegend() -> impl IntoView {
    let locale = use_locale();
    let classes = CLASSES
        .iter()
        .enumerate()
        .map(|(at, class)| {
            let range = match class_upper(at) {
                Some(upper) => format!("{}–{upper}", class.from),
                None => format!("≥ {}", class.from),
            };
            view! {
                <li><span class="swatch" style=format!("background:{}", class.background)></span>{range}</li>
            }
        })
        .collect_view();
    view! {
        <ul class="legend" aria-label=move || text(locale.get(), "dash_legend")>
            {classes}
            <li><span class="swatch suppressed"></span><Text id="dash_hidden"/></li>
            <li><span aria-hidden="true">"▲ ▼ "</span><Text id="dash_flag_legend"/></li>
        </ul>
    }
}
