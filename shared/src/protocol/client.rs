//! Messages from a client to the server.

use super::lib0::{DecodeError, Decoder, Encoder};
use super::{
    AWARENESS_DOC, SESSION_CHANNEL, SyncMessage, expect_doc, message_type as t, read_header,
};
use crate::ids::{DocName, ParticipantId};

/// The first message on every connection: who I am and which protocol I speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    /// Must equal the server's [`super::PROTOCOL_VERSION`].
    pub version: u32,
    /// The capability token from the link the person opened.
    pub token: String,
    /// The person's id, chosen by their browser and kept in local storage.
    pub participant: ParticipantId,
    /// A secret kept next to the id; the first connection binds it to the id and
    /// later connections must present the same one.
    pub key: String,
}

impl Hello {
    /// A participant key must be a real secret, not an empty string…
    pub const MIN_KEY_CHARS: usize = 16;
    /// …and not a burden to hash.
    pub const MAX_KEY_CHARS: usize = 256;

    /// Whether a key has an acceptable length (the server checks it after the
    /// version, so a client of another protocol version hears about the version).
    pub fn valid_key(key: &str) -> bool {
        (Self::MIN_KEY_CHARS..=Self::MAX_KEY_CHARS).contains(&key.chars().count())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientMessage {
    /// Type 100 on the session channel (`""`). Must be the first frame.
    Hello(Hello),
    /// Type 0: a y-protocols sync message for one document.
    Sync { doc: DocName, message: SyncMessage },
    /// Type 1 on `"control"`: a y-protocols awareness update (this client's presence).
    Awareness { update: Vec<u8> },
    /// Type 3 on `"control"`: "send me everyone's awareness state".
    QueryAwareness,
    /// Type 105 on the session channel: "are you still there?" — answered with
    /// [`super::ServerMessage::Pong`]. A quiet network path can die without closing
    /// the socket; a client that hears nothing for a while knows it is cut off.
    Ping,
}

impl ClientMessage {
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(32);
        match self {
            ClientMessage::Hello(h) => {
                e.var_string(SESSION_CHANNEL)
                    .var_uint(t::HELLO)
                    .var_uint(u64::from(h.version))
                    .var_string(&h.token)
                    .var_string(h.participant.as_str())
                    .var_string(&h.key);
            }
            ClientMessage::Sync { doc, message } => {
                e.var_string(&doc.to_string()).var_uint(t::SYNC);
                message.encode(&mut e);
            }
            ClientMessage::Awareness { update } => {
                e.var_string(AWARENESS_DOC)
                    .var_uint(t::AWARENESS)
                    .var_bytes(update);
            }
            ClientMessage::QueryAwareness => {
                e.var_string(AWARENESS_DOC).var_uint(t::QUERY_AWARENESS);
            }
            ClientMessage::Ping => {
                e.var_string(SESSION_CHANNEL).var_uint(t::PING);
            }
        }
        e.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut d = Decoder::new(bytes);
        let (doc, kind) = read_header(&mut d)?;
        let message = match kind {
            t::HELLO => {
                expect_doc(doc, SESSION_CHANNEL, "hello")?;
                let version = d.var_u32()?;
                let token = d.var_string()?.to_owned();
                let participant = d.var_string()?.parse().map_err(|e: crate::IdError| {
                    DecodeError::InvalidField {
                        field: "participant",
                        reason: e.to_string(),
                    }
                })?;
                let key = d.var_string()?.to_owned();
                ClientMessage::Hello(Hello {
                    version,
                    token,
                    participant,
                    key,
                })
            }
            t::SYNC => ClientMessage::Sync {
                doc: doc.parse()?,
                message: SyncMessage::decode(&mut d)?,
            },
            t::AWARENESS => {
                expect_doc(doc, AWARENESS_DOC, "awareness")?;
                ClientMessage::Awareness {
                    update: d.var_bytes()?.to_vec(),
                }
            }
            t::QUERY_AWARENESS => {
                expect_doc(doc, AWARENESS_DOC, "query awareness")?;
                ClientMessage::QueryAwareness
            }
            t::PING => {
                expect_doc(doc, SESSION_CHANNEL, "ping")?;
                ClientMessage::Ping
            }
            other => return Err(DecodeError::UnknownMessageType(other)),
        };
        d.finish()?;
        Ok(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<ClientMessage> {
        let doc: DocName = "participant/abcdefgh".parse().unwrap();
        vec![
            ClientMessage::Hello(Hello {
                version: 1,
                token: "tok-é".into(),
                participant: "abcdefgh".parse().unwrap(),
                key: "secret".into(),
            }),
            ClientMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Step1(vec![0]),
            },
            ClientMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Step2(vec![1, 2, 3]),
            },
            ClientMessage::Sync {
                doc: DocName::Control,
                message: SyncMessage::Update(vec![]),
            },
            ClientMessage::Awareness {
                update: vec![1, 2, 3, 4],
            },
            ClientMessage::QueryAwareness,
            ClientMessage::Ping,
        ]
    }

    #[test]
    fn every_variant_round_trips() {
        for message in every_variant() {
            let bytes = message.encode();
            assert_eq!(ClientMessage::decode(&bytes).unwrap(), message);
        }
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        for message in every_variant() {
            let bytes = message.encode();
            for cut in 0..bytes.len() {
                assert!(
                    ClientMessage::decode(&bytes[..cut]).is_err(),
                    "{message:?} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn sync_frame_matches_y_protocols_layout() {
        // y-protocols writeSyncStep1 of an empty doc is [0, 0, 1, 0]; Hocuspocus puts
        // varString("control") in front.
        let bytes = ClientMessage::Sync {
            doc: DocName::Control,
            message: SyncMessage::Step1(vec![0]),
        }
        .encode();
        assert_eq!(bytes, b"\x07control\x00\x00\x01\x00");
    }

    #[test]
    fn rejects_misplaced_and_unknown_messages() {
        let mut e = Encoder::new();
        e.var_string("").var_uint(t::AWARENESS).var_bytes(&[]);
        assert!(matches!(
            ClientMessage::decode(&e.finish()),
            Err(DecodeError::InvalidField { .. })
        ));
        let mut e = Encoder::new();
        e.var_string("control").var_uint(42);
        assert_eq!(
            ClientMessage::decode(&e.finish()),
            Err(DecodeError::UnknownMessageType(42))
        );
        let mut e = Encoder::new();
        e.var_string("control")
            .var_uint(t::SYNC)
            .var_uint(7)
            .var_bytes(&[]);
        assert_eq!(
            ClientMessage::decode(&e.finish()),
            Err(DecodeError::UnknownSyncType(7))
        );
        let mut bytes = ClientMessage::QueryAwareness.encode();
        bytes.push(0);
        assert_eq!(
            ClientMessage::decode(&bytes),
            Err(DecodeError::TrailingBytes(1))
        );
    }
}
