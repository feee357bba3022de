//! From a wave's published indicators to the dashboard's plain data: choosing the unit's
//! rows, turning scores into indices, collecting trends, reasons for concern and barriers.
//! Everything hidden by the engine stays hidden: a suppressed report yields no figure here,
//! and nothing is derived from hidden figures.

use domain::instrument::{BarrierCode, Construct};
use domain::units::UnitCode;
use indicators::{
    dashboard::{assess_risk, barrier_from_means, barrier_shares, RiskInput},
    organisation::{UnitIndicators, VsRestCell},
    report::{GroupReport, VariableSummary},
    AdoptionStage, Scale, Threshold,
};

use super::comments;
use super::model::{
    BarrierShare, BarrierView, Cell, Dashboard, DimensionHead, IndexInterval, InterventionBrief,
    ItemDistribution, RiskReason, RiskUnit, ScaleLabels, TrendPoint, TrendSeries, UnitLink,
    UnitRow, Versus, WaveChoice,
};
use crate::indicators::CachedIndicators;

/// Units at risk listed at most: the rest are counted. A province has hundreds of units and
/// the whole list would be sent to the browser with the page.
pub const MAX_AT_RISK: usize = 25;

/// Smallest group whose open comments are shown: larger than the figures' threshold, as a
/// comment's wording can identify its writer more easily than a mean.
pub const COMMENT_THRESHOLD: u32 = 10;

/// One wave's figures.
pub struct WaveFigures<'a> {
    pub wave: WaveChoice,
    pub cached: &'a CachedIndicators,
}

pub struct Selection<'a> {
    /// Waves to choose from, newest first.
    pub waves: Vec<WaveChoice>,
    pub current: WaveFigures<'a>,
    /// Earlier waves with the unit, oldest first (not the current one).
    pub earlier: Vec<WaveFigures<'a>>,
    /// The unit shown: in the current wave and visible to the user.
    pub unit: UnitCode,
    /// Whether the user may see a unit.
    pub visible: &'a dyn Fn(&UnitCode) -> bool,
    pub risk_index: u8,
    /// Active plans touching the unit's branch, each with the codes of its units.
    pub interventions: Vec<(InterventionBrief, Vec<UnitCode>)>,
}

