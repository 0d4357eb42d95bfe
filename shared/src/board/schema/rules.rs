//! Which roots and keys each kind of document has, and the rule for every value
//! (docs/board-schema.md, written down once). Anything not listed is refused.

use super::SchemaError;
use crate::board::phase::Phase;
use crate::board::{CardKind, CardText, Method, Profile, SessionSettings};
use crate::ids::{CardId, DocName, ParticipantId, SessionId};
use crate::update::Scalar;

/// The kinds of document a session has (see [`DocName`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Control,
    Participant,
    Private,
    Triage,
    Carried,
}

impl DocKind {
    pub fn of(name: &DocName) -> Self {
        match name {
            DocName::Control => DocKind::Control,
            DocName::Participant(_) => DocKind::Participant,
            DocName::Private { .. } => DocKind::Private,
            DocName::Triage => DocKind::Triage,
            DocName::Carried => DocKind::Carried,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DocKind::Control => "control",
            DocKind::Participant => "participant",
            DocKind::Private => "private",
            DocKind::Triage => "triage",
            DocKind::Carried => "carried",
        }
    }

    /// The root map called `name` in this kind of document.
    pub(super) fn root(self, name: &str) -> Result<Root, SchemaError> {
        let root = match (self, name) {
            (DocKind::Control, "session") => Some(Root::Session),
            (DocKind::Participant, "profile") => Some(Root::Profile),
            (DocKind::Participant | DocKind::Private, "cards") => Some(Root::Cards),
            (DocKind::Carried, "cards") => Some(Root::CarriedCards),
            (DocKind::Triage, "labels") => Some(Root::Labels),
            (DocKind::Triage, "useful") => Some(Root::Useful),
            _ => None,
        };
        root.ok_or_else(|| SchemaError::UnknownRoot {
            doc: self.name(),
            root: name.chars().take(64).collect(),
        })
    }
}

/// A root map of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Root {
    Session,
    Profile,
    Cards,
    CarriedCards,
    Labels,
    Useful,
}

/// What an entry of a root map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    Value(ValueRule),
    /// A card: a nested map of card fields (carried cards have a few more).
    Card {
        carried: bool,
    },
}

impl Root {
    fn place(self) -> &'static str {
        match self {
            Root::Session => "the session settings",
            Root::Profile => "a profile",
            Root::Cards | Root::CarriedCards => "the cards",
            Root::Labels => "the labels",
            Root::Useful => "the useful marks",
        }
    }

    /// The rule for entry `key` of this root.
    pub(super) fn entry(self, key: &str) -> Result<Entry, SchemaError> {
        use ValueRule as V;
        let rule = match self {
            Root::Session => match key {
                "title" => V::Title,
                "method" => V::Method,
                "seats" => V::Seats,
                "hot_seat" => V::HotSeat,
                "plan" => V::Plan,
                "phase" => V::PhaseId,
                "timer" => V::Timer,
                "revealed" | "sponsor_phases" => V::PhaseList,
                "locked" | "hide_names" | "participants_export" | "ended" | "timer_sound" => {
                    V::Flag
                }
                "spotlight" => V::Spotlight,
                _ => return Err(self.unknown(key)),
            },
            Root::Profile => match key {
                "name" => V::Name,
                "seat" => V::Seat,
                "location" => V::Location,
                "seat_claimed_ms" => V::Millis,
                "removed" => V::Flag,
                _ => return Err(self.unknown(key)),
            },
            Root::Cards | Root::CarriedCards => {
                if key.parse::<CardId>().is_err() {
                    return Err(SchemaError::InvalidValue {
                        field: "card id",
                        reason: "8 to 64 characters of A-Z a-z 0-9 - _",
                    });
                }
                return Ok(Entry::Card {
                    carried: self == Root::CarriedCards,
                });
            }
            Root::Labels | Root::Useful => {
                if !valid_card_key(key) {
                    return Err(SchemaError::InvalidValue {
                        field: "card reference",
                        reason: "expected <author id>/<card id>",
                    });
                }
                if self == Root::Labels {
                    V::Label
                } else {
                    V::True
                }
            }
        };
        Ok(Entry::Value(rule))
    }

    fn unknown(self, key: &str) -> SchemaError {
        SchemaError::UnknownKey {
            place: self.place(),
            key: key.chars().take(64).collect(),
        }
    }
}

