//! Instrument versions. Once a wave has collected answers with an instrument, its content is
//! frozen; any edit becomes a new version so old answers keep the exact wording they had.

use std::fmt;
use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use super::InstrumentError;

/// A positive version number: 1, 2, 3, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Version(NonZeroU32);

impl Version {
    /// The first version.
    pub const FIRST: Version = Version(NonZeroU32::MIN);

    /// Checks a number read from a file.
    pub fn new(value: i64) -> Result<Self, InstrumentError> {
        u32::try_from(value)
            .ok()
            .and_then(NonZeroU32::new)
            .map(Self)
            .ok_or(InstrumentError::InvalidVersion { value })
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0.get()
    }

    /// The version after this one.
    pub fn next(self) -> Result<Self, InstrumentError> {
        self.0
            .checked_add(1)
            .map(Self)
            .ok_or(InstrumentError::VersionOverflow {
                version: self.get(),
            })
    }
}

impl TryFrom<i64> for Version {
    type Error = InstrumentError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Version> for i64 {
    fn from(version: Version) -> Self {
        i64::from(version.get())
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.get())
    }
}
