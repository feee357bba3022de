//! Survey instruments: the response scale, the dimensions items measure, sections (pages),
//! items, the barriers checklist and open comment questions; the TOML file format they are
//! written in (`docs/instrument-format.md`), the built-in library and default survey, and the
//! validation of submitted answers.
//!
//! Parse at the edge: files and submissions arrive as loosely typed drafts ([`InstrumentDraft`],
//! [`Answers`]) and are turned into validated types ([`Instrument`], [`ValidAnswers`]) whose
//! fields are private, so code holding one never rechecks it.

mod answers;
mod barrier;
mod comment;
mod compose;
mod construct;
mod definition;
mod dimension;
mod draft;
mod error;
pub mod form;
mod hash;
mod item;
mod library;
pub mod limits;
mod problem;
mod scale;
mod section;
mod slug;
mod text;
mod toml_out;
mod validate;
mod version;

pub use answers::{Answers, ItemAnswer, ValidAnswers};
pub use barrier::{BarrierCode, Barriers};
pub use comment::CommentQuestion;
pub use compose::{CustomItems, SurveyMeta};
pub use construct::{Construct, ConstructFamily};
pub use definition::Instrument;
pub use dimension::Dimension;
pub use draft::{
    BarriersDraft, CommentDraft, DimensionDraft, InstrumentDraft, ItemDraft, ScaleDraft,
    SectionDraft, TextDraft,
};
pub use error::InstrumentError;
pub use item::Item;
pub use library::{default_instrument, default_instrument_toml, library};
pub use problem::{AnswerProblem, AnswerProblemKind, BARRIER_OTHER_TARGET};
pub use scale::Scale;
pub use section::Section;
pub use slug::Slug;
pub use text::Bilingual;
pub use version::Version;
