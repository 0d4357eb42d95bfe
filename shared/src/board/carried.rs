//! Cards carried over from earlier sessions of an arc, in the `carried` document:
//! the Mastercircle's Urgentie → Opgave → Omslag → Toekomst → Oogst, or an intervision
//! group's next meeting ("what did you do with the advice?"). Each card remembers
//! where it came from, so the board can mark it and the Oogst shows the whole arc.

use yrs::{Any, Doc, Map, MapPrelim, Out, Transact};

use super::{CardKind, CardText, Position, value};
use crate::ids::CardId;

const CARDS: &str = "cards";

/// A card from an earlier session.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CarriedCard {
    pub id: CardId,
    pub kind: CardKind,
    pub text: String,
    /// The author's name in the session it was written in.
    pub author_name: String,
    /// The session it was first written in (cards keep their origin across the arc).
    pub from_session: String,
    pub from_title: String,
    pub position: Position,
    pub created_ms: i64,
}

pub fn add_carried(doc: &Doc, card: &CarriedCard) {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    cards.insert(
        &mut txn,
        card.id.as_str(),
        MapPrelim::from([
            ("kind", Any::from(card.kind.as_str())),
            ("text", Any::from(card.text.as_str())),
            ("author_name", Any::from(card.author_name.as_str())),
            ("from_session", Any::from(card.from_session.as_str())),
            ("from_title", Any::from(card.from_title.as_str())),
            ("x", Any::from(card.position.x)),
            ("y", Any::from(card.position.y)),
            ("created_ms", Any::from(card.created_ms)),
        ]),
    );
}

/// All carried cards, oldest first.
pub fn read_carried(doc: &Doc) -> Vec<CarriedCard> {
    let cards = doc.get_or_insert_map(CARDS);
    let txn = doc.transact();
    let mut out: Vec<CarriedCard> = cards
        .iter(&txn)
        .filter_map(|(key, v)| {
            let Out::YMap(card) = v else { return None };
            Some(CarriedCard {
                id: key.parse().ok()?,
                kind: value::string(&card, &txn, "kind")?.parse().ok()?,
                text: CardText::new(&value::string(&card, &txn, "text")?)
                    .ok()?
                    .as_str()
                    .to_owned(),
                author_name: value::string(&card, &txn, "author_name").unwrap_or_default(),
                from_session: value::string(&card, &txn, "from_session").unwrap_or_default(),
                from_title: value::string(&card, &txn, "from_title").unwrap_or_default(),
                position: Position::clamped(
                    value::number(&card, &txn, "x").unwrap_or(0.5),
                    value::number(&card, &txn, "y").unwrap_or(0.5),
                ),
                created_ms: value::int(&card, &txn, "created_ms").unwrap_or(0),
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

/// Moves a carried card (the facilitator's call).
pub fn move_carried(doc: &Doc, id: &CardId, position: Position) -> bool {
    let cards = doc.get_or_insert_map(CARDS);
    let mut txn = doc.transact_mut();
    let Some(Out::YMap(card)) = cards.get(&txn, id.as_str()) else {
        return false;
    };
    card.insert(&mut txn, "x", position.x);
    card.insert(&mut txn, "y", position.y);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_cards_keep_their_origin() {
        let doc = Doc::new();
        let card = CarriedCard {
            id: CardId::from_random([4; 16]),
            kind: CardKind::Action,
            text: "Gesprek met de directeur plannen".into(),
            author_name: "Anna".into(),
            from_session: "urgentie-1".into(),
            from_title: "Urgentie".into(),
            position: Position { x: 0.1, y: 0.9 },
            created_ms: 5,
        };
        add_carried(&doc, &card);
        assert_eq!(read_carried(&doc), vec![card.clone()]);
        assert!(move_carried(&doc, &card.id, Position::CENTRE));
        assert_eq!(read_carried(&doc)[0].position, Position::CENTRE);
        assert!(!move_carried(
            &doc,
            &CardId::from_random([5; 16]),
            Position::CENTRE
        ));
    }
}