/// The rule for field `key` of a card.
pub(super) fn card_field(carried: bool, key: &str) -> Result<ValueRule, SchemaError> {
    use ValueRule as V;
    Ok(match key {
        "kind" => V::Kind,
        "text" => V::Text,
        "x" | "y" => V::Fraction,
        "created_ms" => V::Millis,
        "phase" => V::PhaseId,
        "place" => V::Place,
        "order" => V::Order,
        "author_name" if carried => V::AuthorName,
        "from_session" if carried => V::SessionRef,
        "from_title" if carried => V::Title,
        _ => {
            return Err(SchemaError::UnknownKey {
                place: "a card",
                key: key.chars().take(64).collect(),
            });
        }
    })
}

/// `<author id>/<card id>`, as `triage::card_key` writes it.
fn valid_card_key(key: &str) -> bool {
    key.split_once('/').is_some_and(|(author, card)| {
        author.parse::<ParticipantId>().is_ok() && card.parse::<CardId>().is_ok()
    })
}

/// The rule one value must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ValueRule {
    Title,
    Method,
    Seats,
    HotSeat,
    /// The plan, a JSON text written whole (bounded; its readers tolerate anything).
    Plan,
    PhaseId,
    Timer,
    PhaseList,
    Flag,
    Name,
    Seat,
    Location,
    Millis,
    Kind,
    Text,
    Fraction,
    AuthorName,
    SessionRef,
    Label,
    True,
    /// Where a card was moved: `centre` or `seat:<n>`.
    Place,
    /// A card's sort key within its place: any finite number.
    Order,
    /// The facilitator's spotlight (`board::spotlight`), or empty for none.
    Spotlight,
}

/// Longest plan text: 30 phases with instructions in two languages fit easily.
const MAX_PLAN_BYTES: usize = 64 * 1024;
/// Longest comma-separated list of phase ids.
const MAX_PHASE_LIST_BYTES: usize = 4 * 1024;
/// Longest timer value (`running:<ms>`).
const MAX_TIMER_BYTES: usize = 40;
/// Milliseconds since the epoch that a JavaScript number holds exactly.
const MAX_MILLIS: i64 = 1 << 53;

fn invalid(field: &'static str, reason: &'static str) -> SchemaError {
    SchemaError::InvalidValue { field, reason }
}

fn integer(value: &Scalar<'_>) -> Option<i64> {
    match *value {
        Scalar::Int(n) => Some(n),
        Scalar::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
            // Whole and under 2^53 in size (checked above): exact as an i64.
            Some(crate::float::to_i64(f))
        }
        _ => None,
    }
}

fn string<'a>(value: &Scalar<'a>, field: &'static str) -> Result<&'a str, SchemaError> {
    match *value {
        Scalar::String(s) => Ok(s),
        _ => Err(invalid(field, "expected a text")),
    }
}

fn chars_within(s: &str, max: usize) -> bool {
    let n = s.chars().count();
    n > 0 && n <= max
}

