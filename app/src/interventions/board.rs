//! The board: one column per status, a card per plan. Every card carries buttons for the
//! moves the user may make (plain form posts, so they work without JavaScript); with
//! JavaScript a card can also be dragged to a column it may move to.

use domain::interventions::InterventionStatus;
use leptos::prelude::*;

use super::{
    labels::{move_label, rupiah, status_label},
    MoveIntervention, PlanRow,
};
use crate::{
    auth::ActionError,
    i18n::{code as lang_code, use_locale, Text},
};

/// The move action of the list page: the list reloads when it completes.
pub type Mover = ServerAction<MoveIntervention>;

#[component]
pub fn Board(plans: Vec<PlanRow>) -> impl IntoView {
    let locale = use_locale();
    let mover = expect_context::<Mover>();
    // The card being dragged: its id and the statuses it may move to.
    let dragging = RwSignal::new(None::<(i64, Vec<String>)>);
    let columns = InterventionStatus::ALL
        .into_iter()
        .map(|status| {
            let code = status.as_str();
            let cards: Vec<PlanRow> = plans.iter().filter(|p| p.status == code).cloned().collect();
            let count = cards.len();
            let accepts = move || {
                dragging
                    .get()
                    .is_some_and(|(_, moves)| moves.iter().any(|m| m == code))
            };
            view! {
                <section
                    class="board-column"
                    class:drop-ok=accepts
                    data-testid=format!("column-{code}")
                    on:dragover=move |ev| {
                        if accepts() {
                            ev.prevent_default();
                        }
                    }
                    on:drop=move |ev| {
                        ev.prevent_default();
                        if let Some((id, moves)) = dragging.get_untracked() {
                            if moves.iter().any(|m| m == code) {
                                mover.dispatch(MoveIntervention {
                                    id,
                                    to: code.to_owned(),
                                    note: String::new(),
                                    back: "papan".to_owned(),
                                    lang: lang_code(locale.get_untracked()).to_owned(),
                                });
                            }
                        }
                        dragging.set(None);
                    }
                >
                    <h2>{move || status_label(code, locale.get())}" "<span class="muted">"("{count}")"</span></h2>
                    {cards.into_iter().map(|card| view! { <Card card dragging/> }).collect_view()}
                </section>
            }
        })
        .collect_view();
    view! {
        <ActionError error=move || mover.value().get().and_then(Result::err)/>
        <div class="board" data-testid="board">{columns}</div>
    }
}

#[component]
fn Card(card: PlanRow, dragging: RwSignal<Option<(i64, Vec<String>)>>) -> impl IntoView {
    let locale = use_locale();
    let mover = expect_context::<Mover>();
    let PlanRow {
        id,
        title,
        owner_name,
        units,
        end_on,
        budget_rupiah,
        overdue,
        moves,
        ..
    } = card;
    let draggable = !moves.is_empty();
    let drag_moves = moves.clone();
    let buttons = moves
        .into_iter()
        .map(|to| {
            let label = to.clone();
            view! {
                <ActionForm action=mover attr:class="inline-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="to" value=to.clone()/>
                    <input type="hidden" name="back" value="papan"/>
                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                    <button type="submit" data-testid=format!("move-{to}")>{move || move_label(&label, locale.get())}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <article
            class="board-card"
            class:overdue=overdue
            data-testid="board-card"
            data-id=id
            draggable=draggable.then_some("true")
            on:dragstart=move |_| dragging.set(Some((id, drag_moves.clone())))
            on:dragend=move |_| dragging.set(None)
        >
            <a href=format!("/intervensi/{id}")>{title}</a>
            <p class="muted">{units.into_iter().map(|u| u.name).collect::<Vec<_>>().join(", ")}</p>
            <p class="muted">{owner_name}" · "<Text id="iv_until"/>" "{end_on}
                {overdue.then(|| view! { " "<span class="badge-late"><Text id="iv_late"/></span> })}</p>
            <p class="muted">{move || rupiah(budget_rupiah, locale.get())}</p>
            <div class="card-moves">{buttons}</div>
        </article>
    }
}
