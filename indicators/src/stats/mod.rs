//! Mergeable sufficient statistics.

pub(crate) mod cross_products;
mod group;
pub(crate) mod moments;
pub(crate) mod tally;

pub use group::GroupStats;
pub(crate) use moments::Moments;
pub(crate) use tally::Tally;
