//! The suggestions playbook (issue #7): which intervention types answer which evidence about a
//! unit, written as data that administrators can edit, so advice can follow local practice
//! without a new release.
//!
//! # Evidence and suggestions
//!
//! For a unit, the caller passes a [`UnitProfile`]: the first adoption stage that is a barrier
//! point, its weakest dimensions and its most-cited barriers. [`suggest`] looks them up in the
//! playbook and returns at most [`MAX_SUGGESTIONS`] [`Suggestion`]s, each able to prefill a new
//! plan (type, title, description, targets) and named by a stable [`Suggestion::key`].
//!
//! # File format (TOML)
//!
//! A playbook is a list of `[[rules]]` tables. Each rule has exactly one *trigger*:
//!
//! - `construct = "<construct>"`: a weak dimension measuring that construct; the names of the
//!   instrument format, e.g. `"readiness_change_efficacy"` (not `"custom"`);
//! - `stage = "<stage>"`: the unit's adoption-stage barrier point (the first stage in sequence
//!   at or below the scale midpoint): `"adoption_awareness"`, `"adoption_desire"`,
//!   `"adoption_knowledge"`, `"adoption_ability"` or `"adoption_reinforcement"`;
//! - `barrier = "<code>"`: a barrier respondents cite, e.g. `"anggaran"`, `"ti"`,
//!   `"beban_kerja"` ([`BarrierCode`] names);
//!
//! and then:
//!
//! - `kinds`: one or more intervention types ([`InterventionKind`] names: `pelatihan`,
//!   `sosialisasi`, `coaching`, `process_redesign`, `it_system`, `resourcing`, `policy`,
//!   `other`). Each type becomes a suggestion of its own.
//! - `title.id`, `title.en`: the suggested plan title, one line of at most
//!   [`InterventionTitle::MAX_LEN`](super::InterventionTitle::MAX_LEN) characters. It is
//!   shared by the rule's types: to word each type differently, write one rule per type with
//!   the same trigger.
//! - `rationale.id`, `rationale.en`: why this helps and what to do first, at most
//!   [`RATIONALE_MAX`] characters; line breaks allowed. It prefills the plan's description.
//!
//! ```toml
//! [[rules]]
//! stage = "adoption_knowledge"
//! kinds = ["pelatihan", "coaching"]
//! title.id = "Pelatihan dan pendampingan cara kerja baru"
//! title.en = "Training and coaching in the new way of working"
//! rationale.id = "Pegawai sudah mau berubah tetapi belum tahu caranya. ..."
//! rationale.en = "Staff want to change but do not yet know how. ..."
//! ```
//!
//! Rules: every text in both languages; no unknown keys; one trigger per rule; each type at
//! most once per trigger, across all rules; at most [`RULES_MAX`] rules. A `stage` rule also
//! answers a weak dimension of that stage when no `construct` rule names the stage's construct.
//! [`Playbook::parse`] reports every broken rule at once ([`PlaybookProblem`]).
//!
//! The built-in playbook is `domain/playbook/default.toml` ([`Playbook::builtin`],
//! [`DEFAULT_PLAYBOOK_TOML`]); the store keeps saved versions as text and the newest replaces
//! the built-in one. The store does not validate: parse before saving, and parse again on
//! reading (a text that no longer parses should fall back to the built-in playbook).

mod parse;
mod problem;
mod suggest;

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::InterventionKind;
use crate::instrument::{BarrierCode, Construct};
use crate::units::Locale;

pub use problem::{PlaybookProblem, PlaybookProblemKind, ValueKind};
pub use suggest::{
    suggest, suggestion_by_key, Evidence, Suggestion, UnitProfile, WeakDimension, MAX_SUGGESTIONS,
};

/// The most rules a playbook may have.
pub const RULES_MAX: usize = 300;

/// The longest rationale accepted, in characters, per language.
pub const RATIONALE_MAX: usize = 1000;

/// The text of the built-in playbook, for downloading or editing as a starting point.
pub const DEFAULT_PLAYBOOK_TOML: &str = include_str!("../../playbook/default.toml");

/// What evidence a rule answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A weak dimension measuring this construct (never `custom`).
    Construct(Construct),
    /// The unit's adoption-stage barrier point: one of the five adoption constructs.
    Stage(Construct),
    /// A barrier respondents cite.
    Barrier(BarrierCode),
}

impl Trigger {
    /// The key as written in a file: `construct`, `stage` or `barrier`.
    pub fn field(self) -> &'static str {
        match self {
            Trigger::Construct(_) => "construct",
            Trigger::Stage(_) => "stage",
            Trigger::Barrier(_) => "barrier",
        }
    }

    /// The value as written in a file, e.g. `adoption_knowledge` or `anggaran`.
    pub fn value(self) -> &'static str {
        match self {
            Trigger::Construct(construct) | Trigger::Stage(construct) => construct.as_str(),
            Trigger::Barrier(code) => code.as_str(),
        }
    }
}

