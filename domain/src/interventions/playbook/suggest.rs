//! Suggestions for one unit: its evidence looked up in the playbook.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Playbook, Rule, Trigger};
use crate::instrument::{BarrierCode, Construct};
use crate::interventions::{InterventionKind, InterventionTarget};
use crate::units::Locale;

/// The most suggestions [`suggest`] returns.
pub const MAX_SUGGESTIONS: usize = 6;

/// A dimension of the unit's survey with its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeakDimension {
    /// The instrument's dimension id, e.g. `keyakinan-diri`: the target of a plan.
    pub dimension_id: String,
    pub construct: Construct,
    /// The dimension index, 0-100.
    pub index: f64,
}

/// What the statistics say about a unit, as far as suggestions need it. Only results the
/// unit may see (above the reporting threshold) belong here.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UnitProfile {
    /// The adoption-stage barrier point: the first stage, in sequence, whose mean is at or
    /// below the scale midpoint, as the dimension measuring it (its construct one of
    /// `adoption_awareness` .. `adoption_reinforcement`). `None` when no stage is a barrier
    /// or the instrument measures no stages.
    pub stage_barrier: Option<WeakDimension>,
    /// The weakest few dimensions, weakest first.
    pub weakest: Vec<WeakDimension>,
    /// The most-cited barriers with the share of respondents citing each (0-1). Any order:
    /// they are taken by share, largest first; shares that are not above 0 are left out.
    pub top_barriers: Vec<(BarrierCode, f64)>,
}

/// The evidence a suggestion answers, with its figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Evidence {
    /// The unit's adoption-stage barrier point.
    StageBarrier {
        dimension_id: String,
        construct: Construct,
        index: f64,
    },
    /// One of the unit's weakest dimensions.
    WeakDimension {
        dimension_id: String,
        construct: Construct,
        index: f64,
    },
    /// A barrier respondents cite, with the share citing it (0-1).
    Barrier { code: BarrierCode, share: f64 },
}

impl Evidence {
    /// The trigger of the rules that answer this evidence.
    pub fn trigger(&self) -> Trigger {
        match self {
            Evidence::StageBarrier { construct, .. } => Trigger::Stage(*construct),
            Evidence::WeakDimension { construct, .. } => Trigger::Construct(*construct),
            Evidence::Barrier { code, .. } => Trigger::Barrier(*code),
        }
    }

    /// What a plan answering this evidence targets: the dimension or the barrier. Empty when
    /// the dimension id is not a valid id (it then cannot be a plan's target).
    pub fn targets(&self) -> Vec<InterventionTarget> {
        match self {
            Evidence::StageBarrier { dimension_id, .. }
            | Evidence::WeakDimension { dimension_id, .. } => {
                InterventionTarget::dimension(dimension_id)
                    .into_iter()
                    .collect()
            }
            Evidence::Barrier { code, .. } => vec![InterventionTarget::Barrier(*code)],
        }
    }

    fn from_dimension(dimension: &WeakDimension, stage: bool) -> Self {
        let (dimension_id, construct, index) = (
            dimension.dimension_id.clone(),
            dimension.construct,
            dimension.index,
        );
        if stage {
            Evidence::StageBarrier {
                dimension_id,
                construct,
                index,
            }
        } else {
            Evidence::WeakDimension {
                dimension_id,
                construct,
                index,
            }
        }
    }
}

/// One suggested intervention: enough to prefill a new plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Stable for the same evidence and type, fit for a URL: `stage:adoption_knowledge:pelatihan`,
    /// `construct:readiness_change_efficacy:coaching`, `barrier:anggaran:resourcing`.
    pub key: String,
    pub evidence: Evidence,
    pub kind: InterventionKind,
    /// A valid plan title ([`InterventionTitle`](crate::interventions::InterventionTitle)).
    pub title_id: String,
    pub title_en: String,
    /// A valid plan description ([`LongText`](crate::interventions::LongText)).
    pub rationale_id: String,
    pub rationale_en: String,
    /// The plan's targets: the dimension, or the barrier.
    pub targets: Vec<InterventionTarget>,
}

impl Suggestion {
    pub fn title(&self, locale: Locale) -> &str {
        locale.pick(&self.title_id, &self.title_en)
    }

    pub fn rationale(&self, locale: Locale) -> &str {
        locale.pick(&self.rationale_id, &self.rationale_en)
    }
}

