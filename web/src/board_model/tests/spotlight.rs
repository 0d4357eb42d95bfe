//! The spotlight: a place's cards in the place's order with their bylines, one card
//! found in any document, bylines gone while names are hidden, carried cards under
//! their first author's name, and the facilitator's bar.

use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::board::carried::{CarriedCard, add_carried};
use ovaal_shared::board::spotlight::{CardOwner, Spotlight, write_spotlight};
use ovaal_shared::layout::Place;

use super::*;

fn spot(f: &mut Fixture, spotlight: Option<&Spotlight>) {
    write_spotlight(&f.control, spotlight);
    f.read_control();
}

fn part(f: &Fixture) -> &crate::board_model::spotlight::Spotlit {
    f.model.spotlight().get()
}

/// The ids and bylines the room screen shows.
fn room_cards(f: &Fixture) -> Vec<(CardId, String)> {
    part(f)
        .room
        .as_ref()
        .map(|room| {
            room.cards
                .iter()
                .map(|c| (c.id.clone(), c.byline.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn with_doc(f: &mut Fixture, doc: &DocName, change: impl FnOnce(&Doc)) {
    let yd = f.docs.get(doc).unwrap();
    change(yd);
    f.model.read_doc(doc, yd);
    f.model.derive();
}

/// A carried card from an earlier session, written by Bram there.
fn carry(f: &mut Fixture, card: &str) {
    let yd = f.docs.entry(DocName::Carried).or_default();
    add_carried(
        yd,
        &CarriedCard {
            id: cid(card),
            kind: CardKind::Action,
            text: "Call the team".into(),
            author_name: "Bram".into(),
            from_session: "earlier1".into(),
            from_title: "Earlier".into(),
            position: Position::CENTRE,
            created_ms: 2,
        },
    );
    f.model.read_doc(&DocName::Carried, yd);
    f.model.derive();
}

#[test]
fn nothing_is_up_until_the_facilitator_puts_something_in_the_spotlight() {
    let f = Fixture::new("fac", Role::Facilitator);
    assert_eq!(part(&f).spotlight, None);
    assert_eq!(part(&f).room, None);
    assert_eq!(part(&f).bar, None);
    assert!(part(&f).facilitator);
}

#[test]
fn a_place_shows_its_cards_in_the_places_order_with_bylines() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 0);
    f.seat("bob", "Bob", 1);
    for card in ["a1", "a2", "a3"] {
        f.card(own("ann"), card, CardKind::Question, "questions");
    }
    f.card(own("bob"), "b1", CardKind::Question, "questions");
    f.card(own("bob"), "b2", CardKind::Question, "questions");
    // Ann put her third card first and her second last; Bob's first card was moved
    // to Ann's place, between her first (created at 5) and her second; Bob's second
    // stays in front of him.
    with_doc(&mut f, &own("ann"), |d| {
        set_order(d, &cid("a3"), 1.0).unwrap();
        set_order(d, &cid("a2"), 6.0).unwrap();
    });
    with_doc(&mut f, &own("bob"), |d| {
        move_to_place(d, &cid("b1"), Place::Seat(0), Some(5.5)).unwrap();
    });
    spot(&mut f, Some(&Spotlight::Place(Place::Seat(0))));
    let ann = "Ann".to_owned();
    assert_eq!(
        room_cards(&f),
        [
            (cid("a3"), ann.clone()),
            (cid("a1"), ann.clone()),
            (cid("b1"), "Bob".to_owned()),
            (cid("a2"), ann),
        ]
    );
    let room = part(&f).room.as_ref().unwrap();
    assert_eq!(room.title.as_deref(), Some("Seat 1 · Ann"));
    assert_eq!(room.key, "place:seat:0");
    assert_eq!(part(&f).bar.as_deref(), Some("Seat 1 · Ann"));
}

#[test]
fn hidden_names_leave_the_spotlit_cards_without_bylines() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 0);
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    spot(&mut f, Some(&Spotlight::Place(Place::Seat(0))));
    assert_eq!(room_cards(&f), [(cid("a1"), "Ann".to_owned())]);
    write_hide_names(&f.control, true);
    f.read_control();
    assert_eq!(room_cards(&f), [(cid("a1"), String::new())]);
}

#[test]
fn one_card_shows_alone_and_a_carried_one_under_its_first_authors_name() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 0);
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    f.card(own("ann"), "a2", CardKind::Question, "questions");
    carry(&mut f, "k1");
    spot(
        &mut f,
        Some(&Spotlight::Card {
            owner: CardOwner::Participant(pid("ann")),
            card: cid("a2"),
        }),
    );
    assert_eq!(room_cards(&f), [(cid("a2"), "Ann".to_owned())]);
    assert_eq!(part(&f).room.as_ref().unwrap().title, None);
    assert_eq!(part(&f).bar.as_deref(), Some("“What did you feel?”"));

    spot(
        &mut f,
        Some(&Spotlight::Card {
            owner: CardOwner::Carried,
            card: cid("k1"),
        }),
    );
    assert_eq!(room_cards(&f), [(cid("k1"), "Bram".to_owned())]);
}

#[test]
fn a_card_not_on_this_board_leaves_the_table_in_view() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    spot(
        &mut f,
        Some(&Spotlight::Card {
            owner: CardOwner::Participant(pid("ann")),
            card: cid("gone"),
        }),
    );
    assert_eq!(part(&f).room, None);
    // The facilitator still sees that something is up, so they can clear it.
    assert_eq!(part(&f).bar.as_deref(), Some(""));
}

#[test]
fn only_the_facilitator_gets_the_bar_and_the_room_screen_the_cards() {
    let mut f = Fixture::new("scr", Role::RoomScreen);
    f.seat("ann", "Ann", 0);
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    spot(&mut f, Some(&Spotlight::Place(Place::Seat(0))));
    assert_eq!(part(&f).bar, None);
    assert!(!part(&f).facilitator);
    assert_eq!(room_cards(&f), [(cid("a1"), "Ann".to_owned())]);
}

#[test]
fn a_new_card_in_the_spotlit_place_moves_the_part() {
    let mut f = Fixture::new("scr", Role::RoomScreen);
    f.seat("ann", "Ann", 0);
    spot(&mut f, Some(&Spotlight::Place(Place::Seat(0))));
    assert!(room_cards(&f).is_empty());
    assert!(
        part(&f).room.is_some(),
        "a place shows its name, even empty"
    );
    let before = f.model.spotlight().version();
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    assert!(f.model.spotlight().version() > before);
    assert_eq!(room_cards(&f).len(), 1);
}

#[test]
fn a_spotlit_card_shows_once_even_if_two_documents_hold_its_name() {
    let mut f = Fixture::new("fac", Role::Facilitator);
    f.seat("ann", "Ann", 0);
    f.card(own("ann"), "a1", CardKind::Question, "questions");
    let private = DocName::Private {
        phase: "solo".to_owned(),
        owner: pid("ann"),
    };
    f.card(private, "a1", CardKind::Advice, "solo");
    spot(
        &mut f,
        Some(&Spotlight::Card {
            owner: CardOwner::Participant(pid("ann")),
            card: cid("a1"),
        }),
    );
    assert_eq!(room_cards(&f), [(cid("a1"), "Ann".to_owned())]);
}
