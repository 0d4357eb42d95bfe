//! The case-holder's triage, in the `triage` document: labels on question cards
//! (warm / neutral / cold) and a "useful" mark on advice cards. Only whoever sits in
//! the hot seat writes it (see [`crate::permissions`]).

use std::collections::BTreeMap;

use yrs::{Any, Doc, Map, Out, Transact};

use crate::ids::{CardId, ParticipantId};

const LABELS: &str = "labels";
const USEFUL: &str = "useful";

/// How a question landed with the case-holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Warm,
    Neutral,
    Cold,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Warm, Label::Neutral, Label::Cold];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Warm => "warm",
            Label::Neutral => "neutral",
            Label::Cold => "cold",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Cards are named across documents by author and card id.
pub fn card_key(author: &ParticipantId, card: &CardId) -> String {
    format!("{author}/{card}")
}

/// Labels a card, or clears its label.
pub fn write_label(doc: &Doc, author: &ParticipantId, card: &CardId, label: Option<Label>) {
    let map = doc.get_or_insert_map(LABELS);
    let mut txn = doc.transact_mut();
    let key = card_key(author, card);
    match label {
        Some(l) => {
            map.insert(&mut txn, key, l.as_str());
        }
        None => {
            map.remove(&mut txn, &key);
        }
    }
}

/// Marks an advice card as useful (or not).
pub fn write_useful(doc: &Doc, author: &ParticipantId, card: &CardId, useful: bool) {
    let map = doc.get_or_insert_map(USEFUL);
    let mut txn = doc.transact_mut();
    let key = card_key(author, card);
    if useful {
        map.insert(&mut txn, key, true);
    } else {
        map.remove(&mut txn, &key);
    }
}

/// The case-holder's judgements, keyed by [`card_key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    pub labels: BTreeMap<String, Label>,
    pub useful: BTreeMap<String, bool>,
}

impl Triage {
    pub fn label(&self, author: &ParticipantId, card: &CardId) -> Option<Label> {
        self.labels.get(&card_key(author, card)).copied()
    }

    pub fn is_useful(&self, author: &ParticipantId, card: &CardId) -> bool {
        self.useful
            .get(&card_key(author, card))
            .copied()
            .unwrap_or(false)
    }
}

pub fn read_triage(doc: &Doc) -> Triage {
    let labels = doc.get_or_insert_map(LABELS);
    let useful = doc.get_or_insert_map(USEFUL);
    let txn = doc.transact();
    Triage {
        labels: crate::sort::map_of(labels.iter(&txn).filter_map(|(k, v)| match v {
            Out::Any(Any::String(s)) => Label::parse(&s).map(|l| (k.to_owned(), l)),
            _ => None,
        })),
        useful: crate::sort::map_of(useful.iter(&txn).filter_map(|(k, v)| match v {
            Out::Any(Any::Bool(b)) => Some((k.to_owned(), b)),
            _ => None,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_useful_marks_round_trip() {
        let doc = Doc::new();
        let author: ParticipantId = "anna-12345".parse().unwrap();
        let card = CardId::from_random([3; 16]);
        assert_eq!(read_triage(&doc).label(&author, &card), None);
        write_label(&doc, &author, &card, Some(Label::Warm));
        write_useful(&doc, &author, &card, true);
        let t = read_triage(&doc);
        assert_eq!(t.label(&author, &card), Some(Label::Warm));
        assert!(t.is_useful(&author, &card));
        write_label(&doc, &author, &card, None);
        write_useful(&doc, &author, &card, false);
        let t = read_triage(&doc);
        assert_eq!(t.label(&author, &card), None);
        assert!(!t.is_useful(&author, &card));
    }
}
