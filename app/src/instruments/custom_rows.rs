//! One custom item row of the composer: the statement in both languages, the dimension it
//! measures (a library one, or a new custom dimension named here), and how it is scored.

use leptos::prelude::*;

use super::form::{custom_field, CustomItemForm, NEW_DIMENSION};
use crate::i18n::{use_locale, Text};

/// `row` is 0-based; `dimensions` are the library's (id, Indonesian name, English name);
/// `filled` records, per row, whether each text has been typed (for the live count).
#[component]
pub fn CustomRow(
    row: usize,
    item: CustomItemForm,
    dimensions: Vec<(String, String, String)>,
    filled: RwSignal<Vec<(bool, bool)>>,
) -> impl IntoView {
    let locale = use_locale();
    let number = row + 1;
    let field = move |part: &str| custom_field(row, part);
    let id = move |part: &str| format!("custom-{row}-{part}");
    let new_chosen = item.dimension == NEW_DIMENSION;
    let new_open = new_chosen || !item.new_dimension_id.is_empty();
    let mark = move |which: usize, value: String| {
        filled.update(|rows| {
            if let Some(slot) = rows.get_mut(row) {
                let typed = !value.trim().is_empty();
                if which == 0 {
                    slot.0 = typed;
                } else {
                    slot.1 = typed;
                }
            }
        });
    };
    let chosen = item.dimension.clone();
    view! {
        <fieldset class="barriers" data-testid="custom-item" data-row=row>
            <legend><Text id="compose_custom_item"/>" "{number}</legend>
            <label for=id("text-id")><Text id="compose_text_id"/></label>
            <input id=id("text-id") name=field("text_id") lang="id" maxlength="300" value=item.text_id
                on:input=move |ev| mark(0, event_target_value(&ev))/>
            <label for=id("text-en")><Text id="compose_text_en"/></label>
            <input id=id("text-en") name=field("text_en") lang="en" maxlength="300" value=item.text_en
                on:input=move |ev| mark(1, event_target_value(&ev))/>
            <label for=id("dimension")><Text id="compose_dimension"/></label>
            <select id=id("dimension") name=field("dimension")>
                <option value="" selected=chosen.is_empty()><Text id="compose_choose_dimension"/></option>
                {dimensions.into_iter().map(|(value, name_id, name_en)| {
                    let selected = value == chosen;
                    view! {
                        <option value=value selected=selected>
                            {move || locale.get().pick(name_id.clone(), name_en.clone())}
                        </option>
                    }
                }).collect_view()}
                <option value=NEW_DIMENSION selected=new_chosen><Text id="compose_new_dimension"/></option>
            </select>
            <details open=new_open>
                <summary><Text id="compose_new_dimension"/></summary>
                <p class="muted"><Text id="compose_new_dimension_hint"/></p>
                <label for=id("dim-id")><Text id="compose_new_dimension_id"/></label>
                <input id=id("dim-id") name=field("new_dimension_id") maxlength="64" autocomplete="off" value=item.new_dimension_id/>
                <label for=id("dim-name-id")><Text id="compose_new_dimension_name_id"/></label>
                <input id=id("dim-name-id") name=field("new_dimension_name_id") lang="id" maxlength="120" value=item.new_dimension_name_id/>
                <label for=id("dim-name-en")><Text id="compose_new_dimension_name_en"/></label>
                <input id=id("dim-name-en") name=field("new_dimension_name_en") lang="en" maxlength="120" value=item.new_dimension_name_en/>
            </details>
            <label class="check">
                <input type="checkbox" name=field("reverse_keyed") value="true" checked=item.reverse_keyed/>
                <span><Text id="compose_reverse_keyed_custom"/></span>
            </label>
            <label class="check">
                <input type="checkbox" name=field("required") value="true" checked=item.required/>
                <span><Text id="compose_required"/></span>
            </label>
        </fieldset>
    }
    .into_any()
}
