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

/// Why a plan is not acceptable. One rule for the server's check of the control
/// document and for the harvest's import, so every stored plan exports and imports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("at most {max} phases", max = MAX_PHASES)]
    TooManyPhases,
    #[error("phase {0}: an id is 1 to 40 characters of a-z, 0-9 and -")]
    BadId(usize),
    #[error("phase {0}: its id appears twice")]
    DuplicateId(usize),
    #[error("phase {0}: phase texts have at most {max} characters", max = MAX_PHASE_TEXT_CHARS)]
    TextTooLong(usize),
    #[error("phase {0}: a phase lasts at most a day")]
    TooLong(usize),
}

/// The most phases a plan has (the longest template has 8).
pub const MAX_PHASES: usize = 100;
/// The longest name or instruction of a phase, per language.
pub const MAX_PHASE_TEXT_CHARS: usize = 2000;
/// The longest phase, in minutes.
pub const MAX_PHASE_MINUTES: u32 = 24 * 60;

/// Checks a whole plan.
pub fn check_plan(plan: &[Phase]) -> Result<(), PlanError> {
    if plan.len() > MAX_PHASES {
        return Err(PlanError::TooManyPhases);
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, phase) in plan.iter().enumerate() {
        if !Phase::valid_id(&phase.id) {
            return Err(PlanError::BadId(i));
        }
        if !ids.insert(phase.id.as_str()) {
            return Err(PlanError::DuplicateId(i));
        }
        let texts = [
            &phase.name.nl,
            &phase.name.en,
            &phase.instruction.nl,
            &phase.instruction.en,
        ];
        if texts
            .iter()
            .any(|t| t.chars().count() > MAX_PHASE_TEXT_CHARS)
        {
            return Err(PlanError::TextTooLong(i));
        }
        if phase.minutes > MAX_PHASE_MINUTES {
            return Err(PlanError::TooLong(i));
        }
    }
    Ok(())
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
