use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::units::Locale;

/// The three kinds of platform user. Respondents are not users: they answer anonymously
/// with single-use invitation tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the platform: units, users, instruments, audit log.
    Admin,
    /// Sees a unit subtree (e.g. a kepala dinas or wali kota) and approves plans in it.
    Leader,
    /// Agen perubahan: works on the units assigned to them.
    ChangeAgent,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Leader, Role::ChangeAgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Leader => "leader",
            Role::ChangeAgent => "change_agent",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Role::Admin => locale.pick("Administrator", "Administrator"),
            Role::Leader => locale.pick("Pimpinan", "Leader"),
            Role::ChangeAgent => locale.pick("Agen perubahan", "Change agent"),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`: use admin, leader or change_agent")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}
