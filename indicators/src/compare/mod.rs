//! Comparisons between groups: the test statistics themselves. The threshold-gated
//! entry points that take group statistics live in [`crate::report`].

pub(crate) mod adjust;
pub(crate) mod anova;
pub(crate) mod kruskal;
pub(crate) mod t_test;

pub use adjust::{benjamini_hochberg, holm};
pub use anova::{Anova, WelchAnova};
pub use kruskal::KruskalWallis;
pub use t_test::WelchT;