impl ValueRule {
    /// Checks `value` for field `field`.
    pub(super) fn check(self, value: &Scalar<'_>) -> Result<(), SchemaError> {
        use ValueRule as V;
        let field = self.field();
        let ok = match self {
            V::Title => chars_within(string(value, field)?, SessionSettings::MAX_TITLE_CHARS),
            V::Method => string(value, field)?.parse::<Method>().is_ok(),
            V::Seats => integer(value).is_some_and(|n| {
                (i64::from(SessionSettings::MIN_SEATS)..=i64::from(SessionSettings::MAX_SEATS))
                    .contains(&n)
            }),
            V::HotSeat => match value {
                Scalar::Null => true,
                other => string(other, field)?.parse::<ParticipantId>().is_ok(),
            },
            V::Plan => {
                let plan = string(value, field)?;
                plan.len() <= MAX_PLAN_BYTES
                    && serde_json::from_str::<Vec<Phase>>(plan)
                        .is_ok_and(|plan| crate::board::phase::check_plan(&plan).is_ok())
            }
            V::PhaseId => Phase::valid_id(string(value, field)?),
            V::Timer => string(value, field)?.len() <= MAX_TIMER_BYTES,
            V::PhaseList => string(value, field)?.len() <= MAX_PHASE_LIST_BYTES,
            V::Flag => matches!(value, Scalar::Bool(_)),
            V::Name => {
                let name = string(value, field)?;
                Profile::valid_name(name).is_ok_and(|valid| valid == name)
            }
            V::Seat => match value {
                Scalar::Null => true,
                other => integer(other)
                    .is_some_and(|n| (0..i64::from(SessionSettings::MAX_SEATS)).contains(&n)),
            },
            V::Location => matches!(string(value, field)?, "room" | "remote"),
            V::Millis => integer(value).is_some_and(|n| (0..=MAX_MILLIS).contains(&n)),
            V::Kind => string(value, field)?.parse::<CardKind>().is_ok(),
            V::Text => {
                let text = string(value, field)?;
                return match CardText::new(text) {
                    Ok(valid) if valid.as_str() == text => Ok(()),
                    Ok(_) => Err(invalid(
                        field,
                        "no spaces, tabs or new lines at the start or end",
                    )),
                    Err(_) => Err(invalid(field, "1 to 280 characters")),
                };
            }
            V::Fraction => match *value {
                Scalar::Float(f) => (0.0..=1.0).contains(&f),
                Scalar::Int(n) => n == 0 || n == 1,
                _ => false,
            },
            V::AuthorName => chars_within(string(value, field)?, 2 * Profile::MAX_NAME_CHARS),
            V::SessionRef => string(value, field)?.parse::<SessionId>().is_ok(),
            V::Label => matches!(string(value, field)?, "warm" | "neutral" | "cold"),
            V::True => matches!(value, Scalar::Bool(true)),
            V::Place => string(value, field)?
                .parse::<crate::layout::Place>()
                .is_ok(),
            V::Spotlight => {
                let s = string(value, field)?;
                s.is_empty() || s.parse::<crate::board::spotlight::Spotlight>().is_ok()
            }
            V::Order => match *value {
                Scalar::Float(f) => f.is_finite(),
                Scalar::Int(_) => true,
                _ => false,
            },
        };
        if ok {
            Ok(())
        } else {
            Err(invalid(field, self.expectation()))
        }
    }

