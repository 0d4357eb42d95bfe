//! Replicas and honest edits for the convergence tests: a document as Ovaal makes
//! them (no garbage collection) with a seeded client id, applying an update as a
//! client or the server does on receipt, and one random board edit.

use ovaal_shared::CardId;
use ovaal_shared::board::participant::{add_card, delete_card, edit_card, move_card, read_cards};
use ovaal_shared::board::{CardKind, CardText, Position};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

use super::seeded::Rng;

pub fn doc_with(id: u64) -> Doc {
    let mut options = yrs::Options::with_client_id(yrs::block::ClientID::new(id));
    options.skip_gc = true;
    Doc::with_options(options)
}

pub fn apply(doc: &Doc, update: &[u8]) {
    let update = Update::decode_v1(update).expect("decodable");
    doc.transact_mut().apply_update(update).expect("appliable");
}

pub fn random_edit(doc: &Doc, rng: &mut Rng) -> Vec<u8> {
    let before = doc.transact().state_vector();
    let author = "author-01".parse().expect("valid id");
    let existing: Vec<CardId> = read_cards(doc, &author).into_iter().map(|c| c.id).collect();
    match (rng.below(4), existing.is_empty()) {
        (0, _) | (_, true) => {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
            bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
            let id = CardId::from_random(bytes);
            let text = CardText::new(&format!("kaart {}", rng.next() % 1000)).expect("valid");
            let kind = CardKind::ALL[rng.below(CardKind::ALL.len())];
            let pos = Position::clamped(rng.fraction(), rng.fraction());
            add_card(doc, &id, kind, &text, pos, rng.below(1000) as i64);
        }
        (1, false) => {
            let id = &existing[rng.below(existing.len())];
            let pos = Position::clamped(rng.fraction(), rng.fraction());
            move_card(doc, id, pos).expect("card exists locally");
        }
        (2, false) => {
            let id = &existing[rng.below(existing.len())];
            let text = CardText::new(&format!("bewerkt {}", rng.next() % 1000)).expect("valid");
            edit_card(doc, id, &text).expect("card exists locally");
        }
        _ => {
            let id = &existing[rng.below(existing.len())];
            delete_card(doc, id).expect("card exists locally");
        }
    }
    doc.transact().encode_state_as_update_v1(&before)
}
