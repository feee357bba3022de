//! The engine's view of a survey instrument: from the domain's validated instrument to the
//! scale, items (in display order) and reverse keys the statistics need.

use crate::error::{IndicatorError, Result};
use crate::instrument::{Instrument, Item};
use crate::scale::Scale;

impl TryFrom<&domain::instrument::Instrument> for Instrument {
    type Error = IndicatorError;

    /// Items keep the survey's display order, which is the order answers are given in
    /// (`ParsedResponse::item_values`); dimensions therefore follow the order in which their
    /// first item is shown. Fails only where the engine is stricter than the file format
    /// (more than 20 items in one dimension).
    fn try_from(survey: &domain::instrument::Instrument) -> Result<Self> {
        let scale = survey.scale();
        let items = survey
            .items()
            .map(|item| Item {
                id: item.id().to_string(),
                dimension: item.dimension().to_string(),
                reverse_keyed: item.reverse_keyed(),
            })
            .collect();
        Instrument::new(Scale::new(scale.min(), scale.max())?, items)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_default_survey_converts_in_display_order() {
        let survey = domain::instrument::default_instrument();
        let instrument = Instrument::try_from(&survey).unwrap();
        assert_eq!(instrument.items().len(), survey.item_count());
        for (ours, theirs) in instrument.items().iter().zip(survey.items()) {
            assert_eq!(ours.id, theirs.id().as_str());
            assert_eq!(ours.dimension, theirs.dimension().as_str());
            assert_eq!(ours.reverse_keyed, theirs.reverse_keyed());
        }
        assert_eq!(instrument.scale(), Scale::new(1, 5).unwrap());
        assert_eq!(
            instrument.dimensions().len(),
            survey.dimensions().len(),
            "every dimension has items"
        );
    }
}
