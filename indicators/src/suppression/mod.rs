//! Anonymity: the threshold, complementary suppression in unit trees, and guards for
//! differencing overlapping queries.

mod difference;
mod threshold;
mod tree;

pub use difference::{check_difference, check_overlap, DifferenceCheck};
pub use threshold::{Suppressible, Threshold};
pub use tree::{plan_disclosure, Disclosure, UnitNode, UnitTree};
