//! Presence ("who is here"): what one browser says about itself, and the y-protocols
//! awareness update that carries it, so the same bytes are understood by Yjs tooling:
//!
//! ```text
//! varUint(entries) · { varUint(clientID) · varUint(clock) · varString(JSON or "null") }*
//! ```
//!
//! The browser encodes its [`PresenceState`] with [`encode_update`] and reads others'
//! with [`decode_update`]; the server reads every update with [`decode_update`],
//! checks a state's claims with [`claims_match`] and relays with [`encode_update`].

use serde::{Deserialize, Deserializer, Serialize};

use super::DecodeError;
use super::lib0::{Decoder, Encoder};

/// The state of a client that left ("null" in y-protocols).
pub const GONE: &str = "null";

/// What one browser says about itself. Fields are plain strings because they come from
/// other browsers (and possibly other Yjs clients): they are displayed, never trusted;
/// the server only checks that `participant` and `role` are the sender's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceState {
    pub participant: String,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub location: String,
    /// The private round (phase id) this person marked themselves ready in. Ready is
    /// ephemeral ("I am done writing"), so it lives here and never in a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<String>,
}

impl PresenceState {
    /// The state as it travels in an update.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| GONE.to_owned())
    }

    /// A state from an update; `None` for "null" or JSON that is not a presence state
    /// (another Yjs client's).
    pub fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok()
    }
}

/// One entry of an awareness update: a client, its clock, its state as JSON (or
/// [`GONE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwarenessEntry<'a> {
    pub client: u64,
    pub clock: u64,
    pub state: &'a str,
}

pub fn encode_update(entries: &[AwarenessEntry<'_>]) -> Vec<u8> {
    let capacity = entries.iter().map(|e| 24 + e.state.len()).sum();
    let mut e = Encoder::with_capacity(capacity);
    e.var_uint(entries.len() as u64);
    for entry in entries {
        e.var_uint(entry.client)
            .var_uint(entry.clock)
            .var_string(entry.state);
    }
    e.finish()
}

/// Reads a whole update; nothing of it counts unless all of it is well formed.
/// Entries borrow their states from `update`, and each entry takes at least three
/// bytes, so the list is never longer than the update.
pub fn decode_update(update: &[u8]) -> Result<Vec<AwarenessEntry<'_>>, DecodeError> {
    let mut d = Decoder::new(update);
    let count = d.var_uint()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let client = d.var_uint()?;
        let clock = d.var_uint()?;
        let state = d.var_string()?;
        entries.push(AwarenessEntry {
            client,
            clock,
            state,
        });
    }
    d.finish()?;
    Ok(entries)
}

/// The fields of a [`PresenceState`] that say who sent it. Each is absent (`None`), or
/// present with what it holds (`Some(None)` for a JSON null), so that a claim is
/// either missing or checked.
#[derive(Deserialize)]
struct Claims {
    #[serde(default, deserialize_with = "present")]
    participant: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    role: Option<Option<String>>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Whether a state may come from the connection of `participant` in `role`: "null",
/// or a JSON object whose `participant` and `role`, where it names them, are the
/// sender's own. Other fields (and other Yjs clients' states) pass; presence, and the
/// "ready" count built on it, cannot be claimed for someone else.
pub fn claims_match(state: &str, participant: &str, role: &str) -> bool {
    if state == GONE {
        return true;
    }
    let Ok(value @ serde_json::Value::Object(_)) = serde_json::from_str(state) else {
        return false;
    };
    let Ok(claims) = Claims::deserialize(value) else {
        return false;
    };
    let matches = |claim: Option<Option<String>>, own: &str| match claim {
        None => true,
        Some(said) => said.as_deref() == Some(own),
    };
    matches(claims.participant, participant) && matches(claims.role, role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anna() -> PresenceState {
        PresenceState {
            participant: "anna-1234".into(),
            name: "Anna".into(),
            role: "participant".into(),
            location: "room".into(),
            ready: None,
        }
    }

    #[test]
    fn an_update_matches_the_y_protocols_layout_and_reads_back() {
        let gone = [AwarenessEntry {
            client: 300,
            clock: 1,
            state: GONE,
        }];
        // 1 entry, client 300 = [0xac, 0x02], clock 1, "null".
        assert_eq!(encode_update(&gone), b"\x01\xac\x02\x01\x04null");
        let json = anna().to_json();
        let entries = [
            AwarenessEntry {
                client: 7,
                clock: 2,
                state: &json,
            },
            gone[0],
        ];
        let bytes = encode_update(&entries);
        assert_eq!(decode_update(&bytes).unwrap(), entries);
        assert_eq!(PresenceState::from_json(&json), Some(anna()));
        assert!(
            !json.contains("ready"),
            "no ready field unless ready: {json}"
        );
    }

    #[test]
    fn malformed_updates_are_errors() {
        assert!(decode_update(&[3, 1]).is_err());
        assert!(decode_update(&[0, 9]).is_err(), "trailing bytes");
    }

    #[test]
    fn a_state_may_only_claim_its_sender() {
        let own = anna().to_json();
        assert!(claims_match(&own, "anna-1234", "participant"));
        assert!(claims_match(GONE, "anna-1234", "participant"));
        // A state that names nobody (another Yjs client's) passes.
        assert!(claims_match(
            r#"{"name":"Anna"}"#,
            "anna-1234",
            "participant"
        ));
        for forged in [
            r#"{"participant":"bram-1234","role":"participant"}"#,
            r#"{"participant":"anna-1234","role":"facilitator"}"#,
            r#"{"participant":null}"#,
            r#"{"participant":5}"#,
            r#"["anna-1234"]"#,
            "not json",
        ] {
            assert!(
                !claims_match(forged, "anna-1234", "participant"),
                "{forged} was accepted"
            );
        }
    }
}
