//! Where a card was put by hand: its place on the table (`place`) and its order
//! within that place (`order`). Both are optional keys of a card's map, in participant,
//! private and carried documents alike; a card nobody moved has neither, and the
//! layout places it in front of its author (see [`crate::layout`]).
//!
//! Each is written once per move, never while dragging: every overwrite leaves a few
//! bytes in the document for good.

use std::collections::BTreeMap;

use yrs::{Any, Doc, Map, Out, Transact};

use super::BoardError;
use crate::ids::CardId;
use crate::layout::Place;

const CARDS: &str = "cards";

/// A card's hand-made arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Arrangement {
    /// The place it was moved to.
    pub place: Option<Place>,
    /// Its sort key within its place, in the units of `created_ms` (so "move up"
    /// writes a value between its neighbours' keys).
    pub order: Option<f64>,
}

/// The arrangement of every card of `doc` that has one.
pub fn read_arrangements(doc: &Doc) -> BTreeMap<CardId, Arrangement> {
    let cards = doc.get_or_insert_map(CARDS);
    let txn = doc.transact();
    crate::sort::map_of(cards.iter(&txn).filter_map(|(key, value)| {
        let Out::YMap(card) = value else { return None };
        let place = match card.get(&txn, "place") {
            Some(Out::Any(Any::String(s))) => s.parse().ok(),
            _ => None,
        };
        let order = match card.get(&txn, "order") {
            Some(Out::Any(Any::Number(n))) => n.as_f64().filter(|f| f.is_finite()),
            _ => None,
        };
        (place.is_some() || order.is_some())
            .then(|| Some((key.parse().ok()?, Arrangement { place, order })))
            .flatten()
    }))
}

/// Moves a card to `place` (and, if given, to `order` within it) in one transaction.
pub fn move_to_place(
    doc: &Doc,
    id: &CardId,
    place: Place,
    order: Option<f64>,
) -> Result<(), BoardError> {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let Some(Out::YMap(card)) = cards.get(&txn, id.as_str()) else {
        return Err(BoardError::NoSuchCard(id.to_string()));
    };
    card.insert(&mut txn, "place", place.to_string());
    if let Some(order) = order.filter(|o| o.is_finite()) {
        card.insert(&mut txn, "order", order);
    }
    Ok(())
}

/// Changes a card's order within its place.
pub fn set_order(doc: &Doc, id: &CardId, order: f64) -> Result<(), BoardError> {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let Some(Out::YMap(card)) = cards.get(&txn, id.as_str()) else {
        return Err(BoardError::NoSuchCard(id.to_string()));
    };
    if order.is_finite() {
        card.insert(&mut txn, "order", order);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::participant::add_card;
    use crate::board::{CardKind, CardText, Position, new_doc};

    #[test]
    fn moves_and_orders_are_read_back_and_unmoved_cards_have_none() {
        let doc = new_doc();
        let moved: CardId = "card-moved-1".parse().unwrap();
        let still: CardId = "card-still-1".parse().unwrap();
        for id in [&moved, &still] {
            add_card(
                &doc,
                id,
                CardKind::Theme,
                &CardText::new("thema").unwrap(),
                Position::CENTRE,
                5,
            );
        }
        move_to_place(&doc, &moved, Place::Centre, Some(2.5)).unwrap();
        let all = read_arrangements(&doc);
        assert_eq!(
            all.get(&moved),
            Some(&Arrangement {
                place: Some(Place::Centre),
                order: Some(2.5)
            })
        );
        assert!(!all.contains_key(&still));
        set_order(&doc, &moved, 1.0).unwrap();
        assert_eq!(read_arrangements(&doc)[&moved].order, Some(1.0));
        let missing: CardId = "card-missing".parse().unwrap();
        assert!(move_to_place(&doc, &missing, Place::Seat(2), None).is_err());
    }
}
