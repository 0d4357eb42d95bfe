//! From the person to the documents: joining, sitting down, adding, moving, editing
//! and deleting cards, and switching the language. Each action writes through the
//! shared board functions (`ovaal_shared::board`), then [`Board::after_local_change`]
//! sends the resulting updates and redraws what changed.

use ovaal_shared::board::{CardKind, CardText, Location, Profile, participant, seating};
use ovaal_shared::{CardId, DocName};

use super::Board;
use crate::browser;
use crate::dom::{self, log_error};
use crate::geometry;
use crate::view::cards::CardAction;

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
            let Some(seats) = self.settings.borrow().as_ref().map(|s| s.seats) else {
                return;
            };
            let me = session.me().clone();
            let profiles = self.profiles.borrow();
            if seating::seat_holders(profiles.iter(), seats).contains_key(&seat) {
                return; // Taken meanwhile; the seat view will show by whom.
            }
            let Some(mut profile) = profiles.get(&me).cloned() else {
                return;
            };
            drop(profiles);
            profile.seat = Some(seat);
            profile.seat_claimed_ms = browser::now_ms() as i64;
            let own = session.own_doc_name();
            participant::write_profile(session.docs.get_or_create(&own), &profile);
        }
        self.after_local_change();
    }

    /// Adds a card in front of the author's seat (or at the front of the table).
    pub(super) fn add_card(&self, kind: CardKind, text: CardText) {
        {
            let mut session = self.session.borrow_mut();
            let me = session.me().clone();
            let own = session.own_doc_name();
            if !session.may_write(&own) {
                return;
            }
            let seats = self.settings.borrow().as_ref().map(|s| s.seats);
            let seat = self.profiles.borrow().get(&me).and_then(|p| p.seat);
            let seat = match (seat, seats) {
                (Some(seat), Some(seats)) if seat < seats => Some((seat, seats)),
                _ => None,
            };
            let doc = session.docs.get_or_create(&own);
            let nth = participant::read_cards(doc, &me).len();
            let position = geometry::new_card_position(seat, nth);
            let id = CardId::from_random(browser::random_bytes());
            participant::add_card(doc, &id, kind, &text, position, browser::now_ms() as i64);
        }
        self.after_local_change();
    }

    pub(super) fn card_action(&self, action: CardAction) {
        let result = {
            let session = self.session.borrow();
            let author = match &action {
                CardAction::Move { author, .. }
                | CardAction::Edit { author, .. }
                | CardAction::Delete { author, .. } => author.clone(),
            };
            let name = DocName::Participant(author);
            if !session.may_write(&name) {
                return;
            }
            let Some(doc) = session.docs.get(&name) else {
                return;
            };
            match &action {
                CardAction::Move { id, position, .. } => participant::move_card(doc, id, *position),
                CardAction::Edit { id, text, .. } => participant::edit_card(doc, id, text),
                CardAction::Delete { id, .. } => participant::delete_card(doc, id),
            }
        };
        // The card may have been deleted by someone else a moment ago: nothing to do
        // but redraw, which removes it here too.
        if let Err(e) = result {
            log_error("card", &e);
        }
        self.after_local_change();
    }

    /// Sends the new updates and redraws the documents that changed.
    pub(super) fn after_local_change(&self) {
        self.flush();
        self.render_dirty(false);
    }

    /// NL ⇄ EN, remembered for next time. Relabels the page in place.
    pub(super) fn switch_language(&self) {
        let lang = self.lang.get().other();
        self.lang.set(lang);
        browser::remember_lang(lang);
        dom::relabel(lang);
        self.header.set_status(lang, self.status.get());
        let method = self.settings.borrow().as_ref().map(|s| s.method);
        self.header.set_method(lang, method);
        self.compose.relabel(lang);
        self.join.set_lang(lang);
        let profiles = self.profiles.borrow().clone();
        self.cards
            .relabel(lang, &|id| self.display_name(&profiles, id));
        self.render_people();
        // Observers announce themselves as "Room screen" in their own language.
        self.send_presence();
    }
}
