//! What the page fetched over HTTP and shows with words: the session's links (the
//! facilitator's links panel) and the arc of sessions. Both are model inputs, so the
//! views draw them at the language's version like every other part.

use ovaal_shared::http_api::{ArcEntry, ListedLink};

/// The links panel's list and whether it is being read again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    /// As last read (kept while reading them again).
    pub listed: Vec<ListedLink>,
    pub status: LinksStatus,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum LinksStatus {
    #[default]
    Idle,
    Loading,
    /// Why they could not be read.
    Failed(String),
}

/// The arc of sessions, once read.
pub type Arc = Vec<ArcEntry>;
