//! # ovaal-shared
//!
//! The board model and the wire protocol of Ovaal, used unchanged by the server
//! (`ovaal-server`) and the browser client (`ovaal-web`). This crate does no I/O and
//! builds for native targets and `wasm32-unknown-unknown`, so both sides agree on every
//! byte and every rule by construction.
//!
//! ## Layout
//! - [`ids`]: newtype identifiers (`SessionId`, `ParticipantId`, `CardId`) and the
//!   names of the documents a session consists of (`DocName`).
//! - [`join_code`]: the room's join code: its alphabet, how a typed one is read, how
//!   one is shown.
//! - [`role`]: who a connection is (facilitator, participant, observer, room screen).
//! - [`link_label`]: the names the server gives a new session's links.
//! - [`permissions`]: the one rule that decides which documents a role may write.
//! - [`protocol`]: the framed y-protocols messages exchanged over the WebSocket
//!   (`ClientMessage`, `ServerMessage`) and their lib0 encoding.
//! - [`http_api`]: the request and response bodies of the HTTP API (docs/api.md),
//!   serde types the server's handlers answer with and the browser's calls send and read.
//! - [`board`]: how a session's state is laid out inside the `yrs` documents: the
//!   `control` document (session settings) and one document per participant (their
//!   profile and their cards).
//! - [`update`]: a reader of Yjs v1 updates and state vectors from the network that
//!   runs before `yrs` and refuses what could exhaust or corrupt it.
//! - [`layout`]: where every seat, card and chip goes on a screen, one pure function
//!   shared by the web table, the room screen, the phone and the harvest picture; and
//!   (`layout::ring`) where a stored position lies and which position a new card gets.
//! - [`palette`]: the table's colours (card kinds, wood, seats, hot seat, focus) with
//!   their WCAG contrast tests, for the web's stylesheet and the harvest picture.
//! - [`export_format`]: the harvest's export formats (extension, content type), for
//!   the server's export routes and the page's download buttons.
//! - [`float`]: the saturating float-to-integer conversions, the only narrowing `as`
//!   (the workspace denies `clippy::cast_possible_truncation` elsewhere).
//! - [`sort`]: one stable sort for every list, so the client carries one copy of it.
//! - [`words`]: the domain words (card kinds, roles, triage labels, the useful mark,
//!   room or remote) in Dutch and English, shared by the page and the harvest.

pub mod board;
pub mod export_format;
pub mod float;
pub mod http_api;
pub mod ids;
pub mod join_code;
pub mod layout;
pub mod link_label;
pub mod palette;
pub mod permissions;
pub mod protocol;
pub mod role;
pub mod sort;
pub mod update;
pub mod words;

pub use ids::{CardId, DocName, IdError, ParticipantId, SessionId};
pub use role::Role;
