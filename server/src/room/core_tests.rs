//! The room's core without sockets, storage or a runtime: commands go in, and the
//! tests read what came out — the frames and close reasons in each connection's
//! outbox, and the effects the task would carry out. Permissions, private-round
//! reveals and kicks are decided here, so this is where they are proven; the
//! end-to-end tests (`tests/tests/`) prove the same over real WebSockets.

use std::collections::HashMap;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use tokio::sync::oneshot;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update, updates::decoder::Decode};

use super::core::{RoomCore, RoomSetup};
use super::documents::Documents;
use super::effect::Effect;
use super::load::Loaded;
use super::outbox::{Inbox, Next, outbox};
use super::{ConnId, Incoming, JoinRequest, RoomCommand};
use crate::close_reason::CloseReason;
use crate::config::Limits;
use crate::metrics::Metrics;
use ovaal_shared::board::facilitation::{
    read_facilitation, reveal, start_plan, write_hide_names, write_locked, write_phase,
};
use ovaal_shared::board::participant::{add_card, read_cards};
use ovaal_shared::board::{CardKind, CardText, Method, Position, new_doc};
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::{ClientMessage, ServerMessage, SyncMessage};
use ovaal_shared::{CardId, DocName, ParticipantId, Role};

/// One room and the other end of each joined connection's outbox.
struct Table {
    room: RoomCore,
    inboxes: HashMap<ConnId, Inbox>,
    /// The participant each connection acts as.
    people: HashMap<ConnId, ParticipantId>,
}

/// What a connection found in its outbox.
#[derive(Debug, Default)]
struct Received {
    messages: Vec<ServerMessage>,
    closed: Option<CloseReason>,
}

impl Received {
    /// The live updates of `doc` it was sent.
    fn updates_of(&self, doc: &DocName) -> Vec<&[u8]> {
        self.messages
            .iter()
            .filter_map(|m| match m {
                ServerMessage::Sync {
                    doc: d,
                    message: SyncMessage::Update(update),
                } if d == doc => Some(update.as_slice()),
                _ => None,
            })
            .collect()
    }

    /// The refusal codes it was sent for `doc`.
    fn refusals_of(&self, doc: &DocName) -> Vec<u32> {
        self.messages
            .iter()
            .filter_map(|m| match m {
                ServerMessage::Refused { doc: d, code, .. } if d == doc => Some(*code),
                _ => None,
            })
            .collect()
    }
}

fn person(name: &str) -> ParticipantId {
    format!("person-{name}").parse().unwrap()
}

/// A session whose control document holds `method`'s plan at `phase`.
fn control_at(method: Method, phase: &str) -> Doc {
    let control = new_doc();
    start_plan(&control, method);
    write_phase(&control, phase);
    control
}

/// A copy of `doc` as a browser would hold it (a client id of its own).
fn replica(doc: &Doc) -> Doc {
    let copy = new_doc();
    let state = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    copy.transact_mut()
        .apply_update(Update::decode_v1(&state).unwrap())
        .unwrap();
    copy
}

/// The update an edit of `doc` makes.
fn edit(doc: &Doc, change: impl FnOnce(&Doc)) -> Vec<u8> {
    let before = doc.transact().state_vector();
    change(doc);
    doc.transact().encode_state_as_update_v1(&before)
}

/// Adds a card; its id comes from its text, so two cards of a test differ.
fn card(doc: &Doc, text: &str) {
    let id = CardId::from_random([u8::try_from(text.len()).unwrap(); 16]);
    let text = CardText::new(text).unwrap();
    add_card(
        doc,
        &id,
        CardKind::Mirror,
        &text,
        Position { x: 0.5, y: 0.5 },
        1,
    );
}

impl Table {
    fn new(control: &Doc) -> Self {
        let mut docs = Documents::default();
        docs.insert(DocName::Control, replica(control), 0);
        let setup = RoomSetup {
            session: "session-under-test".parse().unwrap(),
            limits: Arc::new(Limits::default()),
            metrics: Arc::new(Metrics::default()),
            clustered: false,
        };
        let loaded = Loaded {
            docs,
            ended: false,
            through: 0,
        };
        Self {
            room: RoomCore::new(setup, loaded),
            inboxes: HashMap::new(),
            people: HashMap::new(),
        }
    }

    /// Joins a connection through `link` with room for `capacity` unsent frames.
    fn join_with(&mut self, conn: ConnId, role: Role, link: &str, who: &str, capacity: usize) {
        let (outbox, inbox) = outbox(capacity);
        let (reply, mut answer) = oneshot::channel();
        let participant = person(who);
        self.room.handle(RoomCommand::Join(Box::new(JoinRequest {
            conn,
            role,
            link_id: link.to_owned(),
            participant: participant.clone(),
            outbox,
            reply,
        })));
        let welcome = answer.try_recv().unwrap().unwrap();
        assert_eq!(welcome.role, role);
        self.inboxes.insert(conn, inbox);
        self.people.insert(conn, participant);
        // As a browser does: live updates of a document follow once it is in sync.
        self.sync(conn, &DocName::Control);
    }

