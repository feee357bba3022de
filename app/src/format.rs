//! Dates, times and numbers as people read them in the chosen language. Times are always
//! shown in Jakarta time (WIB, UTC+7; Indonesia has no daylight saving, so a fixed offset is
//! exact).

use chrono::{DateTime, Utc};
use domain::{units::Locale, waves::JAKARTA};

/// A moment in Jakarta time: "30-11-2026 17.00 WIB" / "30-11-2026 17:00 WIB".
pub fn jakarta_time(at: DateTime<Utc>, locale: Locale) -> String {
    let pattern = locale.pick("%d-%m-%Y %H.%M WIB", "%d-%m-%Y %H:%M WIB");
    at.with_timezone(&JAKARTA).format(pattern).to_string()
}

/// An RFC 3339 timestamp in Jakarta time with seconds (the audit log), or the text itself
/// when it is not one.
pub fn jakarta_time_text(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&JAKARTA)
                .format("%d-%m-%Y %H:%M:%S WIB")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// A whole number with the language's thousands separator: "62.936" / "62,936".
pub fn count(value: u64, locale: Locale) -> String {
    let separator = locale.pick(".", ",");
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// A share as a percentage with one decimal: "37,5%" / "37.5%".
pub fn percent(part: u64, whole: u64, locale: Locale) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let tenths = (part as f64 * 1000.0 / whole as f64).round() as u64;
    let text = format!("{}.{}%", tenths / 10, tenths % 10);
    locale.pick(&text.replace('.', ","), &text).to_owned()
}

/// A number with `places` decimals and the language's decimal mark: "62,5" / "62.5".
pub fn decimal(value: f64, places: usize, locale: Locale) -> String {
    let text = format!("{value:.places$}");
    locale.pick(text.replace('.', ","), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_language_separator() {
        assert_eq!(count(62_936, Locale::Id), "62.936");
        assert_eq!(count(62_936, Locale::En), "62,936");
        assert_eq!(count(1_000_000, Locale::Id), "1.000.000");
        assert_eq!(count(999, Locale::En), "999");
        assert_eq!(count(0, Locale::Id), "0");
    }

    #[test]
    fn percentages_round_to_tenths() {
        assert_eq!(percent(3, 8, Locale::Id), "37,5%");
        assert_eq!(percent(3, 8, Locale::En), "37.5%");
        assert_eq!(percent(2, 3, Locale::En), "66.7%");
        assert_eq!(percent(1, 0, Locale::En), "–");
    }

    #[test]
    fn decimals_use_the_language_mark() {
        assert_eq!(decimal(62.456, 1, Locale::Id), "62,5");
        assert_eq!(decimal(62.456, 1, Locale::En), "62.5");
        assert_eq!(decimal(7.0, 0, Locale::Id), "7");
    }

    #[test]
    fn times_are_in_jakarta() {
        let at = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
            .expect("a valid timestamp")
            .with_timezone(&Utc);
        assert_eq!(jakarta_time(at, Locale::Id), "30-11-2026 17.00 WIB");
        assert_eq!(jakarta_time(at, Locale::En), "30-11-2026 17:00 WIB");
        assert_eq!(
            jakarta_time_text("2026-11-30T20:30:05+00:00"),
            "01-12-2026 03:30:05 WIB"
        );
    }
}
