//! A JSON export back into documents: parses it (format and version first) and, once
//! [`super::validate`] has checked it, rebuilds every document with the shared board
//! writers, as if the people had written it. The caller stores the documents as a new
//! session.
//!
//! Participant ids are kept: they only name documents. The new session has no keys
//! bound to them, so the first connection that presents one of those ids (through one
//! of the new session's links) binds its key to it and from then on writes that
//! person's document, as on a first join.

use yrs::{Doc, ReadTxn, StateVector, Transact};

use super::schema::{self, Card, Harvest};
use ovaal_shared::board::arrangement::{move_to_place, set_order};
use ovaal_shared::board::carried::{self, add_carried};
use ovaal_shared::board::control;
use ovaal_shared::board::facilitation::{
    reveal, write_hide_names, write_locked, write_participants_export, write_phase, write_plan,
    write_sponsor_phases, write_timer,
};
use ovaal_shared::board::participant::{add_card_with, write_profile};
use ovaal_shared::board::triage::{write_label, write_useful};
use ovaal_shared::board::{CardText, NewCard, Position, Profile, SessionSettings, new_doc};
use ovaal_shared::layout::Place;
use ovaal_shared::{CardId, DocName, ParticipantId};

/// The largest import body, as the page knows it too.
pub const MAX_BODY_BYTES: usize = ovaal_shared::http_api::MAX_IMPORT_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not of the schema's shape (400).
    #[error("{0}")]
    Malformed(String),
    /// The right shape, but a value breaks a rule (422).
    #[error("{0}")]
    Invalid(String),
}

pub(super) fn invalid(at: &str, why: impl std::fmt::Display) -> ImportError {
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
        Some(v) if schema::READS.iter().any(|r| u64::from(*r) == v) => {}
        Some(v) => {
            return Err(ImportError::Invalid(format!(
                "version {v} is not supported: this server reads versions 1 and {}",
                schema::VERSION
            )));
        }
        None => return Err(ImportError::Malformed("\"version\" is missing".into())),
    }
    serde_json::from_value(value)
        .map_err(|e| ImportError::Malformed(format!("the harvest does not match its version: {e}")))
}
pub(super) fn split_key(key: &str) -> Option<(ParticipantId, CardId)> {
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
        arrange(&doc, &card.id, card.place.as_deref(), card.order);
    }
    doc
}

/// Writes a card's hand-made arrangement back with the board's own writers (values
/// `validate` has checked; anything else is left out rather than guessed).
fn arrange(doc: &Doc, id: &CardId, place: Option<&str>, order: Option<f64>) {
    let order = order.filter(|o| o.is_finite());
    let result = match place.and_then(|p| p.parse::<Place>().ok()) {
        Some(place) => move_to_place(doc, id, place, order),
        None => order.map_or(Ok(()), |o| set_order(doc, id, o)),
    };
    // The card was written just before: it is there.
    debug_assert!(result.is_ok());
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
            arrange(&doc, &c.id, c.place.as_deref(), c.order);
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
