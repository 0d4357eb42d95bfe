//! Undo and redo of the person's own card changes, with `yrs`'s [`UndoManager`] on
//! their own participant document.
//!
//! Only *local* transactions are recorded. The shared board functions
//! (`ovaal_shared::board::participant`) open their transactions without an origin,
//! and an undo manager whose only tracked origin is itself records exactly those
//! (yrs `undo.rs`, `should_skip`: "no origin" counts when the tracked set holds just
//! the manager). Everything from the server is applied with
//! [`crate::docs::REMOTE_ORIGIN`], which is not tracked: a card the facilitator
//! changed in your document, or your own edits arriving from another tab, are never
//! undone here. So the shared functions need no origin-taking variants.
//!
//! The scope is the `cards` map only: taking a seat or changing your name is not
//! something Ctrl+Z should silently revert in front of the group. Every transaction is
//! its own step (no time-based merging): one drop, one edit, one delete each.

use std::sync::Arc;

use yrs::Doc;
use yrs::undo::{Options, UndoManager};

/// The root map holding a participant's cards (see `docs/board-schema.md`).
const CARDS: &str = "cards";

pub struct OwnUndo {
    manager: UndoManager<()>,
}

impl OwnUndo {
    /// Starts recording local changes to `doc`'s cards from now on.
    pub fn new(doc: &Doc) -> Self {
        let options = Options {
            // Never merge two actions into one step.
            capture_timeout_millis: 0,
            tracked_origins: Default::default(),
            capture_transaction: None,
            // With no merging the clock is never consulted for a decision.
            timestamp: Arc::new(|| 1u64),
            init_undo_stack: Vec::new(),
            init_redo_stack: Vec::new(),
        };
        let mut manager = UndoManager::with_options(options);
        let cards = doc.get_or_insert_map(CARDS);
        manager.expand_scope(doc, &cards);
        Self { manager }
    }

    pub fn can_undo(&self) -> bool {
        self.manager.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.manager.can_redo()
    }

    /// Reverts the last own change; false when nothing changed (e.g. someone else
    /// already deleted the card in question).
    pub fn undo(&mut self) -> bool {
        // Steps whose effect someone else already removed are skipped by yrs until
        // one does change something (or the stack is empty).
        self.manager.undo_blocking()
    }

    pub fn redo(&mut self) -> bool {
        self.manager.redo_blocking()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::REMOTE_ORIGIN;
    use ovaal_shared::CardId;
    use ovaal_shared::board::{CardKind, CardText, Position, participant};
    use yrs::updates::decoder::Decode;
    use yrs::{ReadTxn, StateVector, Transact, Update};

    fn author() -> ovaal_shared::ParticipantId {
        "author-123".parse().unwrap()
    }

    fn add(doc: &Doc, seed: u8, text: &str) -> CardId {
        let id = CardId::from_random([seed; 16]);
        participant::add_card(
            doc,
            &id,
            CardKind::Question,
            &CardText::new(text).unwrap(),
            Position::CENTRE,
            i64::from(seed),
        );
        id
    }

    fn texts(doc: &Doc) -> Vec<String> {
        participant::read_cards(doc, &author())
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    /// Brings `to` up to date with `from` the way the client applies server data.
    fn sync_remote(from: &Doc, to: &Doc) {
        let sv = to.transact().state_vector();
        let update = from.transact().encode_diff_v1(&sv);
        let mut txn = to.transact_mut_with(REMOTE_ORIGIN);
        txn.apply_update(Update::decode_v1(&update).unwrap())
            .unwrap();
    }

    #[test]
    fn local_add_edit_move_delete_are_undone_and_redone_one_by_one() {
        let doc = Doc::new();
        let mut undo = OwnUndo::new(&doc);
        assert!(!undo.can_undo() && !undo.can_redo());
        let id = add(&doc, 1, "Eerste");
        participant::edit_card(&doc, &id, &CardText::new("Tweede").unwrap()).unwrap();
        participant::move_card(&doc, &id, Position { x: 0.1, y: 0.2 }).unwrap();
        assert!(undo.can_undo());

        assert!(undo.undo());
        let card = &participant::read_cards(&doc, &author())[0];
        assert_eq!(card.position, Position::CENTRE, "the move is undone");
        assert_eq!(card.text, "Tweede");
        assert!(undo.undo());
        assert_eq!(texts(&doc), ["Eerste"], "the edit is undone");
        assert!(undo.can_redo());
        assert!(undo.redo());
        assert_eq!(texts(&doc), ["Tweede"]);

        participant::delete_card(&doc, &id).unwrap();
        assert!(texts(&doc).is_empty());
        assert!(!undo.can_redo(), "a new change clears the redo stack");
        assert!(undo.undo());
        assert_eq!(texts(&doc), ["Tweede"], "the delete is undone");
    }

    #[test]
    fn remote_changes_are_not_undone() {
        let mine = Doc::new();
        let mut undo = OwnUndo::new(&mine);
        add(&mine, 1, "Van mij");

        // The facilitator adds a card to this document in another browser.
        let facilitator = Doc::new();
        sync_remote(&mine, &facilitator);
        add(&facilitator, 2, "Van de begeleider");
        sync_remote(&facilitator, &mine);
        assert_eq!(texts(&mine).len(), 2);

        assert!(undo.undo(), "our own add is undone");
        assert_eq!(texts(&mine), ["Van de begeleider"]);
        assert!(!undo.can_undo(), "the remote add was never recorded");
        // And what we send from the undo reaches the others.
        let sv = StateVector::default();
        let state = mine.transact().encode_state_as_update_v1(&sv);
        let replica = Doc::new();
        replica
            .transact_mut()
            .apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        assert_eq!(texts(&replica), ["Van de begeleider"]);
    }

    #[test]
    fn profile_changes_are_outside_the_scope() {
        let doc = Doc::new();
        let undo = OwnUndo::new(&doc);
        participant::write_profile(
            &doc,
            &ovaal_shared::board::Profile {
                name: "Anna".into(),
                seat: Some(1),
                location: ovaal_shared::board::Location::Room,
                seat_claimed_ms: 1,
            },
        );
        assert!(!undo.can_undo());
    }
}
