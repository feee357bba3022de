//! The response scale: 4 to 7 labelled points, answered as the whole numbers 1 to `points`.
//! Fewer than 4 points cannot tell agreement apart from its strength; more than 7 do not fit
//! side by side on a phone and add no reliable information.

use serde::{Deserialize, Serialize};

use super::draft::ScaleDraft;
use super::limits::{LABEL_MAX, SCALE_POINTS_MAX, SCALE_POINTS_MIN};
use super::text::Bilingual;
use super::InstrumentError;

/// A validated response scale. Raw answers are `1..=points`; 1 is the label listed first
/// (for agreement scales: the strongest disagreement).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScaleDraft", into = "ScaleDraft")]
pub struct Scale {
    labels: Vec<Bilingual>,
}

impl Scale {
    /// A scale with one label per point, lowest first.
    pub fn new(labels: Vec<Bilingual>) -> Result<Self, InstrumentError> {
        let draft = ScaleDraft {
            points: i64::try_from(labels.len()).unwrap_or(i64::MAX),
            labels: labels.iter().map(Bilingual::to_draft).collect(),
        };
        Self::from_draft(&draft)
    }

    /// The usual 5-point agreement scale: Sangat Tidak Setuju ... Sangat Setuju.
    pub fn agreement_5() -> Self {
        let label = Bilingual::known;
        Self {
            labels: vec![
                label("Sangat Tidak Setuju", "Strongly disagree"),
                label("Tidak Setuju", "Disagree"),
                label("Netral", "Neutral"),
                label("Setuju", "Agree"),
                label("Sangat Setuju", "Strongly agree"),
            ],
        }
    }

    pub(super) fn from_draft(draft: &ScaleDraft) -> Result<Self, InstrumentError> {
        let allowed = i64::from(SCALE_POINTS_MIN)..=i64::from(SCALE_POINTS_MAX);
        if !allowed.contains(&draft.points) {
            return Err(InstrumentError::ScalePoints {
                points: draft.points,
            });
        }
        if i64::try_from(draft.labels.len()) != Ok(draft.points) {
            return Err(InstrumentError::ScaleLabelCount {
                points: draft.points,
                labels: draft.labels.len(),
            });
        }
        let labels = draft
            .labels
            .iter()
            .enumerate()
            .map(|(index, label)| {
                Bilingual::from_draft(label, &format!("scale.labels[{index}]"), LABEL_MAX)
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { labels })
    }

    pub(super) fn to_draft(&self) -> ScaleDraft {
        ScaleDraft {
            points: i64::from(self.points()),
            labels: self.labels.iter().map(Bilingual::to_draft).collect(),
        }
    }

    /// Number of points, 4 to 7.
    pub fn points(&self) -> u8 {
        // Construction keeps the length within 4..=7, so this never saturates.
        u8::try_from(self.labels.len()).unwrap_or(u8::MAX)
    }

    /// The lowest raw value: always 1.
    pub fn min(&self) -> u8 {
        1
    }

    /// The highest raw value: the number of points.
    pub fn max(&self) -> u8 {
        self.points()
    }

    /// Labels, lowest point first.
    pub fn labels(&self) -> &[Bilingual] {
        &self.labels
    }

    /// The label of a raw value.
    pub fn label(&self, value: u8) -> Option<&Bilingual> {
        self.labels.get(usize::from(value.checked_sub(1)?))
    }

    /// Whether `value` is a point of this scale.
    pub fn contains(&self, value: u8) -> bool {
        (self.min()..=self.max()).contains(&value)
    }

    /// The mirrored value `(min + max) - value` used for reverse-keyed items; `None` when
    /// `value` is not on the scale.
    pub fn reverse(&self, value: u8) -> Option<u8> {
        self.contains(value)
            .then(|| self.min() + self.max() - value)
    }

    /// Whether a scored value is in the top two boxes (4-5 of 5, 5-6 of 6), the usual
    /// "favourable" cut.
    pub fn is_favourable(&self, scored: u8) -> bool {
        self.contains(scored) && scored >= self.max() - 1
    }
}

impl TryFrom<ScaleDraft> for Scale {
    type Error = InstrumentError;
    fn try_from(draft: ScaleDraft) -> Result<Self, Self::Error> {
        Self::from_draft(&draft)
    }
}

impl From<Scale> for ScaleDraft {
    fn from(scale: Scale) -> Self {
        scale.to_draft()
    }
}
