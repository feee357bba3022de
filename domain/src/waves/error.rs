//! Why a wave's title, schedule, kind, state or an invitation token was rejected. The user
//! interface translates by variant, so each names one mistake.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WaveError {
    #[error("the wave title is empty")]
    TitleEmpty,
    #[error("the wave title has {length} characters; at most {max} are allowed")]
    TitleTooLong { length: usize, max: usize },
    #[error("the wave title contains a control character (such as a line break or tab) or a text-direction control")]
    TitleControlCharacter,
    #[error("the wave must close after it opens")]
    CloseNotAfterOpen,
    #[error("{value:?} is not a date and time of the form YYYY-MM-DDTHH:MM")]
    BadDateTime { value: String },
    #[error("not an invitation code: it has 12 letters and digits, such as abcd-efgh-jkmn")]
    BadToken,
    #[error("unknown wave kind {value:?}; expected baseline or follow_up")]
    UnknownKind { value: String },
    #[error("unknown wave state {value:?}; expected draft, open or closed")]
    UnknownState { value: String },
}
