//! The list view, drawn from the model: the seats with who holds them
//! ([`crate::board_model::list_seats`]), and every
//! card with the look [`crate::board_model::card_looks`] decided (the same as on the
//! table), its place and its order ([`crate::board_model::card_places`]).

use super::Board;
use crate::board_model::card_places::Places;
use crate::layout::BoardView;
use crate::view::list::ListCard;

impl Board {
    /// The list view, when it is shown (it is rendered afresh when switched to).
    pub(super) fn render_list(&self) {
        if self.is_back_turned() {
            return self.list.clear();
        }
        if self.view.get() != BoardView::List {
            return;
        }
        let spot = self.list_spotlight();
        let model = self.model.borrow();
        let (lang, people) = (model.lang(), model.people.get());
        self.list.set_lang(lang);
        let places = Places::new(model.control.get(), people);
        let cards: Vec<ListCard<'_>> = model
            .looks()
            .flat_map(|(_, part)| {
                let (places, spot) = (&places, &spot);
                part.get().iter().map(move |shown| {
                    let card = &shown.card;
                    let place = places.place(card);
                    ListCard {
                        card,
                        look: shown.look.clone(),
                        region: place.place,
                        place: places.name(lang, people, place.place),
                        order: place.order,
                        moved: place.moved,
                        spotlight: spot.offered.then(|| spot.is_card(card)),
                    }
                })
            })
            .collect();
        self.list
            .render(model.list_seats().get(), &cards, spot.places());
    }
}
