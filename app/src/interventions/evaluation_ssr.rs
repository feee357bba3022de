//! Evaluating a plan against the survey waves.
//!
//! The baseline is the newest wave closed before the plan began (the earlier of its start
//! day and the moment it was written down); the follow-up is the first wave closed after
//! that. For each target unit and dimension: the change of the unit's index (Welch, from
//! the published summaries: waves are anonymous, so respondents cannot be paired) and the
//! difference in differences against comparable units — the unit's siblings of the same
//! kind that no plan targets — pooled exactly from their own published summaries. Only
//! figures that are already visible go in, so nothing here can reveal a hidden group; the
//! comparison is shown as one pooled figure and a count, never per unit.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveTime, Utc};
use domain::{access::UnitScope, units::UnitCode, waves::WaveStatus};
use indicators::{
    dashboard::{difference_in_differences, pool, wave_change, GroupSummary},
    estimate::Descriptive,
};
use store::{InterventionFilter, InterventionRecord, Store, WaveRecord};

use super::{Caveat, Estimate, Evaluation, EvaluationRow};
use crate::{
    dashboard::assemble::dimension_summary,
    error::AppError,
    indicators::{CachedIndicators, IndicatorCache},
};

/// Under this many respondents the interval is wide enough to say so.
const SMALL_GROUP: u64 = 30;

/// When the plan began: its start day (00:00 in Jakarta) or when it was written down,
/// whichever is earlier.
fn began(plan: &InterventionRecord) -> DateTime<Utc> {
    let start = plan
        .dates
        .start()
        .and_time(NaiveTime::MIN)
        .and_utc()
        // Jakarta is UTC+7.
        - chrono::Duration::hours(7);
    start.min(plan.created_at)
}

pub async fn evaluate(
    store: &Store,
    cache: &IndicatorCache,
    plan: &InterventionRecord,
    scope: &UnitScope,
) -> Result<Evaluation, AppError> {
    let now = Utc::now();
    let began = began(plan);
    let mut waves: Vec<WaveRecord> = Vec::new();
    for wave in store.list_waves().await? {
        let units = store.wave_unit_ids(wave.id).await?;
        if plan.unit_ids.iter().any(|id| units.contains(id)) {
            waves.push(wave);
        }
    }
    let (baseline, follow_up) = match pick(&mut waves, now, began) {
        Pick::NoBaseline => return Ok(Evaluation::NoBaseline),
        Pick::Waiting { baseline, next } => {
            return Ok(Evaluation::Waiting {
                baseline: baseline.title.as_str().to_owned(),
                follow_up: next.map(|w| w.title.as_str().to_owned()),
            })
        }
        Pick::Ready {
            baseline,
            follow_up,
        } => (baseline, follow_up),
    };
    let before = cache.get(store, baseline.id).await?;
    let after = cache.get(store, follow_up.id).await?;
    let planned = planned_unit_ids(store).await?;
    let rows = rows(plan, scope, &before, &after, &planned);
    Ok(Evaluation::Ready {
        baseline: baseline.title.as_str().to_owned(),
        follow_up: follow_up.title.as_str().to_owned(),
        overlaps: follow_up.schedule.opens_at() < began,
        rows,
    })
}

/// The waves a plan is read against.
#[derive(Debug, PartialEq)]
enum Pick<'a> {
    NoBaseline,
    Waiting {
        baseline: &'a WaveRecord,
        /// The next wave, when one exists (running or scheduled).
        next: Option<&'a WaveRecord>,
    },
    Ready {
        baseline: &'a WaveRecord,
        follow_up: &'a WaveRecord,
    },
}

/// The baseline: the newest wave closed by the time the plan began; the follow-up: the
/// first closed wave that opened after the baseline.
fn pick(waves: &mut [WaveRecord], now: DateTime<Utc>, began: DateTime<Utc>) -> Pick<'_> {
    waves.sort_by_key(|w| (w.schedule.opens_at(), w.id));
    let waves: &[WaveRecord] = waves;
    let closed = |w: &WaveRecord| w.status(now) == WaveStatus::Closed;
    let Some(baseline) = waves
        .iter()
        .rfind(|w| closed(w) && w.schedule.closes_at() <= began)
    else {
        return Pick::NoBaseline;
    };
    let mut later = waves
        .iter()
        .filter(|w| w.schedule.opens_at() > baseline.schedule.opens_at());
    let next = later.clone().next();
    match later.find(|w| closed(w)) {
        Some(follow_up) => Pick::Ready {
            baseline,
            follow_up,
        },
        None => Pick::Waiting { baseline, next },
    }
}

