//! One dimension's readiness across waves: the index with its 95% CI as a band.

use leptos::prelude::*;

use super::geometry::{band_points, line_path, runs, Frame};
use crate::{
    dashboard::model::TrendPoint,
    format::decimal,
    i18n::{text, use_locale},
};

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 130.0;
const FRAME: Frame = Frame {
    left: 30.0,
    top: 8.0,
    width: 196.0,
    height: 92.0,
    low: 0.0,
    high: 100.0,
};

/// A small chart, meant to be one of a grid (one per dimension).
#[component]
pub fn TrendChart(title: String, points: Vec<TrendPoint>) -> impl IntoView {
    let locale = use_locale();
    let count = points.len();
    let values: Vec<_> = points.iter().map(|p| p.value).collect();
    let runs = runs(&values);
    let frame = FRAME.zoomed(&values);
    let summary = {
        let points = points.clone();
        let title = title.clone();
        move || {
            let l = locale.get();
            let parts: Vec<String> = points
                .iter()
                .map(|p| match p.value {
                    Some(v) => format!("{}: {}", p.wave_title, decimal(v.index, 1, l)),
                    None => format!("{}: {}", p.wave_title, text(l, "dash_hidden")),
                })
                .collect();
            format!("{title}. {}", parts.join("; "))
        }
    };
    let gridlines = [frame.low, (frame.low + frame.high) / 2.0, frame.high].map(|v| {
        let y = frame.y(v);
        view! {
            <line x1=frame.left x2=frame.left + frame.width y1=y y2=y class="grid"/>
            <text x=frame.left - 4.0 y=y + 3.5 class="tick" text-anchor="end">{v.to_string()}</text>
        }
    });
    let bands = runs
        .iter()
        .map(|run| view! { <polygon class="band" points=band_points(&frame, count, run)/> })
        .collect_view();
    let lines = runs
        .iter()
        .map(|run| view! { <path class="line" d=line_path(&frame, count, run)/> })
        .collect_view();
    let marks = points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let x = frame.x(i, count);
            let label = short_date(&point.opens_on);
            let mark = point.value.map(|v| {
                let tip = {
                    let wave = point.wave_title.clone();
                    move || {
                        let l = locale.get();
                        format!(
                            "{wave}: {} ({} {}–{})",
                            decimal(v.index, 1, l),
                            text(l, "dash_ci"),
                            decimal(v.low, 1, l),
                            decimal(v.high, 1, l)
                        )
                    }
                };
                view! { <circle cx=x cy=frame.y(v.index) r="3.5" class="point"><title>{tip}</title></circle> }
            });
            view! {
                {mark}
                <text x=x y=HEIGHT - 12.0 class="tick" text-anchor="middle">{label}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="trend">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary data-testid="trend-chart">
                {gridlines}
                {bands}
                {lines}
                {marks}
            </svg>
        </figure>
    }
}

/// "2026-05-14" → "05/26": short enough for a tick under a small chart.
fn short_date(iso: &str) -> String {
    match (iso.get(5..7), iso.get(2..4)) {
        (Some(month), Some(year)) => format!("{month}/{year}"),
        _ => iso.to_owned(),
    }
}
