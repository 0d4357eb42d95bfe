//! A whole session as rows, read from one store and written to another
//! (`ovaal copy`): everything the [`Storage`](super::Storage) calls can see, plus what
//! they keep hidden (token and key hashes, the arc's link, the document history as
//! stored).

use super::{NewLink, SessionRecord, Visit};
use ovaal_shared::{DocName, ParticipantId, SessionId};

#[derive(Debug, Clone)]
pub struct SessionDump {
    pub record: SessionRecord,
    /// The session this one continues (its arc).
    pub previous: Option<SessionId>,
    pub links: Vec<NewLink>,
    pub participants: Vec<ParticipantKey>,
    /// One per document: everything compacted so far.
    pub snapshots: Vec<(DocName, Vec<u8>)>,
    /// Appended after the snapshots, in the order they were stored.
    pub updates: Vec<(DocName, Vec<u8>)>,
    /// In the order they began.
    pub attendance: Vec<Visit>,
}

/// A participant id bound to its key (only the key's hash is stored).
#[derive(Debug, Clone)]
pub struct ParticipantKey {
    pub participant: ParticipantId,
    pub key_hash: [u8; 32],
    pub removed: bool,
}

/// A 32-byte hash from a stored blob, or the reason it is not one.
pub fn hash32(what: &str, bytes: &[u8]) -> Result<[u8; 32], super::StorageError> {
    bytes
        .try_into()
        .map_err(|_| super::StorageError::Corrupt(format!("{what}: {} bytes, not 32", bytes.len())))
}
