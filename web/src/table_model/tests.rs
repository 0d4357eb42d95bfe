//! The table model on the host: places, phases, names and moves, from plain board
//! values.

use std::collections::BTreeMap;

use ovaal_shared::board::arrangement::Arrangement;
use ovaal_shared::board::{CardKind, Location, Position, Profile};
use ovaal_shared::layout::{CardSize, Place, Surface, Viewport};
use ovaal_shared::{CardId, DocName, ParticipantId};

use super::order::{key_at_end, next_place, place_at, step_key};
use super::scene::shorten;
use super::*;
use crate::card_model::{BoardCard, CarriedFrom};

fn pid(s: &str) -> ParticipantId {
    s.parse().unwrap()
}

fn cid(s: &str) -> CardId {
    s.parse().unwrap()
}

fn profiles(seated: &[(&str, &str, u32)]) -> BTreeMap<ParticipantId, Profile> {
    seated
        .iter()
        .map(|(id, name, seat)| {
            (
                pid(id),
                Profile {
                    name: (*name).to_owned(),
                    seat: Some(*seat),
                    location: Location::Room,
                    seat_claimed_ms: 1,
                },
            )
        })
        .collect()
}

fn card(id: &str, author: Option<&str>, kind: CardKind, phase: &str, created: i64) -> BoardCard {
    BoardCard {
        id: cid(id),
        doc: match author {
            Some(a) => DocName::Participant(pid(a)),
            None => DocName::Carried,
        },
        author: author.map(pid),
        kind,
        text: format!("text of {id}"),
        position: Position::CENTRE,
        created_ms: created,
        phase: Some(phase.to_owned()),
        carried: None,
        arranged: Arrangement::default(),
    }
}

fn facts<'a>(
    profiles: &'a BTreeMap<ParticipantId, Profile>,
    cards: &'a [&'a BoardCard],
    hot: Option<&'a ParticipantId>,
    surface: Surface,
) -> TableFacts<'a> {
    TableFacts {
        seats: 8,
        profiles,
        hot_seat: hot,
        current_phase: Some("questions"),
        hide_names: false,
        cards,
        viewport: Viewport {
            width: 1100.0,
            height: 660.0,
        },
        surface,
    }
}

#[test]
fn cards_lie_with_their_author_where_they_were_moved_and_the_case_in_the_centre() {
    let people = profiles(&[("anna-0001", "Anna", 1), ("bram-0001", "Bram", 4)]);
    let question = card(
        "q-anna-1",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        10,
    );
    let case = card("case-bram", Some("bram-0001"), CardKind::Case, "pitch", 5);
    let mut moved = card(
        "adv-anna-1",
        Some("anna-0001"),
        CardKind::Advice,
        "questions",
        11,
    );
    moved.arranged.place = Some(Place::Seat(6));
    // An author without a seat (gone): the stored position decides, as on old boards.
    let mut legacy = card(
        "q-gone-1",
        Some("gone-0001"),
        CardKind::Question,
        "questions",
        12,
    );
    legacy.position = Position { x: 0.98, y: 0.5 };
    let cards = [&question, &case, &moved, &legacy];
    let hot = pid("bram-0001");
    let f = facts(&people, &cards, Some(&hot), Surface::Laptop);
    let places = places(&f);
    assert_eq!(places[&question.id], Place::Seat(1));
    assert_eq!(places[&case.id], Place::Centre);
    assert_eq!(places[&moved.id], Place::Seat(6));
    assert_eq!(places[&legacy.id], Place::Seat(2));
    // Without the hot seat the case pitch stays with its author.
    let f = facts(&people, &cards, None, Surface::Laptop);
    assert_eq!(super::places(&f)[&case.id], Place::Seat(4));
    let input = layout_input(&f);
    assert_eq!(input.seats.len(), 8);
    assert_eq!(input.seats[1].name.as_deref(), Some("Anna"));
    assert!(input.seats[0].name.is_none());
}

#[test]
fn current_cards_are_large_and_earlier_ones_smaller_or_folded() {
    let people = profiles(&[("anna-0001", "Anna", 1)]);
    let now = card(
        "q-now-0001",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        10,
    );
    let before = card("t-before-1", Some("anna-0001"), CardKind::Theme, "pitch", 5);
    let cards = [&now, &before];
    let scene = table_scene(&facts(&people, &cards, None, Surface::Laptop));
    let size = |id: &CardId| scene.cards.iter().find(|c| &c.id == id).map(|c| c.size);
    assert_eq!(size(&now.id), Some(CardSize::Large));
    // One card each way leaves the table roomy: the earlier card is medium, drawn
    // at the small text size.
    assert_eq!(size(&before.id), Some(CardSize::Medium));
    let medium = scene.cards.iter().find(|c| c.id == before.id).unwrap();
    assert_eq!(medium.text_px, scene.text.small);
    assert!(
        !scene
            .chips
            .iter()
            .any(|c| matches!(c.kind, ChipKind::Earlier(_)))
    );
    let large = scene.cards.iter().find(|c| c.id == now.id).unwrap();
    assert_eq!(large.text_px, scene.text.card);
    assert!(large.text_px >= 14.0);
    assert_eq!(scene.seats[1].name.as_deref(), Some("Anna"));
    assert_eq!(scene.seats[0].name, None);
}

