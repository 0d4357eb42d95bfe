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
//! screen draws it with [`RoomSpotlight`]; a card it cannot see (an unrevealed
//! private card) or one that was deleted leaves the table in view.

use std::cell::RefCell;
use std::rc::Weak;

use ovaal_shared::DocName;
use ovaal_shared::board::spotlight::{Spotlight, read_spotlight, write_spotlight};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, Role};

use super::Board;
use super::places::region;
use crate::board_model::card_looks::card_spotlight;
use crate::card_model::BoardCard;
use crate::i18n::{self, Key, Lang};
use crate::view::list::PlaceSpotlight;
use crate::view::room_spotlight::{RoomSpotlight, SpotCard};
use crate::view::spotlight_bar::SpotlightBar;

/// The spotlight's state and its two views.
pub(super) struct Spot {
    /// What the control document said last time it was read.
    current: RefCell<Option<Spotlight>>,
    pub(super) room: RoomSpotlight,
    pub(super) bar: SpotlightBar,
}

impl Spot {
    pub(super) fn new(lang: Lang, weak: &Weak<Board>) -> Self {
        let weak = weak.clone();
        Self {
            current: RefCell::new(None),
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
                Some(Spotlight::Place(place)) => Some(region(place)),
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
            current: self.spot.current.borrow().clone(),
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
        let on = self.spot.current.borrow().as_ref() == Some(&wanted);
        self.set_spotlight((!on).then_some(wanted));
    }

    /// Reads the spotlight and brings the room screen, the facilitator's bar and the
    /// list in line (after the control document or any card changed).
    pub(super) fn render_spotlight(&self) {
        let stored = {
            let session = self.session.borrow();
            session.docs.get(&DocName::Control).and_then(read_spotlight)
        };
        let lang = self.lang();
        let changed = *self.spot.current.borrow() != stored;
        *self.spot.current.borrow_mut() = stored.clone();
        let shown = stored.as_ref().map(|s| self.spotlit(s));
        match (&stored, &shown) {
            (Some(s), Some((title, cards))) if !cards.is_empty() || title.is_some() => {
                let spot_cards: Vec<SpotCard<'_>> = cards
                    .iter()
                    .map(|(card, byline)| SpotCard {
                        id: card.id.as_str(),
                        kind: card.kind,
                        text: &card.text,
                        byline: byline.clone(),
                    })
                    .collect();
                self.spot
                    .room
                    .show(lang, &s.to_string(), title.as_deref(), &spot_cards);
            }
            _ => self.spot.room.clear(),
        }
        let what = shown.as_ref().map(|(title, cards)| match title {
            Some(title) => title.clone(),
            None => cards
                .first()
                .map(|(card, _)| short(&card.text))
                .unwrap_or_default(),
        });
        let facilitator = self.session.borrow().role() == Some(Role::Facilitator);
        self.spot
            .bar
            .set(what.as_deref().filter(|_| facilitator && stored.is_some()));
        if changed && facilitator {
            let text = match &what {
                Some(what) => i18n::tf(lang, Key::AnnounceSpotlight, &[("what", what)]),
                None => i18n::t(lang, Key::AnnounceSpotlightCleared).to_owned(),
            };
            self.notices.announce(&text);
        }
        // The cards' own "show on the room screen" buttons and the list follow from
        // the model (the spotlight is part of the control document it reads).
    }

    /// What `spotlight` shows: a place's name (none for one card) and its cards with
    /// their bylines.
    fn spotlit(&self, spotlight: &Spotlight) -> (Option<String>, Vec<(BoardCard, String)>) {
        let hide_names = self.facilitation().hide_names;
        let byline = |card: &BoardCard| -> String {
            if hide_names {
                return String::new();
            }
            match (&card.carried, &card.author) {
                (Some(from), _) => from.author_name.clone(),
                (None, Some(author)) => self.display_name(&self.profiles(), author),
                _ => String::new(),
            }
        };
        let all = self.all_cards();
        let everything = all.values().flatten();
        match spotlight {
            Spotlight::Card { .. } => {
                let cards = everything
                    .filter(|c| &card_spotlight(c) == spotlight)
                    .take(1)
                    .map(|c| (c.clone(), byline(c)))
                    .collect();
                (None, cards)
            }
            Spotlight::Place(place) => {
                let places = self.place_context();
                let mut cards: Vec<(BoardCard, String, Option<f64>)> = everything
                    .filter_map(|c| {
                        let p = places.place(c);
                        (p.place == *place).then(|| (c.clone(), byline(c), p.order))
                    })
                    .collect();
                ovaal_shared::sort::sort_by(&mut cards, |a, b| {
                    ovaal_shared::layout::card_order(
                        (a.2, a.0.created_ms, &a.0.id),
                        (b.2, b.0.created_ms, &b.0.id),
                    )
                });
                (
                    Some(self.region_label(region(*place))),
                    cards.into_iter().map(|(c, b, _)| (c, b)).collect(),
                )
            }
        }
    }
}

/// The start of a card's text, for the facilitator's bar.
fn short(text: &str) -> String {
    const MAX: usize = 80;
    let mut chars = text.chars();
    let start: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("“{}…”", start.trim_end())
    } else {
        format!("“{start}”")
    }
}
