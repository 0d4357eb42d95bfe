//! What a session hands to the next one in its arc: its themes and actions (unless
//! the facilitator left some behind), the cards the facilitator chose, and everything
//! it had itself carried over — so the Oogst, the last session of a Mastercircle,
//! holds the whole arc's harvest.

use std::collections::BTreeSet;

use yrs::Doc;

use ovaal_shared::board::carried::{CarriedCard, read_carried};
use ovaal_shared::board::facilitation::read_facilitation;
use ovaal_shared::board::participant::{read_cards, read_profile};
use ovaal_shared::board::triage::card_key;
use ovaal_shared::board::{CardKind, Position};
use ovaal_shared::{DocName, SessionId};

/// Kinds that carry over unless left behind: what the group chose to work on, and
/// what the case-holders said they would do.
const BY_DEFAULT: [CardKind; 2] = [CardKind::Theme, CardKind::Action];

/// Which of a session's own cards go along, by card key (`<author>/<card>`, as in the
/// triage document).
#[derive(Debug, Default)]
pub struct Choice {
    /// Further cards to take along.
    pub carry: BTreeSet<String>,
    /// Themes and actions to leave behind.
    pub leave: BTreeSet<String>,
}

impl Choice {
    fn takes(&self, kind: CardKind, key: &str) -> bool {
        self.carry.contains(key) || (BY_DEFAULT.contains(&kind) && !self.leave.contains(key))
    }
}

/// The carried cards for the next session.
pub fn carry_over(
    session: &SessionId,
    title: &str,
    docs: &[(DocName, Doc)],
    choice: &Choice,
) -> Vec<CarriedCard> {
    let revealed = docs
        .iter()
        .find(|(name, _)| *name == DocName::Control)
        .map(|(_, d)| read_facilitation(d).revealed)
        .unwrap_or_default();
    let name_of = |author: &ovaal_shared::ParticipantId| {
        docs.iter()
            .find(|(name, _)| *name == DocName::Participant(author.clone()))
            .and_then(|(_, d)| read_profile(d))
            .map(|p| p.name)
            .unwrap_or_default()
    };
    let mut carried = Vec::new();
    for (name, doc) in docs {
        let author = match name {
            DocName::Participant(author) => author,
            // Private cards travel only once the group has seen them.
            DocName::Private { phase, owner } if revealed.contains(phase) => owner,
            DocName::Carried => {
                carried.extend(read_carried(doc));
                continue;
            }
            _ => continue,
        };
        for card in read_cards(doc, author) {
            if choice.takes(card.kind, &card_key(author, &card.id)) {
                carried.push(CarriedCard {
                    id: card.id,
                    kind: card.kind,
                    text: card.text,
                    author_name: name_of(author),
                    from_session: session.to_string(),
                    from_title: title.to_owned(),
                    position: card.position,
                    created_ms: card.created_ms,
                });
            }
        }
    }
    lay_out(&mut carried);
    carried
}

/// Puts carried cards in a row along the top of the board, oldest first, so they do
/// not cover the new session's table.
fn lay_out(cards: &mut [CarriedCard]) {
    cards.sort_by_key(|c| c.created_ms);
    let n = cards.len() as f64;
    for (i, card) in cards.iter_mut().enumerate() {
        let row = (i / 12) as f64;
        let column = (i % 12) as f64;
        let per_row = n.min(12.0);
        card.position = Position::clamped((column + 1.0) / (per_row + 1.0), 0.06 + row * 0.08);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::CardId;
    use ovaal_shared::board::participant::add_card;
    use ovaal_shared::board::{CardText, new_doc};

    #[test]
    fn themes_actions_and_chosen_cards_carry_over() {
        let anna: ovaal_shared::ParticipantId = "anna-12345".parse().unwrap();
        let doc = new_doc();
        let mut ids = Vec::new();
        for (i, kind) in [
            CardKind::Theme,
            CardKind::Question,
            CardKind::Advice,
            CardKind::Action,
        ]
        .into_iter()
        .enumerate()
        {
            let id = CardId::from_random([u8::try_from(i + 1).unwrap(); 16]);
            let text = CardText::new(&format!("{kind} kaart")).unwrap();
            add_card(&doc, &id, kind, &text, Position::CENTRE, i as i64);
            ids.push(id);
        }
        let mut choice = Choice {
            carry: [card_key(&anna, &ids[2])].into(),
            leave: BTreeSet::new(),
        };
        let session: SessionId = "urgentie-1".parse().unwrap();
        let docs = vec![(DocName::Participant(anna.clone()), doc)];
        let carried = carry_over(&session, "Urgentie", &docs, &choice);
        let texts: Vec<&str> = carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["theme kaart", "advice kaart", "action kaart"]);
        // A theme left behind stays behind; leaving a question means nothing.
        choice.leave = [card_key(&anna, &ids[0]), card_key(&anna, &ids[1])].into();
        let carried = carry_over(&session, "Urgentie", &docs, &choice);
        let texts: Vec<&str> = carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["advice kaart", "action kaart"]);
        assert!(carried.iter().all(|c| c.from_title == "Urgentie"));
        assert!(
            carried.iter().all(|c| c.position.y < 0.2),
            "laid out along the top"
        );
    }
}
