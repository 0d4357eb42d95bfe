//! Phases of a method: what the group does now, what may be written, and how the
//! case-holder takes part. The facilitator's plan is a list of these.

use super::CardKind;

/// How the person in the hot seat takes part in a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseholderMode {
    /// Takes part like everyone else.
    Speaks,
    /// Sees the others' cards but adds none (e.g. the advice round).
    Listens,
    /// Gossip method: sits with their back to the group; sees only "listening — take
    /// notes" and their own private notes.
    BackTurned,
}

impl CaseholderMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseholderMode::Speaks => "speaks",
            CaseholderMode::Listens => "listens",
            CaseholderMode::BackTurned => "back-turned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Speaks, Self::Listens, Self::BackTurned]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// Text in both languages the board speaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bilingual {
    pub nl: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(nl: &str, en: &str) -> Self {
        Self {
            nl: nl.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The text for a language code (`nl…` gives Dutch, anything else English).
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("nl") {
            &self.nl
        } else {
            &self.en
        }
    }
}

/// One step of a method.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phase {
    /// Stable within a plan (reordering keeps ids), `[a-z0-9-]`, at most 40 chars.
    pub id: String,
    pub name: Bilingual,
    pub instruction: Bilingual,
    /// The card kinds that may be written in this phase.
    pub kinds: Vec<CardKind>,
    pub caseholder: CaseholderMode,
    /// Cards written now are visible only to their author until the facilitator
    /// reveals the round.
    pub private: bool,
    /// Default length in minutes (0: no timer).
    pub minutes: u32,
}

impl Phase {
    pub const MAX_ID_CHARS: usize = 40;

    pub fn allows(&self, kind: CardKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Whether an id is acceptable for a phase (also used for custom phases).
    pub fn valid_id(id: &str) -> bool {
        !id.is_empty()
            && id.len() <= Self::MAX_ID_CHARS
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip_and_ids_are_checked() {
        for mode in [
            CaseholderMode::Speaks,
            CaseholderMode::Listens,
            CaseholderMode::BackTurned,
        ] {
            assert_eq!(CaseholderMode::parse(mode.as_str()), Some(mode));
        }
        assert!(Phase::valid_id("advice-round"));
        assert!(!Phase::valid_id("Advice round"));
        assert!(!Phase::valid_id(""));
        assert_eq!(Bilingual::new("vraag", "question").get("nl-BE"), "vraag");
        assert_eq!(Bilingual::new("vraag", "question").get("de"), "question");
    }
}
