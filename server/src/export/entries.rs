//! The harvest's cards as one list, each with what the formats show next to it: who
//! wrote it, the case-holder's label or useful mark, and whether it came from a
//! (revealed) private round — and grouped by phase in plan order.

use std::collections::BTreeMap;

use super::schema::{Card, CarriedCard, Harvest, card_key};
use ovaal_shared::ParticipantId;
use ovaal_shared::board::phase::Phase;
use ovaal_shared::board::triage::Label;

/// One card with its context.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub card: &'a Card,
    pub author: &'a ParticipantId,
    pub private: bool,
    pub label: Option<Label>,
    pub useful: bool,
}

/// The cards of one phase (or, with `phase: None`, those written outside the plan).
#[derive(Debug)]
pub struct Section<'a> {
    /// The phase and its number in the plan (from 1).
    pub phase: Option<(usize, &'a Phase)>,
    pub entries: Vec<&'a Entry<'a>>,
}

pub struct Board<'a> {
    pub harvest: &'a Harvest,
    names: BTreeMap<&'a ParticipantId, &'a str>,
    entries: Vec<Entry<'a>>,
}

impl<'a> Board<'a> {
    pub fn new(harvest: &'a Harvest) -> Self {
        let names = harvest
            .participants
            .iter()
            .filter_map(|p| p.profile.as_ref().map(|pr| (&p.id, pr.name.as_str())))
            .collect();
        let useful: std::collections::BTreeSet<&str> =
            harvest.triage.useful.iter().map(String::as_str).collect();
        let own = harvest
            .participants
            .iter()
            .flat_map(|p| p.cards.iter().map(move |c| (&p.id, c, false)));
        let private = harvest
            .private_cards
            .iter()
            .flat_map(|r| r.cards.iter().map(move |c| (&r.author, c, true)));
        let mut entries: Vec<Entry<'a>> = own
            .chain(private)
            .map(|(author, card, private)| {
                let key = card_key(author, &card.id);
                Entry {
                    card,
                    author,
                    private,
                    label: harvest.triage.labels.get(&key).copied(),
                    useful: useful.contains(key.as_str()),
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            (a.card.created_ms, a.author, &a.card.id, a.private).cmp(&(
                b.card.created_ms,
                b.author,
                &b.card.id,
                b.private,
            ))
        });
        Self {
            harvest,
            names,
            entries,
        }
    }

    /// Every exported card, oldest first.
    pub fn entries(&self) -> &[Entry<'a>] {
        &self.entries
    }

    /// A participant's display name; a short form of the id for someone without a
    /// profile.
    pub fn name_of(&self, id: &ParticipantId) -> String {
        match self.names.get(id) {
            Some(name) => super::text::one_line(name),
            None => format!("#{}", id.as_str().chars().take(8).collect::<String>()),
        }
    }

    /// The author to show on a card, `None` when the facilitator hid names.
    pub fn author_shown(&self, entry: &Entry<'_>) -> Option<String> {
        (!self.harvest.facilitation.hide_names).then(|| self.name_of(entry.author))
    }

    /// The carried card's author as recorded, `None` when the facilitator hid names.
    pub fn carried_author(&self, card: &CarriedCard) -> Option<String> {
        (!self.harvest.facilitation.hide_names && !card.author_name.trim().is_empty())
            .then(|| super::text::one_line(&card.author_name))
    }

    /// Carried cards grouped by the session they come from, in order of first
    /// appearance (oldest card first).
    pub fn carried_by_origin(&self) -> Vec<(&'a str, Vec<&'a CarriedCard>)> {
        let mut groups: Vec<(&'a str, Vec<&'a CarriedCard>)> = Vec::new();
        for card in &self.harvest.carried {
            match groups
                .iter_mut()
                .find(|(title, _)| *title == card.from_title)
            {
                Some((_, cards)) => cards.push(card),
                None => groups.push((card.from_title.as_str(), vec![card])),
            }
        }
        groups
    }

    pub fn caseholder(&self) -> Option<&'a ParticipantId> {
        self.harvest.facilitation.hot_seat.as_ref()
    }

    /// The phase a card was written in, if it is in the plan.
    pub fn phase_of(&self, card: &Card) -> Option<(usize, &'a Phase)> {
        let id = card.phase.as_deref()?;
        self.harvest
            .facilitation
            .plan
            .iter()
            .enumerate()
            .find(|(_, p)| p.id == id)
            .map(|(i, p)| (i + 1, p))
    }

    /// One section per phase of the plan, in plan order, then one for cards without a
    /// phase (or of a phase no longer in the plan) if there are any.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let plan = &self.harvest.facilitation.plan;
        let mut sections: Vec<Section<'_>> = plan
            .iter()
            .enumerate()
            .map(|(i, phase)| Section {
                phase: Some((i + 1, phase)),
                entries: self
                    .entries
                    .iter()
                    .filter(|e| e.card.phase.as_deref() == Some(phase.id.as_str()))
                    .collect(),
            })
            .collect();
        let other: Vec<&Entry<'_>> = self
            .entries
            .iter()
            .filter(|e| self.phase_of(e.card).is_none())
            .collect();
        if !other.is_empty() || plan.is_empty() {
            sections.push(Section {
                phase: None,
                entries: other,
            });
        }
        sections
    }
}
