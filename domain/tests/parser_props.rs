//! Property tests of the other parsers people feed files to (issue #9): the instrument format,
//! the playbook and the responses CSV importer never panic on random or mangled input; a
//! refusal always names its problems; an acceptance is a valid result. (The units importer
//! has its own in `import_props.rs`.)
#![allow(clippy::unwrap_used)]

mod common;

use domain::demo::demo_organisation;
use domain::instrument::{default_instrument, default_instrument_toml, Answers, Instrument};
use domain::interventions::playbook::DEFAULT_PLAYBOOK_TOML;
use domain::interventions::Playbook;
use domain::responses::{read_responses, write_responses, ParsedResponse};
use proptest::prelude::*;

/// `text` with a few bytes replaced, inserted or removed at the given places: mostly still
/// the format, broken somewhere (often not at a character boundary, then read lossily).
fn mangle(text: &str, edits: &[(usize, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        match op % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)
}

/// A small valid responses file for the default survey in the demo organisation.
fn responses_csv(instrument: &Instrument) -> String {
    let units = demo_organisation();
    let mut answers = Answers::default();
    for item in instrument.items() {
        answers.items.insert(item.id().to_string(), Some(3));
    }
    let valid = instrument.validate_answers(&answers).unwrap();
    let rows: Vec<ParsedResponse> = units
        .iter()
        .take(3)
        .map(|u| ParsedResponse::new(u.code.clone(), valid.clone()))
        .collect();
    write_responses(instrument, &rows)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn instruments_never_panic(edits in edits()) {
        let text = mangle(default_instrument_toml(), &edits);
        if let Ok(instrument) = Instrument::from_toml(&text) {
            prop_assert!(instrument.item_count() > 0);
        }
    }

    #[test]
    fn random_text_is_no_instrument(text in ".{0,300}") {
        prop_assert!(Instrument::from_toml(&text).is_err());
    }

    #[test]
    fn playbooks_never_panic_and_refusals_name_problems(edits in edits()) {
        let text = mangle(DEFAULT_PLAYBOOK_TOML, &edits);
        match Playbook::parse(&text) {
            Ok(playbook) => prop_assert!(!playbook.rules().is_empty()),
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for problem in &problems {
                    prop_assert!(!problem.message_id().is_empty());
                    prop_assert!(!problem.message_en().is_empty());
                }
            }
        }
    }

    #[test]
    fn responses_files_never_panic(edits in edits()) {
        let instrument = default_instrument();
        let units = demo_organisation();
        let text = mangle(&responses_csv(&instrument), &edits);
        match read_responses(text.as_bytes(), &instrument, &units) {
            // Every response read is complete for the instrument: nothing half-parsed.
            Ok(responses) => {
                for response in responses {
                    prop_assert!(units.iter().any(|u| u.code == response.unit));
                }
            }
            Err(report) => prop_assert!(!report.problems.is_empty()),
        }
    }

    #[test]
    fn random_bytes_are_refused_with_problems(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let instrument = default_instrument();
        let units = demo_organisation();
        if let Err(report) = read_responses(&bytes, &instrument, &units) {
            prop_assert!(!report.problems.is_empty());
        }
    }
}

#[test]
fn the_unmangled_files_are_accepted() {
    let instrument = default_instrument();
    assert!(Instrument::from_toml(default_instrument_toml()).is_ok());
    assert!(Playbook::parse(DEFAULT_PLAYBOOK_TOML).is_ok());
    let read = read_responses(
        responses_csv(&instrument).as_bytes(),
        &instrument,
        &demo_organisation(),
    )
    .unwrap();
    assert_eq!(read.len(), 3);
}
