//! The list view, drawn from the model: the seats with who holds them, and every
//! card with the look [`crate::board_model::card_looks`] decided (the same as on the
//! table), its place and its order.

use ovaal_shared::Role;
use ovaal_shared::board::seating;

use super::Board;
use crate::board_model::seats;
use crate::i18n::{self, Key};
use crate::layout::BoardView;
use crate::view::list::{ListCard, ListSeat};

impl Board {
    /// The list view, when it is shown (it is rendered afresh when switched to).
    pub(super) fn render_list(&self) {
        if self.is_back_turned() {
            return self.list.clear();
        }
        if self.view.get() != BoardView::List {
            return;
        }
        let lang = self.lang();
        self.list.set_lang(lang);
        let seats = self.seat_count();
        let session = self.session.borrow();
        let me = session.me().clone();
        let live = session.is_live();
        let can_sit = session.role().is_some_and(Role::writes);
        drop(session);
        let model = self.model.borrow();
        let profiles = &model.people.get().profiles;
        let present = model.present.get();
        let holders = seating::seat_holders(profiles.iter(), seats);
        let hot_seat = self.hot_seat().clone();
        let has_profile = profiles.contains_key(&me);
        let list_seats: Vec<ListSeat> = (0..seats)
            .map(|index| {
                let number = (index + 1).to_string();
                let Some(holder) = holders.get(&index) else {
                    return ListSeat {
                        index,
                        label: i18n::tf(
                            lang,
                            Key::SeatNumberName,
                            &[("n", &number), ("name", i18n::t(lang, Key::SeatEmpty))],
                        ),
                        details: String::new(),
                        hot: false,
                        can_take: can_sit && has_profile,
                    };
                };
                let mut name = self.display_name(profiles, holder);
                if holder == &me {
                    name = format!("{name} ({})", i18n::t(lang, Key::You));
                }
                let online = present.contains_key(holder.as_str()) || (holder == &me && live);
                let mut details = vec![
                    profiles
                        .get(holder)
                        .map(|p| i18n::t(lang, i18n::location_key(p.location)))
                        .unwrap_or(""),
                    i18n::t(
                        lang,
                        if online {
                            Key::PresenceOnline
                        } else {
                            Key::PresenceAway
                        },
                    ),
                ];
                if let Some(badge) = seats::badge(present, holder) {
                    details.push(i18n::t(lang, i18n::role_key(badge)));
                }
                ListSeat {
                    index,
                    label: i18n::tf(
                        lang,
                        Key::SeatNumberName,
                        &[("n", &number), ("name", &name)],
                    ),
                    details: details.join(", "),
                    hot: hot_seat.as_ref() == Some(holder),
                    can_take: false,
                }
            })
            .collect();
        drop(model);
        let places = self.place_context();
        let spot = self.list_spotlight();
        let model = self.model.borrow();
        let cards: Vec<ListCard<'_>> = model
            .looks()
            .flat_map(|(_, part)| {
                let (places, spot) = (&places, &spot);
                part.get().iter().map(move |shown| {
                    let card = &shown.card;
                    let place = places.place(card);
                    let region = super::places::region(place.place);
                    ListCard {
                        card,
                        look: shown.look.clone(),
                        region,
                        place: self.region_label(region),
                        order: place.order,
                        moved: place.moved,
                        spotlight: spot.offered.then(|| spot.is_card(card)),
                    }
                })
            })
            .collect();
        self.list.render(&list_seats, &cards, spot.places());
    }
}
