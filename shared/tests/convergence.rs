//! Seeded random convergence: several clients edit one participant document through
//! a relaying server with random scheduling, delays, dropped connections and resyncs,
//! and must all end equal. The seed is printed; rerun a
//! failure with `OVAAL_SEED=<seed> cargo test -p ovaal-shared --test convergence`.

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

use ovaal_shared::board::participant::read_cards;
use yrs::{Doc, ReadTxn, Transact};

/// The reconnect handshake between a client and the server (Step1/Step2 both ways).
fn handshake(client: &Doc, server: &Doc) {
    let server_lacks = client
        .transact()
        .encode_diff_v1(&server.transact().state_vector());
    apply(server, &server_lacks);
    let client_lacks = server
        .transact()
        .encode_diff_v1(&client.transact().state_vector());
    apply(client, &client_lacks);
}

/// Clients edit one participant document concurrently through a relaying server, the
/// way Ovaal's topology works: each client→server and server→client link delivers in
/// order (a WebSocket), but links are scheduled in random order and with random delay,
/// and clients drop their connection at random and resync with the handshake (which
/// re-sends updates that may already be in flight: duplicates).
#[test]
fn random_edits_in_random_order_converge() {
    let seed = seed();
    println!("convergence seed: {seed} (rerun with OVAAL_SEED={seed})");
    let mut rng = Rng(seed);
    const CLIENTS: usize = 4;
    for round in 0..20 {
        // Client ids from the seed too, so a failure replays exactly.
        let server = doc_with(rng.next() >> 12);
        let clients: Vec<Doc> = (0..CLIENTS).map(|_| doc_with(rng.next() >> 12)).collect();
        let mut up: Vec<std::collections::VecDeque<Vec<u8>>> = vec![Default::default(); CLIENTS];
        let mut down: Vec<std::collections::VecDeque<Vec<u8>>> = vec![Default::default(); CLIENTS];
        for _ in 0..80 {
            match rng.below(6) {
                // A client edits and sends.
                0 | 1 => {
                    let c = rng.below(CLIENTS);
                    let update = random_edit(&clients[c], &mut rng);
                    up[c].push_back(update);
                }
                // The server receives one frame from some client and relays it.
                2 | 3 => {
                    let c = rng.below(CLIENTS);
                    if let Some(update) = up[c].pop_front() {
                        apply(&server, &update);
                        for (other, queue) in down.iter_mut().enumerate() {
                            if other != c {
                                queue.push_back(update.clone());
                            }
                        }
                    }
                }
                // A client receives one frame.
                4 => {
                    let c = rng.below(CLIENTS);
                    if let Some(update) = down[c].pop_front() {
                        apply(&clients[c], &update);
                    }
                }
                // A client's connection drops: in-flight frames to it are lost, its
                // own may or may not have arrived; it reconnects with the handshake.
                _ => {
                    let c = rng.below(CLIENTS);
                    down[c].clear();
                    if rng.below(2) == 0 {
                        up[c].clear();
                    }
                    handshake(&clients[c], &server);
                }
            }
        }
        // Everything still in flight arrives, then everyone resyncs once more.
        for queue in up.iter_mut() {
            while let Some(update) = queue.pop_front() {
                apply(&server, &update);
            }
        }
        for (c, client) in clients.iter().enumerate() {
            while let Some(update) = down[c].pop_front() {
                apply(client, &update);
            }
            handshake(client, &server);
        }
        let author = "author-01".parse().expect("valid id");
        let reference = read_cards(&server, &author);
        let reference_state = server.transact().state_vector();
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
