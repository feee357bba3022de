//! Guessing a column mapping from a file's header line, for the user to check and correct.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::columns::Column;
use super::header_text::{last_segment, name_key, text_key, text_variants};
use super::import::{decoded_text, header_record, report};
use super::mapping::columns_by_name;
use super::problem::ResponseImportReport;
use crate::csv_text::{detect_delimiter, RecordReader};
use crate::instrument::{Bilingual, Instrument};

/// One header of the file and the canonical column it seems to feed, `None` when nothing
/// fits (a timestamp, an e-mail address, a question of another survey). Also the JSON shape
/// of a [`ColumnMapping`](super::ColumnMapping).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderGuess {
    /// The header as written in the file, trimmed.
    pub header: String,
    /// The canonical column name (`unit_code`, an item id, `barrier:ti`, `barriers`...).
    pub column: Option<String>,
}

/// Names of the unit column in hand-made spreadsheets, besides the canonical `unit_code`.
const UNIT_ALIASES: [&str; 7] = [
    "unit",
    "kode unit",
    "unit kerja",
    "kode unit kerja",
    "satuan kerja",
    "satker",
    "unit code",
];

/// The guessed mapping of a file's header line, in file order. Only the header is read (the
/// rows are the import's business), but a file the import would refuse whole (too large, not
/// UTF-8, empty) is refused now, before the user maps it.
///
/// A header is matched, in this order of confidence: to a canonical name exactly; to one
/// compared without case, spaces or punctuation (`Kode Unit`, `kesesuaian1`,
/// `grup/kesesuaian_1`), or an alias (`unit`, `unit kerja`, `satker`..., a comment id, a
/// barrier code); to a text of the survey in either language, without case or final
/// punctuation: an item's statement, a barrier's label, the barriers question (the
/// multi-select `barriers` column) or a comment question, also inside the final brackets of
/// the header (`Question [statement]`) and after a question number (`3. statement`). Each
/// column is guessed for one header at most, the most confident first.
pub fn guess_mapping(
    input: &[u8],
    instrument: &Instrument,
) -> Result<Vec<HeaderGuess>, ResponseImportReport> {
    let mut problems = Vec::new();
    let text = decoded_text(input, &mut problems)?;
    let mut records = RecordReader::new(&text, detect_delimiter(&text));
    let header = header_record(&mut records, &mut problems)?;
    if !problems.is_empty() {
        return Err(report(problems));
    }
    Ok(guess_columns(&header.fields, instrument))
}

/// Names to columns; a name two columns share is ambiguous and matches neither.
#[derive(Default)]
struct Index(HashMap<String, Option<Column>>);

impl Index {
    fn add(&mut self, key: String, column: Column) {
        if key.is_empty() {
            return;
        }
        self.0
            .entry(key)
            .and_modify(|known| {
                if *known != Some(column) {
                    *known = None;
                }
            })
            .or_insert(Some(column));
    }

    fn get(&self, key: &str) -> Option<Column> {
        self.0.get(key).copied().flatten()
    }
}

/// Names compared by [`name_key`]: canonical names and their aliases.
fn names(instrument: &Instrument) -> Index {
    let mut index = Index::default();
    for (name, column) in columns_by_name(instrument) {
        index.add(name_key(&name), column);
    }
    for alias in UNIT_ALIASES {
        index.add(name_key(alias), Column::UnitCode);
    }
    for (position, question) in instrument.comments().iter().enumerate() {
        index.add(name_key(question.id().as_str()), Column::Comment(position));
    }
    if let Some(barriers) = instrument.barriers() {
        for &code in barriers.codes() {
            index.add(name_key(code.as_str()), Column::Barrier(code));
        }
    }
    index
}

/// Texts compared by [`text_key`]: what the survey shows, in both languages.
fn texts(instrument: &Instrument) -> Index {
    let mut index = Index::default();
    let mut add = |text: &Bilingual, column| {
        index.add(text_key(text.id()), column);
        index.add(text_key(text.en()), column);
    };
    for (position, item) in instrument.items().enumerate() {
        add(item.text(), Column::Item(position));
    }
    if let Some(barriers) = instrument.barriers() {
        add(barriers.prompt(), Column::BarrierList);
        for &code in barriers.codes() {
            add(&code.label(), Column::Barrier(code));
        }
    }
    for (position, question) in instrument.comments().iter().enumerate() {
        add(question.prompt(), Column::Comment(position));
    }
    index
}

/// How confident a match is; every header is tried against the most confident first.
#[derive(Clone, Copy)]
enum Tier {
    /// The canonical name exactly.
    Exact,
    /// A canonical name or alias by [`name_key`], also after a KoboToolbox group path.
    Name,
    /// A text of the survey, in any of the header's [`text_variants`].
    Text,
}

/// What headers are matched against.
struct Known {
    exact: HashMap<String, Column>,
    names: Index,
    texts: Index,
}

impl Known {
    fn matches(&self, tier: Tier, header: &str) -> Option<Column> {
        match tier {
            Tier::Exact => self.exact.get(header).copied(),
            Tier::Name => self
                .names
                .get(&name_key(header))
                .or_else(|| self.names.get(&name_key(last_segment(header)))),
            Tier::Text => text_variants(header)
                .iter()
                .find_map(|text| self.texts.get(text)),
        }
    }
}

/// The guess for each header, tier by tier so that a confident match is never lost to a
/// looser one made earlier in the file.
pub(super) fn guess_columns(headers: &[String], instrument: &Instrument) -> Vec<HeaderGuess> {
    let known = Known {
        exact: columns_by_name(instrument),
        names: names(instrument),
        texts: texts(instrument),
    };
    let headers: Vec<&str> = headers.iter().map(|header| header.trim()).collect();
    let mut chosen: Vec<Option<Column>> = vec![None; headers.len()];
    let mut taken: Vec<Column> = Vec::new();
    for tier in [Tier::Exact, Tier::Name, Tier::Text] {
        for (header, slot) in headers.iter().zip(chosen.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            let column = known.matches(tier, header);
            if let Some(column) = column.filter(|column| !taken.contains(column)) {
                taken.push(column);
                *slot = Some(column);
            }
        }
    }
    headers
        .into_iter()
        .zip(chosen)
        .map(|(header, column)| HeaderGuess {
            header: header.to_owned(),
            column: column.map(|column| column.name(instrument)),
        })
        .collect()
}
