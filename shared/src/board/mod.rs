//! How a session's state is laid out inside its `yrs` documents, and the typed
//! operations on it. Both the server (to seed a new session) and the client (to render
//! and edit) go through these functions, so the layout is defined exactly once.
//!
//! - `control` document: root map `session` with `title`, `method` and `seats`
//!   (see [`control`]).
//! - `participant/<id>` document: root map `profile` (`name`, `seat`, `location`,
//!   `seat_claimed_ms`) and root map `cards`, card id → map of card fields (see
//!   [`participant`]).
//!
//! Positions are fractions of the board area (0.0–1.0), so the board looks the same on
//! every screen size. A position is written once when a card is dropped, never while
//! dragging: every overwrite leaves bytes behind in a CRDT document forever.

pub mod arc;
pub mod arrangement;
pub mod card;
pub mod carried;
pub mod control;
mod doc;
pub mod facilitation;
pub mod method;
pub mod participant;
pub mod phase;
pub mod schema;
pub mod seating;
pub mod spotlight;
pub mod templates;
pub mod triage;
mod value;

pub use card::{Card, CardKind, CardText, NewCard, Position};
pub use control::SessionSettings;
pub use doc::new_doc;
pub use method::Method;
pub use participant::{Location, Profile};

/// Why a board operation was not carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoardError {
    #[error("a card needs some text")]
    EmptyText,
    #[error("a card can hold at most {max} characters, this one has {got}")]
    TextTooLong { max: usize, got: usize },
    #[error("a name needs 1 to {max} characters")]
    InvalidName { max: usize },
    #[error("unknown card kind {0:?}")]
    UnknownKind(String),
    #[error("unknown method {0:?}")]
    UnknownMethod(String),
    #[error("there is no card {0}")]
    NoSuchCard(String),
    #[error("a session title needs 1 to {max} characters")]
    InvalidTitle { max: usize },
    #[error("a table has {min} to {max} seats")]
    InvalidSeatCount { min: u32, max: u32 },
}