#[test]
fn every_card_of_a_crowded_table_is_shown_or_on_exactly_one_chip() {
    let seated: Vec<(String, String, u32)> = (0..14)
        .map(|i| (format!("person-{i:02}"), format!("Person number {i}"), i))
        .collect();
    let refs: Vec<(&str, &str, u32)> = seated
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), *c))
        .collect();
    let people = profiles(&refs);
    let owned: Vec<BoardCard> = (0..80)
        .map(|i| {
            let phase = if i % 3 == 0 { "pitch" } else { "questions" };
            card(
                &format!("card-{i:03}"),
                Some(&format!("person-{:02}", i % 14)),
                CardKind::Question,
                phase,
                i,
            )
        })
        .collect();
    let cards: Vec<&BoardCard> = owned.iter().collect();
    for surface in [Surface::Laptop, Surface::Phone, Surface::Projector] {
        let mut f = facts(&people, &cards, None, surface);
        f.seats = 14;
        if surface == Surface::Phone {
            f.viewport = Viewport {
                width: 355.0,
                height: 390.0,
            };
        }
        let scene = table_scene(&f);
        for c in &owned {
            let shown = scene.cards.iter().filter(|s| s.id == c.id).count();
            let chipped = scene
                .chips
                .iter()
                .filter(|s| s.cards.contains(&c.id))
                .count();
            assert_eq!(shown + chipped, 1, "{surface:?} {}", c.id);
        }
        assert_eq!(scene.places.len(), 80);
        assert_eq!(scene.by_place.values().map(Vec::len).sum::<usize>(), 80);
    }
}

#[test]
fn hidden_names_leave_the_lists_without_authors_and_carried_cards_keep_their_origin() {
    let people = profiles(&[("anna-0001", "Anna", 1)]);
    let own = card(
        "q-anna-1",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        10,
    );
    let mut carried = card("act-old-1", None, CardKind::Action, "x", 3);
    carried.phase = None;
    carried.position = Position { x: 0.5, y: 0.02 };
    carried.carried = Some(CarriedFrom {
        session: "urgentie-1".into(),
        title: "Urgentie".into(),
        author_name: "Bram".into(),
    });
    let cards = [&own, &carried];
    let mut f = facts(&people, &cards, None, Surface::Laptop);
    let scene = table_scene(&f);
    assert_eq!(scene.entries[&own.id].author.as_deref(), Some("Anna"));
    assert_eq!(scene.entries[&carried.id].author.as_deref(), Some("Bram"));
    // A carried card has no author at this table: its stored position decides.
    assert_eq!(scene.places[&carried.id], Place::Seat(0));
    f.hide_names = true;
    let scene = table_scene(&f);
    assert!(scene.entries.values().all(|e| e.author.is_none()));
    // Seats keep their names.
    assert_eq!(scene.seats[1].name.as_deref(), Some("Anna"));
}

#[test]
fn move_up_and_down_write_a_key_between_the_neighbours() {
    let people = profiles(&[("anna-0001", "Anna", 1)]);
    let a = card(
        "q-a-0001",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        10,
    );
    let b = card(
        "q-b-0001",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        20,
    );
    let c = card(
        "q-c-0001",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        30,
    );
    let old = card("t-old-001", Some("anna-0001"), CardKind::Theme, "pitch", 25);
    let cards = [&a, &b, &c, &old];
    let f = facts(&people, &cards, None, Surface::Laptop);
    let places = places(&f);
    assert_eq!(step_key(&f, &places, &c.id, true), Some(15.0));
    assert_eq!(step_key(&f, &places, &b.id, true), Some(9.0));
    assert_eq!(step_key(&f, &places, &a.id, true), None);
    assert_eq!(step_key(&f, &places, &a.id, false), Some(22.5));
    assert_eq!(step_key(&f, &places, &c.id, false), None);
    // An earlier-phase card steps among its own group.
    assert_eq!(step_key(&f, &places, &old.id, true), None);
    assert_eq!(key_at_end(&f, &places, Place::Seat(1), &a.id), Some(31.0));
    assert_eq!(key_at_end(&f, &places, Place::Centre, &a.id), None);
}

#[test]
fn keyboard_moves_walk_the_centre_then_the_seats() {
    assert_eq!(next_place(Place::Centre, 8, true), Place::Seat(0));
    assert_eq!(next_place(Place::Seat(7), 8, true), Place::Centre);
    assert_eq!(next_place(Place::Centre, 8, false), Place::Seat(7));
    assert_eq!(next_place(Place::Seat(3), 8, false), Place::Seat(2));
}

#[test]
fn a_drop_lands_on_the_seat_or_place_under_it() {
    let people = profiles(&[("anna-0001", "Anna", 1)]);
    let a = card(
        "q-a-0001",
        Some("anna-0001"),
        CardKind::Question,
        "questions",
        10,
    );
    let cards = [&a];
    let scene = table_scene(&facts(&people, &cards, None, Surface::Laptop));
    let t = scene.table;
    assert_eq!(place_at(&scene, t.cx, t.cy), Place::Centre);
    let seat = &scene.seats[3].target;
    assert_eq!(
        place_at(&scene, seat.x + seat.w / 2.0, seat.y + seat.h / 2.0),
        Place::Seat(3)
    );
    let shown = &scene.cards[0];
    assert_eq!(
        place_at(&scene, shown.rect.x + 2.0, shown.rect.y + 2.0),
        Place::Seat(1)
    );
    assert_eq!(place_at(&scene, t.cx, t.cy - t.ry * 0.9), Place::Seat(0));
}

#[test]
fn surfaces_follow_the_screen_and_names_are_shortened() {
    assert_eq!(surface_for(375.0, false), Surface::Phone);
    assert_eq!(surface_for(1100.0, false), Surface::Laptop);
    assert_eq!(surface_for(375.0, true), Surface::Projector);
    assert_eq!(shorten(" Anna ", 12), "Anna");
    assert_eq!(shorten("Bartholomeüs van der Berg", 12), "Bartholomeü…");
    assert_eq!(shorten("ab cdef", 4), "ab…");
    assert_eq!(shorten("Anna", 0), "");
}
