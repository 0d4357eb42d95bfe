//! The board schema check on real traffic: several clients edit one participant
//! document through a server that checks every update with `DocShadow` before
//! applying it, with random scheduling, dropped connections, duplicates — and
//! compactions that collect deleted content while clients still hold it. Every honest
//! update must pass (or, when it depends on something lost in flight, be answered
//! with the server's state, as the real server does), and everyone must converge.
//! The seed is printed; rerun with `OVAAL_SEED`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

#[path = "support/seeded.rs"]
mod seeded;
use seeded::{Rng, seed};
#[path = "support/replicas.rs"]
mod replicas;
use replicas::{apply, doc_with, random_edit};

use std::collections::VecDeque;

use ovaal_shared::board::participant::read_cards;
use ovaal_shared::board::schema::{DocKind, DocShadow, SchemaError};
use ovaal_shared::update::parse_update;
use yrs::{Doc, ReadTxn, StateVector, Transact};

/// The server: its replica and the index its checks use.
struct Server {
    doc: Doc,
    shadow: DocShadow,
}

impl Server {
    /// Checks and applies an update as the room does. `Err` means "I lack history".
    fn receive(&mut self, update: &[u8], seed: u64) -> Result<bool, ()> {
        let parsed = parse_update(update)
            .unwrap_or_else(|e| panic!("seed {seed}: an honest update was unreadable: {e}"));
        match self.shadow.check(&parsed) {
            Ok(resolved) => {
                let adds = resolved.verdict.adds || resolved.verdict.deletes;
                apply(&self.doc, update);
                self.shadow.record(resolved);
                Ok(adds)
            }
            Err(SchemaError::MissingHistory) => Err(()),
            Err(e) => panic!("seed {seed}: an honest update was refused: {e}"),
        }
    }

    /// Compaction: the stored form with deleted content collected; the room loads it
    /// and rebuilds its index.
    fn compact(&mut self) {
        let collected = {
            let restored = doc_with(1);
            apply(
                &restored,
                &self
                    .doc
                    .transact()
                    .encode_state_as_update_v1(&StateVector::default()),
            );
            let mut txn = restored.transact_mut();
            txn.gc(None);
            txn.encode_state_as_update_v1(&StateVector::default())
        };
        let doc = doc_with(1);
        apply(&doc, &collected);
        self.shadow = DocShadow::rebuild(DocKind::Participant, &collected);
        assert!(self.shadow.is_indexed());
        self.doc = doc;
    }

    /// The reconnect handshake of client `c`: its Step2 must pass the check, and is
    /// relayed to the others like any accepted write; from the server's Step2 on, the
    /// client is in sync and live updates follow in order.
    fn handshake(&mut self, clients: &[Doc], c: usize, down: &mut [VecDeque<Vec<u8>>], seed: u64) {
        let client = &clients[c];
        let server_lacks = client
            .transact()
            .encode_diff_v1(&self.doc.transact().state_vector());
        self.receive(&server_lacks, seed)
            .unwrap_or_else(|()| panic!("seed {seed}: a handshake Step2 had a gap"));
        for (other, queue) in down.iter_mut().enumerate() {
            if other != c {
                queue.push_back(server_lacks.clone());
            }
        }
        let client_lacks = self
            .doc
            .transact()
            .encode_diff_v1(&client.transact().state_vector());
        apply(client, &client_lacks);
    }
}

#[test]
fn honest_traffic_passes_the_schema_check_and_converges() {
    let seed = seed();
    println!("schema convergence seed: {seed} (rerun with OVAAL_SEED={seed})");
    let mut rng = Rng(seed);
    const CLIENTS: usize = 4;
    for round in 0..20 {
        let mut server = Server {
            doc: doc_with(rng.next() >> 12),
            shadow: DocShadow::new(DocKind::Participant),
        };
        let clients: Vec<Doc> = (0..CLIENTS).map(|_| doc_with(rng.next() >> 12)).collect();
        let mut up: Vec<VecDeque<Vec<u8>>> = vec![VecDeque::new(); CLIENTS];
        let mut down: Vec<VecDeque<Vec<u8>>> = vec![VecDeque::new(); CLIENTS];
        for _ in 0..100 {
            match rng.below(7) {
                0 | 1 => {
                    let c = rng.below(CLIENTS);
                    let update = random_edit(&clients[c], &mut rng);
                    up[c].push_back(update);
                }
                2 | 3 => {
                    let c = rng.below(CLIENTS);
                    if let Some(update) = up[c].pop_front() {
                        match server.receive(&update, seed) {
                            Ok(_) => {
                                for (other, queue) in down.iter_mut().enumerate() {
                                    if other != c {
                                        queue.push_back(update.clone());
                                    }
                                }
                            }
                            // The server answers with its Step1; the client's Step2
                            // (everything the server lacks) follows in order.
                            Err(()) => server.handshake(&clients, c, &mut down, seed),
                        }
                    }
                }
                4 => {
                    let c = rng.below(CLIENTS);
                    if let Some(update) = down[c].pop_front() {
                        apply(&clients[c], &update);
                    }
                }
                5 => server.compact(),
                _ => {
                    let c = rng.below(CLIENTS);
                    down[c].clear();
                    if rng.below(2) == 0 {
                        up[c].clear();
                    }
                    server.handshake(&clients, c, &mut down, seed);
                }
            }
        }
        for (c, queue) in up.iter_mut().enumerate() {
            while let Some(update) = queue.pop_front() {
                if server.receive(&update, seed).is_err() {
                    server.handshake(&clients, c, &mut down, seed);
                }
            }
        }
        for c in 0..CLIENTS {
            while let Some(update) = down[c].pop_front() {
                apply(&clients[c], &update);
            }
            server.handshake(&clients, c, &mut down, seed);
        }
        for c in 0..CLIENTS {
            while let Some(update) = down[c].pop_front() {
                apply(&clients[c], &update);
            }
        }
        let author = "author-01".parse().expect("valid id");
        let reference = read_cards(&server.doc, &author);
        let reference_state = server.doc.transact().state_vector();
        for (i, client) in clients.iter().enumerate() {
            assert_eq!(
                read_cards(client, &author),
                reference,
                "seed {seed}, round {round}: client {i} shows different cards than the server"
            );
            assert_eq!(
                client.transact().state_vector(),
                reference_state,
                "seed {seed}, round {round}: client {i} has a different state"
            );
        }
    }
}
