//! Newtype identifiers. Every id that arrives from the network is parsed through
//! `FromStr`, so an invalid id is rejected at the edge instead of deep inside a room.

use std::fmt;
use std::str::FromStr;

/// Why a string is not a valid identifier or document name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id must be {min} to {max} characters long, got {got}")]
    Length { min: usize, max: usize, got: usize },
    #[error("an id may only contain letters, digits, '-' and '_'")]
    Charset,
    #[error(
        "unknown document name {0:?}: expected control, triage, carried, participant/<id> or private/<phase>/<id>"
    )]
    UnknownDocument(String),
}

/// Checks the shared id alphabet: URL-safe without escaping, so ids can appear in
/// links, document names and file names alike.
fn validate(s: &str, min: usize, max: usize) -> Result<(), IdError> {
    if s.len() < min || s.len() > max {
        return Err(IdError::Length {
            min,
            max,
            got: s.len(),
        });
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(IdError::Charset);
    }
    Ok(())
}

/// Encodes random bytes with the id alphabet (unpadded base64url).
fn encode_random(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Builds a fresh id from caller-supplied random bytes (this crate does no
            /// I/O, so the caller owns the randomness source).
            pub fn from_random(bytes: [u8; 16]) -> Self {
                Self(encode_random(&bytes))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                validate(s, $min, $max)?;
                Ok(Self(s.to_owned()))
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                validate(&s, $min, $max)?;
                Ok(Self(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A session (one board, one room on the server).
    SessionId, 8, 64
);
id_type!(
    /// A person at the table. Chosen by their browser and bound to a secret key on
    /// first use, so nobody else can later write as them.
    ParticipantId, 8, 64
);
id_type!(
    /// A card, unique within its author's document.
    CardId, 8, 64
);

/// The documents a session consists of. Each document has exactly the writers that may
/// change its content (see [`crate::permissions`]), which is what makes the server's
/// permission check a simple "may this connection write this document?".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocName {
    /// Session settings run by the facilitator: title, method, number of seats.
    Control,
    /// One participant's profile (name, seat, in the room or remote) and cards.
    Participant(ParticipantId),
    /// One participant's cards of one private round (`phase`): readable only by their
    /// author until the facilitator reveals the round.
    Private { phase: String, owner: ParticipantId },
    /// The case-holder's labels on cards (warm/neutral/cold, useful): written only by
    /// whoever is in the hot seat.
    Triage,
    /// Cards carried over from earlier sessions of an arc (Mastercircle, or an
    /// intervision group's next meeting): written by the server when the session is
    /// made, then moved or removed by the facilitator.
    Carried,
}

impl DocName {
    const PARTICIPANT_PREFIX: &'static str = "participant/";
    const PRIVATE_PREFIX: &'static str = "private/";

    /// The participant whose cards this document holds, if it is a personal one.
    pub fn owner(&self) -> Option<&ParticipantId> {
        match self {
            DocName::Control | DocName::Triage | DocName::Carried => None,
            DocName::Participant(id) => Some(id),
            DocName::Private { owner, .. } => Some(owner),
        }
    }
}

/// Phase ids inside document names: `[a-z0-9-]`, 1–40 characters.
fn valid_phase_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl FromStr for DocName {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        match s {
            "control" => return Ok(DocName::Control),
            "triage" => return Ok(DocName::Triage),
            "carried" => return Ok(DocName::Carried),
            _ => {}
        }
        if let Some(id) = s.strip_prefix(Self::PARTICIPANT_PREFIX) {
            return Ok(DocName::Participant(id.parse()?));
        }
        if let Some((phase, owner)) = s
            .strip_prefix(Self::PRIVATE_PREFIX)
            .and_then(|rest| rest.split_once('/'))
            .filter(|(phase, _)| valid_phase_id(phase))
        {
            return Ok(DocName::Private {
                phase: phase.to_owned(),
                owner: owner.parse()?,
            });
        }
        Err(IdError::UnknownDocument(s.chars().take(80).collect()))
    }
}

impl fmt::Display for DocName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocName::Control => f.write_str("control"),
            DocName::Participant(id) => write!(f, "{}{}", Self::PARTICIPANT_PREFIX, id),
            DocName::Private { phase, owner } => {
                write!(f, "{}{phase}/{owner}", Self::PRIVATE_PREFIX)
            }
            DocName::Triage => f.write_str("triage"),
            DocName::Carried => f.write_str("carried"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_valid_and_distinct() {
        let a = CardId::from_random([1; 16]);
        let b = CardId::from_random([2; 16]);
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 22);
        assert_eq!(a.as_str().parse::<CardId>().unwrap(), a);
    }

    #[test]
    fn rejects_bad_ids() {
        assert!(matches!(
            "short".parse::<SessionId>(),
            Err(IdError::Length { .. })
        ));
        assert_eq!("abc/defgh".parse::<SessionId>(), Err(IdError::Charset));
        assert!("x".repeat(65).parse::<CardId>().is_err());
    }

    #[test]
    fn doc_names_round_trip() {
        for name in [
            "control",
            "triage",
            "carried",
            "participant/abcdefgh12",
            "private/stillness/abcdefgh12",
        ] {
            assert_eq!(name.parse::<DocName>().unwrap().to_string(), name);
        }
        assert!("cards".parse::<DocName>().is_err());
        assert!("participant/../../x".parse::<DocName>().is_err());
        assert!("private/Bad Phase/abcdefgh12".parse::<DocName>().is_err());
        assert!("private/stillness".parse::<DocName>().is_err());
    }

    #[test]
    fn ids_deserialize_through_validation() {
        let ok: SessionId = serde_json::from_str("\"abcdefgh\"").unwrap();
        assert_eq!(ok.as_str(), "abcdefgh");
        assert!(serde_json::from_str::<SessionId>("\"a b\"").is_err());
    }
}
