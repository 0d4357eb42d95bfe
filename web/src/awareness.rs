//! Presence ("who is here"): the browser's side of the y-protocols awareness, whose
//! state and encoding are `ovaal_shared::protocol::presence` (the server checks the
//! same states with it).
//!
//! Presence is ephemeral: it never enters a document. Each page load is one awareness
//! client with a random id; its clock grows with every state it sends, and a receiver
//! keeps only the newest state per client. A state that is not renewed within
//! [`OUTDATED_MS`] is dropped, so a browser that vanished without saying goodbye
//! disappears from the list too.

use std::collections::BTreeMap;

use ovaal_shared::Role;
use ovaal_shared::protocol::DecodeError;
pub use ovaal_shared::protocol::presence::PresenceState;
use ovaal_shared::protocol::presence::{AwarenessEntry, GONE, decode_update, encode_update};

/// How long a peer's state lives without being renewed (y-protocols uses 30 s).
pub const OUTDATED_MS: f64 = 30_000.0;

/// How often our own state is re-sent so others keep seeing us (half of the above).
pub const HEARTBEAT_MS: i32 = 15_000;

#[derive(Debug, thiserror::Error)]
pub enum AwarenessError {
    #[error("malformed awareness update: {0}")]
    Decode(#[from] DecodeError),
}

/// Whether someone with this role writes cards in rounds (the participants, badged or
/// not: the facilitator runs them, observers watch). A role this client does not know
/// does not.
fn writes_in_rounds(role: &str) -> bool {
    role.parse::<Role>().is_ok_and(Role::is_participant)
}

/// "4 of 6 ready" for `phase`: of the seated people (participant ids in `seated`) who
/// are here and write cards, how many said they are ready. One entry per participant,
/// whichever browser tab said it.
pub fn ready_count<'a>(
    states: impl IntoIterator<Item = &'a PresenceState>,
    seated: &std::collections::BTreeSet<String>,
    phase: &str,
) -> (usize, usize) {
    let mut people: BTreeMap<&str, bool> = BTreeMap::new();
    for state in states {
        if seated.contains(&state.participant) && writes_in_rounds(&state.role) {
            let ready = state.ready.as_deref() == Some(phase);
            *people.entry(state.participant.as_str()).or_default() |= ready;
        }
    }
    (people.values().filter(|r| **r).count(), people.len())
}

#[derive(Debug, Clone)]
struct Peer {
    clock: u64,
    /// `None` when the peer's JSON was not a presence state we understand: still
    /// counted as a client, but not shown.
    state: Option<PresenceState>,
    seen_ms: f64,
}

/// Our own awareness client and everyone else's latest state.
#[derive(Debug)]
pub struct Awareness {
    client_id: u64,
    clock: u64,
    peers: BTreeMap<u64, Peer>,
}

impl Awareness {
    pub fn new(client_id: u32) -> Self {
        Self {
            client_id: u64::from(client_id),
            clock: 0,
            peers: BTreeMap::new(),
        }
    }

    /// Encodes our state (or our departure, with `None`) as a fresh update. Every call
    /// bumps the clock, which is also what makes a heartbeat count as "renewed".
    pub fn encode_own(&mut self, state: Option<&PresenceState>) -> Vec<u8> {
        self.clock += 1;
        let json = state.map_or_else(|| GONE.to_owned(), PresenceState::to_json);
        encode_update(&[AwarenessEntry {
            client: self.client_id,
            clock: self.clock,
            state: &json,
        }])
    }

    /// Applies a received update. Returns whether the visible set changed. Older clocks
    /// are ignored; "null" removes the client (y-protocols' rules).
    pub fn apply(&mut self, update: &[u8], now_ms: f64) -> Result<bool, AwarenessError> {
        let mut changed = false;
        for AwarenessEntry {
            client,
            clock,
            state: json,
        } in decode_update(update)?
        {
            if client == self.client_id {
                continue; // Our own state echoed back (e.g. in a query answer).
            }
            let removal = json == GONE;
            let newer = match self.peers.get(&client) {
                Some(peer) => clock > peer.clock || (clock == peer.clock && removal),
                None => true,
            };
            if !newer {
                continue;
            }
            if removal {
                changed |= self.peers.remove(&client).is_some();
            } else {
                let state = PresenceState::from_json(json);
                let before = self.peers.get(&client).and_then(|p| p.state.clone());
                changed |= before != state;
                self.peers.insert(
                    client,
                    Peer {
                        clock,
                        state,
                        seen_ms: now_ms,
                    },
                );
            }
        }
        Ok(changed)
    }

    /// Drops peers that were not renewed in time. Returns whether any left.
    pub fn expire(&mut self, now_ms: f64) -> bool {
        let before = self.peers.len();
        self.peers.retain(|_, p| now_ms - p.seen_ms < OUTDATED_MS);
        before != self.peers.len()
    }

    /// Forgets everyone, e.g. when our connection drops: we can no longer tell who is
    /// there, and the query after reconnecting refills the list.
    pub fn clear_peers(&mut self) {
        self.peers.clear();
    }

