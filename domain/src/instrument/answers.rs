//! Submissions: what a respondent sends ([`Answers`], loosely typed because it comes from
//! outside) and what is kept after validation against the instrument ([`ValidAnswers`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::barrier::BarrierCode;
use super::definition::Instrument;
use super::problem::{AnswerProblem, AnswerProblemKind, Subject, BARRIER_OTHER_TARGET};
use super::slug::Slug;
use super::version::Version;

/// A submission as received from the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Item id to raw scale value; `None` (or a missing key) means not answered.
    pub items: BTreeMap<String, Option<u8>>,
    /// Barrier codes ticked.
    pub barriers: Vec<String>,
    /// The "lainnya" free text.
    pub barrier_other: Option<String>,
    /// Comment question id to its text.
    pub comments: BTreeMap<String, String>,
}

/// The raw and scored value of one answered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemAnswer {
    raw: u8,
    scored: u8,
}

impl ItemAnswer {
    /// The point chosen.
    pub fn raw(self) -> u8 {
        self.raw
    }

    /// The value after reverse keying: higher means more of the item's dimension.
    pub fn scored(self) -> u8 {
        self.scored
    }
}

/// A submission that satisfies its instrument: every answer is on the scale, every required
/// question is answered, nothing unknown is included and texts are trimmed and within limits.
///
/// Serialize only: a `ValidAnswers` comes from [`Instrument::validate_answers`], never from
/// outside, so it cannot be forged by deserializing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidAnswers {
    instrument: Slug,
    version: Version,
    items: BTreeMap<Slug, ItemAnswer>,
    barriers: Vec<BarrierCode>,
    barrier_other: Option<String>,
    comments: BTreeMap<Slug, String>,
}

impl ValidAnswers {
    /// The id of the instrument they answer.
    pub fn instrument(&self) -> &Slug {
        &self.instrument
    }

    /// The version of the instrument they answer.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The answered items (unanswered optional items are absent).
    pub fn items(&self) -> &BTreeMap<Slug, ItemAnswer> {
        &self.items
    }

    /// The raw value given to an item.
    pub fn raw(&self, item: &str) -> Option<u8> {
        self.answer(item).map(ItemAnswer::raw)
    }

    /// The scored (reverse-keyed where needed) value of an item.
    pub fn scored(&self, item: &str) -> Option<u8> {
        self.answer(item).map(ItemAnswer::scored)
    }

    fn answer(&self, item: &str) -> Option<ItemAnswer> {
        self.items.get(item).copied()
    }

    /// The barriers ticked, in the checklist's order, without repeats.
    pub fn barriers(&self) -> &[BarrierCode] {
        &self.barriers
    }

    /// The "lainnya" text, when given.
    pub fn barrier_other(&self) -> Option<&str> {
        self.barrier_other.as_deref()
    }

    /// The non-blank comment answers by question id.
    pub fn comments(&self) -> &BTreeMap<Slug, String> {
        &self.comments
    }
}

/// A free text trimmed; `None` when blank, so whitespace never counts as an answer.
fn trimmed(text: Option<&String>) -> Option<&str> {
    text.map(|text| text.trim()).filter(|text| !text.is_empty())
}

/// The length problem of a text, if it is longer than `max` characters.
fn too_long(target: &str, subject: Subject, text: &str, max: u32) -> Option<AnswerProblem> {
    let length = text.chars().count();
    (length > max as usize).then(|| {
        AnswerProblem::new(
            target,
            subject,
            AnswerProblemKind::TextTooLong { length, max },
        )
    })
}

