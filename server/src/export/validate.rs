//! Checking an import before anything is stored: the version and shape are checked
//! by [`super::import::parse`]; here every value is held to the rules the board's
//! readers and writers keep (ids, text lengths, positions, numbers the documents can
//! carry) and to sizes that keep one import from exhausting the server. Every
//! complaint names where in the JSON it is, e.g. `participants[2].cards[5].text`.

use std::collections::BTreeSet;

use super::import::{ImportError, invalid, split_key};
use super::schema::{self, Card, Harvest};
use ovaal_shared::board::phase::{Phase, PlanError, check_plan};
use ovaal_shared::board::{CardText, Profile, SessionSettings};
use ovaal_shared::layout::Place;

const MAX_PARTICIPANTS: usize = 1000;
const MAX_CARDS_PER_DOC: usize = 5000;
const MAX_CARDS: usize = 20_000;
const MAX_TRIAGE: usize = 20_000;
/// Names and titles recorded with carried cards.
const MAX_ORIGIN_TEXT: usize = 200;
/// Integers beyond this do not survive the documents' number type.
const MAX_SAFE: i64 = (1 << 53) - 1;
fn check_int(at: &str, v: i64) -> Result<(), ImportError> {
    if v.abs() > MAX_SAFE {
        return Err(invalid(at, "the number is out of range"));
    }
    Ok(())
}

fn check_phase_id(at: &str, id: &str) -> Result<(), ImportError> {
    if !Phase::valid_id(id) {
        return Err(invalid(
            at,
            "a phase id has 1 to 40 characters of a-z, 0-9 and -",
        ));
    }
    Ok(())
}

fn check_position(at: &str, x: f64, y: f64) -> Result<(), ImportError> {
    for (name, v) in [("x", x), ("y", y)] {
        if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
            return Err(invalid(
                &format!("{at}.{name}"),
                "a position is between 0 and 1",
            ));
        }
    }
    Ok(())
}

/// A card's hand-made arrangement: a place in its one stored spelling, a finite order
/// the documents' number type carries.
fn check_arrangement(at: &str, place: Option<&str>, order: Option<f64>) -> Result<(), ImportError> {
    if let Some(place) = place {
        place
            .parse::<Place>()
            .map_err(|e| invalid(&format!("{at}.place"), e))?;
    }
    if order.is_some_and(|o| !o.is_finite()) {
        return Err(invalid(
            &format!("{at}.order"),
            "an order is a finite number",
        ));
    }
    Ok(())
}

fn check_cards(at: &str, cards: &[Card], total: &mut usize) -> Result<(), ImportError> {
    if cards.len() > MAX_CARDS_PER_DOC {
        return Err(invalid(
            at,
            format!("at most {MAX_CARDS_PER_DOC} cards per person"),
        ));
    }
    *total += cards.len();
    if *total > MAX_CARDS {
        return Err(invalid(
            at,
            format!("at most {MAX_CARDS} cards in a session"),
        ));
    }
    let mut ids = BTreeSet::new();
    for (i, card) in cards.iter().enumerate() {
        let at = format!("{at}[{i}]");
        if !ids.insert(&card.id) {
            return Err(invalid(&at, format!("card id {} appears twice", card.id)));
        }
        CardText::new(&card.text).map_err(|e| invalid(&format!("{at}.text"), e))?;
        check_position(&at, card.x, card.y)?;
        check_int(&format!("{at}.created_ms"), card.created_ms)?;
        if let Some(phase) = &card.phase {
            check_phase_id(&format!("{at}.phase"), phase)?;
        }
        check_arrangement(&at, card.place.as_deref(), card.order)?;
    }
    Ok(())
}

