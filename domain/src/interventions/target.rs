//! What a plan aims at: a readiness dimension of the survey (e.g. `komitmen`), or a barrier
//! respondents cite (e.g. `ti`). Dimension ids come from instruments, so they are checked as
//! ids, not against one instrument; barrier codes are fixed.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InterventionError;
use crate::instrument::{BarrierCode, Slug};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionTarget {
    /// A dimension id of the survey instrument.
    Dimension(Slug),
    /// A barrier of the survey's checklist.
    Barrier(BarrierCode),
}

impl InterventionTarget {
    pub fn dimension(id: &str) -> Result<Self, InterventionError> {
        Slug::parse(id.trim())
            .map(InterventionTarget::Dimension)
            .ok_or_else(|| InterventionError::BadDimension {
                value: id.trim().to_owned(),
            })
    }

    pub fn barrier(code: &str) -> Result<Self, InterventionError> {
        BarrierCode::parse(code.trim())
            .map(InterventionTarget::Barrier)
            .ok_or_else(|| InterventionError::UnknownBarrier {
                value: code.trim().to_owned(),
            })
    }

    /// From the two stored columns, exactly one of which is set.
    pub fn from_columns(
        dimension_id: Option<&str>,
        barrier_code: Option<&str>,
    ) -> Result<Self, InterventionError> {
        match (dimension_id, barrier_code) {
            (Some(id), None) => Self::dimension(id),
            (None, Some(code)) => Self::barrier(code),
            _ => Err(InterventionError::BadTarget),
        }
    }

    /// The stored columns: `(dimension_id, barrier_code)`, exactly one of them set.
    pub fn columns(&self) -> (Option<&str>, Option<&str>) {
        match self {
            InterventionTarget::Dimension(id) => (Some(id.as_str()), None),
            InterventionTarget::Barrier(code) => (None, Some(code.as_str())),
        }
    }
}

impl fmt::Display for InterventionTarget {
    /// `dimension:komitmen` or `barrier:ti`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InterventionTarget::Dimension(id) => write!(f, "dimension:{}", id.as_str()),
            InterventionTarget::Barrier(code) => write!(f, "barrier:{code}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn columns_round_trip() {
        for target in [
            InterventionTarget::dimension("komitmen").unwrap(),
            InterventionTarget::barrier("sarana_prasarana").unwrap(),
        ] {
            let (dimension, barrier) = target.columns();
            assert_eq!(
                InterventionTarget::from_columns(dimension, barrier),
                Ok(target)
            );
        }
        assert_eq!(
            InterventionTarget::from_columns(Some("komitmen"), Some("ti")),
            Err(InterventionError::BadTarget)
        );
        assert_eq!(
            InterventionTarget::from_columns(None, None),
            Err(InterventionError::BadTarget)
        );
    }

    #[test]
    fn refuses_bad_ids_and_codes() {
        assert_eq!(
            InterventionTarget::dimension("Komitmen!"),
            Err(InterventionError::BadDimension {
                value: "Komitmen!".to_owned()
            })
        );
        assert_eq!(
            InterventionTarget::barrier("uang"),
            Err(InterventionError::UnknownBarrier {
                value: "uang".to_owned()
            })
        );
    }

    #[test]
    fn serde_names_the_kind() {
        let target = InterventionTarget::barrier("ti").unwrap();
        assert_eq!(
            serde_json::to_string(&target).unwrap(),
            r#"{"barrier":"ti"}"#
        );
        let back: InterventionTarget = serde_json::from_str(r#"{"dimension":"komitmen"}"#).unwrap();
        assert_eq!(back, InterventionTarget::dimension("komitmen").unwrap());
        assert!(serde_json::from_str::<InterventionTarget>(r#"{"dimension":"Bad Id"}"#).is_err());
    }
}
