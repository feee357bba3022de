//! Heatmap row order, as the `urut` query parameter asks: by name (default), by the overall
//! index, or by one dimension; `-` in front for descending. Hidden values go last either
//! way, so sorting never places a suppressed unit among the weakest.

use std::cmp::Ordering;

use super::model::{Cell, UnitRow};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowOrder {
    pub key: SortKey,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Overall,
    ResponseRate,
    Dimension(String),
}

impl RowOrder {
    /// Unknown keys fall back to by-name: a stale link still shows the page.
    pub fn parse(text: &str, dimensions: &[String]) -> Self {
        let (descending, key) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let key = match key {
            "indeks" => SortKey::Overall,
            "respons" => SortKey::ResponseRate,
            d if dimensions.iter().any(|known| known == d) => SortKey::Dimension(d.to_owned()),
            _ => SortKey::Name,
        };
        RowOrder { key, descending }
    }

    /// The query value of this order.
    pub fn as_query(&self) -> String {
        let key = match &self.key {
            SortKey::Name => "nama",
            SortKey::Overall => "indeks",
            SortKey::ResponseRate => "respons",
            SortKey::Dimension(d) => d,
        };
        if self.descending {
            format!("-{key}")
        } else {
            key.to_owned()
        }
    }

    /// The order a header link asks for: the same key flips direction, another key starts
    /// ascending (weakest first).
    pub fn toggled(&self, key: SortKey) -> RowOrder {
        let descending = self.key == key && !self.descending;
        RowOrder { key, descending }
    }

    pub fn sort(&self, rows: &mut [UnitRow], dimensions: &[String]) {
        let value = |row: &UnitRow| -> Option<f64> {
            match &self.key {
                SortKey::Name => None,
                SortKey::Overall => row.overall,
                SortKey::ResponseRate => row.response_rate(),
                SortKey::Dimension(d) => {
                    let at = dimensions.iter().position(|known| known == d)?;
                    match row.cells.get(at)? {
                        Cell::Visible { index, .. } => Some(*index),
                        Cell::Suppressed => None,
                    }
                }
            }
        };
        rows.sort_by(|a, b| {
            let by_name = || a.name.cmp(&b.name);
            if self.key == SortKey::Name {
                let order = by_name();
                return if self.descending {
                    order.reverse()
                } else {
                    order
                };
            }
            match (value(a), value(b)) {
                (Some(x), Some(y)) => {
                    let order = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                    let order = if self.descending {
                        order.reverse()
                    } else {
                        order
                    };
                    order.then_with(by_name)
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => by_name(),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, index: Option<f64>) -> UnitRow {
        UnitRow {
            code: name.to_owned(),
            name: name.to_owned(),
            kind: "dinas".to_owned(),
            drills_down: false,
            headcount: 10,
            responses: 5,
            overall: index,
            cells: vec![match index {
                Some(index) => Cell::Visible {
                    index,
                    low: index,
                    high: index,
                    n: 5,
                    versus_rest: None,
                },
                None => Cell::Suppressed,
            }],
        }
    }

    fn names(rows: &[UnitRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn hidden_values_go_last_in_both_directions() {
        let dims = vec!["komitmen".to_owned()];
        let mut rows = vec![row("A", Some(70.0)), row("B", None), row("C", Some(40.0))];
        RowOrder::parse("komitmen", &dims).sort(&mut rows, &dims);
        assert_eq!(names(&rows), ["C", "A", "B"]);
        RowOrder::parse("-indeks", &dims).sort(&mut rows, &dims);
        assert_eq!(names(&rows), ["A", "C", "B"]);
        RowOrder::parse("nama", &dims).sort(&mut rows, &dims);
        assert_eq!(names(&rows), ["A", "B", "C"]);
    }

    #[test]
    fn unknown_keys_sort_by_name_and_headers_toggle() {
        let dims = vec!["komitmen".to_owned()];
        let order = RowOrder::parse("<script>", &dims);
        assert_eq!(order.key, SortKey::Name);
        let by_dim = order.toggled(SortKey::Dimension("komitmen".to_owned()));
        assert_eq!(by_dim.as_query(), "komitmen");
        assert_eq!(
            by_dim
                .toggled(SortKey::Dimension("komitmen".to_owned()))
                .as_query(),
            "-komitmen"
        );
    }
}
