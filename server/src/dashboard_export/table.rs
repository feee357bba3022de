//! The dashboard's heatmap as a table of cells, shared by the CSV and the XLSX file so both
//! hold exactly the same values: the total row first, then the unit's rows in the order the
//! page shows them. A figure the engine hid stays hidden: it becomes [`Value::Suppressed`],
//! never a number and never an empty cell that a spreadsheet would count as zero.

use app::dashboard::{
    model::{Cell, UnitRow, Versus},
    sort::RowOrder,
    Dashboard,
};

/// What a hidden figure reads as, in both files.
pub const SUPPRESSED: &str = "disembunyikan";

/// One cell of the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A count of people.
    Count(u64),
    /// An index or a percentage, already rounded to one decimal.
    Figure(f64),
    /// Hidden by the anonymity rules.
    Suppressed,
    /// Nothing to show (a response rate without a headcount, no significant difference).
    Blank,
}

/// Whether a column holds text, counts or one-decimal figures (for widths and formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Code,
    Name,
    Kind,
    Count,
    Figure,
    Flags,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Wave and unit, for the XLSX title row.
    pub title: String,
    /// The anonymity rule, for the XLSX note row.
    pub note: String,
    pub columns: Vec<Column>,
    /// The total row first, then the unit's rows.
    pub rows: Vec<Vec<Value>>,
}

/// The dashboard's current view as a table; `sort` is the page's `urut` parameter.
pub fn table(dashboard: &Dashboard, sort: Option<&str>) -> Table {
    let ids: Vec<String> = dashboard.dimensions.iter().map(|d| d.id.clone()).collect();
    let names: Vec<&str> = dashboard
        .dimensions
        .iter()
        .map(|d| d.name_id.as_str())
        .collect();
    let mut rows = dashboard.rows.clone();
    RowOrder::parse(sort.unwrap_or(""), &ids).sort(&mut rows, &ids);

    let column = |header: &str, kind| Column {
        header: header.to_owned(),
        kind,
    };
    let mut columns = vec![
        column("Kode unit", ColumnKind::Code),
        column("Unit", ColumnKind::Name),
        column("Jenis", ColumnKind::Kind),
        column("Pegawai", ColumnKind::Count),
        column("Responden", ColumnKind::Count),
        column("Tingkat respons (%)", ColumnKind::Figure),
        column("Indeks rata-rata", ColumnKind::Figure),
    ];
    columns.extend(names.iter().map(|name| column(name, ColumnKind::Figure)));
    columns.push(column("Berbeda nyata dari organisasi", ColumnKind::Flags));

    let threshold = dashboard.threshold;
    Table {
        title: format!(
            "{} — {} ({})",
            dashboard.wave.title, dashboard.unit.name, dashboard.unit.code
        ),
        note: format!(
            "Indeks kesiapan 0–100. Angka kelompok dengan kurang dari {threshold} responden \
             (dan angka yang dapat dipakai untuk menghitungnya) ditulis \"{SUPPRESSED}\" demi \
             kerahasiaan. (+)/(−): berbeda nyata di atas/di bawah bagian organisasi lainnya. / \
             Readiness index 0–100. Figures of groups with fewer than {threshold} respondents \
             (and figures from which they could be worked out) read \"{SUPPRESSED}\" (hidden) \
             to protect anonymity. (+)/(−): significantly above/below the rest of the \
             organisation."
        ),
        columns,
        rows: std::iter::once(&dashboard.unit)
            .chain(rows.iter())
            .map(|row| values(row, &names))
            .collect(),
    }
}

fn values(row: &UnitRow, names: &[&str]) -> Vec<Value> {
    let figure =
        |value: Option<f64>| value.map_or(Value::Suppressed, |v| Value::Figure(one_decimal(v)));
    let mut values = vec![
        Value::Text(row.code.clone()),
        Value::Text(row.name.clone()),
        Value::Text(row.kind.clone()),
        Value::Count(row.headcount),
        Value::Count(row.responses),
        // As the page's `format::percent`: tenths of a percent, halves rounded up.
        if row.headcount == 0 {
            Value::Blank
        } else {
            let tenths = (row.responses as f64 * 1000.0 / row.headcount as f64).round();
            Value::Figure(tenths / 10.0)
        },
        figure(row.overall),
    ];
    values.extend(row.cells.iter().map(|cell| match cell {
        Cell::Visible { index, .. } => Value::Figure(one_decimal(*index)),
        Cell::Suppressed => Value::Suppressed,
    }));
    values.push(flags(row, names));
    values
}

