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

impl SchemaError {
    /// Stable numeric code carried in `Refused` (the permission refusals use 1–19).
    pub fn code(&self) -> u32 {
        match self {
            SchemaError::Malformed(_) => 20,
            SchemaError::MissingHistory => 21,
            SchemaError::UnknownRoot { .. }
            | SchemaError::UnknownKey { .. }
            | SchemaError::Nesting(_) => 22,
            SchemaError::InvalidValue { .. } => 23,
            SchemaError::TooManyCards { .. } => 24,
            SchemaError::DocumentFull { .. } => 25,
            SchemaError::SessionFull { .. } => 26,
            SchemaError::NotAPrivateRound => 27,
            SchemaError::Unindexed => 28,
        }
    }
}
