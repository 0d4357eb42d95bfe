//! What the page fetched over HTTP and shows with words: the session's links (the
//! facilitator's links panel). They are a model input, so the view draws them at the
//! language's version like every other part. (The arc of sessions, also fetched, is
//! the [`super::arc`] part.)

use ovaal_shared::http_api::ListedLink;

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