    /// `conn` asks for a document (its Step1, knowing nothing yet).
    fn sync(&mut self, conn: ConnId, doc: &DocName) {
        let message = ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Step1(super::documents::EMPTY_STATE_VECTOR.to_vec()),
        };
        self.handle_frame(conn, message);
    }

    fn join(&mut self, conn: ConnId, role: Role, link: &str, who: &str) {
        self.join_with(conn, role, link, who, 64);
    }

    /// `conn` sends a live update of `doc`, as its socket would hand it to the room.
    fn send_update(&mut self, conn: ConnId, doc: &DocName, update: Vec<u8>) {
        let message = ClientMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Update(update),
        };
        self.handle_frame(conn, message);
    }

    fn handle_frame(&mut self, conn: ConnId, message: ClientMessage) {
        let raw = Bytes::from(message.encode());
        self.room.handle(RoomCommand::Frame(Box::new(Incoming {
            conn,
            message,
            raw,
        })));
    }

    /// Everything in `conn`'s outbox so far.
    fn received(&mut self, conn: ConnId) -> Received {
        let inbox = self.inboxes.get_mut(&conn).unwrap();
        let mut cx = Context::from_waker(Waker::noop());
        let mut got = Received::default();
        loop {
            match inbox.poll_next(&mut cx) {
                Poll::Ready(Next::Frame(bytes)) => {
                    got.messages.push(ServerMessage::decode(&bytes).unwrap());
                }
                Poll::Ready(Next::Close(why)) => {
                    got.closed = Some(why);
                    return got;
                }
                Poll::Ready(Next::Closed) | Poll::Pending => return got,
            }
        }
    }

    /// The effects of the commands so far, for the task.
    fn effects(&mut self) -> Vec<Effect> {
        self.room.effects().collect()
    }

    /// Forgets what everyone received and the effects so far.
    fn settle(&mut self) {
        let conns: Vec<ConnId> = self.inboxes.keys().copied().collect();
        for conn in conns {
            self.received(conn);
        }
        self.effects();
    }
}

/// The documents the effects would store.
fn stored(effects: &[Effect]) -> Vec<DocName> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Store { append, .. } => Some(append.doc.clone()),
            _ => None,
        })
        .collect()
}

fn acknowledged_in_line(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::AckInLine(_)))
        .count()
}

/// Who the effects record as having left.
fn departures(effects: &[Effect]) -> Vec<ParticipantId> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Attendance(crate::storage::AttendanceEvent::Left { participant, .. }) => {
                Some(participant.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_participants_forbidden_write_is_refused_neither_applied_relayed_nor_stored() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Facilitator, "f", "fien");
    table.join(2, Role::Participant, "p", "anna");
    table.join(3, Role::Participant, "p", "bram");
    table.join(4, Role::Observer, "o", "olga");
    table.settle();

    // Anna tries to lock the board: the control document is the facilitator's.
    let annas_copy = replica(&control);
    let lock = edit(&annas_copy, |d| write_locked(d, true));
    table.send_update(2, &DocName::Control, lock.clone());
    let anna = table.received(2);
    assert_eq!(
        anna.refusals_of(&DocName::Control),
        [Refusal::FacilitatorOnly.code()]
    );
    assert!(table.received(3).updates_of(&DocName::Control).is_empty());
    let effects = table.effects();
    assert!(stored(&effects).is_empty(), "a refused write was stored");
    // Refused writes are still acknowledged, in line with the others.
    assert_eq!(acknowledged_in_line(&effects), 1);

    // An observer may write nothing, not even their own cards.
    let olgas_cards = DocName::Participant(person("olga"));
    let olgas_copy = new_doc();
    let olgas_card = edit(&olgas_copy, |d| card(d, "Mag ik ook?"));
    table.send_update(4, &olgas_cards, olgas_card);
    assert_eq!(
        table.received(4).refusals_of(&olgas_cards),
        [Refusal::ReadOnlyRole.code()]
    );
    assert!(stored(&table.effects()).is_empty());

    // The same change from the facilitator is applied, relayed and stored.
    let fiens_copy = replica(&control);
    let lock = edit(&fiens_copy, |d| write_locked(d, true));
    table.send_update(1, &DocName::Control, lock.clone());
    assert!(table.received(1).refusals_of(&DocName::Control).is_empty());
    for reader in [2, 3, 4] {
        assert_eq!(
            table.received(reader).updates_of(&DocName::Control),
            [lock.as_slice()]
        );
    }
    assert_eq!(stored(&table.effects()), [DocName::Control]);

    // Now the board is locked: Anna's own card is refused too.
    let annas_cards = DocName::Participant(person("anna"));
    let annas_doc = new_doc();
    let annas_card = edit(&annas_doc, |d| card(d, "Wat maakt het zo moeilijk?"));
    table.send_update(2, &annas_cards, annas_card);
    assert_eq!(
        table.received(2).refusals_of(&annas_cards),
        [Refusal::BoardLocked.code()]
    );
    assert!(table.received(3).updates_of(&annas_cards).is_empty());
    assert!(stored(&table.effects()).is_empty());
}

