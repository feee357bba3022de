//! Sufficient statistics of one group of responses (a unit, a wave, a subtree...).

use std::sync::Arc;

use crate::error::{IndicatorError, Result};
use crate::instrument::{
    Dimension, DimensionIndex, Instrument, ItemIndex, Shape, Variable, MAX_DIMENSIONS,
    MAX_ITEMS_PER_DIMENSION,
};
use crate::stats::cross_products::CrossProducts;
use crate::stats::tally::Tally;

/// Everything the indicators of a group are computed from, accumulated response by
/// response and merged exactly (a parent's statistics are the merge of its children's,
/// plus its direct respondents').
///
/// Deliberately opaque: counts and values leave the engine only through the
/// threshold-gated report and comparison functions, never through getters here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStats {
    shape: Shape,
    respondents: u64,
    items: Vec<Tally>,
    dimensions: Vec<DimensionStats>,
    /// Dimension scores of respondents who have a score on every dimension.
    drivers: CrossProducts,
    /// Where each possible dimension score is counted; a function of the shape, shared by
    /// clones.
    layout: Arc<Vec<ScoreSlots>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DimensionStats {
    /// Dimension scores (respondents meeting the ceil(k/2) rule).
    pub(crate) scores: Tally,
    /// Scored item values of respondents who answered every item of the dimension.
    pub(crate) complete_items: CrossProducts,
}

/// The dimension score of m answered items with shifted sum s is the key s * (D / m); its
/// slot in the score table and the key itself are looked up at (m - ceil(k/2)) * stride + s,
/// so no division and no search per response.
#[derive(Debug, PartialEq, Eq)]
struct ScoreSlots {
    min_answered: usize,
    /// Sums of m answers run over 0..=m (max - min), so rows of k (max - min) + 1.
    stride: usize,
    /// (slot in the score tally, key); keys are at most (max - min) D < 2^31 (at most 7
    /// scale points, D <= 232 792 560).
    entries: Vec<(u32, u32)>,
    /// Every admissible key, ascending: the keys of the score tally.
    keys: Arc<Vec<u64>>,
}

impl ScoreSlots {
    fn new(dimension: &Dimension, range: u64) -> Self {
        let k = dimension.items().len();
        let min_answered = dimension.min_answered().max(1);
        let denominator = dimension.denominator();
        let stride = k * range as usize + 1;
        let key = |m: usize, s: usize| s as u64 * (denominator / m as u64);
        let cells = || (min_answered..=k).flat_map(move |m| (0..stride).map(move |s| (m, s)));
        let mut keys: Vec<u64> = cells()
            .filter(|&(m, s)| s as u64 <= m as u64 * range)
            .map(|(m, s)| key(m, s))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let entries = cells()
            .map(|(m, s)| {
                if s as u64 > m as u64 * range {
                    return (0, 0); // a sum m answers cannot reach; never looked up
                }
                let key = key(m, s);
                let slot = keys.binary_search(&key).unwrap_or(0);
                (
                    u32::try_from(slot).expect("at most 11 x 121 slots"),
                    u32::try_from(key).expect("keys below 2^31"),
                )
            })
            .collect();
        Self {
            min_answered,
            stride,
            entries,
            keys: Arc::new(keys),
        }
    }
}

impl GroupStats {
    pub fn new(instrument: &Instrument) -> Self {
        let scale = instrument.scale();
        let range = u64::from(scale.max() - scale.min());
        let layout: Vec<ScoreSlots> = instrument
            .dimensions()
            .iter()
            .map(|d| ScoreSlots::new(d, range))
            .collect();
        let points = Tally::points(range);
        Self {
            shape: instrument.shape(),
            respondents: 0,
            items: instrument
                .items()
                .iter()
                .map(|_| Tally::with_keys(scale.min(), 1, Arc::clone(&points)))
                .collect(),
            dimensions: instrument
                .dimensions()
                .iter()
                .zip(&layout)
                .map(|(d, slots)| DimensionStats {
                    scores: Tally::with_keys(scale.min(), d.denominator(), Arc::clone(&slots.keys)),
                    complete_items: CrossProducts::with_max_key(d.items().len(), range),
                })
                .collect(),
            drivers: CrossProducts::with_max_key(
                instrument.dimensions().len(),
                instrument
                    .dimensions()
                    .iter()
                    .map(|d| range * d.denominator())
                    .max()
                    .unwrap_or(0),
            ),
            layout: Arc::new(layout),
        }
    }

