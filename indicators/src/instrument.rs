//! The engine-side view of an instrument: a scale, items, and the dimensions they form.

use serde::{Deserialize, Serialize};

use crate::error::{IndicatorError, Result};
use crate::scale::Scale;

/// At most this many items per dimension. Dimension scores are stored exactly as
/// integers over the denominator lcm(ceil(k/2)..=k); for k <= 20 that is at most
/// 232 792 560, which keeps every sum of squares and cross-product far inside i128 for
/// up to 10^9 responses per group. Published readiness dimensions have 2-10 items.
pub const MAX_ITEMS_PER_DIMENSION: usize = 20;

/// At most this many dimensions per instrument (the key-driver accumulator is k x k).
pub const MAX_DIMENSIONS: usize = 32;

/// One Likert-type item. `reverse_keyed` items are scored min + max - x.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub dimension: String,
    pub reverse_keyed: bool,
}

/// A dimension (subscale): the items whose mean is the dimension score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dimension {
    id: String,
    items: Vec<Item>,
    /// Positions of this dimension's items in the answer slice (instrument item order).
    #[serde(skip)]
    positions: Vec<usize>,
    /// Fixed denominator for exact dimension scores: lcm(ceil(k/2)..=k), so the mean of
    /// any admissible number m of answered items is an integer over it.
    #[serde(skip)]
    denominator: u64,
}

impl Dimension {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Missing-data rule: a respondent's dimension score exists only when at least
    /// ceil(k/2) of the k items are answered (half, rounded up).
    pub fn min_answered(&self) -> usize {
        self.items.len().div_ceil(2)
    }

    pub(crate) fn positions(&self) -> &[usize] {
        &self.positions
    }

    pub(crate) fn denominator(&self) -> u64 {
        self.denominator
    }
}

/// A validated instrument. Answers are always given in the order of [`Instrument::items`]
/// (the order passed to [`Instrument::new`]); dimensions keep the order in which they
/// first appear. Deserializes from `{"scale": {...}, "items": [...]}`, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InstrumentSpec")]
pub struct Instrument {
    scale: Scale,
    items: Vec<Item>,
    dimensions: Vec<Dimension>,
}

#[derive(Deserialize)]
struct InstrumentSpec {
    scale: Scale,
    items: Vec<Item>,
}

impl TryFrom<InstrumentSpec> for Instrument {
    type Error = IndicatorError;
    fn try_from(spec: InstrumentSpec) -> Result<Self> {
        Instrument::new(spec.scale, spec.items)
    }
}

/// An item of a particular instrument, obtained from [`Instrument::item`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemIndex(pub(crate) usize);

/// A dimension of a particular instrument, obtained from [`Instrument::dimension`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DimensionIndex(pub(crate) usize);

/// What a comparison is about: one item's scored values or one dimension's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variable {
    Item(ItemIndex),
    Dimension(DimensionIndex),
}

impl Instrument {
    pub fn new(scale: Scale, items: Vec<Item>) -> Result<Self> {
        if items.is_empty() {
            return Err(IndicatorError::EmptyInstrument);
        }
        let mut dimensions: Vec<Dimension> = Vec::new();
        for (position, item) in items.iter().enumerate() {
            if items[..position]
                .iter()
                .any(|earlier| earlier.id == item.id)
            {
                return Err(IndicatorError::DuplicateItem(item.id.clone()));
            }
            let d = match dimensions.iter().position(|d| d.id == item.dimension) {
                Some(d) => d,
                None => {
                    dimensions.push(Dimension {
                        id: item.dimension.clone(),
                        items: Vec::new(),
                        positions: Vec::new(),
                        denominator: 1,
                    });
                    dimensions.len() - 1
                }
            };
            dimensions[d].items.push(item.clone());
            dimensions[d].positions.push(position);
        }
        if dimensions.len() > MAX_DIMENSIONS {
            return Err(IndicatorError::TooManyDimensions {
                dimensions: dimensions.len(),
                max: MAX_DIMENSIONS,
            });
        }
        for dimension in &mut dimensions {
            let k = dimension.items.len();
            if k > MAX_ITEMS_PER_DIMENSION {
                return Err(IndicatorError::DimensionTooLarge {
                    dimension: dimension.id.clone(),
                    items: k,
                    max: MAX_ITEMS_PER_DIMENSION,
                });
            }
            dimension.denominator = (k.div_ceil(2)..=k).fold(1, |acc, m| lcm(acc, m as u64));
        }
        Ok(Self {
            scale,
            items,
            dimensions,
        })
    }

    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Items in answer order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    pub fn item(&self, id: &str) -> Result<ItemIndex> {
        self.items
            .iter()
            .position(|i| i.id == id)
            .map(ItemIndex)
            .ok_or_else(|| IndicatorError::UnknownItem(id.to_owned()))
    }

