//! Who may do what, where: roles, unit scopes and the permission rule every endpoint and
//! server function applies on the server. Pure, so the browser can also hide what a user
//! cannot do (the server still decides).

mod action;
mod role;
mod rule;
mod scope;

pub use action::Action;
pub use role::{Role, UnknownRole};
pub use rule::{authorize, Denied};
pub use scope::UnitScope;
