//! Who is here and what this person is asked to do next: the "who's here" list and
//! its count, the room screen's count of people at the table, "you" in the header,
//! the hint line, the seat prompt, the join dialog and the keyboard hint.

use ovaal_shared::board::Location;
use ovaal_shared::protocol::presence::PresenceState;
use ovaal_shared::{ParticipantId, Role};

use super::inputs::{Connection, Control, People, Present, Who};
use crate::i18n::{Key, Lang};

/// One line of the "who's here" list.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonShown {
    /// What they announce: name, role, location, ready.
    pub state: PresenceState,
    pub is_me: bool,
    /// Sits in the hot seat (the case-holder).
    pub hot: bool,
    /// A master's or sponsor's badge.
    pub badge: Option<Role>,
    pub location: Option<Location>,
    /// Their seat at the table, from their profile.
    pub seat: Option<u32>,
}

/// The presence part of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PresenceShown {
    /// The language the list's words are in.
    pub lang: Lang,
    /// This person first (once they announce themselves), then the others by name.
    pub people: Vec<PersonShown>,
    /// The people at the table (who write), not the screens watching.
    pub at_table: usize,
    /// This person's name and role for the header, and whether their menu opens.
    pub my_name: Option<String>,
    pub my_role: Option<Role>,
    pub menu: bool,
    pub my_seat: Option<u32>,
    /// The hint line under the board.
    pub hint: Key,
    pub seat_prompt: bool,
    /// The join dialog (name and location) shows: this person writes, their own
    /// document arrived, and it holds no profile yet.
    pub needs_join: bool,
    pub keys_hint: bool,
}

impl Default for PresenceShown {
    /// Before anything is known: nobody here, the board loading.
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            people: Vec::new(),
            at_table: 0,
            my_name: None,
            my_role: None,
            menu: false,
            my_seat: None,
            hint: Key::LoadingBoard,
            seat_prompt: false,
            needs_join: false,
            keys_hint: false,
        }
    }
}

/// This browser's side: the connection, why it was given up, and what it announces
/// about this person (while connected).
pub struct Local<'a> {
    pub connection: &'a Connection,
    pub failure: Option<Key>,
    pub own: Option<&'a PresenceState>,
}

pub fn derive(
    lang: Lang,
    who: &Who,
    control: &Control,
    people: &People,
    present: &Present,
    local: &Local<'_>,
) -> PresenceShown {
    let me = &who.me;
    let is_hot = |participant: &str| {
        control
            .hot_seat
            .as_ref()
            .is_some_and(|h| h.as_str() == participant)
    };
    let seat_of = |participant: &str| {
        participant
            .parse::<ParticipantId>()
            .ok()
            .and_then(|id| people.profiles.get(&id))
            .and_then(|p| p.seat)
    };
    let line = |state: &PresenceState, is_me: bool| PersonShown {
        state: state.clone(),
        is_me,
        hot: is_hot(&state.participant),
        badge: state
            .role
            .parse()
            .ok()
            .filter(|r| matches!(r, Role::Master | Role::Sponsor)),
        location: state.location.parse().ok(),
        seat: seat_of(&state.participant),
    };
    let mut shown: Vec<PersonShown> = local
        .own
        .into_iter()
        .map(|state| line(state, true))
        .collect();
    let mut others: Vec<&PresenceState> = present
        .values()
        .filter(|s| s.participant != me.as_str())
        .collect();
    ovaal_shared::sort::sort_by_key(&mut others, |s| s.name.to_lowercase());
    shown.extend(others.into_iter().map(|s| line(s, false)));
    let at_table = shown
        .iter()
        .filter(|p| p.state.role.parse::<Role>().is_ok_and(Role::writes))
        .count();

    let mine = people.profiles.get(me);
    let writes = who.role.is_some_and(Role::writes);
    let my_seat = mine.and_then(|p| p.seat);
    let seated = my_seat.is_some();
    let hint = match (local.failure, who.role) {
        (Some(key), _) => key,
        (_, None) => Key::LoadingBoard,
        (_, Some(r)) if !r.writes() => Key::ReadOnlyNotice,
        (_, Some(_)) if !seated => Key::SeatHint,
        (_, Some(_)) => Key::DragHint,
    };
    PresenceShown {
        lang,
        people: shown,
        at_table,
        my_name: mine.map(|p| p.name.clone()),
        my_role: who.role,
        menu: writes && mine.is_some(),
        my_seat,
        hint,
        seat_prompt: writes && mine.is_some() && !seated,
        needs_join: writes && local.connection.own_doc_ready && mine.is_none(),
        keys_hint: writes && seated,
    }
}
