//! A JSON export back into documents: checks it (version, sizes, ids, the board's text
//! rules) and rebuilds every document with the shared board writers, as if the people
//! had written it. The caller stores the documents as a new session.
//!
//! Participant ids are kept: they only name documents. The new session has no keys
//! bound to them, so the first connection that presents one of those ids (through one
//! of the new session's links) binds its key to it and from then on writes that
//! person's document, as on a first join.

use std::collections::BTreeSet;

use yrs::{Doc, ReadTxn, StateVector, Transact};

use super::schema::{self, Card, Harvest};
use ovaal_shared::board::carried::{self, add_carried};
use ovaal_shared::board::control;
use ovaal_shared::board::facilitation::{
    reveal, write_hide_names, write_locked, write_participants_export, write_phase, write_plan,
    write_sponsor_phases, write_timer,
};
use ovaal_shared::board::participant::{add_card_with, write_profile};
use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::triage::{write_label, write_useful};
use ovaal_shared::board::{CardText, NewCard, Position, Profile, SessionSettings, new_doc};
use ovaal_shared::{CardId, DocName, ParticipantId};

/// The largest import body (a long Mastercircle board is well under 1 MiB).
pub const MAX_BODY_BYTES: usize = 16 << 20;
const MAX_PARTICIPANTS: usize = 1000;
const MAX_CARDS_PER_DOC: usize = 5000;
const MAX_CARDS: usize = 20_000;
const MAX_PHASES: usize = 100;
const MAX_PHASE_TEXT: usize = 2000;
const MAX_MINUTES: u32 = 24 * 60;
const MAX_TRIAGE: usize = 20_000;
/// Names and titles recorded with carried cards.
const MAX_ORIGIN_TEXT: usize = 200;
/// Integers beyond this do not survive the documents' number type.
const MAX_SAFE: i64 = (1 << 53) - 1;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not of the schema's shape (400).
    #[error("{0}")]
    Malformed(String),
    /// The right shape, but a value breaks a rule (422).
    #[error("{0}")]
    Invalid(String),
}

fn invalid(at: &str, why: impl std::fmt::Display) -> ImportError {
    ImportError::Invalid(format!("{at}: {why}"))
}

