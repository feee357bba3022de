//! The timeline: one bar per plan from its start to its end day, coloured by status, with a
//! line for today and a tick at the first of each month. Server-rendered SVG, so it shows
//! without JavaScript and prints.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::{labels::status_label, PlanRow};
use crate::i18n::{use_locale, Text};

const WIDTH: f64 = 960.0;
const LABEL: f64 = 300.0;
const ROW: f64 = 26.0;
const AXIS: f64 = 28.0;

/// Where a day falls on the chart between `first` and `last`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    first: NaiveDate,
    days: f64,
}

impl Scale {
    fn x(&self, day: NaiveDate) -> f64 {
        let offset = (day - self.first).num_days() as f64;
        LABEL + offset / self.days * (WIDTH - LABEL - 10.0)
    }
}

fn parse(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// First days of the months from `first` to `last`.
fn month_starts(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut day = first.with_day(1).unwrap_or(first);
    while day <= last {
        if day >= first {
            months.push(day);
        }
        let (year, month) = if day.month() == 12 {
            (day.year() + 1, 1)
        } else {
            (day.year(), day.month() + 1)
        };
        match NaiveDate::from_ymd_opt(year, month, 1) {
            Some(next) => day = next,
            None => break,
        }
    }
    months
}

#[component]
pub fn Timeline(plans: Vec<PlanRow>, today: String) -> impl IntoView {
    let locale = use_locale();
    let bars: Vec<(PlanRow, NaiveDate, NaiveDate)> = plans
        .into_iter()
        .filter_map(|p| {
            let start = parse(&p.start_on)?;
            let end = parse(&p.end_on)?;
            Some((p, start, end))
        })
        .collect();
    let today = parse(&today);
    let (Some(first), Some(last)) = (
        bars.iter().map(|b| b.1).chain(today).min(),
        bars.iter().map(|b| b.2).chain(today).max(),
    ) else {
        return view! { <p class="muted"><Text id="iv_none"/></p> }.into_any();
    };
    if bars.is_empty() {
        return view! { <p class="muted"><Text id="iv_none"/></p> }.into_any();
    }
    let scale = Scale {
        first,
        days: ((last - first).num_days().max(1) + 1) as f64,
    };
    let height = AXIS + ROW * bars.len() as f64 + 4.0;
    let ticks = month_starts(first, last)
        .into_iter()
        .map(|month| {
            let x = scale.x(month);
            view! {
                <line x1=x x2=x y1=AXIS - 4.0 y2=height class="month-line"/>
                <text x=x + 3.0 y=AXIS - 10.0 class="month-label">{month.format("%Y-%m").to_string()}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(at, (plan, start, end))| {
            let y = AXIS + ROW * at as f64;
            let x = scale.x(start);
            let width = (scale.x(end + chrono::Days::new(1)) - x).max(2.0);
            let status = plan.status.clone();
            let title = plan.title.clone();
            let tooltip = move || {
                format!(
                    "{} · {} · {} – {}",
                    plan.title,
                    status_label(&plan.status, locale.get()),
                    plan.start_on,
                    plan.end_on
                )
            };
            view! {
                <g class=format!("timeline-row status-{status}") class:overdue=plan.overdue data-testid="timeline-bar">
                    <title>{tooltip}</title>
                    <a href=format!("/intervensi/{}", plan.id)>
                        <text x=4.0 y=y + ROW * 0.65 class="row-label">{truncate(&title, 40)}</text>
                    </a>
                    <rect x=x y=y + 5.0 width=width height=ROW - 10.0 rx=3.0/>
                </g>
            }
        })
        .collect_view();
    let now = today.map(|day| {
        let x = scale.x(day);
        view! {
            <line x1=x x2=x y1=AXIS - 4.0 y2=height class="today"/>
            <text x=x + 3.0 y=height - 2.0 class="today-label"><Text id="iv_today"/></text>
        }
    });
    view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="timeline-caption" data-testid="timeline">
                {ticks}
                {rows}
                {now}
            </svg>
            <figcaption id="timeline-caption"><Text id="iv_timeline_caption"/></figcaption>
        </figure>
    }
    .into_any()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_two_days() {
        let d = |s| parse(s).expect("day");
        assert_eq!(
            month_starts(d("2026-11-15"), d("2027-02-01")),
            vec![d("2026-12-01"), d("2027-01-01"), d("2027-02-01")]
        );
    }

    #[test]
    fn scale_puts_first_and_last_day_inside() {
        let d = |s| parse(s).expect("day");
        let scale = Scale {
            first: d("2026-01-01"),
            days: 31.0,
        };
        assert_eq!(scale.x(d("2026-01-01")), LABEL);
        assert!(scale.x(d("2026-02-01")) <= WIDTH - 10.0 + 1e-9);
    }

    #[test]
    fn long_titles_are_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
