//! Addresses of dashboard views. The whole view state lives in the query string, so every
//! view can be linked, bookmarked, reloaded and used without JavaScript.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Unit codes (`DKI.JAKPUS`) and sort keys (`-komitmen`) stay readable.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_');

/// The parameters a dashboard link carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewLink {
    pub wave: Option<i64>,
    pub unit: Option<String>,
    pub sort: Option<String>,
    pub risk_index: Option<u8>,
}

impl ViewLink {
    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(wave) = self.wave {
            parts.push(format!("gelombang={wave}"));
        }
        if let Some(unit) = &self.unit {
            parts.push(format!("unit={}", utf8_percent_encode(unit, VALUE)));
        }
        if let Some(sort) = &self.sort {
            parts.push(format!("urut={}", utf8_percent_encode(sort, VALUE)));
        }
        if let Some(risk) = self.risk_index {
            parts.push(format!("batas={risk}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn dashboard(&self) -> String {
        format!("/dashboard{}", self.query())
    }

    pub fn report(&self) -> String {
        format!("/dashboard/laporan{}", self.query())
    }

    /// `csv` or `xlsx`.
    pub fn export(&self, format: &str) -> String {
        format!("/dashboard/ekspor.{format}{}", self.query())
    }

    pub fn with_unit(&self, unit: &str) -> ViewLink {
        ViewLink {
            unit: Some(unit.to_owned()),
            ..self.clone()
        }
    }

    pub fn with_sort(&self, sort: String) -> ViewLink {
        ViewLink {
            sort: Some(sort),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_encoded_and_empty_parameters_left_out() {
        let link = ViewLink {
            wave: Some(3),
            unit: Some("DKI.JAKPUS".to_owned()),
            sort: None,
            risk_index: None,
        };
        assert_eq!(link.dashboard(), "/dashboard?gelombang=3&unit=DKI.JAKPUS");
        assert_eq!(ViewLink::default().report(), "/dashboard/laporan");
        assert_eq!(
            link.with_sort("-komitmen".to_owned()).export("xlsx"),
            "/dashboard/ekspor.xlsx?gelombang=3&unit=DKI.JAKPUS&urut=-komitmen"
        );
    }
}
