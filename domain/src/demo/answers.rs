//! Simulated answers for the demo's open wave: plausible, deterministic, and varied between
//! units so the dashboard has something to show (some units ready, some resistant, barriers
//! that differ). Not a model of real respondents.

use super::rng::SplitMix64;
use crate::instrument::{Answers, Instrument};
use crate::responses::ParsedResponse;
use crate::units::Unit;

/// `share_percent` of each unit's headcount answers (at least one person per unit with staff),
/// each with the unit's own leaning. The same on every call for the same seed.
pub fn demo_responses(
    instrument: &Instrument,
    units: &[Unit],
    share_percent: u32,
    seed: u64,
) -> Vec<ParsedResponse> {
    let mut rng = SplitMix64::new(seed);
    let barriers: Vec<String> = instrument
        .barriers()
        .map(|b| {
            b.codes()
                .iter()
                .filter(|c| c.as_str() != "lainnya")
                .map(|c| c.as_str().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let max = i32::from(instrument.scale().max());
    let mut out = Vec::new();
    for unit in units {
        let headcount = unit.headcount.get();
        if headcount == 0 {
            continue;
        }
        let respondents = (headcount * share_percent / 100).max(1);
        // A unit's leaning, -1.0 (resistant) to +1.0 (ready), and its most felt barrier.
        let leaning = f64::from(rng.between(0, 200)) / 100.0 - 1.0;
        let main_barrier = rng.between(0, barriers.len().saturating_sub(1) as u32) as usize;
        for _ in 0..respondents {
            let person = leaning + (f64::from(rng.between(0, 100)) / 100.0 - 0.5);
            let mut answers = Answers::default();
            for item in instrument.items() {
                let noise = f64::from(rng.between(0, 100)) / 50.0 - 1.0;
                let agree = 3.4 + person * 1.1 + noise;
                let mut point = (agree.round() as i32).clamp(1, max);
                if item.reverse_keyed() {
                    point = max + 1 - point;
                }
                // About one in fifty answers is skipped, as on real forms; required items
                // never are.
                let skipped = !item.required() && rng.between(0, 49) == 0;
                let value = (!skipped).then(|| u8::try_from(point).unwrap_or(3));
                answers.items.insert(item.id().as_str().to_owned(), value);
            }
            if !barriers.is_empty() {
                if rng.between(0, 99) < 55 {
                    answers.barriers.push(barriers[main_barrier].clone());
                }
                let other = rng.between(0, barriers.len() as u32 - 1) as usize;
                if other != main_barrier && rng.between(0, 99) < 30 {
                    answers.barriers.push(barriers[other].clone());
                }
            }
            if let Ok(valid) = instrument.validate_answers(&answers) {
                out.push(ParsedResponse::new(unit.code.clone(), valid));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_organisation;
    use crate::instrument::default_instrument;

    #[test]
    fn deterministic_valid_and_sized_by_headcount() {
        let instrument = default_instrument();
        let units = demo_organisation();
        let some: Vec<Unit> = units.into_iter().take(20).collect();
        let first = demo_responses(&instrument, &some, 30, 7);
        let second = demo_responses(&instrument, &some, 30, 7);
        assert_eq!(first, second);
        let expected: u32 = some
            .iter()
            .filter(|u| u.headcount.get() > 0)
            .map(|u| (u.headcount.get() * 30 / 100).max(1))
            .sum();
        assert_eq!(
            first.len() as u32,
            expected,
            "every simulated answer validates"
        );
    }
}
