//! Where cards lie for the list and the spotlight, and what places are called.

use ovaal_shared::board::arrangement::move_to_place;
use ovaal_shared::layout::Place;

use super::*;
use crate::board_model::card_places::{Places, place_name};

fn place_of(f: &Fixture, doc: &DocName, card: &str) -> crate::board_model::card_places::CardPlace {
    let places = Places::new(f.model.control.get(), f.model.people.get());
    let cards = &f.model.all_cards()[doc];
    places.place(cards.iter().find(|c| c.id == cid(card)).unwrap())
}

#[test]
fn a_card_lies_before_its_author_unless_moved_and_the_case_in_the_centre() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 2);
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    f.card(own("ann"), "a2", CardKind::Question, "questions");
    f.card(own("ann"), "a3", CardKind::Case, "questions");
    let yd = &f.docs[&own("ann")];
    move_to_place(yd, &cid("a2"), Place::Centre, Some(7.0)).unwrap();
    move_to_place(yd, &cid("a1"), Place::Seat(2), None).unwrap();
    f.model.read_doc(&own("ann"), yd);
    f.model.derive();

    let a1 = place_of(&f, &own("ann"), "a1");
    assert_eq!(a1.place, Place::Seat(2));
    assert!(!a1.moved, "moved to where it lies anyway");
    let a2 = place_of(&f, &own("ann"), "a2");
    assert_eq!(
        (a2.place, a2.order, a2.moved),
        (Place::Centre, Some(7.0), true)
    );
    assert_eq!(place_of(&f, &own("ann"), "a3").place, Place::Seat(2));

    write_hot_seat(&f.control, Some(&pid("ann")));
    f.read_control();
    assert_eq!(place_of(&f, &own("ann"), "a3").place, Place::Centre);
}

#[test]
fn places_are_called_by_their_holder_in_the_language() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 2);
    let (control, people) = (f.model.control.get(), f.model.people.get());
    assert_eq!(
        place_name(Lang::En, control, people, Place::Seat(2)),
        "Seat 3 · Ann"
    );
    assert_eq!(
        place_name(Lang::Nl, control, people, Place::Seat(0)),
        "Stoel 1 · vrije stoel"
    );
    assert_eq!(
        place_name(Lang::En, control, people, Place::Centre),
        "Table centre"
    );
}
