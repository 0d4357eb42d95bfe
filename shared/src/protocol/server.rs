//! Messages from the server to a client.

use super::lib0::{DecodeError, Decoder, Encoder};
use super::{
    AWARENESS_DOC, SESSION_CHANNEL, SyncMessage, expect_doc, message_type as t, read_header,
};
use crate::ids::{DocName, ParticipantId, SessionId};
use crate::role::Role;

/// The answer to a valid `Hello`: the connection is in, with this role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Welcome {
    pub version: u32,
    pub session: SessionId,
    pub role: Role,
    pub participant: ParticipantId,
    /// The server's clock (milliseconds since the Unix epoch) when it sent this, so the
    /// client can estimate its clock offset for shared timers.
    pub server_time_ms: u64,
    /// Every document of the session that exists on the server; the client should
    /// sync each of them (send a Step1).
    pub documents: Vec<DocName>,
}

/// Why the server is about to close the connection. The same number, plus 4000, is
/// used as the WebSocket close code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The client speaks another protocol version; reload the page.
    VersionMismatch,
    /// The token is missing, wrong or revoked.
    Unauthorized,
    /// The session does not exist (any more).
    UnknownSession,
    /// The participant id is bound to another key: someone else is using this id.
    ParticipantKeyMismatch,
    /// The room has reached its maximum number of connections.
    RoomFull,
    /// A frame could not be decoded.
    MalformedMessage,
    /// A frame exceeded the maximum message size.
    MessageTooLarge,
    /// The client did not keep up with the room's updates; reconnect to resync.
    TooSlow,
    /// The server is shutting down; reconnect later.
    ShuttingDown,
    /// The first frame was not a `Hello`, or `Hello` came twice.
    HelloExpected,
    /// Something went wrong on the server; details are in its log, not here.
    Internal,
    /// This participant id already has its share of the session's connections (a few
    /// devices or tabs); closing one lets the next in.
    ParticipantFull,
    /// The link already has its share of the session's connections; the rest is kept
    /// for the facilitator, the room screen and other links.
    LinkFull,
    /// The session's stored data is damaged and it is quarantined; other sessions are
    /// unaffected. An operator has to look (the server's log names the session).
    SessionDamaged,
}

impl ErrorCode {
    const ALL: [ErrorCode; 14] = [
        ErrorCode::VersionMismatch,
        ErrorCode::Unauthorized,
        ErrorCode::UnknownSession,
        ErrorCode::ParticipantKeyMismatch,
        ErrorCode::RoomFull,
        ErrorCode::MalformedMessage,
        ErrorCode::MessageTooLarge,
        ErrorCode::TooSlow,
        ErrorCode::ShuttingDown,
        ErrorCode::HelloExpected,
        ErrorCode::Internal,
        ErrorCode::ParticipantFull,
        ErrorCode::LinkFull,
        ErrorCode::SessionDamaged,
    ];

    pub fn code(self) -> u32 {
        match self {
            ErrorCode::VersionMismatch => 1,
            ErrorCode::Unauthorized => 2,
            ErrorCode::UnknownSession => 3,
            ErrorCode::ParticipantKeyMismatch => 4,
            ErrorCode::RoomFull => 5,
            ErrorCode::MalformedMessage => 6,
            ErrorCode::MessageTooLarge => 7,
            ErrorCode::TooSlow => 8,
            ErrorCode::ShuttingDown => 9,
            ErrorCode::HelloExpected => 10,
            ErrorCode::Internal => 11,
            ErrorCode::ParticipantFull => 12,
            ErrorCode::LinkFull => 13,
            ErrorCode::SessionDamaged => 14,
        }
    }

    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The WebSocket close code that accompanies this error (private-use range).
    pub fn close_code(self) -> u16 {
        // Every code is under 100 (the match above); saturating rather than wrapping.
        4000 + u16::try_from(self.code()).unwrap_or(u16::MAX - 4000)
    }