    /// Other browsers' presence, one entry per participant (a person with two tabs
    /// appears once), ordered by name.
    pub fn present(&self) -> Vec<&PresenceState> {
        let mut by_participant: BTreeMap<&str, &PresenceState> = BTreeMap::new();
        for state in self.peers.values().filter_map(|p| p.state.as_ref()) {
            by_participant
                .entry(state.participant.as_str())
                .or_insert(state);
        }
        let mut out: Vec<&PresenceState> = by_participant.into_values().collect();
        ovaal_shared::sort::sort_by_key(&mut out, |s| s.name.to_lowercase());
        out
    }

    /// Whether a participant has at least one connected browser.
    pub fn is_present(&self, participant: &str) -> bool {
        self.peers
            .values()
            .filter_map(|p| p.state.as_ref())
            .any(|s| s.participant == participant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::protocol::lib0::{Decoder, Encoder};

    fn state(participant: &str, name: &str) -> PresenceState {
        PresenceState {
            participant: participant.into(),
            name: name.into(),
            role: "participant".into(),
            location: "room".into(),
            ready: None,
        }
    }

    #[test]
    fn ready_counts_seated_writers_once() {
        let mut anna = state("anna1234", "Anna");
        anna.ready = Some("stillness".into());
        let anna_tab = state("anna1234", "Anna");
        let bram = state("bram1234", "Bram");
        let mut late = state("cees1234", "Cees");
        late.ready = Some("questions".into());
        let mut facilitator = state("fenna123", "Fenna");
        facilitator.role = "facilitator".into();
        facilitator.ready = Some("stillness".into());
        let standing = state("dirk1234", "Dirk");
        let seated: std::collections::BTreeSet<String> =
            ["anna1234", "bram1234", "cees1234", "fenna123"]
                .into_iter()
                .map(String::from)
                .collect();
        let all = [anna, anna_tab, bram, late, facilitator, standing];
        assert_eq!(ready_count(all.iter(), &seated, "stillness"), (1, 3));
        let json = serde_json::to_string(&all[1]).unwrap();
        assert!(
            !json.contains("ready"),
            "no ready field unless ready: {json}"
        );
    }

    #[test]
    fn own_update_matches_the_y_protocols_layout() {
        let mut a = Awareness::new(300);
        let bytes = a.encode_own(None);
        // 1 entry, client 300 = [0xac, 0x02], clock 1, "null".
        assert_eq!(bytes, b"\x01\xac\x02\x01\x04null");
        let bytes = a.encode_own(Some(&state("p1234567", "Anna")));
        let mut d = Decoder::new(&bytes);
        assert_eq!(d.var_uint().unwrap(), 1);
        assert_eq!(d.var_uint().unwrap(), 300);
        assert_eq!(d.var_uint().unwrap(), 2);
        let json: serde_json::Value = serde_json::from_str(d.var_string().unwrap()).unwrap();
        assert_eq!(json["name"], "Anna");
        assert_eq!(json["location"], "room");
        d.finish().unwrap();
    }

    #[test]
    fn newer_clocks_win_and_null_removes() {
        let mut sender = Awareness::new(7);
        let mut receiver = Awareness::new(8);
        let first = sender.encode_own(Some(&state("p1234567", "Anna")));
        let second = sender.encode_own(Some(&state("p1234567", "Anna B")));
        assert!(receiver.apply(&second, 0.0).unwrap());
        // A late, older update must not overwrite the newer name.
        assert!(!receiver.apply(&first, 0.0).unwrap());
        assert_eq!(receiver.present()[0].name, "Anna B");
        assert!(receiver.is_present("p1234567"));
        let bye = sender.encode_own(None);
        assert!(receiver.apply(&bye, 0.0).unwrap());
        assert!(receiver.present().is_empty());
    }

    #[test]
    fn own_echo_is_ignored_and_tabs_are_merged() {
        let mut me = Awareness::new(1);
        let echo = me.encode_own(Some(&state("me123456", "Me")));
        assert!(!me.apply(&echo, 0.0).unwrap());
        let mut tab1 = Awareness::new(2);
        let mut tab2 = Awareness::new(3);
        me.apply(&tab1.encode_own(Some(&state("bob12345", "Bob"))), 0.0)
            .unwrap();
        me.apply(&tab2.encode_own(Some(&state("bob12345", "Bob"))), 0.0)
            .unwrap();
        me.apply(
            &Awareness::new(4).encode_own(Some(&state("al123456", "al"))),
            0.0,
        )
        .unwrap();
        let names: Vec<&str> = me.present().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["al", "Bob"]);
    }

    #[test]
    fn stale_peers_expire_and_garbage_is_an_error() {
        let mut me = Awareness::new(1);
        me.apply(
            &Awareness::new(2).encode_own(Some(&state("bob12345", "Bob"))),
            1000.0,
        )
        .unwrap();
        assert!(!me.expire(1000.0 + OUTDATED_MS - 1.0));
        assert!(me.expire(1000.0 + OUTDATED_MS));
        assert!(me.present().is_empty());
        assert!(me.apply(&[3, 1], 0.0).is_err());
        assert!(me.apply(&[0, 9], 0.0).is_err(), "trailing bytes");
    }

    #[test]
    fn foreign_json_counts_but_is_not_listed() {
        let mut e = Encoder::new();
        e.var_uint(1)
            .var_uint(9)
            .var_uint(1)
            .var_string(r#"{"user":{"name":"yjs"}}"#);
        let mut me = Awareness::new(1);
        assert!(!me.apply(&e.finish(), 0.0).unwrap());
        assert!(me.present().is_empty());
    }
}
