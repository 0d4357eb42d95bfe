//! What nodes say to each other over Redis, in one binary form (lib0 variable-length
//! integers and byte strings, as the WebSocket protocol uses). Every message names
//! the node that sent it, so a node skips its own.
//!
//! Messages come from other nodes of the same deployment, but are still read with
//! the bounded decoder, and one longer than [`MAX_MESSAGE_BYTES`] is not read at all.

use ovaal_shared::protocol::DecodeError;
use ovaal_shared::protocol::lib0::{Decoder, Encoder};
use ovaal_shared::{DocName, ParticipantId, SessionId};

use crate::room::ConnId;
use crate::room::action::SessionAction;

/// An update is at most one WebSocket message (1 MiB by default, and a node's limit
/// is a setting): room for the largest allowed one plus the header.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// An update stored at `position` of its session, `sent_ms` after the epoch.
    Update {
        node: u64,
        session: SessionId,
        position: u64,
        sent_ms: u64,
        doc: DocName,
        update: Vec<u8>,
    },
    /// The sender stored up to `position`; said after its earlier messages may have
    /// been lost, so others read what they lack from the database.
    Seen {
        node: u64,
        session: SessionId,
        position: u64,
    },
    /// Presence accepted from one of the sender's connections.
    Awareness {
        node: u64,
        session: SessionId,
        conn: ConnId,
        update: Vec<u8>,
    },
    /// That connection closed.
    AwarenessGone {
        node: u64,
        session: SessionId,
        conn: ConnId,
    },
    /// A facilitator's action on the whole session.
    Action {
        node: u64,
        session: SessionId,
        action: SessionAction,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("unknown cluster message kind {0}")]
    UnknownKind(u64),
    #[error("unknown session action {0}")]
    UnknownAction(u64),
    #[error("a name in the message is invalid: {0}")]
    Name(#[from] ovaal_shared::ids::IdError),
    #[error("the message is longer than {MAX_MESSAGE_BYTES} bytes")]
    TooLong,
}

const UPDATE: u64 = 1;
const SEEN: u64 = 2;
const AWARENESS: u64 = 3;
const AWARENESS_GONE: u64 = 4;
const ACTION: u64 = 5;

const REVOKE_LINK: u64 = 0;
const REMOVE_PARTICIPANT: u64 = 1;
const END: u64 = 2;
const DELETE: u64 = 3;

impl Message {
    pub fn session(&self) -> &SessionId {
        match self {
            Message::Update { session, .. }
            | Message::Seen { session, .. }
            | Message::Awareness { session, .. }
            | Message::AwarenessGone { session, .. }
            | Message::Action { session, .. } => session,
        }
    }