/// The dimensions significantly above (+) or below (−) the rest of the organisation. A row
/// whose figures are all hidden has no answer either way: an empty cell would say "no
/// difference".
fn flags(row: &UnitRow, names: &[&str]) -> Value {
    if row.suppressed() {
        return Value::Suppressed;
    }
    let flagged: Vec<String> = row
        .cells
        .iter()
        .zip(names)
        .filter_map(|(cell, name)| match cell {
            Cell::Visible {
                versus_rest: Some(versus),
                ..
            } => Some(match versus {
                Versus::Above => format!("{name} (+)"),
                Versus::Below => format!("{name} (−)"),
            }),
            _ => None,
        })
        .collect();
    if flagged.is_empty() {
        Value::Blank
    } else {
        Value::Text(flagged.join("; "))
    }
}

/// One decimal exactly as the page shows it (`app::format::decimal`, Rust's `{:.1}`: an
/// exact half goes to the even digit, 56.25 → 56.2), so a figure reads the same on the
/// page, in the CSV and in the XLSX (which holds this rounded value).
fn one_decimal(value: f64) -> f64 {
    format!("{value:.1}").parse().unwrap_or(value)
}

/// `siap-dasbor-<wave>-<unit code>`: the file name without extension. Unit codes are
/// ASCII letters, digits, `.`, `-` and `_` already; anything else is replaced anyway.
pub fn file_stem(dashboard: &Dashboard) -> String {
    let code: String = dashboard
        .unit
        .code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("siap-dasbor-{}-{code}", dashboard.wave.id)
}

#[cfg(test)]
pub(crate) mod tests {
    use app::dashboard::model::{
        BarrierView, DimensionHead, ScaleLabels, UnitRow, Versus, WaveChoice,
    };

    use super::*;

    fn visible(index: f64, versus_rest: Option<Versus>) -> Cell {
        Cell::Visible {
            index,
            low: index - 5.0,
            high: index + 5.0,
            n: 8,
            versus_rest,
        }
    }

    fn row(code: &str, name: &str, responses: u64, cells: Vec<Cell>) -> UnitRow {
        let indices: Vec<f64> = cells
            .iter()
            .filter_map(|c| match c {
                Cell::Visible { index, .. } => Some(*index),
                Cell::Suppressed => None,
            })
            .collect();
        UnitRow {
            code: code.to_owned(),
            name: name.to_owned(),
            kind: "biro".to_owned(),
            drills_down: false,
            headcount: 40,
            responses,
            overall: (!indices.is_empty())
                .then(|| indices.iter().sum::<f64>() / indices.len() as f64),
            cells,
        }
    }

    /// A unit `T` with a visible biro, a hidden one and a formula-looking name.
    pub(crate) fn dashboard() -> Dashboard {
        let wave = WaveChoice {
            id: 7,
            title: "Gelombang 1".to_owned(),
            status: "open".to_owned(),
            opens_on: "2026-11-01".to_owned(),
            closes_on: "2026-11-30".to_owned(),
        };
        Dashboard {
            waves: vec![wave.clone()],
            wave,
            threshold: 5,
            comment_threshold: 10,
            risk_index: 60,
            breadcrumbs: Vec::new(),
            unit: UnitRow {
                headcount: 120,
                ..row(
                    "T",
                    "Provinsi Uji",
                    16,
                    vec![visible(62.04, None), visible(55.56, None)],
                )
            },
            dimensions: vec![
                DimensionHead {
                    id: "komitmen".to_owned(),
                    name_id: "Komitmen".to_owned(),
                    name_en: "Commitment".to_owned(),
                },
                DimensionHead {
                    id: "efikasi".to_owned(),
                    name_id: "Efikasi".to_owned(),
                    name_en: "Efficacy".to_owned(),
                },
            ],
            rows: vec![
                row("T.C", "Biro C", 2, vec![Cell::Suppressed, Cell::Suppressed]),
                row(
                    "T.A",
                    "=Biro A",
                    8,
                    vec![
                        visible(70.26, Some(Versus::Above)),
                        visible(40.0, Some(Versus::Below)),
                    ],
                ),
                row(
                    "T.B",
                    "Biro B",
                    6,
                    vec![visible(50.0, None), Cell::Suppressed],
                ),
            ],
            at_risk: Vec::new(),
            at_risk_total: 0,
            interventions: Vec::new(),
            trends: Vec::new(),
            items: Vec::new(),
            scale: ScaleLabels {
                labels_id: Vec::new(),
                labels_en: Vec::new(),
            },
            barriers: BarrierView {
                shares: None,
                stage_barrier: None,
                stages_visible: false,
                top_per_row: Vec::new(),
                comments: None,
            },
        }
    }

