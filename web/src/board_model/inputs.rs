//! What the model is derived from: the documents as last read, and the local state
//! (the language, who this person is, who is present). Reading a document replaces
//! only the input it feeds; each input's version moves only when its value changed.

use std::collections::{BTreeMap, BTreeSet};

use ovaal_shared::board::control::{read_hot_seat, read_settings};
use ovaal_shared::board::facilitation::{Facilitation, read_facilitation};
use ovaal_shared::board::spotlight::{Spotlight, read_spotlight};
use ovaal_shared::board::triage::read_triage;
use ovaal_shared::board::{Profile, SessionSettings, participant};
use ovaal_shared::protocol::presence::PresenceState;
use ovaal_shared::{DocName, ParticipantId, Role};
use yrs::Doc;

use super::BoardModel;
use crate::card_model::{holds_cards, read_doc_cards};

/// Who this person is on this board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub me: ParticipantId,
    /// `None` until the server said (the handshake).
    pub role: Option<Role>,
    /// Connected and in sync (then this person counts as online on their own seat).
    pub live: bool,
}

/// What the control document says.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    /// `None` until the control document arrived.
    pub settings: Option<SessionSettings>,
    /// The plan, phase, timer and switches.
    pub facilitation: Facilitation,
    pub hot_seat: Option<ParticipantId>,
    pub spotlight: Option<Spotlight>,
}

impl Default for Control {
    fn default() -> Self {
        Self::read(&Doc::new())
    }
}

impl Control {
    pub fn read(doc: &Doc) -> Self {
        Self {
            settings: read_settings(doc),
            facilitation: read_facilitation(doc),
            hot_seat: read_hot_seat(doc),
            spotlight: read_spotlight(doc),
        }
    }

    pub fn seats(&self) -> u32 {
        self.settings.as_ref().map_or(0, |s| s.seats)
    }
}

/// The participants' documents: profiles, and who the facilitator removed (off the
/// table and the people list; their cards and names stay).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct People {
    pub profiles: BTreeMap<ParticipantId, Profile>,
    pub removed: BTreeSet<ParticipantId>,
}

/// This browser's side of the connection, as far as the presence part shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Connection {
    /// This person's own document arrived (then a missing profile means "join").
    pub own_doc_ready: bool,
}

/// Who is present now: each participant's awareness state (one per participant,
/// whichever browser tab said it).
pub type Present = BTreeMap<String, PresenceState>;

impl BoardModel {
    /// Reads one changed document into the input it feeds.
    pub fn read_doc(&mut self, name: &DocName, doc: &Doc) {
        match name {
            DocName::Control => {
                self.control.set(Control::read(doc));
            }
            DocName::Triage => {
                self.triage.set(read_triage(doc));
            }
            DocName::Participant(id) => {
                let mut people = self.people.get().clone();
                if participant::is_removed(doc) {
                    people.removed.insert(id.clone());
                } else {
                    people.removed.remove(id);
                }
                match participant::read_profile(doc) {
                    Some(profile) => people.profiles.insert(id.clone(), profile),
                    None => people.profiles.remove(id),
                };
                self.people.set(people);
            }
            _ => {}
        }
        if holds_cards(name) {
            self.set_cards(name, read_doc_cards(name, doc));
        }
    }
}
