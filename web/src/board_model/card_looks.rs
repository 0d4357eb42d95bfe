//! How each card looks, decided once for the table and the list: its byline (none
//! while the facilitator hides names; "from <session>" for carried cards), the "only
//! you see this" note on unrevealed private cards, the phase it was written in, the
//! case-holder's label and "useful" mark, what this person may do with it, and
//! whether it is in the facilitator's spotlight. A back-turned case-holder's page
//! shows no cards at all (their notes are on the back-turned screen).

use std::collections::BTreeMap;

use ovaal_shared::board::CardKind;
use ovaal_shared::board::spotlight::{CardOwner, Spotlight};
use ovaal_shared::board::triage::Label;
use ovaal_shared::{DocName, ParticipantId};

use super::inputs::{Control, People};
use super::rights::Rights;
use crate::card_model::BoardCard;
use crate::i18n::{self, Key, Lang};
use ovaal_shared::board::triage::Triage;

/// Which triage buttons a card offers (only to the person in the hot seat).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TriageTools {
    #[default]
    None,
    Labels,
    Useful,
}

impl TriageTools {
    /// The buttons for a card of `kind`, when this person may triage at all.
    pub fn for_kind(kind: CardKind, may_triage: bool) -> Self {
        match kind {
            _ if !may_triage => TriageTools::None,
            CardKind::Question => TriageTools::Labels,
            CardKind::Advice => TriageTools::Useful,
            _ => TriageTools::None,
        }
    }
}

/// How a card looks besides its text and place: decided by the board from the
/// documents and the facilitator's settings, applied by the views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardLook {
    /// "by Anna", empty while names are hidden, "Anna · from Urgentie" when carried.
    pub byline: String,
    /// A line above the text ("🔒 only you see this").
    pub note: String,
    /// The phase it was written in (the list shows it).
    pub phase: String,
    /// Edit and delete.
    pub editable: bool,
    /// Move (drag, arrow keys, "move to…").
    pub movable: bool,
    pub label: Option<Label>,
    pub useful: bool,
    pub tools: TriageTools,
    /// The facilitator's "show on the room screen": `None` when not offered, else
    /// whether the card is in the spotlight now.
    pub spotlight: Option<bool>,
}

impl CardLook {
    /// Whether the triage part (marks or buttons) differs between two looks.
    pub fn triage_differs(&self, other: &CardLook) -> bool {
        self.label != other.label || self.useful != other.useful || self.tools != other.tools
    }
}

/// A card as the board shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownCard {
    pub card: BoardCard,
    pub look: CardLook,
}

/// "by Anna".
pub fn by(lang: Lang, name: &str) -> String {
    i18n::tf(lang, Key::CardBy, &[("name", name)])
}

/// A person's name as shown on cards and seats ("someone" before their profile
/// arrived).
pub fn display_name(lang: Lang, people: &People, id: &ParticipantId) -> String {
    people
        .profiles
        .get(id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| i18n::t(lang, Key::Someone).to_owned())
}

/// The spotlight that names `card`.
pub fn card_spotlight(card: &BoardCard) -> Spotlight {
    let owner = match (&card.doc, &card.author) {
        (DocName::Carried, _) | (_, None) => CardOwner::Carried,
        (_, Some(author)) => CardOwner::Participant(author.clone()),
    };
    Spotlight::Card {
        owner,
        card: card.id.clone(),
    }
}

/// What every card's look depends on, gathered once per document.
pub struct LookContext<'a> {
    pub lang: Lang,
    pub me: &'a ParticipantId,
    pub control: &'a Control,
    pub people: &'a People,
    pub triage: &'a Triage,
    pub rights: &'a Rights,
    phase_names: BTreeMap<&'a str, &'a str>,
}

impl<'a> LookContext<'a> {
    pub fn new(
        lang: Lang,
        me: &'a ParticipantId,
        control: &'a Control,
        people: &'a People,
        triage: &'a Triage,
        rights: &'a Rights,
    ) -> Self {
        let phase_names = ovaal_shared::sort::map_of(
            control
                .facilitation
                .plan
                .iter()
                .map(|p| (p.id.as_str(), p.name.get(lang.tag()))),
        );
        Self {
            lang,
            me,
            control,
            people,
            triage,
            rights,
            phase_names,
        }
    }

    /// The look of `card`, which lives in a document this person may (or may not)
    /// write now.
    pub fn look(&self, card: &BoardCard, may_write: bool) -> CardLook {
        let lang = self.lang;
        let f = &self.control.facilitation;
        let byline = match (&card.carried, &card.author) {
            (Some(from), _) => {
                let origin = i18n::tf(lang, Key::CarriedFrom, &[("title", &from.title)]);
                if f.hide_names || from.author_name.is_empty() {
                    origin
                } else {
                    format!("{} · {origin}", from.author_name)
                }
            }
            (None, Some(author)) if !f.hide_names => {
                by(lang, &display_name(lang, self.people, author))
            }
            _ => String::new(),
        };
        let note = match &card.doc {
            DocName::Private { phase, owner }
                if owner == self.me && !f.revealed.contains(phase) =>
            {
                i18n::t(lang, Key::OnlyYou).to_owned()
            }
            _ => String::new(),
        };
        let key = card.triage_key();
        let carried = card.doc == DocName::Carried;
        let may_triage = self.rights.may_triage();
        CardLook {
            byline,
            note,
            phase: card
                .phase
                .as_deref()
                .and_then(|p| self.phase_names.get(p))
                .map(|name| (*name).to_owned())
                .unwrap_or_default(),
            editable: may_write && !carried,
            movable: may_write,
            label: key
                .as_ref()
                .and_then(|k| self.triage.labels.get(k).copied()),
            useful: key
                .as_ref()
                .is_some_and(|k| self.triage.useful.get(k) == Some(&true)),
            tools: TriageTools::for_kind(card.kind, may_triage && card.author.is_some()),
            spotlight: self
                .rights
                .offers_spotlight()
                .then(|| self.control.spotlight.as_ref() == Some(&card_spotlight(card))),
        }
    }

    /// The cards of document `doc` as shown: none on a back-turned case-holder's page.
    pub fn shown(&self, doc: &DocName, cards: &[BoardCard]) -> Vec<ShownCard> {
        if self.rights.back_turned() {
            return Vec::new();
        }
        let may_write = self.rights.may_write(doc);
        cards
            .iter()
            .map(|card| ShownCard {
                card: card.clone(),
                look: self.look(card, may_write),
            })
            .collect()
    }
}