    fn codes(table: &Table) -> Vec<&Value> {
        table.rows.iter().map(|r| &r[0]).collect()
    }

    #[test]
    fn total_row_first_then_rows_in_the_pages_order() {
        let dashboard = dashboard();
        let text = |s: &str| Value::Text(s.to_owned());
        let by_name = table(&dashboard, None);
        assert_eq!(
            codes(&by_name),
            [&text("T"), &text("T.A"), &text("T.B"), &text("T.C")]
        );
        let weakest_first = table(&dashboard, Some("komitmen"));
        assert_eq!(
            codes(&weakest_first),
            [&text("T"), &text("T.B"), &text("T.A"), &text("T.C")],
            "hidden last"
        );
        assert_eq!(
            codes(&table(&dashboard, Some("-indeks")))[1..],
            [&text("T.A"), &text("T.B"), &text("T.C")]
        );
    }

    #[test]
    fn figures_are_rounded_and_hidden_ones_never_numbers() {
        let t = table(&dashboard(), None);
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(
            headers,
            [
                "Kode unit",
                "Unit",
                "Jenis",
                "Pegawai",
                "Responden",
                "Tingkat respons (%)",
                "Indeks rata-rata",
                "Komitmen",
                "Efikasi",
                "Berbeda nyata dari organisasi",
            ]
        );
        let total = &t.rows[0];
        assert_eq!(total[3], Value::Count(120));
        assert_eq!(total[5], Value::Figure(13.3), "16 of 120");
        assert_eq!(total[7], Value::Figure(62.0));
        assert_eq!(total[8], Value::Figure(55.6));
        assert_eq!(total[9], Value::Blank);
        let a = &t.rows[1];
        assert_eq!(a[6], Value::Figure(55.1));
        assert_eq!(a[7], Value::Figure(70.3));
        assert_eq!(one_decimal(56.25), 56.2, "as the page: ties to even");
        assert_eq!(one_decimal(56.35), 56.4, "56.35 is 56.350000000000001...");
        assert_eq!(a[9], Value::Text("Komitmen (+); Efikasi (−)".to_owned()));
        let b = &t.rows[2];
        assert_eq!(b[6], Value::Figure(50.0), "the visible dimensions' mean");
        assert_eq!(b[8], Value::Suppressed);
        let c = &t.rows[3];
        assert_eq!(c[4], Value::Count(2), "response counts are public");
        assert_eq!(c[5], Value::Figure(5.0));
        for at in [6, 7, 8, 9] {
            assert_eq!(c[at], Value::Suppressed, "column {at}");
        }
        assert!(t.title.contains("Gelombang 1") && t.title.contains("Provinsi Uji"));
        assert!(t.note.contains("kurang dari 5 responden"), "{}", t.note);
    }

    #[test]
    fn file_names_carry_wave_and_unit() {
        let mut dashboard = dashboard();
        assert_eq!(file_stem(&dashboard), "siap-dasbor-7-T");
        dashboard.unit.code = "DKI.JAK PUS\"".to_owned();
        assert_eq!(file_stem(&dashboard), "siap-dasbor-7-DKI.JAK_PUS_");
    }
}
