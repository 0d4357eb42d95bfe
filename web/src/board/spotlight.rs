//! The facilitator's spotlight ([`ovaal_shared::board::spotlight`]): one card or one
//! place that the room screen shows large over the table until it is cleared. It is
//! kept in the control document, so only the facilitator can set it, and a room
//! screen that reconnects shows the same.
//!
//! The facilitator sets it from the table (a card's 📽 tool, `button.card-spotlight`;
//! a place's list, `#place-spotlight` and `button.place-card-spotlight`) or from the
//! list (a card's or a place's "show on the room screen"); each is pressed again to
//! clear, and `#spotlight-clear` in the bar above the board, which stays up while
//! anything is in the spotlight, clears it too. The room
//! screen draws it with [`RoomSpotlight`] from the model's part
//! ([`crate::board_model::spotlight`]); a card it cannot see (an unrevealed
//! private card) or one that was deleted leaves the table in view.

use std::cell::RefCell;
use std::rc::Weak;

use ovaal_shared::DocName;
use ovaal_shared::board::spotlight::{Spotlight, write_spotlight};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, Role};

use super::Board;
use crate::board_model::card_looks::card_spotlight;
use crate::card_model::BoardCard;
use crate::i18n::{self, Key, Lang};
use crate::view::list::PlaceSpotlight;
use crate::view::room_spotlight::{RoomSpotlight, SpotCard};
use crate::view::spotlight_bar::SpotlightBar;

/// The spotlight's state and its two views.
pub(super) struct Spot {
    /// The spotlight as last drawn, so only a change is read out.
    drawn: RefCell<Option<Spotlight>>,
    pub(super) room: RoomSpotlight,
    pub(super) bar: SpotlightBar,
}

impl Spot {
    pub(super) fn new(lang: Lang, weak: &Weak<Board>) -> Self {
        let weak = weak.clone();
        Self {
            drawn: RefCell::new(None),
            room: RoomSpotlight::new(lang),
            bar: SpotlightBar::new(lang, move || {
                if let Some(board) = weak.upgrade() {
                    board.set_spotlight(None);
                }
            }),
        }
    }
}

/// The spotlight as the list offers it to the facilitator.
pub(super) struct ListSpotlight {
    pub(super) offered: bool,
    current: Option<Spotlight>,
}

impl ListSpotlight {
    pub(super) fn is_card(&self, card: &BoardCard) -> bool {
        self.current.as_ref() == Some(&card_spotlight(card))
    }

    pub(super) fn places(&self) -> PlaceSpotlight {
        PlaceSpotlight {
            offered: self.offered,
            current: match self.current {
                Some(Spotlight::Place(place)) => Some(place),
                _ => None,
            },
        }
    }
}

impl Board {
    pub(super) fn list_spotlight(&self) -> ListSpotlight {
        ListSpotlight {
            offered: self.session.borrow().role() == Some(Role::Facilitator)
                && self.may_write_now(&DocName::Control),
            current: self.model.borrow().control.get().spotlight.clone(),
        }
    }

    /// Puts `spotlight` on the room screen, or clears it.
    pub(super) fn set_spotlight(&self, spotlight: Option<Spotlight>) {
        self.with_control(|doc| write_spotlight(doc, spotlight.as_ref()));
    }

    /// The list's "show on the room screen" on a card: pressed again, it clears.
    pub(super) fn spotlight_card(&self, doc: &DocName, id: &CardId) {
        let Some(card) = self
            .all_cards()
            .get(doc)
            .and_then(|cards| cards.iter().find(|c| &c.id == id).cloned())
        else {
            return;
        };
        self.toggle_spotlight(card_spotlight(&card));
    }

    pub(super) fn spotlight_place(&self, place: Place) {
        self.toggle_spotlight(Spotlight::Place(place));
    }

    fn toggle_spotlight(&self, wanted: Spotlight) {
        let on = self.model.borrow().control.get().spotlight.as_ref() == Some(&wanted);
        self.set_spotlight((!on).then_some(wanted));
    }

    /// Brings the room screen and the facilitator's bar in line with the model's
    /// spotlight part, and tells the facilitator what changed since it last drew.
    pub(super) fn draw_spotlight(&self) {
        let m = self.model.borrow();
        let part = m.spotlight();
        if !self.drawn.spotlight.moved(&[part.version()]) {
            return;
        }
        let spotlit = part.get();
        let lang = spotlit.lang;
        match &spotlit.room {
            Some(room) => {
                let cards: Vec<SpotCard<'_>> = room
                    .cards
                    .iter()
                    .map(|card| SpotCard {
                        id: card.id.as_str(),
                        kind: card.kind,
                        text: &card.text,
                        byline: card.byline.clone(),
                    })
                    .collect();
                self.spot
                    .room
                    .show(lang, &room.key, room.title.as_deref(), &cards);
            }
            None => self.spot.room.clear(),
        }
        self.spot.bar.set(spotlit.bar.as_deref());
        let changed = *self.spot.drawn.borrow() != spotlit.spotlight;
        if changed {
            self.spot.drawn.replace(spotlit.spotlight.clone());
        }
        if changed && spotlit.facilitator {
            let text = match &spotlit.bar {
                Some(what) => i18n::tf(lang, Key::AnnounceSpotlight, &[("what", what)]),
                None => i18n::t(lang, Key::AnnounceSpotlightCleared).to_owned(),
            };
            drop(m);
            self.notices.announce(&text);
        }
        // The cards' own "show on the room screen" buttons and the list follow from
        // the model (the spotlight is part of the control document it reads).
    }
}