/// The suggestions for a unit, at most [`MAX_SUGGESTIONS`], with no two of the same type and
/// targets.
///
/// Evidence is taken in this order: the stage barrier, the weakest dimensions as given, the
/// barriers by share. Each piece of evidence gets its first suggestion before any gets a
/// second, so that a unit with a stage barrier, several weak dimensions and barriers sees
/// advice on each; the result keeps the evidence order (and the playbook's order within one
/// piece of evidence).
///
/// A weak dimension is answered by the `construct` rules of its construct; for an adoption
/// stage with no such rule, by the `stage` rules of that stage.
pub fn suggest(playbook: &Playbook, profile: &UnitProfile) -> Vec<Suggestion> {
    let groups = candidates(playbook, profile);
    let mut picked: Vec<(usize, usize)> = Vec::new();
    let deepest = groups.iter().map(Vec::len).max().unwrap_or(0);
    'rounds: for round in 0..deepest {
        for (group, suggestions) in groups.iter().enumerate() {
            if picked.len() == MAX_SUGGESTIONS {
                break 'rounds;
            }
            if round < suggestions.len() {
                picked.push((group, round));
            }
        }
    }
    picked.sort_unstable();
    picked
        .into_iter()
        .filter_map(|(group, position)| groups.get(group)?.get(position).cloned())
        .collect()
}

/// The suggestion with this [`Suggestion::key`] for the unit, also among those beyond
/// [`MAX_SUGGESTIONS`]: what "start a plan from this suggestion" prefills.
pub fn suggestion_by_key(
    playbook: &Playbook,
    profile: &UnitProfile,
    key: &str,
) -> Option<Suggestion> {
    candidates(playbook, profile)
        .into_iter()
        .flatten()
        .find(|suggestion| suggestion.key == key)
}

/// Every suggestion, grouped by evidence in evidence order, without repeated (type, targets).
fn candidates(playbook: &Playbook, profile: &UnitProfile) -> Vec<Vec<Suggestion>> {
    let mut seen = HashSet::new();
    evidence(profile)
        .into_iter()
        .map(|evidence| {
            let targets = evidence.targets();
            rules_for(playbook, &evidence)
                .into_iter()
                .flat_map(|rule| rule.kinds().iter().map(move |&kind| (rule, kind)))
                .filter(|&(_, kind)| seen.insert((kind, targets.clone())))
                .map(|(rule, kind)| Suggestion {
                    key: format!("{}:{kind}", evidence.trigger()),
                    evidence: evidence.clone(),
                    kind,
                    title_id: rule.title(Locale::Id).to_owned(),
                    title_en: rule.title(Locale::En).to_owned(),
                    rationale_id: rule.rationale(Locale::Id).to_owned(),
                    rationale_en: rule.rationale(Locale::En).to_owned(),
                    targets: targets.clone(),
                })
                .collect()
        })
        .collect()
}

/// The unit's evidence in order, each piece once.
fn evidence(profile: &UnitProfile) -> Vec<Evidence> {
    let stage = profile
        .stage_barrier
        .iter()
        .filter(|dimension| dimension.construct.adoption_stage().is_some())
        .map(|dimension| Evidence::from_dimension(dimension, true));
    let weak = profile
        .weakest
        .iter()
        .map(|dimension| Evidence::from_dimension(dimension, false));
    let mut barriers: Vec<(BarrierCode, f64)> = profile
        .top_barriers
        .iter()
        .copied()
        .filter(|&(_, share)| share > 0.0)
        .collect();
    barriers.sort_by(|a, b| b.1.total_cmp(&a.1));
    let barriers = barriers
        .into_iter()
        .map(|(code, share)| Evidence::Barrier { code, share });
    let mut seen = HashSet::new();
    stage
        .chain(weak)
        .chain(barriers)
        .filter(|evidence| {
            let identity = match evidence {
                Evidence::StageBarrier { dimension_id, .. } => format!("stage:{dimension_id}"),
                Evidence::WeakDimension { dimension_id, .. } => format!("weak:{dimension_id}"),
                Evidence::Barrier { code, .. } => format!("barrier:{code}"),
            };
            seen.insert(identity)
        })
        .collect()
}