    /// Whether reconnecting automatically can help (the client backs off and retries)
    /// or a person has to act (wrong link, other version).
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorCode::RoomFull
                | ErrorCode::ParticipantFull
                | ErrorCode::LinkFull
                | ErrorCode::TooSlow
                | ErrorCode::ShuttingDown
                | ErrorCode::Internal
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerMessage {
    /// Type 101 on the session channel: the handshake succeeded.
    Welcome(Welcome),
    /// Type 0: a y-protocols sync message for one document. Byte-identical to the
    /// client's sync frame, so the server relays updates without re-encoding them.
    Sync { doc: DocName, message: SyncMessage },
    /// Type 1 on `"control"`: awareness states of other connections.
    Awareness { update: Vec<u8> },
    /// Type 102: a write to `doc` was refused and not applied, relayed or stored. The
    /// connection stays open. `code` is [`crate::permissions::Refusal::code`].
    Refused {
        doc: DocName,
        code: u32,
        reason: String,
    },
    /// Type 103 on the session channel: the server closes the connection after this.
    Error { code: ErrorCode, reason: String },
    /// Type 104 on the session channel: the first `count` writes (Step2 and Update
    /// frames) this connection sent are handled — stored durably (they survive a crash
    /// of the server), or refused, or changed nothing.
    Stored { count: u64 },
    /// Type 106 on the session channel: the answer to [`super::ClientMessage::Ping`],
    /// sent by the room itself, so it also says the session is being served.
    Pong,
}

impl ServerMessage {
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(32);
        match self {
            ServerMessage::Welcome(w) => {
                e.var_string(SESSION_CHANNEL)
                    .var_uint(t::WELCOME)
                    .var_uint(u64::from(w.version))
                    .var_string(w.session.as_str())
                    .var_string(w.role.as_str())
                    .var_string(w.participant.as_str())
                    .var_uint(w.server_time_ms)
                    .var_uint(w.documents.len() as u64);
                for doc in &w.documents {
                    e.var_string(&doc.to_string());
                }
            }
            ServerMessage::Sync { doc, message } => {
                e.var_string(&doc.to_string()).var_uint(t::SYNC);
                message.encode(&mut e);
            }
            ServerMessage::Awareness { update } => {
                e.var_string(AWARENESS_DOC)
                    .var_uint(t::AWARENESS)
                    .var_bytes(update);
            }
            ServerMessage::Refused { doc, code, reason } => {
                e.var_string(&doc.to_string())
                    .var_uint(t::REFUSED)
                    .var_uint(u64::from(*code))
                    .var_string(reason);
            }
            ServerMessage::Error { code, reason } => {
                e.var_string(SESSION_CHANNEL)
                    .var_uint(t::ERROR)
                    .var_uint(u64::from(code.code()))
                    .var_string(reason);
            }
            ServerMessage::Stored { count } => {
                e.var_string(SESSION_CHANNEL)
                    .var_uint(t::STORED)
                    .var_uint(*count);
            }
            ServerMessage::Pong => {
                e.var_string(SESSION_CHANNEL).var_uint(t::PONG);
            }
        }
        e.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut d = Decoder::new(bytes);
        let (doc, kind) = read_header(&mut d)?;
        let message = match kind {
            t::WELCOME => {
                expect_doc(doc, SESSION_CHANNEL, "welcome")?;
                let version = d.var_u32()?;
                let session = parse_field(d.var_string()?, "session")?;
                let role = parse_field(d.var_string()?, "role")?;
                let participant = parse_field(d.var_string()?, "participant")?;
                let server_time_ms = d.var_uint()?;
                let count = d.var_uint()?;
                let mut documents = Vec::new();
                for _ in 0..count {
                    documents.push(d.var_string()?.parse()?);
                }
                ServerMessage::Welcome(Welcome {
                    version,
                    session,
                    role,
                    participant,
                    server_time_ms,
                    documents,
                })
            }
            t::SYNC => ServerMessage::Sync {
                doc: doc.parse()?,
                message: SyncMessage::decode(&mut d)?,
            },
            t::AWARENESS => {
                expect_doc(doc, AWARENESS_DOC, "awareness")?;
                ServerMessage::Awareness {
                    update: d.var_bytes()?.to_vec(),
                }
            }
            t::REFUSED => ServerMessage::Refused {
                doc: doc.parse()?,
                code: d.var_u32()?,
                reason: d.var_string()?.to_owned(),
            },
            t::ERROR => {
                expect_doc(doc, SESSION_CHANNEL, "error")?;
                let raw = d.var_u32()?;
                let code = ErrorCode::from_code(raw).ok_or(DecodeError::InvalidField {
                    field: "error code",
                    reason: format!("unknown code {raw}"),
                })?;
                ServerMessage::Error {
                    code,
                    reason: d.var_string()?.to_owned(),
                }
            }
            t::STORED => {
                expect_doc(doc, SESSION_CHANNEL, "stored")?;
                ServerMessage::Stored {
                    count: d.var_uint()?,
                }
            }
            t::PONG => {
                expect_doc(doc, SESSION_CHANNEL, "pong")?;
                ServerMessage::Pong
            }
            other => return Err(DecodeError::UnknownMessageType(other)),
        };
        d.finish()?;
        Ok(message)
    }
}

