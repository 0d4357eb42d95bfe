//! The client side of the sync protocol, without any I/O: messages in, messages out.
//! The browser glue ([`crate::connection`]) only moves bytes; every protocol decision
//! is made here, where the host test suite can check it.
//!
//! Per connection: `Hello` → `Welcome` → a Step1 for every document (the server's and
//! our own) → the server answers with Step2s and its own Step1s → we answer those with
//! Step2s for the documents we may write (which is how edits made offline reach the
//! server) → live `Update`s both ways. Local updates made while not connected are
//! dropped from the send queue on purpose: they stay in the documents and the next
//! handshake's Step2 carries them.

use ovaal_shared::permissions::{Policy, may_write_in};
use ovaal_shared::protocol::{
    ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION, ServerMessage, SyncMessage,
};
use ovaal_shared::{DocName, ParticipantId, Role};

use crate::docs::{DocSet, DocsError};
use crate::saves::Saves;

/// Something the view or the connection has to react to.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The handshake succeeded with this role; `server_time_ms` is the server's clock
    /// when it answered (for the timer's offset).
    Welcomed { role: Role, server_time_ms: u64 },
    /// Server data was applied to `doc`; `live` is true for updates made just now by
    /// someone else (worth announcing), false for catching up.
    Applied { doc: DocName, live: bool },
    /// Presence of other browsers (an awareness update to decode).
    Awareness(Vec<u8>),
    /// The server acknowledged stored writes: the "saved" indication may change.
    Stored,
    /// A write of ours was refused; the connection stays.
    Refused {
        doc: DocName,
        code: u32,
        reason: String,
    },
    /// The server is closing the connection.
    Closing { code: ErrorCode, reason: String },
}

/// What handling one server message produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub replies: Vec<ClientMessage>,
    pub event: Option<Event>,
}

pub struct Session {
    pub docs: DocSet,
    /// Which changes the server has stored ("saved" / "not yet saved").
    pub saves: Saves,
    me: ParticipantId,
    role: Option<Role>,
    /// True between `Welcome` and the end of the connection.
    live: bool,
    /// Our own document exists on the server and its content has not arrived yet, so
    /// "has this person joined?" cannot be answered yet.
    own_pending: bool,
    /// Who sits in the hot seat: the one person whose triage writes go out.
    hot_seat: Option<ParticipantId>,
}

impl Session {
    pub fn new(me: ParticipantId) -> Self {
        Self {
            docs: DocSet::default(),
            saves: Saves::default(),
            me,
            role: None,
            live: false,
            own_pending: true,
            hot_seat: None,
        }
    }

    /// The hot seat from the control document (see [`Session::may_write`]).
    pub fn set_hot_seat(&mut self, hot_seat: Option<ParticipantId>) {
        self.hot_seat = hot_seat;
    }

    pub fn me(&self) -> &ParticipantId {
        &self.me
    }

    /// The role from the last `Welcome`; `None` before the first one.
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// The role remembered from an earlier visit, so a page loaded while the server is
    /// down still offers writing; the next `Welcome` says the real role.
    pub fn assume_role(&mut self, role: Role) {
        if self.role.is_none() {
            self.role = Some(role);
        }
    }

    pub fn is_live(&self) -> bool {
        self.live
    }

    pub fn own_doc_name(&self) -> DocName {
        DocName::Participant(self.me.clone())
    }

    /// Whether we know what the server holds of our own document (so a missing
    /// profile really means "not joined yet").
    pub fn own_doc_ready(&self) -> bool {
        self.role.is_some() && !self.own_pending
    }

    /// Whether this connection writes `doc` at all (asks the shared permission rule
    /// with the hot seat but without the facilitator's momentary settings: the page
    /// offers no writes those forbid, and a handshake's Step2 of offline edits goes
    /// out whatever the lock says, for the server to decide).
    pub fn may_write(&self, doc: &DocName) -> bool {
        let policy = Policy {
            hot_seat: self.hot_seat.clone(),
            ..Policy::default()
        };
        self.role
            .is_some_and(|role| may_write_in(role, &self.me, doc, &policy).is_ok())
    }

    /// The first frame on a new socket.
    pub fn hello(&mut self, token: &str, key: &str) -> ClientMessage {
        self.live = false;
        ClientMessage::Hello(Hello {
            version: PROTOCOL_VERSION,
            token: token.to_owned(),
            participant: self.me.clone(),
            key: key.to_owned(),
        })
    }

