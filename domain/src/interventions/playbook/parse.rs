//! Reading a playbook text. The TOML is read as a plain table and walked by hand, rather than
//! deserialized into a struct, so that every broken rule is reported, not only the first.

use std::collections::HashMap;

use toml::{Table, Value};

use super::problem::{PlaybookProblem, PlaybookProblemKind as K, ValueKind};
use super::{Rule, Trigger, RATIONALE_MAX, RULES_MAX};
use crate::instrument::{BarrierCode, Construct};
use crate::interventions::{InterventionKind, InterventionTitle};

const TRIGGER_FIELDS: [&str; 3] = ["construct", "stage", "barrier"];
const RULE_FIELDS: [&str; 6] = [
    "construct",
    "stage",
    "barrier",
    "kinds",
    "title",
    "rationale",
];

pub(super) fn parse(text: &str) -> Result<Vec<Rule>, Vec<PlaybookProblem>> {
    if text.trim().is_empty() {
        return Err(vec![PlaybookProblem::whole(K::Empty)]);
    }
    let table: Table = toml::from_str(text).map_err(|error| {
        let (line, column) = match error.span() {
            Some(span) => {
                let (line, column) = line_and_column(text, span.start);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        vec![PlaybookProblem {
            rule: None,
            line,
            kind: K::Syntax {
                message: error.message().trim().to_owned(),
                column,
            },
        }]
    })?;

    let mut problems: Vec<PlaybookProblem> = table
        .keys()
        .filter(|key| key.as_str() != "rules")
        .map(|key| PlaybookProblem::whole(K::UnknownField { field: key.clone() }))
        .collect();
    let items = match table.get("rules") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) | None => {
            problems.push(PlaybookProblem::whole(K::NoRules));
            return Err(problems);
        }
        Some(_) => {
            problems.push(PlaybookProblem::whole(K::WrongType {
                field: "rules".to_owned(),
                expected: ValueKind::Rules,
            }));
            return Err(problems);
        }
    };
    if items.len() > RULES_MAX {
        problems.push(PlaybookProblem::whole(K::TooManyRules {
            count: items.len(),
            max: RULES_MAX,
        }));
        return Err(problems);
    }

    let lines = header_lines(text, items.len());
    // The first rule suggesting each type for each trigger.
    let mut first: HashMap<(Trigger, InterventionKind), usize> = HashMap::new();
    let mut rules = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let number = index + 1;
        let mut found = Vec::new();
        let draft = match item {
            Value::Table(rule) => Some(read_rule(rule, &mut found)),
            _ => {
                found.push(K::WrongType {
                    field: "rules".to_owned(),
                    expected: ValueKind::Rule,
                });
                None
            }
        };
        if let Some(draft) = draft {
            if let Some(trigger) = draft.trigger {
                for (position, &kind) in draft.kinds.iter().enumerate() {
                    // A repeat within this rule, or a pair an earlier rule has.
                    let earlier = if draft.kinds[..position].contains(&kind) {
                        Some(number)
                    } else {
                        let first_rule = *first.entry((trigger, kind)).or_insert(number);
                        (first_rule != number).then_some(first_rule)
                    };
                    if let Some(first_rule) = earlier {
                        found.push(K::Duplicate {
                            trigger: trigger.to_string(),
                            kind: kind.to_string(),
                            first_rule,
                        });
                    }
                }
            }
            if found.is_empty() {
                if let Some(rule) = draft.into_rule() {
                    rules.push(rule);
                }
            }
        }
        problems.extend(found.into_iter().map(|kind| PlaybookProblem {
            rule: Some(number),
            line: lines.as_ref().and_then(|lines| lines.get(index).copied()),
            kind,
        }));
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

/// A rule as read: each part `None` (or empty) when it had a problem.
struct Draft {
    trigger: Option<Trigger>,
    kinds: Vec<InterventionKind>,
    title: Option<(String, String)>,
    rationale: Option<(String, String)>,
}

impl Draft {
    fn into_rule(self) -> Option<Rule> {
        let (title_id, title_en) = self.title?;
        let (rationale_id, rationale_en) = self.rationale?;
        let trigger = self.trigger?;
        (!self.kinds.is_empty()).then_some(Rule {
            trigger,
            kinds: self.kinds,
            title_id,
            title_en,
            rationale_id,
            rationale_en,
        })
    }
}

fn read_rule(rule: &Table, found: &mut Vec<K>) -> Draft {
    for key in rule.keys() {
        if !RULE_FIELDS.contains(&key.as_str()) {
            found.push(K::UnknownField { field: key.clone() });
        }
    }
    Draft {
        trigger: trigger(rule, found),
        kinds: kinds(rule, found),
        title: translations(rule, "title", found).and_then(|(id, en)| {
            let id = title(&id, "title.id", found);
            let en = title(&en, "title.en", found);
            Some((id?, en?))
        }),
        rationale: translations(rule, "rationale", found).and_then(|(id, en)| {
            let id = rationale(&id, "rationale.id", found);
            let en = rationale(&en, "rationale.en", found);
            Some((id?, en?))
        }),
    }
}

fn trigger(rule: &Table, found: &mut Vec<K>) -> Option<Trigger> {
    let given: Vec<&str> = TRIGGER_FIELDS
        .into_iter()
        .filter(|field| rule.contains_key(*field))
        .collect();
    let field = match given.as_slice() {
        [] => {
            found.push(K::NoTrigger);
            return None;
        }
        [field] => *field,
        _ => {
            found.push(K::SeveralTriggers {
                fields: given.iter().map(|field| (*field).to_owned()).collect(),
            });
            return None;
        }
    };
    let Some(Value::String(value)) = rule.get(field) else {
        found.push(K::WrongType {
            field: field.to_owned(),
            expected: ValueKind::Text,
        });
        return None;
    };
    let value = value.trim();
    let trigger = match field {
        "construct" => match Construct::parse(value) {
            Some(Construct::Custom) => Err(K::CustomConstruct),
            Some(construct) => Ok(Trigger::Construct(construct)),
            None => Err(K::UnknownConstruct {
                value: value.to_owned(),
            }),
        },
        "stage" => Construct::parse(value)
            .filter(|construct| construct.adoption_stage().is_some())
            .map(Trigger::Stage)
            .ok_or_else(|| K::NotAStage {
                value: value.to_owned(),
            }),
        _ => BarrierCode::parse(value)
            .map(Trigger::Barrier)
            .ok_or_else(|| K::UnknownBarrier {
                value: value.to_owned(),
            }),
    };
    trigger.map_err(|problem| found.push(problem)).ok()
}

fn kinds(rule: &Table, found: &mut Vec<K>) -> Vec<InterventionKind> {
    let wrong_type = || K::WrongType {
        field: "kinds".to_owned(),
        expected: ValueKind::TextList,
    };
    let items = match rule.get("kinds") {
        None => {
            found.push(K::NoKinds);
            return Vec::new();
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            found.push(wrong_type());
            return Vec::new();
        }
    };
    if items.is_empty() {
        found.push(K::NoKinds);
    }
    let mut kinds = Vec::with_capacity(items.len());
    let mut bad = false;
    for item in items {
        match item {
            Value::String(value) => match InterventionKind::parse(value) {
                Ok(kind) => kinds.push(kind),
                Err(_) => {
                    bad = true;
                    found.push(K::UnknownKind {
                        value: value.trim().to_owned(),
                    });
                }
            },
            _ => {
                bad = true;
                found.push(wrong_type());
            }
        }
    }
    if bad {
        // The rule is rejected anyway; no duplicate reports on a partial list.
        kinds.clear();
    }
    kinds
}

/// The raw `id` and `en` texts of `field`; `None` after reporting what is wrong.
fn translations(rule: &Table, field: &str, found: &mut Vec<K>) -> Option<(String, String)> {
    let table = match rule.get(field) {
        Some(Value::Table(table)) => table,
        None => {
            found.push(K::MissingText {
                field: format!("{field}.id"),
            });
            found.push(K::MissingText {
                field: format!("{field}.en"),
            });
            return None;
        }
        Some(_) => {
            found.push(K::WrongType {
                field: field.to_owned(),
                expected: ValueKind::Translations,
            });
            return None;
        }
    };
    for key in table.keys() {
        if key != "id" && key != "en" {
            found.push(K::UnknownField {
                field: format!("{field}.{key}"),
            });
        }
    }
    let mut language = |language: &str| -> Option<String> {
        let path = format!("{field}.{language}");
        match table.get(language) {
            Some(Value::String(text)) => Some(text.clone()),
            None => {
                found.push(K::MissingText { field: path });
                None
            }
            Some(_) => {
                found.push(K::WrongType {
                    field: path,
                    expected: ValueKind::Text,
                });
                None
            }
        }
    };
    let id = language("id");
    let en = language("en");
    Some((id?, en?))
}

/// A title: trimmed, one line, a valid [`InterventionTitle`] so it can prefill a plan.
fn title(raw: &str, field: &str, found: &mut Vec<K>) -> Option<String> {
    checked(raw, field, InterventionTitle::MAX_LEN, false, found)
}

/// A rationale: trimmed, line breaks and tabs allowed (Windows line breaks become `\n`).
fn rationale(raw: &str, field: &str, found: &mut Vec<K>) -> Option<String> {
    checked(raw, field, RATIONALE_MAX, true, found)
}

fn checked(
    raw: &str,
    field: &str,
    max: usize,
    multiline: bool,
    found: &mut Vec<K>,
) -> Option<String> {
    let text = raw.trim().replace("\r\n", "\n");
    let allowed = |c: char| multiline && (c == '\n' || c == '\t');
    let length = text.chars().count();
    let problem = if text.is_empty() {
        K::MissingText {
            field: field.to_owned(),
        }
    } else if text.chars().any(|c| c.is_control() && !allowed(c)) {
        K::ControlCharacter {
            field: field.to_owned(),
        }
    } else if length > max {
        K::TextTooLong {
            field: field.to_owned(),
            length,
            max,
        }
    } else {
        return Some(text);
    };
    found.push(problem);
    None
}

/// The 1-based line of each `[[rules]]` header, when the text writes its rules that way
/// (otherwise, e.g. with an inline array, `None`: problems then name the rule only).
fn header_lines(text: &str, rules: usize) -> Option<Vec<usize>> {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.trim_start()
                .strip_prefix("[[")
                .and_then(|rest| rest.split_once("]]"))
                .is_some_and(|(name, _)| name.trim() == "rules")
        })
        .map(|(index, _)| index + 1)
        .collect();
    (lines.len() == rules).then_some(lines)
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::Playbook;
    use super::*;
    use crate::units::Locale;

    const RULE: &str = r#"