/// Units any plan (not cancelled) aims at: not comparable units.
async fn planned_unit_ids(store: &Store) -> Result<HashSet<i64>, AppError> {
    Ok(store
        .list_interventions(&InterventionFilter::default())
        .await?
        .into_iter()
        .filter(|p| p.status != domain::interventions::InterventionStatus::Cancelled)
        .flat_map(|p| p.unit_ids)
        .collect())
}

/// A unit's summary of a dimension in a wave, if visible.
fn summary<'a>(
    cached: &'a CachedIndicators,
    code: &UnitCode,
    dimension: &str,
) -> Option<&'a Descriptive> {
    let at = cached
        .indicators
        .dimensions
        .iter()
        .position(|d| d == dimension)?;
    let unit = cached.indicators.units.get(code)?;
    dimension_summary(unit, dimension, at).map(|s| &s.descriptive)
}

/// Points of the 0-100 index per scale point, when both waves use the same scale.
fn index_factor(before: &CachedIndicators, after: &CachedIndicators) -> Option<f64> {
    let (a, b) = (before.survey.scale(), after.survey.scale());
    (a.min() == b.min() && a.max() == b.max() && a.max() > a.min())
        .then(|| 100.0 / f64::from(a.max() - a.min()))
}

fn rows(
    plan: &InterventionRecord,
    scope: &UnitScope,
    before: &CachedIndicators,
    after: &CachedIndicators,
    planned: &HashSet<i64>,
) -> Vec<EvaluationRow> {
    let codes: HashMap<i64, &UnitCode> = after
        .unit_ids
        .iter()
        .map(|(code, id)| (*id, code))
        .collect();
    let targeted: Vec<String> = plan
        .targets
        .iter()
        .filter_map(|t| t.columns().0.map(str::to_owned))
        .collect();
    // A plan aimed only at barriers is read against every dimension.
    let dimensions: Vec<String> = if targeted.is_empty() {
        after.indicators.dimensions.clone()
    } else {
        targeted
    };
    let factor = index_factor(before, after);
    let mut rows = Vec::new();
    for unit_id in plan.unit_ids.iter().filter(|id| scope.contains(**id)) {
        let Some(code) = codes.get(unit_id) else {
            continue;
        };
        let Some(unit) = after.indicators.units.get(*code) else {
            continue;
        };
        let comparison: Vec<&UnitCode> = unit
            .parent
            .as_ref()
            .and_then(|parent| after.indicators.units.get(parent))
            .map(|parent| {
                parent
                    .children
                    .iter()
                    .filter(|c| *c != *code)
                    .filter(|c| {
                        after
                            .indicators
                            .units
                            .get(*c)
                            .is_some_and(|u| u.kind == unit.kind)
                            && after
                                .unit_ids
                                .get(*c)
                                .is_some_and(|id| !planned.contains(id))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for dimension in &dimensions {
            let Some(named) = after
                .survey
                .dimensions()
                .iter()
                .find(|d| d.id().as_str() == dimension)
            else {
                continue;
            };
            let target_before = summary(before, code, dimension);
            let target_after = summary(after, code, dimension);
            // Comparison units visible in both waves, pooled per wave.
            let pairs: Vec<(GroupSummary, GroupSummary)> = comparison
                .iter()
                .filter_map(|c| {
                    Some((
                        GroupSummary::from(summary(before, c, dimension)?),
                        GroupSummary::from(summary(after, c, dimension)?),
                    ))
                })
                .collect();
            let pooled_before = pool(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
            let pooled_after = pool(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
            let mut caveats = Vec::new();
            if target_before.is_none() || target_after.is_none() {
                caveats.push(Caveat::Suppressed);
            }
            if pairs.len() < 2 {
                caveats.push(Caveat::FewComparisonUnits);
            }
            if [target_before, target_after]
                .iter()
                .flatten()
                .any(|s| s.n < SMALL_GROUP)
            {
                caveats.push(Caveat::SmallGroups);
            }
            let change = match (target_before, target_after, factor) {
                (Some(b), Some(a), Some(f)) => wave_change(b, a).map(|c| Estimate {
                    value: c.index_difference,
                    low: c.ci.lower * f,
                    high: c.ci.upper * f,
                    p: c.p,
                }),
                _ => None,
            };
            let versus_comparison = match (
                target_before,
                target_after,
                pooled_before,
                pooled_after,
                factor,
            ) {
                (Some(tb), Some(ta), Some(cb), Some(ca), Some(f)) if pairs.len() >= 2 => {
                    difference_in_differences(&tb.into(), &ta.into(), &cb, &ca).map(|d| Estimate {
                        value: d.index_estimate,
                        low: d.ci.lower * f,
                        high: d.ci.upper * f,
                        p: d.p,
                    })
                }
                _ => None,
            };
            rows.push(EvaluationRow {
                unit: unit.name.clone(),
                dimension_id: dimension.clone(),
                dimension_name_id: named.name().id().to_owned(),
                dimension_name_en: named.name().en().to_owned(),
                before: target_before.map(|s| s.index),
                after: target_after.map(|s| s.index),
                change,
                versus_comparison,
                comparison_units: pairs.len(),
                comparison_n: (
                    pooled_before.map_or(0, |s| s.n),
                    pooled_after.map_or(0, |s| s.n),
                ),
                caveats,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use domain::waves::{WaveKind, WaveSchedule, WaveState, WaveTitle};

    use super::*;

    fn wave(id: i64, opened_days_ago: i64, closes_in_days: i64, state: WaveState) -> WaveRecord {
        let now = Utc::now();
        WaveRecord {
            id,
            title: WaveTitle::parse(&format!("Gelombang {id}")).expect("title"),
            kind: WaveKind::Baseline,
            state,
            instrument_id: 1,
            schedule: WaveSchedule::new(
                now - Duration::days(opened_days_ago),
                now + Duration::days(closes_in_days),
            )
            .expect("schedule"),
            previous_wave_id: None,
            created_at: now - Duration::days(opened_days_ago + 1),
        }
    }

    fn ids(pick: Pick<'_>) -> (Option<i64>, Option<i64>, bool) {
        match pick {
            Pick::NoBaseline => (None, None, false),
            Pick::Waiting { baseline, next } => (Some(baseline.id), next.map(|w| w.id), false),
            Pick::Ready {
                baseline,
                follow_up,
            } => (Some(baseline.id), Some(follow_up.id), true),
        }
    }

    #[test]
    fn baseline_is_the_newest_wave_closed_before_the_plan_began() {
        let now = Utc::now();
        let mut waves = vec![
            wave(3, 7, 30, WaveState::Open),
            wave(1, 200, -170, WaveState::Closed),
            wave(2, 100, -70, WaveState::Closed),
        ];
        // Begun today: waits for wave 3, read against wave 2.
        assert_eq!(ids(pick(&mut waves, now, now)), (Some(2), Some(3), false));
        // Wave 3 closed: ready.
        waves.iter_mut().find(|w| w.id == 3).expect("wave 3").state = WaveState::Closed;
        assert_eq!(ids(pick(&mut waves, now, now)), (Some(2), Some(3), true));
        // Begun 80 days ago: wave 2 had not closed yet; it is the follow-up of wave 1.
        assert_eq!(
            ids(pick(&mut waves, now, now - Duration::days(80))),
            (Some(1), Some(2), true)
        );
        // Begun before any wave closed: no baseline.
        assert_eq!(
            ids(pick(&mut waves, now, now - Duration::days(300))),
            (None, None, false)
        );
    }

    #[test]
    fn no_later_wave_waits_without_a_name() {
        let now = Utc::now();
        let mut waves = vec![wave(1, 200, -170, WaveState::Closed)];
        assert_eq!(ids(pick(&mut waves, now, now)), (Some(1), None, false));
    }
}