    /// The socket is gone; keep the documents, stop sending.
    pub fn disconnected(&mut self) {
        self.live = false;
        self.saves.disconnected();
    }

    pub fn handle(&mut self, message: ServerMessage) -> Result<Outcome, DocsError> {
        let mut out = Outcome::default();
        match message {
            ServerMessage::Welcome(welcome) => {
                self.role = Some(welcome.role);
                self.me = welcome.participant;
                self.live = true;
                let own = self.own_doc_name();
                self.own_pending = welcome.documents.contains(&own);
                for doc in &welcome.documents {
                    self.docs.get_or_create(doc);
                }
                let names: Vec<DocName> = self.docs.names().cloned().collect();
                for doc in names {
                    let sv = self.docs.state_vector(&doc)?;
                    out.replies.push(ClientMessage::Sync {
                        doc,
                        message: SyncMessage::Step1(sv),
                    });
                }
                // Anything queued before the handshake is covered by it (our Step2s).
                for (doc, _) in self.docs.take_local_updates() {
                    self.saves.changed_offline(&doc);
                }
                let (role, me) = (welcome.role, self.me.clone());
                let policy = Policy {
                    hot_seat: self.hot_seat.clone(),
                    ..Policy::default()
                };
                self.saves
                    .retain_unsent(|doc| may_write_in(role, &me, doc, &policy).is_ok());
                out.event = Some(Event::Welcomed {
                    role: welcome.role,
                    server_time_ms: welcome.server_time_ms,
                });
            }
            ServerMessage::Sync { doc, message } => match message {
                SyncMessage::Step1(sv) => {
                    // Only answer for documents we may write: the server would refuse
                    // anything else, and a read-only client has nothing to add.
                    if self.may_write(&doc) {
                        let diff = self.docs.diff(&doc, &sv)?;
                        self.saves.sent(&doc);
                        out.replies.push(ClientMessage::Sync {
                            doc,
                            message: SyncMessage::Step2(diff),
                        });
                    }
                }
                SyncMessage::Step2(update) => {
                    self.docs.apply_remote(&doc, &update)?;
                    if doc == self.own_doc_name() {
                        self.own_pending = false;
                    }
                    out.event = Some(Event::Applied { doc, live: false });
                }
                SyncMessage::Update(update) => {
                    self.docs.apply_remote(&doc, &update)?;
                    out.event = Some(Event::Applied { doc, live: true });
                }
            },
            ServerMessage::Awareness { update } => out.event = Some(Event::Awareness(update)),
            ServerMessage::Stored { count } => {
                self.saves.stored(count);
                out.event = Some(Event::Stored);
            }
            ServerMessage::Refused { doc, code, reason } => {
                out.event = Some(Event::Refused { doc, code, reason });
            }
            ServerMessage::Error { code, reason } => {
                self.live = false;
                out.event = Some(Event::Closing { code, reason });
            }
        }
        Ok(out)
    }

