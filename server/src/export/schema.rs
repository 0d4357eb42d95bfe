//! The JSON export, version 2: everything on the board, lossless and re-importable.
//! Version 2 added each card's hand-made arrangement (`place`, `order`); a version 1
//! file (which has none) still imports.
//! Every other format is rendered from this model, so what the JSON says is what the
//! report, the CSV and the picture show.
//!
//! The order of everything is fixed (participants by id, cards by time then id, maps by
//! key), so exporting the same board twice gives the same bytes except for the two
//! volatile fields, `exported_at` and `session.id`. Field by field in `docs/export.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ExportError;
use ovaal_shared::board::facilitation::Timer;
use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::triage::Label;
use ovaal_shared::board::{CardKind, Location, Method};
use ovaal_shared::{CardId, ParticipantId, Role};

/// The value of `format`: says what this JSON is.
pub const FORMAT: &str = "ovaal-harvest";
/// The schema version this server writes.
pub const VERSION: u32 = 2;
/// The versions this server reads: 1 is 2 without `place` and `order`.
pub const READS: [u32; 2] = [1, 2];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Harvest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] when written by this server.
    pub version: u32,
    /// When the export was made, ISO 8601 UTC with milliseconds (volatile).
    pub exported_at: String,
    pub session: Session,
    pub facilitation: Facilitation,
    /// Everyone with a document on the board: profile and cards.
    pub participants: Vec<Participant>,
    /// Cards of private rounds the facilitator revealed. Unrevealed ones are never
    /// exported.
    pub private_cards: Vec<PrivateRound>,
    /// Cards carried over from earlier sessions of an arc (the `carried` document).
    pub carried: Vec<CarriedCard>,
    /// The case-holder's judgements on cards, keyed `<authorId>/<cardId>`.
    pub triage: Triage,
    /// Who was there when: only in the facilitator's exports, absent otherwise. Not
    /// imported (an imported session has its own attendance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session this was exported from (volatile: an import gets a new id).
    pub id: String,
    pub title: String,
    pub method: Method,
    pub seats: u32,
    /// When the session was created (ms since the Unix epoch); the harvest's date.
    /// An import keeps it.
    pub created_ms: i64,
    /// When the facilitator ended the session, if they did. An import starts open
    /// (`null`), so a re-export of an ended session differs here.
    pub ended_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facilitation {
    pub plan: Vec<Phase>,
    /// The current phase's id at export time.
    pub phase: Option<String>,
    pub timer: TimerState,
    pub locked: bool,
    pub hide_names: bool,
    /// Private rounds (phase ids) whose cards everyone may read.
    pub revealed: Vec<String>,
    /// Phases in which sponsors may write; `null`: all.
    pub sponsor_phases: Option<Vec<String>>,
    pub participants_export: bool,
    /// The case-holder's participant id.
    pub hot_seat: Option<ParticipantId>,
}

/// The phase timer as stored (times on the server's clock, ms since the Unix epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase", deny_unknown_fields)]
pub enum TimerState {
    Idle,
    Running { ends_at_ms: i64 },
    Paused { remaining_ms: i64 },
}

impl From<Timer> for TimerState {
    fn from(t: Timer) -> Self {
        match t {
            Timer::Idle => TimerState::Idle,
            Timer::Running { ends_at_ms } => TimerState::Running { ends_at_ms },
            Timer::Paused { remaining_ms } => TimerState::Paused { remaining_ms },
        }
    }
}

impl From<TimerState> for Timer {
    fn from(t: TimerState) -> Self {
        match t {
            TimerState::Idle => Timer::Idle,
            TimerState::Running { ends_at_ms } => Timer::Running { ends_at_ms },
            TimerState::Paused { remaining_ms } => Timer::Paused { remaining_ms },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    /// `null` when they never wrote a profile (e.g. a facilitator who only runs the
    /// session).
    pub profile: Option<Profile>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub seat: Option<u32>,
    pub location: Location,
    /// When the seat was taken; `null` when never recorded.
    pub seat_claimed_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: CardId,
    pub kind: CardKind,
    pub text: String,
    /// Position as fractions (0–1) of the board's width and height.
    pub x: f64,
    pub y: f64,
    /// When it was written (ms since the Unix epoch, the author's clock).
    pub created_ms: i64,
    /// The phase it was written in.
    pub phase: Option<String>,
    /// The place it was moved to by hand (`"centre"` or `"seat:<n>"`, see
    /// `ovaal_shared::layout::Place`); absent when it was never moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Its sort key within its place (in the units of `created_ms`); absent when it
    /// was never moved up or down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateRound {
    pub phase: String,
    pub author: ParticipantId,
    pub cards: Vec<Card>,
}

/// A card from an earlier session of the arc, with where it was first written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedCard {
    pub id: CardId,
    pub kind: CardKind,
    pub text: String,
    /// The author's name in the session it was written in.
    pub author_name: String,
    pub from_session: String,
    pub from_title: String,
    pub x: f64,
    pub y: f64,
    pub created_ms: i64,
    /// The place it was moved to by hand (`"centre"` or `"seat:<n>"`, see
    /// `ovaal_shared::layout::Place`); absent when it was never moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Its sort key within its place (in the units of `created_ms`); absent when it
    /// was never moved up or down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triage {
    /// `<authorId>/<cardId>` → how a question landed.
    pub labels: BTreeMap<String, Label>,
    /// `<authorId>/<cardId>` of advice the case-holder marked useful, sorted.
    pub useful: Vec<String>,
}

/// The attendance record (`storage::attendance`), with times in the session's zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// The zone the times are in: a name (`Europe/Amsterdam`) or an offset (`+01:00`).
    pub time_zone: String,
    /// One per person per visit, in the order they began.
    pub visits: Vec<Visit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub participant: ParticipantId,
    /// Their name on the board; `null` without a profile (a facilitator who only
    /// runs the session, a room screen).
    pub name: Option<String>,
    pub role: Role,
    /// Local time with its offset, `2026-12-06T09:30:05+01:00`.
    pub joined: String,
    /// `null` while they are still there, or when the server did not see them go.
    pub left: Option<String>,
    pub joined_ms: i64,
    pub left_ms: Option<i64>,
}

/// The card key the triage document uses.
pub fn card_key(author: &ParticipantId, card: &CardId) -> String {
    ovaal_shared::board::triage::card_key(author, card)
}

/// The export's bytes: pretty-printed (people read it too), ending in a newline.
pub fn to_json(harvest: &Harvest) -> Result<Vec<u8>, ExportError> {
    let mut out = serde_json::to_vec_pretty(harvest)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_states_round_trip_through_json() {
        for t in [
            TimerState::Idle,
            TimerState::Running { ends_at_ms: 5 },
            TimerState::Paused { remaining_ms: 7 },
        ] {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<TimerState>(&json).unwrap(), t);
            assert_eq!(TimerState::from(Timer::from(t)), t);
        }
        assert_eq!(
            serde_json::to_string(&TimerState::Running { ends_at_ms: 5 }).unwrap(),
            r#"{"state":"running","ends_at_ms":5}"#
        );
    }
}
