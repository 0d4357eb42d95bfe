//! The facilitator's spotlight: one card or one place that the room screen shows
//! large until it is cleared. Kept in the control document under `spotlight`, so every
//! screen (and a room screen that reconnects) shows the same.
//!
//! Stored as text: `card:<author>/<card id>` (a participant's or private card),
//! `card:carried/<card id>` (a carried card), or `place:centre` / `place:seat:<n>`;
//! absent or empty: no spotlight.

use std::fmt;
use std::str::FromStr;

use yrs::{Any, Doc, Map, Out, Transact};

use crate::ids::{CardId, ParticipantId};
use crate::layout::Place;

const SESSION: &str = "session";
const KEY: &str = "spotlight";

/// Whose document a spotlit card is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardOwner {
    Participant(ParticipantId),
    Carried,
}

/// What the facilitator put in the spotlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spotlight {
    Card { owner: CardOwner, card: CardId },
    Place(Place),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a spotlight is card:<author>/<card>, card:carried/<card> or place:<place>")]
pub struct SpotlightError;

impl fmt::Display for Spotlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Spotlight::Card {
                owner: CardOwner::Participant(author),
                card,
            } => write!(f, "card:{author}/{card}"),
            Spotlight::Card {
                owner: CardOwner::Carried,
                card,
            } => write!(f, "card:carried/{card}"),
            Spotlight::Place(place) => write!(f, "place:{place}"),
        }
    }
}

impl FromStr for Spotlight {
    type Err = SpotlightError;
    fn from_str(s: &str) -> Result<Self, SpotlightError> {
        if let Some(place) = s.strip_prefix("place:") {
            return place
                .parse()
                .map(Spotlight::Place)
                .map_err(|_| SpotlightError);
        }
        let (owner, card) = s
            .strip_prefix("card:")
            .and_then(|rest| rest.split_once('/'))
            .ok_or(SpotlightError)?;
        let card = card.parse().map_err(|_| SpotlightError)?;
        let owner = match owner {
            "carried" => CardOwner::Carried,
            author => CardOwner::Participant(author.parse().map_err(|_| SpotlightError)?),
        };
        Ok(Spotlight::Card { owner, card })
    }
}

/// The current spotlight, if any (an unreadable value counts as none).
pub fn read_spotlight(doc: &Doc) -> Option<Spotlight> {
    let map = doc.get_or_insert_map(SESSION);
    let txn = doc.transact();
    match map.get(&txn, KEY) {
        Some(Out::Any(Any::String(s))) => s.parse().ok(),
        _ => None,
    }
}

/// Puts something in the spotlight, or clears it (`None`).
pub fn write_spotlight(doc: &Doc, spotlight: Option<&Spotlight>) {
    let map = doc.get_or_insert_map(SESSION);
    let mut txn = doc.transact_mut();
    let value = spotlight.map(ToString::to_string).unwrap_or_default();
    map.insert(&mut txn, KEY, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::new_doc;

    #[test]
    fn spotlights_round_trip_through_text_and_the_document() {
        let all = [
            Spotlight::Card {
                owner: CardOwner::Participant("anna-12345".parse().unwrap()),
                card: "card-0001".parse().unwrap(),
            },
            Spotlight::Card {
                owner: CardOwner::Carried,
                card: "card-0002".parse().unwrap(),
            },
            Spotlight::Place(Place::Centre),
            Spotlight::Place(Place::Seat(3)),
        ];
        let doc = new_doc();
        for s in &all {
            assert_eq!(s.to_string().parse::<Spotlight>().as_ref(), Ok(s));
            write_spotlight(&doc, Some(s));
            assert_eq!(read_spotlight(&doc).as_ref(), Some(s));
        }
        write_spotlight(&doc, None);
        assert_eq!(read_spotlight(&doc), None);
        for bad in ["", "card:x", "place:seat:99", "card:anna-12345/", "table"] {
            assert!(bad.parse::<Spotlight>().is_err(), "{bad}");
        }
    }
}
