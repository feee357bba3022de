//! Answers per item as 100% stacked bars, one row per item, lowest scale point on the left.

use leptos::prelude::*;

use crate::{
    dashboard::model::{ItemDistribution, ScaleLabels},
    format::decimal,
    i18n::{text, use_locale, Locale},
};

/// Diverging colours for up to seven scale points (ColorBrewer BrBG, colour-blind safe),
/// picked evenly from the ends for shorter scales.
pub const LEVEL_COLOURS: [&str; 7] = [
    "#8c510a", "#d8b365", "#f6e8c3", "#e9e9e9", "#c7eae5", "#5ab4ac", "#01665e",
];

pub fn level_colour(level: usize, points: usize) -> &'static str {
    if points <= 1 {
        return LEVEL_COLOURS[3];
    }
    let at = (level * (LEVEL_COLOURS.len() - 1) + (points - 1) / 2) / (points - 1);
    LEVEL_COLOURS[at.min(LEVEL_COLOURS.len() - 1)]
}

const ROW: f64 = 22.0;
const LABEL: f64 = 0.0;
const WIDTH: f64 = 600.0;

#[component]
pub fn StackedBars(items: Vec<ItemDistribution>, scale: ScaleLabels) -> impl IntoView {
    let locale = use_locale();
    let points = scale.labels_id.len();
    let labels = move |l: Locale| match l {
        Locale::Id => scale.labels_id.clone(),
        Locale::En => scale.labels_en.clone(),
    };
    let labels_for_legend = labels.clone();
    let legend = move || {
        labels_for_legend(locale.get())
            .into_iter()
            .enumerate()
            .map(|(level, label)| {
                view! {
                    <li><span class="swatch" style=format!("background:{}", level_colour(level, points))></span>{label}</li>
                }
            })
            .collect_view()
    };
    let rows = items
        .into_iter()
        .map(|item| {
            let labels = labels.clone();
            let statement = {
                let (id, en) = (item.text_id.clone(), item.text_en.clone());
                move || locale.get().pick(&id, &en).to_owned()
            };
            let bar = match item.shares.clone() {
                None => view! {
                    <div class="bar suppressed" data-testid="item-hidden"><Text id="dash_hidden"/></div>
                }
                .into_any(),
                Some(shares) => {
                    let described = {
                        let labels = labels.clone();
                        let shares = shares.clone();
                        move || {
                            let l = locale.get();
                            shares
                                .iter()
                                .enumerate()
                                .map(|(level, share)| {
                                    let label = labels(l).get(level).cloned().unwrap_or_default();
                                    format!("{label}: {}%", decimal(share * 100.0, 0, l))
                                })
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    };
                    let mut start = LABEL;
                    let segments = shares
                        .into_iter()
                        .enumerate()
                        .map(|(level, share)| {
                            let width = share * (WIDTH - LABEL);
                            let x = start;
                            start += width;
                            let labels = labels.clone();
                            let tip = move || {
                                let l = locale.get();
                                let label = labels(l).get(level).cloned().unwrap_or_default();
                                format!("{label}: {}%", decimal(share * 100.0, 1, l))
                            };
                            view! {
                                <rect x=x y="0" width=width height=ROW fill=level_colour(level, points)>
                                    <title>{tip}</title>
                                </rect>
                            }
                        })
                        .collect_view();
                    view! {
                        <svg class="bar" viewBox=format!("0 0 {WIDTH} {ROW}") preserveAspectRatio="none" role="img"
                            aria-label=described>
                            {segments}
                        </svg>
                    }
                    .into_any()
                }
            };
            view! {
                <li class="item-row">
                    <span class="statement">
                        {statement}
                        {item.reverse_keyed.then(|| view! { <span class="muted">" "<Text id="dash_reverse_keyed"/></span> })}
                    </span>
                    {bar}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="legend" aria-label=move || text(locale.get(), "dash_legend")>{legend}</ul>
        <ul class="item-bars" data-testid="item-distribution">{rows}</ul>
    }
}

use crate::i18n::Text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_points_span_both_ends_and_the_middle() {
        let picked: Vec<_> = (0..5).map(|l| level_colour(l, 5)).collect();
        assert_eq!(picked[0], LEVEL_COLOURS[0]);
        assert_eq!(picked[2], LEVEL_COLOURS[3]);
        assert_eq!(picked[4], LEVEL_COLOURS[6]);
        let four: Vec<_> = (0..4).map(|l| level_colour(l, 4)).collect();
        assert_eq!(four[0], LEVEL_COLOURS[0]);
        assert_eq!(four[3], LEVEL_COLOURS[6]);
    }
}