    /// The field's name in a refusal.
    fn field(self) -> &'static str {
        use ValueRule as V;
        match self {
            V::Title => "title",
            V::Method => "method",
            V::Seats => "seats",
            V::HotSeat => "hot seat",
            V::Plan => "plan",
            V::PhaseId => "phase",
            V::Timer => "timer",
            V::PhaseList => "phase list",
            V::Flag => "setting",
            V::Name => "name",
            V::Seat => "seat",
            V::Location => "location",
            V::Millis => "time",
            V::Kind => "kind",
            V::Text => "card text",
            V::Fraction => "position",
            V::AuthorName => "author name",
            V::SessionRef => "session",
            V::Label => "label",
            V::True => "useful mark",
            V::Place => "place",
            V::Order => "order",
            V::Spotlight => "spotlight",
        }
    }

    fn expectation(self) -> &'static str {
        use ValueRule as V;
        match self {
            V::Title => "1 to 120 characters",
            V::Method => "a known method",
            V::Seats => "4 to 14 seats",
            V::HotSeat => "a participant id or null",
            V::Plan => "a plan of at most 100 phases (docs/board-schema.md)",
            V::PhaseId => "a phase id (a-z, 0-9, -)",
            V::Timer => "a timer state",
            V::PhaseList => "at most 4 KiB of phase ids",
            V::Flag => "true or false",
            V::Name => "1 to 40 characters, without spaces at the start or end",
            V::Seat => "a seat number or null",
            V::Location => "room or remote",
            V::Millis => "a time in milliseconds",
            V::Kind => "theme, question, advice, case, mirror, insight or action",
            V::Text => "1 to 280 characters",
            V::Fraction => "a number from 0 to 1",
            V::AuthorName => "1 to 80 characters",
            V::SessionRef => "a session id",
            V::Label => "warm, neutral or cold",
            V::True => "true",
            V::Place => "centre or seat:<0-13>",
            V::Order => "a number",
            V::Spotlight => "card:<author>/<card>, card:carried/<card>, place:<place> or empty",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_only_its_roots() {
        assert_eq!(DocKind::Participant.root("cards"), Ok(Root::Cards));
        assert_eq!(DocKind::Participant.root("profile"), Ok(Root::Profile));
        assert!(DocKind::Private.root("profile").is_err());
        assert!(DocKind::Control.root("cards").is_err());
        assert_eq!(DocKind::Carried.root("cards"), Ok(Root::CarriedCards));
        assert!(DocKind::Triage.root("session").is_err());
    }

    #[test]
    fn card_text_must_be_stored_as_the_board_writes_it() {
        let text = |s: &str| ValueRule::Text.check(&Scalar::String(s));
        assert!(text("Wat maakt dit lastig?").is_ok());
        assert!(text(&"a".repeat(280)).is_ok());
        assert!(text(&"a".repeat(281)).is_err());
        assert!(text("").is_err());
        assert!(text("   ").is_err());
        assert!(text("\tbegint met een tab").is_err());
        assert!(ValueRule::Text.check(&Scalar::Int(3)).is_err());
    }

    #[test]
    fn values_are_checked_by_type_and_range() {
        assert!(ValueRule::Fraction.check(&Scalar::Float(0.25)).is_ok());
        assert!(ValueRule::Fraction.check(&Scalar::Float(1.5)).is_err());
        assert!(ValueRule::Fraction.check(&Scalar::Float(f64::NAN)).is_err());
        assert!(ValueRule::Seats.check(&Scalar::Int(14)).is_ok());
        assert!(ValueRule::Seats.check(&Scalar::Float(15.0)).is_err());
        assert!(ValueRule::Kind.check(&Scalar::String("advice")).is_ok());
        assert!(ValueRule::Kind.check(&Scalar::String("virus")).is_err());
        assert!(ValueRule::Name.check(&Scalar::String(" Bram")).is_err());
        assert!(ValueRule::HotSeat.check(&Scalar::Null).is_ok());
        assert!(ValueRule::Millis.check(&Scalar::Int(-1)).is_err());
        assert!(ValueRule::Place.check(&Scalar::String("seat:13")).is_ok());
        assert!(ValueRule::Place.check(&Scalar::String("seat:14")).is_err());
        assert!(ValueRule::Place.check(&Scalar::String("centre")).is_ok());
        assert!(
            ValueRule::Order
                .check(&Scalar::Float(f64::INFINITY))
                .is_err()
        );
        assert!(card_field(false, "place").is_ok() && card_field(true, "order").is_ok());
    }

    #[test]
    fn keys_outside_the_schema_are_refused() {
        assert!(Root::Profile.entry("name").is_ok());
        assert!(Root::Profile.entry("admin").is_err());
        assert!(Root::Cards.entry("short").is_err());
        assert_eq!(
            Root::Cards.entry("card0001"),
            Ok(Entry::Card { carried: false })
        );
        assert!(card_field(false, "author_name").is_err());
        assert!(card_field(true, "author_name").is_ok());
        assert!(Root::Labels.entry("author-01/card0001").is_ok());
        assert!(Root::Labels.entry("nonsense").is_err());
    }
}
