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
//!
//! - [`incoming`]: what each server message changes and what it is answered with.
//! - [`outgoing`]: local edits turned into frames, or kept for the next handshake.

mod incoming;
mod outgoing;

use ovaal_shared::permissions::{Policy, may_write_in};
use ovaal_shared::protocol::{ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION};
use ovaal_shared::{DocName, ParticipantId, Role};

use crate::docs::DocSet;
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
        self.role
            .is_some_and(|role| may_write_in(role, &self.me, doc, &self.policy()).is_ok())
    }

    /// The shared permission rule's settings as this connection knows them: only the
    /// hot seat (see [`Session::may_write`]).
    fn policy(&self) -> Policy {
        Policy {
            hot_seat: self.hot_seat.clone(),
            ..Policy::default()
        }
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
}

/// What the tests of both directions build on.
#[cfg(test)]
mod fixtures {
    use ovaal_shared::board::{Location, Profile};
    use ovaal_shared::protocol::{PROTOCOL_VERSION, ServerMessage, Welcome};
    use ovaal_shared::{DocName, ParticipantId, Role};

    pub(super) fn me() -> ParticipantId {
        "me-1234567".parse().unwrap()
    }

    pub(super) fn welcome(role: Role, documents: Vec<DocName>) -> ServerMessage {
        ServerMessage::Welcome(Welcome {
            version: PROTOCOL_VERSION,
            session: "session1".parse().unwrap(),
            role,
            participant: me(),
            server_time_ms: 0,
            documents,
        })
    }

    pub(super) fn profile() -> Profile {
        Profile {
            name: "Anna".into(),
            seat: None,
            location: Location::Room,
            seat_claimed_ms: 0,
        }
    }
}
