//! Answers other tools write as text: an item as its scale label ("Setuju", "Agree"), the
//! barriers of a multi-select question as their labels in one cell ("Anggaran, Beban kerja").

use super::problem::ResponseProblemKind;
use crate::csv_text::excerpt;
use crate::instrument::{BarrierCode, Bilingual, Instrument};

/// A text as compared with labels: lowercase, runs of whitespace as one space, trimmed.
pub(super) fn folded(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The labels an instrument's cells may hold, folded once per import rather than per cell
/// (a file can have a hundred thousand rows of thirty items).
pub(super) struct Labels {
    /// Per scale point, lowest first: its label in both languages, folded.
    points: Vec<[String; 2]>,
    /// Every name of each barrier offered: its code and its label in both languages, folded.
    barriers: Vec<(String, BarrierCode)>,
    /// What the scale and the checklist offer, as problems quote them.
    scale_labels: Vec<Bilingual>,
    barrier_labels: Vec<Bilingual>,
}

impl Labels {
    pub fn new(instrument: &Instrument) -> Self {
        let scale_labels = instrument.scale().labels().to_vec();
        let offered = instrument
            .barriers()
            .map_or(&[][..], |barriers| barriers.codes());
        Self {
            points: scale_labels
                .iter()
                .map(|label| [folded(label.id()), folded(label.en())])
                .collect(),
            barriers: offered
                .iter()
                .flat_map(|&code| {
                    let label = code.label();
                    [code.as_str(), label.id(), label.en()].map(|name| (folded(name), code))
                })
                .collect(),
            scale_labels,
            barrier_labels: offered.iter().map(|code| code.label()).collect(),
        }
    }

    /// The point whose label, in either language, is `text`.
    pub fn scale_point(&self, text: &str) -> Option<u8> {
        let wanted = folded(text);
        let index = self
            .points
            .iter()
            .position(|names| names.contains(&wanted))?;
        u8::try_from(index + 1).ok()
    }

    /// The problem of an item cell that is neither a number nor a label of the scale.
    pub fn not_on_scale(&self, text: &str) -> ResponseProblemKind {
        ResponseProblemKind::UnknownScaleLabel {
            value: excerpt(text),
            labels: self.scale_labels.clone(),
        }
    }

    /// The barriers named in a multi-select cell, and a problem for each name that is none of
    /// the instrument's. Names are codes (`beban_kerja`) or labels in either language, any
    /// case, separated by `,`, `;` or spaces: Google Forms joins the choices with ", ",
    /// KoboToolbox with a space. Labels may hold a comma themselves ("Aplikasi, jaringan atau
    /// perangkat TI"), so the cell is not split first: the longest name that starts the rest
    /// is taken.
    pub fn split_barriers(&self, cell: &str) -> (Vec<BarrierCode>, Vec<ResponseProblemKind>) {
        // Whitespace collapsed but case kept, so an unknown name is quoted as written.
        let text = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        let is_separator = |c: char| c == ',' || c == ';' || c.is_whitespace();
        let (mut codes, mut unknown) = (Vec::new(), Vec::new());
        let mut rest = text.as_str();
        loop {
            rest = rest.trim_start_matches(is_separator);
            if rest.is_empty() {
                break;
            }
            let found = self
                .barriers
                .iter()
                .filter(|(name, _)| {
                    rest.get(..name.len())
                        .is_some_and(|start| start.to_lowercase() == *name)
                        && rest[name.len()..].chars().next().is_none_or(is_separator)
                })
                .max_by_key(|(name, _)| name.len());
            let end = match found {
                Some((name, code)) => {
                    codes.push(*code);
                    name.len()
                }
                None => {
                    let end = rest.find([',', ';']).unwrap_or(rest.len());
                    unknown.push(ResponseProblemKind::UnknownBarrierLabel {
                        value: excerpt(&rest[..end]),
                        labels: self.barrier_labels.clone(),
                    });
                    end
                }
            };
            rest = &rest[end..];
        }
        (codes, unknown)
    }
}