impl fmt::Display for Trigger {
    /// `stage:adoption_knowledge`, `construct:commitment` or `barrier:ti`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.field(), self.value())
    }
}

/// One validated rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    trigger: Trigger,
    kinds: Vec<InterventionKind>,
    title_id: String,
    title_en: String,
    rationale_id: String,
    rationale_en: String,
}

impl Rule {
    pub fn trigger(&self) -> Trigger {
        self.trigger
    }

    /// The suggested types, in file order; never empty, no repeats.
    pub fn kinds(&self) -> &[InterventionKind] {
        &self.kinds
    }

    /// The suggested plan title in `locale`: a valid
    /// [`InterventionTitle`](super::InterventionTitle).
    pub fn title(&self, locale: Locale) -> &str {
        locale.pick(&self.title_id, &self.title_en)
    }

    /// Why and how, in `locale`: a valid [`LongText`](super::LongText).
    pub fn rationale(&self, locale: Locale) -> &str {
        locale.pick(&self.rationale_id, &self.rationale_en)
    }
}

/// A validated playbook: its rules in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Playbook {
    rules: Vec<Rule>,
}

impl Playbook {
    /// Parses and checks a playbook text, reporting every problem found.
    pub fn parse(text: &str) -> Result<Self, Vec<PlaybookProblem>> {
        parse::parse(text).map(|rules| Self { rules })
    }

    /// The built-in playbook (`domain/playbook/default.toml`).
    pub fn builtin() -> &'static Playbook {
        static BUILTIN: OnceLock<Playbook> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is part of the source and the tests parse it, so this cannot fail in a
            // build whose tests pass.
            Playbook::parse(DEFAULT_PLAYBOOK_TOML).expect("the embedded playbook is valid")
        })
    }

    /// Every rule, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules with this trigger, in file order.
    pub fn rules_for(&self, trigger: Trigger) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .filter(move |rule| rule.trigger == trigger)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use super::*;
    use crate::instrument::ConstructFamily;

    #[test]
    fn the_default_playbook_parses_and_covers_the_evidence() {
        let playbook = Playbook::parse(DEFAULT_PLAYBOOK_TOML).unwrap_or_else(|problems| {
            panic!(
                "{}",
                problems
                    .iter()
                    .map(PlaybookProblem::message_en)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert_eq!(&playbook, Playbook::builtin());
        let triggers: BTreeSet<Trigger> = playbook.rules().iter().map(Rule::trigger).collect();
        for construct in Construct::ALL {
            match construct.family() {
                ConstructFamily::Custom => {}
                // Stage rules also answer weak stage dimensions.
                ConstructFamily::Adoption => {
                    assert!(triggers.contains(&Trigger::Stage(construct)), "{construct}");
                }
                _ => assert!(
                    triggers.contains(&Trigger::Construct(construct)),
                    "{construct}"
                ),
            }
        }
        for code in BarrierCode::ALL {
            assert!(triggers.contains(&Trigger::Barrier(code)), "{code}");
        }
        // Every type but "other" is suggested somewhere.
        let kinds: BTreeSet<InterventionKind> = playbook
            .rules()
            .iter()
            .flat_map(|rule| rule.kinds().iter().copied())
            .collect();
        for kind in InterventionKind::ALL {
            assert!(
                kind == InterventionKind::Other || kinds.contains(&kind),
                "{kind}"
            );
        }
        // The wording the issue asks for.
        let kinds_of = |trigger| -> Vec<InterventionKind> {
            playbook
                .rules_for(trigger)
                .flat_map(|rule| rule.kinds().iter().copied())
                .collect()
        };
        use InterventionKind as K;
        assert_eq!(
            kinds_of(Trigger::Stage(Construct::AdoptionKnowledge)),
            [K::Pelatihan, K::Coaching]
        );
        assert_eq!(
            kinds_of(Trigger::Construct(Construct::ReadinessManagementSupport)),
            [K::Sosialisasi, K::Policy]
        );
        assert_eq!(
            kinds_of(Trigger::Barrier(BarrierCode::Ti)),
            [K::ItSystem, K::Resourcing]
        );
        assert_eq!(
            kinds_of(Trigger::Barrier(BarrierCode::Anggaran)),
            [K::Resourcing, K::Policy]
        );
        assert_eq!(
            kinds_of(Trigger::Barrier(BarrierCode::BebanKerja))[0],
            K::ProcessRedesign
        );
    }

    #[test]
    fn triggers_print_as_keys() {
        assert_eq!(
            Trigger::Stage(Construct::AdoptionKnowledge).to_string(),
            "stage:adoption_knowledge"
        );
        assert_eq!(
            Trigger::Construct(Construct::Commitment).to_string(),
            "construct:commitment"
        );
        assert_eq!(Trigger::Barrier(BarrierCode::Ti).to_string(), "barrier:ti");
        assert_eq!(
            serde_json::to_string(&Trigger::Barrier(BarrierCode::BebanKerja)).unwrap(),
            r#"{"barrier":"beban_kerja"}"#
        );
    }
}