/// The dashboard of a selection. `None` when the unit is not in the current wave's figures.
pub fn assemble(selection: Selection<'_>) -> Option<Dashboard> {
    let Selection {
        waves,
        current,
        earlier,
        unit,
        visible,
        risk_index,
        interventions,
    } = selection;
    let cached = current.cached;
    let published = &cached.indicators;
    let shown = published.units.get(&unit)?;
    let survey = &cached.survey;
    let scale = IndexScale::of(survey);
    let dimension_ids: Vec<String> = published.dimensions.clone();

    // In the engine's order, which the cells follow; names from the survey.
    let dimensions = dimension_ids
        .iter()
        .map(|id| {
            let named = survey.dimension(id);
            DimensionHead {
                id: id.clone(),
                name_id: named.map_or_else(|| id.clone(), |d| d.name().id().to_owned()),
                name_en: named.map_or_else(|| id.clone(), |d| d.name().en().to_owned()),
            }
        })
        .collect();

    let children: Vec<&UnitIndicators> = shown
        .children
        .iter()
        .filter(|code| visible(code))
        .filter_map(|code| published.units.get(code))
        .collect();
    let row = |u: &UnitIndicators| unit_row(u, cached, &scale, visible);
    let rows: Vec<UnitRow> = children.iter().map(|u| row(u)).collect();

    let previous = earlier.last();
    let mut at_risk = at_risk(
        &scale,
        shown,
        cached,
        previous.map(|p| p.cached),
        visible,
        f64::from(risk_index),
    );
    let at_risk_total = at_risk.len();
    at_risk.truncate(MAX_AT_RISK);
    for risk in &mut at_risk {
        risk.covered_by = covering(&risk.code, &interventions, cached);
    }
    let mut history: Vec<&WaveFigures<'_>> = earlier.iter().collect();
    history.push(&current);
    let trends = dimension_ids
        .iter()
        .enumerate()
        .map(|(d, id)| TrendSeries {
            dimension_id: id.clone(),
            points: history
                .iter()
                .map(|figures| TrendPoint {
                    wave_id: figures.wave.id,
                    wave_title: figures.wave.title.clone(),
                    opens_on: figures.wave.opens_on.clone(),
                    value: figures
                        .cached
                        .indicators
                        .units
                        .get(&unit)
                        .and_then(|u| dimension_summary(u, id, d))
                        .map(|summary| scale.interval(summary)),
                })
                .collect(),
        })
        .collect();

    let report = shown.subtree.report.visible();
    let items = survey
        .items()
        .enumerate()
        .map(|(i, item)| {
            let summary = report
                .and_then(|r| r.items.get(i))
                .and_then(|it| it.result.visible());
            ItemDistribution {
                item_id: item.id().as_str().to_owned(),
                dimension_id: item.dimension().as_str().to_owned(),
                text_id: item.text().id().to_owned(),
                text_en: item.text().en().to_owned(),
                reverse_keyed: item.reverse_keyed(),
                shares: summary.map(|s| s.distribution.iter().map(|l| l.proportion).collect()),
                n: summary.map(|s| s.descriptive.n),
            }
        })
        .collect();

    let barriers = BarrierView {
        shares: shares_of(cached, &unit, report.is_some()).map(|mut shares| {
            shares.sort_by(|a, b| b.proportion.total_cmp(&a.proportion));
            shares
        }),
        stage_barrier: stage_barrier(survey, report, &scale)
            .flatten()
            .map(stage_key),
        stages_visible: stage_barrier(survey, report, &scale).is_some(),
        top_per_row: children
            .iter()
            .map(|child| {
                shares_of(
                    cached,
                    &child.code,
                    child.subtree.report.visible().is_some(),
                )
                .and_then(|shares| {
                    shares
                        .into_iter()
                        .max_by(|a, b| a.proportion.total_cmp(&b.proportion))
                })
                .filter(|top| top.count > 0)
            })
            .collect(),
        comments: report
            .filter(|r| r.respondents >= u64::from(COMMENT_THRESHOLD))
            .map(|_| comments::sample(cached.comments.get(&unit).map_or(&[][..], Vec::as_slice))),
    };

    Some(Dashboard {
        waves,
        wave: current.wave.clone(),
        threshold: published.threshold.get(),
        comment_threshold: COMMENT_THRESHOLD,
        risk_index,
        breadcrumbs: breadcrumbs(cached, &unit, visible),
        unit: row(shown),
        dimensions,
        rows,
        at_risk,
        at_risk_total,
        interventions: interventions.into_iter().map(|(brief, _)| brief).collect(),
        trends,
        items,
        scale: ScaleLabels {
            labels_id: survey
                .scale()
                .labels()
                .iter()
                .map(|l| l.id().to_owned())
                .collect(),
            labels_en: survey
                .scale()
                .labels()
                .iter()
                .map(|l| l.en().to_owned())
                .collect(),
        },
        barriers,
    })
}

/// Scores to the 0-100 index: (x - min) / (max - min) * 100.
struct IndexScale {
    min: f64,
    span: f64,
    engine: Option<Scale>,
}

impl IndexScale {
    fn of(survey: &domain::instrument::Instrument) -> Self {
        let (min, max) = (survey.scale().min(), survey.scale().max());
        IndexScale {
            min: f64::from(min),
            span: f64::from(max.saturating_sub(min)).max(1.0),
            engine: Scale::new(min, max).ok(),
        }
    }

    fn index(&self, score: f64) -> f64 {
        (score - self.min) / self.span * 100.0
    }

    fn interval(&self, summary: &VariableSummary) -> IndexInterval {
        let d = &summary.descriptive;
        IndexInterval {
            index: d.index,
            low: self.index(d.mean_ci.lower),
            high: self.index(d.mean_ci.upper),
        }
    }
}

pub(crate) fn dimension_summary<'a>(
    unit: &'a UnitIndicators,
    id: &str,
    at: usize,
) -> Option<&'a VariableSummary> {
    let report = unit.subtree.report.visible()?;
    let dimension = report.dimensions.get(at).filter(|d| d.dimension_id == id)?;
    dimension.score.visible()
}

