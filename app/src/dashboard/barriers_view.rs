//! Why readiness is low: barriers and resource gaps cited, the adoption stage where people
//! stop, and open comments where the group is large enough.

use leptos::prelude::*;

use super::{
    charts::{ShareBar, ShareBars},
    model::{BarrierView, UnitRow},
};
use crate::{
    format::decimal,
    i18n::{text, text_with, use_locale, Text},
};

fn stage_text(stage: &str) -> &'static str {
    match stage {
        "awareness" => "dash_stage_awareness",
        "desire" => "dash_stage_desire",
        "knowledge" => "dash_stage_knowledge",
        "ability" => "dash_stage_ability",
        _ => "dash_stage_reinforcement",
    }
}

#[component]
pub fn Barriers(
    view_data: BarrierView,
    rows: Vec<UnitRow>,
    comment_threshold: u32,
) -> impl IntoView {
    let locale = use_locale();
    let BarrierView {
        shares,
        stage_barrier,
        stages_visible,
        top_per_row,
        comments,
    } = view_data;
    let shares_view = move || {
        match shares.clone() {
        None => view! { <p class="muted" data-testid="barriers-hidden"><Text id="dash_hidden_explained"/></p> }.into_any(),
        Some(shares) => {
            let l = locale.get();
            let bars = shares
                .into_iter()
                .map(|s| ShareBar {
                    label: l.pick(s.label_id, s.label_en),
                    share: s.proportion,
                    note: format!("({}–{}%)", decimal(s.low * 100.0, 0, l), decimal(s.high * 100.0, 0, l)),
                })
                .collect();
            view! { <ShareBars bars test_id="barrier-shares"/> }.into_any()
        }
    }
    };
    let stage = match (stages_visible, stage_barrier) {
        (true, Some(stage)) => view! {
            <p data-testid="stage-barrier"><Text id="dash_stage_barrier"/>" "<strong><Text id=stage_text(&stage)/></strong></p>
        }
        .into_any(),
        (true, None) => view! { <p data-testid="stage-barrier"><Text id="dash_stage_none"/></p> }.into_any(),
        (false, _) => view! { <p class="muted" data-testid="stage-barrier"><Text id="dash_stage_hidden"/></p> }.into_any(),
    };
    let per_row = rows
        .into_iter()
        .zip(top_per_row)
        .map(|(row, top)| {
            let cell = move || match &top {
                Some(s) => {
                    let l = locale.get();
                    format!(
                        "{} ({}%)",
                        l.pick(&s.label_id, &s.label_en),
                        decimal(s.proportion * 100.0, 0, l)
                    )
                }
                None => text(locale.get(), "dash_hidden"),
            };
            view! { <tr><th scope="row">{row.name}</th><td>{cell}</td></tr> }
        })
        .collect_view();
    let comments_view = match comments {
        None => view! {
            <p class="muted" data-testid="comments-hidden">
                {move || text_with(locale.get(), "dash_comments_hidden", &[("n", comment_threshold.to_string())])}
            </p>
        }
        .into_any(),
        Some(sample) if sample.lines.is_empty() => {
            view! { <p class="muted"><Text id="dash_comments_none"/></p> }.into_any()
        }
        Some(sample) => {
            let (shown, total) = (sample.lines.len(), sample.total);
            view! {
                <p class="muted" data-testid="comments-count">
                    {move || text_with(
                        locale.get(),
                        "dash_comments_shown",
                        &[("shown", shown.to_string()), ("total", total.to_string())],
                    )}
                </p>
                <ul class="comments" data-testid="comments">
                    {sample.lines.into_iter().map(|line| view! {
                        <li>{line.text}{(line.count > 1).then(|| format!(" (×{})", line.count))}</li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <h3><Text id="dash_barriers_cited"/></h3>
        {shares_view}
        {stage}
        <details>
            <summary><Text id="dash_top_barrier_per_unit"/></summary>
            <table class="data"><tbody>{per_row}</tbody></table>
        </details>
        <h3><Text id="dash_comments"/></h3>
        {comments_view}
    }
}
