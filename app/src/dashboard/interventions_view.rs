//! Intervention plans under way for the unit shown: what is being done, by when, at what cost.

use leptos::prelude::*;

use super::model::InterventionBrief;

use crate::{
    i18n::{use_locale, Text},
    interventions::labels::{kind_label, rupiah, status_label},
};

#[component]
pub fn InterventionList(plans: Vec<InterventionBrief>) -> impl IntoView {
    let locale = use_locale();
    if plans.is_empty() {
        return view! { <p class="muted" data-testid="interventions-none"><Text id="dash_interventions_none"/></p> }
            .into_any();
    }
    let rows = plans
        .into_iter()
        .map(|plan| {
            let InterventionBrief {
                title,
                status,
                kind,
                start_on,
                end_on,
                budget_rupiah,
                units,
                ..
            } = plan;
            view! {
                <tr data-testid="intervention">
                    <th scope="row">{title}</th>
                    <td>{move || kind_label(&kind, locale.get())}</td>
                    <td>{move || status_label(&status, locale.get())}</td>
                    <td>{format!("{start_on} – {end_on}")}</td>
                    <td class="number">{move || rupiah(budget_rupiah, locale.get())}</td>
                    <td>{units.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" data-testid="interventions">
            <thead><tr>
                <th><Text id="dash_plan"/></th><th><Text id="dash_plan_kind"/></th>
                <th><Text id="dash_plan_status"/></th><th><Text id="dash_plan_dates"/></th>
                <th><Text id="dash_plan_budget"/></th><th><Text id="dash_unit"/></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
