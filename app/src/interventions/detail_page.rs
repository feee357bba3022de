//! `/intervensi/:id`: one plan — what, where, who, when, how much — with its status moves,
//! milestones, comment thread, status history and its evaluation against the next wave.
//! Every form posts plainly and comes back here without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    evaluation_view::EvaluationView,
    get_intervention,
    labels::{kind_label, move_label, rupiah, status_label},
    AddMilestone, CommentIntervention, MarkMilestone, MoveIntervention, PlanDetail,
};
use crate::{
    auth::ActionError,
    format::jakarta_time_text,
    i18n::{code as lang_code, use_locale, Text},
};

#[derive(Clone, Copy)]
struct Actions {
    mover: ServerAction<MoveIntervention>,
    milestone: ServerAction<AddMilestone>,
    mark: ServerAction<MarkMilestone>,
    comment: ServerAction<CommentIntervention>,
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let actions = Actions {
        mover: ServerAction::new(),
        milestone: ServerAction::new(),
        mark: ServerAction::new(),
        comment: ServerAction::new(),
    };
    provide_context(actions);
    let detail = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok()),
                actions.mover.version().get()
                    + actions.milestone.version().get()
                    + actions.mark.version().get()
                    + actions.comment.version().get(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => get_intervention(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <div class="page plan">
            <p><a href="/intervensi"><Text id="iv_back"/></a></p>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(plan) => view! { <Plan plan/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Plan(plan: PlanDetail) -> impl IntoView {
    let locale = use_locale();
    let actions = expect_context::<Actions>();
    let PlanDetail {
        row,
        description,
        collaborators,
        targets,
        funding_source,
        created_by,
        history,
        milestones,
        comments,
        can_edit,
        evaluation,
        ..
    } = plan;
    let id = row.id;
    let status = row.status.clone();
    let kind = row.kind.clone();
    let budget = row.budget_rupiah;
    let has_moves = !row.moves.is_empty();
    let moves = row
        .moves
        .clone()
        .into_iter()
        .map(|to| {
            let label = to.clone();
            view! {
                <ActionForm action=actions.mover attr:class="inline-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="to" value=to.clone()/>
                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                    <input name="note" aria-label=move || crate::i18n::text(locale.get(), "iv_move_note") placeholder=move || crate::i18n::text(locale.get(), "iv_move_note")/>
                    <button type="submit" data-testid=format!("move-{to}")>{move || move_label(&label, locale.get())}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <h1 data-testid="plan-title">{row.title.clone()}</h1>
        <p>
            <span class=format!("badge status-{status}") data-testid="plan-status" data-status=status.clone()>
                {let s = status.clone(); move || status_label(&s, locale.get())}
            </span>
            {row.overdue.then(|| view! { " "<span class="badge-late"><Text id="iv_late"/></span> })}
        </p>
        <dl class="facts">
            <dt><Text id="iv_kind"/></dt><dd>{move || kind_label(&kind, locale.get())}</dd>
            <dt><Text id="iv_units"/></dt><dd>{row.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join(", ")}</dd>
            <dt><Text id="iv_owner"/></dt><dd>{row.owner_name.clone()}</dd>
            <dt><Text id="iv_collaborators"/></dt><dd>{if collaborators.is_empty() { "—".to_owned() } else { collaborators.join(", ") }}</dd>
            <dt><Text id="iv_dates"/></dt><dd>{format!("{} – {}", row.start_on, row.end_on)}</dd>
            <dt><Text id="iv_budget"/></dt><dd data-testid="plan-budget">{move || rupiah(budget, locale.get())}</dd>
            <dt><Text id="iv_funding"/></dt><dd>{funding_source.unwrap_or_else(|| "—".to_owned())}</dd>
            <dt><Text id="iv_targets"/></dt>
            <dd>{targets.into_iter().map(|t| {
                let (id_name, en_name) = (t.name_id, t.name_en);
                view! { <span class="chip">{move || locale.get().pick(id_name.clone(), en_name.clone())}</span>" " }
            }).collect_view()}</dd>
            <dt><Text id="iv_created_by"/></dt><dd>{created_by}</dd>
        </dl>
        <p class="description">{description}</p>
        {can_edit.then(|| view! {
            <p><a class="button-link" href=format!("/intervensi/{id}/ubah") data-testid="plan-edit"><Text id="iv_edit"/></a></p>
        })}

        {has_moves.then(|| view! {
            <section class="moves" data-testid="plan-moves">
                <h2><Text id="iv_moves"/></h2>
                {moves}
            </section>
        })}
        <ActionError error=move || actions.mover.value().get().and_then(Result::err)/>

        <Milestones id milestones can_edit/>
        <section id="evaluasi">
            <h2><Text id="iv_evaluation"/></h2>
            <EvaluationView evaluation/>
        </section>
        <Comments id comments/>
        <section>
            <h2><Text id="iv_history"/></h2>
            <ol class="history" data-testid="plan-history">
                {history.into_iter().map(|h| {
                    let to = h.to.clone();
                    view! {
                        <li>
                            {move || status_label(&to, locale.get())}" · "{h.by}" · "{jakarta_time_text(&h.at)}
                            {h.note.map(|n| view! { " — "<q>{n}</q> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Milestones(id: i64, milestones: Vec<super::MilestoneRow>, can_edit: bool) -> impl IntoView {
    let locale = use_locale();
    let actions = expect_context::<Actions>();
    let done = milestones.iter().filter(|m| m.done_on.is_some()).count();
    let total = milestones.len();
    view! {
        <section id="tonggak">
            <h2><Text id="iv_milestones"/>" "<span class="muted" data-testid="milestone-count">{format!("{done}/{total}")}</span></h2>
            <ul class="milestones" data-testid="milestones">
                {milestones.into_iter().map(|m| {
                    let is_done = m.done_on.is_some();
                    view! {
                        <li data-testid="milestone" class:done=is_done class:overdue=m.overdue>
                            <span>{m.title}</span>" · "<Text id="iv_due"/>" "{m.due_on}
                            {m.done_on.map(|d| view! { " · "<Text id="iv_done_on"/>" "{d} })}
                            {can_edit.then(|| view! {
                                <ActionForm action=actions.mark attr:class="inline-form">
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="milestone" value=m.id/>
                                    <input type="hidden" name="done" value=(!is_done).to_string()/>
                                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                                    <button type="submit" data-testid="milestone-toggle">
                                        {if is_done { view! { <Text id="iv_undo"/> }.into_any() } else { view! { <Text id="iv_mark_done"/> }.into_any() }}
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionError error=move || actions.mark.value().get().and_then(Result::err)/>
            {can_edit.then(|| view! {
                <ActionForm action=actions.milestone attr:class="stack" attr:data-testid="milestone-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                    <label for="milestone-title"><Text id="iv_milestone_title"/></label>
                    <input id="milestone-title" name="title" required maxlength="200"/>
                    <label for="milestone-due"><Text id="iv_due"/></label>
                    <input id="milestone-due" name="due_on" type="date" required/>
                    <button type="submit" data-testid="milestone-add"><Text id="iv_milestone_add"/></button>
                </ActionForm>
                <ActionError error=move || actions.milestone.value().get().and_then(Result::err)/>
            })}
        </section>
    }
}

#[component]
fn Comments(id: i64, comments: Vec<super::CommentRow>) -> impl IntoView {
    let locale = use_locale();
    let actions = expect_context::<Actions>();
    view! {
        <section id="komentar">
            <h2><Text id="iv_comments"/></h2>
            <ul class="comments" data-testid="plan-comments">
                {comments.into_iter().map(|c| view! {
                    <li><strong>{c.author}</strong>" · "{jakarta_time_text(&c.at)}<p>{c.body}</p></li>
                }).collect_view()}
            </ul>
            <ActionForm action=actions.comment attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                <label for="comment-body"><Text id="iv_comment"/></label>
                <textarea id="comment-body" name="body" required rows="3" maxlength="4000"></textarea>
                <button type="submit" data-testid="comment-add"><Text id="iv_comment_add"/></button>
            </ActionForm>
            <ActionError error=move || actions.comment.value().get().and_then(Result::err)/>
        </section>
    }
}
