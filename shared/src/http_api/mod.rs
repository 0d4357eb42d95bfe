//! The bodies of the HTTP API (docs/api.md): every request the browser sends and
//! every answer the server gives, as serde types both sides use, so that a field
//! renamed on one side cannot go unnoticed on the other. One file per resource; no
//! I/O here (the server answers with these through axum, the browser reads them from
//! `fetch`).
//!
//! - [`sessions`]: making a session, what a link is, a new session's links.
//! - [`links`]: the facilitator's list of links, a new link, a link just made.
//! - [`join`]: where a join code leads.
//! - [`arc`]: the next session of an arc and the arc itself.
//! - [`caseholder`]: the headers that ask for the case-holder's own harvest.
//! - [`errors`]: the body of every 4xx and 5xx, and its codes.
//! - [`paths`]: where each of them lives, and the address of a session's board.
//!
//! Removing a participant, ending and deleting a session carry no body either way
//! (`204 No Content`), so they have no types here.

pub mod arc;
pub mod caseholder;
pub mod errors;
pub mod join;
pub mod links;
pub mod paths;
pub mod sessions;

pub use arc::{ArcEntry, NextSessionRequest};
pub use errors::{ApiErrorCode, ErrorBody, ErrorDetail};
pub use join::JoinTarget;
pub use links::{CreatedLink, LinkRecord, ListedLink, NewLinkRequest};
pub use sessions::{
    CreateSessionRequest, CreatedSession, MAX_IMPORT_BYTES, SessionInfo, SessionLinks,
};
