//! Real updates made by the board's own writers, from seeded random sessions: the
//! corpus the update reader is checked and fuzzed against.

#[path = "../support/seeded.rs"]
mod seeded;
pub use seeded::{Rng, seed};

use ovaal_shared::board::carried::{CarriedCard, add_carried, move_carried};
use ovaal_shared::board::control::{write_hot_seat, write_seat_count, write_settings};
use ovaal_shared::board::facilitation::{self, Timer};
use ovaal_shared::board::participant::{
    add_card, delete_card, edit_card, mark_removed, move_card, write_profile,
};
use ovaal_shared::board::triage::{Label, write_label, write_useful};
use ovaal_shared::board::{
    CardKind, CardText, Location, Method, Position, Profile, SessionSettings, new_doc,
};
use ovaal_shared::{CardId, ParticipantId};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

/// Runs `write` on `doc` and returns the update it produced.
pub fn step(doc: &Doc, write: impl FnOnce(&Doc)) -> Vec<u8> {
    let before = doc.transact().state_vector();
    write(doc);
    doc.transact().encode_state_as_update_v1(&before)
}

fn whole(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

fn apply(doc: &Doc, update: &[u8]) {
    let update = Update::decode_v1(update).expect("decodable");
    doc.transact_mut().apply_update(update).expect("appliable");
}

fn card_id(rng: &mut Rng) -> CardId {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
    CardId::from_random(bytes)
}

/// One random participant write (profile or card), as the board makes them.
fn participant_write(doc: &Doc, rng: &mut Rng, cards: &mut Vec<CardId>) {
    let position = Position::clamped(rng.fraction(), rng.fraction());
    match (rng.below(7), cards.is_empty()) {
        (0, _) => write_profile(
            doc,
            &Profile {
                name: format!("Deelnemer {}", rng.below(100)),
                seat: (rng.below(2) == 0).then(|| u32::try_from(rng.below(14)).unwrap()),
                location: [Location::Room, Location::Remote][rng.below(2)],
                seat_claimed_ms: 1_700_000_000_000 + rng.below(1 << 20) as i64,
            },
        ),
        (1, _) if rng.below(8) == 0 => mark_removed(doc),
        (1 | 2, _) | (_, true) => {
            let id = card_id(rng);
            let text = CardText::new(&format!("kaart {} ✓", rng.next() % 1000)).expect("valid");
            let kind = CardKind::ALL[rng.below(CardKind::ALL.len())];
            add_card(doc, &id, kind, &text, position, rng.below(1 << 40) as i64);
            cards.push(id);
        }
        (3 | 4, false) => {
            let id = &cards[rng.below(cards.len())];
            move_card(doc, id, position).expect("card exists");
        }
        (5, false) => {
            let id = &cards[rng.below(cards.len())];
            let text = CardText::new(&format!("bewerkt {}", rng.next() % 1000)).expect("valid");
            edit_card(doc, id, &text).expect("card exists");
        }
        _ => {
            let id = cards.swap_remove(rng.below(cards.len()));
            delete_card(doc, &id).expect("card exists");
        }
    }
}

/// One random write to the control, triage or carried document.
fn facilitator_write(doc: &Doc, rng: &mut Rng) {
    let method = Method::ALL[rng.below(Method::ALL.len())];
    let who: ParticipantId = format!("person-{:02}", rng.below(20))
        .parse()
        .expect("valid id");
    let card = card_id(rng);
    let position = Position::clamped(rng.fraction(), rng.fraction());
    match rng.below(16) {
        0 => write_settings(
            doc,
            &SessionSettings::new("Intervisie", method, 8).expect("valid"),
        ),
        1 => write_seat_count(doc, 4 + u32::try_from(rng.below(11)).unwrap()).expect("valid"),
        2 => write_hot_seat(doc, (rng.below(3) > 0).then_some(&who)),
        3 => facilitation::start_plan(doc, method),
        4 => facilitation::write_phase(doc, "ronde-2"),
        5 => facilitation::write_timer(
            doc,
            [
                Timer::Idle,
                Timer::start(10, 1_700_000_000_000),
                Timer::Paused {
                    remaining_ms: 60_000,
                },
            ][rng.below(3)],
        ),
        6 => facilitation::write_locked(doc, rng.below(2) == 0),
        7 => facilitation::write_hide_names(doc, rng.below(2) == 0),
        8 => facilitation::write_participants_export(doc, rng.below(2) == 0),
        9 => facilitation::write_ended(doc),
        10 => facilitation::reveal(doc, &format!("ronde-{}", rng.below(4))),
        11 => facilitation::write_sponsor_phases(
            doc,
            (rng.below(2) == 0).then_some(&["ronde-1".to_owned(), "oogst".to_owned()][..]),
        ),
        12 => write_label(
            doc,
            &who,
            &card,
            (rng.below(4) > 0).then(|| Label::ALL[rng.below(3)]),
        ),
        13 => write_useful(doc, &who, &card, rng.below(2) == 0),
        14 => add_carried(
            doc,
            &CarriedCard {
                id: card,
                kind: CardKind::ALL[rng.below(CardKind::ALL.len())],
                text: "uit de vorige sessie".to_owned(),
                author_name: "Anna".to_owned(),
                from_session: "sessie-1".to_owned(),
                from_title: "Urgentie".to_owned(),
                position,
                created_ms: 1_700_000_000_000,
            },
        ),
        _ => {
            move_carried(doc, &card, position);
        }
    }
}

/// A real update and the state vector of the document it was taken from, right after.
pub struct Sample {
    pub bytes: Vec<u8>,
    pub state: StateVector,
    pub whole: bool,
}

fn sample(bytes: Vec<u8>, doc: &Doc, whole: bool) -> Sample {
    let state = doc.transact().state_vector();
    Sample {
        bytes,
        state,
        whole,
    }
}

/// Real updates: incremental and whole-document encodings of participant documents
/// (several replicas of one document, some with yrs' default garbage collection, so
/// GC structs and deleted content appear) and of control/triage/carried documents.
pub fn corpus(rng: &mut Rng) -> Vec<Sample> {
    let mut out = Vec::new();
    for round in 0..6 {
        let gc = round % 2 == 1;
        let replicas: Vec<Doc> = (0..3)
            .map(|_| if gc { Doc::new() } else { new_doc() })
            .collect();
        let mut cards = Vec::new();
        for _ in 0..40 {
            let r = rng.below(replicas.len());
            let update = step(&replicas[r], |d| participant_write(d, rng, &mut cards));
            out.push(sample(update.clone(), &replicas[r], false));
            for other in &replicas {
                apply(other, &update);
            }
        }
        for replica in &replicas {
            out.push(sample(whole(replica), replica, true));
        }
        let control = if gc { Doc::new() } else { new_doc() };
        for _ in 0..40 {
            let update = step(&control, |d| facilitator_write(d, rng));
            out.push(sample(update, &control, false));
        }
        out.push(sample(whole(&control), &control, true));
    }
    out
}
