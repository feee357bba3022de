//! Units at risk, each with its reasons in words.

use leptos::prelude::*;

use super::{
    links::ViewLink,
    model::{DimensionHead, RiskReason, RiskUnit},
};
use crate::{
    format::decimal,
    i18n::{text, text_with, use_locale, Locale, Text},
};

#[component]
pub fn RiskList(
    units: Vec<RiskUnit>,
    dimensions: Vec<DimensionHead>,
    link: ViewLink,
) -> impl IntoView {
    if units.is_empty() {
        return view! { <p data-testid="at-risk-none"><Text id="dash_at_risk_none"/></p> }
            .into_any();
    }
    let locale = use_locale();
    let items = units
        .into_iter()
        .map(|unit| {
            let dimensions = dimensions.clone();
            let reasons = condensed(&unit.reasons)
                .into_iter()
                .map(|line| {
                    let dimensions = dimensions.clone();
                    view! { <li>{move || line.describe(&dimensions, locale.get())}</li> }
                })
                .collect_view();
            view! {
                <li data-testid="at-risk-unit" data-code=unit.code.clone()>
                    <a href=link.with_unit(&unit.code).dashboard()>{unit.name.clone()}</a>
                    {(!unit.path.is_empty()).then(|| view! { <span class="muted">" · "{unit.path.clone()}</span> })}
                    <ul class="reasons">{reasons}</ul>
                    {if unit.covered_by.is_empty() {
                        let start = format!("/intervensi/baru?unit={}", unit.code);
                        view! {
                            <p class="uncovered" data-testid="not-covered">
                                <Text id="dash_not_covered"/>" "
                                <a class="no-print" href=start data-testid="start-plan"><Text id="iv_start_plan"/></a>
                            </p>
                        }.into_any()
                    } else {
                        let titles = unit.covered_by.iter().map(|p| p.title.clone()).collect::<Vec<_>>().join("; ");
                        view! { <p class="covered" data-testid="covered"><Text id="dash_covered_by"/>" "{titles}</p> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="at-risk" data-testid="at-risk">{items}</ul> }.into_any()
}

/// A line of the reasons: one reason, or many dimensions under the threshold at once.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    One(RiskReason),
    /// (dimension, index) from the lowest, and the threshold.
    ManyBelow(Vec<(String, f64)>, f64),
}

/// More than three dimensions under the threshold become one line naming the three lowest;
/// significant findings (below the organisation, falling) keep a line each.
fn condensed(reasons: &[RiskReason]) -> Vec<Line> {
    let mut below: Vec<(String, f64)> = Vec::new();
    let mut threshold = 0.0;
    let mut lines = Vec::new();
    for reason in reasons {
        match reason {
            RiskReason::BelowThreshold {
                dimension_id,
                index,
                threshold: t,
            } => {
                below.push((dimension_id.clone(), *index));
                threshold = *t;
            }
            other => lines.push(Line::One(other.clone())),
        }
    }
    if below.len() > 3 {
        below.sort_by(|a, b| a.1.total_cmp(&b.1));
        lines.insert(0, Line::ManyBelow(below, threshold));
    } else {
        let singles = below.into_iter().map(|(dimension_id, index)| {
            Line::One(RiskReason::BelowThreshold {
                dimension_id,
                index,
                threshold,
            })
        });
        lines.splice(0..0, singles);
    }
    lines
}

impl Line {
    fn describe(&self, dimensions: &[DimensionHead], locale: Locale) -> String {
        match self {
            Line::One(reason) => describe(reason, dimensions, locale),
            Line::ManyBelow(below, threshold) => {
                let lowest: Vec<String> = below
                    .iter()
                    .take(3)
                    .map(|(id, index)| {
                        format!(
                            "{} {}",
                            dimension_name(id, dimensions, locale),
                            decimal(*index, 1, locale)
                        )
                    })
                    .collect();
                text_with(
                    locale,
                    "dash_reason_many_below",
                    &[
                        ("n", below.len().to_string()),
                        ("threshold", decimal(*threshold, 1, locale)),
                        ("lowest", lowest.join("; ")),
                    ],
                )
            }
        }
    }
}

fn dimension_name(id: &str, dimensions: &[DimensionHead], locale: Locale) -> String {
    dimensions
        .iter()
        .find(|d| d.id == id)
        .map(|d| locale.pick(&d.name_id, &d.name_en).clone())
        .unwrap_or_else(|| id.to_owned())
}

/// One reason as a sentence in the user's language.
pub fn describe(reason: &RiskReason, dimensions: &[DimensionHead], locale: Locale) -> String {
    let name = dimension_name(reason.dimension_id(), dimensions, locale);
    let n = |v: f64| decimal(v, 1, locale);
    let p = |v: f64| format_p(v, locale);
    match reason {
        RiskReason::BelowThreshold {
            index, threshold, ..
        } => format!(
            "{name}: {} {} {}",
            n(*index),
            text(locale, "dash_reason_below_threshold"),
            n(*threshold)
        ),
        RiskReason::BelowOrganisation {
            difference, p_holm, ..
        } => format!(
            "{name}: {} {} (p = {})",
            n(difference.abs()),
            text(locale, "dash_reason_below_organisation"),
            p(*p_holm)
        ),
        RiskReason::Falling {
            from_index,
            to_index,
            p: value,
            ..
        } => format!(
            "{name}: {} {} → {} (p = {})",
            text(locale, "dash_reason_falling"),
            n(*from_index),
            n(*to_index),
            p(*value)
        ),
    }
}

fn format_p(p: f64, locale: Locale) -> String {
    if p < 0.001 {
        format!("< {}", decimal(0.001, 3, locale))
    } else {
        decimal(p, 3, locale)
    }
}
