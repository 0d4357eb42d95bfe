//! The facilitator's people list ("remove from the session"): everyone who joined
//! (has a profile), not the facilitator themselves and not who was removed already,
//! with their name and, while they are here, the role their presence announces.

use ovaal_shared::{ParticipantId, Role};

use super::inputs::{People, Present, Who};
use crate::i18n::Lang;

/// One person the facilitator may remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: ParticipantId,
    pub name: String,
    /// Their role, when they are here (presence says it).
    pub role: Option<Role>,
}

/// The people list, in the language its role names are shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct PeoplePanel {
    pub lang: Lang,
    /// By participant id (the profiles' order).
    pub people: Vec<PersonRow>,
}

/// The list, for the facilitator only.
pub fn derive(lang: Lang, who: &Who, people: &People, present: &Present) -> Option<PeoplePanel> {
    if who.role != Some(Role::Facilitator) {
        return None;
    }
    let rows = people
        .profiles
        .iter()
        .filter(|(id, _)| **id != who.me && !people.removed.contains(*id))
        .map(|(id, profile)| PersonRow {
            id: id.clone(),
            name: profile.name.clone(),
            role: present
                .get(id.as_str())
                .and_then(|state| state.role.parse().ok()),
        })
        .collect();
    Some(PeoplePanel { lang, people: rows })
}
