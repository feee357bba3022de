//! The constructs a dimension can measure. They are fixed so that results stay comparable
//! across units, waves and instruments: two surveys measuring `commitment` can be compared even
//! when their items differ. Anything else is `custom`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a dimension measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Construct {
    /// The change is right and needed for the unit.
    ReadinessAppropriateness,
    /// Leaders back the change.
    ReadinessManagementSupport,
    /// I am able to do what the change asks.
    ReadinessChangeEfficacy,
    /// The change is good for me.
    ReadinessPersonalValence,
    /// I (we) mean to make the change work.
    Commitment,
    /// My unit together is able to make the change work.
    CollectiveEfficacy,
    /// Resistance facet: preferring familiar routines. Scored as its opposite (see below).
    ResistanceRoutineSeeking,
    /// Resistance facet: stress and unease at change.
    ResistanceEmotionalReaction,
    /// Resistance facet: the short-term trouble outweighs later benefits.
    ResistanceShortTermFocus,
    /// Resistance facet: holding on to one's views.
    ResistanceCognitiveRigidity,
    /// Adoption stage 1: knowing why the change is needed.
    AdoptionAwareness,
    /// Adoption stage 2: wanting to take part.
    AdoptionDesire,
    /// Adoption stage 3: knowing how to change.
    AdoptionKnowledge,
    /// Adoption stage 4: being able to do it in daily work.
    AdoptionAbility,
    /// Adoption stage 5: what keeps the change going.
    AdoptionReinforcement,
    /// The "Adaptif" core value of BerAKHLAK: adjusting quickly, innovating, acting proactively.
    AdaptifBehaviour,
    /// Anything an admin adds; never compared across instruments.
    Custom,
}

/// The model a construct belongs to, for grouping in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstructFamily {
    Readiness,
    Commitment,
    CollectiveEfficacy,
    Resistance,
    Adoption,
    Adaptif,
    Custom,
}

impl Construct {
    /// Every construct, in the order reports list them.
    pub const ALL: [Construct; 17] = [
        Construct::ReadinessAppropriateness,
        Construct::ReadinessManagementSupport,
        Construct::ReadinessChangeEfficacy,
        Construct::ReadinessPersonalValence,
        Construct::Commitment,
        Construct::CollectiveEfficacy,
        Construct::ResistanceRoutineSeeking,
        Construct::ResistanceEmotionalReaction,
        Construct::ResistanceShortTermFocus,
        Construct::ResistanceCognitiveRigidity,
        Construct::AdoptionAwareness,
        Construct::AdoptionDesire,
        Construct::AdoptionKnowledge,
        Construct::AdoptionAbility,
        Construct::AdoptionReinforcement,
        Construct::AdaptifBehaviour,
        Construct::Custom,
    ];

    /// The name used in instrument files.
    pub fn as_str(self) -> &'static str {
        match self {
            Construct::ReadinessAppropriateness => "readiness_appropriateness",
            Construct::ReadinessManagementSupport => "readiness_management_support",
            Construct::ReadinessChangeEfficacy => "readiness_change_efficacy",
            Construct::ReadinessPersonalValence => "readiness_personal_valence",
            Construct::Commitment => "commitment",
            Construct::CollectiveEfficacy => "collective_efficacy",
            Construct::ResistanceRoutineSeeking => "resistance_routine_seeking",
            Construct::ResistanceEmotionalReaction => "resistance_emotional_reaction",
            Construct::ResistanceShortTermFocus => "resistance_short_term_focus",
            Construct::ResistanceCognitiveRigidity => "resistance_cognitive_rigidity",
            Construct::AdoptionAwareness => "adoption_awareness",
            Construct::AdoptionDesire => "adoption_desire",
            Construct::AdoptionKnowledge => "adoption_knowledge",
            Construct::AdoptionAbility => "adoption_ability",
            Construct::AdoptionReinforcement => "adoption_reinforcement",
            Construct::AdaptifBehaviour => "adaptif_behaviour",
            Construct::Custom => "custom",
        }
    }

    /// The construct with this file name, if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|construct| construct.as_str() == name)
    }

    /// The model this construct belongs to.
    pub fn family(self) -> ConstructFamily {
        use Construct as C;
        match self {
            C::ReadinessAppropriateness
            | C::ReadinessManagementSupport
            | C::ReadinessChangeEfficacy
            | C::ReadinessPersonalValence => ConstructFamily::Readiness,
            C::Commitment => ConstructFamily::Commitment,
            C::CollectiveEfficacy => ConstructFamily::CollectiveEfficacy,
            C::ResistanceRoutineSeeking
            | C::ResistanceEmotionalReaction
            | C::ResistanceShortTermFocus
            | C::ResistanceCognitiveRigidity => ConstructFamily::Resistance,
            C::AdoptionAwareness
            | C::AdoptionDesire
            | C::AdoptionKnowledge
            | C::AdoptionAbility
            | C::AdoptionReinforcement => ConstructFamily::Adoption,
            C::AdaptifBehaviour => ConstructFamily::Adaptif,
            C::Custom => ConstructFamily::Custom,
        }
    }

    /// The position (1 to 5) of an adoption stage in its sequence. The first stage whose score is
    /// a barrier point is where to act, so reports need the order.
    pub fn adoption_stage(self) -> Option<u8> {
        match self {
            Construct::AdoptionAwareness => Some(1),
            Construct::AdoptionDesire => Some(2),
            Construct::AdoptionKnowledge => Some(3),
            Construct::AdoptionAbility => Some(4),
            Construct::AdoptionReinforcement => Some(5),
            _ => None,
        }
    }

    /// Whether raw agreement with a plainly worded item of this construct means *more
    /// resistance*. Such dimensions are still scored towards readiness: their
    /// resistance-worded items are reverse-keyed (see `docs/instrument-format.md`).
    pub fn is_resistance(self) -> bool {
        self.family() == ConstructFamily::Resistance
    }
}

impl fmt::Display for Construct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