    pub fn node(&self) -> u64 {
        match self {
            Message::Update { node, .. }
            | Message::Seen { node, .. }
            | Message::Awareness { node, .. }
            | Message::AwarenessGone { node, .. }
            | Message::Action { node, .. } => *node,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        let head = |e: &mut Encoder, kind: u64, node: u64, session: &SessionId| {
            e.var_uint(kind).var_uint(node).var_string(session.as_str());
        };
        match self {
            Message::Update {
                node,
                session,
                position,
                sent_ms,
                doc,
                update,
            } => {
                head(&mut e, UPDATE, *node, session);
                e.var_uint(*position)
                    .var_uint(*sent_ms)
                    .var_string(&doc.to_string())
                    .var_bytes(update);
            }
            Message::Seen {
                node,
                session,
                position,
            } => {
                head(&mut e, SEEN, *node, session);
                e.var_uint(*position);
            }
            Message::Awareness {
                node,
                session,
                conn,
                update,
            } => {
                head(&mut e, AWARENESS, *node, session);
                e.var_uint(*conn).var_bytes(update);
            }
            Message::AwarenessGone {
                node,
                session,
                conn,
            } => {
                head(&mut e, AWARENESS_GONE, *node, session);
                e.var_uint(*conn);
            }
            Message::Action {
                node,
                session,
                action,
            } => {
                head(&mut e, ACTION, *node, session);
                match action {
                    SessionAction::RevokeLink { link_id } => {
                        e.var_uint(REVOKE_LINK).var_string(link_id);
                    }
                    SessionAction::RemoveParticipant { participant } => {
                        e.var_uint(REMOVE_PARTICIPANT)
                            .var_string(participant.as_str());
                    }
                    SessionAction::End => {
                        e.var_uint(END);
                    }
                    SessionAction::Delete => {
                        e.var_uint(DELETE);
                    }
                }
            }
        }
        e.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, MessageError> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(MessageError::TooLong);
        }
        let mut d = Decoder::new(bytes);
        let kind = d.var_uint()?;
        let node = d.var_uint()?;
        let session: SessionId = d.var_string()?.parse()?;
        let message = match kind {
            UPDATE => Message::Update {
                node,
                session,
                position: d.var_uint()?,
                sent_ms: d.var_uint()?,
                doc: d.var_string()?.parse()?,
                update: d.var_bytes()?.to_vec(),
            },
            SEEN => Message::Seen {
                node,
                session,
                position: d.var_uint()?,
            },
            AWARENESS => Message::Awareness {
                node,
                session,
                conn: d.var_uint()?,
                update: d.var_bytes()?.to_vec(),
            },
            AWARENESS_GONE => Message::AwarenessGone {
                node,
                session,
                conn: d.var_uint()?,
            },
            ACTION => {
                let action = match d.var_uint()? {
                    REVOKE_LINK => SessionAction::RevokeLink {
                        link_id: d.var_string()?.to_owned(),
                    },
                    REMOVE_PARTICIPANT => SessionAction::RemoveParticipant {
                        participant: d.var_string()?.parse::<ParticipantId>()?,
                    },
                    END => SessionAction::End,
                    DELETE => SessionAction::Delete,
                    other => return Err(MessageError::UnknownAction(other)),
                };
                Message::Action {
                    node,
                    session,
                    action,
                }
            }
            other => return Err(MessageError::UnknownKind(other)),
        };
        d.finish()?;
        Ok(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> SessionId {
        "sessie-1234567890".parse().unwrap()
    }

    #[test]
    fn every_message_reads_back_as_written() {
        let participant: ParticipantId = "anna-12345678".parse().unwrap();
        let messages = [
            Message::Update {
                node: 7,
                session: session(),
                position: 42,
                sent_ms: 1_700_000_000_000,
                doc: DocName::Control,
                update: vec![1, 2, 3],
            },
            Message::Seen {
                node: u64::MAX,
                session: session(),
                position: 9,
            },
            Message::Awareness {
                node: 1,
                session: session(),
                conn: 3,
                update: vec![0],
            },
            Message::AwarenessGone {
                node: 1,
                session: session(),
                conn: 3,
            },
            Message::Action {
                node: 2,
                session: session(),
                action: SessionAction::RevokeLink {
                    link_id: "link-1".into(),
                },
            },
            Message::Action {
                node: 2,
                session: session(),
                action: SessionAction::RemoveParticipant { participant },
            },
            Message::Action {
                node: 2,
                session: session(),
                action: SessionAction::End,
            },
            Message::Action {
                node: 2,
                session: session(),
                action: SessionAction::Delete,
            },
        ];
        for message in messages {
            assert_eq!(Message::decode(&message.encode()).unwrap(), message);
        }
    }

    #[test]
    fn damaged_messages_are_errors_not_panics() {
        let whole = Message::Update {
            node: 7,
            session: session(),
            position: 42,
            sent_ms: 1,
            doc: DocName::Triage,
            update: vec![9; 100],
        }
        .encode();
        for cut in 0..whole.len() {
            assert!(Message::decode(&whole[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(Message::decode(&longer).is_err());
        assert!(matches!(
            Message::decode(&[99, 1, 0]),
            Err(MessageError::Decode(_) | MessageError::Name(_) | MessageError::UnknownKind(_))
        ));
    }
}