#[test]
fn a_private_round_reaches_others_only_when_the_facilitator_reveals_it() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Facilitator, "f", "fien");
    table.join(2, Role::Participant, "p", "anna");
    table.join(3, Role::Participant, "p", "bram");
    table.settle();

    let annas_notes = DocName::Private {
        phase: "stillness".into(),
        owner: person("anna"),
    };
    let annas_doc = new_doc();
    let note = edit(&annas_doc, |d| card(d, "Ik zie iemand die twijfelt"));
    table.send_update(2, &annas_notes, note);
    assert!(table.received(2).refusals_of(&annas_notes).is_empty());
    // Stored, but sent to nobody: not Bram, not even the facilitator.
    assert_eq!(stored(&table.effects()), std::slice::from_ref(&annas_notes));
    for other in [1, 3] {
        let got = table.received(other);
        assert!(
            got.updates_of(&annas_notes).is_empty(),
            "connection {other} received a private note before the reveal"
        );
    }

    // The facilitator reveals the round: everyone who could not read it receives the
    // whole document at once.
    let fiens_copy = replica(&control);
    let reveal_round = edit(&fiens_copy, |d| reveal(d, "stillness"));
    table.send_update(1, &DocName::Control, reveal_round);
    for other in [1, 3] {
        let got = table.received(other);
        let updates = got.updates_of(&annas_notes);
        assert_eq!(updates.len(), 1, "connection {other}: {:?}", got.messages);
        let seen = new_doc();
        seen.transact_mut()
            .apply_update(Update::decode_v1(updates[0]).unwrap())
            .unwrap();
        let texts: Vec<String> = read_cards(&seen, &person("anna"))
            .into_iter()
            .map(|c| c.text.as_str().to_owned())
            .collect();
        assert_eq!(texts, ["Ik zie iemand die twijfelt"]);
    }
    // The author had it all along: nothing is sent to her again.
    assert!(table.received(2).updates_of(&annas_notes).is_empty());

    // From now on her further notes are relayed live like any card.
    let more = edit(&annas_doc, |d| card(d, "En iemand die moe is"));
    table.send_update(2, &annas_notes, more.clone());
    assert_eq!(
        table.received(3).updates_of(&annas_notes),
        [more.as_slice()]
    );
}

#[test]
fn a_note_for_a_round_that_is_not_private_is_refused() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(2, Role::Participant, "p", "anna");
    table.settle();
    let not_a_round = DocName::Private {
        phase: "no-such-round".into(),
        owner: person("anna"),
    };
    let note = edit(&new_doc(), |d| card(d, "Ergens anders"));
    table.send_update(2, &not_a_round, note);
    assert_eq!(table.received(2).refusals_of(&not_a_round).len(), 1);
    assert!(stored(&table.effects()).is_empty());
}

#[test]
fn revoking_a_link_and_removing_a_person_close_exactly_their_connections() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Facilitator, "f", "fien");
    table.join(2, Role::Participant, "p", "anna");
    // Anna on her phone too, through the same link.
    table.join(3, Role::Participant, "p", "anna");
    table.join(4, Role::Participant, "q", "bram");
    table.join(5, Role::Participant, "q", "cas");
    table.settle();

    table.room.handle(RoomCommand::RevokeLink {
        link_id: Box::new("p".into()),
    });
    for anna in [2, 3] {
        assert_eq!(
            table.received(anna).closed,
            Some(CloseReason::link_revoked())
        );
    }
    for other in [1, 4, 5] {
        assert_eq!(table.received(other).closed, None);
    }
    // Two tabs are one presence: she leaves the attendance record once.
    assert_eq!(departures(&table.effects()), [person("anna")]);

    table.room.handle(RoomCommand::RemoveParticipant {
        participant: Box::new(person("bram")),
    });
    assert_eq!(
        table.received(4).closed,
        Some(CloseReason::participant_removed())
    );
    assert_eq!(table.received(5).closed, None);
    assert_eq!(departures(&table.effects()), [person("bram")]);

    // Cas's writes still count; Bram's frames that were in flight do not.
    let cas_cards = DocName::Participant(person("cas"));
    let cas_card = edit(&new_doc(), |d| card(d, "Nog steeds hier"));
    table.send_update(5, &cas_cards, cas_card);
    let bram_cards = DocName::Participant(person("bram"));
    let bram_card = edit(&new_doc(), |d| card(d, "Te laat"));
    table.send_update(4, &bram_cards, bram_card);
    assert_eq!(stored(&table.effects()), [cas_cards]);
    assert!(!table.room.is_deleted());
}