    /// Adds one response. `answers` has one entry per item in [`Instrument::items`]
    /// order, `None` for a skipped item; raw (not yet reverse-keyed) values. A response
    /// with every item skipped still counts as a respondent. Nothing is changed when an
    /// error is returned.
    pub fn add_response(&mut self, instrument: &Instrument, answers: &[Option<u8>]) -> Result<()> {
        self.check(instrument)?;
        let scale = instrument.scale();
        if answers.len() != instrument.items().len() {
            return Err(IndicatorError::AnswerCount {
                expected: instrument.items().len(),
                got: answers.len(),
            });
        }
        for (item, answer) in instrument.items().iter().zip(answers) {
            if let Some(value) = *answer {
                if !scale.contains(value) {
                    return Err(IndicatorError::AnswerOutOfScale {
                        item: item.id.clone(),
                        value,
                        min: scale.min(),
                        max: scale.max(),
                    });
                }
            }
        }

        self.respondents += 1;
        let (min, max) = (scale.min(), scale.max());
        // Scored, shifted answers (x' - min) of the dimension's answered items, in order,
        // on the stack: no allocation per response.
        let mut keys = [0u32; MAX_ITEMS_PER_DIMENSION];
        let mut dimension_keys = [0u32; MAX_DIMENSIONS];
        let mut every_dimension_scored = true;
        for (((dimension, stats), slots), dimension_key) in instrument
            .dimensions()
            .iter()
            .zip(&mut self.dimensions)
            .zip(self.layout.iter())
            .zip(&mut dimension_keys)
        {
            let mut answered = 0;
            let mut sum = 0;
            for (item, &position) in dimension.items().iter().zip(dimension.positions()) {
                if let Some(raw) = answers[position] {
                    let key = if item.reverse_keyed {
                        max - raw
                    } else {
                        raw - min
                    };
                    self.items[position].add_at(usize::from(key));
                    keys[answered] = u32::from(key);
                    answered += 1;
                    sum += usize::from(key);
                }
            }
            if answered >= slots.min_answered {
                // mean = sum / answered, over the fixed denominator D the integer
                // sum * (D / answered) (`answered` divides D by construction), precomputed.
                let (slot, key) =
                    slots.entries[(answered - slots.min_answered) * slots.stride + sum];
                stats.scores.add_at(slot as usize);
                *dimension_key = key;
            } else {
                every_dimension_scored = false;
            }
            let k = dimension.items().len();
            if answered == k {
                stats.complete_items.add_narrow(&keys[..k]);
            }
        }
        if every_dimension_scored {
            self.drivers
                .add_narrow(&dimension_keys[..instrument.dimensions().len()]);
        }
        Ok(())
    }

