//! Who this browser is at this session: a participant id and a secret key, made up by
//! the browser on first visit and kept in localStorage (per session and link, see
//! [`crate::link::identity_storage_key`]). The server binds the key to the id on first
//! use, so nobody who learns the id can later write as this person.

use ovaal_shared::ParticipantId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub participant: ParticipantId,
    pub key: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    participant: String,
    key: String,
}

impl Identity {
    /// A fresh identity from 16 + 32 random bytes.
    pub fn from_random(id_bytes: [u8; 16], key_bytes: [u8; 32]) -> Self {
        Identity {
            participant: ParticipantId::from_random(id_bytes),
            key: crate::link::base64url(&key_bytes),
        }
    }

    /// Reads a stored identity; anything unreadable (edited by hand, an older format)
    /// counts as absent and a new identity is made.
    pub fn parse(json: &str) -> Option<Self> {
        let stored: Stored = serde_json::from_str(json).ok()?;
        let participant = stored.participant.parse().ok()?;
        (stored.key.len() >= 16).then_some(Identity {
            participant,
            key: stored.key,
        })
    }

    pub fn to_json(&self) -> String {
        let stored = Stored {
            participant: self.participant.to_string(),
            key: self.key.clone(),
        };
        // Two strings always serialise; an empty answer would read back as absent.
        serde_json::to_string(&stored).unwrap_or_default()
    }
}

/// This link's identity in this browser, and whether it was made just now.
#[cfg(target_arch = "wasm32")]
pub struct Loaded {
    pub identity: Identity,
    /// Made on this visit: nothing this browser kept (the board's local copy) can be
    /// this identity's yet.
    pub new: bool,
}

/// Loads this link's identity, or makes and stores a new one.
#[cfg(target_arch = "wasm32")]
pub fn load_or_create(session: &ovaal_shared::SessionId, token: &str) -> Loaded {
    use crate::browser;
    let key = crate::link::identity_storage_key(session, token);
    if let Some(identity) = browser::storage_get(&key).and_then(|json| Identity::parse(&json)) {
        return Loaded {
            identity,
            new: false,
        };
    }
    let identity = Identity::from_random(browser::random_bytes(), browser::random_bytes());
    browser::storage_set(&key, &identity.to_json());
    Loaded {
        identity,
        new: true,
    }
}

/// Forgets this link's identity, so the next page load starts as a new participant
/// (what the server asks for when the id is bound to another key).
#[cfg(target_arch = "wasm32")]
pub fn forget(session: &ovaal_shared::SessionId, token: &str) {
    crate::browser::storage_remove(&crate::link::identity_storage_key(session, token));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_round_trip_through_storage_json() {
        let identity = Identity::from_random([9; 16], [1; 32]);
        assert_eq!(identity.key.len(), 43);
        assert_eq!(Identity::parse(&identity.to_json()), Some(identity));
    }

    #[test]
    fn broken_storage_is_ignored() {
        assert_eq!(Identity::parse("{"), None);
        assert_eq!(
            Identity::parse(r#"{"participant":"a b","key":"xxxxxxxxxxxxxxxxxx"}"#),
            None
        );
        assert_eq!(
            Identity::parse(r#"{"participant":"abcdefgh","key":"short"}"#),
            None
        );
    }
}
