//! The labels the server gives the links it makes with a new session.

use ovaal_shared::link_label;

use super::Key;

/// The server names those links in English ([`link_label`]); they are the board's
/// words, not the facilitator's, so the page shows them in its own language. A label
/// someone typed gives `None` and is shown as typed.
pub fn default_link_label(label: &str) -> Option<Key> {
    Some(match label {
        link_label::FACILITATOR => Key::LinkFacilitator,
        link_label::PARTICIPANTS => Key::LinkParticipant,
        link_label::OBSERVERS => Key::LinkObserver,
        link_label::ROOM_SCREEN => Key::LinkRoomScreen,
        link_label::JOIN_CODE => Key::LinkJoinCode,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, t};

    #[test]
    fn the_servers_link_names_are_translated() {
        let dutch = |label| default_link_label(label).map(|k| t(Lang::Nl, k));
        assert_eq!(dutch("facilitator"), Some("Begeleider"));
        assert_eq!(dutch("participants"), Some("Deelnemers"));
        assert_eq!(dutch("observers"), Some("Toeschouwers"));
        assert_eq!(dutch("room screen"), Some("Zaalscherm"));
        assert_eq!(dutch("join code"), Some("Code voor de zaal"));
        assert_eq!(default_link_label("Sanne (invaller)"), None);
    }
}
