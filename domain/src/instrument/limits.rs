//! The size limits of an instrument. They exist for the respondent: every text must fit a phone
//! screen without scrolling sideways, and a survey must stay short enough to be finished.

/// Longest id (slug) of an instrument, dimension, section, item or comment question.
pub const ID_MAX: usize = 64;
/// Longest instrument title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest instrument description, in characters.
pub const DESCRIPTION_MAX: usize = 1000;
/// Longest dimension name or section title, in characters.
pub const NAME_MAX: usize = 120;
/// Longest scale point label: it sits under a radio button on a narrow screen.
pub const LABEL_MAX: usize = 40;
/// Longest item text, in characters.
pub const ITEM_TEXT_MAX: usize = 300;
/// Longest prompt of the barriers checklist or of a comment question, in characters.
pub const PROMPT_MAX: usize = 300;
/// Fewest points on a response scale.
pub const SCALE_POINTS_MIN: u8 = 4;
/// Most points on a response scale.
pub const SCALE_POINTS_MAX: u8 = 7;
/// Most items in one instrument (the built-in library included).
pub const ITEMS_MAX: usize = 150;
/// Most open comment questions in one instrument.
pub const COMMENTS_MAX: usize = 5;
/// The largest `max_length` a comment question may allow.
pub const COMMENT_LENGTH_MAX: u32 = 2000;
/// The largest `other_max_length` the barriers checklist may allow for "lainnya".
pub const OTHER_LENGTH_MAX: u32 = 500;
/// The `other_max_length` used when the file leaves it out.
pub const OTHER_LENGTH_DEFAULT: u32 = 200;
