//! Comparisons between units and between waves, gated on every group's n.

use serde::Serialize;

use crate::compare::adjust::{benjamini_hochberg, holm};
use crate::compare::anova::{one_way_anova, welch_anova, Anova, WelchAnova};
use crate::compare::kruskal::{kruskal_wallis, KruskalWallis};
use crate::compare::t_test::{hedges_g, welch_t, WelchT};
use crate::error::Result;
use crate::estimate::descriptive::favourable_count;
use crate::estimate::interval::{newcombe, ProportionDifference};
use crate::instrument::{Instrument, Variable};
use crate::stats::{GroupStats, Moments, Tally};
use crate::suppression::{Suppressible, Threshold};

/// Do the units differ on a variable? Every test is `None` where undefined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitComparison {
    pub groups: usize,
    pub anova: Option<Anova>,
    /// `None` when a unit has no variance.
    pub welch_anova: Option<WelchAnova>,
    /// On the raw values (ranks), robust for ordinal answers.
    pub kruskal_wallis: Option<KruskalWallis>,
}

/// One-way ANOVA, Welch ANOVA and Kruskal-Wallis across `units`. Suppressed when any
/// unit has fewer answers than the threshold: drop suppressed units before comparing.
pub fn compare_units(
    instrument: &Instrument,
    units: &[&GroupStats],
    variable: Variable,
    threshold: Threshold,
) -> Result<Suppressible<UnitComparison>> {
    let tallies = tallies(instrument, units, variable)?;
    let smallest = tallies.iter().map(|t| t.n()).min().unwrap_or(0);
    threshold.try_gate(smallest, || {
        let moments: Vec<Moments> = tallies.iter().map(|t| t.moments()).collect();
        Ok(UnitComparison {
            groups: units.len(),
            anova: one_way_anova(&moments)?,
            welch_anova: welch_anova(&moments)?,
            kruskal_wallis: kruskal_wallis(&tallies)?,
        })
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitVsRest {
    pub unit_mean: f64,
    pub rest_mean: f64,
    /// Welch t of unit - rest; `None` when undefined (no variance on either side).
    pub welch: Option<WelchT>,
    /// p adjusted over the visible, defined comparisons of this call (Holm).
    pub p_holm: Option<f64>,
    /// The same with Benjamini-Hochberg.
    pub p_benjamini_hochberg: Option<f64>,
}

/// Each unit against the rest of the organisation (organisation minus the unit, exact),
/// with p-values adjusted across the units. `organisation` must contain every unit's
/// responses. A unit is suppressed when it or its rest has fewer answers than the
/// threshold; the adjustment family is the comparisons actually shown.
pub fn units_vs_rest(
    instrument: &Instrument,
    organisation: &GroupStats,
    units: &[&GroupStats],
    variable: Variable,
    threshold: Threshold,
) -> Result<Vec<Suppressible<UnitVsRest>>> {
    organisation.check(instrument)?;
    let whole = organisation.variable(variable)?;
    let mut results = Vec::with_capacity(units.len());
    for unit in units {
        unit.check(instrument)?;
        let mine = unit.variable(variable)?;
        let rest = whole.subtract(mine)?;
        let shown = threshold.allows(mine.n()) && threshold.allows(rest.n());
        results.push(if shown {
            let (a, b) = (mine.moments(), rest.moments());
            Suppressible::Visible(UnitVsRest {
                unit_mean: a.mean().expect("gated, n > 0"),
                rest_mean: b.mean().expect("gated, n > 0"),
                welch: welch_t(&a, &b)?,
                p_holm: None,
                p_benjamini_hochberg: None,
            })
        } else {
            Suppressible::Suppressed
        });
    }
    let p: Vec<f64> = results
        .iter()
        .filter_map(|r| r.visible()?.welch.as_ref().map(|w| w.p))
        .collect();
    let (mut holm_p, mut bh_p) = (holm(&p)?.into_iter(), benjamini_hochberg(&p)?.into_iter());
    for result in &mut results {
        if let Suppressible::Visible(r) = result {
            if r.welch.is_some() {
                r.p_holm = holm_p.next();
                r.p_benjamini_hochberg = bh_p.next();
            }
        }
    }
    Ok(results)
}

/// Change between two waves (independent samples: anonymous waves cannot be linked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveComparison {
    /// Welch t of later - earlier.
    pub welch: Option<WelchT>,
    /// Hedges' g of later - earlier (pooled SD).
    pub hedges_g: Option<f64>,
    /// Favourable share later - earlier with the Newcombe hybrid score interval.
    pub favourable: ProportionDifference,
}

pub fn compare_waves(
    instrument: &Instrument,
    earlier: &GroupStats,
    later: &GroupStats,
    variable: Variable,
    threshold: Threshold,
) -> Result<Suppressible<WaveComparison>> {
    let both = tallies(instrument, &[earlier, later], variable)?;
    let (before, after) = (both[0], both[1]);
    threshold.try_gate(before.n().min(after.n()), || {
        let scale = instrument.scale();
        let (m1, m2) = (before.moments(), after.moments());
        Ok(WaveComparison {
            welch: welch_t(&m2, &m1)?,
            hedges_g: hedges_g(&m1, &m2),
            favourable: newcombe(
                favourable_count(before, scale),
                before.n(),
                favourable_count(after, scale),
                after.n(),
            )?,
        })
    })
}

pub(crate) fn tallies<'a>(
    instrument: &Instrument,
    groups: &[&'a GroupStats],
    variable: Variable,
) -> Result<Vec<&'a Tally>> {
    groups
        .iter()
        .map(|g| {
            g.check(instrument)?;
            g.variable(variable)
        })
        .collect()
}