    pub fn dimension(&self, id: &str) -> Result<DimensionIndex> {
        self.dimensions
            .iter()
            .position(|d| d.id == id)
            .map(DimensionIndex)
            .ok_or_else(|| IndicatorError::UnknownDimension(id.to_owned()))
    }

    pub(crate) fn dimension_at(&self, index: DimensionIndex) -> Result<&Dimension> {
        self.dimensions
            .get(index.0)
            .ok_or(IndicatorError::InstrumentMismatch)
    }

    /// Shape used to check that statistics belong to this instrument.
    pub(crate) fn shape(&self) -> Shape {
        Shape {
            scale: self.scale,
            dimension_sizes: self.dimensions.iter().map(|d| d.items.len()).collect(),
            items: self.items.len(),
        }
    }
}

/// What accumulated statistics must agree on to be merged or reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shape {
    pub(crate) scale: Scale,
    pub(crate) dimension_sizes: Vec<usize>,
    pub(crate) items: usize,
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn lcm(a: u64, b: u64) -> u64 {
    a / gcd(a, b) * b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, dim: &str) -> Item {
        Item {
            id: id.into(),
            dimension: dim.into(),
            reverse_keyed: false,
        }
    }

    #[test]
    fn groups_items_by_dimension_in_first_appearance_order() {
        let scale = Scale::new(1, 5).expect("valid");
        let inst = Instrument::new(
            scale,
            vec![
                item("a1", "A"),
                item("b1", "B"),
                item("a2", "A"),
                item("a3", "A"),
            ],
        )
        .expect("valid");
        assert_eq!(inst.dimensions().len(), 2);
        assert_eq!(inst.dimensions()[0].positions(), &[0, 2, 3]);
        assert_eq!(inst.dimensions()[0].min_answered(), 2);
        // 2 or 3 answered: lcm(2, 3) = 6
        assert_eq!(inst.dimensions()[0].denominator(), 6);
        assert_eq!(inst.dimensions()[1].denominator(), 1);
    }

    #[test]
    fn rejects_invalid_instruments() {
        let scale = Scale::new(1, 5).expect("valid");
        assert_eq!(
            Instrument::new(scale, vec![]),
            Err(IndicatorError::EmptyInstrument)
        );
        assert!(matches!(
            Instrument::new(scale, vec![item("x", "A"), item("x", "B")]),
            Err(IndicatorError::DuplicateItem(_))
        ));
        let many = (0..21).map(|i| item(&format!("i{i}"), "A")).collect();
        assert!(matches!(
            Instrument::new(scale, many),
            Err(IndicatorError::DimensionTooLarge { .. })
        ));
        let dims = (0..33)
            .map(|i| item(&format!("i{i}"), &format!("d{i}")))
            .collect();
        assert!(matches!(
            Instrument::new(scale, dims),
            Err(IndicatorError::TooManyDimensions { .. })
        ));
    }

    #[test]
    fn deserializes_with_validation() {
        let json = r#"{"scale":{"min":1,"max":5},"items":[
            {"id":"a1","dimension":"A","reverse_keyed":false},
            {"id":"a2","dimension":"A","reverse_keyed":true}]}"#;
        let inst: Instrument = serde_json::from_str(json).expect("valid");
        assert_eq!(inst.dimensions()[0].items().len(), 2);
        let round_trip: Instrument =
            serde_json::from_str(&serde_json::to_string(&inst).expect("serializable"))
                .expect("valid");
        assert_eq!(round_trip, inst);
        let dup = r#"{"scale":{"min":1,"max":5},"items":[
            {"id":"a1","dimension":"A","reverse_keyed":false},
            {"id":"a1","dimension":"A","reverse_keyed":true}]}"#;
        assert!(serde_json::from_str::<Instrument>(dup).is_err());
    }

    #[test]
    fn largest_denominator_fits() {
        let scale = Scale::new(1, 7).expect("valid");
        let items = (0..20).map(|i| item(&format!("i{i}"), "A")).collect();
        let inst = Instrument::new(scale, items).expect("valid");
        assert_eq!(inst.dimensions()[0].denominator(), 232_792_560);
    }
}