/// Parses a JSON export, checking first that it is one and of a version this server
/// reads, so a wrong file gets a clear answer rather than a list of missing fields.
pub fn parse(body: &[u8]) -> Result<Harvest, ImportError> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ImportError::Malformed(format!("the body is not JSON: {e}")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(schema::FORMAT) {
        return Err(ImportError::Malformed(format!(
            "this is not an Ovaal harvest: expected \"format\": \"{}\"",
            schema::FORMAT
        )));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(schema::VERSION) => {}
        Some(v) => {
            return Err(ImportError::Invalid(format!(
                "version {v} is not supported: this server reads version {}",
                schema::VERSION
            )));
        }
        None => return Err(ImportError::Malformed("\"version\" is missing".into())),
    }
    serde_json::from_value(value)
        .map_err(|e| ImportError::Malformed(format!("the harvest does not match version 1: {e}")))
}

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
    if f.plan.len() > MAX_PHASES {
        return Err(invalid(
            "facilitation.plan",
            format!("at most {MAX_PHASES} phases"),
        ));
    }
    let mut plan_ids = BTreeSet::new();
    for (i, phase) in f.plan.iter().enumerate() {
        let at = format!("facilitation.plan[{i}]");
        check_phase_id(&format!("{at}.id"), &phase.id)?;
        if !plan_ids.insert(phase.id.as_str()) {
            return Err(invalid(&at, format!("phase id {} appears twice", phase.id)));
        }
        let texts = [
            &phase.name.nl,
            &phase.name.en,
            &phase.instruction.nl,
            &phase.instruction.en,
        ];
        if texts.iter().any(|t| t.chars().count() > MAX_PHASE_TEXT) {
            return Err(invalid(
                &at,
                format!("phase texts have at most {MAX_PHASE_TEXT} characters"),
            ));
        }
        if phase.minutes > MAX_MINUTES {
            return Err(invalid(
                &format!("{at}.minutes"),
                "a phase lasts at most a day",
            ));
        }
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

fn split_key(key: &str) -> Option<(ParticipantId, CardId)> {
    let (author, card) = key.split_once('/')?;
    Some((author.parse().ok()?, card.parse().ok()?))
}

fn encoded(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

fn card_doc(cards: &[Card]) -> Doc {
    let doc = new_doc();
    for card in cards {
        let Ok(text) = CardText::new(&card.text) else {
            continue; // checked by `validate`
        };
        add_card_with(
            &doc,
            &NewCard {
                id: card.id.clone(),
                kind: card.kind,
                text,
                position: Position::clamped(card.x, card.y),
                created_ms: card.created_ms,
                phase: card.phase.clone(),
            },
        );
    }
    doc
}

/// The documents of a validated harvest, each as one update: the control document
/// (settings, plan, phase, timer, flags, reveals, hot seat), every participant's
/// profile and cards, the revealed private rounds, the carried cards and the triage.
pub fn documents(h: &Harvest) -> Result<Vec<(DocName, Vec<u8>)>, ImportError> {
    let s = &h.session;
    let settings =
        SessionSettings::new(&s.title, s.method, s.seats).map_err(|e| invalid("session", e))?;
    let f = &h.facilitation;
    let control_doc = new_doc();
    control::write_settings(&control_doc, &settings);
    write_plan(&control_doc, &f.plan);
    if let Some(phase) = &f.phase {
        write_phase(&control_doc, phase);
    }
    write_timer(&control_doc, f.timer.into());
    write_locked(&control_doc, f.locked);
    write_hide_names(&control_doc, f.hide_names);
    write_participants_export(&control_doc, f.participants_export);
    for phase in &f.revealed {
        reveal(&control_doc, phase);
    }
    if let Some(phases) = &f.sponsor_phases {
        write_sponsor_phases(&control_doc, Some(phases));
    }
    if let Some(hot) = &f.hot_seat {
        control::write_hot_seat(&control_doc, Some(hot));
    }
    let mut docs = vec![(DocName::Control, encoded(&control_doc))];

    for p in &h.participants {
        let doc = card_doc(&p.cards);
        if let Some(profile) = &p.profile {
            write_profile(
                &doc,
                &Profile {
                    name: Profile::valid_name(&profile.name)
                        .map_err(|e| invalid("participants", e))?,
                    seat: profile.seat,
                    location: profile.location,
                    seat_claimed_ms: profile.seat_claimed_ms.unwrap_or(i64::MAX),
                },
            );
        }
        docs.push((DocName::Participant(p.id.clone()), encoded(&doc)));
    }
    for round in &h.private_cards {
        let name = DocName::Private {
            phase: round.phase.clone(),
            owner: round.author.clone(),
        };
        docs.push((name, encoded(&card_doc(&round.cards))));
    }
    if !h.carried.is_empty() {
        let doc = new_doc();
        for c in &h.carried {
            add_carried(
                &doc,
                &carried::CarriedCard {
                    id: c.id.clone(),
                    kind: c.kind,
                    text: c.text.clone(),
                    author_name: c.author_name.clone(),
                    from_session: c.from_session.clone(),
                    from_title: c.from_title.clone(),
                    position: Position { x: c.x, y: c.y },
                    created_ms: c.created_ms,
                },
            );
        }
        docs.push((DocName::Carried, encoded(&doc)));
    }
    if !h.triage.labels.is_empty() || !h.triage.useful.is_empty() {
        let doc = new_doc();
        for (key, label) in &h.triage.labels {
            if let Some((author, card)) = split_key(key) {
                write_label(&doc, &author, &card, Some(*label));
            }
        }
        for key in &h.triage.useful {
            if let Some((author, card)) = split_key(key) {
                write_useful(&doc, &author, &card, true);
            }
        }
        docs.push((DocName::Triage, encoded(&doc)));
    }
    Ok(docs)
}
