//! `/intervensi/:id/ubah`: changes an open plan, with the same fields as a new one.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    get_intervention,
    plan_fields::{PlanFields, PlanInput},
    plan_options, PlanDetail,
};
use crate::{
    error::AppError,
    i18n::{use_locale, Text},
};

/// The plan's fields as the form shows them.
fn prefill(plan: &PlanDetail) -> PlanInput {
    PlanInput {
        units: plan
            .row
            .units
            .iter()
            .map(|u| u.code.clone())
            .collect::<Vec<_>>()
            .join(", "),
        title: plan.row.title.clone(),
        description: plan.description.clone(),
        kind: plan.row.kind.clone(),
        owner: plan.owner_id.to_string(),
        collaborators: plan.collaborator_ids.iter().map(i64::to_string).collect(),
        targets: plan
            .targets
            .iter()
            .map(|t| format!("{}:{}", t.kind, t.code))
            .collect(),
        start_on: plan.row.start_on.clone(),
        end_on: plan.row.end_on.clone(),
        budget: plan.row.budget_rupiah.to_string(),
        funding_source: plan.funding_source.clone().unwrap_or_default(),
    }
}

#[component]
pub fn EditPlanPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    });
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let plan = get_intervention(id).await?;
            if !plan.can_edit {
                return Err(AppError::Forbidden);
            }
            let unit = plan
                .row
                .units
                .first()
                .map(|u| u.code.clone())
                .ok_or(AppError::NotFound)?;
            let options = plan_options(unit).await?;
            Ok((plan, options))
        },
    );
    view! {
        <div class="page">
            <p><a href=move || format!("/intervensi/{}", id.get().unwrap_or_default())><Text id="iv_back_plan"/></a></p>
            <h1><Text id="iv_edit"/></h1>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((plan, options)) => {
                            let fill = PlanInput::from_query().unwrap_or_else(|| prefill(&plan));
                            view! { <PlanFields options fill id=Some(plan.row.id)/> }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
