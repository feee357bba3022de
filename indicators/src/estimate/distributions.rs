//! Thin wrappers over statrs distributions (no hand-rolled approximations).

use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor, Normal, StudentsT};

use crate::error::{IndicatorError, Result};

fn distribution_error(e: impl std::fmt::Display) -> IndicatorError {
    IndicatorError::Distribution(e.to_string())
}

/// Two-sided 95% critical value of the standard normal, z(0.975).
pub(crate) fn normal_975() -> Result<f64> {
    Ok(Normal::standard().inverse_cdf(0.975))
}

pub(crate) fn students_t(df: f64) -> Result<StudentsT> {
    StudentsT::new(0.0, 1.0, df).map_err(distribution_error)
}

/// t(0.975, df).
pub(crate) fn t_975(df: f64) -> Result<f64> {
    Ok(students_t(df)?.inverse_cdf(0.975))
}

/// Two-sided p-value of a t statistic.
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> Result<f64> {
    Ok((2.0 * students_t(df)?.sf(t.abs())).min(1.0))
}

pub(crate) fn fisher(df1: f64, df2: f64) -> Result<FisherSnedecor> {
    FisherSnedecor::new(df1, df2).map_err(distribution_error)
}

/// Upper-tail p-value of an F statistic.
pub(crate) fn f_upper_p(f: f64, df1: f64, df2: f64) -> Result<f64> {
    Ok(fisher(df1, df2)?.sf(f))
}

/// Upper-tail p-value of a chi-squared statistic.
pub(crate) fn chi_squared_upper_p(x: f64, df: f64) -> Result<f64> {
    Ok(ChiSquared::new(df).map_err(distribution_error)?.sf(x))
}