    /// Turns local edits into `Update` frames while connected; otherwise drops them
    /// from the queue (they stay in the documents for the next handshake).
    pub fn outgoing(&mut self) -> Vec<ClientMessage> {
        let updates = self.docs.take_local_updates();
        if !self.live {
            // Before the first welcome the role is unknown: keep them all; the
            // welcome drops what this role never sends.
            for (doc, _) in updates {
                if self.role.is_none() || self.may_write(&doc) {
                    self.saves.changed_offline(&doc);
                }
            }
            return Vec::new();
        }
        let mut out = Vec::new();
        for (doc, update) in updates {
            if self.may_write(&doc) {
                self.saves.sent(&doc);
                out.push(ClientMessage::Sync {
                    doc,
                    message: SyncMessage::Update(update),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::{Location, Profile, participant};
    use ovaal_shared::protocol::Welcome;

    fn me() -> ParticipantId {
        "me-1234567".parse().unwrap()
    }

    fn welcome(role: Role, documents: Vec<DocName>) -> ServerMessage {
        ServerMessage::Welcome(Welcome {
            version: PROTOCOL_VERSION,
            session: "session1".parse().unwrap(),
            role,
            participant: me(),
            server_time_ms: 0,
            documents,
        })
    }

    fn profile() -> Profile {
        Profile {
            name: "Anna".into(),
            seat: None,
            location: Location::Room,
            seat_claimed_ms: 0,
        }
    }

    #[test]
    fn welcome_sends_step1_for_server_and_local_documents() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        assert!(
            s.outgoing().is_empty(),
            "offline edits wait for the handshake"
        );
        let out = s
            .handle(welcome(Role::Participant, vec![DocName::Control]))
            .unwrap();
        let docs: Vec<String> = out
            .replies
            .iter()
            .map(|m| match m {
                ClientMessage::Sync {
                    doc,
                    message: SyncMessage::Step1(_),
                } => doc.to_string(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(docs, ["control", "participant/me-1234567"]);
        assert!(s.own_doc_ready(), "the server has no document of ours yet");
    }

    #[test]
    fn server_step1_is_answered_only_for_writable_documents() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        s.handle(welcome(Role::Participant, vec![DocName::Control]))
            .unwrap();
        let empty_sv = vec![0];
        let mine = s
            .handle(ServerMessage::Sync {
                doc: own.clone(),
                message: SyncMessage::Step1(empty_sv.clone()),
            })
            .unwrap();
        assert!(matches!(
            &mine.replies[..],
            [ClientMessage::Sync { message: SyncMessage::Step2(diff), .. }] if diff.len() > 2
        ));
        let control = s
            .handle(ServerMessage::Sync {
                doc: DocName::Control,
                message: SyncMessage::Step1(empty_sv),
            })
            .unwrap();
        assert!(control.replies.is_empty());
    }

    #[test]
    fn live_edits_are_sent_remote_ones_are_not_echoed() {
        let mut writer = Session::new(me());
        writer.handle(welcome(Role::Participant, vec![])).unwrap();
        let own = writer.own_doc_name();
        participant::write_profile(writer.docs.get_or_create(&own), &profile());
        let sent = writer.outgoing();
        let [
            ClientMessage::Sync {
                doc,
                message: SyncMessage::Update(bytes),
            },
        ] = &sent[..]
        else {
            panic!("expected one update, got {sent:?}");
        };

        let mut reader = Session::new("observer-1".parse().unwrap());
        reader.handle(welcome(Role::Observer, vec![])).unwrap();
        let out = reader
            .handle(ServerMessage::Sync {
                doc: doc.clone(),
                message: SyncMessage::Update(bytes.clone()),
            })
            .unwrap();
        assert_eq!(
            out.event,
            Some(Event::Applied {
                doc: doc.clone(),
                live: true
            })
        );
        assert!(reader.outgoing().is_empty());
        let got = participant::read_profile(reader.docs.get(doc).unwrap());
        assert_eq!(got.map(|p| p.name), Some("Anna".into()));
    }

    #[test]
    fn own_document_is_pending_until_its_step2() {
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        s.handle(welcome(Role::Participant, vec![own.clone()]))
            .unwrap();
        assert!(!s.own_doc_ready());
        s.handle(ServerMessage::Sync {
            doc: own,
            message: SyncMessage::Step2(vec![0, 0]),
        })
        .unwrap();
        assert!(s.own_doc_ready());
    }

    #[test]
    fn offline_edits_are_pending_until_their_step2_is_stored() {
        use crate::saves::SaveState;
        let mut s = Session::new(me());
        let own = s.own_doc_name();
        participant::write_profile(s.docs.get_or_create(&own), &profile());
        s.outgoing();
        assert_eq!(s.saves.state(), SaveState::Pending);
        s.handle(welcome(Role::Participant, vec![])).unwrap();
        assert_eq!(s.saves.state(), SaveState::Pending);
        s.handle(ServerMessage::Sync {
            doc: own,
            message: SyncMessage::Step1(vec![0]),
        })
        .unwrap();
        let out = s.handle(ServerMessage::Stored { count: 1 }).unwrap();
        assert_eq!(out.event, Some(Event::Stored));
        assert_eq!(s.saves.state(), SaveState::Saved);
    }

    #[test]
    fn errors_stop_sending() {
        let mut s = Session::new(me());
        s.handle(welcome(Role::Facilitator, vec![])).unwrap();
        let out = s
            .handle(ServerMessage::Error {
                code: ErrorCode::Unauthorized,
                reason: "bad token".into(),
            })
            .unwrap();
        assert!(matches!(
            out.event,
            Some(Event::Closing {
                code: ErrorCode::Unauthorized,
                ..
            })
        ));
        assert!(!s.is_live());
        assert!(
            s.may_write(&DocName::Control),
            "the role is remembered for the view"
        );
    }
}
