//! A real-size board for the picture: fourteen seats, eighty cards across the phases
//! of the incident method (more in front of some seats than fit), a case in the
//! centre, two cards moved by hand, one reordered, and a name and a card in
//! right-to-left script. Built in memory with the shared board writers, as the
//! browsers would write it, and read into a harvest the way the server does, so a
//! test can look at the picture without a server.

use ovaal_server::export::harvest::from_docs;
use ovaal_server::export::schema::Harvest;
use ovaal_server::storage::SessionRecord;
use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::board::control::{write_hot_seat, write_settings};
use ovaal_shared::board::facilitation::{write_phase, write_plan};
use ovaal_shared::board::participant::{add_card_with, write_profile};
use ovaal_shared::board::{
    CardKind, CardText, Location, Method, NewCard, Position, Profile, SessionSettings, new_doc,
    templates,
};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, DocName, ParticipantId};

pub const SEATS: u32 = 14;
pub const CARDS: usize = 80;

/// The board's harvest and the cards the tests look for.
pub struct BigTable {
    pub harvest: Harvest,
    /// Moved from seat 5 to seat 8, after that seat's own cards.
    pub moved_to_seat: CardId,
    /// Moved from seat 2 to the centre.
    pub moved_to_centre: CardId,
}

const NAMES: [&str; 14] = [
    "Zoë", "Bram", "سارا", "Anouk", "Daan", "Fatima", "Jeroen", "Lotte", "Mehmet", "Noor",
    "Pieter", "Ruth", "Sem", "Yara",
];

/// How many cards each seat writes: seat 0 and 7 far more than fit in front of them.
const PER_SEAT: [usize; 14] = [14, 4, 5, 6, 3, 7, 5, 12, 4, 5, 3, 4, 4, 3];

fn id(prefix: &str, n: usize) -> CardId {
    format!("{prefix}-{n:04}").parse().expect("a valid id")
}

/// The text of card `n`: short and long ones, all distinct.
pub fn card_text(n: usize) -> String {
    match n % 4 {
        0 => format!("Kaart {n}: wat heb je al geprobeerd?"),
        1 => format!("Kaart {n}: plan een kort gesprek"),
        2 => format!("Kaart {n}: ik zie iemand die twijfelt en toch doorgaat met het plan"),
        _ => format!("Kaart {n}"),
    }
}

pub fn big_table() -> BigTable {
    let control = new_doc();
    write_settings(
        &control,
        &SessionSettings::new("Leerkring groot", Method::Incident, SEATS).expect("settings"),
    );
    write_plan(&control, &templates::phases(Method::Incident));
    write_phase(&control, "evaluation");
    let people: Vec<ParticipantId> = (0..SEATS as usize)
        .map(|i| format!("person-{i:04}").parse().expect("a valid id"))
        .collect();
    write_hot_seat(&control, Some(&people[0]));

    assert_eq!(PER_SEAT.iter().sum::<usize>() + 1, CARDS);
    let mut docs = vec![(DocName::Control, control)];
    let mut n = 0;
    let mut ids = Vec::new();
    for (seat, person) in people.iter().enumerate() {
        let doc = new_doc();
        write_profile(
            &doc,
            &Profile {
                name: NAMES[seat].to_owned(),
                seat: Some(u32::try_from(seat).unwrap()),
                location: if seat % 3 == 1 {
                    Location::Remote
                } else {
                    Location::Room
                },
                seat_claimed_ms: 1,
            },
        );
        // A card numbered by the board's running count, with its own text or the
        // number's.
        let mut write = |kind: CardKind, text: Option<&str>, phase: &str| {
            let card_id = id("card", n);
            let text = text.map_or_else(|| card_text(n), str::to_owned);
            add_card_with(
                &doc,
                &NewCard {
                    id: card_id.clone(),
                    kind,
                    text: CardText::new(&text).expect("card text"),
                    position: Position::CENTRE,
                    created_ms: 1_750_000_000_000 + n as i64 * 1000,
                    phase: Some(phase.to_owned()),
                },
            );
            n += 1;
            card_id
        };
        if seat == 0 {
            let case = "Hoe geef ik één collega feedback zonder de relatie te schaden?";
            ids.push((seat, write(CardKind::Case, Some(case), "pitches")));
        }
        for k in 0..PER_SEAT[seat] {
            // Questions first, then advice, then the evaluation: the last phase's
            // cards are each seat's newest.
            let (kind, phase) = match k % 3 {
                0 => (CardKind::Question, "questions"),
                1 => (CardKind::Advice, "advice"),
                _ => (CardKind::Insight, "evaluation"),
            };
            let text = (seat == 2 && k == 2).then_some("שלום: wie besluit er?");
            ids.push((seat, write(kind, text, phase)));
        }
        docs.push((DocName::Participant(person.clone()), doc));
    }
    let card_of = |seat: usize, k: usize| {
        ids.iter()
            .filter(|(s, _)| *s == seat)
            .nth(k)
            .map(|(_, id)| id.clone())
            .expect("the card")
    };
    let moved_to_seat = card_of(5, 2);
    let moved_to_centre = card_of(2, 1);
    let reordered = card_of(3, 0);
    let doc_of = |seat: usize| &docs[seat + 1].1;
    move_to_place(
        doc_of(5),
        &moved_to_seat,
        Place::Seat(8),
        Some(2_000_000_000_000.0),
    )
    .expect("moved");
    move_to_place(doc_of(2), &moved_to_centre, Place::Centre, Some(1.5)).expect("moved");
    set_order(doc_of(3), &reordered, 2_000_000_000_000.0).expect("reordered");

    let record = SessionRecord {
        id: "big-table-1".parse().expect("a valid id"),
        title: "Leerkring groot".to_owned(),
        method: Method::Incident,
        created_ms: 1_750_000_000_000,
        ended_ms: None,
        time_zone: None,
    };
    BigTable {
        harvest: from_docs(&record, &docs, 1_750_000_900_000),
        moved_to_seat,
        moved_to_centre,
    }
}

/// Leaves a rendering in `tests/artifacts/` (gitignored) for people to look at.
pub fn keep_artifact(name: &str, bytes: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), bytes));
}
