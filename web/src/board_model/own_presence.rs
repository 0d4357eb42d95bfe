//! What this browser tells the others about this person (their awareness state):
//! a writer's name, role, where they sit and the private round they are ready in,
//! once their profile exists; a room screen or observer says what it is, in the
//! page's language. The page only sends what is derived here.

use ovaal_shared::Role;
use ovaal_shared::protocol::presence::PresenceState;

use super::inputs::{People, Who};
use crate::i18n::{self, Key, Lang};

/// This person's presence state; `None` until the role is known and, for people who
/// write, until they joined (their profile exists).
///
/// `join_code`: the page was opened with a join code. An observers' link with a join
/// code is the projector of a session made before room screens had links of their
/// own, so it announces itself as a room screen.
pub fn derive(
    lang: Lang,
    who: &Who,
    people: &People,
    ready: Option<&str>,
    join_code: bool,
) -> Option<PresenceState> {
    let role = who.role?;
    let participant = who.me.as_str().to_owned();
    if !role.writes() {
        let name = if role == Role::RoomScreen || join_code {
            i18n::t(lang, Key::RoomScreen).to_owned()
        } else {
            ovaal_shared::words::capitalised(i18n::t(lang, Key::RoleObserver))
        };
        return Some(PresenceState {
            participant,
            name,
            role: role.as_str().to_owned(),
            location: "room".to_owned(),
            ready: None,
        });
    }
    let profile = people.profiles.get(&who.me)?;
    Some(PresenceState {
        participant,
        name: profile.name.clone(),
        role: role.as_str().to_owned(),
        location: profile.location.as_str().to_owned(),
        ready: ready.map(str::to_owned),
    })
}