#[test]
fn deleting_the_session_closes_everyone_and_stops_the_room() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Facilitator, "f", "fien");
    table.join(2, Role::Participant, "p", "anna");
    table.settle();
    table.room.handle(RoomCommand::Delete);
    for conn in [1, 2] {
        assert_eq!(
            table.received(conn).closed,
            Some(CloseReason::session_deleted())
        );
    }
    assert!(table.room.is_deleted());
}

#[test]
fn a_connection_that_reads_too_slowly_is_dropped_with_a_reason() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Facilitator, "f", "fien");
    // Room for two unsent frames (the answer to her Step1, read by `settle`).
    table.join_with(2, Role::Participant, "p", "anna", 2);
    table.join(3, Role::Participant, "p", "bram");
    table.settle();

    let fiens_copy = replica(&control);
    let first = edit(&fiens_copy, |d| write_hide_names(d, true));
    table.send_update(1, &DocName::Control, first);
    let second = edit(&fiens_copy, |d| write_locked(d, true));
    table.send_update(1, &DocName::Control, second);
    let third = edit(&fiens_copy, |d| write_locked(d, false));
    table.send_update(1, &DocName::Control, third);

    // Anna read none of them: the third finds her queue full.
    assert_eq!(table.received(2).closed, Some(CloseReason::too_slow()));
    let bram = table.received(3);
    assert_eq!(bram.closed, None);
    assert_eq!(bram.updates_of(&DocName::Control).len(), 3);
    assert_eq!(departures(&table.effects()), [person("anna")]);
}

#[test]
fn shutting_down_tells_everyone_and_turns_newcomers_away() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    table.join(1, Role::Participant, "p", "anna");
    table.settle();
    table.room.shut_down();
    assert_eq!(table.received(1).closed, Some(CloseReason::shutting_down()));
    assert_eq!(departures(&table.effects()), [person("anna")]);

    let (outbox, _inbox) = outbox(4);
    let (reply, mut answer) = oneshot::channel();
    table.room.handle(RoomCommand::Join(Box::new(JoinRequest {
        conn: 2,
        role: Role::Participant,
        link_id: "p".into(),
        participant: person("bram"),
        outbox,
        reply,
    })));
    assert!(matches!(
        answer.try_recv(),
        Ok(Err(super::JoinError::ShuttingDown))
    ));
}

/// The whole-document answer (Step 2) `conn` was sent for `doc`, applied to a fresh
/// replica.
fn answered_copy(received: &Received, doc: &DocName) -> Doc {
    let copy = new_doc();
    for m in &received.messages {
        if let ServerMessage::Sync {
            doc: d,
            message: SyncMessage::Step2(update),
        } = m
            && d == doc
        {
            copy.transact_mut()
                .apply_update(Update::decode_v1(update).unwrap())
                .unwrap();
        }
    }
    copy
}

#[test]
fn a_document_only_read_stays_encoded_until_its_first_write() {
    let control = control_at(Method::CaseClinic, "stillness");
    let mut table = Table::new(&control);
    // Loading read the settings from the control document, then let it go.
    assert_eq!(table.room.docs.restored(), 0);

    // Newcomers are answered the whole document from its encoding.
    table.join(1, Role::Facilitator, "f", "fien");
    table.join(2, Role::Participant, "p", "anna");
    let annas = answered_copy(&table.received(2), &DocName::Control);
    assert_eq!(
        annas.transact().state_vector(),
        control.transact().state_vector()
    );
    assert!(!read_facilitation(&annas).locked);
    assert_eq!(table.room.docs.restored(), 0);
    table.settle();

    // The first write restores it; it is then the only copy, and newcomers get it.
    let lock = edit(&replica(&control), |d| write_locked(d, true));
    table.send_update(1, &DocName::Control, lock.clone());
    assert_eq!(stored(&table.effects()), [DocName::Control]);
    assert_eq!(
        table.received(2).updates_of(&DocName::Control),
        [lock.as_slice()]
    );
    assert_eq!(table.room.docs.restored(), 1);
    table.join(3, Role::Participant, "p", "bram");
    let brams = answered_copy(&table.received(3), &DocName::Control);
    assert!(read_facilitation(&brams).locked);
}