fn parse_field<T>(s: &str, field: &'static str) -> Result<T, DecodeError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    s.parse().map_err(|e: T::Err| DecodeError::InvalidField {
        field,
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<ServerMessage> {
        let doc: DocName = "participant/abcdefgh".parse().unwrap();
        let mut all = vec![
            ServerMessage::Welcome(Welcome {
                version: 1,
                session: "session1".parse().unwrap(),
                role: Role::Observer,
                participant: "abcdefgh".parse().unwrap(),
                server_time_ms: 1_790_000_000_000,
                documents: vec![DocName::Control, doc.clone()],
            }),
            ServerMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Step1(vec![0]),
            },
            ServerMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Step2(vec![9; 300]),
            },
            ServerMessage::Sync {
                doc: DocName::Control,
                message: SyncMessage::Update(vec![1]),
            },
            ServerMessage::Awareness { update: vec![0] },
            ServerMessage::Stored { count: 300 },
            ServerMessage::Pong,
            ServerMessage::Refused {
                doc,
                code: 3,
                reason: "not yours".into(),
            },
        ];
        // Every role travels by name in the welcome.
        for role in Role::ALL {
            all.push(ServerMessage::Welcome(Welcome {
                version: 1,
                session: "session1".parse().unwrap(),
                role,
                participant: "abcdefgh".parse().unwrap(),
                server_time_ms: 0,
                documents: vec![DocName::Control],
            }));
        }
        for code in ErrorCode::ALL {
            all.push(ServerMessage::Error {
                code,
                reason: format!("reason {code:?}"),
            });
        }
        all
    }

    #[test]
    fn every_variant_round_trips() {
        for message in every_variant() {
            let bytes = message.encode();
            assert_eq!(ServerMessage::decode(&bytes).unwrap(), message);
        }
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        for message in every_variant() {
            let bytes = message.encode();
            for cut in 0..bytes.len() {
                assert!(
                    ServerMessage::decode(&bytes[..cut]).is_err(),
                    "{message:?} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn error_codes_are_distinct_and_map_to_close_codes() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.code()));
            assert_eq!(ErrorCode::from_code(code.code()), Some(code));
            assert!((4001..4100).contains(&code.close_code()));
        }
        assert_eq!(ErrorCode::from_code(999), None);
    }

    #[test]
    fn client_and_server_sync_frames_are_identical() {
        use crate::protocol::ClientMessage;
        let doc: DocName = "participant/abcdefgh".parse().unwrap();
        let message = SyncMessage::Update(vec![5, 6, 7]);
        let from_client = ClientMessage::Sync {
            doc: doc.clone(),
            message: message.clone(),
        }
        .encode();
        let from_server = ServerMessage::Sync { doc, message }.encode();
        assert_eq!(from_client, from_server);
    }
}
