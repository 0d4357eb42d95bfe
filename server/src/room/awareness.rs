//! Awareness: the ephemeral "who is here" states of a room, in the y-protocols
//! awareness encoding (`varUint(count)` then per entry `varUint(clientID)
//! varUint(clock) varString(JSON state | "null")`).
//!
//! The server keeps the latest state per client id so that a late joiner sees everyone
//! at once, binds each client id to the connection that first used it (nobody can
//! overwrite someone else's presence), and announces a departure when a connection
//! closes without saying goodbye.

use std::collections::HashMap;

use ovaal_shared::protocol::DecodeError;
use ovaal_shared::protocol::presence::{
    AwarenessEntry, GONE, claims_match, decode_update, encode_update,
};

use super::ConnId;

/// A presence is a name, a role and a few flags: a few hundred bytes at most.
const MAX_STATE_BYTES: usize = 4096;
/// Client ids one connection may announce (one per tab is normal).
const MAX_CLIENTS_PER_CONN: usize = 4;

struct Entry {
    conn: ConnId,
    clock: u64,
    state: String,
}

/// Who a connection is, to check the claims in its presence states.
pub struct Identity<'a> {
    pub participant: &'a str,
    pub role: &'a str,
}

impl Identity<'_> {
    fn allows(&self, state: &str) -> bool {
        claims_match(state, self.participant, self.role)
    }
}

#[derive(Default)]
pub struct Awareness {
    entries: HashMap<u64, Entry>,
}

fn encode(entries: &[(u64, u64, &str)]) -> Vec<u8> {
    let entries: Vec<AwarenessEntry<'_>> = entries
        .iter()
        .map(|&(client, clock, state)| AwarenessEntry {
            client,
            clock,
            state,
        })
        .collect();
    encode_update(&entries)
}

impl Awareness {
    /// Applies a connection's awareness update. Returns the accepted entries,
    /// re-encoded for relaying, or `None` if nothing was accepted. A state that names a
    /// participant or a role other than the connection's own is ignored: presence
    /// (and the "ready" count built on it) cannot be faked for someone else.
    pub fn apply(
        &mut self,
        conn: ConnId,
        identity: &Identity<'_>,
        update: &[u8],
    ) -> Result<Option<Vec<u8>>, DecodeError> {
        self.apply_where(conn, update, |state| identity.allows(state))
    }

    /// Applies presence another node accepted from one of its connections (`conn` is
    /// that connection's id here, see `room::remote`): the claims were checked there.
    pub fn apply_relayed(
        &mut self,
        conn: ConnId,
        update: &[u8],
    ) -> Result<Option<Vec<u8>>, DecodeError> {
        self.apply_where(conn, update, |_| true)
    }

    fn apply_where(
        &mut self,
        conn: ConnId,
        update: &[u8],
        allows: impl Fn(&str) -> bool,
    ) -> Result<Option<Vec<u8>>, DecodeError> {
        let entries = decode_update(update)?;
        if entries.iter().any(|e| e.state.len() > MAX_STATE_BYTES) {
            return Err(DecodeError::InvalidField {
                field: "awareness state",
                reason: format!("longer than {MAX_STATE_BYTES} bytes"),
            });
        }
        let accepted: Vec<AwarenessEntry<'_>> = entries
            .into_iter()
            .filter(|e| allows(e.state) && self.accept(conn, e.client, e.clock, e.state))
            .collect();
        Ok((!accepted.is_empty()).then(|| encode_update(&accepted)))
    }

    fn accept(&mut self, conn: ConnId, client: u64, clock: u64, state: &str) -> bool {
        match self.entries.get_mut(&client) {
            Some(entry) if entry.conn != conn => false,
            Some(entry) if clock < entry.clock => false,
            Some(entry) => {
                entry.clock = clock;
                entry.state = state.to_owned();
                true
            }
            None => {
                let owned = self.entries.values().filter(|e| e.conn == conn).count();
                if owned >= MAX_CLIENTS_PER_CONN {
                    return false;
                }
                self.entries.insert(
                    client,
                    Entry {
                        conn,
                        clock,
                        state: state.to_owned(),
                    },
                );
                true
            }
        }
    }

    /// Forgets a closed connection; returns the "gone" update to relay, if it had any
    /// presence.
    pub fn remove_conn(&mut self, conn: ConnId) -> Option<Vec<u8>> {
        let gone: Vec<(u64, u64)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.conn == conn)
            .map(|(client, e)| (*client, e.clock + 1))
            .collect();
        if gone.is_empty() {
            return None;
        }
        for (client, _) in &gone {
            self.entries.remove(client);
        }
        let view: Vec<(u64, u64, &str)> = gone.iter().map(|(c, k)| (*c, *k, GONE)).collect();
        Some(encode(&view))
    }

    /// Every known state, for a late joiner (`None` when nobody announced anything).
    pub fn encode_all(&self) -> Option<Vec<u8>> {
        let view: Vec<(u64, u64, &str)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.state != GONE)
            .map(|(client, e)| (*client, e.clock, e.state.as_str()))
            .collect();
        (!view.is_empty()).then(|| encode(&view))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: Identity<'static> = Identity {
        participant: "anna-1234",
        role: "participant",
    };

    #[test]
    fn relays_keeps_and_forgets_presence() {
        let mut a = Awareness::default();
        let update = encode(&[(7, 1, r#"{"name":"Anna"}"#)]);
        assert!(a.apply(1, &ANNA, &update).unwrap().is_some());
        assert_eq!(a.encode_all().unwrap(), update);
        // Another connection cannot take over client 7.
        assert!(
            a.apply(2, &ANNA, &encode(&[(7, 5, "{}")]))
                .unwrap()
                .is_none()
        );
        // A stale clock is ignored.
        assert!(
            a.apply(1, &ANNA, &encode(&[(7, 0, "{}")]))
                .unwrap()
                .is_none()
        );
        let gone = a.remove_conn(1).unwrap();
        assert_eq!(gone, encode(&[(7, 2, "null")]));
        assert!(a.encode_all().is_none());
        assert!(a.remove_conn(1).is_none());
    }

    #[test]
    fn malformed_updates_are_errors() {
        let mut a = Awareness::default();
        assert!(a.apply(1, &ANNA, &[3, 1]).is_err());
        let huge = "x".repeat(MAX_STATE_BYTES + 1);
        assert!(a.apply(1, &ANNA, &encode(&[(1, 1, &huge)])).is_err());
    }

    #[test]
    fn presence_cannot_claim_someone_else() {
        let mut a = Awareness::default();
        let own = r#"{"participant":"anna-1234","role":"participant","ready":"x"}"#;
        assert!(
            a.apply(1, &ANNA, &encode(&[(1, 1, own)]))
                .unwrap()
                .is_some()
        );
        for forged in [
            r#"{"participant":"bram-1234","role":"participant"}"#,
            r#"{"participant":"anna-1234","role":"facilitator"}"#,
            "not json",
        ] {
            assert!(
                a.apply(1, &ANNA, &encode(&[(2, 1, forged)]))
                    .unwrap()
                    .is_none(),
                "{forged} was accepted"
            );
        }
    }
}
