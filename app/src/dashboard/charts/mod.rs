//! Charts as SVG drawn on the server: they show without JavaScript and print sharply. Each
//! mark carries a `<title>` (a tooltip in every browser, read by screen readers) and each
//! chart a text alternative.

mod geometry;
mod shares;
mod stacked;
mod trend;

pub use shares::{ShareBar, ShareBars};
pub use stacked::StackedBars;
pub use trend::TrendChart;