/// Checks everything the documents' readers and the board's rules require.
pub fn validate(h: &Harvest) -> Result<(), ImportError> {
    let s = &h.session;
    SessionSettings::new(&s.title, s.method, s.seats).map_err(|e| invalid("session", e))?;
    check_int("session.created_ms", s.created_ms)?;
    if let Some(ended) = s.ended_ms {
        check_int("session.ended_ms", ended)?;
    }

    let f = &h.facilitation;
    if let Err(e) = check_plan(&f.plan) {
        let at = match e {
            PlanError::TooManyPhases => "facilitation.plan".to_owned(),
            PlanError::BadId(i)
            | PlanError::DuplicateId(i)
            | PlanError::TextTooLong(i)
            | PlanError::TooLong(i) => format!("facilitation.plan[{i}]"),
        };
        return Err(invalid(&at, e));
    }
    if let Some(phase) = &f.phase {
        check_phase_id("facilitation.phase", phase)?;
    }
    match f.timer {
        schema::TimerState::Idle => {}
        schema::TimerState::Running { ends_at_ms: v }
        | schema::TimerState::Paused { remaining_ms: v } => check_int("facilitation.timer", v)?,
    }
    let mut revealed = BTreeSet::new();
    for id in &f.revealed {
        check_phase_id("facilitation.revealed", id)?;
        if !revealed.insert(id.as_str()) {
            return Err(invalid(
                "facilitation.revealed",
                format!("{id} appears twice"),
            ));
        }
    }
    for id in f.sponsor_phases.iter().flatten() {
        check_phase_id("facilitation.sponsor_phases", id)?;
    }

    if h.participants.len() > MAX_PARTICIPANTS {
        return Err(invalid(
            "participants",
            format!("at most {MAX_PARTICIPANTS} people"),
        ));
    }
    let mut people = BTreeSet::new();
    let mut total = 0;
    for (i, p) in h.participants.iter().enumerate() {
        let at = format!("participants[{i}]");
        if !people.insert(&p.id) {
            return Err(invalid(&at, format!("participant {} appears twice", p.id)));
        }
        if let Some(profile) = &p.profile {
            Profile::valid_name(&profile.name)
                .map_err(|e| invalid(&format!("{at}.profile.name"), e))?;
            if profile
                .seat
                .is_some_and(|seat| seat >= SessionSettings::MAX_SEATS)
            {
                return Err(invalid(
                    &format!("{at}.profile.seat"),
                    "no table has that seat",
                ));
            }
            if let Some(ms) = profile.seat_claimed_ms {
                check_int(&format!("{at}.profile.seat_claimed_ms"), ms)?;
            }
        }
        check_cards(&format!("{at}.cards"), &p.cards, &mut total)?;
    }
    let mut rounds = BTreeSet::new();
    for (i, round) in h.private_cards.iter().enumerate() {
        let at = format!("private_cards[{i}]");
        check_phase_id(&format!("{at}.phase"), &round.phase)?;
        if !revealed.contains(round.phase.as_str()) {
            return Err(invalid(
                &at,
                format!("the private round {} is not revealed", round.phase),
            ));
        }
        if !rounds.insert((&round.phase, &round.author)) {
            return Err(invalid(&at, "this private round appears twice"));
        }
        check_cards(&format!("{at}.cards"), &round.cards, &mut total)?;
    }

    let mut carried_ids = BTreeSet::new();
    total += h.carried.len();
    if total > MAX_CARDS {
        return Err(invalid(
            "carried",
            format!("at most {MAX_CARDS} cards in a session"),
        ));
    }
    for (i, c) in h.carried.iter().enumerate() {
        let at = format!("carried[{i}]");
        if !carried_ids.insert(&c.id) {
            return Err(invalid(&at, format!("card id {} appears twice", c.id)));
        }
        CardText::new(&c.text).map_err(|e| invalid(&format!("{at}.text"), e))?;
        for (name, text) in [
            ("author_name", &c.author_name),
            ("from_session", &c.from_session),
            ("from_title", &c.from_title),
        ] {
            if text.chars().count() > MAX_ORIGIN_TEXT {
                return Err(invalid(
                    &format!("{at}.{name}"),
                    format!("at most {MAX_ORIGIN_TEXT} characters"),
                ));
            }
        }
        check_position(&at, c.x, c.y)?;
        check_int(&format!("{at}.created_ms"), c.created_ms)?;
        check_arrangement(&at, c.place.as_deref(), c.order)?;
    }

    let t = &h.triage;
    if t.labels.len() + t.useful.len() > MAX_TRIAGE {
        return Err(invalid(
            "triage",
            format!("at most {MAX_TRIAGE} labels and marks"),
        ));
    }
    for key in t.labels.keys().chain(t.useful.iter()) {
        split_key(key)
            .ok_or_else(|| invalid("triage", format!("{key:?} is not <authorId>/<cardId>")))?;
    }
    Ok(())
}