fn unit_row(
    unit: &UnitIndicators,
    cached: &CachedIndicators,
    scale: &IndexScale,
    visible: &dyn Fn(&UnitCode) -> bool,
) -> UnitRow {
    let cells: Vec<Cell> = cached
        .indicators
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, id)| match dimension_summary(unit, id, d) {
            None => Cell::Suppressed,
            Some(summary) => {
                let interval = scale.interval(summary);
                Cell::Visible {
                    index: interval.index,
                    low: interval.low,
                    high: interval.high,
                    n: summary.descriptive.n,
                    versus_rest: unit
                        .vs_rest
                        .get(d)
                        .and_then(|cell| cell.result.visible())
                        .and_then(versus),
                }
            }
        })
        .collect();
    let indices: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Visible { index, .. } => Some(*index),
            Cell::Suppressed => None,
        })
        .collect();
    UnitRow {
        code: unit.code.as_str().to_owned(),
        name: unit.name.clone(),
        kind: unit.kind.as_str().to_owned(),
        drills_down: unit.children.iter().any(visible),
        headcount: unit.subtree.headcount,
        responses: cached.respondents.get(&unit.code).copied().unwrap_or(0),
        overall: (!indices.is_empty()).then(|| indices.iter().sum::<f64>() / indices.len() as f64),
        cells,
    }
}

/// Holm-adjusted: the flag's chance of being wrong anywhere in the heatmap is at most 5%.
fn versus(cell: &VsRestCell) -> Option<Versus> {
    let side = if cell.comparison.unit_mean >= cell.comparison.rest_mean {
        Versus::Above
    } else {
        Versus::Below
    };
    cell.significant_holm.then_some(side)
}

/// From the user's top visible ancestor down to `unit`.
fn breadcrumbs(
    cached: &CachedIndicators,
    unit: &UnitCode,
    visible: &dyn Fn(&UnitCode) -> bool,
) -> Vec<UnitLink> {
    let units = &cached.indicators.units;
    let mut chain = Vec::new();
    let mut at = units.get(unit);
    while let Some(u) = at {
        chain.push(UnitLink {
            code: u.code.as_str().to_owned(),
            name: u.name.clone(),
        });
        at = u
            .parent
            .as_ref()
            .filter(|p| visible(p))
            .and_then(|p| units.get(p));
    }
    chain.reverse();
    chain
}

/// The unit and every unit under it (in the wave, visible) with a reason for concern,
/// weakest first.
fn at_risk(
    scale: &IndexScale,
    top: &UnitIndicators,
    cached: &CachedIndicators,
    previous: Option<&CachedIndicators>,
    visible: &dyn Fn(&UnitCode) -> bool,
    threshold: f64,
) -> Vec<RiskUnit> {
    let units = &cached.indicators.units;
    let mut found = Vec::new();
    let mut stack = vec![(top, String::new())];
    while let Some((unit, path)) = stack.pop() {
        let earlier = previous.and_then(|p| p.indicators.units.get(&unit.code));
        let input = RiskInput::from_unit(unit, earlier).with_index_threshold(threshold);
        let reasons: Vec<RiskReason> = assess_risk(&input)
            .into_iter()
            .map(|r| reason(r, scale))
            .collect();
        if !reasons.is_empty() {
            found.push(RiskUnit {
                code: unit.code.as_str().to_owned(),
                name: unit.name.clone(),
                path: path.clone(),
                reasons,
                covered_by: Vec::new(),
            });
        }
        for child in unit.children.iter().rev().filter(|c| visible(c)) {
            if let Some(child_unit) = units.get(child) {
                let path = if unit.code == top.code {
                    String::new()
                } else if path.is_empty() {
                    unit.name.clone()
                } else {
                    format!("{path} › {}", unit.name)
                };
                stack.push((child_unit, path));
            }
        }
    }
    // Significant findings weigh more than an index under the threshold.
    let weight = |u: &RiskUnit| -> usize {
        u.reasons
            .iter()
            .map(|r| match r {
                RiskReason::BelowThreshold { .. } => 1,
                RiskReason::BelowOrganisation { .. } | RiskReason::Falling { .. } => 2,
            })
            .sum()
    };
    found.sort_by(|a, b| weight(b).cmp(&weight(a)).then_with(|| a.name.cmp(&b.name)));
    found
}

