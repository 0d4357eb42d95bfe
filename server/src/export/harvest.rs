//! Building the harvest from what storage holds: every document is restored from its
//! snapshot and appended updates and read with the shared board readers, exactly as a
//! browser would read it.
//!
//! Reading from storage (not from a live room) is correct while people are still
//! working: a room appends every accepted update to storage as it arrives, and a load
//! queued behind those appends sees them.

use yrs::Doc;

use super::schema::{
    self, Card, CarriedCard, Facilitation, Harvest, Participant, PrivateRound, Session, Triage,
};
use super::time;
use crate::storage::compact::restore;
use crate::storage::{SessionRecord, StorageError, StoredDoc};
use ovaal_shared::DocName;
use ovaal_shared::board::arrangement::{Arrangement, read_arrangements};
use ovaal_shared::board::{carried, control, facilitation, participant, triage};

/// Builds the harvest of a session from its stored documents. `exported_ms` is the
/// export's time (ms since the Unix epoch).
pub fn build(
    record: &SessionRecord,
    docs: Vec<(DocName, StoredDoc)>,
    exported_ms: i64,
) -> Result<Harvest, StorageError> {
    let mut restored: Vec<(DocName, Doc)> = Vec::with_capacity(docs.len());
    for (name, stored) in docs {
        restored.push((name, restore(&stored)?));
    }
    Ok(from_docs(record, &restored, exported_ms))
}

/// Builds the harvest from restored documents (any order).
pub fn from_docs(record: &SessionRecord, docs: &[(DocName, Doc)], exported_ms: i64) -> Harvest {
    let control_doc = docs.iter().find(|(n, _)| *n == DocName::Control);
    let settings = control_doc.and_then(|(_, d)| control::read_settings(d));
    let facilitation = control_doc
        .map(|(_, d)| facilitation::read_facilitation(d))
        .unwrap_or_else(|| facilitation::read_facilitation(&ovaal_shared::board::new_doc()));
    let hot_seat = control_doc.and_then(|(_, d)| control::read_hot_seat(d));

    let mut participants = Vec::new();
    let mut private_cards = Vec::new();
    let mut triage_marks = Triage::default();
    let mut carried_cards = Vec::new();
    for (name, doc) in docs {
        match name {
            DocName::Control => {}
            DocName::Participant(id) => participants.push(Participant {
                id: id.clone(),
                profile: participant::read_profile(doc).map(|p| schema::Profile {
                    name: p.name,
                    seat: p.seat,
                    location: p.location,
                    seat_claimed_ms: (p.seat_claimed_ms != i64::MAX).then_some(p.seat_claimed_ms),
                }),
                cards: cards_of(doc, id),
            }),
            // Only revealed rounds: an unrevealed private card never leaves storage.
            DocName::Private { phase, owner } if facilitation.is_revealed(phase) => private_cards
                .push(PrivateRound {
                    phase: phase.clone(),
                    author: owner.clone(),
                    cards: cards_of(doc, owner),
                }),
            DocName::Private { .. } => {}
            DocName::Carried => {
                let arranged = read_arrangements(doc);
                carried_cards = carried::read_carried(doc)
                    .into_iter()
                    .map(|c| {
                        let (place, order) = arrangement_of(&arranged, &c.id);
                        CarriedCard {
                            id: c.id,
                            kind: c.kind,
                            text: c.text,
                            author_name: c.author_name,
                            from_session: c.from_session,
                            from_title: c.from_title,
                            x: c.position.x,
                            y: c.position.y,
                            created_ms: c.created_ms,
                            place,
                            order,
                        }
                    })
                    .collect();
            }
            DocName::Triage => {
                let t = triage::read_triage(doc);
                triage_marks = Triage {
                    labels: t.labels,
                    useful: t
                        .useful
                        .into_iter()
                        .filter(|(_, useful)| *useful)
                        .map(|(key, _)| key)
                        .collect(),
                };
            }
        }
    }
    participants.sort_by(|a, b| a.id.cmp(&b.id));
    private_cards.sort_by(|a, b| (&a.phase, &a.author).cmp(&(&b.phase, &b.author)));

    let (title, method, seats) = match settings {
        Some(s) => (s.title, s.method, s.seats),
        None => (
            record.title.clone(),
            record.method,
            ovaal_shared::board::SessionSettings::DEFAULT_SEATS,
        ),
    };
    Harvest {
        format: schema::FORMAT.to_owned(),
        version: schema::VERSION,
        exported_at: time::iso_millis(exported_ms),
        session: Session {
            id: record.id.to_string(),
            title,
            method,
            seats,
            created_ms: record.created_ms,
            ended_ms: record.ended_ms,
        },
        facilitation: Facilitation {
            plan: facilitation.plan,
            phase: facilitation.phase,
            timer: facilitation.timer.into(),
            locked: facilitation.locked,
            hide_names: facilitation.hide_names,
            revealed: facilitation.revealed,
            sponsor_phases: facilitation.sponsor_phases,
            participants_export: facilitation.participants_export,
            hot_seat,
        },
        participants,
        private_cards,
        carried: carried_cards,
        triage: triage_marks,
        // Added by the caller where the reader may see it (`attendance::attach`).
        attendance: None,
    }
}