impl Instrument {
    /// Checks a submission against this instrument. Returns every problem found, in the order
    /// the form shows them (items, then barriers, then comments).
    pub fn validate_answers(&self, answers: &Answers) -> Result<ValidAnswers, Vec<AnswerProblem>> {
        let mut problems = Vec::new();

        let mut items = BTreeMap::new();
        for (index, item) in self.items().enumerate() {
            let subject = || Subject::item(index + 1);
            match answers.items.get(item.id.as_str()).copied().flatten() {
                Some(raw) => match self.scored(item.id.as_str(), raw) {
                    Some(scored) => {
                        items.insert(item.id.clone(), ItemAnswer { raw, scored });
                    }
                    None => problems.push(AnswerProblem::new(
                        item.id.as_str(),
                        subject(),
                        AnswerProblemKind::OutOfScale {
                            value: raw,
                            min: self.scale.min(),
                            max: self.scale.max(),
                        },
                    )),
                },
                None if item.required => problems.push(AnswerProblem::new(
                    item.id.as_str(),
                    subject(),
                    AnswerProblemKind::RequiredItemMissing,
                )),
                None => {}
            }
        }
        for id in answers.items.keys() {
            if self.item(id).is_none() {
                problems.push(AnswerProblem::new(
                    id,
                    Subject::unknown_item(id),
                    AnswerProblemKind::UnknownItem,
                ));
            }
        }

        let (barriers, barrier_other) = self.checked_barriers(answers, &mut problems);

        let mut comments = BTreeMap::new();
        for (index, question) in self.comments.iter().enumerate() {
            let subject = || Subject::comment(index + 1);
            match trimmed(answers.comments.get(question.id.as_str())) {
                Some(text) => {
                    match too_long(question.id.as_str(), subject(), text, question.max_length) {
                        Some(problem) => problems.push(problem),
                        None => {
                            comments.insert(question.id.clone(), text.to_owned());
                        }
                    }
                }
                None if question.required => problems.push(AnswerProblem::new(
                    question.id.as_str(),
                    subject(),
                    AnswerProblemKind::RequiredCommentMissing,
                )),
                None => {}
            }
        }
        for id in answers.comments.keys() {
            if self.comment(id).is_none() {
                problems.push(AnswerProblem::new(
                    id,
                    Subject::unknown_comment(id),
                    AnswerProblemKind::UnknownComment,
                ));
            }
        }

        if problems.is_empty() {
            Ok(ValidAnswers {
                instrument: self.id.clone(),
                version: self.version,
                items,
                barriers,
                barrier_other,
                comments,
            })
        } else {
            Err(problems)
        }
    }

    fn checked_barriers(
        &self,
        answers: &Answers,
        problems: &mut Vec<AnswerProblem>,
    ) -> (Vec<BarrierCode>, Option<String>) {
        let mut ticked = Vec::new();
        for value in &answers.barriers {
            let offered = BarrierCode::parse(value).filter(|code| {
                self.barriers
                    .as_ref()
                    .is_some_and(|barriers| barriers.offers(*code))
            });
            match offered {
                Some(code) => {
                    if !ticked.contains(&code) {
                        ticked.push(code);
                    }
                }
                None => problems.push(AnswerProblem::new(
                    value,
                    Subject::barrier(value),
                    AnswerProblemKind::UnknownBarrier,
                )),
            }
        }
        // Report in the checklist's order, whatever order the form sent.
        let order = |code: &BarrierCode| {
            self.barriers
                .as_ref()
                .and_then(|barriers| barriers.codes.iter().position(|known| known == code))
        };
        ticked.sort_by_key(order);

        let other = match trimmed(answers.barrier_other.as_ref()) {
            None => None,
            Some(_) if !ticked.contains(&BarrierCode::Lainnya) => {
                problems.push(AnswerProblem::new(
                    BARRIER_OTHER_TARGET,
                    Subject::barrier_other(),
                    AnswerProblemKind::OtherTextWithoutOther,
                ));
                None
            }
            Some(text) => {
                let max = self
                    .barriers
                    .as_ref()
                    .map_or(0, |barriers| barriers.other_max_length);
                match too_long(BARRIER_OTHER_TARGET, Subject::barrier_other(), text, max) {
                    Some(problem) => {
                        problems.push(problem);
                        None
                    }
                    None => Some(text.to_owned()),
                }
            }
        };
        (ticked, other)
    }
}
