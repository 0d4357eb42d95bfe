//! Every card the board shows, whatever document it lives in: a participant's own
//! document, their private round (`private/{phase}/{owner}`, seen by others only
//! after the reveal), or the cards carried over from earlier sessions of an arc.
//! The views work with [`BoardCard`] and the document name it came from, so an edit,
//! a move or a delete goes back to exactly that document.

use ovaal_shared::board::arrangement::{Arrangement, read_arrangements};
use ovaal_shared::board::carried::read_carried;
use ovaal_shared::board::participant::read_cards;
use ovaal_shared::board::triage::card_key;
use ovaal_shared::board::{Card, CardKind, Position};
use ovaal_shared::{CardId, DocName, ParticipantId};
use yrs::Doc;

/// Where a carried card was first written.
#[derive(Debug, Clone, PartialEq)]
pub struct CarriedFrom {
    pub session: String,
    pub title: String,
    /// The author's name in that session.
    pub author_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoardCard {
    pub id: CardId,
    pub doc: DocName,
    /// Who wrote it in this session (`None` for carried cards).
    pub author: Option<ParticipantId>,
    pub kind: CardKind,
    pub text: String,
    pub position: Position,
    pub created_ms: i64,
    /// The phase it was written in.
    pub phase: Option<String>,
    pub carried: Option<CarriedFrom>,
    /// Where it was put by hand (place and order), if anyone moved it.
    pub arranged: Arrangement,
}

impl BoardCard {
    pub fn from_card(card: Card, doc: DocName) -> Self {
        Self {
            id: card.id,
            doc,
            author: Some(card.author),
            kind: card.kind,
            text: card.text,
            position: card.position,
            created_ms: card.created_ms,
            phase: card.phase,
            carried: None,
            arranged: Arrangement::default(),
        }
    }

    /// Written in a private round.
    pub fn is_private(&self) -> bool {
        matches!(self.doc, DocName::Private { .. })
    }

    /// The card's name in the `triage` document (`<author>/<card>`).
    pub fn triage_key(&self) -> Option<String> {
        self.author.as_ref().map(|a| card_key(a, &self.id))
    }
}

/// The documents that hold cards.
pub fn holds_cards(name: &DocName) -> bool {
    matches!(
        name,
        DocName::Participant(_) | DocName::Private { .. } | DocName::Carried
    )
}

/// The cards of one document, oldest first (empty for documents without cards).
pub fn read_doc_cards(name: &DocName, doc: &Doc) -> Vec<BoardCard> {
    let mut cards = read_plain_cards(name, doc);
    let arranged = read_arrangements(doc);
    if !arranged.is_empty() {
        for card in &mut cards {
            if let Some(a) = arranged.get(&card.id) {
                card.arranged = *a;
            }
        }
    }
    cards
}

fn read_plain_cards(name: &DocName, doc: &Doc) -> Vec<BoardCard> {
    match name {
        DocName::Participant(author) | DocName::Private { owner: author, .. } => {
            read_cards(doc, author)
                .into_iter()
                .map(|c| BoardCard::from_card(c, name.clone()))
                .collect()
        }
        DocName::Carried => read_carried(doc)
            .into_iter()
            .map(|c| BoardCard {
                id: c.id,
                doc: DocName::Carried,
                author: None,
                kind: c.kind,
                text: c.text,
                position: c.position,
                created_ms: c.created_ms,
                phase: None,
                carried: Some(CarriedFrom {
                    session: c.from_session,
                    title: c.from_title,
                    author_name: c.author_name,
                }),
                arranged: Arrangement::default(),
            })
            .collect(),
        DocName::Control | DocName::Triage => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::carried::{CarriedCard, add_carried};
    use ovaal_shared::board::participant::add_card_with;
    use ovaal_shared::board::{CardText, NewCard};

    #[test]
    fn cards_come_from_every_kind_of_document() {
        let anna: ParticipantId = "anna-12345".parse().unwrap();
        let private = DocName::Private {
            phase: "stillness".into(),
            owner: anna.clone(),
        };
        let doc = Doc::new();
        add_card_with(
            &doc,
            &NewCard {
                id: CardId::from_random([1; 16]),
                kind: CardKind::Mirror,
                text: CardText::new("Ik zie moed").unwrap(),
                position: Position::CENTRE,
                created_ms: 1,
                phase: Some("stillness".into()),
            },
        );
        let cards = read_doc_cards(&private, &doc);
        assert_eq!(cards.len(), 1);
        assert!(cards[0].is_private());
        assert_eq!(cards[0].author.as_ref(), Some(&anna));
        assert_eq!(cards[0].phase.as_deref(), Some("stillness"));
        assert!(cards[0].triage_key().unwrap().starts_with("anna-12345/"));

        let carried = Doc::new();
        add_carried(
            &carried,
            &CarriedCard {
                id: CardId::from_random([2; 16]),
                kind: CardKind::Action,
                text: "Bellen".into(),
                author_name: "Bram".into(),
                from_session: "urgentie-1".into(),
                from_title: "Urgentie".into(),
                position: Position { x: 0.2, y: 0.05 },
                created_ms: 2,
            },
        );
        let cards = read_doc_cards(&DocName::Carried, &carried);
        assert_eq!(cards[0].carried.as_ref().unwrap().title, "Urgentie");
        assert_eq!(cards[0].triage_key(), None);
        assert!(read_doc_cards(&DocName::Control, &carried).is_empty());
        assert!(holds_cards(&DocName::Carried) && !holds_cards(&DocName::Triage));
    }
}
