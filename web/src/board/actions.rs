//! From the person to the documents: joining, sitting down, adding, moving, editing
//! and deleting cards, and switching the language. Each action writes through the
//! shared board functions (`ovaal_shared::board`), then [`Board::after_local_change`]
//! sends the resulting updates and redraws what changed.

use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::board::{
    CardKind, CardText, Location, NewCard, Profile, control, participant, seating,
};
use ovaal_shared::{CardId, DocName};

use super::Board;
use crate::board_model::card_places::place_name;
use crate::browser;
use crate::card_model::BoardCard;
use crate::dom::log_error;
use crate::i18n::{self, Key};
use crate::table_model;
use crate::view::cards::CardAction;
use crate::view::move_menu::MoveChoice;
use ovaal_shared::layout::Place as Region;
use ovaal_shared::layout::ring;

impl Board {
    pub(super) fn join(&self, name: String, location: Location) {
        {
            let mut session = self.session.borrow_mut();
            if !session.role().is_some_and(|r| r.writes()) {
                return;
            }
            let own = session.own_doc_name();
            let doc = session.docs.get_or_create(&own);
            let profile = match participant::read_profile(doc) {
                Some(existing) => Profile {
                    name,
                    location,
                    ..existing
                },
                None => Profile {
                    name,
                    seat: None,
                    location,
                    seat_claimed_ms: 0,
                },
            };
            participant::write_profile(doc, &profile);
        }
        self.after_local_change();
    }

    /// Sits down on a free seat (or moves there from another seat).
    pub(super) fn take_seat(&self, seat: u32) {
        {
            let mut session = self.session.borrow_mut();
            let Some(seats) = self.settings().as_ref().map(|s| s.seats) else {
                return;
            };
            let me = session.me().clone();
            let profiles = self.profiles();
            if seating::seat_holders(profiles.iter(), seats).contains_key(&seat) {
                return; // Taken meanwhile; the seat view will show by whom.
            }
            let Some(mut profile) = profiles.get(&me).cloned() else {
                return;
            };
            drop(profiles);
            profile.seat = Some(seat);
            profile.seat_claimed_ms = ovaal_shared::float::to_i64(browser::now_ms());
            let own = session.own_doc_name();
            participant::write_profile(session.docs.get_or_create(&own), &profile);
        }
        self.after_local_change();
        self.focus_next_step();
    }

    /// Gets up from the seat (from the "me" panel).
    pub(super) fn leave_seat(&self) {
        {
            let mut session = self.session.borrow_mut();
            let me = session.me().clone();
            let Some(mut profile) = self.profiles().get(&me).cloned() else {
                return;
            };
            if profile.seat.is_none() {
                return;
            }
            profile.seat = None;
            let own = session.own_doc_name();
            participant::write_profile(session.docs.get_or_create(&own), &profile);
        }
        self.after_local_change();
    }

    /// The facilitator's seat count (only they may write the control document).
    pub(super) fn set_seat_count(&self, seats: u32) {
        {
            let session = self.session.borrow();
            if !session.may_write(&DocName::Control) {
                return;
            }
            let Some(doc) = session.docs.get(&DocName::Control) else {
                return;
            };
            if let Err(e) = control::write_seat_count(doc, seats) {
                log_error("seats", &e);
                return;
            }
        }
        self.after_local_change();
    }

    pub(super) fn seat_count(&self) -> u32 {
        self.settings().as_ref().map_or(0, |s| s.seats)
    }

    /// Adds a card. Where it lies is the layout's business (in front of its author, a
    /// case in the centre once its author is in the hot seat); the position written
    /// is its place's centre, for older readers. It goes to
    /// the person's own document, or in a private round to their private one, and
    /// records the phase it was written in.
    pub(super) fn add_card(&self, kind: CardKind, text: CardText) {
        self.add_card_to(self.target_doc(), kind, text);
    }

    fn add_card_to(&self, target: DocName, kind: CardKind, text: CardText) {
        let me = self.session.borrow().me().clone();
        if !self.ready_to_write(&target) {
            return;
        }
        let seats = self.seat_count();
        let seat = self
            .profiles()
            .get(&me)
            .and_then(|p| p.seat)
            .filter(|s| *s < seats);
        let position = match (kind, seat) {
            (CardKind::Case, _) => ring::place_position(Region::Centre, seats),
            (_, Some(seat)) => ring::place_position(Region::Seat(seat), seats),
            (_, None) => ring::unseated_position(),
        };
        let phase = self.facilitation().phase.clone();
        {
            let mut session = self.session.borrow_mut();
            let doc = session.docs.get_or_create(&target);
            let card = NewCard {
                id: CardId::from_random(browser::random_bytes()),
                kind,
                text,
                position,
                created_ms: ovaal_shared::float::to_i64(browser::now_ms()),
                phase,
            };
            participant::add_card_with(doc, &card);
        }
        self.after_local_change();
    }

    /// A note of the back-turned case-holder: into their private document of this
    /// phase, which nobody else receives.
    pub(super) fn add_note(&self, text: CardText) {
        if let Some(doc) = self.notes_doc().filter(|_| self.is_back_turned()) {
            self.add_card_to(doc, CardKind::Insight, text);
        }
    }

    /// The place a region is called by ("Table centre", "Seat 3 · Anna").
    pub(super) fn region_label(&self, region: Region) -> String {
        let m = self.model.borrow();
        place_name(m.lang(), m.control.get(), m.people.get(), region)
    }

    fn find_card(&self, doc: &DocName, id: &CardId) -> Option<BoardCard> {
        self.all_cards()
            .get(doc)?
            .iter()
            .find(|c| &c.id == id)
            .cloned()
    }

