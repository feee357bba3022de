//! The organisation pipeline: statistics per unit and per subtree, kept up to date response
//! by response, and the published indicators derived from them.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use domain::units::{Unit, UnitCode};

use super::accumulate::{accumulate, default_workers};
use super::disclosure::ScopePlan;
use super::error::OrganisationError;
use super::heatmap::{vs_rest_cells, DimensionVsRest};
use super::hierarchy::{Hierarchy, UnitId};
use super::output::{OrganisationIndicators, ScopeIndicators, UnitIndicators};
use super::scope::Scope;
use crate::estimate::Headcount;
use crate::instrument::Instrument;
use crate::report::{group_report, GroupReport};
use crate::stats::GroupStats;
use crate::suppression::{Suppressible, Threshold};

type Result<T> = std::result::Result<T, OrganisationError>;

/// Threshold-gated reports before the disclosure plan, per unit; `None` when the unit's
/// statistics changed since it was computed.
type RawReports = Vec<Option<Suppressible<GroupReport>>>;

/// An organisation's statistics and indicators.
///
/// Every unit keeps two [`GroupStats`]: its own respondents and its whole subtree. A new
/// response is added to its unit's own statistics and to the subtree statistics of the
/// unit and each ancestor (O(depth) updates, no rescan), and marks just those reports
/// stale. [`Organisation::report`] then recomputes the stale reports, re-plans the
/// disclosure over the whole tree (one new respondent can change what must be hidden
/// anywhere on the path) and the heatmap cells (the organisation changed, so every "rest"
/// did), and returns the published indicators.
#[derive(Debug, Clone)]
pub struct Organisation {
    instrument: Instrument,
    threshold: Threshold,
    /// Threads for batch work (accumulating a batch, a full recompute of the reports).
    workers: NonZeroUsize,
    hierarchy: Hierarchy,
    own: Vec<GroupStats>,
    subtree: Vec<GroupStats>,
    raw_unit: RawReports,
    raw_subtree: RawReports,
    published: Option<Published>,
}

#[derive(Debug, Clone)]
struct Published {
    plan: ScopePlan,
    indicators: OrganisationIndicators,
}

impl Organisation {
    /// An organisation without responses yet.
    pub fn new(instrument: Instrument, units: &[Unit], threshold: Threshold) -> Result<Self> {
        let hierarchy = Hierarchy::new(units)?;
        let empty = GroupStats::new(&instrument);
        let len = hierarchy.len();
        Ok(Self {
            own: vec![empty.clone(); len],
            subtree: vec![empty; len],
            raw_unit: vec![None; len],
            raw_subtree: vec![None; len],
            published: None,
            instrument,
            threshold,
            workers: default_workers(),
            hierarchy,
        })
    }

