//! The landing page (`/`): a form to create a session (title, date and method, with
//! a preview of the method), then the new session's links with copy buttons, "copy
//! all" and an invitation to paste; "my sessions", the sessions made in this browser;
//! joining with a code and continuing from a harvest.
//!
//! - [`create`]: the create form and its request.
//! - [`method_preview`]: the chosen method's purpose, group size and phases.
//! - [`created`]: a session's links, copying them, "create another".
//! - [`share_text`]: the texts of "copy all" and of the invitation.
//! - [`copy`]: copying a longer text, with a selected text box where the page may not.
//! - [`leave_guard`]: the warning before leaving while new links were not taken.
//! - [`saved`]: the kept list of "my sessions"; [`my_sessions`] shows it.
//! - [`date`]: the meeting's date, kept and written out.
//! - [`join_code`]: "join with a code", which asks the server where a code leads.
//! - [`import`]: "continue from a harvest": a JSON export opened as a new board.
//! - [`create_token`]: the server's creation key, asked for when the server wants it.
//!
//! [`saved`] and [`share_text`] decide without the browser and are tested on the host;
//! the rest is the page.

pub mod saved;
pub mod share_text;

#[cfg(target_arch = "wasm32")]
mod copy;
#[cfg(target_arch = "wasm32")]
mod create;
#[cfg(target_arch = "wasm32")]
mod create_token;
#[cfg(target_arch = "wasm32")]
mod created;
#[cfg(target_arch = "wasm32")]
mod date;
#[cfg(target_arch = "wasm32")]
mod import;
#[cfg(target_arch = "wasm32")]
mod join_code;
#[cfg(target_arch = "wasm32")]
mod leave_guard;
#[cfg(target_arch = "wasm32")]
mod method_preview;
#[cfg(target_arch = "wasm32")]
mod my_sessions;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
use page::Landing;
#[cfg(target_arch = "wasm32")]
pub use page::start;
