//! Sufficient statistics of one group of responses (a unit, a wave, a subtree...).

use crate::error::{IndicatorError, Result};
use crate::instrument::{
    DimensionIndex, Instrument, ItemIndex, Shape, Variable, MAX_DIMENSIONS, MAX_ITEMS_PER_DIMENSION,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DimensionStats {
    /// Dimension scores (respondents meeting the ceil(k/2) rule).
    pub(crate) scores: Tally,
    /// Scored item values of respondents who answered every item of the dimension.
    pub(crate) complete_items: CrossProducts,
}

impl GroupStats {
    pub fn new(instrument: &Instrument) -> Self {
        let scale = instrument.scale();
        Self {
            shape: instrument.shape(),
            respondents: 0,
            items: instrument
                .items()
                .iter()
                .map(|_| Tally::new(scale.min(), 1))
                .collect(),
            dimensions: instrument
                .dimensions()
                .iter()
                .map(|d| DimensionStats {
                    scores: Tally::new(scale.min(), d.denominator()),
                    complete_items: CrossProducts::new(d.items().len()),
                })
                .collect(),
            drivers: CrossProducts::new(instrument.dimensions().len()),
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
        // Scored, shifted answers (x' - min), on the stack: no allocation per response.
        let mut keys = [None::<u64>; MAX_ITEMS_PER_DIMENSION];
        let mut dimension_keys = [0u64; MAX_DIMENSIONS];
        let mut every_dimension_scored = true;
        for (d, dimension) in instrument.dimensions().iter().enumerate() {
            let k = dimension.items().len();
            let mut answered = 0u64;
            let mut sum = 0u64;
            for (slot, (item, &position)) in keys
                .iter_mut()
                .zip(dimension.items().iter().zip(dimension.positions()))
            {
                *slot = answers[position].map(|raw| {
                    let scored = if item.reverse_keyed {
                        scale.reverse(raw)
                    } else {
                        raw
                    };
                    u64::from(scored - scale.min())
                });
                if let Some(key) = *slot {
                    self.items[position].add(key);
                    answered += 1;
                    sum += key;
                }
            }
            let stats = &mut self.dimensions[d];
            if answered as usize >= dimension.min_answered() && answered > 0 {
                // mean = sum / answered; over the fixed denominator D it is the integer
                // sum * (D / answered), since `answered` divides D by construction.
                let key = sum * (dimension.denominator() / answered);
                stats.scores.add(key);
                dimension_keys[d] = key;
            } else {
                every_dimension_scored = false;
            }
            if answered as usize == k {
                let mut complete = [0u64; MAX_ITEMS_PER_DIMENSION];
                for (c, key) in complete.iter_mut().zip(&keys[..k]) {
                    *c = key.unwrap_or_default();
                }
                stats.complete_items.add(&complete[..k]);
            }
        }
        if every_dimension_scored {
            self.drivers
                .add(&dimension_keys[..instrument.dimensions().len()]);
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
        if self.shape == instrument.shape() {
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
}
