//! What the facilitator's spotlight shows ([`ovaal_shared::board::spotlight`], kept
//! in the control document): one card, or one place with its cards in the place's
//! order, each with its byline (none while names are hidden; a carried card's author
//! as named in the session it came from). The room screen shows it large; the
//! facilitator's bar above the board names it while it is up. Whether a change of
//! spotlight is read out is the page's concern: it compares with what it last drew.

use std::collections::BTreeMap;

use ovaal_shared::board::CardKind;
use ovaal_shared::board::spotlight::Spotlight;
use ovaal_shared::layout::card_order;
use ovaal_shared::{CardId, DocName, Role};

use super::card_looks::{card_spotlight, display_name};
use super::card_places::Places;
use super::inputs::{Control, People, Who};
use crate::card_model::BoardCard;
use crate::i18n::Lang;

/// A card in the spotlight.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotlitCard {
    pub id: CardId,
    pub kind: CardKind,
    pub text: String,
    /// The author's name, or empty while names are hidden.
    pub byline: String,
}

/// What the room screen shows over the table.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomShown {
    /// The spotlight's name (`card:…`, `place:…`), kept on the page for its tests.
    pub key: String,
    /// A place's name; none for one card.
    pub title: Option<String>,
    pub cards: Vec<SpotlitCard>,
}

/// The spotlight part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spotlit {
    pub lang: Lang,
    /// The spotlight as the control document says it.
    pub spotlight: Option<Spotlight>,
    /// What the room screen shows; none when nothing is up, or when the card is not
    /// on this board (deleted, or a private card not yet revealed): the table stays
    /// in view.
    pub room: Option<RoomShown>,
    /// The facilitator's bar: what is up (a place's name, or the start of the card's
    /// text), for the facilitator only, while anything is up.
    pub bar: Option<String>,
    /// This page belongs to the facilitator (who hears the spotlight's changes).
    pub facilitator: bool,
}

pub fn derive(
    lang: Lang,
    who: &Who,
    control: &Control,
    people: &People,
    cards: &BTreeMap<DocName, Vec<BoardCard>>,
) -> Spotlit {
    let facilitator = who.role == Some(Role::Facilitator);
    let Some(spotlight) = control.spotlight.clone() else {
        return Spotlit {
            lang,
            facilitator,
            ..Spotlit::default()
        };
    };
    let hide_names = control.facilitation.hide_names;
    let byline = |card: &BoardCard| -> String {
        if hide_names {
            return String::new();
        }
        match (&card.carried, &card.author) {
            (Some(from), _) => from.author_name.clone(),
            (None, Some(author)) => display_name(lang, people, author),
            _ => String::new(),
        }
    };
    let spotlit = |card: &BoardCard| SpotlitCard {
        id: card.id.clone(),
        kind: card.kind,
        text: card.text.clone(),
        byline: byline(card),
    };
    let everything = cards.values().flatten();
    let (title, shown): (Option<String>, Vec<SpotlitCard>) = match &spotlight {
        Spotlight::Card { .. } => (
            None,
            everything
                .filter(|c| card_spotlight(c) == spotlight)
                .take(1)
                .map(spotlit)
                .collect(),
        ),
        Spotlight::Place(place) => {
            let places = Places::new(control, people);
            let mut here: Vec<&BoardCard> = everything
                .filter(|c| places.place(c).place == *place)
                .collect();
            ovaal_shared::sort::sort_by(&mut here, |a, b| {
                card_order(
                    (a.arranged.order, a.created_ms, &a.id),
                    (b.arranged.order, b.created_ms, &b.id),
                )
            });
            (
                Some(places.name(lang, people, *place)),
                here.into_iter().map(spotlit).collect(),
            )
        }
    };
    let what = match &title {
        Some(title) => title.clone(),
        None => shown.first().map(|c| short(&c.text)).unwrap_or_default(),
    };
    let room = (title.is_some() || !shown.is_empty()).then(|| RoomShown {
        key: spotlight.to_string(),
        title,
        cards: shown,
    });
    Spotlit {
        lang,
        spotlight: Some(spotlight),
        room,
        bar: facilitator.then_some(what),
        facilitator,
    }
}

/// The start of a card's text, for the facilitator's bar.
fn short(text: &str) -> String {
    const MAX: usize = 80;
    let mut chars = text.chars();
    let start: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("“{}…”", start.trim_end())
    } else {
        format!("“{start}”")
    }
}
