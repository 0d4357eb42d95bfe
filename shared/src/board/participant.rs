//! A participant's own document: their profile and the cards they wrote. Only they
//! (and the facilitator) may write it, which the server enforces per document.

use std::fmt;
use std::str::FromStr;

use yrs::types::map::MapRef;
use yrs::{Any, Doc, Map, MapPrelim, Out, ReadTxn, Transact};

use super::card::NewCard;
use super::{BoardError, Card, CardKind, CardText, Position, value};
use crate::ids::{CardId, ParticipantId};

const PROFILE: &str = "profile";
const CARDS: &str = "cards";

/// Whether someone sits in the room or joins remotely; shown on their seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Room,
    Remote,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Room => "room",
            Location::Remote => "remote",
        }
    }
}

impl FromStr for Location {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "room" => Ok(Location::Room),
            "remote" => Ok(Location::Remote),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Profile {
    pub name: String,
    /// The seat index they took, if any.
    pub seat: Option<u32>,
    pub location: Location,
    /// When they took the seat; the earlier claim wins if two people take one seat at
    /// the same moment (see [`super::seating`]).
    pub seat_claimed_ms: i64,
}

impl Profile {
    pub const MAX_NAME_CHARS: usize = 40;

    /// Validates a display name typed on the join screen.
    pub fn valid_name(name: &str) -> Result<String, BoardError> {
        let name = name.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > Self::MAX_NAME_CHARS {
            return Err(BoardError::InvalidName {
                max: Self::MAX_NAME_CHARS,
            });
        }
        Ok(name.to_owned())
    }
}

/// Reads one profile field as the value stored in the document.
type FieldGetter = fn(&Profile) -> Any;

/// Writes the profile fields that differ from what is stored, in one transaction, so
/// an unchanged field costs no bytes.
pub fn write_profile(doc: &Doc, profile: &Profile) {
    let current = read_profile(doc);
    let map = doc.get_or_insert_map(PROFILE);
    let mut txn = doc.transact_mut();
    let changed = |f: FieldGetter| current.as_ref().map(f) != Some(f(profile));
    let fields: [(&str, FieldGetter); 4] = [
        ("name", |p| Any::from(p.name.as_str())),
        ("seat", |p| {
            p.seat.map(|s| Any::from(i64::from(s))).unwrap_or(Any::Null)
        }),
        ("location", |p| Any::from(p.location.as_str())),
        ("seat_claimed_ms", |p| Any::from(p.seat_claimed_ms)),
    ];
    for (key, get) in fields {
        if changed(get) {
            map.insert(&mut txn, key, get(profile));
        }
    }
}

pub fn read_profile(doc: &Doc) -> Option<Profile> {
    let map = doc.get_or_insert_map(PROFILE);
    let txn = doc.transact();
    let name = value::string(&map, &txn, "name")?;
    Some(Profile {
        name,
        seat: value::int(&map, &txn, "seat").and_then(|s| u32::try_from(s).ok()),
        location: value::string(&map, &txn, "location")
            .and_then(|l| l.parse().ok())
            .unwrap_or(Location::Remote),
        seat_claimed_ms: value::int(&map, &txn, "seat_claimed_ms").unwrap_or(i64::MAX),
    })
}

/// Frees the seat of someone the facilitator removed and marks their profile
/// `removed`, so every board drops them from the table and the people list, while
/// their cards — and the name on them — stay. The facilitator's page writes it once
/// the server has removed the person (the facilitator may write anyone's document).
pub fn mark_removed(doc: &Doc) {
    let map = doc.get_or_insert_map(PROFILE);
    let mut txn = doc.transact_mut();
    map.insert(&mut txn, "seat", Any::Null);
    map.insert(&mut txn, "removed", Any::Bool(true));
}

/// Whether the facilitator removed this person (see [`mark_removed`]).
pub fn is_removed(doc: &Doc) -> bool {
    let map = doc.get_or_insert_map(PROFILE);
    let txn = doc.transact();
    value::boolean(&map, &txn, "removed").unwrap_or(false)
}

/// Creates a card. The text type guarantees it is neither empty nor too long.
pub fn add_card(
    doc: &Doc,
    id: &CardId,
    kind: CardKind,
    text: &CardText,
    position: Position,
    created_ms: i64,
) {
    add_card_with(
        doc,
        &NewCard {
            id: id.clone(),
            kind,
            text: text.clone(),
            position,
            created_ms,
            phase: None,
        },
    );
}

/// Creates a card, recording the phase it was written in.
pub fn add_card_with(doc: &Doc, card: &NewCard) {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let mut fields = vec![
        ("kind", Any::from(card.kind.as_str())),
        ("text", Any::from(card.text.as_str())),
        ("x", Any::from(card.position.x)),
        ("y", Any::from(card.position.y)),
        ("created_ms", Any::from(card.created_ms)),
    ];
    if let Some(phase) = &card.phase {
        fields.push(("phase", Any::from(phase.as_str())));
    }
    cards.insert(&mut txn, card.id.as_str(), MapPrelim::from_iter(fields));
}

fn card_map<T: ReadTxn>(cards: &MapRef, txn: &T, id: &CardId) -> Result<MapRef, BoardError> {
    match cards.get(txn, id.as_str()) {
        Some(Out::YMap(card)) => Ok(card),
        _ => Err(BoardError::NoSuchCard(id.to_string())),
    }
}

/// Puts a card down at a new place (called once on drop, not while dragging).
pub fn move_card(doc: &Doc, id: &CardId, position: Position) -> Result<(), BoardError> {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let card = card_map(&cards, &txn, id)?;
    card.insert(&mut txn, "x", position.x);
    card.insert(&mut txn, "y", position.y);
    Ok(())
}

pub fn edit_card(doc: &Doc, id: &CardId, text: &CardText) -> Result<(), BoardError> {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let card = card_map(&cards, &txn, id)?;
    card.insert(&mut txn, "text", text.as_str());
    Ok(())
}

pub fn delete_card(doc: &Doc, id: &CardId) -> Result<(), BoardError> {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    cards
        .remove(&mut txn, id.as_str())
        .map(|_| ())
        .ok_or_else(|| BoardError::NoSuchCard(id.to_string()))
}

/// All readable cards of this document, oldest first. Entries that do not parse (a
/// malicious or newer client) are skipped rather than breaking the board.
pub fn read_cards(doc: &Doc, author: &ParticipantId) -> Vec<Card> {
    let cards = doc.get_or_insert_map(CARDS);
    let txn = doc.transact();
    let mut out: Vec<Card> = cards
        .iter(&txn)
        .filter_map(|(key, value)| {
            let Out::YMap(card) = value else { return None };
            Some(Card {
                id: key.parse().ok()?,
                author: author.clone(),
                kind: value::string(&card, &txn, "kind")?.parse().ok()?,
                // As the board writes it: an old, untrimmed or oversized text is
                // read the way an import would take it, or the card is skipped.
                text: CardText::new(&value::string(&card, &txn, "text")?)
                    .ok()?
                    .as_str()
                    .to_owned(),
                position: Position::clamped(
                    value::number(&card, &txn, "x").unwrap_or(0.5),
                    value::number(&card, &txn, "y").unwrap_or(0.5),
                ),
                created_ms: value::int(&card, &txn, "created_ms").unwrap_or(0),
                phase: value::string(&card, &txn, "phase"),
            })
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        a.created_ms
            .cmp(&b.created_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author() -> ParticipantId {
        "author-123".parse().unwrap()
    }

    #[test]
    fn a_removed_person_loses_the_seat_but_keeps_the_name() {
        let doc = Doc::new();
        write_profile(
            &doc,
            &Profile {
                name: "Piet".into(),
                seat: Some(3),
                location: Location::Room,
                seat_claimed_ms: 5,
            },
        );
        assert!(!is_removed(&doc));
        mark_removed(&doc);
        assert!(is_removed(&doc));
        let profile = read_profile(&doc).unwrap();
        assert_eq!((profile.name.as_str(), profile.seat), ("Piet", None));
    }

    #[test]
    fn card_lifecycle() {
        let doc = Doc::new();
        let id = CardId::from_random([7; 16]);
        let text = CardText::new("Wat heb je al geprobeerd?").unwrap();
        add_card(
            &doc,
            &id,
            CardKind::Question,
            &text,
            Position { x: 0.2, y: 0.3 },
            5,
        );
        let cards = read_cards(&doc, &author());
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].text, "Wat heb je al geprobeerd?");
        assert_eq!(cards[0].kind, CardKind::Question);

        move_card(&doc, &id, Position { x: 0.9, y: 0.1 }).unwrap();
        edit_card(&doc, &id, &CardText::new("Nieuw").unwrap()).unwrap();
        let card = &read_cards(&doc, &author())[0];
        assert_eq!(card.position, Position { x: 0.9, y: 0.1 });
        assert_eq!(card.text, "Nieuw");

        delete_card(&doc, &id).unwrap();
        assert!(read_cards(&doc, &author()).is_empty());
        assert!(matches!(
            delete_card(&doc, &id),
            Err(BoardError::NoSuchCard(_))
        ));
        assert!(move_card(&doc, &id, Position::CENTRE).is_err());
    }

    #[test]
    fn profile_writes_only_changes() {
        let doc = Doc::new();
        assert_eq!(read_profile(&doc), None);
        let mut profile = Profile {
            name: "Anna".into(),
            seat: Some(2),
            location: Location::Room,
            seat_claimed_ms: 10,
        };
        write_profile(&doc, &profile);
        assert_eq!(read_profile(&doc).as_ref(), Some(&profile));
        let size = doc
            .transact()
            .encode_state_as_update_v1(&Default::default())
            .len();
        write_profile(&doc, &profile);
        let same = doc
            .transact()
            .encode_state_as_update_v1(&Default::default())
            .len();
        assert_eq!(
            size, same,
            "an unchanged profile must not grow the document"
        );
        profile.seat = None;
        write_profile(&doc, &profile);
        assert_eq!(read_profile(&doc).unwrap().seat, None);
    }

    #[test]
    fn names_are_validated() {
        assert_eq!(Profile::valid_name("  Bo ").unwrap(), "Bo");
        assert!(Profile::valid_name(" ").is_err());
        assert!(Profile::valid_name(&"a".repeat(41)).is_err());
    }
}