    /// An organisation with a batch of responses: (unit code, raw answers in the
    /// instrument's item order, `None` = skipped). All or nothing: the first unknown unit or
    /// invalid answer fails the whole batch.
    ///
    /// Faster than adding the responses one by one: each response is added once, to its
    /// unit's own statistics (on every available core), and the subtrees are then built by
    /// exact merges, children before parents.
    pub fn from_responses<'a, I, A>(
        instrument: Instrument,
        units: &[Unit],
        threshold: Threshold,
        responses: I,
    ) -> Result<Self>
    where
        I: IntoIterator<Item = (&'a UnitCode, A)>,
        A: AsRef<[Option<u8>]> + Send,
    {
        Self::from_responses_on(default_workers(), instrument, units, threshold, responses)
    }

    /// [`Organisation::from_responses`] with a chosen number of worker threads (1 = all on
    /// the calling thread), also used by later full recomputes of the reports. The result is
    /// the same for any number.
    pub fn from_responses_on<'a, I, A>(
        workers: NonZeroUsize,
        instrument: Instrument,
        units: &[Unit],
        threshold: Threshold,
        responses: I,
    ) -> Result<Self>
    where
        I: IntoIterator<Item = (&'a UnitCode, A)>,
        A: AsRef<[Option<u8>]> + Send,
    {
        let mut organisation = Self::new(instrument, units, threshold)?;
        organisation.workers = workers;
        organisation.own = accumulate(
            &organisation.instrument,
            &organisation.hierarchy,
            responses,
            workers,
        )?;
        organisation.rebuild_subtrees()?;
        Ok(organisation)
    }

    /// subtree(U) = own(U) merged with subtree(child) for every child: one backwards pass
    /// over the pre-order visits every child before its parent.
    fn rebuild_subtrees(&mut self) -> Result<()> {
        self.subtree.clone_from(&self.own);
        for unit in (1..self.hierarchy.len()).rev() {
            if let Some(parent) = self.hierarchy.parent[unit] {
                // parent < unit in pre-order, so the two borrows are disjoint.
                let (before, after) = self.subtree.split_at_mut(unit);
                before[parent].merge(&after[0])?;
            }
        }
        self.raw_unit.iter_mut().for_each(|r| *r = None);
        self.raw_subtree.iter_mut().for_each(|r| *r = None);
        Ok(())
    }

    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    pub fn threshold(&self) -> Threshold {
        self.threshold
    }

    /// The id of a unit, to add many responses without looking its code up each time.
    pub fn unit_id(&self, code: &str) -> Result<UnitId> {
        self.hierarchy.id(code)
    }

    /// Adds one response answered in `unit`. Nothing changes when an error is returned.
    pub fn add_response(&mut self, unit: &UnitCode, answers: &[Option<u8>]) -> Result<()> {
        let id = self.hierarchy.id_of(unit)?;
        self.add_response_to(id, answers)
    }

    /// [`Organisation::add_response`] by id.
    pub fn add_response_to(&mut self, unit: UnitId, answers: &[Option<u8>]) -> Result<()> {
        let UnitId(unit) = unit;
        // An id of another, larger organisation.
        if unit >= self.hierarchy.len() {
            return Err(OrganisationError::UnknownUnit(format!("#{unit}")));
        }
        // The first add validates the answers and changes nothing when they are invalid;
        // the same answers then cannot fail on the ancestors.
        self.own[unit].add_response(&self.instrument, answers)?;
        self.raw_unit[unit] = None;
        for node in self.hierarchy.path_to_root(unit) {
            self.subtree[node].add_response(&self.instrument, answers)?;
            self.raw_subtree[node] = None;
        }
        Ok(())
    }

    /// The published indicators, brought up to date: stale reports are recomputed, then the
    /// disclosure plan and the heatmap cells.
    pub fn report(&mut self) -> Result<&OrganisationIndicators> {
        let len = self.hierarchy.len();
        let mut fresh_unit = vec![false; len];
        let mut fresh_subtree = vec![false; len];
        // A unit without children has one group for both scopes: computed once, as subtree.
        let jobs: Vec<(usize, Scope)> = (0..len)
            .filter(|&u| self.raw_subtree[u].is_none())
            .map(|u| (u, Scope::Subtree))
            .chain(
                (0..len)
                    .filter(|&u| self.raw_unit[u].is_none() && !self.hierarchy.is_leaf(u))
                    .map(|u| (u, Scope::Unit)),
            )
            .collect();
        for ((unit, scope), report) in jobs.iter().zip(self.group_reports(&jobs)?) {
            match scope {
                Scope::Subtree => {
                    self.raw_subtree[*unit] = Some(report);
                    fresh_subtree[*unit] = true;
                }
                Scope::Unit => {
                    self.raw_unit[*unit] = Some(report);
                    fresh_unit[*unit] = true;
                }
            }
        }
        for unit in (0..len).filter(|&u| self.hierarchy.is_leaf(u)) {
            if self.raw_unit[unit].is_none() {
                self.raw_unit[unit] = self.raw_subtree[unit].clone();
                fresh_unit[unit] = true;
            }
        }

        let respondents = |stats: &[GroupStats]| -> Vec<u64> {
            stats.iter().map(GroupStats::respondents).collect()
        };
        let plan = ScopePlan::new(
            &self.hierarchy,
            &respondents(&self.own),
            &respondents(&self.subtree),
            self.threshold,
        )?;
        let cells = self.vs_rest(&plan)?;

        let published = match self.published.take() {
            None => self.publish_all(plan, cells),
            Some(previous) => {
                self.publish_changes(previous, plan, cells, [&fresh_unit, &fresh_subtree])
            }
        };
        Ok(&self.published.insert(published).indicators)
    }

    fn group_report(&self, unit: usize, scope: Scope) -> Result<Suppressible<GroupReport>> {
        let (stats, headcount) = match scope {
            Scope::Unit => (&self.own[unit], self.hierarchy.own_headcount[unit]),
            Scope::Subtree => (&self.subtree[unit], self.hierarchy.subtree_headcount[unit]),
        };
        // A headcount of 0 (not filled in) gives no response rate rather than an error.
        let headcount = Headcount::new(headcount).ok();
        Ok(group_report(
            &self.instrument,
            stats,
            headcount,
            self.threshold,
        )?)
    }

    /// The reports of `jobs`, in order; spread over the workers when there are many (a full
    /// recompute), on the calling thread otherwise (an incremental update has a handful).
    fn group_reports(&self, jobs: &[(usize, Scope)]) -> Result<Vec<Suppressible<GroupReport>>> {
        const MIN_PER_WORKER: usize = 32;
        let workers = self.workers.get().min(jobs.len() / MIN_PER_WORKER).max(1);
        let run = |part: &[(usize, Scope)]| -> Result<Vec<Suppressible<GroupReport>>> {
            part.iter()
                .map(|&(unit, scope)| self.group_report(unit, scope))
                .collect()
        };
        if workers == 1 {
            return run(jobs);
        }
        let parts: Vec<Result<Vec<_>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(jobs.len().div_ceil(workers))
                .map(|part| scope.spawn(move || run(part)))
                .collect();
            handles
                .into_iter()
                // A worker only panics on a bug: re-raise it.
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut out = Vec::with_capacity(jobs.len());
        for part in parts {
            out.extend(part?);
        }
        Ok(out)
    }

    /// Heatmap cells of every unit's subtree.
    fn vs_rest(&self, plan: &ScopePlan) -> Result<Vec<Vec<DimensionVsRest>>> {
        let groups: Vec<&GroupStats> = self.subtree.iter().collect();
        let shown: Vec<bool> = (0..self.hierarchy.len())
            .map(|unit| plan.is_visible(unit, Scope::Subtree))
            .collect();
        // The hierarchy has one root, first in pre-order: its subtree is the organisation.
        Ok(vs_rest_cells(
            &self.instrument,
            &self.subtree[0],
            shown[0],
            &groups,
            &shown,
            self.threshold,
        )?)
    }

    fn raw(&self, unit: usize, scope: Scope) -> Suppressible<GroupReport> {
        let raw = match scope {
            Scope::Unit => &self.raw_unit[unit],
            Scope::Subtree => &self.raw_subtree[unit],
        };
        // Filled in by `report` before publishing; Suppressed is the safe fallback.
        raw.clone().unwrap_or(Suppressible::Suppressed)
    }

    fn publish_all(&self, plan: ScopePlan, cells: Vec<Vec<DimensionVsRest>>) -> Published {
        let h = &self.hierarchy;
        let units = cells
            .into_iter()
            .enumerate()
            .map(|(i, vs_rest)| {
                let unit = &h.units[i];
                let indicators = UnitIndicators {
                    code: unit.code.clone(),
                    name: unit.name.as_str().to_owned(),
                    kind: unit.kind,
                    parent: unit.parent.clone(),
                    depth: h.depth[i],
                    children: h.children[i]
                        .iter()
                        .map(|&c| h.units[c].code.clone())
                        .collect(),
                    unit: ScopeIndicators {
                        headcount: h.own_headcount[i],
                        report: plan.apply(i, Scope::Unit, self.raw(i, Scope::Unit)),
                    },
                    subtree: ScopeIndicators {
                        headcount: h.subtree_headcount[i],
                        report: plan.apply(i, Scope::Subtree, self.raw(i, Scope::Subtree)),
                    },
                    vs_rest,
                };
                (unit.code.clone(), indicators)
            })
            .collect::<BTreeMap<_, _>>();
        Published {
            indicators: OrganisationIndicators {
                threshold: self.threshold,
                root: h.units[0].code.clone(),
                dimensions: self
                    .instrument
                    .dimensions()
                    .iter()
                    .map(|d| d.id().to_owned())
                    .collect(),
                units,
            },
            plan,
        }
    }

    /// Replaces only what changed: reports recomputed this round or whose visibility the
    /// new plan changed (cloning all of them again would dominate an incremental update),
    /// and every heatmap cell.
    fn publish_changes(
        &self,
        previous: Published,
        plan: ScopePlan,
        cells: Vec<Vec<DimensionVsRest>>,
        fresh: [&[bool]; 2],
    ) -> Published {
        let Published {
            plan: old_plan,
            mut indicators,
        } = previous;
        for (unit, vs_rest) in cells.into_iter().enumerate() {
            let code = &self.hierarchy.units[unit].code;
            let Some(published) = indicators.units.get_mut(code) else {
                continue;
            };
            for (scope, fresh) in Scope::BOTH.into_iter().zip(fresh) {
                let changed = old_plan.is_visible(unit, scope) != plan.is_visible(unit, scope);
                if fresh[unit] || changed {
                    published.scope_mut(scope).report =
                        plan.apply(unit, scope, self.raw(unit, scope));
                }
            }
            published.vs_rest = vs_rest;
        }
        Published { plan, indicators }
    }
}
