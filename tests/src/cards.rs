//! Board helpers shared by scenario tests.

use ovaal_shared::board::arrangement::read_arrangements;
use ovaal_shared::board::participant::{add_card, read_cards, write_profile};
use ovaal_shared::board::{Card, CardKind, CardText, Location, Position, Profile};
use ovaal_shared::{CardId, DocName, ParticipantId};

use crate::ProtocolClient;

/// A card's creation time, as a browser stamps it: the clock in milliseconds, strictly
/// increasing within the test process so cards written in the same millisecond keep
/// their order (the board orders cards by this time).
fn written_at() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// A fresh card id, as a browser makes one.
fn new_card_id() -> anyhow::Result<CardId> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)?;
    Ok(CardId::from_random(random))
}

impl ProtocolClient {
    /// Writes a profile and sits down, as the join screen does.
    pub async fn join_table(&mut self, name: &str, seat: u32) -> anyhow::Result<()> {
        let profile = Profile {
            name: name.to_owned(),
            seat: Some(seat),
            location: Location::Remote,
            seat_claimed_ms: 1,
        };
        let me = self.my_doc_name();
        self.edit(&me, |doc| write_profile(doc, &profile)).await
    }

    /// Adds a card to this client's own document and sends it.
    pub async fn add_card(&mut self, kind: CardKind, text: &str) -> anyhow::Result<CardId> {
        let me = self.my_doc_name();
        self.add_card_to(&me, kind, text).await
    }

    /// Adds `count` cards with the same kind and text to this client's own document
    /// in one update (as a board grown over many sessions holds them).
    pub async fn add_cards(
        &mut self,
        kind: CardKind,
        text: &str,
        count: usize,
    ) -> anyhow::Result<()> {
        let text = CardText::new(text)?;
        let mut ids = Vec::with_capacity(count);
        for _ in 0..count {
            ids.push(new_card_id()?);
        }
        let me = self.my_doc_name();
        self.edit(&me, move |d| {
            for id in &ids {
                add_card(
                    d,
                    id,
                    kind,
                    &text,
                    Position { x: 0.3, y: 0.7 },
                    written_at(),
                );
            }
        })
        .await
    }

    /// Adds a card to any document (used to attempt writes that must be refused).
    pub async fn add_card_to(
        &mut self,
        doc: &DocName,
        kind: CardKind,
        text: &str,
    ) -> anyhow::Result<CardId> {
        let id = new_card_id()?;
        let text = CardText::new(text)?;
        let card_id = id.clone();
        self.edit(doc, move |d| {
            add_card(
                d,
                &card_id,
                kind,
                &text,
                Position { x: 0.3, y: 0.7 },
                written_at(),
            )
        })
        .await?;
        Ok(id)
    }

    /// Adds a card locally only, as if written while the connection is down.
    pub fn add_card_offline(&mut self, kind: CardKind, text: &str) -> anyhow::Result<CardId> {
        let id = new_card_id()?;
        let text = CardText::new(text)?;
        let me = self.my_doc_name();
        let card_id = id.clone();
        self.edit_offline(&me, move |d| {
            add_card(
                d,
                &card_id,
                kind,
                &text,
                Position { x: 0.3, y: 0.7 },
                written_at(),
            )
        });
        Ok(id)
    }

    /// The cards this client currently sees in `author`'s document.
    pub fn cards_of(&self, author: &ParticipantId) -> Vec<Card> {
        self.docs
            .get(&DocName::Participant(author.clone()))
            .map(|doc| read_cards(doc, author))
            .unwrap_or_default()
    }

    /// The place a card was moved to (its `place` key, as `centre` or `seat:<n>`),
    /// looked up in every document this client holds; `None` while nobody moved it.
    /// Tests compare it with the page's `data-place` to prove a move reached the
    /// server, not only the page that made it.
    pub fn stored_place(&self, card: &str) -> Option<String> {
        self.docs.values().find_map(|doc| {
            read_arrangements(doc)
                .into_iter()
                .find(|(id, _)| id.as_str() == card)
                .and_then(|(_, a)| a.place)
                .map(|p| p.to_string())
        })
    }

    /// All card texts this client sees, sorted.
    pub fn all_card_texts(&self) -> Vec<String> {
        let mut texts: Vec<String> = self
            .docs
            .iter()
            .filter_map(|(name, doc)| name.owner().map(|o| read_cards(doc, o)))
            .flatten()
            .map(|c| c.text)
            .collect();
        texts.sort();
        texts
    }
}
