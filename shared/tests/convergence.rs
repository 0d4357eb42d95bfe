//! Seeded random convergence: several replicas of one participant document and the
//! control document receive random edits, exchange updates in random order (with
//! duplicates and delays), and must all end equal. The seed is printed; rerun a
//! failure with `OVAAL_SEED=<seed> cargo test -p ovaal-shared --test convergence`.

use ovaal_shared::CardId;
use ovaal_shared::board::participant::{add_card, delete_card, edit_card, move_card, read_cards};
use ovaal_shared::board::{CardKind, CardText, Position};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

/// A small deterministic generator (xorshift64*), so a seed replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn fraction(&mut self) -> f64 {
        (self.next() % 10_000) as f64 / 10_000.0
    }
}

fn seed() -> u64 {
    std::env::var("OVAAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        })
}

/// One random edit on a replica; returns the update it produced.
fn random_edit(doc: &Doc, rng: &mut Rng, ids: &mut Vec<CardId>) -> Vec<u8> {
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
            ids.push(id);
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

#[test]
fn random_edits_in_random_order_converge() {
    let seed = seed();
    println!("convergence seed: {seed} (rerun with OVAAL_SEED={seed})");
    let mut rng = Rng(seed);
    for round in 0..20 {
        let replicas: Vec<Doc> = (0..4).map(|_| Doc::new()).collect();
        // In-flight updates per receiving replica.
        let mut inboxes: Vec<Vec<Vec<u8>>> = vec![Vec::new(); replicas.len()];
        let mut ids = Vec::new();
        for _ in 0..60 {
            let from = rng.below(replicas.len());
            let update = random_edit(&replicas[from], &mut rng, &mut ids);
            for (to, inbox) in inboxes.iter_mut().enumerate() {
                if to != from {
                    inbox.push(update.clone());
                    if rng.below(5) == 0 {
                        inbox.push(update.clone()); // duplicate delivery
                    }
                }
            }
            // Deliver a random subset now, in random order; the rest stays in flight.
            for (to, inbox) in inboxes.iter_mut().enumerate() {
                while !inbox.is_empty() && rng.below(3) > 0 {
                    let update = inbox.swap_remove(rng.below(inbox.len()));
                    let update = Update::decode_v1(&update).expect("decodable");
                    replicas[to]
                        .transact_mut()
                        .apply_update(update)
                        .expect("appliable");
                }
            }
        }
        // Deliver everything still in flight, in random order.
        for (to, inbox) in inboxes.iter_mut().enumerate() {
            while !inbox.is_empty() {
                let update = inbox.swap_remove(rng.below(inbox.len()));
                let update = Update::decode_v1(&update).expect("decodable");
                replicas[to]
                    .transact_mut()
                    .apply_update(update)
                    .expect("appliable");
            }
        }
        let author = "author-01".parse().expect("valid id");
        let reference = read_cards(&replicas[0], &author);
        let reference_state = replicas[0].transact().state_vector();
        for (i, replica) in replicas.iter().enumerate().skip(1) {
            assert_eq!(
                read_cards(replica, &author),
                reference,
                "seed {seed}, round {round}: replica {i} shows different cards"
            );
            assert_eq!(
                replica.transact().state_vector(),
                reference_state,
                "seed {seed}, round {round}: replica {i} has a different state"
            );
        }
    }
}