/// The plans for `code` or a unit above it: an intervention for a dinas covers its bidang.
fn covering(
    code: &str,
    interventions: &[(InterventionBrief, Vec<UnitCode>)],
    cached: &CachedIndicators,
) -> Vec<InterventionBrief> {
    let units = &cached.indicators.units;
    let mut chain: Vec<&str> = Vec::new();
    let mut at = UnitCode::parse(code).ok().and_then(|c| units.get(&c));
    while let Some(unit) = at {
        chain.push(unit.code.as_str());
        at = unit.parent.as_ref().and_then(|p| units.get(p));
    }
    interventions
        .iter()
        .filter(|(_, codes)| codes.iter().any(|c| chain.contains(&c.as_str())))
        .map(|(brief, _)| brief.clone())
        .collect()
}

/// The engine's reason, with the difference from the rest of the organisation in index
/// points like every other figure on the dashboard.
fn reason(engine: indicators::dashboard::RiskReason, scale: &IndexScale) -> RiskReason {
    use indicators::dashboard::RiskReason as R;
    match engine {
        R::BelowThreshold {
            dimension_id,
            index,
            threshold,
        } => RiskReason::BelowThreshold {
            dimension_id,
            index,
            threshold,
        },
        R::BelowOrganisation {
            dimension_id,
            difference,
            p_holm,
        } => RiskReason::BelowOrganisation {
            dimension_id,
            difference: difference / scale.span * 100.0,
            p_holm,
        },
        R::Falling {
            dimension_id,
            from_index,
            to_index,
            p,
        } => RiskReason::Falling {
            dimension_id,
            from_index,
            to_index,
            p,
        },
    }
}

/// Barrier shares of a unit's subtree, labelled; `None` when hidden.
fn shares_of(cached: &CachedIndicators, unit: &UnitCode, shown: bool) -> Option<Vec<BarrierShare>> {
    let codes: Vec<String> = cached
        .survey
        .barriers()
        .map(|b| b.codes().iter().map(|c| c.as_str().to_owned()).collect())
        .unwrap_or_default();
    let tally = cached.barriers.get(unit)?;
    let threshold: Threshold = cached.indicators.threshold;
    let shares = barrier_shares(tally, &codes, threshold, shown)
        .ok()?
        .into_visible()?;
    Some(
        shares
            .into_iter()
            .map(|s| {
                let label = BarrierCode::parse(&s.code).map(BarrierCode::label);
                BarrierShare {
                    label_id: label
                        .as_ref()
                        .map(|l| l.id().to_owned())
                        .unwrap_or_else(|| s.code.clone()),
                    label_en: label
                        .as_ref()
                        .map(|l| l.en().to_owned())
                        .unwrap_or_else(|| s.code.clone()),
                    code: s.code,
                    count: s.count,
                    proportion: s.proportion,
                    low: s.ci.lower,
                    high: s.ci.upper,
                }
            })
            .collect(),
    )
}

/// `None` when a stage is hidden or the survey has no adoption stages; `Some(None)` when no
/// stage is a barrier.
fn stage_barrier(
    survey: &domain::instrument::Instrument,
    report: Option<&GroupReport>,
    scale: &IndexScale,
) -> Option<Option<AdoptionStage>> {
    let report = report?;
    let stages = [
        Construct::AdoptionAwareness,
        Construct::AdoptionDesire,
        Construct::AdoptionKnowledge,
        Construct::AdoptionAbility,
        Construct::AdoptionReinforcement,
    ];
    let means = stages.map(|construct| {
        let at = survey
            .dimensions()
            .iter()
            .position(|d| d.construct() == construct)?;
        Some(report.dimensions.get(at)?.score.visible()?.descriptive.mean)
    });
    barrier_from_means(scale.engine?, means).map(|point| point.first_barrier)
}

fn stage_key(stage: AdoptionStage) -> String {
    match stage {
        AdoptionStage::Awareness => "awareness",
        AdoptionStage::Desire => "desire",
        AdoptionStage::Knowledge => "knowledge",
        AdoptionStage::Ability => "ability",
        AdoptionStage::Reinforcement => "reinforcement",
    }
    .to_owned()
}