fn rules_for<'a>(playbook: &'a Playbook, evidence: &Evidence) -> Vec<&'a Rule> {
    let rules: Vec<&Rule> = playbook.rules_for(evidence.trigger()).collect();
    match evidence {
        Evidence::WeakDimension { construct, .. }
            if rules.is_empty() && construct.adoption_stage().is_some() =>
        {
            playbook.rules_for(Trigger::Stage(*construct)).collect()
        }
        _ => rules,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use InterventionKind as K;

    /// One rule per line: trigger, kinds.
    fn playbook(rules: &[(&str, &str)]) -> Playbook {
        let text: String = rules
            .iter()
            .enumerate()
            .map(|(number, (trigger, kinds))| {
                format!(
                    "[[rules]]\n{trigger}\nkinds = [{kinds}]\ntitle.id = \"Judul {number}\"\n\
                     title.en = \"Title {number}\"\nrationale.id = \"Alasan {number}\"\n\
                     rationale.en = \"Reason {number}\"\n"
                )
            })
            .collect();
        Playbook::parse(&text).unwrap()
    }

    fn test_playbook() -> Playbook {
        playbook(&[
            (
                r#"stage = "adoption_knowledge""#,
                r#""pelatihan", "coaching""#,
            ),
            (
                r#"stage = "adoption_ability""#,
                r#""coaching", "resourcing""#,
            ),
            (
                r#"construct = "readiness_change_efficacy""#,
                r#""pelatihan", "coaching""#,
            ),
            (
                r#"construct = "readiness_management_support""#,
                r#""sosialisasi""#,
            ),
            (
                r#"construct = "readiness_management_support""#,
                r#""policy""#,
            ),
            (r#"construct = "commitment""#, r#""coaching""#),
            (r#"barrier = "ti""#, r#""it_system", "resourcing""#),
            (r#"barrier = "anggaran""#, r#""resourcing", "policy""#),
        ])
    }

    fn dimension(id: &str, construct: Construct, index: f64) -> WeakDimension {
        WeakDimension {
            dimension_id: id.to_owned(),
            construct,
            index,
        }
    }

    fn keys(suggestions: &[Suggestion]) -> Vec<&str> {
        suggestions.iter().map(|s| s.key.as_str()).collect()
    }

    #[test]
    fn an_empty_profile_gets_nothing() {
        assert!(suggest(&test_playbook(), &UnitProfile::default()).is_empty());
    }

    #[test]
    fn evidence_in_order_each_once_before_any_twice() {
        let profile = UnitProfile {
            stage_barrier: Some(dimension("tahu", Construct::AdoptionKnowledge, 41.0)),
            weakest: vec![
                dimension("keyakinan-diri", Construct::ReadinessChangeEfficacy, 38.5),
                dimension(
                    "dukungan-pimpinan",
                    Construct::ReadinessManagementSupport,
                    44.0,
                ),
            ],
            top_barriers: vec![(BarrierCode::Ti, 0.3), (BarrierCode::Anggaran, 0.45)],
        };
        let suggestions = suggest(&test_playbook(), &profile);
        // First round: one per evidence (5); second round: the stage barrier's second.
        assert_eq!(
            keys(&suggestions),
            [
                "stage:adoption_knowledge:pelatihan",
                "stage:adoption_knowledge:coaching",
                "construct:readiness_change_efficacy:pelatihan",
                "construct:readiness_management_support:sosialisasi",
                "barrier:anggaran:resourcing",
                "barrier:ti:it_system",
            ]
        );
        let first = &suggestions[0];
        assert_eq!(first.kind, K::Pelatihan);
        assert_eq!(
            first.evidence,
            Evidence::StageBarrier {
                dimension_id: "tahu".to_owned(),
                construct: Construct::AdoptionKnowledge,
                index: 41.0
            }
        );
        assert_eq!(
            first.targets,
            [InterventionTarget::dimension("tahu").unwrap()]
        );
        assert_eq!(first.title(Locale::Id), "Judul 0");
        assert_eq!(first.rationale(Locale::En), "Reason 0");
        let anggaran = &suggestions[4];
        assert_eq!(
            anggaran.evidence,
            Evidence::Barrier {
                code: BarrierCode::Anggaran,
                share: 0.45
            }
        );
        assert_eq!(
            anggaran.targets,
            [InterventionTarget::Barrier(BarrierCode::Anggaran)]
        );
        // Beyond the six, still found by key.
        let policy = suggestion_by_key(
            &test_playbook(),
            &profile,
            "construct:readiness_management_support:policy",
        )
        .unwrap();
        assert_eq!(policy.title(Locale::En), "Title 4");
        assert_eq!(
            suggestion_by_key(&test_playbook(), &profile, "barrier:sdm:resourcing"),
            None
        );
    }

    #[test]
    fn no_repeated_type_and_target() {
        // The stage dimension is also among the weakest: its stage rules answer both, once.
        let profile = UnitProfile {
            stage_barrier: Some(dimension("mampu", Construct::AdoptionAbility, 45.0)),
            weakest: vec![
                dimension("mampu", Construct::AdoptionAbility, 45.0),
                dimension("tahu", Construct::AdoptionKnowledge, 47.0),
                dimension("tahu", Construct::AdoptionKnowledge, 47.0),
            ],
            top_barriers: vec![(BarrierCode::Ti, 0.2), (BarrierCode::Ti, 0.2)],
        };
        let suggestions = suggest(&test_playbook(), &profile);
        assert_eq!(
            keys(&suggestions),
            [
                "stage:adoption_ability:coaching",
                "stage:adoption_ability:resourcing",
                // A weak stage dimension without construct rules gets the stage rules.
                "construct:adoption_knowledge:pelatihan",
                "construct:adoption_knowledge:coaching",
                "barrier:ti:it_system",
                "barrier:ti:resourcing",
            ]
        );
        let pairs: HashSet<(K, Vec<InterventionTarget>)> = suggestions
            .iter()
            .map(|s| (s.kind, s.targets.clone()))
            .collect();
        assert_eq!(pairs.len(), suggestions.len());
    }

    #[test]
    fn barriers_by_share_and_odd_inputs() {
        let profile = UnitProfile {
            // Not an adoption stage: ignored as a stage barrier.
            stage_barrier: Some(dimension("komitmen", Construct::Commitment, 20.0)),
            // Not a valid dimension id: suggested, but with no target.
            weakest: vec![dimension("Komitmen Kerja", Construct::Commitment, 30.0)],
            top_barriers: vec![
                (BarrierCode::Ti, 0.1),
                (BarrierCode::Anggaran, 0.6),
                (BarrierCode::Sdm, f64::NAN),
                (BarrierCode::Regulasi, 0.0),
            ],
        };
        let suggestions = suggest(&test_playbook(), &profile);
        assert_eq!(
            keys(&suggestions),
            [
                "construct:commitment:coaching",
                "barrier:anggaran:resourcing",
                "barrier:anggaran:policy",
                "barrier:ti:it_system",
                "barrier:ti:resourcing",
            ]
        );
        assert!(suggestions[0].targets.is_empty());
    }

    #[test]
    fn the_default_playbook_answers_a_typical_unit() {
        let profile = UnitProfile {
            stage_barrier: Some(dimension("tahu", Construct::AdoptionKnowledge, 44.0)),
            weakest: vec![
                dimension(
                    "dukungan-pimpinan",
                    Construct::ReadinessManagementSupport,
                    40.0,
                ),
                dimension("rutinitas", Construct::ResistanceRoutineSeeking, 43.0),
                dimension("tahu", Construct::AdoptionKnowledge, 44.0),
            ],
            top_barriers: vec![(BarrierCode::BebanKerja, 0.52), (BarrierCode::Ti, 0.31)],
        };
        let suggestions = suggest(Playbook::builtin(), &profile);
        assert_eq!(suggestions.len(), MAX_SUGGESTIONS);
        assert_eq!(suggestions[0].key, "stage:adoption_knowledge:pelatihan");
        assert!(suggestions
            .iter()
            .any(|s| s.key == "barrier:beban_kerja:process_redesign"));
        assert!(suggestions
            .iter()
            .any(|s| s.key == "construct:readiness_management_support:sosialisasi"));
        for suggestion in &suggestions {
            assert!(crate::interventions::InterventionTitle::parse(&suggestion.title_id).is_ok());
            assert!(crate::interventions::LongText::parse(
                &suggestion.rationale_en,
                crate::interventions::TextField::Description
            )
            .is_ok());
            assert_eq!(suggestion.targets.len(), 1);
            assert_eq!(
                suggestion_by_key(Playbook::builtin(), &profile, &suggestion.key).as_ref(),
                Some(suggestion)
            );
        }
    }

    #[test]
    fn suggestions_serialize_for_the_browser() {
        let profile = UnitProfile {
            top_barriers: vec![(BarrierCode::Ti, 0.25)],
            ..UnitProfile::default()
        };
        let suggestion = suggest(&test_playbook(), &profile).remove(0);
        let json = serde_json::to_value(&suggestion).unwrap();
        assert_eq!(json["key"], "barrier:ti:it_system");
        assert_eq!(
            json["evidence"],
            serde_json::json!({ "type": "barrier", "code": "ti", "share": 0.25 })
        );
        assert_eq!(json["targets"], serde_json::json!([{ "barrier": "ti" }]));
        let back: Suggestion = serde_json::from_value(json).unwrap();
        assert_eq!(back, suggestion);
    }
}
