//! The board schema as the server enforces it: what may appear in each document, and
//! how much of it.
//!
//! [`crate::update`] checks that an update is well formed; this module checks that
//! what it adds is part of a board: only the root maps a document kind has, only the
//! keys the board writes, values of the right type and range (card text 1–280
//! characters, known kinds, positions on the board, id formats, profile names), cards
//! nested exactly one level deep, and no dependency on history the server does not
//! have. It needs to know where every existing struct of the document lives, which
//! `yrs` does not expose; [`DocShadow`] keeps that index beside each document.
//!
//! - `rules`: which roots and keys each document kind has, and each value's rule.
//! - `shadow`: [`DocShadow`], the index of a document's structs by place.
//! - `check`: [`DocShadow::check`], an update against the rules and the index.
//! - `budget`: how many cards and bytes a document and a session may hold.

mod budget;
mod check;
mod rules;
mod shadow;

pub use budget::Budget;
pub use check::{Resolved, Verdict};
pub use rules::DocKind;
pub use shadow::DocShadow;

use crate::update::UpdateError;

/// Why a write does not fit the board. Each becomes a `Refused` answer with
/// [`SchemaError::code`]; the write is not applied, relayed or stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error("the update is not valid: {0}")]
    Malformed(#[from] UpdateError),
    #[error("the update depends on changes the server does not have")]
    MissingHistory,
    #[error("document {doc} has no part named {root:?}")]
    UnknownRoot { doc: &'static str, root: String },
    #[error("{place} has no field named {key:?}")]
    UnknownKey { place: &'static str, key: String },
    #[error("{field}: {reason}")]
    InvalidValue {
        field: &'static str,
        reason: &'static str,
    },
    #[error("{0} holds only values, not nested parts")]
    Nesting(&'static str),
    #[error("at most {max} cards per person")]
    TooManyCards { max: usize },
    #[error("this document is full ({max_bytes} bytes); remove cards to make room")]
    DocumentFull { max_bytes: usize },
    #[error("this session is full ({max_bytes} bytes)")]
    SessionFull { max_bytes: usize },
    #[error("private notes can only be written in a private round of the plan")]
    NotAPrivateRound,
    #[error("this document holds content the board does not use and cannot be changed")]
    Unindexed,
}

/// The `Refused` codes of the board schema (the permission refusals use 1–19).
pub mod code {
    pub const MALFORMED: u32 = 20;
    pub const MISSING_HISTORY: u32 = 21;
    pub const OUTSIDE_SCHEMA: u32 = 22;
    pub const INVALID_VALUE: u32 = 23;
    pub const TOO_MANY_CARDS: u32 = 24;
    pub const DOCUMENT_FULL: u32 = 25;
    pub const SESSION_FULL: u32 = 26;
    pub const NOT_A_PRIVATE_ROUND: u32 = 27;
    pub const UNINDEXED: u32 = 28;
}

impl SchemaError {
    /// Stable numeric code carried in `Refused`.
    pub fn code(&self) -> u32 {
        match self {
            SchemaError::Malformed(_) => code::MALFORMED,
            SchemaError::MissingHistory => code::MISSING_HISTORY,
            SchemaError::UnknownRoot { .. }
            | SchemaError::UnknownKey { .. }
            | SchemaError::Nesting(_) => code::OUTSIDE_SCHEMA,
            SchemaError::InvalidValue { .. } => code::INVALID_VALUE,
            SchemaError::TooManyCards { .. } => code::TOO_MANY_CARDS,
            SchemaError::DocumentFull { .. } => code::DOCUMENT_FULL,
            SchemaError::SessionFull { .. } => code::SESSION_FULL,
            SchemaError::NotAPrivateRound => code::NOT_A_PRIVATE_ROUND,
            SchemaError::Unindexed => code::UNINDEXED,
        }
    }
}
