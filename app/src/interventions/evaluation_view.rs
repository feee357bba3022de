//! A plan's evaluation: the index of each target dimension before and after, the change with
//! its 95% interval, and the change beyond that of comparable units without a plan
//! (difference in differences), with the caveats in plain words.

use leptos::prelude::*;

use super::{Caveat, Estimate, Evaluation, EvaluationRow};
use crate::{
    format::decimal,
    i18n::{text, use_locale, Locale, Text},
};

fn estimate(e: Option<Estimate>, locale: Locale) -> String {
    match e {
        None => "—".to_owned(),
        Some(e) => format!(
            "{}{} ({} {} – {})",
            if e.value > 0.0 { "+" } else { "" },
            decimal(e.value, 1, locale),
            text(locale, "dash_ci"),
            decimal(e.low, 1, locale),
            decimal(e.high, 1, locale)
        ),
    }
}

fn index(value: Option<f64>, locale: Locale) -> String {
    value.map_or_else(|| text(locale, "dash_hidden"), |v| decimal(v, 1, locale))
}

fn caveat_text(caveat: Caveat) -> &'static str {
    match caveat {
        Caveat::Suppressed => "iv_caveat_suppressed",
        Caveat::FewComparisonUnits => "iv_caveat_few_comparison",
        Caveat::SmallGroups => "iv_caveat_small",
    }
}

#[component]
pub fn EvaluationView(evaluation: Evaluation) -> impl IntoView {
    match evaluation {
        Evaluation::NoBaseline => {
            view! { <p class="muted" data-testid="evaluation-none"><Text id="iv_eval_no_baseline"/></p> }.into_any()
        }
        Evaluation::Waiting {
            baseline,
            follow_up,
        } => view! {
            <p class="muted" data-testid="evaluation-waiting">
                <Text id="iv_eval_baseline"/>" "<strong>{baseline}</strong>". "
                <Text id="iv_eval_waiting"/>
                {follow_up.map(|w| view! { " ("<strong>{w}</strong>")" })}
            </p>
        }
        .into_any(),
        Evaluation::Ready {
            baseline,
            follow_up,
            overlaps,
            rows,
        } => view! { <Ready baseline follow_up overlaps rows/> }.into_any(),
    }
}

#[component]
fn Ready(
    baseline: String,
    follow_up: String,
    overlaps: bool,
    rows: Vec<EvaluationRow>,
) -> impl IntoView {
    let locale = use_locale();
    let rows = rows
        .into_iter()
        .map(|r| {
            let caveats = r.caveats.clone();
            let n = r.comparison_n;
            let units = r.comparison_units;
            view! {
                <tr data-testid="evaluation-row">
                    <th scope="row">{r.unit.clone()}" · "{let (i, e) = (r.dimension_name_id.clone(), r.dimension_name_en.clone()); move || locale.get().pick(i.clone(), e.clone())}</th>
                    <td class="number">{move || index(r.before, locale.get())}</td>
                    <td class="number">{move || index(r.after, locale.get())}</td>
                    <td class="number" data-testid="evaluation-change">{move || estimate(r.change, locale.get())}</td>
                    <td class="number" data-testid="evaluation-did">{move || estimate(r.versus_comparison, locale.get())}</td>
                    <td class="muted">{units}" unit · n "{n.0}" → "{n.1}</td>
                    <td>{caveats.into_iter().map(|c| view! { <p class="caveat"><Text id=caveat_text(c)/></p> }).collect_view()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div data-testid="evaluation">
            <p><Text id="iv_eval_baseline"/>" "<strong>{baseline}</strong>" → "<Text id="iv_eval_follow_up"/>" "<strong>{follow_up}</strong></p>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr>
                        <th><Text id="iv_eval_target"/></th>
                        <th><Text id="iv_eval_before"/></th>
                        <th><Text id="iv_eval_after"/></th>
                        <th><Text id="iv_eval_change"/></th>
                        <th><Text id="iv_eval_did"/></th>
                        <th><Text id="iv_eval_comparison"/></th>
                        <th><Text id="iv_eval_caveats"/></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {overlaps.then(|| view! { <p class="caveat" data-testid="evaluation-overlap"><Text id="iv_caveat_overlap"/></p> })}
            <p class="muted"><Text id="iv_eval_note"/></p>
        </div>
    }
}