fn cards_of(doc: &Doc, author: &ovaal_shared::ParticipantId) -> Vec<Card> {
    let arranged = read_arrangements(doc);
    participant::read_cards(doc, author)
        .into_iter()
        .map(|c| {
            let (place, order) = arrangement_of(&arranged, &c.id);
            Card {
                id: c.id,
                kind: c.kind,
                text: c.text,
                x: c.position.x,
                y: c.position.y,
                created_ms: c.created_ms,
                phase: c.phase,
                place,
                order,
            }
        })
        .collect()
}

/// A card's `place` (in its one stored spelling) and `order`, as the JSON carries them.
fn arrangement_of(
    arranged: &std::collections::BTreeMap<ovaal_shared::CardId, Arrangement>,
    id: &ovaal_shared::CardId,
) -> (Option<String>, Option<f64>) {
    arranged
        .get(id)
        .map_or((None, None), |a| (a.place.map(|p| p.to_string()), a.order))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::facilitation::{reveal, start_plan};
    use ovaal_shared::board::participant::add_card;
    use ovaal_shared::board::{CardKind, CardText, Method, Position, new_doc};
    use ovaal_shared::{CardId, ParticipantId};

    fn record() -> SessionRecord {
        SessionRecord {
            id: "session-1".parse().unwrap(),
            title: "Stored title".into(),
            method: Method::Incident,
            created_ms: 1_700_000_000_000,
            ended_ms: None,
            time_zone: None,
        }
    }

    fn doc_with_card(text: &str) -> Doc {
        let doc = new_doc();
        add_card(
            &doc,
            &CardId::from_random([1; 16]),
            CardKind::Mirror,
            &CardText::new(text).unwrap(),
            Position::CENTRE,
            3,
        );
        doc
    }

    /// A board stored before the schema was enforced: texts the board would not
    /// write today still export to JSON that imports and exports again unchanged.
    #[test]
    fn an_old_board_with_untrimmed_and_oversized_texts_round_trips() {
        use yrs::{Any, Map, MapPrelim, Transact};
        let anna: ParticipantId = "anna-12345".parse().unwrap();
        let doc = new_doc();
        let cards = doc.get_or_insert_map("cards");
        for (id, text) in [
            ("card-tab-001", "\tbegint met een tab"),
            ("card-long-01", &"x".repeat(281)),
            ("card-good-01", "gewoon"),
        ] {
            let fields: Vec<(&str, Any)> = vec![
                ("kind", Any::from("question")),
                ("text", Any::from(text)),
                ("x", Any::from(0.5)),
                ("y", Any::from(0.5)),
                ("created_ms", Any::from(1_i64)),
            ];
            cards.insert(&mut doc.transact_mut(), id, MapPrelim::from_iter(fields));
        }
        let docs = vec![(DocName::Participant(anna), doc)];
        let json = schema::to_json(&from_docs(&record(), &docs, 0)).unwrap();
        let text = String::from_utf8(json.clone()).unwrap();
        assert!(
            text.contains("\"begint met een tab\""),
            "the text is read as written"
        );
        assert!(
            !text.contains(&"x".repeat(281)),
            "an oversized card is left out"
        );
        let imported = crate::export::import::parse(&json).expect("the export imports");
        let stored = crate::export::import::documents(&imported).unwrap();
        let restored: Vec<(DocName, Doc)> = stored
            .into_iter()
            .map(|(name, bytes)| {
                let stored = crate::storage::StoredDoc {
                    snapshot: Some(bytes),
                    updates: vec![],
                };
                (name, crate::storage::compact::restore(&stored).unwrap())
            })
            .collect();
        let again = schema::to_json(&from_docs(&record(), &restored, 0)).unwrap();
        assert_eq!(
            again, json,
            "export, import, export is byte for byte the same"
        );
    }

    #[test]
    fn unrevealed_private_rounds_are_left_out() {
        let control_doc = new_doc();
        start_plan(&control_doc, Method::CaseClinic);
        reveal(&control_doc, "stillness");
        let anna: ParticipantId = "anna-12345".parse().unwrap();
        let private = |phase: &str| DocName::Private {
            phase: phase.into(),
            owner: anna.clone(),
        };
        let docs = vec![
            (DocName::Control, control_doc),
            (private("stillness"), doc_with_card("revealed")),
            (private("mirroring"), doc_with_card("still secret")),
        ];
        let h = from_docs(&record(), &docs, 0);
        assert_eq!(h.private_cards.len(), 1);
        assert_eq!(h.private_cards[0].cards[0].text, "revealed");
        let json = String::from_utf8(schema::to_json(&h).unwrap()).unwrap();
        assert!(!json.contains("still secret"));
        // Without settings in the control document the stored record is used.
        assert_eq!(h.session.title, "Stored title");
        assert_eq!(h.exported_at, "1970-01-01T00:00:00.000Z");
    }
}