    /// "Move card to…": the centre, in front of a seat, or up or down in its place.
    pub(super) fn move_card_to(&self, doc: DocName, id: CardId, choice: MoveChoice) {
        match choice {
            MoveChoice::To(place) => self.move_card_place(doc, id, place),
            MoveChoice::Step(up) => self.reorder_card(doc, id, up),
        }
    }

    pub(super) fn open_move_menu(&self, doc: DocName, id: CardId, opener: web_sys::HtmlElement) {
        let seats = self.seat_count();
        let current = self.card_places().get(&id).copied();
        let steps = self.with_card_order(|facts, places| {
            (
                table_model::order::step_key(facts, places, &id, true).is_some(),
                table_model::order::step_key(facts, places, &id, false).is_some(),
            )
        });
        let places: Vec<(Region, String)> = std::iter::once(Region::Centre)
            .chain((0..seats).map(Region::Seat))
            .map(|region| (region, self.region_label(region)))
            .collect();
        self.move_menu
            .open(self.lang(), &opener, doc, id, &places, current, steps);
    }

    /// Deletes at once and offers the card back in the undo toast.
    fn delete_card(&self, name: DocName, id: CardId) {
        let Some(card) = self.find_card(&name, &id) else {
            return;
        };
        if name == DocName::Carried || !self.ready_to_write(&name) {
            return;
        }
        let result = {
            let session = self.session.borrow();
            match session.docs.get(&name) {
                Some(doc) => participant::delete_card(doc, &id),
                None => return,
            }
        };
        if let Err(e) = result {
            log_error("card", &e);
        }
        self.after_local_change();
        let lang = self.lang();
        let weak = self.weak();
        self.notices
            .show_undo(lang, i18n::t(lang, Key::CardDeleted), move || {
                if let Some(board) = weak.upgrade() {
                    board.restore_card(card);
                }
            });
    }

    /// Puts a deleted card back exactly as it was (same id, place, time and phase).
    fn restore_card(&self, card: BoardCard) {
        let Ok(text) = CardText::new(&card.text) else {
            return;
        };
        if !self.ready_to_write(&card.doc) {
            return;
        }
        {
            let session = self.session.borrow();
            let Some(doc) = session.docs.get(&card.doc) else {
                return;
            };
            participant::add_card_with(
                doc,
                &NewCard {
                    id: card.id.clone(),
                    kind: card.kind,
                    text,
                    position: card.position,
                    created_ms: card.created_ms,
                    phase: card.phase.clone(),
                },
            );
            // A card that had been moved comes back where it lay, not in front of its
            // author: its place and order are keys beside the card's own fields.
            if let Some(place) = card.arranged.place {
                let _ = move_to_place(doc, &card.id, place, card.arranged.order);
            } else if let Some(order) = card.arranged.order {
                let _ = set_order(doc, &card.id, order);
            }
        }
        self.after_local_change();
        let lang = self.lang();
        self.notices.announce(i18n::t(lang, Key::CardRestored));
        // The undo button that was pressed is gone with its toast: the focus goes to
        // the card that came back, in whichever view is shown.
        let element = if self.view.get() == crate::layout::BoardView::List {
            self.list.item(&card.id)
        } else {
            self.cards.element(&card.id)
        };
        if let Some(element) = element {
            let _ = element.focus();
        }
    }

    pub(super) fn card_action(&self, action: CardAction) {
        let action = match action {
            CardAction::OpenMove { doc, id, opener } => {
                return self.open_move_menu(doc, id, opener);
            }
            CardAction::Delete { doc, id } => return self.delete_card(doc, id),
            CardAction::Triage { author, id, change } => {
                return self.triage_card(&author, &id, change);
            }
            CardAction::Drop { doc, id, x, y } => return self.drop_card(doc, id, x, y),
            CardAction::Step { doc, id, forward } => return self.step_card(doc, id, forward),
            CardAction::Reorder { doc, id, up } => return self.reorder_card(doc, id, up),
            CardAction::Spotlight { doc, id } => return self.spotlight_card(&doc, &id),
            other => other,
        };
        let result = {
            let CardAction::Edit { doc: name, .. } = &action else {
                return;
            };
            if !self.ready_to_write(name) {
                return;
            }
            let session = self.session.borrow();
            let Some(doc) = session.docs.get(name) else {
                return;
            };
            match (&action, name) {
                (
                    CardAction::Edit { id, text, .. },
                    DocName::Participant(_) | DocName::Private { .. },
                ) => participant::edit_card(doc, id, text),
                _ => Ok(()),
            }
        };
        // The card may have been deleted by someone else a moment ago: nothing to do
        // but redraw, which removes it here too.
        if let Err(e) = result {
            log_error("card", &e);
        }
        self.after_local_change();
    }

    /// Sends the new updates, redraws the documents that changed and writes them to
    /// the local copy at once (the server may be down: then that copy is all there is).
    pub(super) fn after_local_change(&self) {
        self.flush();
        self.note_undo_held();
        self.render_dirty(false);
        self.save_locally_now();
        // Also when no document changed (the undo manager's or the save state may
        // have, and they are drawn through the model like the rest).
        self.note_save_state();
    }

    /// NL ⇄ EN, remembered for next time. The language is one of the model's
    /// inputs: the switch is a model change like any other, and
    /// [`Board::render_model`] brings every view along.
    pub(super) fn switch_language(&self) {
        let lang = self.lang().other();
        self.model.borrow_mut().lang.set(lang);
        browser::remember_lang(lang);
        self.render_model(false);
    }
}