[[rules]]
stage = "adoption_knowledge"
kinds = ["pelatihan", "coaching"]
title.id = "Pelatihan cara kerja baru"
title.en = "Training in the new way of working"
rationale.id = "Pegawai belum tahu caranya."
rationale.en = "Staff do not know how yet."
"#;

    fn problems(text: &str) -> Vec<PlaybookProblem> {
        Playbook::parse(text).unwrap_err()
    }

    fn kinds_of(text: &str) -> Vec<K> {
        problems(text).into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn a_valid_rule_is_read() {
        let playbook = Playbook::parse(RULE).unwrap();
        let [rule] = playbook.rules() else {
            panic!("one rule")
        };
        assert_eq!(rule.trigger(), Trigger::Stage(Construct::AdoptionKnowledge));
        assert_eq!(
            rule.kinds(),
            [InterventionKind::Pelatihan, InterventionKind::Coaching]
        );
        assert_eq!(rule.title(Locale::Id), "Pelatihan cara kerja baru");
        assert_eq!(rule.rationale(Locale::En), "Staff do not know how yet.");
    }

    #[test]
    fn texts_are_trimmed_and_keep_line_breaks() {
        let text = RULE.replace(
            r#"rationale.id = "Pegawai belum tahu caranya.""#,
            "rationale.id = \"\"\"\n  Langkah 1.\r\nLangkah 2.  \"\"\"",
        );
        let playbook = Playbook::parse(&text).unwrap();
        assert_eq!(
            playbook.rules()[0].rationale(Locale::Id),
            "Langkah 1.\nLangkah 2."
        );
    }

    #[test]
    fn empty_and_broken_texts() {
        assert_eq!(kinds_of(" \n\t"), [K::Empty]);
        assert_eq!(kinds_of("# only a comment\n"), [K::NoRules]);
        assert_eq!(kinds_of("rules = []"), [K::NoRules]);
        assert_eq!(
            kinds_of("rules = 3\nversion = 1"),
            [
                K::UnknownField {
                    field: "version".to_owned()
                },
                K::WrongType {
                    field: "rules".to_owned(),
                    expected: ValueKind::Rules
                }
            ]
        );
        let [syntax] = problems("\n[[rules]]\nstage = adoption\n")
            .try_into()
            .unwrap();
        assert_eq!(syntax.rule, None);
        assert_eq!(syntax.line, Some(3));
        assert!(matches!(
            syntax.kind,
            K::Syntax {
                column: Some(9),
                ..
            }
        ));
        let many = RULE.repeat(RULES_MAX + 1);
        assert_eq!(
            kinds_of(&many),
            [K::TooManyRules {
                count: RULES_MAX + 1,
                max: RULES_MAX
            }]
        );
    }

    #[test]
    fn every_problem_of_every_rule_is_reported() {
        let text = r#"
[[rules]]
construct = "readiness_efficacy"
kinds = ["training", "coaching", 3]
title.id = "   "
title.en = "Two\nlines"
rationale = "text"
colour = "red"

[[rules]]
kinds = []

[[rules]]
construct = "commitment"
barrier = "anggaran"
title = { id = "Judul", en = "Title", de = "Titel" }
rationale.id = "Alasan"
rationale.en = 3

[[rules]]
stage = "readiness_appropriateness"
kinds = "pelatihan"

[[rules]]
construct = "custom"
barrier = "uang"
"#;
        let found = problems(text);
        let at = |rule: usize| -> Vec<K> {
            found
                .iter()
                .filter(|p| p.rule == Some(rule))
                .map(|p| p.kind.clone())
                .collect()
        };
        let field = |name: &str| name.to_owned();
        assert_eq!(
            at(1),
            [
                K::UnknownField {
                    field: field("colour")
                },
                K::UnknownConstruct {
                    value: field("readiness_efficacy")
                },
                K::UnknownKind {
                    value: field("training")
                },
                K::WrongType {
                    field: field("kinds"),
                    expected: ValueKind::TextList
                },
                K::MissingText {
                    field: field("title.id")
                },
                K::ControlCharacter {
                    field: field("title.en")
                },
                K::WrongType {
                    field: field("rationale"),
                    expected: ValueKind::Translations
                },
            ]
        );
        assert_eq!(
            at(2),
            [
                K::NoTrigger,
                K::NoKinds,
                K::MissingText {
                    field: field("title.id")
                },
                K::MissingText {
                    field: field("title.en")
                },
                K::MissingText {
                    field: field("rationale.id")
                },
                K::MissingText {
                    field: field("rationale.en")
                },
            ]
        );
        assert_eq!(
            at(3),
            [
                K::SeveralTriggers {
                    fields: vec![field("construct"), field("barrier")]
                },
                K::NoKinds,
                K::UnknownField {
                    field: field("title.de")
                },
                K::WrongType {
                    field: field("rationale.en"),
                    expected: ValueKind::Text
                },
            ]
        );
        assert_eq!(
            at(4)[..2],
            [
                K::NotAStage {
                    value: field("readiness_appropriateness")
                },
                K::WrongType {
                    field: field("kinds"),
                    expected: ValueKind::TextList
                },
            ]
        );
        assert_eq!(
            at(5)[0],
            K::SeveralTriggers {
                fields: vec![field("construct"), field("barrier")]
            }
        );
        // Lines of the rule headers.
        let lines: Vec<Option<usize>> = (1..=5)
            .map(|rule| found.iter().find(|p| p.rule == Some(rule)).unwrap().line)
            .collect();
        assert_eq!(lines, [Some(2), Some(10), Some(13), Some(20), Some(24)]);
    }

    #[test]
    fn single_trigger_values_are_checked() {
        let with = |line: &str| RULE.replace(r#"stage = "adoption_knowledge""#, line);
        assert_eq!(
            kinds_of(&with(r#"construct = "custom""#)),
            [K::CustomConstruct]
        );
        assert_eq!(
            kinds_of(&with(r#"barrier = "uang""#)),
            [K::UnknownBarrier {
                value: "uang".to_owned()
            }]
        );
        assert_eq!(
            kinds_of(&with("stage = 3")),
            [K::WrongType {
                field: "stage".to_owned(),
                expected: ValueKind::Text
            }]
        );
        // A stage may also be a construct trigger (a weak dimension of that stage).
        let playbook = Playbook::parse(&with(r#"construct = "adoption_knowledge""#)).unwrap();
        assert_eq!(
            playbook.rules()[0].trigger(),
            Trigger::Construct(Construct::AdoptionKnowledge)
        );
    }

    #[test]
    fn a_type_is_suggested_once_per_trigger() {
        let second = RULE.replace(r#"["pelatihan", "coaching"]"#, r#"["policy", "coaching"]"#);
        let found = problems(&format!("{RULE}{second}"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Some(2));
        assert_eq!(
            found[0].kind,
            K::Duplicate {
                trigger: "stage:adoption_knowledge".to_owned(),
                kind: "coaching".to_owned(),
                first_rule: 1
            }
        );
        let repeated = RULE.replace(
            r#"["pelatihan", "coaching"]"#,
            r#"["coaching", "coaching"]"#,
        );
        assert_eq!(
            kinds_of(&repeated),
            [K::Duplicate {
                trigger: "stage:adoption_knowledge".to_owned(),
                kind: "coaching".to_owned(),
                first_rule: 1
            }]
        );
        // The same type for another trigger is fine, and so is another type for the same
        // trigger in a rule of its own.
        let other = RULE.replace("adoption_knowledge", "adoption_ability");
        let policy = RULE.replace(r#"["pelatihan", "coaching"]"#, r#"["policy"]"#);
        let playbook = Playbook::parse(&format!("{RULE}{other}{policy}")).unwrap();
        assert_eq!(playbook.rules().len(), 3);
    }

    #[test]
    fn text_limits() {
        let long_title = RULE.replace(
            "Training in the new way of working",
            &"t".repeat(InterventionTitle::MAX_LEN + 1),
        );
        assert_eq!(
            kinds_of(&long_title),
            [K::TextTooLong {
                field: "title.en".to_owned(),
                length: InterventionTitle::MAX_LEN + 1,
                max: InterventionTitle::MAX_LEN
            }]
        );
        let long_rationale = RULE.replace("Staff do not know how yet.", &"é".repeat(RATIONALE_MAX));
        assert!(Playbook::parse(&long_rationale).is_ok());
        let bell = RULE.replace("Staff do not know how yet.", "bel\\u0007");
        assert_eq!(
            kinds_of(&bell),
            [K::ControlCharacter {
                field: "rationale.en".to_owned()
            }]
        );
    }

    #[test]
    fn inline_rules_have_no_lines() {
        let text = r#"rules = [{ stage = "adoption_desire" }]"#;
        assert!(problems(text).iter().all(|p| p.line.is_none()));
    }
}