    /// Pools `other` into `self`. Exact: the result equals accumulating both groups'
    /// responses into one `GroupStats`, whatever the order. The groups must be disjoint
    /// (no response counted twice); that is the caller's knowledge.
    pub fn merge(&mut self, other: &GroupStats) -> Result<()> {
        if self.shape != other.shape {
            return Err(IndicatorError::InstrumentMismatch);
        }
        self.respondents += other.respondents;
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            a.merge(b)?;
        }
        for (a, b) in self.dimensions.iter_mut().zip(&other.dimensions) {
            a.scores.merge(&b.scores)?;
            a.complete_items.merge(&b.complete_items)?;
        }
        self.drivers.merge(&other.drivers)
    }

    pub(crate) fn check(&self, instrument: &Instrument) -> Result<()> {
        // Field by field: `Instrument::shape` would allocate, and this runs per response.
        let shape = &self.shape;
        let dimensions = instrument.dimensions();
        if shape.scale == instrument.scale()
            && shape.items == instrument.items().len()
            && shape.dimension_sizes.len() == dimensions.len()
            && shape
                .dimension_sizes
                .iter()
                .zip(dimensions)
                .all(|(&k, d)| k == d.items().len())
        {
            Ok(())
        } else {
            Err(IndicatorError::InstrumentMismatch)
        }
    }

    pub(crate) fn respondents(&self) -> u64 {
        self.respondents
    }

    pub(crate) fn item(&self, index: ItemIndex) -> Result<&Tally> {
        self.items
            .get(index.0)
            .ok_or(IndicatorError::InstrumentMismatch)
    }

    pub(crate) fn items(&self) -> &[Tally] {
        &self.items
    }

    pub(crate) fn dimension(&self, index: DimensionIndex) -> Result<&DimensionStats> {
        self.dimensions
            .get(index.0)
            .ok_or(IndicatorError::InstrumentMismatch)
    }

    pub(crate) fn variable(&self, variable: Variable) -> Result<&Tally> {
        match variable {
            Variable::Item(i) => self.item(i),
            Variable::Dimension(d) => self.dimension(d).map(|d| &d.scores),
        }
    }

    pub(crate) fn drivers(&self) -> &CrossProducts {
        &self.drivers
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::Item;
    use crate::scale::Scale;

    fn instrument() -> Instrument {
        let item = |id: &str, dim: &str, reverse_keyed| Item {
            id: id.into(),
            dimension: dim.into(),
            reverse_keyed,
        };
        Instrument::new(
            Scale::new(1, 5).expect("valid"),
            vec![
                item("a1", "A", false),
                item("a2", "A", true),
                item("a3", "A", false),
                item("b1", "B", false),
            ],
        )
        .expect("valid")
    }

    #[test]
    fn scores_reverse_keyed_items_and_applies_half_rule() {
        let inst = instrument();
        let mut g = GroupStats::new(&inst);
        // a2 reversed: 2 -> 4; A = (5 + 4 + 3) / 3 = 4
        g.add_response(&inst, &[Some(5), Some(2), Some(3), Some(1)])
            .expect("valid");
        // two of three answered: A = (1 + 2) / 2 = 1.5 (a2: 5 -> 1)
        g.add_response(&inst, &[None, Some(5), Some(2), None])
            .expect("valid");
        // one of three answered: no A score; B missing too
        g.add_response(&inst, &[Some(4), None, None, None])
            .expect("valid");
        g.add_response(&inst, &[None, None, None, None])
            .expect("valid");
        assert_eq!(g.respondents(), 4);
        let a = &g.dimensions[0];
        assert_eq!(a.scores.n(), 2);
        let values: Vec<f64> = a.scores.iter().map(|(k, _)| a.scores.value(k)).collect();
        assert_eq!(values, vec![1.5, 4.0]);
        assert_eq!(a.complete_items.n(), 1);
        assert_eq!(g.drivers.n(), 1);
        assert_eq!(g.items[1].iter().collect::<Vec<_>>(), vec![(0, 1), (3, 1)]);
    }

    #[test]
    fn rejects_bad_answers_without_changing_anything() {
        let inst = instrument();
        let mut g = GroupStats::new(&inst);
        let before = g.clone();
        assert!(matches!(
            g.add_response(&inst, &[Some(1)]),
            Err(IndicatorError::AnswerCount {
                expected: 4,
                got: 1
            })
        ));
        assert!(matches!(
            g.add_response(&inst, &[Some(1), Some(6), None, None]),
            Err(IndicatorError::AnswerOutOfScale { value: 6, .. })
        ));
        assert_eq!(g, before);
    }

    #[test]
    fn merge_rejects_other_instruments() {
        let inst = instrument();
        let other = Instrument::new(Scale::new(1, 6).expect("valid"), inst.items().to_vec())
            .expect("valid");
        let mut g = GroupStats::new(&inst);
        assert_eq!(
            g.merge(&GroupStats::new(&other)),
            Err(IndicatorError::InstrumentMismatch)
        );
        assert_eq!(
            g.add_response(&other, &[None; 4]),
            Err(IndicatorError::InstrumentMismatch)
        );
    }

    /// Dimension scores through the slot tables equal the plain s * (D / m) keys, for every
    /// dimension size from 1 to 20 items and a 7-point scale.
    #[test]
    fn score_slots_match_the_direct_keys() {
        let items: Vec<Item> = (1..=20usize)
            .flat_map(|k| {
                (0..k).map(move |i| Item {
                    id: format!("d{k}-{i}"),
                    dimension: format!("D{k}"),
                    reverse_keyed: i % 3 == 1,
                })
            })
            .collect();
        let inst = Instrument::new(Scale::new(1, 7).expect("valid"), items).expect("valid");
        let mut g = GroupStats::new(&inst);
        let mut direct: Vec<Tally> = inst
            .dimensions()
            .iter()
            .map(|d| Tally::new(1, d.denominator()))
            .collect();
        let mut state = 99u64;
        for r in 0..3000u64 {
            let answers: Vec<Option<u8>> = (0..inst.items().len())
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let x = state >> 33;
                    (x % 100 >= r % 60).then_some(1 + (x % 7) as u8)
                })
                .collect();
            g.add_response(&inst, &answers).expect("valid");
            for (d, tally) in inst.dimensions().iter().zip(&mut direct) {
                let scored: Vec<u64> = d
                    .items()
                    .iter()
                    .zip(d.positions())
                    .filter_map(|(item, &p)| {
                        answers[p]
                            .map(|v| u64::from(if item.reverse_keyed { 8 - v } else { v } - 1))
                    })
                    .collect();
                let m = scored.len() as u64;
                if m > 0 && m as usize >= d.min_answered() {
                    tally.add(scored.iter().sum::<u64>() * (d.denominator() / m));
                }
            }
        }
        for (stats, tally) in g.dimensions.iter().zip(&direct) {
            assert!(tally.n() > 0);
            assert_eq!(&stats.scores, tally);
        }
    }
}
